package dev.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.migration.MigrationFile;
import dev.kit.testing.ColdJvm;
import dev.kit.testing.FullService;
import dev.kit.write.WriteReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a cold {@code kit:generate} spins outside rendering and validation: a child JVM generates a
 * full CloudNativePG service with its cache, and lists every class it loads ({@code
 * -Xlog:class+load}). Each lambda or method reference a cold run reaches spins a hidden class (~0.5
 * ms each); the model, the layouts, the plan, the retired services and the fingerprint's walk of
 * the description ask per service or once per run, and do it with ifs and loops (PROFILE.md,
 * section 16.3). Their neighbours that keep lambdas do so for parallel passes or callbacks.
 */
class ColdGenerationTest {

  @TempDir Path repo;

  /** The child JVM: generates {@link FullService} into the repository {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    Path migrations = Files.createDirectories(root.resolve("services/orders/migrations"));
    for (MigrationFile file : FullService.migrations().files()) {
      Files.write(migrations.resolve(file.name()), file.content());
    }
    WriteReport report =
        Generator.forRepository(root)
            .source("dev.kit.ColdGenerationTest")
            .cache(root.resolve("target/kit-cache"))
            .generate(FullService.kit());
    System.out.println("created: " + report.created().size());
  }

  private List<String> classesLoadedByGenerating() throws IOException, InterruptedException {
    List<String> lines = ColdJvm.run(ColdGenerationTest.class, repo.toString());
    assertThat(lines).anyMatch(line -> line.startsWith("created: "));
    return ColdJvm.classesLoaded(lines, Generator.class.getName(), RetiredServices.class.getName());
  }

  @Test
  void generate_spinsNoLambdaClassOfTheModelLayoutsPlanFingerprintOrPlanWriter_whenCold()
      throws IOException, InterruptedException {
    assertThat(classesLoadedByGenerating())
        .filteredOn(c -> c.contains("$$Lambda"))
        .filteredOn(
            c ->
                c.startsWith("dev.kit.model.")
                    || c.startsWith("dev.kit.layout.")
                    || c.startsWith("dev.kit.plan.")
                    || c.startsWith(RetiredServices.class.getName() + "$")
                    // StaleFiles.list keeps its one lambda: a parallel walk, one service a task
                    || c.startsWith("dev.kit.write.PlanWriter$")
                    || c.startsWith("dev.kit.cache.Fingerprint$Shape"))
        .isEmpty();
  }
}
