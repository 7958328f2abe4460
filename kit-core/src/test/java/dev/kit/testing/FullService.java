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

  /**
   * {@code orders}, with every part a CNPG service commonly uses, as the benchmarks' workload has
   * it.
   */
  public static Kit kit() {
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
