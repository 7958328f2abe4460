package dev.kit.testing;

import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.model.App;
import dev.kit.model.Backups;
import dev.kit.model.Compression;
import dev.kit.model.Kit;
import dev.kit.model.Pooler;
import dev.kit.model.Resources;
import dev.kit.model.S3Credentials;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The full CloudNativePG service the cold-path guards run in a fresh JVM ({@link ColdJvm}): what a
 * cold run reaches for it is what they check.
 */
public final class FullService {

  private FullService() {}

  /** {@link #kit(String)} for {@code orders}. */
  public static Kit kit() {
    return kit("orders");
  }

  /**
   * One service named {@code name}, with every part a CNPG service commonly uses: the benchmarks'
   * {@code Workload} describes each of its services exactly so ({@code WorkloadTest} in
   * kit-benchmarks compares the two), so what the guards hold is what the benchmarks measure.
   */
  public static Kit kit(String name) {
    return Kit.builder()
        .repository(
            "fleet",
            r -> r.gitUrl("https://git.example.com/platform/fleet.git").targetRevision("main"))
        .service(
            name,
            s ->
                s.label("team", "team-" + (name.hashCode() & 15))
                    .database(
                        db ->
                            db.instances(3)
                                .postgresMajor(17)
                                .storage("20Gi", "standard")
                                .walStorage("5Gi", "standard")
                                .resources(
                                    Resources.requests("500m", "1Gi").withLimits(null, "1Gi"))
                                .parameter("max_connections", "200")
                                .parameter("shared_buffers", "256MB")
                                .bootstrap("app", "app")
                                .antiAffinity("topology.kubernetes.io/zone")
                                .backups(
                                    "s3://fleet-backups/" + name + "/",
                                    b ->
                                        b.credentials(
                                                S3Credentials.fromSecret(
                                                    name + "-backup-s3",
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
                        "ghcr.io/example/" + name + ":1.0.0",
                        a ->
                            a.port(8080)
                                .replicas(2)
                                .readinessPath("/ready")
                                .livenessPath("/healthz")
                                .connection(App.Connection.POOLER)))
        .build();
  }

  /** Its two migrations: a plain one and one that runs outside a transaction. */
  public static MigrationDirectory migrations() {
    return new MigrationDirectory(
        List.of(
            new MigrationFile(
                "20250101000000_init.sql",
                "CREATE TABLE t (id int);\n".getBytes(StandardCharsets.UTF_8)),
            new MigrationFile(
                "20250101000100_more.sql",
                "-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY i ON t (id);\n"
                    .getBytes(StandardCharsets.UTF_8))));
  }
}
