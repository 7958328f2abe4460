package dev.kit.status;

import tools.jackson.databind.JsonNode;

/**
 * Any other kind (a ConfigMap, a Service, a monitor, a ScheduledBackup, a provider's object without
 * a reader of its own): present, and if it reports a {@code Ready} condition (the Kubernetes
 * convention), whether it is ready.
 */
final class PresenceReader implements KindReader {

  @Override
  public boolean reads(PlannedObject object) {
    return true;
  }

  @Override
  public Finding read(PlannedObject object, JsonNode live, Inspection inspection) {
    for (JsonNode condition : live.path("status").path("conditions").values()) {
      if (condition.path("type").asString("").equals("Ready")
          && condition.path("status").asString("").equals("False")) {
        String reason = condition.path("reason").asString("");
        String message = condition.path("message").asString("");
        return Inspection.finding(
            object,
            column(object),
            Health.DEGRADED,
            object.title() + " not ready" + (reason.isEmpty() ? "" : ": " + reason),
            message.isEmpty()
                ? "kubectl describe "
                    + object.kind().toLowerCase(java.util.Locale.ROOT)
                    + " "
                    + object.name()
                    + (object.namespace().isEmpty() ? "" : " -n " + object.namespace())
                : message,
            Inspection.facts("reason", reason, "message", message));
      }
    }
    return Inspection.finding(object, column(object), Health.HEALTHY, "", "", Inspection.facts());
  }
}
