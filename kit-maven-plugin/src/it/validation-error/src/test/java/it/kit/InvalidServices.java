package it.kit;

import dev.kit.KitDescription;
import dev.kit.model.Kit;

/** The services of this repository, as kit generates them. */
public final class InvalidServices implements KitDescription {

  @Override
  public Kit describe() {
    return Kit.builder()
        .repository(
            "demo", r -> r.gitUrl("https://github.com/acme/demo.git").targetRevision("main"))
        // Two mistakes at once: the build must report both, with their fixes.
        .service("orders", s -> s.database(db -> db.instances(0).storage("10GB")))
        .build();
  }
}
