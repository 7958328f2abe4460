package dev.kit.validate;

import static dev.kit.validate.Violations.shown;

import dev.kit.layout.RepositoryLayout;
import dev.kit.layout.ServiceLayout;
import dev.kit.model.DeclarativeSchema;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import java.util.Optional;
import java.util.Set;

/** A service's declarative schema: one SQL file in its folder, instead of versioned migrations. */
final class SchemaRules {

  private SchemaRules() {}

  /**
   * An AtlasSchema carries its SQL inline; client-side apply copies objects into a 256 KiB
   * annotation.
   */
  static final int SCHEMA_FILE_MAX_BYTES = 200 * 1024;

  /**
   * Checks each declarative service's schema file.
   *
   * @param schemas the schema files, read and judged once for this validation run's views
   */
  static void check(Kit kit, DeclaredSchemas schemas, Violations violations) {
    for (Service service : kit.services()) {
      if (service.declarativeSchema().isEmpty()) {
        continue;
      }
      String path = "services" + Violations.entry(service.name()) + ".declarativeSchema";
      DeclarativeSchema schema = service.declarativeSchema().get();
      if (service.migrations().isPresent()) {
        violations.add(
            path,
            "a service has either versioned migrations or a declarative schema, not both",
            "remove migrations(...), or drop declarativeSchema(...)");
      }
      Optional<String> file = ServiceLayout.schemaFile(service);
      if (file.isEmpty() || !schema.file().endsWith(".sql")) {
        violations.add(
            path + ".file",
            shown(schema.file(), "the file")
                + " is not a .sql file inside services/"
                + service.name()
                + "/",
            "use a relative path without '..', such as \"schema.sql\"");
        continue;
      }
      if (!RepositoryLayout.isServiceFolder(service.name())) {
        continue;
      }
      DeclaredSchemas.Verdict verdict = schemas.verdict(service.name());
      if (verdict == DeclaredSchemas.Verdict.MISSING) {
        violations.add(
            path + ".file",
            "services/" + service.name() + "/" + schema.file() + " does not exist",
            "write the schema there as SQL (CREATE TABLE ...), the state Atlas keeps the database in");
      } else if (verdict == DeclaredSchemas.Verdict.TOO_LARGE) {
        violations.add(
            path + ".file",
            "is "
                + schemas.bytes(service.name())
                + " bytes, more than "
                + SCHEMA_FILE_MAX_BYTES
                + " an AtlasSchema can carry inline",
            "split the schema, or use versioned migrations");
      } else if (verdict == DeclaredSchemas.Verdict.NOT_UTF8) {
        violations.add(path + ".file", "is not UTF-8 text", "save the schema as UTF-8");
      } else {
        undeclaredSchemas(service, schemas, violations);
      }
    }
  }

  /**
   * The AtlasSchema manages the whole database, so a schema the CNPG Database creates ({@code
   * database.schema(...)}) but the file does not declare is one Atlas plans to drop, which the
   * operator refuses on its first run as destructive: the sync never becomes healthy.
   */
  private static void undeclaredSchemas(
      Service service, DeclaredSchemas schemas, Violations violations) {
    if (service.database().schemas().isEmpty()) {
      return;
    }
    Optional<Set<String>> declared = schemas.declared(service.name());
    if (declared.isEmpty()) {
      return; // Atlas cannot read it either, and says why at sync
    }
    for (String schema : service.database().schemas()) {
      if (!declared.get().contains(schema)) {
        violations.add(
            "services"
                + Violations.entry(service.name())
                + ".database.schemas"
                + Violations.entry(schema),
            "is created by the CNPG Database, but "
                + service.declarativeSchema().get().file()
                + " (declarativeSchema) does not declare it: Atlas would plan DROP SCHEMA "
                + schema
                + " CASCADE, which the Atlas operator refuses on its first run, so the sync never"
                + " becomes healthy",
            "declare it in the schema file (CREATE SCHEMA IF NOT EXISTS "
                + schema
                + ";), or remove schema(\""
                + schema
                + "\") from the database");
      }
    }
  }
}
