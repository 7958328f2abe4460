package dev.kit.validate;

import static dev.kit.validate.Violations.quote;

import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import dev.kit.render.ServiceKinds;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A patch of the escape hatch: a JSON value without credentials, a JSON Pointer that leaves the
 * object's identity alone, and a target the service generates ({@link ServiceKinds}). Whether the
 * path fits the object is found by applying it ({@link Validation}).
 */
final class PatchRules {

  private static final Pattern JSON_POINTER = Pattern.compile("(/([^~/]|~[01])*)+");
  private static final List<String> PROTECTED_PATHS =
      List.of("/apiVersion", "/kind", "/metadata/name", "/metadata/namespace");

  private PatchRules() {}

  static void check(Kit kit, String path, Service service, Patch patch, Violations violations) {
    String lastSegment = patch.path().substring(patch.path().lastIndexOf('/') + 1);
    violations.freeFormValue(
        path + ".value",
        Optional.of(lastSegment).filter(s -> !s.isEmpty()),
        patch.value(),
        "keep it in a Secret and reference it, such as valueFrom.secretKeyRef for an environment variable");
    if (!JSON_POINTER.matcher(patch.path()).matches()) {
      violations.add(
          path + ".path",
          quote(patch.path()) + " is not a JSON Pointer",
          "start it with '/', such as \"/spec/primaryUpdateStrategy\"");
    } else if (PROTECTED_PATHS.stream()
            .anyMatch(p -> patch.path().equals(p) || patch.path().startsWith(p + "/"))
        || patch.path().equals("/metadata")) {
      violations.add(
          path + ".path",
          quote(patch.path()) + " would change the object's identity",
          "apiVersion, kind, metadata.name and metadata.namespace are kit's; set names through the DSL");
    }
    // Each kind says what a service needs to generate it.
    Optional<String> missing = ServiceKinds.of(patch.target()).missing(kit, service);
    missing.ifPresent(
        what ->
            violations.add(
                path + ".target",
                patch.target() + " is not generated for a service without " + what,
                "remove the patch, or give the service " + what));
  }
}
