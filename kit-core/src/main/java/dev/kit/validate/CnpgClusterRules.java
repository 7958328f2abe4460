package dev.kit.validate;

import dev.kit.model.Database;
import dev.kit.model.Resources;
import dev.kit.model.Service;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What CloudNativePG's admission webhook would reject in the Cluster kit renders from a database,
 * found at generate time instead of as a failed Argo CD sync: fixed parameters, PostgreSQL majors
 * it no longer runs, {@code shared_buffers} above the memory request, and a recovery target it can
 * never reach. The webhook's rules are in cloudnative-pg {@code
 * internal/webhook/v1/cluster_webhook.go} ({@code validateConfiguration}, {@code
 * validateResources}).
 */
final class CnpgClusterRules {

  /**
   * CloudNativePG's {@code FixedConfigurationParameters}: set by the operator ("fixed") or kept at
   * their default for it to work ("blocked"); the webhook rejects a Cluster that sets one ("Can't
   * set fixed configuration parameter"). Copied as data from cloudnative-pg {@code
   * pkg/postgres/configuration.go} at commit b122f63274d5 (the 1.30 line: it has {@code
   * temp_tablespaces}, {@code synchronized_standby_slots} and the {@code pg_failover_slots} keys).
   */
  static final Set<String> FIXED_PARAMETERS =
      Set.of(
          // need a restart to be applied
          "allow_system_table_mods",
          "archive_mode",
          "bonjour",
          "bonjour_name",
          "cluster_name",
          "config_file",
          "data_directory",
          "data_sync_retry",
          "event_source",
          "external_pid_file",
          "hba_file",
          "hot_standby",
          "ident_file",
          "jit_provider",
          "listen_addresses",
          "logging_collector",
          "port",
          "primary_conninfo",
          "primary_slot_name",
          "recovery_target",
          "recovery_target_action",
          "recovery_target_inclusive",
          "recovery_target_lsn",
          "recovery_target_name",
          "recovery_target_time",
          "recovery_target_timeline",
          "recovery_target_xid",
          "restore_command",
          "shared_preload_libraries",
          "temp_tablespaces",
          "unix_socket_directories",
          "unix_socket_group",
          "unix_socket_permissions",
          // need a reload to be applied
          "archive_cleanup_command",
          "archive_command",
          "log_destination",
          "log_directory",
          "log_file_mode",
          "log_filename",
          "log_rotation_age",
          "log_rotation_size",
          "log_truncate_on_rotation",
          "pg_failover_slots.primary_dsn",
          "pg_failover_slots.standby_slot_names",
          "promote_trigger_file",
          "recovery_end_command",
          "recovery_min_apply_delay",
          "restart_after_crash",
          "ssl",
          "ssl_ca_file",
          "ssl_cert_file",
          "ssl_crl_file",
          "ssl_dh_params_file",
          "ssl_ecdh_curve",
          "ssl_key_file",
          "ssl_passphrase_command",
          "ssl_passphrase_command_supports_reload",
          "ssl_prefer_server_ciphers",
          "stats_temp_directory",
          "synchronous_standby_names",
          "synchronized_standby_slots",
          "syslog_facility",
          "syslog_ident",
          "syslog_sequence_numbers",
          "syslog_split_messages");

  /**
   * The oldest major the webhook accepts: "Unsupported PostgreSQL version. Versions 13 or newer are
   * supported".
   */
  static final int OLDEST_MAJOR = 13;

  /**
   * Where the DSL (or a patch) sets what a fixed parameter would; other fixed parameters are just
   * removed.
   */
  private static final Map<String, String> FIXED_PARAMETER_FIXES =
      Map.of(
          "shared_preload_libraries",
              "remove it: CNPG preloads pg_stat_statements, pgaudit and auto_explain when one of their "
                  + "parameters is set, and takes other libraries in spec.postgresql.shared_preload_libraries "
                  + "(Patch.set(Patch.Target.CLUSTER, \"/spec/postgresql/shared_preload_libraries\", List.of(\"...\")))",
          "synchronous_standby_names",
              "remove it: CNPG derives it from spec.postgresql.synchronous "
                  + "(Patch.set(Patch.Target.CLUSTER, \"/spec/postgresql/synchronous\", Map.of(\"method\", \"any\", \"number\", 1)))",
          "recovery_target",
              "remove it: restore to a moment with Restore.fromService(...).pointInTime(instant)");

  private CnpgClusterRules() {}

  /**
   * The database's violations.
   *
   * @param path the database's path, such as {@code services[orders].database}
   * @param credentials the parameters whose value was reported as a credential: not read, so that
   *     no message quotes it
   * @param now the moment a recovery target must not be after
   */
  static List<Violation> check(String path, Service service, Set<String> credentials, Instant now) {
    List<Violation> violations = new ArrayList<>();
    Database db = service.database();
    // Plain loops and ifs rather than lambdas, as in ServiceRules: each spins a class in a cold
    // run.
    for (String key : db.parameters().keySet()) {
      Optional<Violation> fixed = fixedParameter(path + ".parameters" + Violations.entry(key), key);
      if (fixed.isPresent()) {
        violations.add(fixed.get());
      }
    }
    if (db.imageName().isPresent() && db.postgresMajor() < OLDEST_MAJOR) {
      violations.add(
          new Violation(
              path + ".postgresMajor",
              "PostgreSQL "
                  + db.postgresMajor()
                  + " is older than CloudNativePG runs ("
                  + OLDEST_MAJOR
                  + " or newer); its webhook rejects the Cluster",
              "use an image of PostgreSQL "
                  + OLDEST_MAJOR
                  + " or newer, such as postgresMajor(17) without imageName(...), "
                  + "and move the data there with a logical import"));
    }
    if (!credentials.contains("shared_buffers")) {
      Optional<Violation> sharedBuffers = sharedBuffers(path, db);
      if (sharedBuffers.isPresent()) {
        violations.add(sharedBuffers.get());
      }
    }
    walParameters(path, db, credentials, violations);
    Optional<Instant> pointInTime =
        db.restore().isPresent() ? db.restore().get().pointInTime() : Optional.empty();
    if (pointInTime.isPresent() && pointInTime.get().isAfter(now)) {
      violations.add(
          new Violation(
              path + ".restore.pointInTime",
              DateTimeFormatter.ISO_INSTANT.format(pointInTime.get())
                  + " is in the future (now is "
                  + DateTimeFormatter.ISO_INSTANT.format(now)
                  + "); recovery never reaches it and the Cluster never starts",
              "use a moment in the past, while the source was archiving WAL, or leave pointInTime out to restore to the end of the archive"));
    }
    return violations;
  }

  /**
   * The violation at {@code path} of setting parameter {@code key}, when it is one CNPG fixes; a
   * patch of the Cluster is checked with it too.
   */
  static Optional<Violation> fixedParameter(String path, String key) {
    if (!FIXED_PARAMETERS.contains(key)) {
      return Optional.empty();
    }
    return Optional.of(
        new Violation(
            path,
            "CNPG manages " + key + " itself and rejects the Cluster if it is set",
            FIXED_PARAMETER_FIXES.getOrDefault(
                key.startsWith("recovery_target") ? "recovery_target" : key, "remove it")));
  }

  /**
   * The webhook rejects {@code shared_buffers} it cannot read, and one larger than the memory
   * request.
   */
  private static Optional<Violation> sharedBuffers(String path, Database db) {
    String value = db.parameters().get("shared_buffers");
    if (value == null) {
      return Optional.empty();
    }
    Optional<BigDecimal> size = postgresSize(value);
    if (size.isEmpty()) {
      return Optional.of(
          new Violation(
              path + ".parameters[shared_buffers]",
              "\""
                  + value
                  + "\" is not a size CNPG reads (a number of MB, or a number with kB, MB, GB or TB)",
              "use a size such as \"256MB\""));
    }
    String request =
        db.resources().isPresent() ? db.resources().get().requests().get(Resources.MEMORY) : null;
    if (request != null
        && KubernetesNames.isQuantity(request)
        && ResourceLimits.amount(request).signum() > 0
        && ResourceLimits.amount(request).compareTo(size.get()) < 0) {
      return Optional.of(
          new Violation(
              path + ".parameters[shared_buffers]",
              "\""
                  + value
                  + "\" is more than the memory request \""
                  + request
                  + "\"; CNPG rejects the Cluster",
              "lower shared_buffers (a quarter of the memory is usual) or raise the memory request"));
    }
    return Optional.empty();
  }

  /**
   * The webhook's rules for WAL parameters. Every cluster kit renders archives WAL (CNPG sets
   * {@code archive_mode}), so {@code wal_level} must keep enough WAL for it; a primary that failed
   * over is rewound with pg_rewind, which needs {@code wal_log_hints}; and the WAL sizes must be
   * ordered and fit the WAL volume.
   */
  private static void walParameters(
      String path, Database db, Set<String> credentials, List<Violation> violations) {
    Map<String, String> parameters = db.parameters();
    String walLevel = credentials.contains("wal_level") ? null : parameters.get("wal_level");
    if (walLevel != null && !List.of("logical", "replica", "minimal").contains(walLevel)) {
      violations.add(
          new Violation(
              path + ".parameters[wal_level]",
              Violations.shown(walLevel, "the value")
                  + " is not a wal_level (logical, replica or minimal)",
              "use \"logical\" (CNPG's default) or \"replica\""));
    } else if ("minimal".equals(walLevel)) {
      violations.add(
          new Violation(
              path + ".parameters[wal_level]",
              "\"minimal\" cannot feed WAL archiving or replicas, and CNPG "
                  + "archives the WAL of every cluster kit renders; its webhook rejects the Cluster",
              "use \"logical\" (CNPG's default) or \"replica\""));
    }
    for (String name : List.of("hot_standby_feedback", "sync_replication_slots", "wal_log_hints")) {
      String value = credentials.contains(name) ? null : parameters.get(name);
      Optional<Boolean> on = value == null ? Optional.empty() : postgresBoolean(value);
      if (value != null && on.isEmpty()) {
        violations.add(
            new Violation(
                path + ".parameters" + Violations.entry(name),
                Violations.shown(value, "the value") + " is not a PostgreSQL boolean",
                "use \"on\" or \"off\""));
      } else if (name.equals("wal_log_hints")
          && on.isPresent()
          && !on.get()
          && db.instances() > 1) {
        violations.add(
            new Violation(
                path + ".parameters[wal_log_hints]",
                "\""
                    + value
                    + "\" with "
                    + db.instances()
                    + " instances: CNPG rewinds a former primary with pg_rewind, which needs wal_log_hints on",
                "remove it (CNPG sets it on), or run one instance"));
      }
    }
    Optional<BigDecimal> min = walSize(path, parameters, "min_wal_size", credentials, violations);
    Optional<BigDecimal> max = walSize(path, parameters, "max_wal_size", credentials, violations);
    String minText = parameters.getOrDefault("min_wal_size", "80MB");
    String maxText = parameters.getOrDefault("max_wal_size", "1GB");
    BigDecimal minValue = min.orElse(postgresSize("80MB").orElseThrow());
    BigDecimal maxValue = max.orElse(postgresSize("1GB").orElseThrow());
    boolean readable =
        min.isPresent() == parameters.containsKey("min_wal_size")
            && max.isPresent() == parameters.containsKey("max_wal_size");
    if (readable && (min.isPresent() || max.isPresent()) && minValue.compareTo(maxValue) >= 0) {
      violations.add(
          new Violation(
              path + ".parameters[" + (min.isPresent() ? "min_wal_size" : "max_wal_size") + "]",
              "min_wal_size \""
                  + minText
                  + "\""
                  + (min.isEmpty() ? " (the default)" : "")
                  + " is not smaller than max_wal_size \""
                  + maxText
                  + "\""
                  + (max.isEmpty() ? " (the default)" : ""),
              "make min_wal_size smaller than max_wal_size"));
    }
    String volume = db.walStorage().isPresent() ? db.walStorage().get().size() : null;
    if (volume != null && KubernetesNames.isQuantity(volume)) {
      BigDecimal room = ResourceLimits.amount(volume);
      for (String name : List.of("min_wal_size", "max_wal_size")) {
        Optional<BigDecimal> size = name.equals("min_wal_size") ? min : max;
        if (size.isPresent() && size.get().compareTo(room) >= 0) {
          violations.add(
              new Violation(
                  path + ".parameters" + Violations.entry(name),
                  "\""
                      + parameters.get(name)
                      + "\" is not smaller than the WAL volume \""
                      + volume
                      + "\"",
                  "lower it, or give walStorage(...) more room"));
        }
      }
    }
  }

  /**
   * A WAL size parameter as the webhook reads it; empty, with a violation when set but unreadable,
   * or when unset or a credential (then not read).
   */
  private static Optional<BigDecimal> walSize(
      String path,
      Map<String, String> parameters,
      String name,
      Set<String> credentials,
      List<Violation> violations) {
    String value = parameters.get(name);
    if (value == null || credentials.contains(name)) {
      return Optional.empty();
    }
    Optional<BigDecimal> size = postgresSize(value);
    if (size.isEmpty()) {
      violations.add(
          new Violation(
              path + ".parameters" + Violations.entry(name),
              "\""
                  + value
                  + "\" is not a size CNPG reads (a number of MB, or a number with kB, MB, GB or TB)",
              "use a size such as \"1GB\""));
    }
    return size;
  }

  /**
   * A PostgreSQL boolean as CNPG reads it ({@code ParsePostgresConfigBoolean}): on, off, true,
   * false, yes, no, 1, 0, or a prefix.
   */
  static Optional<Boolean> postgresBoolean(String value) {
    String lower = value.toLowerCase(java.util.Locale.ROOT);
    if (List.of("1", "on", "y", "ye", "yes", "t", "tr", "tru", "true").contains(lower)) {
      return Optional.of(true);
    }
    return List.of("0", "of", "off", "n", "no", "f", "fa", "fal", "fals", "false").contains(lower)
        ? Optional.of(false)
        : Optional.empty();
  }

  /**
   * A PostgreSQL size in bytes as the webhook reads it ({@code parsePostgresQuantityValue}): a bare
   * number is MB, a unit must end with {@code B} and means powers of 1024, spaces are ignored;
   * empty when the webhook cannot read it.
   */
  static Optional<BigDecimal> postgresSize(String value) {
    String compact = value.replace(" ", "");
    if (isDigits(compact)) {
      compact += "MB";
    }
    if (!compact.endsWith("B")) {
      return Optional.empty();
    }
    String quantity = compact.substring(0, compact.length() - 1);
    if (!isDigits(quantity)) {
      quantity = (quantity + "i").replace("ki", "Ki");
    }
    return KubernetesNames.isQuantity(quantity)
        ? Optional.of(ResourceLimits.amount(quantity))
        : Optional.empty();
  }

  /** Whether {@code value} is ASCII digits only, at least one. */
  private static boolean isDigits(String value) {
    for (int at = 0; at < value.length(); at++) {
      if (value.charAt(at) < '0' || value.charAt(at) > '9') {
        return false;
      }
    }
    return !value.isEmpty();
  }
}
