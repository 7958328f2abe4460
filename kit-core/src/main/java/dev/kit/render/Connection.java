package dev.kit.render;

import dev.kit.model.SecretKey;
import java.util.Objects;
import java.util.Optional;

/**
 * How kit reaches a service's database, whoever runs it: the one thing the migration Job, the Atlas
 * operator's resources, the generated app, {@code atlas.hcl} and the runbook read about it. A
 * {@link DatabaseProvider} makes it. No value of a Secret is in it, only names.
 *
 * <p>The Secrets hold the keys of CloudNativePG's {@code <cluster>-app} Secret: {@code uri} (a
 * libpq URI without a query, which the Job reads), {@code password} (which the Atlas operator
 * reads), and for the app {@code jdbc-uri}, {@code host}, {@code port}, {@code dbname}, {@code
 * username}.
 *
 * @param migrationSecret the Secret the migrations connect with: the Job's {@code uri}, the Atlas
 *     operator's {@code password}
 * @param host the server's host name as its certificate names it: where the Atlas operator
 *     connects, and what TLS verifies
 * @param migrationPort the port the migrations connect to
 * @param appSecret the Secret the app connects with, which may hold another role than the
 *     migrations'
 * @param appHost the host the app connects to when it is not the Secret's (CloudNativePG: its
 *     pooler); the app then reads its port from {@code appPort}
 * @param appPort the port the app connects to when {@code appHost} is set
 * @param ca the CA certificate that verifies the server: a key of a Secret, or empty for the
 *     system's trusted roots
 * @param caName what the runbook calls the CA, such as {@code orders-cluster-ca}, or {@code the
 *     system's trusted roots}
 */
public record Connection(
    String migrationSecret,
    String host,
    int migrationPort,
    String appSecret,
    Optional<String> appHost,
    int appPort,
    Optional<SecretKey> ca,
    String caName) {

  public Connection {
    Objects.requireNonNull(migrationSecret, "migrationSecret");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(appSecret, "appSecret");
    Objects.requireNonNull(appHost, "appHost");
    Objects.requireNonNull(ca, "ca");
    Objects.requireNonNull(caName, "caName");
  }

  /** Where the migrations and the app mount {@link #ca}: {@code <mount>/ca.crt}. */
  static final String CA_MOUNT = "/etc/kit/db-ca";

  /** The CA certificate's file in the pods that mount it. */
  static final String CA_FILE = CA_MOUNT + "/ca.crt";
}
