package dev.kit.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The Kubernetes Pod Security Standards "restricted" profile (which includes "baseline"), as the
 * pod-security admission controller checks it at version "latest" (v1.31): each check by its
 * upstream id. A problem reads {@code <where>: <JSON path>: [<check id>] <what is wrong>}.
 */
final class PodSecurityRestricted {

  /**
   * Where the pod template sits, by kind; other kinds carry no pod spec that Kubernetes runs as is.
   */
  static final Map<String, String> POD_TEMPLATE_PATHS =
      Map.of(
          "Pod", "",
          "Deployment", "/spec/template",
          "StatefulSet", "/spec/template",
          "DaemonSet", "/spec/template",
          "ReplicaSet", "/spec/template",
          "ReplicationController", "/spec/template",
          "Job", "/spec/template",
          "CronJob", "/spec/jobTemplate/spec/template",
          // The Atlas operator runs its dev database from this pod spec, in the service's
          // namespace.
          "AtlasMigration", "/spec/devDB",
          "AtlasSchema", "/spec/devDB");

  private static final Set<String> RESTRICTED_VOLUME_TYPES =
      Set.of(
          "configMap",
          "csi",
          "downwardAPI",
          "emptyDir",
          "ephemeral",
          "persistentVolumeClaim",
          "projected",
          "secret");
  private static final Set<String> SAFE_SYSCTLS =
      Set.of(
          "kernel.shm_rmid_forced",
          "net.ipv4.ip_local_port_range",
          "net.ipv4.ip_unprivileged_port_start",
          "net.ipv4.tcp_syncookies",
          "net.ipv4.ping_group_range",
          "net.ipv4.ip_local_reserved_ports",
          "net.ipv4.tcp_keepalive_time",
          "net.ipv4.tcp_fin_timeout",
          "net.ipv4.tcp_keepalive_intvl",
          "net.ipv4.tcp_keepalive_probes");
  private static final Set<String> SELINUX_TYPES =
      Set.of("", "container_t", "container_init_t", "container_kvm_t", "container_engine_t");
  private static final Set<String> SECCOMP_ALLOWED = Set.of("RuntimeDefault", "Localhost");
  private static final List<String> CONTAINER_LISTS =
      List.of("initContainers", "containers", "ephemeralContainers");
  private static final String APPARMOR_ANNOTATION =
      "container.apparmor.security.beta.kubernetes.io/";

  private PodSecurityRestricted() {}

  /** Whether the object's kind carries a pod template this class knows how to find. */
  static boolean hasPodTemplate(JsonNode object) {
    String path = POD_TEMPLATE_PATHS.get(object.path("kind").asString(""));
    return path != null && object.at(path.isEmpty() ? "/spec" : path + "/spec").isObject();
  }

  /** Every restricted-profile violation of the object's pod template. */
  static List<String> check(String where, JsonNode object) {
    String templatePath = POD_TEMPLATE_PATHS.get(object.path("kind").asString(""));
    if (templatePath == null) {
      throw new IllegalArgumentException(
          where + ": " + object.path("kind").asString() + " has no known pod template");
    }
    JsonNode template = templatePath.isEmpty() ? object : object.at(templatePath);
    String at = "$" + templatePath.replace('/', '.');
    return checkPod(where, at, template.path("metadata"), template.path("spec"));
  }

  static List<String> checkPod(String where, String at, JsonNode podMetadata, JsonNode spec) {
    List<String> problems = new ArrayList<>();
    Problems p =
        (path, id, message) -> problems.add(where + ": " + at + path + ": [" + id + "] " + message);
    JsonNode podContext = spec.path("securityContext");

    // baseline
    for (String namespace : List.of("hostNetwork", "hostPID", "hostIPC")) {
      if (spec.path(namespace).asBoolean(false)) {
        p.add(".spec." + namespace, "hostNamespaces", namespace + " must be unset or false");
      }
    }
    if (podContext.path("windowsOptions").path("hostProcess").asBoolean(false)) {
      p.add(
          ".spec.securityContext.windowsOptions.hostProcess",
          "hostProcess",
          "must be unset or false");
    }
    seLinux(p, ".spec.securityContext", podContext);
    appArmor(p, ".spec.securityContext", podContext);
    if ("Unconfined".equals(podContext.path("seccompProfile").path("type").asString(""))) {
      p.add(
          ".spec.securityContext.seccompProfile.type",
          "seccompProfile_baseline",
          "must not be Unconfined");
    }
    JsonNode sysctls = podContext.path("sysctls");
    for (int i = 0; i < sysctls.size(); i++) {
      String name = sysctls.get(i).path("name").asString("");
      if (!SAFE_SYSCTLS.contains(name)) {
        p.add(
            ".spec.securityContext.sysctls[" + i + "]",
            "sysctls",
            "'" + name + "' is not a safe sysctl");
      }
    }
    podMetadata
        .path("annotations")
        .properties()
        .forEach(
            e -> {
              if (e.getKey().startsWith(APPARMOR_ANNOTATION)) {
                String value = e.getValue().asString("");
                if (!value.equals("runtime/default") && !value.startsWith("localhost/")) {
                  p.add(
                      ".metadata.annotations['" + e.getKey() + "']",
                      "appArmorProfile",
                      "'" + value + "' is neither runtime/default nor localhost/*");
                }
              }
            });

    // volumes: hostPath (baseline) and the restricted allow-list
    JsonNode volumes = spec.path("volumes");
    for (int i = 0; i < volumes.size(); i++) {
      for (String type : volumes.get(i).propertyNames()) {
        if (type.equals("name")) {
          continue;
        }
        if (type.equals("hostPath")) {
          p.add(
              ".spec.volumes[" + i + "].hostPath",
              "hostPathVolumes",
              "hostPath volumes are forbidden");
        } else if (!RESTRICTED_VOLUME_TYPES.contains(type)) {
          p.add(
              ".spec.volumes[" + i + "]." + type,
              "restrictedVolumes",
              "volume type " + type + " is not allowed by restricted");
        }
      }
    }

    // containers
    boolean podNonRoot = podContext.path("runAsNonRoot").asBoolean(false);
    String podSeccomp = podContext.path("seccompProfile").path("type").asString("");
    if (!podSeccomp.isEmpty() && !SECCOMP_ALLOWED.contains(podSeccomp)) {
      p.add(
          ".spec.securityContext.seccompProfile.type",
          "seccompProfile_restricted",
          "'" + podSeccomp + "' is neither RuntimeDefault nor Localhost");
    }
    if (podContext.path("runAsUser").isNumber() && podContext.path("runAsUser").asLong() == 0) {
      p.add(".spec.securityContext.runAsUser", "runAsUser", "must not be 0");
    }
    if (podContext.has("runAsNonRoot") && !podNonRoot) {
      p.add(".spec.securityContext.runAsNonRoot", "runAsNonRoot", "must not be false");
    }
    int containerCount = 0;
    for (String list : CONTAINER_LISTS) {
      JsonNode containers = spec.path(list);
      for (int i = 0; i < containers.size(); i++) {
        containerCount++;
        JsonNode container = containers.get(i);
        String c = ".spec." + list + "[" + i + "]";
        JsonNode context = container.path("securityContext");
        String s = c + ".securityContext";
        if (context.path("privileged").asBoolean(false)) {
          p.add(s + ".privileged", "privileged", "must be unset or false");
        }
        if (context.path("windowsOptions").path("hostProcess").asBoolean(false)) {
          p.add(s + ".windowsOptions.hostProcess", "hostProcess", "must be unset or false");
        }
        String procMount = context.path("procMount").asString("");
        if (!procMount.isEmpty() && !procMount.equals("Default")) {
          p.add(s + ".procMount", "procMount", "must be unset or Default, was " + procMount);
        }
        seLinux(p, s, context);
        appArmor(p, s, context);
        JsonNode ports = container.path("ports");
        for (int j = 0; j < ports.size(); j++) {
          if (ports.get(j).path("hostPort").asInt(0) != 0) {
            p.add(c + ".ports[" + j + "].hostPort", "hostPorts", "host ports are forbidden");
          }
        }
        if (!context.path("allowPrivilegeEscalation").isBoolean()
            || context.path("allowPrivilegeEscalation").asBoolean()) {
          p.add(s + ".allowPrivilegeEscalation", "allowPrivilegeEscalation", "must be false");
        }
        JsonNode nonRoot = context.path("runAsNonRoot");
        if (nonRoot.isBoolean() && !nonRoot.asBoolean()) {
          p.add(s + ".runAsNonRoot", "runAsNonRoot", "must not be false");
        } else if (!podNonRoot && !nonRoot.asBoolean(false)) {
          p.add(
              s + ".runAsNonRoot",
              "runAsNonRoot",
              "must be true here or in the pod's securityContext");
        }
        if (context.path("runAsUser").isNumber() && context.path("runAsUser").asLong() == 0) {
          p.add(s + ".runAsUser", "runAsUser", "must not be 0");
        }
        String seccomp = context.path("seccompProfile").path("type").asString("");
        if (seccomp.equals("Unconfined")) {
          p.add(s + ".seccompProfile.type", "seccompProfile_baseline", "must not be Unconfined");
        } else if (!seccomp.isEmpty() && !SECCOMP_ALLOWED.contains(seccomp)) {
          p.add(
              s + ".seccompProfile.type",
              "seccompProfile_restricted",
              "'" + seccomp + "' is neither RuntimeDefault nor Localhost");
        } else if (seccomp.isEmpty() && podSeccomp.isEmpty()) {
          p.add(
              s + ".seccompProfile.type",
              "seccompProfile_restricted",
              "must be RuntimeDefault or Localhost here or in the pod's securityContext");
        }
        JsonNode capabilities = context.path("capabilities");
        boolean dropsAll = false;
        for (JsonNode drop : capabilities.path("drop")) {
          dropsAll |= drop.asString("").equals("ALL");
        }
        if (!dropsAll) {
          p.add(s + ".capabilities.drop", "capabilities_restricted", "must include ALL");
        }
        JsonNode add = capabilities.path("add");
        for (int j = 0; j < add.size(); j++) {
          if (!add.get(j).asString("").equals("NET_BIND_SERVICE")) {
            p.add(
                s + ".capabilities.add[" + j + "]",
                "capabilities_restricted",
                "only NET_BIND_SERVICE may be added, not " + add.get(j).asString());
          }
        }
      }
    }
    if (containerCount == 0) {
      p.add(".spec.containers", "containers", "a pod spec without containers checks nothing");
    }
    return problems;
  }

  private static void seLinux(Problems p, String at, JsonNode context) {
    JsonNode options = context.path("seLinuxOptions");
    if (!SELINUX_TYPES.contains(options.path("type").asString(""))) {
      p.add(
          at + ".seLinuxOptions.type",
          "seLinuxOptions",
          "type " + options.path("type").asString() + " is not allowed");
    }
    for (String field : List.of("user", "role")) {
      if (!options.path(field).asString("").isEmpty()) {
        p.add(at + ".seLinuxOptions." + field, "seLinuxOptions", field + " must be unset");
      }
    }
  }

  private static void appArmor(Problems p, String at, JsonNode context) {
    String type = context.path("appArmorProfile").path("type").asString("");
    if (!type.isEmpty() && !type.equals("RuntimeDefault") && !type.equals("Localhost")) {
      p.add(
          at + ".appArmorProfile.type",
          "appArmorProfile",
          "'" + type + "' is neither RuntimeDefault nor Localhost");
    }
  }

  @FunctionalInterface
  private interface Problems {
    void add(String path, String check, String message);
  }
}
