package it.kit;

import dev.kit.KitDescription;
import dev.kit.model.Kit;

/**
 * A shop in staging and prod: prod runs three instances on more storage, from the release branch.
 */
public final class ShopServices implements KitDescription {

  @Override
  public Kit describe() {
    return Kit.builder()
        .repository(
            "shop", r -> r.gitUrl("https://github.com/acme/shop.git").targetRevision("main"))
        .environment("staging", e -> e.destinationServer("https://staging.k8s.acme.io"))
        .environment("prod", e -> e.destinationName("prod-eu").targetRevision("release"))
        .service(
            "orders",
            s ->
                s.database(db -> db.storage("5Gi"))
                    .in("prod", prod -> prod.database(db -> db.instances(3).storage("50Gi"))))
        .build();
  }
}
