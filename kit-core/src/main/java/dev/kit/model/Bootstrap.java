package dev.kit.model;

import java.util.Objects;

/**
 * The application database and its owner, the ones CNPG's {@code <cluster>-app} Secret names:
 * {@code new Bootstrap("orders", "orders")}. A new cluster creates them ({@code bootstrap.initdb});
 * a cluster restored from backups finds them there ({@code bootstrap.recovery}), so they must be
 * the ones the backed-up cluster had.
 *
 * @param database the database name
 * @param owner the role that owns it; CNPG writes its credentials to the {@code <cluster>-app}
 *     Secret
 */
public record Bootstrap(String database, String owner) {

  /** CNPG's database and owner when a cluster names none, for initdb and recovery alike. */
  public static final Bootstrap CNPG_DEFAULT = new Bootstrap("app", "app");

  public Bootstrap {
    Objects.requireNonNull(
        database,
        "Bootstrap(database, owner): database is null; pass the application database's name, such as orders");
    Objects.requireNonNull(
        owner,
        "Bootstrap(database, owner): owner is null; pass the role that owns it, such as orders");
  }
}
