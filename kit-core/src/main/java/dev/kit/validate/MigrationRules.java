package dev.kit.validate;

import static dev.kit.validate.Violations.quote;
import static dev.kit.validate.Violations.shown;

import dev.kit.input.KitInputs;
import dev.kit.layout.ServiceLayout;
import dev.kit.migration.AtlasFileDirectives;
import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.model.ExistingDatabase;
import dev.kit.model.Migrations;
import dev.kit.model.SecretKey;
import dev.kit.model.Service;
import dev.kit.model.TxMode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A service's versioned migrations: the folder and its files as Atlas and a ConfigMap need them,
 * and the Job's settings.
 */
final class MigrationRules {

  /** A ConfigMap holds at most 1 MiB; one file must fit in one with room for its YAML. */
  static final int MIGRATION_FILE_MAX_BYTES = 1024 * 1024 - 16 * 1024;

  private MigrationRules() {}

  /**
   * @param readable whether the service's name may become a folder, so its migrations folder was
   *     read
   */
  static void check(
      String path,
      Service service,
      Migrations m,
      boolean readable,
      KitInputs inputs,
      Violations violations) {
    Optional<String> dir = ServiceLayout.inside(m.directory());
    if (dir.isEmpty()) {
      violations.add(
          path + ".directory",
          shown(m.directory(), "the folder")
              + " is not a folder inside services/"
              + service.name()
              + "/",
          "use a relative path without '..', such as \"migrations\"");
    } else if (!plainFolder(dir.get())) {
      // atlas.hcl holds it in an HCL string and in a file:// URL, whose host is its first part
      violations.add(
          path + ".directory",
          shown(m.directory(), "the folder")
              + " has characters that atlas.hcl's file:// URL cannot hold as written (a space,"
              + " quote, '%', '?', '#', '$' or non-ASCII letter)",
          "rename the folder with letters, digits, '.', '_', '-' and '/' only, such as"
              + " \"db/migrations\"");
    } else if (readable) {
      Optional<MigrationDirectory> read = inputs.migrations(service.name());
      String folder = "services/" + service.name() + "/" + m.directory();
      if (read.isEmpty() && inputs.isRegularFile(folder)) {
        violations.add(
            path + ".directory",
            folder + " is a file, not a folder",
            "point directory(...) at the folder that holds the .sql files, such as \"migrations\", or move the file into one");
      } else if (read.isEmpty()) {
        violations.add(
            path + ".directory",
            folder + " does not exist",
            "create it with your first migration, or call withoutMigrations() on the service");
      } else {
        migrationFiles(path, read.get(), m, violations);
      }
    }
    // Credentials first: a reference refused for its format is quoted, and a password must not be.
    Optional<ImageReference> ref = ImageReference.parse(m.atlasImage());
    if (CredentialLiterals.holds(m.atlasImage())) {
      violations.add(path + ".atlasImage", "contains credentials", CredentialLiterals.IMAGE_FIX);
    } else if (ref.isEmpty()) {
      violations.add(
          path + ".atlasImage",
          Violations.shown(m.atlasImage(), "the reference")
              + " "
              + ImageReference.problem(m.atlasImage()),
          "use repository:tag, such as \"" + Migrations.DEFAULT_ATLAS_IMAGE + "\"");
    } else if (!ref.get().isPinned()) {
      violations.add(
          path + ".atlasImage",
          quote(m.atlasImage()) + " is not pinned",
          "use a version tag or digest, such as \""
              + Migrations.DEFAULT_ATLAS_IMAGE
              + "\", so every sync runs the same Atlas");
    }
    if (!KubernetesNames.isSqlIdentifier(m.revisionsSchema())) {
      violations.add(
          path + ".revisionsSchema",
          shown(m.revisionsSchema(), "the schema") + " is not a schema name",
          "use a lower-case identifier such as \"atlas_schema_revisions\"");
    }
    if (m.backoffLimit() < 0) {
      violations.add(
          path + ".backoffLimit",
          m.backoffLimit() + " is negative",
          "use 0 for no retries, or a small number such as 3");
    }
    if (m.activeDeadlineSeconds() < 1) {
      violations.add(
          path + ".activeDeadlineSeconds",
          m.activeDeadlineSeconds() + " is not positive",
          "use a deadline in seconds, such as 900");
    }
    violations.resources(path + ".resources", m.resources());
    if (m.engine() == Migrations.Engine.OPERATOR) {
      m.txMode()
          .ifPresent(
              t ->
                  violations.add(
                      path + ".txMode",
                      "the Atlas operator's AtlasMigration has no tx mode",
                      "put \"-- atlas:txmode "
                          + t.flag()
                          + "\" on the first line of the files that need it, or use the job engine"));
      if (m.sslMode().verifiesServer()) {
        violations.add(
            path + ".sslMode",
            m.sslMode().value() + " needs " + operatorCa(service),
            "use SslMode.REQUIRE with the operator engine, or the job engine to verify the server");
      }
      // The Job's settings the AtlasMigration has no place for: said, not silently dropped.
      if (m.backoffLimit() == 0) {
        violations.add(
            path + ".backoffLimit",
            "the Atlas operator reads a backoffLimit of 0 as no limit, and retries for good",
            "use 1 or more retries, or the job engine for none");
      }
      if (!m.atlasImage().equals(Migrations.DEFAULT_ATLAS_IMAGE)) {
        violations.add(
            path + ".atlasImage",
            "the Atlas operator runs the Atlas of its own image, not "
                + Violations.shown(m.atlasImage(), "the one given"),
            "remove atlasImage(...), or use the job engine");
      }
      if (m.activeDeadlineSeconds() != Migrations.DEFAULT_ACTIVE_DEADLINE_SECONDS) {
        violations.add(
            path + ".activeDeadlineSeconds",
            "the Atlas operator's AtlasMigration has no deadline",
            "remove activeDeadlineSeconds(...), or use the job engine");
      }
      if (!m.resources().equals(Migrations.DEFAULT_RESOURCES)) {
        violations.add(
            path + ".resources",
            "the Atlas operator runs Atlas in its own pod, whose resources the AtlasMigration does"
                + " not set",
            "remove resources(...), or use the job engine");
      }
    }
  }

  /** What verifying the server would need of the Atlas operator, for where the database runs. */
  private static String operatorCa(Service service) {
    if (service.database().host() instanceof ExistingDatabase db) {
      if (db.ca().isPresent()) {
        return "the CA certificate of existing(...), in Secret "
            + quote(db.ca().get().name())
            + ", which the Atlas operator cannot mount";
      }
      return "the server's CA among the system's trusted roots of the Atlas operator's image,"
          + " which kit neither sets nor checks";
    }
    return "the cluster CA, which the Atlas operator cannot mount";
  }

  static void migrationFiles(
      String path, MigrationDirectory dir, Migrations m, Violations violations) {
    Map<String, MigrationFile> byVersion = new HashMap<>();
    TxMode txMode = m.txMode().orElse(TxMode.FILE);
    // Per file, only what the rules need: its path is built when it has a violation.
    for (MigrationFile file : dir.files()) {
      String version = file.version();
      if (!isConfigMapKey(file.name())) {
        violations.add(
            filePath(path, file),
            file.name().length() > KubernetesNames.SUBDOMAIN_MAX
                ? "the name has "
                    + file.name().length()
                    + " characters, and a ConfigMap key at most "
                    + KubernetesNames.SUBDOMAIN_MAX
                : "the name is not a ConfigMap key (letters, digits, '_', '-' and '.', not"
                    + " starting with '..')",
            "rename it to <version>_<description>.sql, such as 20250101120000_create_orders.sql");
      } else if (version.isEmpty()) {
        violations.add(
            filePath(path, file),
            "the name has no version before its first '_'",
            "rename it to <version>_<description>.sql, such as 20250101120000_create_orders.sql");
      } else {
        MigrationFile other = byVersion.putIfAbsent(version, file);
        if (other != null) {
          violations.add(
              filePath(path, file),
              "has version "
                  + version
                  + " like "
                  + other.name()
                  + "; Atlas records one revision per version",
              "give it a new version, e.g. run 'mvn kit:new-migration'");
        }
      }
      if (file.size() > MIGRATION_FILE_MAX_BYTES) {
        violations.add(
            filePath(path, file),
            "is "
                + file.size()
                + " bytes; one file must fit in one ConfigMap (at most "
                + MIGRATION_FILE_MAX_BYTES
                + " bytes)",
            "split it into several migrations");
      }
      if (file.startsWithByteOrderMark()) {
        // Atlas reads header directives only from a file that starts with "--" or "#", and
        // PostgreSQL does not skip a byte order mark: the Job fails on the first statement.
        violations.add(
            filePath(path, file),
            "starts with a UTF-8 byte order mark, which Atlas does not skip: it reads no header"
                + " directive, and PostgreSQL refuses the first statement, so the migration Job"
                + " fails",
            "save the file as UTF-8 without a byte order mark");
      } else if (m.engine() == Migrations.Engine.OPERATOR && file.configMapText().isEmpty()) {
        // The operator builds its directory from the ConfigMap's data alone: a file in binaryData
        // would be missing from it, and the atlas.sum that lists it would not match.
        violations.add(
            filePath(path, file),
            "is not UTF-8 text, or has a byte order mark, so it goes into the ConfigMap's"
                + " binaryData, which the Atlas operator does not read",
            "save it as UTF-8 without a byte order mark, or use the job engine, which mounts"
                + " binaryData too");
      }
      // Ifs, not ifPresent(violations::add): each method reference costs a cold JVM a class
      // (ColdValidationTest).
      Optional<Violation> txModeDirective = TxModeDirectives.check(path, file, txMode);
      if (txModeDirective.isPresent()) {
        violations.add(txModeDirective.get());
      }
      Optional<Violation> delimiterDirective = DelimiterDirectives.check(path, file);
      if (delimiterDirective.isPresent()) {
        violations.add(delimiterDirective.get());
      }
    }
    for (String name : dir.ignored()) {
      // Only a migration in the wrong case is surely one; the rest of what Atlas skips is warned
      // of.
      if (name.indexOf('/') < 0 && name.toLowerCase(Locale.ROOT).endsWith(".sql")) {
        String stem = name.substring(0, name.length() - ".sql".length());
        violations.add(
            path + ".files[" + name + "]",
            "ends in \""
                + name.substring(stem.length())
                + "\", but Atlas reads only names ending in lower-case \".sql\": it would never run"
                + " this file, and atlas.sum would leave it out",
            "rename it to " + stem + ".sql");
      }
    }
    if (m.engine() == Migrations.Engine.OPERATOR
        && dir.configMapBytes() > MigrationDirectory.CONFIGMAP_BUDGET_BYTES) {
      violations.add(
          path + ".engine",
          "the history is "
              + dir.configMapBytes()
              + " bytes, but an AtlasMigration reads one ConfigMap (at most "
              + MigrationDirectory.CONFIGMAP_BUDGET_BYTES
              + ")",
          "use the job engine, which mounts several ConfigMaps, or squash old migrations");
    }
    if (m.baseline().isPresent()) {
      MigrationFile baseline = byVersion.get(m.baseline().get());
      if (baseline == null) {
        violations.add(
            path + ".baseline",
            Violations.named("version", m.baseline().get())
                + " is not the version of any migration file",
            "use the version of an existing migration, the part of its name before the first '_'");
      } else if (AtlasFileDirectives.isCheckpoint(baseline)) {
        // Atlas looks for the baseline among the files that are not checkpoints.
        violations.add(
            path + ".baseline",
            "version "
                + quote(m.baseline().get())
                + " is the checkpoint "
                + baseline.name()
                + ", which Atlas skips once a baseline is set, so it would report the baseline"
                + " not found",
            "use the version of a migration that is not a checkpoint");
      }
    }
  }

  /** {@code services[orders].migrations.files[<name>]}, from the migrations' path. */
  static String filePath(String migrationsPath, MigrationFile file) {
    return migrationsPath + ".files[" + file.name() + "]";
  }

  /**
   * Whether a migration's name can be a ConfigMap key as it is: {@code [-._a-zA-Z0-9]+\.sql}, at
   * most 253 characters, not starting with {@code ..}. Scanned by hand: every file of every service
   * is checked.
   */
  static boolean isConfigMapKey(String name) {
    int length = name.length();
    // Kubernetes checks a ConfigMap's keys as it does a Secret's (IsConfigMapKey).
    return length > ".sql".length()
        && length <= KubernetesNames.SUBDOMAIN_MAX
        && name.endsWith(".sql")
        && SecretKey.isKeyName(name);
  }

  /** Whether {@code folder} has only characters an HCL string and a URL's host and path take. */
  private static boolean plainFolder(String folder) {
    for (int i = 0; i < folder.length(); i++) {
      char c = folder.charAt(i);
      if (!KubernetesNames.isAsciiLetterOrDigit(c)
          && c != '.'
          && c != '_'
          && c != '-'
          && c != '/') {
        return false;
      }
    }
    return true;
  }
}
