package com.acme.shop;

import dev.kit.KitDescription;
import dev.kit.model.App;
import dev.kit.model.ArgoCd;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Platform;
import dev.kit.model.Pooler;
import dev.kit.model.Resources;
import dev.kit.model.S3Credentials;

public final class ShopServices implements KitDescription {
  @Override
  public Kit describe() {
    return Kit.builder()
        .repository("shop", repo -> repo
            .gitUrl("https://github.com/acme/shop.git")
            .targetRevision("main")
            .argoCd(ArgoCd.builder()
                .project("shop")
                .version("3.5")                             // your Argo CD: kit adds the health checks it lacks
                .delivery(ArgoCd.Delivery.APP_OF_APPS)
                .build()))
        .platform(Platform.defaults())                      // operators + AppProject under platform/
        .service("orders", orders -> orders
            .label("team", "checkout")
            .database(db -> db
                .instances(3)
                .postgresMajor(17)
                .storage("20Gi", "standard")
                .resources(Resources.requests("500m", "1Gi").withLimits(null, "1Gi"))
                .parameter("max_connections", "200")
                .bootstrap("orders", "orders")
                .antiAffinity("topology.kubernetes.io/zone")
                .backups("s3://acme-shop-backups/orders/", backups -> backups
                    .credentials(S3Credentials.fromSecret("orders-backup-s3", "ACCESS_KEY_ID", "ACCESS_SECRET_KEY"))
                    .retentionPolicy("30d")
                    .schedule("0 0 2 * * *"))               // six fields, seconds first
                .pooler(pooler -> pooler.instances(2).poolMode(Pooler.PoolMode.TRANSACTION)))
            .app("ghcr.io/acme/orders:1.4.0", app -> app
                .port(8080)
                .connection(App.Connection.POOLER))         // libpq PG* variables and JDBC_URL through the PgBouncer pooler
            .monitoring(monitoring -> monitoring.selectorLabel("release", "kube-prometheus-stack")))
        .service("payments", payments -> payments
            .database(db -> db.instances(2).postgresMajor(16).storage("5Gi").walStorage("2Gi"))
            .app("ghcr.io/acme/payments:2.3.0", app -> app.port(8080).readinessPath("/ready")))
        .service("catalog", catalog -> catalog
            .database(db -> db.instances(2).postgresMajor(18).storage("5Gi"))
            .migrations(m -> m.engine(Migrations.Engine.OPERATOR)))   // AtlasMigration instead of a Job
        .build();
  }
}
