package dev.kit.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The Pod Security Standards as the API server's admission enforces them per namespace ({@code
 * pod-security.kubernetes.io/enforce}), checked on a pod spec kit generates: the {@code baseline}
 * controls, and for {@code restricted} also its own (Kubernetes "Pod Security Standards", the
 * policy for the latest version).
 */
final class PodSecurityLevels {

  static final List<String> LEVELS = List.of("privileged", "baseline", "restricted");

  /** Capabilities baseline allows to add. */
  private static final Set<String> BASELINE_CAPABILITIES =
      Set.of(
          "AUDIT_WRITE",
          "CHOWN",
          "DAC_OVERRIDE",
          "FOWNER",
          "FSETID",
          "KILL",
          "MKNOD",
          "NET_BIND_SERVICE",
          "SETFCAP",
          "SETGID",
          "SETPCAP",
          "SETUID",
          "SYS_CHROOT");

  /** Volume types restricted allows. */
  private static final Set<String> RESTRICTED_VOLUMES =
      Set.of(
          "configMap",
          "csi",
          "downwardAPI",
          "emptyDir",
          "ephemeral",
          "persistentVolumeClaim",
          "projected",
          "secret");

  private PodSecurityLevels() {}

  /** What in {@code pod} (a pod spec) the {@code level} rejects; empty when it admits it. */
  static List<String> violations(JsonNode pod, String level) {
    List<String> violations = new ArrayList<>();
    if (level.equals("privileged")) {
      return violations;
    }
    for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
      if (pod.path(host).asBoolean(false)) {
        violations.add(host + ": true");
      }
    }
    JsonNode podContext = pod.path("securityContext");
    for (JsonNode volume : pod.path("volumes").values()) {
      if (volume.has("hostPath")) {
        violations.add("volume " + volume.path("name").asString() + " is a hostPath");
      } else if (level.equals("restricted")) {
        volume.propertyNames().stream()
            .filter(type -> !type.equals("name") && !RESTRICTED_VOLUMES.contains(type))
            .forEach(
                type ->
                    violations.add("volume " + volume.path("name").asString() + " is a " + type));
      }
    }
    if ("Unconfined".equals(podContext.path("seccompProfile").path("type").asString(""))) {
      violations.add("pod seccompProfile Unconfined");
    }
    List<JsonNode> containers = new ArrayList<>();
    for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
      containers.addAll(pod.path(list).values());
    }
    for (JsonNode container : containers) {
      String name = "container " + container.path("name").asString();
      JsonNode context = container.path("securityContext");
      if (context.path("privileged").asBoolean(false)) {
        violations.add(name + ": privileged");
      }
      for (JsonNode port : container.path("ports").values()) {
        if (port.path("hostPort").asInt(0) != 0) {
          violations.add(name + ": hostPort " + port.path("hostPort").asInt());
        }
      }
      for (JsonNode added : context.path("capabilities").path("add").values()) {
        String capability = added.asString();
        boolean allowed =
            level.equals("restricted")
                ? capability.equals("NET_BIND_SERVICE")
                : BASELINE_CAPABILITIES.contains(capability);
        if (!allowed) {
          violations.add(name + ": adds capability " + capability);
        }
      }
      if ("Unconfined".equals(context.path("seccompProfile").path("type").asString(""))) {
        violations.add(name + ": seccompProfile Unconfined");
      }
      if (level.equals("restricted")) {
        restricted(name, context, podContext, violations);
      }
    }
    return violations;
  }

  private static void restricted(
      String name, JsonNode context, JsonNode podContext, List<String> violations) {
    if (!context.path("allowPrivilegeEscalation").isBoolean()
        || context.path("allowPrivilegeEscalation").asBoolean()) {
      violations.add(name + ": allowPrivilegeEscalation is not false");
    }
    boolean dropsAll =
        context.path("capabilities").path("drop").values().stream()
            .anyMatch(d -> d.asString().equals("ALL"));
    if (!dropsAll) {
      violations.add(name + ": does not drop ALL capabilities");
    }
    boolean nonRoot =
        context.path("runAsNonRoot").isBoolean()
            ? context.path("runAsNonRoot").asBoolean()
            : podContext.path("runAsNonRoot").asBoolean(false);
    if (!nonRoot) {
      violations.add(name + ": runAsNonRoot is not true");
    }
    long user = context.path("runAsUser").asLong(podContext.path("runAsUser").asLong(-1));
    if (user == 0) {
      violations.add(name + ": runAsUser 0");
    }
    String seccomp =
        context
            .path("seccompProfile")
            .path("type")
            .asString(podContext.path("seccompProfile").path("type").asString(""));
    if (!seccomp.equals("RuntimeDefault") && !seccomp.equals("Localhost")) {
      violations.add(name + ": no RuntimeDefault or Localhost seccompProfile");
    }
  }

  /**
   * The pod specs in a generated object: a workload's or Job's template, the Atlas operator's dev
   * database.
   */
  static List<JsonNode> podSpecs(PlannedObject object) {
    List<JsonNode> specs = new ArrayList<>();
    JsonNode template = object.body().path("spec").path("template").path("spec");
    if (template.isObject() && template.has("containers")) {
      specs.add(template);
    }
    JsonNode devDb = object.body().path("spec").path("devDB").path("spec");
    if (devDb.isObject() && devDb.has("containers")) {
      specs.add(devDb);
    }
    return specs;
  }
}
