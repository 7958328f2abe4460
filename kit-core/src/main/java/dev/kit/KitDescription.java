package dev.kit;

import dev.kit.model.Kit;

/**
 * A service repository's description, found by {@code kit:generate}. Keep the implementation in the
 * repository's test sources (with kit-core as a {@code test} dependency) so it never ships in the
 * service's own artifact; with exactly one implementation the plugin finds it without
 * configuration.
 *
 * <pre>{@code
 * public final class ShopServices implements KitDescription {
 *   public Kit describe() {
 *     return Kit.builder()
 *         .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git").targetRevision("main"))
 *         .service("orders", s -> s.database(db -> db.instances(3).storage("20Gi")))
 *         .build();
 *   }
 * }
 * }</pre>
 *
 * <p>Implementations need a public no-argument constructor.
 */
public interface KitDescription {

  /** The description; called once per generation. */
  Kit describe();
}
