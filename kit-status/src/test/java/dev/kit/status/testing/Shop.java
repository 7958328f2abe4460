package dev.kit.status.testing;

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
 * The sample's description ({@code samples/src/test/java/com/acme/shop/ShopServices.java}), copied so kit-status's
 * tests can plan it against the sample's migrations ({@link #repository()}); the sample's own test holds the sample's
 * output equal to what these tests expect, so a change to one shows in the other.
 */
public final class Shop implements KitDescription {

  /** The sample repository, beside the test data: {@code samples/}. */
  public static java.nio.file.Path repository() {
    return dev.kit.testing.TestData.dir().getParent().resolve("samples");
  }

  /** What kit generates for the sample, as kit:generate plans it. */
  public static dev.kit.plan.FilePlan plan() {
    return dev.kit.Generator.forRepository(repository()).source("com.acme.shop.ShopServices").plan(new Shop().describe());
  }

  @Override
  public Kit describe() {
    return Kit.builder()
        .repository("shop", repo -> repo
            .gitUrl("https://github.com/acme/shop.git")
            .targetRevision("main")
            // A root Application syncs platform/ and every service Application, in that order.
            .argoCd(ArgoCd.builder().project("shop").delivery(ArgoCd.Delivery.APP_OF_APPS).build()))
        // The operators the services need (CNPG, cert-manager and the Barman Cloud plugin, the Atlas operator) and the AppProject.
        .platform(Platform.defaults())
        // orders: a highly available cluster spread across zones; its app starts after the schema is migrated.
        .service("orders", orders -> orders
            .label("team", "checkout")
            .database(db -> db
                .instances(3)
                .postgresMajor(17)
                .storage("20Gi", "standard")
                .resources(Resources.requests("500m", "1Gi").withLimits(null, "1Gi"))
                .parameter("max_connections", "200")
                .parameter("shared_buffers", "256MB")
                .bootstrap("orders", "orders")
                .antiAffinity("topology.kubernetes.io/zone")
                // Nightly base backups and continuous WAL archiving to S3, kept for 30 days.
                .backups("s3://acme-shop-backups/orders/", backups -> backups
                    .credentials(S3Credentials.fromSecret("orders-backup-s3", "ACCESS_KEY_ID", "ACCESS_SECRET_KEY"))
                    .walCompression(Compression.GZIP)
                    .dataCompression(Compression.GZIP)
                    .retentionPolicy("30d")
                    .schedule("0 0 2 * * *"))
                .pooler(pooler -> pooler.instances(2).poolMode(Pooler.PoolMode.TRANSACTION)))
            .monitoring(monitoring -> monitoring.selectorLabel("release", "kube-prometheus-stack")))
        // payments: smaller, on PostgreSQL 16, with WAL on its own volume; the whole day-2 stack.
        .service("payments", payments -> payments
            .namespace("payments")
            .label("team", "billing")
            .database(db -> db
                .instances(2)
                .postgresMajor(16)
                .storage("5Gi")
                .walStorage("2Gi")
                .resources(Resources.requests("250m", "512Mi").withLimits(null, "512Mi"))
                .bootstrap("payments", "payments")
                .backups("s3://acme-shop-backups/payments/", backups -> backups
                    .credentials(S3Credentials.inheritFromIamRole("arn:aws:iam::123456789012:role/shop-payments-backups"))
                    .walCompression(Compression.ZSTD)
                    .retentionPolicy("8w")
                    .schedule("0 30 1 * * *"))
                .pooler(pooler -> pooler.instances(2).poolMode(Pooler.PoolMode.TRANSACTION).readOnly(true)))
            .migrations(m -> m.activeDeadlineSeconds(600))
            .monitoring(monitoring -> monitoring
                .replicationLagThreshold(Duration.ofSeconds(10))
                .selectorLabel("release", "kube-prometheus-stack"))
            // kit generates this app's Deployment and Service, connected through the pooler;
            // orders keeps its own Deployment in manifests/app/.
            .app("ghcr.io/acme/payments:2.3.0", app -> app
                .port(8080)
                .replicas(2)
                .readinessPath("/ready")
                .livenessPath("/healthz")
                .connection(App.Connection.POOLER)))
        // catalog: migrations applied by the Atlas operator instead of a Job, on the same CNPG credentials.
        .service("catalog", catalog -> catalog
            .label("team", "catalog")
            .database(db -> db.instances(2).postgresMajor(18).storage("5Gi"))
            .migrations(m -> m.engine(Migrations.Engine.OPERATOR)))
        // inventory: on PlanetScale Postgres, the recommended host: an OpenTofu module for the branch and its roles,
        // applied by a Crossplane Workspace before the migrations; the app connects through PgBouncer.
        .service("inventory", inventory -> inventory
            .label("team", "fulfilment")
            .database(db -> db.postgresMajor(17)
                .planetScale(ps -> ps.organization("acme").database("shop").branch("main")
                    .clusterSize("PS_10_AWS_ARM").replicas(2)
                    .bouncer(b -> b.size("PGB_10"))
                    .backupPolicy(p -> p.every(1, PlanetScale.BackupPolicy.Unit.DAY).keep(30, PlanetScale.BackupPolicy.Unit.DAY).at("02:00"))))
            .app("ghcr.io/acme/inventory:1.0.0", app -> app.port(8080).readinessPath("/ready")))
        .build();
  }
}
