package dev.kit.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A {@code Deployment} or {@code StatefulSet}, kit's generated app or the team's own: ready
 * replicas, and when some are not ready, why, from the {@code Progressing} condition and the
 * waiting reasons of its pods.
 */
final class WorkloadReader implements KindReader {

  /** Waiting reasons that do not pass by themselves (kubelet's; Kubernetes "Debug Pods"). */
  private static final Set<String> STUCK =
      Set.of(
          "CrashLoopBackOff",
          "ImagePullBackOff",
          "ErrImagePull",
          "CreateContainerConfigError",
          "CreateContainerError",
          "InvalidImageName",
          "RunContainerError");

  /** Ready replicas of a workload and what keeps the others. */
  record Rollout(int ready, int desired, Health health, String why) {}

  @Override
  public boolean reads(PlannedObject object) {
    return object.group().equals("apps")
        && (object.kind().equals("Deployment") || object.kind().equals("StatefulSet"));
  }

  @Override
  public Column column(PlannedObject object) {
    return Column.APP;
  }

  @Override
  public Finding read(PlannedObject object, JsonNode live, Inspection inspection) {
    Rollout rollout = rollout(live, inspection.cluster());
    String text =
        rollout.ready()
            + "/"
            + rollout.desired()
            + " ready"
            + (rollout.why().isEmpty() ? "" : ": " + rollout.why());
    String fix =
        switch (rollout.health()) {
          case HEALTHY -> "";
          case DEGRADED ->
              "kubectl describe "
                  + object.kind().toLowerCase(java.util.Locale.ROOT)
                  + " "
                  + object.name()
                  + " -n "
                  + object.namespace()
                  + " and its pods' logs say why";
          default -> "rolling out";
        };
    return Inspection.finding(
        object,
        column(object),
        rollout.health(),
        text,
        fix,
        Inspection.facts(
            "replicas",
            rollout.desired(),
            "readyReplicas",
            rollout.ready(),
            "reason",
            rollout.why()));
  }

  /** How a Deployment or StatefulSet stands; reads its pods when some replicas are not ready. */
  static Rollout rollout(JsonNode live, ReadOnlyCluster cluster) {
    int desired = live.path("spec").path("replicas").asInt(1);
    JsonNode status = live.path("status");
    int ready = status.path("readyReplicas").asInt(0);
    int updated = status.path("updatedReplicas").asInt(ready);
    if (ready >= desired && updated >= desired) {
      return new Rollout(ready, desired, Health.HEALTHY, "");
    }
    for (JsonNode condition : status.path("conditions").values()) {
      if (condition.path("type").asString("").equals("Progressing")
          && condition.path("status").asString("").equals("False")) {
        return new Rollout(
            ready,
            desired,
            Health.DEGRADED,
            condition.path("reason").asString("")
                + (condition.path("message").asString("").isEmpty()
                    ? ""
                    : " (" + condition.path("message").asString("") + ")"));
      }
    }
    Map<String, String> selector = new LinkedHashMap<>();
    live.path("spec")
        .path("selector")
        .path("matchLabels")
        .forEachEntry((key, value) -> selector.put(key, value.asString()));
    if (!selector.isEmpty()) {
      String namespace = live.path("metadata").path("namespace").asString("");
      for (JsonNode pod : cluster.list("v1", "Pod", namespace, selector)) {
        for (JsonNode container :
            List.of(
                pod.path("status").path("initContainerStatuses"),
                pod.path("status").path("containerStatuses"))) {
          for (JsonNode each : container.values()) {
            String reason = each.path("state").path("waiting").path("reason").asString("");
            if (STUCK.contains(reason)) {
              return new Rollout(
                  ready,
                  desired,
                  Health.DEGRADED,
                  reason + " (pod " + pod.path("metadata").path("name").asString() + ")");
            }
          }
        }
      }
    }
    return new Rollout(ready, desired, Health.PROGRESSING, "");
  }
}
