package dev.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.App;
import dev.kit.model.Backups;
import dev.kit.model.Kit;
import dev.kit.model.Pooler;
import dev.kit.model.S3Credentials;
import dev.kit.testing.ColdJvm;
import dev.kit.write.WriteReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  /** The child JVM: generates {@link #service()} into the repository {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    Path migrations = Files.createDirectories(root.resolve("services/orders/migrations"));
    Files.writeString(migrations.resolve("20250101000000_init.sql"), "CREATE TABLE t (id int);\n");
    Files.writeString(
        migrations.resolve("20250101000100_index.sql"),
        "-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY i ON t (id);\n");
    WriteReport report =
        Generator.forRepository(root)
            .source("dev.kit.ColdGenerationTest")
            .cache(root.resolve("target/kit-cache"))
            .generate(service());
    System.out.println("created: " + report.created().size());
  }

  /** A service with every part a CNPG service commonly has, as the benchmarks' workload has it. */
  static Kit service() {
    return Kit.builder()
        .repository("fleet", r -> r.gitUrl("https://git.example.com/platform/fleet.git"))
        .service(
            "orders",
            s ->
                s.database(
                        db ->
                            db.instances(3)
                                .storage("20Gi", "standard")
                                .backups(
                                    "s3://fleet-backups/orders/",
                                    b ->
                                        b.credentials(
                                                S3Credentials.fromSecret(
                                                    "orders-backup-s3",
                                                    "ACCESS_KEY_ID",
                                                    "ACCESS_SECRET_KEY"))
                                            .retentionPolicy("30d")
                                            .schedule("0 0 2 * * *")
                                            .backupOwnerReference(Backups.BackupOwner.SELF))
                                .pooler(p -> p.instances(2).poolMode(Pooler.PoolMode.TRANSACTION)))
                    .monitoring(m -> m.replicationLagThreshold(Duration.ofSeconds(30)))
                    .migrations(m -> m.activeDeadlineSeconds(600))
                    .app(
                        "ghcr.io/example/orders:1.0.0",
                        a -> a.port(8080).connection(App.Connection.POOLER)))
        .build();
  }

  private List<String> classesLoadedByGenerating() throws IOException, InterruptedException {
    List<String> lines = ColdJvm.run(ColdGenerationTest.class, repo.toString());
    assertThat(lines).anyMatch(line -> line.startsWith("created: "));
    return ColdJvm.classesLoaded(lines, Generator.class.getName(), RetiredServices.class.getName());
  }

  @Test
  void generate_spinsNoLambdaClassOfTheModelLayoutsPlanOrFingerprint_whenCold()
      throws IOException, InterruptedException {
    assertThat(classesLoadedByGenerating())
        .filteredOn(c -> c.contains("$$Lambda"))
        .filteredOn(
            c ->
                c.startsWith("dev.kit.model.")
                    || c.startsWith("dev.kit.layout.")
                    || c.startsWith("dev.kit.plan.")
                    || c.startsWith(RetiredServices.class.getName() + "$")
                    || c.startsWith("dev.kit.cache.Fingerprint$Shape"))
        .isEmpty();
  }
}
