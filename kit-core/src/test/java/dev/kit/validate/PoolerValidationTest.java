package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.App;
import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Pooler;
import dev.kit.model.Service;
import dev.kit.testing.Validations;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PgBouncer parameters as CloudNativePG's Pooler webhook takes them, and the TLS the app's pooler
 * connection needs.
 */
class PoolerValidationTest {

  private static List<String> violations(
      UnaryOperator<Pooler.Builder> pooler, App.Connection connection) {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(db -> db.storage("1Gi").pooler(pooler))
                        .app("ghcr.io/acme/orders:1.0.0", a -> a.connection(connection)))
            .build();
    return Validations.of(kit, s -> Optional.empty()).stream().map(Violation::toString).toList();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "max_connections",
        "listen_port",
        "auth_file",
        "admin_users",
        "unix_socket_dir",
        "server_tls_ca_file",
        "client_tls_cert_file",
        "max-client-conn",
        "Max_Client_Conn"
      })
  void validate_rejectsParameters_thatCnpgsPoolerWebhookRejects(String name) {
    assertThat(violations(p -> p.parameter(name, "1"), App.Connection.URI))
        .containsExactly(
            "services[orders].database.pooler.parameters["
                + name
                + "]: \""
                + name
                + "\" is not a PgBouncer parameter "
                + "CloudNativePG lets a Pooler set; its webhook rejects the Pooler (use one from "
                + "https://cloudnative-pg.io/documentation/current/connection_pooling/#pgbouncer-configuration-options, "
                + "such as max_client_conn or default_pool_size)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application_name_add_host",
        "auth_type",
        "cancel_wait_timeout",
        "client_tls_sslmode",
        "default_pool_size",
        "ignore_startup_parameters",
        "max_client_conn",
        "max_prepared_statements",
        "min_pool_size",
        "query_wait_timeout",
        "server_idle_timeout",
        "server_tls_sslmode",
        "tcp_user_timeout",
        "track_extra_parameters",
        "verbose"
      })
  void validate_acceptsParameters_onCnpgsAllowlist(String name) {
    String value = name.equals("client_tls_sslmode") ? "require" : "1";
    assertThat(violations(p -> p.parameter(name, value), App.Connection.URI)).isEmpty();
  }

  @Test
  void validate_pointsAtPoolMode_whenPoolModeIsGivenAsAParameter() {
    assertThat(violations(p -> p.parameter("pool_mode", "transaction"), App.Connection.URI))
        .containsExactly(
            "services[orders].database.pooler.parameters[pool_mode]: CloudNativePG sets pool_mode itself and its webhook "
                + "rejects it here (use poolMode(Pooler.PoolMode.TRANSACTION) or SESSION)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "disable|\"disable\" turns TLS off on the pooler, and the app connects through it with sslmode=verify-full",
        "verify-ca|\"verify-ca\" makes PgBouncer demand a client certificate, and the app authenticates with a password",
        "verify-full|\"verify-full\" makes PgBouncer demand a client certificate, and the app authenticates with a password"
      })
  void validate_rejectsClientTlsModes_thatBreakTheAppsVerifiedPoolerConnection(
      String mode, String problem) {
    assertThat(violations(p -> p.parameter("client_tls_sslmode", mode), App.Connection.POOLER))
        .containsExactly(
            "services[orders].database.pooler.parameters[client_tls_sslmode]: "
                + problem
                + " (use \"require\", or remove it for CloudNativePG's \"prefer\")");
  }

  @ParameterizedTest
  @ValueSource(strings = {"allow", "prefer", "require"})
  void validate_acceptsClientTlsModes_thatOfferTls_whenTheAppConnectsThroughThePooler(String mode) {
    assertThat(violations(p -> p.parameter("client_tls_sslmode", mode), App.Connection.POOLER))
        .isEmpty();
  }

  private static List<String> readOnlyViolations(
      UnaryOperator<Database.Builder> database, UnaryOperator<Service.Builder> service) {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders",
                s ->
                    service.apply(
                        s.withoutMigrations()
                            .database(
                                db ->
                                    database.apply(
                                        db.storage("1Gi").pooler(p -> p.readOnly(true))))))
            .build();
    return Validations.of(kit, s -> Optional.empty()).stream().map(Violation::toString).toList();
  }

  private static final String READ_ONLY_ON_ONE_INSTANCE =
      "services[orders].database.pooler.readOnly: the read-only pooler reaches only replicas through"
          + " orders-cluster-ro, and the Cluster has 1 instance, so that Service has no endpoints"
          + " and every client of orders-cluster-pooler-ro fails to connect"
          + " (use instances(2) or more, or drop readOnly(true))";

  @Test
  void validate_rejectsReadOnlyPooler_whenTheClusterHasOneInstance() {
    assertThat(readOnlyViolations(db -> db, s -> s)).containsExactly(READ_ONLY_ON_ONE_INSTANCE);
  }

  @Test
  void validate_rejectsReadOnlyPooler_whenAPatchLeavesTheClusterOneInstance() {
    assertThat(
            readOnlyViolations(
                db -> db.instances(3),
                s -> s.patch(Patch.set(Patch.Target.CLUSTER, "/spec/instances", 1))))
        .containsExactly(READ_ONLY_ON_ONE_INSTANCE);
    assertThat(
            readOnlyViolations(
                db -> db.instances(3),
                s -> s.patch(Patch.set(Patch.Target.CLUSTER, "/spec/instances", 1L))))
        .containsExactly(READ_ONLY_ON_ONE_INSTANCE);
  }

  @Test
  void validate_rejectsReadOnlyPooler_whenAPatchRemovesInstances() {
    // CNPG's default is 1 instance.
    assertThat(
            readOnlyViolations(
                db -> db.instances(3),
                s -> s.patch(Patch.remove(Patch.Target.CLUSTER, "/spec/instances"))))
        .containsExactly(READ_ONLY_ON_ONE_INSTANCE);
  }

  @Test
  void validate_acceptsReadOnlyPooler_whenTheClusterHasReplicas() {
    assertThat(readOnlyViolations(db -> db.instances(2), s -> s)).isEmpty();
    assertThat(
            readOnlyViolations(
                db -> db, s -> s.patch(Patch.set(Patch.Target.CLUSTER, "/spec/instances", 3))))
        .isEmpty();
  }
}
