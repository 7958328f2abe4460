package com.acme.shop;

import dev.kit.KitDescription;
import dev.kit.model.Kit;
import dev.kit.model.Resources;

/**
 * The shop's services: what {@code mvn kit:generate} renders into {@code services/}. It lives in the test
 * sources so it never ships in the shop's own artifact.
 */
public final class ShopServices implements KitDescription {

  @Override
  public Kit describe() {
    return Kit.builder()
        .repository("shop", repo -> repo
            .gitUrl("https://github.com/acme/shop.git")
            .targetRevision("main"))
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
                .antiAffinity("topology.kubernetes.io/zone")))
        // payments: smaller, on PostgreSQL 16, with WAL on its own volume.
        .service("payments", payments -> payments
            .namespace("payments")
            .label("team", "billing")
            .database(db -> db
                .instances(2)
                .postgresMajor(16)
                .storage("5Gi")
                .walStorage("2Gi")
                .resources(Resources.requests("250m", "512Mi").withLimits(null, "512Mi"))
                .bootstrap("payments", "payments"))
            .migrations(m -> m.activeDeadlineSeconds(600)))
        .build();
  }
}
