package dev.kit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Orders manifests as Argo CD applies them: by phase (PreSync, Sync, PostSync; resources that are
 * not hooks are Sync), then sync wave (default 0), then kind (gitops-engine's {@code sync_tasks.go}
 * kind order, custom resources after every known kind), then name.
 */
public final class ArgoSyncOrder {

  /** gitops-engine's kindOrder: what Argo CD creates first within one phase and wave. */
  private static final List<String> KIND_ORDER =
      List.of(
          "Namespace",
          "NetworkPolicy",
          "ResourceQuota",
          "LimitRange",
          "PodSecurityPolicy",
          "PodDisruptionBudget",
          "ServiceAccount",
          "Secret",
          "SecretList",
          "ConfigMap",
          "StorageClass",
          "PersistentVolume",
          "PersistentVolumeClaim",
          "CustomResourceDefinition",
          "ClusterRole",
          "ClusterRoleList",
          "ClusterRoleBinding",
          "ClusterRoleBindingList",
          "Role",
          "RoleList",
          "RoleBinding",
          "RoleBindingList",
          "Service",
          "DaemonSet",
          "Pod",
          "ReplicationController",
          "ReplicaSet",
          "Deployment",
          "HorizontalPodAutoscaler",
          "StatefulSet",
          "Job",
          "CronJob",
          "IngressClass",
          "Ingress",
          "APIService");

  private static final List<String> PHASES = List.of("PreSync", "Sync", "PostSync");
  private static final YAMLMapper YAML = new YAMLMapper();

  /**
   * One manifest as Argo CD schedules it.
   *
   * @param file where it came from
   * @param object the parsed object
   */
  public record Step(Path file, JsonNode object) {
    public String kind() {
      return object.path("kind").asString();
    }

    public String name() {
      return object.path("metadata").path("name").asString();
    }

    public String annotation(String key) {
      JsonNode value = object.path("metadata").path("annotations").path(key);
      return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    /** The hook phase, or "Sync" for a resource that is not a hook. */
    public String phase() {
      String hook = annotation("argocd.argoproj.io/hook");
      return hook == null ? "Sync" : hook;
    }

    public boolean isHook() {
      return annotation("argocd.argoproj.io/hook") != null;
    }

    public int wave() {
      String wave = annotation("argocd.argoproj.io/sync-wave");
      return wave == null ? 0 : Integer.parseInt(wave.trim());
    }

    int kindRank() {
      int rank = KIND_ORDER.indexOf(kind());
      return rank < 0 ? KIND_ORDER.size() : rank;
    }

    @Override
    public String toString() {
      return phase() + "/" + wave() + "/" + kind() + "/" + name() + " (" + file.getFileName() + ")";
    }
  }

  private static final Comparator<Step> ORDER =
      Comparator.comparingInt((Step s) -> PHASES.indexOf(s.phase()))
          .thenComparingInt(Step::wave)
          .thenComparingInt(Step::kindRank)
          .thenComparing(Step::name);

  private ArgoSyncOrder() {}

  /**
   * Every object in the YAML files under {@code manifests} (recursively, as the Application syncs
   * them), in Argo CD order.
   */
  public static List<Step> of(Path manifests) {
    try (Stream<Path> files = Files.walk(manifests)) {
      return of(
          files
              .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .sorted()
              .toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every object in {@code yamlFiles}, in Argo CD order: what one Application syncing those files
   * applies.
   */
  public static List<Step> of(List<Path> yamlFiles) {
    List<Step> steps = new ArrayList<>();
    for (Path file : yamlFiles) {
      // Jackson 3 reports I/O problems unchecked.
      try (MappingIterator<JsonNode> docs =
          YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
        while (docs.hasNext()) {
          JsonNode doc = docs.next();
          if (doc != null && doc.isObject() && !doc.isEmpty()) {
            steps.add(new Step(file, doc));
          }
        }
      }
    }
    steps.sort(ORDER);
    return steps;
  }

  /** Argo CD's annotation values that this kit may use, by annotation. */
  public static final Map<String, List<String>> ALLOWED_VALUES =
      Map.of(
          "argocd.argoproj.io/hook",
              List.of("PreSync", "Sync", "PostSync", "SyncFail", "PostDelete", "Skip"),
          "argocd.argoproj.io/hook-delete-policy",
              List.of("HookSucceeded", "HookFailed", "BeforeHookCreation"),
          // The per-resource sync options Argo CD documents (resource-level annotation values).
          "argocd.argoproj.io/sync-options",
              List.of(
                  "Prune=false",
                  "Prune=confirm",
                  "Delete=false",
                  "Delete=confirm",
                  "Validate=false",
                  "SkipDryRunOnMissingResource=true",
                  "Replace=true",
                  "ServerSideApply=true",
                  "Force=true",
                  "PruneLast=true",
                  "ApplyOutOfSyncOnly=true",
                  "CreateNamespace=true"),
          "argocd.argoproj.io/compare-options",
              List.of("IgnoreExtraneous", "ServerSideDiff=true", "ServerSideDiff=false"));
}
