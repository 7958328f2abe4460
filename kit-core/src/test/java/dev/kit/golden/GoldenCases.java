package dev.kit.golden;

import dev.kit.model.App;
import dev.kit.model.ArgoCd;
import dev.kit.model.Backups;
import dev.kit.model.Compression;
import dev.kit.model.Database;
import dev.kit.model.DeclarativeSchema;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Monitoring;
import dev.kit.model.Patch;
import dev.kit.model.PlanetScale;
import dev.kit.model.Platform;
import dev.kit.model.Pooler;
import dev.kit.model.Resources;
import dev.kit.model.Restore;
import dev.kit.model.S3Credentials;
import dev.kit.model.SslMode;
import dev.kit.model.TxMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One description per golden case; each case folder under {@code golden/} holds its inputs and
 * expected output.
 */
public final class GoldenCases {

  public static final Map<String, Supplier<Kit>> CASES =
      Map.ofEntries(
          Map.entry("minimal", GoldenCases::minimal),
          Map.entry("database-full", GoldenCases::databaseFull),
          Map.entry("migrations-options", GoldenCases::migrationsOptions),
          Map.entry("no-migrations", GoldenCases::noMigrations),
          Map.entry("patches", GoldenCases::patches),
          Map.entry("raw-bytes", GoldenCases::rawBytes),
          Map.entry("backups-plugin", GoldenCases::backupsPlugin),
          Map.entry("backups-legacy", GoldenCases::backupsLegacy),
          Map.entry("restore", GoldenCases::restore),
          Map.entry("pooler-and-app", GoldenCases::poolerAndApp),
          Map.entry("monitoring", GoldenCases::monitoring),
          Map.entry("operator-engine", GoldenCases::operatorEngine),
          Map.entry("platform-app-of-apps", GoldenCases::platformAppOfApps),
          Map.entry("platform-applicationset", GoldenCases::platformApplicationSet),
          Map.entry("existing-database", GoldenCases::existingDatabase),
          Map.entry("existing-database-ca", GoldenCases::existingDatabaseCa),
          Map.entry("planetscale-minimal", GoldenCases::planetScaleMinimal),
          Map.entry("planetscale-full", GoldenCases::planetScaleFull),
          Map.entry("planetscale-module-only", GoldenCases::planetScaleModuleOnly),
          Map.entry("cnpg-database", GoldenCases::cnpgDatabase),
          Map.entry("environments", GoldenCases::environments),
          Map.entry("environments-applicationset", GoldenCases::environmentsApplicationSet),
          Map.entry("environments-providers", GoldenCases::environmentsProviders));

  private GoldenCases() {}

  private static Kit.Builder shop() {
    return Kit.builder()
        .repository(
            "shop", r -> r.gitUrl("https://github.com/acme/shop.git").targetRevision("main"));
  }

  /** Defaults everywhere: one instance, PostgreSQL 17, one migration. */
  static Kit minimal() {
    return shop().service("orders", s -> s.database(db -> db.storage("1Gi"))).build();
  }

  /** Every database field the DSL models, plus Argo CD settings, namespace and labels. */
  static Kit databaseFull() {
    return Kit.builder()
        .repository(
            "payments-platform",
            r ->
                r.gitUrl("git@github.com:acme/payments.git")
                    .targetRevision("release-2026.11")
                    .argoCd(
                        ArgoCd.builder()
                            .namespace("gitops")
                            .project("payments")
                            .destinationServer("https://prod.k8s.acme.internal:6443")
                            .build()))
        .service(
            "payments",
            s ->
                s.namespace("payments-prod")
                    .label("team", "ledger")
                    .label("acme.com/cost-center", "cc-42")
                    .database(
                        db ->
                            db.clusterName("ledger-db")
                                .instances(3)
                                .postgresMajor(16)
                                .imageName(
                                    "ghcr.io/cloudnative-pg/postgresql:16.14-standard-trixie")
                                .storage("100Gi", "fast-ssd")
                                .walStorage("20Gi", "fast-ssd")
                                .resources(Resources.requests("2", "8Gi").withLimits(null, "8Gi"))
                                .parameter("shared_buffers", "2GB")
                                .parameter("max_connections", "300")
                                .parameter("pg_stat_statements.max", "10000")
                                .bootstrap("ledger", "ledger_owner")
                                .superuserAccess(true)
                                .antiAffinity("kubernetes.io/hostname")
                                .role(
                                    "analytics",
                                    r ->
                                        r.login()
                                            .passwordSecret("payments-analytics")
                                            .inRole("readers")
                                            .inRole("pg_read_all_stats")
                                            .connectionLimit(10)
                                            .validUntil(Instant.parse("2027-06-30T00:00:00Z"))
                                            .comment("BI dashboards"))
                                .role("readers", r -> r.comment("read-only access"))
                                .role("auditor", r -> r.inRole("readers").noInherit().bypassRls())
                                .dropRole("legacy_etl")))
        .build();
  }

  /**
   * Every migrations option: folder, image, revisions schema, baseline, tx mode, sslmode, limits.
   */
  static Kit migrationsOptions() {
    return shop()
        .service(
            "orders",
            s ->
                s.database(db -> db.storage("5Gi").postgresMajor(18))
                    .migrations(
                        m ->
                            m.directory("db/migrations")
                                .atlasImage("arigaio/atlas:1.2.3-extended")
                                .revisionsSchema("ops")
                                .baseline("20250101120000")
                                .txMode(TxMode.ALL)
                                .sslMode(SslMode.REQUIRE)
                                .backoffLimit(1)
                                .activeDeadlineSeconds(300)
                                .resources(
                                    Resources.requests("100m", "128Mi")
                                        .withLimits("500m", "512Mi"))))
        .build();
  }

  /** A service with a database and no migrations: no ConfigMap, Job, atlas.hcl or atlas.sum. */
  static Kit noMigrations() {
    return shop()
        .service("cache", s -> s.database(db -> db.storage("1Gi")).withoutMigrations())
        .build();
  }

  /**
   * The escape hatch on every generated object; two instances, as a supervised primary update needs
   * a replica.
   */
  static Kit patches() {
    return shop()
        .service(
            "orders",
            s ->
                s.database(db -> db.storage("1Gi").instances(2))
                    .patch(
                        Patch.set(
                            Patch.Target.CLUSTER, "/spec/primaryUpdateStrategy", "supervised"))
                    .patch(
                        Patch.set(
                            Patch.Target.CLUSTER,
                            "/spec/postgresql/pg_hba",
                            List.of("host all all 10.0.0.0/8 scram-sha-256")))
                    .patch(
                        Patch.set(
                            Patch.Target.CLUSTER,
                            "/spec/monitoring",
                            Map.of("enablePodMonitor", false)))
                    .patch(
                        Patch.set(
                            Patch.Target.MIGRATION_JOB,
                            "/spec/template/spec/priorityClassName",
                            "batch-low"))
                    .patch(
                        Patch.set(
                            Patch.Target.MIGRATION_JOB,
                            "/spec/template/spec/containers/0/env/-",
                            Map.of("name", "ATLAS_NO_ANON_TELEMETRY", "value", "true")))
                    .patch(
                        Patch.set(
                            Patch.Target.MIGRATIONS_CONFIGMAP,
                            "/metadata/annotations/acme.com~1owner",
                            "orders-team"))
                    .patch(
                        Patch.remove(Patch.Target.APPLICATION, "/spec/syncPolicy/automated/prune"))
                    .patch(
                        Patch.replace(
                            Patch.Target.APPLICATION, "/spec/syncPolicy/retry/limit", 10)))
        .build();
  }

  /**
   * Migration files with CRLF, a BOM, no final newline and tabs: every byte reaches Atlas
   * unchanged.
   */
  static Kit rawBytes() {
    return shop().service("legacy", s -> s.database(db -> db.storage("1Gi"))).build();
  }

  /** Barman Cloud plugin backups with every option, and the replica and placement settings. */
  static Kit backupsPlugin() {
    return shop()
        .service(
            "orders",
            s ->
                s.withoutMigrations()
                    .database(
                        db ->
                            db.instances(3)
                                .storage("20Gi")
                                .requiredAntiAffinity("topology.kubernetes.io/zone")
                                .podDisruptionBudget(true)
                                .primaryUpdateStrategy(Database.PrimaryUpdateStrategy.SUPERVISED)
                                .primaryUpdateMethod(Database.PrimaryUpdateMethod.SWITCHOVER)
                                .backups(
                                    "s3://acme-backups/orders/",
                                    b ->
                                        b.endpointUrl("https://minio.storage.svc:9000")
                                            .endpointCa("minio-ca", "ca.crt")
                                            .region("orders-backup-s3", "REGION")
                                            .credentials(
                                                S3Credentials.fromSecret(
                                                    "orders-backup-s3",
                                                    "ACCESS_KEY_ID",
                                                    "ACCESS_SECRET_KEY"))
                                            .walCompression(Compression.ZSTD)
                                            .dataCompression(Compression.GZIP)
                                            .retentionPolicy("30d")
                                            .schedule("0 0 2 * * *")
                                            .backupOwnerReference(Backups.BackupOwner.CLUSTER)
                                            .immediate(false))))
        .build();
  }

  /**
   * The deprecated in-tree barmanObjectStore, only as an explicit option, with an IAM role through
   * IRSA.
   */
  static Kit backupsLegacy() {
    return shop()
        .service(
            "orders",
            s ->
                s.withoutMigrations()
                    .database(
                        db ->
                            db.storage("5Gi")
                                .backups(
                                    "s3://acme-backups/orders/",
                                    b ->
                                        b.credentials(
                                                S3Credentials.inheritFromIamRole(
                                                    "arn:aws:iam::123456789012:role/orders-backups"))
                                            .retentionPolicy("4w")
                                            .schedule("@daily")
                                            .legacyInTree())))
        .build();
  }

  /**
   * "Restore orders from last night's backup into orders-restore" (its database and owner come from
   * orders), and a restore from a named ObjectStore, which names the database and owner in the
   * backups.
   */
  static Kit restore() {
    return shop()
        .service(
            "orders",
            s ->
                s.withoutMigrations()
                    .database(
                        db ->
                            db.storage("20Gi")
                                .bootstrap("orders", "orders")
                                .backups(
                                    "s3://acme-backups/orders/",
                                    b ->
                                        b.credentials(
                                            S3Credentials.inheritFromIamRole(
                                                "arn:aws:iam::123456789012:role/orders-backups")))))
        .service(
            "orders-restore",
            s ->
                s.namespace("orders")
                    .withoutMigrations()
                    .database(
                        db ->
                            db.storage("20Gi")
                                .restore(
                                    Restore.fromService("orders")
                                        .pointInTime(Instant.parse("2026-11-22T23:00:00Z")))))
        .service(
            "legacy-copy",
            s ->
                s.namespace("orders")
                    .withoutMigrations()
                    .database(
                        db ->
                            db.storage("5Gi")
                                .bootstrap("legacy", "legacy_app")
                                .restore(Restore.fromObjectStore("old-store", "legacy-cluster"))))
        .build();
  }

  /** PgBouncer (rw and ro) and generated apps with each way to reach the database. */
  static Kit poolerAndApp() {
    return shop()
        .service(
            "orders",
            s ->
                s.database(
                        db ->
                            db.storage("1Gi")
                                .instances(2)
                                .pooler(
                                    p ->
                                        p.instances(3)
                                            .poolMode(Pooler.PoolMode.TRANSACTION)
                                            .parameter("max_client_conn", "1000")
                                            .parameter("default_pool_size", "20")
                                            .readOnly(true))
                                .role(
                                    "orders_app",
                                    r -> r.login().passwordSecret("orders-app-login")))
                    .app(
                        "ghcr.io/acme/orders:1.4.2",
                        a ->
                            a.port(8080)
                                .replicas(3)
                                .readinessPath("/ready")
                                .livenessPath("/healthz")
                                .connection(App.Connection.POOLER)
                                .connectAs("orders_app")))
        .service(
            "billing",
            s ->
                s.withoutMigrations()
                    .database(
                        db ->
                            db.storage("1Gi")
                                .role(
                                    "billing_app",
                                    r -> r.login().passwordSecret("billing-app-login")))
                    .app(
                        "ghcr.io/acme/billing@sha256:" + "a".repeat(64),
                        a ->
                            a.connection(App.Connection.PARTS)
                                .connectAs("billing_app")
                                .runAsUser(65532)
                                .runAsGroup(65532)))
        .service(
            "catalog",
            s ->
                s.withoutMigrations()
                    .database(db -> db.storage("1Gi"))
                    .app("ghcr.io/acme/catalog:2.0.0", a -> a.port(9000).replicas(1)))
        .build();
  }

  /**
   * PodMonitor and alert rules with custom thresholds, for a replicated cluster with plugin
   * backups.
   */
  static Kit monitoring() {
    return shop()
        .service(
            "orders",
            s ->
                s.withoutMigrations()
                    .database(
                        db ->
                            db.instances(3)
                                .storage("20Gi")
                                .backups(
                                    "s3://acme-backups/orders/",
                                    b ->
                                        b.credentials(S3Credentials.inheritFromPodIdentity())
                                            .schedule("0 0 2 * * *")))
                    .monitoring(
                        m ->
                            m.replicationLagThreshold(Duration.ofSeconds(10))
                                .archiveFailureWindow(Duration.ofMinutes(10))
                                .lastBackupMaxAge(Duration.ofHours(30))
                                .alertFor(Duration.ofMinutes(2))
                                .selectorLabel("release", "kube-prometheus-stack")))
        .build();
  }

  /**
   * Migrations applied by the Atlas operator, and a service whose schema Atlas manages
   * declaratively.
   */
  static Kit operatorEngine() {
    return shop()
        .service(
            "orders",
            s ->
                s.database(db -> db.storage("1Gi").bootstrap("orders", "orders"))
                    .migrations(
                        m -> m.engine(Migrations.Engine.OPERATOR).baseline("20250101120000")))
        .service(
            "catalog",
            s ->
                s.database(db -> db.storage("1Gi"))
                    .declarativeSchema(DeclarativeSchema.of("schema.sql").withTxMode(TxMode.FILE)))
        .build();
  }

  /**
   * The platform, delivered app-of-apps (an old Argo CD version changes nothing: kit writes its
   * checks for all).
   */
  static Kit platformAppOfApps() {
    return Kit.builder()
        .repository(
            "shop",
            r ->
                r.gitUrl("https://github.com/acme/shop.git")
                    .targetRevision("main")
                    .argoCd(
                        ArgoCd.builder()
                            .project("shop")
                            .version("2.9.3")
                            .delivery(ArgoCd.Delivery.APP_OF_APPS)
                            .build()))
        .platform(
            Platform.builder()
                .cloudnativePg(
                    Platform.CLOUDNATIVE_PG.withValue(
                        "monitoring", Map.of("podMonitorEnabled", false)))
                .allowKind("networking.k8s.io", "Ingress")
                .build())
        .service(
            "orders",
            s ->
                s.withoutMigrations()
                    .database(
                        db ->
                            db.storage("1Gi")
                                .backups(
                                    "s3://acme-backups/orders/",
                                    b -> b.credentials(S3Credentials.inheritFromPodIdentity())))
                    .monitoring(Monitoring.defaults()))
        .service(
            "catalog",
            s ->
                s.namespace("shop-catalog")
                    .database(db -> db.storage("1Gi"))
                    .declarativeSchema(DeclarativeSchema.of("schema.sql")))
        .build();
  }

  /** One ApplicationSet over services/*, synced by a root Application after the platform. */
  static Kit platformApplicationSet() {
    return Kit.builder()
        .repository(
            "shop",
            r ->
                r.gitUrl("https://github.com/acme/shop.git")
                    .targetRevision("main")
                    .argoCd(
                        ArgoCd.builder()
                            .project("shop")
                            .version("3.0")
                            .delivery(ArgoCd.Delivery.APPLICATION_SET)
                            .build()))
        .platform(Platform.defaults())
        .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
        .service("payments", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
        .build();
  }

  /**
   * A database kit does not run: the team's Secret, verified against the system's trusted roots;
   * job engine, an app.
   */
  static Kit existingDatabase() {
    return shop()
        .service(
            "orders",
            s ->
                s.database(
                        db ->
                            db.bootstrap("orders", "orders_owner")
                                .existing(
                                    e -> e.secret("orders-db").host("orders.db.acme.internal")))
                    .app("ghcr.io/acme/orders:1.4.2", a -> a.port(8080)))
        .build();
  }

  /**
   * Existing databases verified against a CA Secret key, with a platform (no CloudNativePG
   * operator): the Job and an app with libpq variables on another port, PostgreSQL 16; a
   * declarative schema (the Atlas operator's credentials).
   */
  static Kit existingDatabaseCa() {
    return Kit.builder()
        .repository(
            "shop",
            r ->
                r.gitUrl("https://github.com/acme/shop.git")
                    .targetRevision("main")
                    .argoCd(ArgoCd.builder().project("shop").build()))
        .platform(Platform.defaults())
        .service(
            "orders",
            s ->
                s.database(
                        db ->
                            db.bootstrap("orders", "orders_owner")
                                .postgresMajor(16)
                                .existing(
                                    e ->
                                        e.secret("orders-db")
                                            .host("pg-17.acme.internal")
                                            .port(6432)
                                            .ca("acme-db-ca", "ca.pem")))
                    .app("ghcr.io/acme/orders:1.4.2", a -> a.connection(App.Connection.PARTS)))
        .service(
            "catalog",
            s ->
                s.withoutMigrations()
                    .database(
                        db ->
                            db.bootstrap("catalog", "catalog")
                                .existing(
                                    e ->
                                        e.secret("catalog-db")
                                            .host("pg-17.acme.internal")
                                            .ca("acme-db-ca", "ca.pem")))
                    .declarativeSchema(DeclarativeSchema.of("schema.sql")))
        .build();
  }

  /** A PlanetScale branch with every default, applied by a Workspace; no platform. */
  static Kit planetScaleMinimal() {
    return shop()
        .service(
            "orders",
            s -> s.database(db -> db.planetScale(ps -> ps.organization("acme").database("shop"))))
        .build();
  }

  /**
   * A PlanetScale branch with every option (size, region, parent, replicas, parameters, a dedicated
   * PgBouncer, a backup policy), an app through PgBouncer, and the platform (Crossplane,
   * provider-opentofu, the ClusterProviderConfig).
   */
  static Kit planetScaleFull() {
    return Kit.builder()
        .repository(
            "shop",
            r ->
                r.gitUrl("https://github.com/acme/shop.git")
                    .targetRevision("main")
                    .argoCd(
                        ArgoCd.builder()
                            .project("shop")
                            .delivery(ArgoCd.Delivery.APP_OF_APPS)
                            .build()))
        .platform(Platform.defaults())
        .service(
            "orders",
            s ->
                s.label("team", "checkout")
                    .database(
                        db ->
                            db.postgresMajor(17)
                                .planetScale(
                                    ps ->
                                        ps.organization("acme")
                                            .database("shop")
                                            .branch("main")
                                            .clusterSize("PS_10_AWS_ARM")
                                            .region("aws-eu-west-1")
                                            .replicas(2)
                                            .parameter("max_connections", "200")
                                            .parameter("pgbouncer", "default_pool_size", "100")
                                            .bouncer(
                                                b ->
                                                    b.name("orders")
                                                        .size("PGB_10")
                                                        .replicasPerCell(2))
                                            .backupPolicy(
                                                p ->
                                                    p.every(12, PlanetScale.BackupPolicy.Unit.HOUR)
                                                        .keep(4, PlanetScale.BackupPolicy.Unit.WEEK)
                                                        .at("02:30"))))
                    .app(
                        "ghcr.io/acme/orders:1.4.2",
                        a -> a.port(8080).connection(App.Connection.PARTS)))
        .build();
  }

  /** Only the module, for a team whose pipeline applies it: a development branch, PostgreSQL 18. */
  static Kit planetScaleModuleOnly() {
    return shop()
        .service(
            "orders",
            s ->
                s.database(
                        db ->
                            db.postgresMajor(18)
                                .planetScale(
                                    ps ->
                                        ps.organization("acme")
                                            .database("shop")
                                            .branch("orders-dev")
                                            .parentBranch("main")
                                            .production(false)
                                            .moduleOnly()))
                    .app("ghcr.io/acme/orders:1.4.2", a -> a.port(8080)))
        .build();
  }

  /**
   * The extensions and schemas the migrations rely on: a CNPG Database beside the Cluster, at its
   * wave.
   */
  static Kit cnpgDatabase() {
    return shop()
        .service(
            "orders",
            s ->
                s.database(
                    db ->
                        db.storage("1Gi")
                            .bootstrap("orders", "orders_owner")
                            .extension("vector")
                            .extension("pg_trgm")
                            .schema("reporting")))
        .build();
  }

  /**
   * Three environments delivered app-of-apps: dev, staging and prod on their own clusters (prod by
   * name, on the release branch), a service only in dev, backups, more instances, another image and
   * a patch only in prod.
   */
  static Kit environments() {
    return Kit.builder()
        .repository(
            "shop",
            r ->
                r.gitUrl("https://github.com/acme/shop.git")
                    .targetRevision("main")
                    .argoCd(
                        ArgoCd.builder()
                            .project("shop")
                            .delivery(ArgoCd.Delivery.APP_OF_APPS)
                            .build()))
        .platform(Platform.defaults())
        .environment(
            "dev",
            e ->
                e.destinationServer("https://dev.k8s.acme.io")
                    .project("shop-dev")
                    .namespaceRule("{namespace}-dev")
                    .label("acme.com/environment", "dev"))
        .environment(
            "staging",
            e -> e.destinationServer("https://staging.k8s.acme.io").project("shop-staging"))
        .environment(
            "prod",
            e -> e.destinationName("prod-eu").targetRevision("release").project("shop-prod"))
        .service(
            "orders",
            s ->
                s.database(db -> db.storage("5Gi"))
                    .app("ghcr.io/acme/orders:1.4.0", app -> app.port(8080))
                    .in(
                        "prod",
                        prod ->
                            prod.database(
                                    db ->
                                        db.instances(3)
                                            .storage("50Gi")
                                            .backups(
                                                "s3://acme-shop-backups/orders/",
                                                b ->
                                                    b.credentials(
                                                            S3Credentials.fromSecret(
                                                                "orders-backup-s3",
                                                                "ACCESS_KEY_ID",
                                                                "ACCESS_SECRET_KEY"))
                                                        .schedule("0 0 2 * * *")))
                                .app(app -> app.image("ghcr.io/acme/orders:1.3.2").replicas(4))
                                .patch(
                                    Patch.set(
                                        Patch.Target.CLUSTER,
                                        "/spec/primaryUpdateStrategy",
                                        "supervised"))))
        .service("sandbox", s -> s.onlyIn("dev").database(db -> db.storage("1Gi")))
        .build();
  }

  /**
   * Two environments delivered by one ApplicationSet each, over
   * services/&#42;/envs/&lt;environment&gt;.
   */
  static Kit environmentsApplicationSet() {
    return Kit.builder()
        .repository(
            "shop",
            r ->
                r.gitUrl("https://github.com/acme/shop.git")
                    .targetRevision("main")
                    .argoCd(
                        ArgoCd.builder()
                            .project("shop")
                            .delivery(ArgoCd.Delivery.APPLICATION_SET)
                            .build()))
        .platform(Platform.defaults())
        .environment(
            "staging",
            e -> e.destinationServer("https://staging.k8s.acme.io").project("shop-staging"))
        .environment(
            "prod",
            e ->
                e.destinationServer("https://prod.k8s.acme.io")
                    .targetRevision("v1.4.0")
                    .project("shop-prod")
                    // On the generated Applications too.
                    .label("tier", "gold"))
        .service(
            "orders",
            s ->
                s.withoutMigrations()
                    .database(db -> db.storage("1Gi"))
                    .in("prod", prod -> prod.database(db -> db.instances(3))))
        .service("payments", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
        .build();
  }

  /**
   * Environments with the databases kit does not run: a PlanetScale branch per environment (a
   * development branch in dev, the production branch in prod), and an existing database on another
   * host per environment, verified against the same CA Secret key.
   */
  static Kit environmentsProviders() {
    return Kit.builder()
        .repository(
            "shop",
            r ->
                r.gitUrl("https://github.com/acme/shop.git")
                    .targetRevision("main")
                    .argoCd(
                        ArgoCd.builder()
                            .project("shop")
                            .delivery(ArgoCd.Delivery.APP_OF_APPS)
                            .build()))
        .platform(Platform.defaults())
        .environment("dev", e -> e.destinationServer("https://dev.k8s.acme.io").project("shop-dev"))
        .environment(
            "prod",
            e -> e.destinationName("prod-eu").targetRevision("release").project("shop-prod"))
        .service(
            "orders",
            s ->
                s.database(db -> db.planetScale(ps -> ps.organization("acme").database("shop")))
                    .app("ghcr.io/acme/orders:1.4.2", a -> a.port(8080))
                    // Each override starts from the service's own branch settings and names what
                    // differs there.
                    .in(
                        "dev",
                        dev ->
                            dev.database(
                                db ->
                                    db.planetScale(
                                        ps ->
                                            ps.branch("orders-dev")
                                                .parentBranch("main")
                                                .production(false))))
                    .in(
                        "prod",
                        prod ->
                            prod.database(
                                db ->
                                    db.planetScale(
                                        // Database shop was made in PlanetScale's console,
                                        // with its branch main: adopted, not created.
                                        ps ->
                                            ps.clusterSize("PS_10_AWS_ARM")
                                                .replicas(2)
                                                .adoptBranch("ru00w3vqvfr9")))))
        .service(
            "catalog",
            s ->
                s.database(
                        db ->
                            db.bootstrap("catalog", "catalog")
                                .existing(
                                    e ->
                                        e.secret("catalog-db")
                                            .host("catalog.dev.acme.internal")
                                            .ca("acme-db-ca", "ca.pem")))
                    .in(
                        "prod",
                        prod ->
                            prod.database(
                                db ->
                                    db.existing(
                                        e -> e.host("catalog.db.acme.internal").port(6432)))))
        .build();
  }
}
