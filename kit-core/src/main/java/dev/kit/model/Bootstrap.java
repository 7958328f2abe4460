package dev.kit.model;

import java.util.Objects;

/**
 * The application database CNPG creates at first start ({@code bootstrap.initdb}):
 * {@code new Bootstrap("orders", "orders")}.
 *
 * @param database the database name
 * @param owner the role that owns it; CNPG writes its credentials to the {@code <cluster>-app} Secret
 */
public record Bootstrap(String database, String owner) {

  public Bootstrap {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(owner, "owner");
  }
}
