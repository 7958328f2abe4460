package it.kit;

import dev.kit.KitDescription;
import dev.kit.model.Kit;

/** Two services on PostgreSQL 17 that keep CNPG's default bootstrap database and owner, app/app. */
public final class DemoServices implements KitDescription {

  @Override
  public Kit describe() {
    return Kit.builder()
        .repository(
            "demo", r -> r.gitUrl("https://github.com/acme/demo.git").targetRevision("main"))
        .service("orders", s -> s.database(db -> db.postgresMajor(17).storage("1Gi")))
        .service("payments", s -> s.database(db -> db.postgresMajor(17).storage("1Gi")))
        .build();
  }
}
