package dev.kit.model;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL that kit does not run (managed elsewhere, or another team's), reached through a
 * Secret the team provides in the service's namespace. kit renders no database object for it: the
 * migrations and the app connect with {@code sslmode=verify-full} (or the migrations' {@code
 * sslMode}) to {@code host}, verifying the server against {@code ca} or, without one, the system's
 * trusted roots.
 *
 * <pre>{@code
 * .database(db -> db.bootstrap("orders", "orders_owner")
 *     .existing(e -> e.secret("orders-db").host("orders.db.acme.internal").ca("orders-db-ca", "ca.crt")))
 * }</pre>
 */
public final class ExistingDatabase implements DatabaseHost {
  private final String secret;
  private final String host;
  private final int port;
  private final Optional<SecretKey> ca;

  private ExistingDatabase(String secret, String host, int port, Optional<SecretKey> ca) {
    Objects.requireNonNull(
        secret,
        "ExistingDatabase(secret, host, port, ca): secret is null; pass the Secret's name, or use ExistingDatabase.builder()");
    Objects.requireNonNull(
        host,
        "ExistingDatabase(secret, host, port, ca): host is null; pass the server's host name, or use ExistingDatabase.builder()");
    Objects.requireNonNull(
        ca,
        "ExistingDatabase(secret, host, port, ca): ca is null; pass Optional.empty() for the system's trusted roots, or use ExistingDatabase.builder()");
    this.secret = secret;
    this.host = host;
    this.port = port;
    this.ca = ca;
  }

  /**
   * The Secret with the connection: keys {@code uri} (a libpq URI without a query, its password
   * percent-encoded, which the migrations read), {@code password} (for the Atlas operator), and for
   * the app {@code jdbc-uri}, {@code host}, {@code port}, {@code dbname}, {@code username}: the
   * keys of CloudNativePG's {@code <cluster>-app} Secret. kit appends {@code ?sslmode=...} to
   * {@code uri} and {@code &sslmode=...} to {@code jdbc-uri}, which must therefore already carry a
   * query, as CloudNativePG's does: {@code
   * jdbc:postgresql://<host>:<port>/<database>?user=...&password=...}.
   */
  public String secret() {
    return secret;
  }

  /** The server's host name, as its certificate names it. */
  public String host() {
    return host;
  }

  /** The server's port. */
  public int port() {
    return port;
  }

  /** The CA certificate that signed the server's, or empty for the system's trusted roots. */
  public Optional<SecretKey> ca() {
    return ca;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ExistingDatabase that
        && secret.equals(that.secret)
        && host.equals(that.host)
        && port == that.port
        && ca.equals(that.ca);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(secret, host, port, ca);
  }

  @Override
  public String toString() {
    return "ExistingDatabase[secret="
        + secret
        + ", host="
        + host
        + ", port="
        + port
        + ", ca="
        + ca
        + "]";
  }

  /** PostgreSQL's port. */
  public static final int DEFAULT_PORT = 5432;

  /**
   * How kit's messages name a value that {@link #holdsUrl} finds a connection string in, rather
   * than echo it into a build log.
   */
  public static final String URL_NOT_SHOWN =
      "a connection string, not shown as it may carry a password";

  /**
   * Whether {@code value}, set where a name belongs (the Secret, the host, the CA), looks like a
   * connection string, which may carry a password: a URL ({@code "://"} or a user's {@code '@'}) or
   * libpq's keywords ({@code host=db password=...}: an '=', which no name takes). Whitespace alone
   * is a typo, such as {@code "orders-db "}, told as a bad name.
   */
  public static boolean holdsUrl(String value) {
    Objects.requireNonNull(
        value, "ExistingDatabase.holdsUrl(value): value is null; pass the value to look at");
    if (value.contains("://")) {
      return true;
    }
    for (int at = 0; at < value.length(); at++) {
      char c = value.charAt(at);
      if (c == '@' || c == '=') {
        return true;
      }
    }
    return false;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this database's settings, to change some of them (an environment's own host,
   * say).
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.secret = secret;
    builder.host = host;
    builder.port = port;
    builder.ca = ca.orElse(null);
    return builder;
  }

  /** Builds an {@link ExistingDatabase}; {@link #secret} and {@link #host} are required. */
  public static final class Builder {
    private @Nullable String secret;
    private @Nullable String host;
    private int port = DEFAULT_PORT;
    private @Nullable SecretKey ca;

    private Builder() {}

    /** The Secret, in the service's namespace, with the connection's keys. */
    public Builder secret(String secret) {
      this.secret =
          Objects.requireNonNull(
              secret,
              "secret(secret): secret is null; pass the Secret's name, such as \"orders-db\"");
      return this;
    }

    /** The server's host name, as its certificate names it. */
    public Builder host(String host) {
      this.host =
          Objects.requireNonNull(
              host,
              "host(host): host is null; pass the server's host name, such as \"orders.db.acme.internal\"");
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The CA certificate that verifies the server: key {@code key} of Secret {@code secret}. */
    public Builder ca(String secret, String key) {
      Objects.requireNonNull(
          secret,
          "ca(secret, key): secret is null; pass the name of the Secret with the CA certificate");
      Objects.requireNonNull(
          key,
          "ca(secret, key): key is null; pass the key of the CA certificate, such as \"ca.crt\"");
      this.ca = new SecretKey(secret, key);
      return this;
    }

    public ExistingDatabase build() {
      if (secret == null || host == null) {
        throw new IllegalStateException(
            "ExistingDatabase.builder(): call secret(\"orders-db\") and host(\"orders.db.acme.internal\") before build()");
      }
      return new ExistingDatabase(secret, host, port, Optional.ofNullable(ca));
    }
  }
}
