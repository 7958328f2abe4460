package it.kit;

import dev.kit.KitDescription;
import dev.kit.model.Kit;

/** Two services: orders runs, payments' migration failed. */
public final class ShopServices implements KitDescription {

  @Override
  public Kit describe() {
    return Kit.builder()
        .repository(
            "shop", repo -> repo.gitUrl("https://github.com/acme/shop.git").targetRevision("main"))
        .service(
            "orders",
            orders ->
                orders.database(db -> db.instances(2).postgresMajor(17).storage("1Gi", "standard")))
        .service(
            "payments",
            payments ->
                payments
                    .database(db -> db.instances(1).postgresMajor(16).storage("1Gi"))
                    .app("ghcr.io/acme/payments:2.3.0", app -> app.port(8080).replicas(2)))
        .build();
  }
}
