package dev.kit.validate;

import static dev.kit.validate.Violations.quote;

import dev.kit.model.Backups;
import dev.kit.model.Database;
import dev.kit.model.Migrations;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A patch of the escape hatch: a JSON value without credentials, a JSON Pointer that leaves the object's identity
 * alone, and a target the service generates. Whether the path fits the object is found by applying it
 * ({@link Validation}).
 */
final class PatchRules {

  private static final Pattern JSON_POINTER = Pattern.compile("(/([^~/]|~[01])*)+");
  private static final List<String> PROTECTED_PATHS = List.of("/apiVersion", "/kind", "/metadata/name", "/metadata/namespace");

  private PatchRules() {}

  static void check(String path, Service service, Patch patch, Violations violations) {
    String lastSegment = patch.path().substring(patch.path().lastIndexOf('/') + 1);
    violations.freeFormValue(path + ".value", Optional.of(lastSegment).filter(s -> !s.isEmpty()), patch.value(),
        "keep it in a Secret and reference it, such as valueFrom.secretKeyRef for an environment variable");
    if (!JSON_POINTER.matcher(patch.path()).matches()) {
      violations.add(path + ".path", quote(patch.path()) + " is not a JSON Pointer", "start it with '/', such as \"/spec/primaryUpdateStrategy\"");
    } else if (PROTECTED_PATHS.stream().anyMatch(p -> patch.path().equals(p) || patch.path().startsWith(p + "/"))
        || patch.path().equals("/metadata")) {
      violations.add(path + ".path", quote(patch.path()) + " would change the object's identity",
          "apiVersion, kind, metadata.name and metadata.namespace are kit's; set names through the DSL");
    }
    Database db = service.database();
    Optional<String> missing = switch (patch.target()) {
      case CLUSTER, APPLICATION -> Optional.empty();
      case MIGRATIONS_CONFIGMAP -> service.migrations().isEmpty() ? Optional.of("migrations") : Optional.empty();
      case MIGRATION_JOB -> service.migrations().isEmpty() ? Optional.of("migrations")
          : service.migrations().get().engine() != Migrations.Engine.JOB ? Optional.of("migrations on the job engine") : Optional.empty();
      case OBJECT_STORE -> db.backups().filter(b -> !b.legacyInTree()).isEmpty() ? Optional.of("backups through the Barman Cloud plugin") : Optional.empty();
      case SCHEDULED_BACKUP -> db.backups().flatMap(Backups::schedule).isEmpty() ? Optional.of("a backup schedule") : Optional.empty();
      case POOLER -> db.pooler().isEmpty() ? Optional.of("a pooler") : Optional.empty();
      case POD_MONITOR, PROMETHEUS_RULE -> service.monitoring().isEmpty() ? Optional.of("monitoring") : Optional.empty();
      case APP_DEPLOYMENT, APP_SERVICE -> service.app().isEmpty() ? Optional.of("a generated app") : Optional.empty();
      case ATLAS_MIGRATION -> service.migrations().filter(m -> m.engine() == Migrations.Engine.OPERATOR).isEmpty()
          ? Optional.of("migrations on the operator engine") : Optional.empty();
      case ATLAS_SCHEMA -> service.declarativeSchema().isEmpty() ? Optional.of("a declarative schema") : Optional.empty();
    };
    missing.ifPresent(what -> violations.add(path + ".target", patch.target() + " is not generated for a service without " + what,
        "remove the patch, or give the service " + what));
  }
}
