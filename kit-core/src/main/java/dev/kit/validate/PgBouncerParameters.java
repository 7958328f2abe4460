package dev.kit.validate;

import dev.kit.model.Pooler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PgBouncer parameters a CloudNativePG Pooler may set: its validating webhook rejects any other
 * as "Invalid or reserved parameter", because the operator sets the rest itself (listen address,
 * TLS files, authentication).
 */
final class PgBouncerParameters {

  /**
   * {@code AllowedPgbouncerGenericConfigurationParameters} of cloudnative-pg/cloudnative-pg {@code
   * internal/webhook/v1/pooler_webhook.go}, identical at commits
   * 8dfb0cab2005c0597faf289c2f16bb7deb2b05c2 (before v1.30.0) and
   * 1138974c83b9126ba80a606b30ccd03057459bde (after it).
   */
  static final Set<String> ALLOWED =
      Set.of(
          "application_name_add_host",
          "auth_type",
          "autodb_idle_timeout",
          "cancel_wait_timeout",
          "client_idle_timeout",
          "client_login_timeout",
          "client_tls_sslmode",
          "default_pool_size",
          "disable_pqexec",
          "dns_max_ttl",
          "dns_nxdomain_ttl",
          "idle_transaction_timeout",
          "ignore_startup_parameters",
          "listen_backlog",
          "log_connections",
          "log_disconnections",
          "log_pooler_errors",
          "log_stats",
          "max_client_conn",
          "max_db_connections",
          "max_packet_size",
          "max_prepared_statements",
          "max_user_connections",
          "min_pool_size",
          "pkt_buf",
          "query_timeout",
          "query_wait_timeout",
          "reserve_pool_size",
          "reserve_pool_timeout",
          "sbuf_loopcnt",
          "server_check_delay",
          "server_check_query",
          "server_connect_timeout",
          "server_fast_close",
          "server_idle_timeout",
          "server_lifetime",
          "server_login_retry",
          "server_reset_query",
          "server_reset_query_always",
          "server_round_robin",
          "server_tls_ciphers",
          "server_tls_protocols",
          "server_tls_sslmode",
          "stats_period",
          "suspend_timeout",
          "tcp_defer_accept",
          "tcp_socket_buffer",
          "tcp_keepalive",
          "tcp_keepcnt",
          "tcp_keepidle",
          "tcp_keepintvl",
          "tcp_user_timeout",
          "track_extra_parameters",
          "verbose");

  private static final String CLIENT_TLS = "client_tls_sslmode";
  private static final String CLIENT_TLS_FIX =
      "use \"require\", or remove it for CloudNativePG's \"prefer\"";

  private PgBouncerParameters() {}

  /**
   * The pooler's parameters CloudNativePG would reject, and a client TLS mode the generated app
   * could not connect through when it uses the pooler (with {@code verify-full} and a password, no
   * client certificate).
   */
  static List<Violation> check(String path, Pooler pooler, boolean appThroughPooler) {
    List<Violation> violations = new ArrayList<>();
    for (Map.Entry<String, String> entry : pooler.parameters().entrySet()) {
      String name = entry.getKey();
      String value = entry.getValue();
      String at = path + Violations.entry(name);
      violations.addAll(
          CredentialLiterals.checkLiteral(at, name, value, CredentialLiterals.PARAMETER_FIX));
      if (name.equals("pool_mode")) {
        violations.add(
            new Violation(
                at,
                "CloudNativePG sets pool_mode itself and its webhook rejects it here",
                "use poolMode(Pooler.PoolMode.TRANSACTION) or SESSION"));
      } else if (!ALLOWED.contains(name)) {
        violations.add(
            new Violation(
                at,
                "\""
                    + name
                    + "\" is not a PgBouncer parameter CloudNativePG lets a Pooler set; "
                    + "its webhook rejects the Pooler",
                "use one from "
                    + "https://cloudnative-pg.io/documentation/current/connection_pooling/#pgbouncer-configuration-options, "
                    + "such as max_client_conn or default_pool_size"));
      } else if (name.equals(CLIENT_TLS) && appThroughPooler) {
        switch (value) {
          case "disable" ->
              violations.add(
                  new Violation(
                      at,
                      "\"disable\" turns TLS off on the pooler, and the app connects through it with sslmode=verify-full",
                      CLIENT_TLS_FIX));
          case "verify-ca", "verify-full" ->
              violations.add(
                  new Violation(
                      at,
                      "\""
                          + value
                          + "\" makes PgBouncer demand a client certificate, and the app authenticates with a password",
                      CLIENT_TLS_FIX));
          default -> {}
        }
      }
    }
    return violations;
  }
}
