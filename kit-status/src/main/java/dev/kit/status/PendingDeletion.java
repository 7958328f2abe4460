package dev.kit.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Argo CD's first health rule, applied before any check of a kind (gitops-engine {@code
 * pkg/health/health.go}, {@code GetResourceHealth}): an object whose {@code
 * metadata.deletionTimestamp} is set is Progressing, "Pending deletion", unless it carries Argo
 * CD's hook finalizer, which keeps a hook readable until its sync is done.
 */
final class PendingDeletion {

  /** gitops-engine {@code pkg/sync/hook}, {@code HookFinalizer}. */
  static final String HOOK_FINALIZER = "argocd.argoproj.io/hook-finalizer";

  /**
   * Argo CD's finalizer for a cascade delete of an Application ({@code ResourcesFinalizerName}),
   * and the prefix of its {@code /foreground} and {@code /background} forms.
   */
  private static final String RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io";

  private PendingDeletion() {}

  /** The finalizers that hold {@code live}, in its order. */
  static List<String> finalizers(JsonNode live) {
    List<String> finalizers = new ArrayList<>();
    live.path("metadata").path("finalizers").values().forEach(f -> finalizers.add(f.asString("")));
    return finalizers;
  }

  /** "finalizer a" or "finalizers a, b". */
  static String named(List<String> finalizers) {
    return "finalizer" + (finalizers.size() == 1 ? " " : "s ") + String.join(", ", finalizers);
  }

  /**
   * " is being deleted since <time>" and the finalizers that hold it, when {@code live} has a
   * deletion timestamp: such an object still reports what it did before, so its conditions and
   * replicas would pass a check it is about to stop meeting.
   */
  static Optional<String> beingDeleted(JsonNode live) {
    String since = live.path("metadata").path("deletionTimestamp").asString("");
    if (since.isEmpty()) {
      return Optional.empty();
    }
    List<String> finalizers = finalizers(live);
    return Optional.of(
        " is being deleted since "
            + since
            + (finalizers.isEmpty() ? "" : ", held by " + named(finalizers)));
  }

  /**
   * The finding for {@code live} while it is being deleted, or empty when it is not (or it is a
   * hook Argo CD still holds) and its kind's reader reads it.
   */
  static Optional<Finding> of(PlannedObject object, JsonNode live, Column column, Moments moments) {
    JsonNode metadata = live.path("metadata");
    String deletion = metadata.path("deletionTimestamp").asString("");
    List<String> finalizers = finalizers(live);
    if (deletion.isEmpty() || finalizers.contains(HOOK_FINALIZER)) {
      return Optional.empty();
    }
    boolean application =
        object.group().equals("argoproj.io") && object.kind().equals("Application");
    String since =
        (application ? "the Application is being deleted since " : "being deleted since ")
            + Moments.parse(deletion).map(moments::at).orElse(deletion);
    String fix;
    if (finalizers.isEmpty()) {
      fix =
          since
              + "; no finalizer holds it, so the API server removes it once its grace period ends";
    } else {
      String heldBy = since + ", held by " + named(finalizers);
      fix =
          application && finalizers.stream().anyMatch(f -> f.startsWith(RESOURCES_FINALIZER))
              ? heldBy
                  + ": a cascade delete, Argo CD deletes the Application's resources first, then"
                  + " removes its finalizer; if it stays, a resource that does not go holds it"
                  + " (argocd app get "
                  + object.name()
                  + " and the service's other findings say which)"
              : heldBy
                  + "; the controller that owns each removes it when its cleanup is done: if it"
                  + " stays, check that controller";
    }
    return Optional.of(
        Inspection.finding(
            object,
            column,
            Health.PROGRESSING,
            "pending deletion",
            fix,
            Inspection.facts(
                "deletionTimestamp", deletion, "finalizers", List.copyOf(finalizers))));
  }
}
