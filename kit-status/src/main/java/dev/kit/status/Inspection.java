package dev.kit.status;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a reader may use while it looks at one service: the environment's cluster (read-only), the
 * time, the service's part of the generated tree, and its Application as Argo CD's cluster reports
 * it, which explains most missing objects.
 */
final class Inspection {

  /** The version of Argo CD's Application kit writes; a cluster serving it runs Argo CD. */
  private static final String APPLICATION_API_VERSION = "argoproj.io/v1alpha1";

  private final ReadOnlyCluster cluster;
  private final ReadOnlyCluster argoCd;
  private final Moments moments;
  private final GeneratedTree.ServiceTree service;
  private final Optional<JsonNode> application;

  Inspection(
      ReadOnlyCluster cluster,
      ReadOnlyCluster argoCd,
      Moments moments,
      GeneratedTree.ServiceTree service,
      Optional<JsonNode> application) {
    this.cluster = cluster;
    this.argoCd = argoCd;
    this.moments = moments;
    this.service = service;
    this.application = application;
  }

  /** The environment's cluster, where the Application deploys the service's objects. */
  ReadOnlyCluster cluster() {
    return cluster;
  }

  /** The cluster {@code object} lives in: Argo CD's for its own kinds, else the environment's. */
  ReadOnlyCluster clusterOf(PlannedObject object) {
    return object.inArgoCd() ? argoCd : cluster;
  }

  Moments moments() {
    return moments;
  }

  GeneratedTree.ServiceTree service() {
    return service;
  }

  /** A finding about {@code object}. */
  static Finding finding(
      PlannedObject object,
      Column column,
      Health health,
      String text,
      String fix,
      Map<String, Object> facts) {
    return new Finding(column, object.title(), health, text, fix, facts);
  }

  /**
   * The condition of {@code type} in {@code status.conditions} (Kubernetes' and Crossplane's shape:
   * type, status, reason, message), or null when the controller has not set it yet.
   */
  static @Nullable JsonNode condition(JsonNode status, String type) {
    for (JsonNode condition : status.path("conditions").values()) {
      if (condition.path("type").asString("").equals(type)) {
        return condition;
      }
    }
    return null;
  }

  /**
   * Facts in the order given, leaving out absent values (null, an empty text or list): {@code
   * facts("phase", phase, "readyInstances", 3)}.
   */
  static Map<String, Object> facts(Object... keysAndValues) {
    Map<String, Object> facts = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      Object value = keysAndValues[i + 1];
      if (value instanceof Optional<?> optional) {
        value = optional.orElse(null);
      }
      if (value != null
          && !"".equals(value)
          && !(value instanceof java.util.Collection<?> list && list.isEmpty())) {
        facts.put((String) keysAndValues[i], value);
      }
    }
    return facts;
  }

  /**
   * The finding for an object kit generated that the cluster does not have, with the likeliest
   * reason: Argo CD is not installed, its kind is not installed, the Application does not exist or
   * has not synced, the namespace is not there yet, or (a hook) Argo CD has not reached its wave.
   */
  Finding missing(PlannedObject object, Column column) {
    String appName = service.application().map(PlannedObject::name).orElse(service.name());
    // Argo CD deploys every object kit writes: without it, applying an Application fails too.
    if (!argoCd.serves(APPLICATION_API_VERSION, "Application")) {
      return finding(
          object,
          column,
          Health.MISSING,
          object.title() + " missing",
          argoCd != cluster
              ? "the cluster -Dkit.argoContext names serves no "
                  + APPLICATION_API_VERSION
                  + " Application: is it the context of Argo CD's cluster? If it is, install Argo"
                  + " CD there"
              : "Argo CD is not installed in this cluster (it serves no "
                  + APPLICATION_API_VERSION
                  + " Application), and Argo CD deploys what kit writes: install it, or, when it"
                  + " runs in a cluster of its own, name that cluster's context with"
                  + " -Dkit.argoContext=<context>",
          facts("missing", true, "cause", "Argo CD not installed"));
    }
    if (!clusterOf(object).serves(object.apiVersion(), object.kind())) {
      return finding(
          object,
          column,
          Health.MISSING,
          object.title() + " missing",
          "the cluster does not serve "
              + object.apiVersion()
              + " "
              + object.kind()
              + (object.inArgoCd()
                  ? ": install Argo CD (mvn kit:doctor checks its CRDs)"
                  : ": install its operator (mvn kit:doctor says which)"),
          facts("missing", true, "cause", "kind not installed"));
    }
    if (object.kind().equals("Application") && object.group().equals("argoproj.io")) {
      return finding(
          object,
          column,
          Health.MISSING,
          "Application " + object.name() + " missing",
          "Argo CD has no Application "
              + object.name()
              + " in "
              + object.namespace()
              + ": sync the root Application, or apply it once: kubectl apply -f "
              + object.path(),
          facts("missing", true, "cause", "no Application"));
    }
    if (application.isEmpty()) {
      return finding(
          object,
          column,
          Health.MISSING,
          object.title() + " missing",
          "its Application "
              + appName
              + " does not exist yet: apply it (kubectl apply -f "
              + service.application().map(PlannedObject::path).orElse("its application.yaml")
              + ")",
          facts("missing", true, "cause", "no Application"));
    }
    JsonNode status = application.get().path("status");
    String sync = status.path("sync").path("status").asString("Unknown");
    String operation = status.path("operationState").path("phase").asString("");
    String operationMessage = status.path("operationState").path("message").asString("");
    String state =
        "Application "
            + appName
            + " is "
            + sync
            + "/"
            + status.path("health").path("status").asString("Unknown")
            + (operation.isEmpty()
                ? ""
                : ", last sync "
                    + operation
                    + (operationMessage.isEmpty() ? "" : ": " + operationMessage));
    Optional<JsonNode> error = ApplicationReader.errorCondition(status);
    if (error.isPresent()) {
      return finding(
          object,
          column,
          Health.MISSING,
          object.title() + " missing",
          "Application "
              + appName
              + " cannot sync it: "
              + ApplicationReader.errorFix(appName, error.get()),
          facts("missing", true, "cause", "application error"));
    }
    if (!object.namespace().isEmpty()
        && !object
            .namespace()
            .equals(application.get().path("metadata").path("namespace").asString())
        && cluster.get("v1", "Namespace", "", object.namespace()).isEmpty()) {
      return finding(
          object,
          column,
          Health.MISSING,
          object.title() + " missing",
          "namespace "
              + object.namespace()
              + " does not exist yet: Argo CD creates it on the first sync ("
              + state
              + ")",
          facts("missing", true, "cause", "no namespace"));
    }
    Optional<Finding> ran = object.isHook() ? lastRun(object, column, status) : Optional.empty();
    if (ran.isPresent()) {
      return ran.get();
    }
    if (operation.equals("Failed") || operation.equals("Error")) {
      return finding(
          object,
          column,
          Health.MISSING,
          object.title() + " missing",
          "the last sync of Application "
              + appName
              + " "
              + operation.toLowerCase(java.util.Locale.ROOT)
              + " before it reached wave "
              + object.wave()
              + (operationMessage.isEmpty() ? "" : " (" + operationMessage + ")")
              + ": fix what failed (above), then argocd app sync "
              + appName,
          facts("missing", true, "cause", "sync failed"));
    }
    if (object.isHook()) {
      return finding(
          object,
          column,
          Health.MISSING,
          object.title() + " not run yet",
          "Argo CD creates this Sync hook in wave "
              + object.wave()
              + " of a sync, once the earlier waves are healthy ("
              + state
              + ")",
          facts("missing", true, "cause", "hook not run"));
    }
    return finding(
        object,
        column,
        Health.MISSING,
        object.title() + " missing",
        "not synced yet ("
            + state
            + "): wait for the automated sync, or argocd app sync "
            + appName,
        facts("missing", true, "cause", "not synced"));
  }

  /**
   * A hook the Application's last sync ran, as its {@code status.operationState.syncResult} lists
   * it: one that succeeded in a sync of the revision Argo CD now wants may since be gone by its
   * delete policy ({@code HookSucceeded}) or a TTL ({@code ttlSecondsAfterFinished}, which a
   * cluster policy may add), which Argo CD calls Synced/Healthy; one that failed is the sync's
   * failure.
   */
  private Optional<Finding> lastRun(PlannedObject object, Column column, JsonNode status) {
    String appName = service.application().map(PlannedObject::name).orElse(service.name());
    JsonNode syncResult = status.path("operationState").path("syncResult");
    for (JsonNode resource : syncResult.path("resources").values()) {
      if (resource.path("hookType").asString("").isEmpty()
          || !resource.path("group").asString("").equals(object.group())
          || !resource.path("kind").asString("").equals(object.kind())
          || !resource.path("namespace").asString("").equals(object.namespace())
          || !resource.path("name").asString("").equals(object.name())) {
        continue;
      }
      String phase = resource.path("hookPhase").asString("");
      String message = resource.path("message").asString("");
      String revision = syncResult.path("revision").asString("");
      if (phase.equals("Succeeded")
          && !revision.isEmpty()
          && revision.equals(status.path("sync").path("revision").asString(""))) {
        return Optional.of(
            finding(
                object,
                column,
                Health.HEALTHY,
                object.title()
                    + " ran in the last sync; removed since by its delete policy or a TTL",
                "",
                facts("missing", true, "hookPhase", phase, "revision", revision)));
      }
      if (phase.equals("Failed") || phase.equals("Error")) {
        return Optional.of(
            finding(
                object,
                column,
                Health.DEGRADED,
                object.title()
                    + " failed in the last sync"
                    + (message.isEmpty() ? "" : ": " + message),
                "argocd app get "
                    + appName
                    + " shows the hook's result; fix the cause, then argocd app sync "
                    + appName
                    + " runs it again",
                facts("missing", true, "hookPhase", phase, "revision", revision)));
      }
    }
    return Optional.empty();
  }
}
