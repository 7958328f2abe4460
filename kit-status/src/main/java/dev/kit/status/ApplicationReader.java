package dev.kit.status;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * An Argo CD {@code Application}: sync status, health and revision ({@code status.sync}, {@code
 * status.health}), and the last sync operation ({@code status.operationState}), as in argo-cd's
 * {@code pkg/apis/application/v1alpha1/types.go}.
 */
final class ApplicationReader implements KindReader {

  @Override
  public boolean reads(PlannedObject object) {
    return object.group().equals("argoproj.io") && object.kind().equals("Application");
  }

  @Override
  public Column column(PlannedObject object) {
    return Column.ARGO;
  }

  @Override
  public Finding read(PlannedObject object, JsonNode live, Inspection inspection) {
    JsonNode status = live.path("status");
    String sync = status.path("sync").path("status").asString("Unknown");
    String health = status.path("health").path("status").asString("Unknown");
    String revision = status.path("sync").path("revision").asString("");
    String shortRevision =
        revision.length() > 7 && revision.matches("[0-9a-f]+")
            ? revision.substring(0, 7)
            : revision;
    JsonNode operation = status.path("operationState");
    String phase = operation.path("phase").asString("");
    String message = operation.path("message").asString("").lines().findFirst().orElse("");
    StringBuilder text = new StringBuilder(sync).append('/').append(health);
    if (!shortRevision.isEmpty()) {
      text.append(" @").append(shortRevision);
    }
    Health verdict;
    String fix = "";
    Optional<JsonNode> error = errorCondition(status);
    if (error.isPresent()) {
      // Argo CD cannot build or apply what the repository asks for; it neither syncs nor waits.
      String type = error.get().path("type").asString();
      verdict = Health.DEGRADED;
      text.append(", ").append(type);
      fix = errorFix(object.name(), error.get());
    } else if (phase.equals("Failed") || phase.equals("Error")) {
      verdict = Health.DEGRADED;
      text.append(", sync ").append(phase.toLowerCase(java.util.Locale.ROOT));
      fix =
          "the last sync "
              + phase.toLowerCase(java.util.Locale.ROOT)
              + (message.isEmpty() ? "" : ": " + message)
              + "; Argo CD does not retry a failed sync of the same commit: fix the cause, then argocd app sync "
              + object.name();
    } else if (health.equals("Degraded")) {
      verdict = Health.DEGRADED;
      fix =
          "a resource of "
              + object.name()
              + " is Degraded (argocd app get "
              + object.name()
              + " says which; the rows below say why)";
    } else if (health.equals("Suspended")) {
      verdict = Health.SUSPENDED;
      fix = "a resource waits for a person (argocd app get " + object.name() + ")";
    } else if (sync.equals("Synced") && health.equals("Healthy") && !phase.equals("Running")) {
      verdict = Health.HEALTHY;
    } else {
      verdict = Health.PROGRESSING;
      if (phase.equals("Running")) {
        fix = "Argo CD is syncing" + (message.isEmpty() ? "" : ": " + message);
      } else if (sync.equals("Synced")) {
        fix =
            "Argo CD waits for a resource to become healthy (the service's other findings say which)";
      } else {
        fix = "not synced yet: wait for the automated sync, or argocd app sync " + object.name();
      }
    }
    return Inspection.finding(
        object,
        column(object),
        verdict,
        text.toString(),
        fix,
        Inspection.facts(
            "sync",
            sync,
            "health",
            health,
            "revision",
            revision,
            "operation",
            phase,
            "operationMessage",
            message,
            "condition",
            error.map(c -> c.path("type").asString()).orElse("")));
  }

  /**
   * The Application's first error condition ({@code ComparisonError}, {@code InvalidSpecError},
   * {@code SyncError}, ...: Argo CD's {@code ApplicationCondition.IsError} is a type that ends in
   * {@code Error}), which Argo CD reports beside a health that may still say Healthy.
   */
  static Optional<JsonNode> errorCondition(JsonNode status) {
    for (JsonNode condition : status.path("conditions").values()) {
      if (condition.path("type").asString("").endsWith("Error")) {
        return Optional.of(condition);
      }
    }
    return Optional.empty();
  }

  /** What to do about {@code condition} of Application {@code name}. */
  static String errorFix(String name, JsonNode condition) {
    String message = condition.path("message").asString("").lines().findFirst().orElse("");
    return "Argo CD reports "
        + condition.path("type").asString()
        + (message.isEmpty() ? "" : ": " + message)
        + "; fix what it names (the repository, its path or credentials, or the manifests), then"
        + " argocd app get "
        + name
        + " --refresh";
  }
}
