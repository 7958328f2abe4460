package dev.kit;

import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Service;
import dev.kit.templates.TextTemplates;
import dev.kit.validate.KitValidationException;
import dev.kit.validate.Violation;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Creates migration files the way {@code atlas migrate new} names them, from kit's skeleton. */
final class NewMigrations {

  /** Atlas's version format: the UTC time, to the second. */
  static final DateTimeFormatter VERSION_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}");

  private NewMigrations() {}

  /** The service to add a migration to: the named one, or the only one with migrations. */
  static Service service(Kit kit, Optional<String> name) {
    List<Service> withMigrations =
        kit.services().stream().filter(s -> s.migrations().isPresent()).toList();
    if (name.isPresent()) {
      Service service =
          kit.services().stream()
              .filter(s -> s.name().equals(name.get()))
              .findFirst()
              .orElseThrow(
                  () ->
                      fail(
                          "newMigration.service",
                          "there is no service " + quote(name.get()),
                          "use one of " + withMigrations.stream().map(Service::name).toList()));
      if (service.migrations().isEmpty()) {
        throw fail(
            "newMigration.service",
            "service " + quote(service.name()) + " has no migrations",
            "give it migrations in the description first");
      }
      return service;
    }
    if (withMigrations.size() != 1) {
      throw fail(
          "newMigration.service",
          withMigrations.isEmpty()
              ? "no service has migrations"
              : "there are " + withMigrations.size() + " services with migrations",
          "name one with -Dkit.service=<name> (one of "
              + withMigrations.stream().map(Service::name).toList()
              + ")");
    }
    return withMigrations.get(0);
  }

  /**
   * The file name of a migration: {@code <version>_<name>.sql}, as {@code atlas migrate new} writes
   * it.
   */
  static String fileName(String version, String name) {
    return version + "_" + name + ".sql";
  }

  /**
   * The new migration {@code <version>_<name>.sql} for a folder that holds {@code existing}, with
   * {@code content} or, when it is empty, kit's skeleton. Writes nothing: the generation that
   * includes it creates it.
   *
   * @throws KitValidationException when the name is unsafe, the version taken, or the file would
   *     sort before the newest
   */
  static MigrationFile file(
      Service service,
      MigrationDirectory existing,
      String version,
      String name,
      Optional<String> content) {
    if (!NAME.matcher(name).matches()) {
      throw fail(
          "newMigration.name",
          quote(name) + " is not a safe migration name",
          "use lower-case letters, digits, '_' and '-', such as \"add_users\"");
    }
    String fileName = fileName(version, name);
    for (MigrationFile file : existing.files()) {
      if (file.version().equals(version)) {
        throw fail(
            "newMigration.name",
            "version " + version + " is already taken by " + file.name(),
            "wait a second and run it again");
      }
    }
    if (!existing.isEmpty()) {
      MigrationFile newest = existing.files().get(existing.files().size() - 1);
      if (fileName.compareTo(newest.name()) < 0) {
        throw outOfOrder(service, fileName, newest);
      }
    }
    Migrations m = service.migrations().orElseThrow();
    Map<String, Object> model = new HashMap<>();
    model.put("version", version);
    model.put("name", name);
    m.txMode().ifPresent(t -> model.put("txMode", t.flag()));
    byte[] bytes =
        content
            .orElseGet(() -> TextTemplates.render("new-migration.sql.ftl", model))
            .getBytes(StandardCharsets.UTF_8);
    return new MigrationFile(fileName, bytes);
  }

  /**
   * Why {@code fileName} would sort before {@code newest}: a clock behind the newest timestamp, or
   * a history whose versions are not timestamps, which no clock ever passes.
   */
  private static KitValidationException outOfOrder(
      Service service, String fileName, MigrationFile newest) {
    String path = "services[" + service.name() + "].migrations.files[" + newest.name() + "]";
    String version = newest.version();
    boolean timestamp = version.length() == VERSION_LENGTH && isNumber(version);
    if (timestamp) {
      return fail(
          path,
          "the new file "
              + fileName
              + " would sort before "
              + newest.name()
              + ", whose version is a later time",
          "Atlas applies files in name order; check the clock, or rename the newest migration if it"
              + " is not merged yet");
    }
    String kind =
        isNumber(version)
            ? "a " + version.length() + "-digit number, not a timestamp"
            : "not a number";
    return fail(
        path,
        "version \""
            + version
            + "\" is "
            + kind
            + ": Atlas compares versions as text, so every timestamp kit:new-migration writes ("
            + fileName
            + ") sorts before "
            + newest.name()
            + ", and Atlas would never apply it on a database that applied "
            + newest.name(),
        "if no database has applied these files, rename them to <timestamp>_<description>.sql"
            + " (such as 20240101000000_init.sql; Flyway's V1__init.sql files are not Atlas's"
            + " format: convert them with 'atlas migrate import'); if one has, add the file by hand"
            + " with a version that sorts after \""
            + version
            + "\" as text");
  }

  /** The length of a version {@link #VERSION_FORMAT} writes. */
  private static final int VERSION_LENGTH = "yyyyMMddHHmmss".length();

  private static boolean isNumber(String version) {
    if (version.isEmpty()) {
      return false;
    }
    for (int i = 0; i < version.length(); i++) {
      if (version.charAt(i) < '0' || version.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static KitValidationException fail(String path, String problem, String fix) {
    return new KitValidationException(List.of(new Violation(path, problem, fix)));
  }

  private static String quote(String value) {
    return "\"" + value + "\"";
  }
}
