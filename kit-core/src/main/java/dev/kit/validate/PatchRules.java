package dev.kit.validate;

import static dev.kit.validate.Violations.quote;
import static dev.kit.validate.Violations.shown;

import dev.kit.layout.RepositoryLayout;
import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import dev.kit.render.ServiceKinds;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A patch of the escape hatch: a JSON value without credentials, a JSON Pointer that leaves alone
 * the object's identity and what Argo CD and kit:status read in its metadata, no parameter
 * CloudNativePG refuses, and a target the service generates ({@link ServiceKinds}). Whether the
 * path fits the object is found by applying it ({@link Validation}).
 */
final class PatchRules {

  private static final Pattern JSON_POINTER = Pattern.compile("(/([^~/]|~[01])*)+");

  /** A fix's example of what a patch may add. */
  private static final String OTHER_ANNOTATION =
      "patch a single other key instead, such as /metadata/annotations/example.com~1owner"
          + " ('/' in a key is written ~1)";

  /**
   * Annotations kit writes, by why a patch may not change them; on every target, as each of them
   * changes how Argo CD syncs the object.
   */
  private static final Map<String, String> KIT_ANNOTATIONS =
      Map.of(
          "argocd.argoproj.io/sync-options",
          "would change kit's Argo CD sync options: Prune=false,Delete=false on the Cluster,"
              + " ObjectStore and Workspace is what keeps a removed line from deleting a database",
          "argocd.argoproj.io/sync-wave",
          "would change kit's sync wave, which orders the database, its migration and the"
              + " application (a Cluster after the migration's wave hangs the sync)",
          "argocd.argoproj.io/hook",
          "would change which objects are Argo CD hooks: kit's migration Job is its only one",
          "argocd.argoproj.io/hook-delete-policy",
          "would change how Argo CD deletes the migration Job, kit's only hook");

  private PatchRules() {}

  static void check(Kit kit, String path, Service service, Patch patch, Violations violations) {
    boolean pointer = JSON_POINTER.matcher(patch.path()).matches();
    // The key the value goes under, unescaped (a~1password is a/password); none without a pointer.
    List<String> tokens = pointer ? patch.tokens() : List.of();
    String key = tokens.isEmpty() ? "" : tokens.get(tokens.size() - 1);
    violations.freeFormValue(
        path + ".value",
        key.isEmpty() ? Optional.empty() : Optional.of(key),
        patch.value(),
        "keep it in a Secret and reference it, such as valueFrom.secretKeyRef for an environment variable");
    if (!pointer) {
      violations.add(
          path + ".path",
          shown(patch.path(), "the path") + " is not a JSON Pointer",
          "start it with '/', such as \"/spec/primaryUpdateStrategy\"");
    } else {
      metadata(path + ".path", patch.path(), tokens, violations);
      if (patch.target() == Patch.Target.APPLICATION && kit.platform().isPresent()) {
        application(path + ".path", patch.path(), tokens, kit, service, violations);
      }
      if (patch.target() == Patch.Target.CLUSTER && patch.op() != Patch.Op.REMOVE) {
        parameters(path, tokens, patch, violations);
      }
    }
    // Each kind says what a service needs to generate it.
    Optional<String> missing = ServiceKinds.of(patch.target()).missing(kit, service);
    if (missing.isPresent()) {
      violations.add(
          path + ".target",
          patch.target() + " is not generated for a service without " + missing.get(),
          "remove the patch, or give the service " + missing.get());
    }
  }

  /**
   * The object's identity, and the annotations and labels Argo CD and kit:status read: a patch of
   * one of them, of a key of one of them, or of every annotation or label at once.
   */
  private static void metadata(
      String path, String pointer, List<String> tokens, Violations violations) {
    String first = tokens.get(0);
    String second = tokens.size() > 1 ? tokens.get(1) : "";
    if (first.equals("apiVersion")
        || first.equals("kind")
        || (first.equals("metadata")
            && (tokens.size() == 1 || second.equals("name") || second.equals("namespace")))) {
      violations.add(
          path,
          shown(pointer, "the path") + " would change the object's identity",
          "apiVersion, kind, metadata.name and metadata.namespace are kit's; set names through the DSL");
      return;
    }
    if (!first.equals("metadata")) {
      return;
    }
    String key = tokens.size() > 2 ? tokens.get(2) : null;
    if (second.equals("annotations")) {
      if (key == null) {
        violations.add(
            path,
            shown(pointer, "the path")
                + " would replace or remove every annotation, kit's sync wave and sync options"
                + " with them",
            OTHER_ANNOTATION);
      } else if (KIT_ANNOTATIONS.containsKey(key)) {
        violations.add(
            path,
            shown(pointer, "the path") + " " + KIT_ANNOTATIONS.get(key),
            "leave " + key + " to kit; " + OTHER_ANNOTATION);
      }
    } else if (second.equals("labels")) {
      if (key == null) {
        violations.add(
            path,
            shown(pointer, "the path")
                + " would replace or remove every label, kit's app.kubernetes.io labels with them,"
                + " by which kit:status and Argo CD find the service's objects",
            "add labels with Service.Builder.label(key, value), or patch a single other key"
                + " such as /metadata/labels/team");
      } else if (ServiceRules.RESERVED_LABELS.containsKey(key)) {
        violations.add(
            path,
            shown(pointer, "the path")
                + " would change "
                + key
                + ", a label by which kit:status and Argo CD find the service's objects",
            "leave "
                + key
                + " to kit and Argo CD; add labels with Service.Builder.label(key, value), or patch"
                + " a single other key such as /metadata/labels/team");
      }
    }
  }

  /**
   * What the AppProject kit writes with a Platform is built from: the Application's project, its
   * destination, its repository, and its path (kit's manifests folder). A patch of one of them, or
   * of the whole spec or source, renders an Application the project refuses or a folder kit does
   * not write. So does any {@code sources}: Argo CD reads a multi-source Application's sources
   * instead of its source.
   */
  private static void application(
      String path,
      String pointer,
      List<String> tokens,
      Kit kit,
      Service service,
      Violations violations) {
    if (!tokens.get(0).equals("spec")) {
      return;
    }
    String project = quote(kit.repository().argoCd().project());
    String field = tokens.size() > 1 ? tokens.get(1) : "";
    String sourceField = tokens.size() > 2 ? tokens.get(2) : "";
    if (tokens.size() == 1 || (field.equals("source") && tokens.size() == 2)) {
      violations.add(
          path,
          shown(pointer, "the path")
              + " would replace the Application's "
              + (tokens.size() == 1 ? "spec" : "source")
              + ", which kit builds with the AppProject "
              + project
              + " it writes",
          "patch a single other field, such as /spec/syncPolicy/syncOptions/-");
    } else if (field.equals("project")) {
      violations.add(
          path,
          shown(pointer, "the path")
              + " would move the Application out of the AppProject "
              + project
              + ", which kit writes for the services' namespaces and kinds",
          "set the project with ArgoCd.builder().project(...), or an environment's project(...)");
    } else if (field.equals("destination")) {
      violations.add(
          path,
          shown(pointer, "the path")
              + " would send the Application to a destination the AppProject "
              + project
              + " kit writes does not list (the services' namespaces on their cluster), and Argo CD"
              + " refuses it",
          "set the namespace with namespace(...) on the service, the cluster with"
              + " ArgoCd.builder().destinationServer(...) or an environment's"
              + " destinationServer(...) or destinationName(...)");
    } else if (field.equals("source") && sourceField.equals("repoURL")) {
      violations.add(
          path,
          shown(pointer, "the path")
              + " would sync a repository the AppProject "
              + project
              + " kit writes does not permit: it lists the repository's gitUrl only",
          "set the repository's gitUrl(...)");
    } else if (field.equals("sources")) {
      String manifests = RepositoryLayout.service(kit, service).manifests();
      violations.add(
          path,
          shown(pointer, "the path")
              + " would make the Application multi-source: Argo CD then ignores its source, "
              + manifests
              + ", and the AppProject "
              + project
              + " kit writes permits the repository's gitUrl only",
          "put your own manifests under "
              + manifests
              + "/app/, which the Application syncs too; for a chart from another repository,"
              + " write an Application of your own");
    } else if (field.equals("source") && sourceField.equals("path")) {
      String manifests = RepositoryLayout.service(kit, service).manifests();
      violations.add(
          path,
          shown(pointer, "the path")
              + " would sync another folder than "
              + manifests
              + ", where kit writes the service's manifests",
          "put your own manifests under " + manifests + "/app/, which the Application syncs too");
    }
  }

  /**
   * PostgreSQL parameters CloudNativePG refuses ({@link CnpgClusterRules}), set by a patch of one
   * parameter or of a map that holds them.
   */
  private static void parameters(
      String path, List<String> tokens, Patch patch, Violations violations) {
    List<String> parameters = List.of("spec", "postgresql", "parameters");
    if (tokens.size() > parameters.size()) {
      if (tokens.subList(0, parameters.size()).equals(parameters)) {
        Optional<Violation> fixed =
            CnpgClusterRules.fixedParameter(path + ".path", tokens.get(parameters.size()));
        if (fixed.isPresent()) {
          violations.add(fixed.get());
        }
      }
    } else if (PatchedField.reaches(tokens, parameters)
        && PatchedField.value(patch, tokens, parameters) instanceof Map<?, ?> map) {
      // A map at /spec, /spec/postgresql or the parameters themselves: the keys it sets.
      for (Object key : map.keySet()) {
        Optional<Violation> fixed =
            CnpgClusterRules.fixedParameter(path + ".value[" + key + "]", (String) key);
        if (fixed.isPresent()) {
          violations.add(fixed.get());
        }
      }
    }
  }
}
