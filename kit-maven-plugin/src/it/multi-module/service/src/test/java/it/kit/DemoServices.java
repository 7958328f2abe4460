package it.kit;

import dev.kit.KitDescription;
import dev.kit.model.Kit;

/** The services of this repository, as kit generates them. */
public final class DemoServices implements KitDescription {

  @Override
  public Kit describe() {
    return Kit.builder()
        .repository(
            "demo", r -> r.gitUrl("https://github.com/acme/demo.git").targetRevision("main"))
        .service("orders", s -> s.database(db -> db.instances(1).postgresMajor(17).storage("1Gi")))
        .build();
  }
}
