package dev.kit.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A {@code Deployment} or {@code StatefulSet}, kit's generated app or the team's own: ready
 * replicas, its health by Argo CD's rules for the kind, and while it rolls out or once past its
 * progress deadline, the waiting reasons of its pods.
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

  /**
   * Ready replicas of a workload and what keeps the others; {@code stuck} when a pod waits for a
   * reason that does not pass by itself, which {@code why} then names first.
   */
  record Rollout(int ready, int desired, Health health, String why, boolean stuck) {}

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
    String kind = object.kind().toLowerCase(java.util.Locale.ROOT);
    String fix;
    if (rollout.health() == Health.DEGRADED || rollout.stuck()) {
      fix =
          "kubectl describe "
              + kind
              + " "
              + object.name()
              + " -n "
              + object.namespace()
              + " and its pods' logs say why";
    } else if (rollout.health() == Health.SUSPENDED) {
      fix = "kubectl rollout resume " + kind + " " + object.name() + " -n " + object.namespace();
    } else {
      fix = rollout.health() == Health.HEALTHY ? "" : "rolling out";
    }
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

  /**
   * How a Deployment or StatefulSet stands, by Argo CD's rules for the kind (gitops-engine's
   * health_deployment.go and health_statefulset.go): a Deployment is Degraded only past its
   * progress deadline. A pod waiting for a reason that does not pass by itself changes the reason,
   * not the health: Argo CD keeps the wave waiting until the deadline.
   */
  static Rollout rollout(JsonNode live, ReadOnlyCluster cluster) {
    int desired = live.path("spec").path("replicas").asInt(1);
    int ready = live.path("status").path("readyReplicas").asInt(0);
    Verdict verdict =
        live.path("kind").asString("").equals("StatefulSet")
            ? statefulSet(live, desired, ready)
            : deployment(live, desired);
    String stuck =
        verdict.health() == Health.PROGRESSING || verdict.health() == Health.DEGRADED
            ? stuckPod(live, cluster)
            : null;
    if (stuck == null) {
      return new Rollout(ready, desired, verdict.health(), verdict.why(), false);
    }
    // a stuck pod is what to look at first, also past the progress deadline
    return new Rollout(
        ready,
        desired,
        verdict.health(),
        verdict.health() == Health.DEGRADED ? stuck + ", " + verdict.why() : stuck,
        true);
  }

  /**
   * The first container of the workload's pods that waits for a reason that does not pass by
   * itself, as "reason (pod name)"; null when none does.
   */
  private static @Nullable String stuckPod(JsonNode live, ReadOnlyCluster cluster) {
    Map<String, String> selector = new LinkedHashMap<>();
    live.path("spec")
        .path("selector")
        .path("matchLabels")
        .forEachEntry((key, value) -> selector.put(key, value.asString()));
    if (selector.isEmpty()) {
      return null;
    }
    String namespace = live.path("metadata").path("namespace").asString("");
    for (JsonNode pod : cluster.list("v1", "Pod", namespace, selector)) {
      for (JsonNode container :
          List.of(
              pod.path("status").path("initContainerStatuses"),
              pod.path("status").path("containerStatuses"))) {
        for (JsonNode each : container.values()) {
          String reason = each.path("state").path("waiting").path("reason").asString("");
          if (STUCK.contains(reason)) {
            return reason + " (pod " + pod.path("metadata").path("name").asString() + ")";
          }
        }
      }
    }
    return null;
  }

  /** What Argo CD's rules say of a workload, before kit looks at its pods. */
  private record Verdict(Health health, String why) {}

  /**
   * Argo CD's order: paused, a generation the controller has not observed, an exceeded progress
   * deadline, then updated, old and unavailable replicas. Kubernetes omits a count that is 0.
   */
  private static Verdict deployment(JsonNode live, int desired) {
    JsonNode status = live.path("status");
    if (live.path("spec").path("paused").asBoolean(false)) {
      return new Verdict(Health.SUSPENDED, "paused");
    }
    long generation = live.path("metadata").path("generation").asLong(0);
    if (generation > status.path("observedGeneration").asLong(0)) {
      return new Verdict(
          Health.PROGRESSING, "the controller has not observed generation " + generation + " yet");
    }
    JsonNode progressing = Inspection.condition(status, "Progressing");
    if (progressing != null
        && progressing.path("reason").asString("").equals("ProgressDeadlineExceeded")) {
      String message = progressing.path("message").asString("");
      return new Verdict(
          Health.DEGRADED,
          "ProgressDeadlineExceeded" + (message.isEmpty() ? "" : " (" + message + ")"));
    }
    int replicas = status.path("replicas").asInt(0);
    int updated = status.path("updatedReplicas").asInt(0);
    int available = status.path("availableReplicas").asInt(0);
    if (updated < desired) {
      return new Verdict(Health.PROGRESSING, updated + " of " + desired + " replicas updated");
    }
    if (replicas > updated) {
      return new Verdict(
          Health.PROGRESSING,
          replicas + " replicas, " + updated + " updated (old ones terminating)");
    }
    if (available < updated) {
      return new Verdict(
          Health.PROGRESSING, available + " of " + updated + " updated replicas available");
    }
    return new Verdict(Health.HEALTHY, "");
  }

  /**
   * Argo CD's order: a generation the controller has not observed, ready replicas, then the update
   * strategy: a partitioned rolling update is done once the pods above the partition are updated,
   * {@code OnDelete} waits for nobody, otherwise the current revision must be the update revision.
   */
  private static Verdict statefulSet(JsonNode live, int desired, int ready) {
    JsonNode status = live.path("status");
    long generation = live.path("metadata").path("generation").asLong(0);
    long observed = status.path("observedGeneration").asLong(0);
    if (observed == 0 || generation > observed) {
      return new Verdict(
          Health.PROGRESSING, "the controller has not observed generation " + generation + " yet");
    }
    if (ready < desired) {
      return new Verdict(Health.PROGRESSING, ready + " of " + desired + " pods ready");
    }
    JsonNode strategy = live.path("spec").path("updateStrategy");
    String type = strategy.path("type").asString("");
    int updated = status.path("updatedReplicas").asInt(0);
    if (type.equals("RollingUpdate") && strategy.path("rollingUpdate").isObject()) {
      JsonNode partition = strategy.path("rollingUpdate").path("partition");
      if (partition.isNumber() && updated < desired - partition.asInt()) {
        return new Verdict(
            Health.PROGRESSING,
            updated + " of " + (desired - partition.asInt()) + " pods above the partition updated");
      }
      return new Verdict(Health.HEALTHY, "");
    }
    if (type.equals("OnDelete")) {
      return new Verdict(Health.HEALTHY, "");
    }
    if (!status
        .path("updateRevision")
        .asString("")
        .equals(status.path("currentRevision").asString(""))) {
      return new Verdict(
          Health.PROGRESSING,
          updated
              + " of "
              + desired
              + " pods at revision "
              + status.path("updateRevision").asString(""));
    }
    return new Verdict(Health.HEALTHY, "");
  }
}
