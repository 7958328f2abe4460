package dev.kit.benchmarks;

import dev.kit.model.App;
import dev.kit.model.Backups;
import dev.kit.model.Compression;
import dev.kit.model.Kit;
import dev.kit.model.Pooler;
import dev.kit.model.Resources;
import dev.kit.model.S3Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * N full-stack services, the shape a platform team keeps in one GitOps repository: each has a
 * replicated CNPG cluster with Barman Cloud backups on a schedule, read-write and read-only
 * PgBouncer poolers, monitoring, a generated app, and {@value #MIGRATIONS_PER_SERVICE} migrations
 * of about {@value #MIGRATION_BYTES} bytes. Everything is a pure function of N, so every run
 * measures the same bytes.
 *
 * <pre>{@code
 * Workload workload = new Workload(1_000);
 * workload.writeMigrations(repo);
 * WriteReport report = Generator.forRepository(repo).generate(workload.kit());
 * }</pre>
 */
public final class Workload {

  /** Migrations per service, as the issue that asked for this workload describes it. */
  public static final int MIGRATIONS_PER_SERVICE = 20;

  /** The approximate size of one migration file. */
  public static final int MIGRATION_BYTES = 2048;

  private final int services;

  /**
   * @param services how many services, at least 1
   */
  public Workload(int services) {
    if (services < 1) {
      throw new IllegalArgumentException("a workload has at least one service: " + services);
    }
    this.services = services;
  }

  public int services() {
    return services;
  }

  /** The name of service {@code index} (from 0): zero-padded, so names sort in index order. */
  public static String serviceName(int index) {
    String digits = Integer.toString(index + 1);
    return "svc-" + "0".repeat(Math.max(0, 5 - digits.length())) + digits;
  }

  /** The description of every service. */
  public Kit kit() {
    Kit.Builder kit =
        Kit.builder()
            .repository(
                "fleet",
                r -> r.gitUrl("https://git.example.com/platform/fleet.git").targetRevision("main"));
    for (int i = 0; i < services; i++) {
      String name = serviceName(i);
      kit.service(
          name,
          s ->
              s.label("team", "team-" + (name.hashCode() & 15))
                  .database(
                      db ->
                          db.instances(3)
                              .postgresMajor(17)
                              .storage("20Gi", "standard")
                              .walStorage("5Gi", "standard")
                              .resources(Resources.requests("500m", "1Gi").withLimits(null, "1Gi"))
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
                              .connection(App.Connection.POOLER)));
    }
    return kit.build();
  }

  /** Writes every service's migrations under {@code repo/services/<service>/migrations/}. */
  public void writeMigrations(Path repo) {
    try {
      for (int i = 0; i < services; i++) {
        Path dir =
            Files.createDirectories(
                repo.resolve("services").resolve(serviceName(i)).resolve("migrations"));
        for (int m = 0; m < MIGRATIONS_PER_SERVICE; m++) {
          Files.write(dir.resolve(migrationName(m)), migration(i, m));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the workload's migrations under " + repo, e);
    }
  }

  /**
   * Deletes every file kit generated under {@code repo/services/}, keeping the migrations, so the
   * next generation writes into an empty folder.
   */
  public static void removeGeneratedFiles(Path repo) {
    Path services = repo.resolve("services");
    if (!Files.isDirectory(services)) {
      return;
    }
    try (Stream<Path> files = Files.walk(services)) {
      List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
      for (Path path : all) {
        if (Files.isDirectory(path)) {
          try (Stream<Path> entries = Files.list(path)) {
            if (entries.findAny().isEmpty()) {
              Files.delete(path);
            }
          }
        } else if (!path.getFileName().toString().endsWith(".sql")) {
          Files.delete(path);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + services, e);
    }
  }

  /** The file name of migration {@code index}: one version per minute from 2025-01-01. */
  static String migrationName(int index) {
    return String.format(
        java.util.Locale.ROOT,
        "20250101%02d%02d00_create_table_%02d.sql",
        index / 60,
        index % 60,
        index);
  }

  /**
   * A migration of about {@link #MIGRATION_BYTES}: a table, an index and comments, as teams write
   * them.
   */
  static byte[] migration(int service, int index) {
    String table = serviceName(service).replace('-', '_') + "_t" + index;
    StringBuilder sql = new StringBuilder(MIGRATION_BYTES + 128);
    sql.append("-- Creates ")
        .append(table)
        .append(": migration ")
        .append(index + 1)
        .append(" of ")
        .append(MIGRATIONS_PER_SERVICE)
        .append(".\n");
    sql.append("CREATE TABLE ")
        .append(table)
        .append(" (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n");
    for (int column = 1; sql.length() < MIGRATION_BYTES - 300; column++) {
      sql.append("  attribute_")
          .append(column)
          .append(column % 3 == 0 ? " numeric(12, 2) NOT NULL DEFAULT 0" : " text")
          .append(",\n");
    }
    sql.append("  created_at timestamptz NOT NULL DEFAULT now()\n);\n\n");
    sql.append("CREATE INDEX ")
        .append(table)
        .append("_created_at_idx ON ")
        .append(table)
        .append(" (created_at);\n\n");
    sql.append("COMMENT ON TABLE ")
        .append(table)
        .append(" IS 'Rows the service keeps for its ")
        .append(index % 2 == 0 ? "orders" : "customers")
        .append("; see the runbook.';\n");
    while (sql.length() < MIGRATION_BYTES - 1) {
      sql.append('-'); // pads every file to the same size, so MB/s figures are comparable across N
    }
    return sql.append('\n').toString().getBytes(StandardCharsets.UTF_8);
  }
}
