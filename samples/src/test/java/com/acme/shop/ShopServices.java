package com.acme.shop;

import dev.kit.KitDescription;
import dev.kit.model.App;
import dev.kit.model.ArgoCd;
import dev.kit.model.Compression;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.PlanetScale;
import dev.kit.model.Platform;
import dev.kit.model.Pooler;
import dev.kit.model.Resources;
import dev.kit.model.S3Credentials;
import java.time.Duration;

/**
 * The shop's services in dev and prod: what {@code mvn kit:generate} renders into {@code services/}
 * and {@code platform/}. It lives in the test sources so it never ships in the shop's own artifact.
 */
public final class ShopServices implements KitDescription {

  @Override
  public Kit describe() {
    return Kit.builder()
        .repository(
            "shop",
            repo ->
                repo.gitUrl("https://github.com/acme/shop.git")
                    .targetRevision("main")
                    // A root Application per environment syncs its platform/<env>/ and every
                    // service Application, in that order.
                    .argoCd(
                        ArgoCd.builder()
                            .project("shop")
                            .delivery(ArgoCd.Delivery.APP_OF_APPS)
                            .build()))
        // The operators the services need (CNPG, cert-manager and the Barman Cloud plugin, the
        // Atlas operator) and the AppProject.
        .platform(Platform.defaults())
        // dev follows main, so a merged migration runs there first; prod follows the release
        // branch, which is moved
        // forward to promote (git push origin main:release). Every environment applies the same
        // migration files.
        .environment(
            "dev",
            dev ->
                dev.destinationServer("https://dev.k8s.acme.io")
                    .targetRevision("main")
                    .project("shop-dev"))
        .environment(
            "prod",
            prod -> prod.destinationName("prod-eu").targetRevision("release").project("shop-prod"))
        // orders: one small instance in dev; in prod a highly available cluster spread across
        // zones, backed up nightly.
        // Its app is the team's own Deployment, in each environment's manifests/app/.
        .service(
            "orders",
            orders ->
                orders
                    .label("team", "checkout")
                    .database(
                        db ->
                            db.instances(1)
                                .postgresMajor(17)
                                .storage("5Gi", "standard")
                                .resources(
                                    Resources.requests("250m", "512Mi").withLimits(null, "512Mi"))
                                .parameter("max_connections", "200")
                                .parameter("shared_buffers", "256MB")
                                .bootstrap("orders", "orders")
                                .antiAffinity("topology.kubernetes.io/zone")
                                .pooler(
                                    pooler ->
                                        pooler.instances(1).poolMode(Pooler.PoolMode.TRANSACTION)))
                    .monitoring(
                        monitoring -> monitoring.selectorLabel("release", "kube-prometheus-stack"))
                    .in(
                        "prod",
                        prod ->
                            prod.database(
                                db ->
                                    db.instances(3)
                                        .storage("20Gi", "standard")
                                        .resources(
                                            Resources.requests("500m", "1Gi")
                                                .withLimits(null, "1Gi"))
                                        // Nightly base backups and continuous WAL archiving to S3,
                                        // kept for 30 days.
                                        .backups(
                                            "s3://acme-shop-backups/orders/",
                                            backups ->
                                                backups
                                                    .credentials(
                                                        S3Credentials.fromSecret(
                                                            "orders-backup-s3",
                                                            "ACCESS_KEY_ID",
                                                            "ACCESS_SECRET_KEY"))
                                                    .walCompression(Compression.GZIP)
                                                    .dataCompression(Compression.GZIP)
                                                    .retentionPolicy("30d")
                                                    .schedule("0 0 2 * * *"))
                                        .pooler(
                                            pooler ->
                                                pooler
                                                    .instances(2)
                                                    .poolMode(Pooler.PoolMode.TRANSACTION)))))
        // payments: on PostgreSQL 16, with WAL on its own volume; the whole day-2 stack in prod.
        .service(
            "payments",
            payments ->
                payments
                    .namespace("payments")
                    .label("team", "billing")
                    .database(
                        db ->
                            db.instances(1)
                                .postgresMajor(16)
                                .storage("2Gi")
                                .walStorage("1Gi")
                                .resources(
                                    Resources.requests("250m", "512Mi").withLimits(null, "512Mi"))
                                .bootstrap("payments", "payments")
                                .pooler(
                                    pooler ->
                                        pooler.instances(1).poolMode(Pooler.PoolMode.TRANSACTION)))
                    .migrations(m -> m.activeDeadlineSeconds(600))
                    .monitoring(
                        monitoring ->
                            monitoring
                                .replicationLagThreshold(Duration.ofSeconds(10))
                                .selectorLabel("release", "kube-prometheus-stack"))
                    // kit generates this app's Deployment and Service, connected through the
                    // pooler.
                    .app(
                        "ghcr.io/acme/payments:2.3.0",
                        app ->
                            app.port(8080)
                                .replicas(1)
                                .readinessPath("/ready")
                                .livenessPath("/healthz")
                                .connection(App.Connection.POOLER))
                    .in(
                        "prod",
                        prod ->
                            prod.database(
                                    db ->
                                        db.instances(2)
                                            .storage("5Gi")
                                            .walStorage("2Gi")
                                            .backups(
                                                "s3://acme-shop-backups/payments/",
                                                backups ->
                                                    backups
                                                        .credentials(
                                                            S3Credentials.inheritFromIamRole(
                                                                "arn:aws:iam::123456789012:role/shop-payments-backups"))
                                                        .walCompression(Compression.ZSTD)
                                                        .retentionPolicy("8w")
                                                        .schedule("0 30 1 * * *"))
                                            .pooler(
                                                pooler ->
                                                    pooler
                                                        .instances(2)
                                                        .poolMode(Pooler.PoolMode.TRANSACTION)
                                                        .readOnly(true)))
                                .app(app -> app.replicas(2))))
        // catalog: migrations applied by the Atlas operator instead of a Job; prod only adds a
        // replica.
        .service(
            "catalog",
            catalog ->
                catalog
                    .label("team", "catalog")
                    .database(db -> db.instances(1).postgresMajor(18).storage("5Gi"))
                    .migrations(m -> m.engine(Migrations.Engine.OPERATOR))
                    .in("prod", prod -> prod.database(db -> db.instances(2))))
        // inventory: on PlanetScale Postgres, the recommended host: an OpenTofu module for the
        // branch and its roles, applied by a Crossplane Workspace before the migrations; the app
        // connects through PgBouncer. Each environment is a branch of the same database: prod is
        // main, dev branches off it.
        .service(
            "inventory",
            inventory ->
                inventory
                    .label("team", "fulfilment")
                    .database(
                        db ->
                            db.postgresMajor(17)
                                .planetScale(
                                    ps -> ps.organization("acme").database("shop").branch("main")))
                    .app(
                        "ghcr.io/acme/inventory:1.0.0",
                        app -> app.port(8080).replicas(1).readinessPath("/ready"))
                    .in(
                        "dev",
                        dev ->
                            dev.database(
                                db ->
                                    db.planetScale(
                                        ps ->
                                            ps.branch("dev")
                                                .parentBranch("main")
                                                .production(false))))
                    .in(
                        "prod",
                        prod ->
                            prod.database(
                                    db ->
                                        db.planetScale(
                                            ps ->
                                                ps.clusterSize("PS_10_AWS_ARM")
                                                    .replicas(2)
                                                    .bouncer(b -> b.size("PGB_10"))
                                                    .backupPolicy(
                                                        p ->
                                                            p.every(
                                                                    1,
                                                                    PlanetScale.BackupPolicy.Unit
                                                                        .DAY)
                                                                .keep(
                                                                    30,
                                                                    PlanetScale.BackupPolicy.Unit
                                                                        .DAY)
                                                                .at("02:00"))))
                                .app(app -> app.replicas(2))))
        .build();
  }
}
