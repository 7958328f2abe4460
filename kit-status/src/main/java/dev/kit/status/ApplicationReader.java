package dev.kit.status;

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
    if (phase.equals("Failed") || phase.equals("Error")) {
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
            message));
  }
}
