package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.model.App;
import dev.kit.model.Backups;
import dev.kit.model.Compression;
import dev.kit.model.Kit;
import dev.kit.model.Pooler;
import dev.kit.model.Resources;
import dev.kit.model.S3Credentials;
import dev.kit.testing.ColdJvm;
import dev.kit.testing.Validations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What validating a full CloudNativePG service costs a fresh JVM beyond running the rules: every
 * class it loads is listed by a child JVM ({@code -Xlog:class+load}). A record's first {@code
 * equals} bootstraps {@code java.lang.runtime.ObjectMethods} (~50 ms cold), and each lambda or
 * method reference the rules reach spins a hidden class (~0.5 ms cold each); PROFILE.md, section
 * 15.
 */
class ColdValidationTest {

  /** The child JVM: validates {@link #fullService()} once and prints its violations' count. */
  public static void main(String[] args) {
    MigrationDirectory migrations =
        new MigrationDirectory(
            List.of(
                new MigrationFile(
                    "20250101000000_init.sql",
                    "CREATE TABLE t (id int);\n".getBytes(StandardCharsets.UTF_8)),
                new MigrationFile(
                    "20250101000100_more.sql",
                    "-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY i ON t (id);\n"
                        .getBytes(StandardCharsets.UTF_8))));
    System.out.println(
        "violations: " + Validations.of(fullService(), s -> Optional.of(migrations)).size());
  }

  /** A service as the benchmarks' workload has it: every part a CNPG service commonly uses. */
  static Kit fullService() {
    return Kit.builder()
        .repository("fleet", r -> r.gitUrl("https://git.example.com/platform/fleet.git"))
        .service(
            "orders",
            s ->
                s.label("team", "team-1")
                    .database(
                        db ->
                            db.instances(3)
                                .storage("20Gi", "standard")
                                .walStorage("5Gi", "standard")
                                .resources(
                                    Resources.requests("500m", "1Gi").withLimits(null, "1Gi"))
                                .parameter("max_connections", "200")
                                .bootstrap("app", "app")
                                .antiAffinity("topology.kubernetes.io/zone")
                                .backups(
                                    "s3://fleet-backups/orders/",
                                    b ->
                                        b.credentials(
                                                S3Credentials.fromSecret(
                                                    "orders-backup-s3",
                                                    "ACCESS_KEY_ID",
                                                    "ACCESS_SECRET_KEY"))
                                            .walCompression(Compression.ZSTD)
                                            .dataCompression(Compression.GZIP)
                                            .retentionPolicy("30d")
                                            .schedule("0 0 2 * * *")
                                            .backupOwnerReference(Backups.BackupOwner.SELF))
                                .pooler(
                                    p ->
                                        p.instances(2)
                                            .poolMode(Pooler.PoolMode.TRANSACTION)
                                            .readOnly(true)))
                    .monitoring(
                        m ->
                            m.replicationLagThreshold(Duration.ofSeconds(30))
                                .selectorLabel("release", "kube-prometheus-stack"))
                    .migrations(m -> m.activeDeadlineSeconds(600))
                    .app(
                        "ghcr.io/example/orders:1.0.0",
                        a ->
                            a.port(8080)
                                .replicas(2)
                                .readinessPath("/ready")
                                .livenessPath("/healthz")
                                .connection(App.Connection.POOLER)))
        .build();
  }

  /** The classes the child JVM loaded, in order; one child serves every test. */
  private static List<String> loaded;

  private static synchronized List<String> classesLoadedByValidating()
      throws IOException, InterruptedException {
    if (loaded != null) {
      return loaded;
    }
    List<String> lines = ColdJvm.run(ColdValidationTest.class);
    assertThat(lines).contains("violations: 0");
    loaded =
        ColdJvm.classesLoaded(lines, DatabaseRules.class.getName(), ServiceRules.class.getName());
    return loaded;
  }

  @Test
  void validate_bootstrapsNoRecordMethod_whenTheDatabaseIsCloudNativePg()
      throws IOException, InterruptedException {
    assertThat(classesLoadedByValidating())
        .filteredOn(c -> c.startsWith("java.lang.runtime."))
        .isEmpty();
  }

  @Test
  void validate_spinsNoLambdaClassOfTheRules_forAFullCloudNativePgService()
      throws IOException, InterruptedException {
    assertThat(classesLoadedByValidating())
        .filteredOn(c -> c.startsWith("dev.kit.validate.") && c.contains("$$Lambda"))
        .filteredOn(c -> !c.startsWith(ColdValidationTest.class.getName())) // the builder's
        .isEmpty();
  }
}
