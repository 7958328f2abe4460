package dev.kit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.migration.MigrationDirectory;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import dev.kit.plan.FilePlan;
import dev.kit.render.KitRenderer;
import dev.kit.write.WriteReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the benchmarks rely on and the speed-ups must keep: same bytes on any path, nothing written when nothing changed. */
class GenerationIdentityTest {

  /** Enough services to render in parallel (the renderer forks from 8 on). */
  private static final int SERVICES = 24;

  @TempDir Path repo;

  private final Workload workload = new Workload(SERVICES);
  private Kit kit;

  @BeforeEach
  void writeWorkload() {
    workload.writeMigrations(repo);
    kit = workload.kit();
  }

  @Test
  void render_givesTheSameBytes_inParallelAndSequentially() {
    Map<String, MigrationDirectory> migrations = new HashMap<>();
    for (Service service : kit.services()) {
      migrations.put(service.name(), MigrationDirectory.read(repo.resolve("services").resolve(service.name()).resolve("migrations")));
    }

    FilePlan parallel = new KitRenderer("test", true).render(kit, migrations);
    FilePlan sequential = new KitRenderer("test", false).render(kit, migrations);

    assertThat(parallel.size()).isEqualTo(SERVICES * 15);
    assertThat(parallel.paths()).isEqualTo(sequential.paths());
    for (String path : sequential.paths()) {
      assertThat(parallel.content(path)).as(path).isEqualTo(sequential.content(path));
    }
    assertThat(parallel.warnings()).isEqualTo(sequential.warnings());
  }

  @Test
  void generate_writesExactlyThePlan_whenStreamingIntoAnEmptyFolder() throws IOException {
    Generator generator = Generator.forRepository(repo).source("test");
    FilePlan plan = generator.plan(kit);

    WriteReport report = generator.generate(kit);

    assertThat(report.created()).isEqualTo(plan.paths());
    assertThat(generatedFiles()).isEqualTo(plan.paths());
    for (String path : plan.paths()) {
      assertThat(Files.readAllBytes(repo.resolve(path))).as(path).isEqualTo(plan.content(path));
    }
  }

  @Test
  void generate_writesNothing_whenRunAgain() throws IOException {
    Generator generator = Generator.forRepository(repo).source("test");
    generator.generate(kit);
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    for (String path : generatedFiles()) {
      Files.setLastModifiedTime(repo.resolve(path), old);
    }
    List<String> before = generatedFiles();

    WriteReport again = generator.generate(kit);

    assertThat(again.changedCount()).isZero();
    assertThat(WholeProcessRun.bytesWritten(repo, again)).isZero();
    assertThat(again.unchanged()).hasSize(SERVICES * 15);
    assertThat(generatedFiles()).as("no file added, not even a temporary one").isEqualTo(before);
    for (String path : before) {
      assertThat(Files.getLastModifiedTime(repo.resolve(path))).as(path).isEqualTo(old);
    }
  }

  /** Every file under services/ but the migrations, as sorted repository-relative paths. */
  private List<String> generatedFiles() throws IOException {
    try (Stream<Path> files = Files.walk(repo.resolve("services"))) {
      return files.filter(Files::isRegularFile)
          .filter(file -> !file.getFileName().toString().endsWith(".sql"))
          .map(file -> repo.relativize(file).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }
}
