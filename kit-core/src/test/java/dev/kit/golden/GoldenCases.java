package dev.kit.golden;

import dev.kit.model.ArgoCd;
import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Resources;
import dev.kit.model.SslMode;
import dev.kit.model.TxMode;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** One description per golden case; each case folder under {@code golden/} holds its inputs and expected output. */
final class GoldenCases {

  static final Map<String, Supplier<Kit>> CASES = Map.of(
      "minimal", GoldenCases::minimal,
      "database-full", GoldenCases::databaseFull,
      "migrations-options", GoldenCases::migrationsOptions,
      "no-migrations", GoldenCases::noMigrations,
      "patches", GoldenCases::patches,
      "raw-bytes", GoldenCases::rawBytes);

  private GoldenCases() {}

  private static Kit.Builder shop() {
    return Kit.builder().repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git").targetRevision("main"));
  }

  /** Defaults everywhere: one instance, PostgreSQL 17, one migration. */
  static Kit minimal() {
    return shop().service("orders", s -> s.database(db -> db.storage("1Gi"))).build();
  }

  /** Every database field the DSL models, plus Argo CD settings, namespace and labels. */
  static Kit databaseFull() {
    return Kit.builder()
        .repository("payments-platform", r -> r
            .gitUrl("git@github.com:acme/payments.git")
            .targetRevision("release-2026.11")
            .argoCd(ArgoCd.builder().namespace("gitops").project("payments").destinationServer("https://prod.k8s.acme.internal:6443").build()))
        .service("payments", s -> s
            .namespace("payments-prod")
            .label("team", "ledger")
            .label("acme.com/cost-center", "cc-42")
            .database(db -> db
                .clusterName("ledger-db")
                .instances(3)
                .postgresMajor(16)
                .imageName("ghcr.io/cloudnative-pg/postgresql:16.14-standard-trixie")
                .storage("100Gi", "fast-ssd")
                .walStorage("20Gi", "fast-ssd")
                .resources(Resources.requests("2", "8Gi").withLimits(null, "8Gi"))
                .parameter("shared_buffers", "2GB")
                .parameter("max_connections", "300")
                .parameter("pg_stat_statements.max", "10000")
                .bootstrap("ledger", "ledger_owner")
                .superuserAccess(true)
                .antiAffinity("kubernetes.io/hostname")))
        .build();
  }

  /** Every migrations option: folder, image, revisions schema, baseline, tx mode, sslmode, limits. */
  static Kit migrationsOptions() {
    return shop()
        .service("orders", s -> s
            .database(db -> db.storage("5Gi").postgresMajor(18))
            .migrations(m -> m
                .directory("db/migrations")
                .atlasImage("arigaio/atlas:1.2.3-extended")
                .revisionsSchema("ops")
                .baseline("20250101120000")
                .txMode(TxMode.ALL)
                .sslMode(SslMode.REQUIRE)
                .backoffLimit(1)
                .activeDeadlineSeconds(300)
                .resources(Resources.requests("100m", "128Mi").withLimits("500m", "512Mi"))))
        .build();
  }

  /** A service with a database and no migrations: no ConfigMap, Job, atlas.hcl or atlas.sum. */
  static Kit noMigrations() {
    return shop().service("cache", s -> s.database(db -> db.storage("1Gi")).withoutMigrations()).build();
  }

  /** The escape hatch on every generated object. */
  static Kit patches() {
    return shop()
        .service("orders", s -> s
            .database(db -> db.storage("1Gi"))
            .patch(Patch.set(Patch.Target.CLUSTER, "/spec/primaryUpdateStrategy", "supervised"))
            .patch(Patch.set(Patch.Target.CLUSTER, "/spec/postgresql/pg_hba", List.of("host all all 10.0.0.0/8 scram-sha-256")))
            .patch(Patch.set(Patch.Target.CLUSTER, "/spec/monitoring", Map.of("enablePodMonitor", false)))
            .patch(Patch.set(Patch.Target.MIGRATION_JOB, "/spec/template/spec/priorityClassName", "batch-low"))
            .patch(Patch.set(Patch.Target.MIGRATION_JOB, "/spec/template/spec/containers/0/env/-", Map.of("name", "ATLAS_NO_UPDATE_NOTIFIER", "value", "1")))
            .patch(Patch.set(Patch.Target.MIGRATIONS_CONFIGMAP, "/metadata/annotations/acme.com~1owner", "orders-team"))
            .patch(Patch.remove(Patch.Target.APPLICATION, "/spec/syncPolicy/automated/prune"))
            .patch(Patch.replace(Patch.Target.APPLICATION, "/spec/syncPolicy/retry/limit", 10)))
        .build();
  }

  /** Migration files with CRLF, a BOM, no final newline and tabs: every byte reaches Atlas unchanged. */
  static Kit rawBytes() {
    return shop().service("legacy", s -> s.database(db -> db.storage("1Gi"))).build();
  }
}
