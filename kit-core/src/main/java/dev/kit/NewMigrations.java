package dev.kit;

import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Service;
import dev.kit.templates.TextTemplates;
import dev.kit.validate.KitValidationException;
import dev.kit.validate.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
  static final DateTimeFormatter VERSION_FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}");

  private NewMigrations() {}

  /** The service to add a migration to: the named one, or the only one with migrations. */
  static Service service(Kit kit, Optional<String> name) {
    List<Service> withMigrations = kit.services().stream().filter(s -> s.migrations().isPresent()).toList();
    if (name.isPresent()) {
      Service service = kit.services().stream().filter(s -> s.name().equals(name.get())).findFirst()
          .orElseThrow(() -> fail("newMigration.service", "there is no service " + quote(name.get()),
              "use one of " + withMigrations.stream().map(Service::name).toList()));
      if (service.migrations().isEmpty()) {
        throw fail("newMigration.service", "service " + quote(service.name()) + " has no migrations",
            "give it migrations in the description first");
      }
      return service;
    }
    if (withMigrations.size() != 1) {
      throw fail("newMigration.service", withMigrations.isEmpty() ? "no service has migrations"
              : "there are " + withMigrations.size() + " services with migrations",
          "name one with -Dkit.service=<name> (one of " + withMigrations.stream().map(Service::name).toList() + ")");
    }
    return withMigrations.get(0);
  }

  static void createFolder(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  /** Writes {@code <version>_<name>.sql} from the skeleton into {@code dir}, which it creates if needed. */
  static Path write(Service service, Path dir, String version, String name) {
    return write(service, dir, version, name, Optional.empty());
  }

  /** Writes {@code <version>_<name>.sql} with {@code content}, or the skeleton when it is empty. */
  static Path write(Service service, Path dir, String version, String name, Optional<String> content) {
    if (!NAME.matcher(name).matches()) {
      throw fail("newMigration.name", quote(name) + " is not a safe migration name",
          "use lower-case letters, digits, '_' and '-', such as \"add_users\"");
    }
    MigrationDirectory existing = MigrationDirectory.read(dir);
    String fileName = version + "_" + name + ".sql";
    for (MigrationFile file : existing.files()) {
      if (file.version().equals(version)) {
        throw fail("newMigration.name", "version " + version + " is already taken by " + file.name(),
            "wait a second and run it again");
      }
    }
    if (!existing.isEmpty()) {
      MigrationFile newest = existing.files().get(existing.files().size() - 1);
      if (fileName.compareTo(newest.name()) < 0) {
        throw fail("newMigration.name", "the new file " + fileName + " would sort before " + newest.name(),
            "Atlas applies files in name order; check the clock, or rename the newest migration if it is not merged yet");
      }
    }
    Migrations m = service.migrations().orElseThrow();
    Map<String, Object> model = new HashMap<>();
    model.put("version", version);
    model.put("name", name);
    m.txMode().ifPresent(t -> model.put("txMode", t.flag()));
    byte[] bytes = content.orElseGet(() -> TextTemplates.render("new-migration.sql.ftl", model))
        .getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve(fileName);
    try {
      Files.createDirectories(dir);
      Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw fail("newMigration.name", file + " already exists", "kit never overwrites a migration; pick another name");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  private static KitValidationException fail(String path, String problem, String fix) {
    return new KitValidationException(List.of(new Violation(path, problem, fix)));
  }

  private static String quote(String value) {
    return "\"" + value + "\"";
  }
}
