package dev.kit.status;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One Kubernetes object as kit generated it (or as the team wrote it in the service's manifests):
 * where it is, what it is, and its body, which readers consult for names it refers to (a storage
 * class, a Secret, a pooler's type).
 *
 * @param service the service it belongs to, or empty for the platform
 * @param path the repository-relative file it is in
 * @param apiVersion such as {@code postgresql.cnpg.io/v1}
 * @param kind such as {@code Cluster}
 * @param namespace its namespace, or empty for a cluster-wide object
 * @param name its name
 * @param generated whether kit generated it (false for the team's own manifests)
 * @param body the whole object
 */
record PlannedObject(
    Optional<String> service,
    String path,
    String apiVersion,
    String kind,
    String namespace,
    String name,
    boolean generated,
    JsonNode body) {

  /** The API group, empty for the core group. */
  String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /**
   * Whether it lives in Argo CD's cluster rather than the environment's: Argo CD's own kinds (an
   * Application, the AppProject, an ApplicationSet), which deploy everything else there.
   */
  boolean inArgoCd() {
    return group().equals("argoproj.io");
  }

  /** {@code Kind name}, the way messages name an object. */
  String title() {
    return kind + " " + name;
  }

  /** An annotation's value, or empty. */
  Optional<String> annotation(String key) {
    return text(body.path("metadata").path("annotations").path(key));
  }

  /** A label's value, or empty. */
  Optional<String> label(String key) {
    return text(body.path("metadata").path("labels").path(key));
  }

  /** Its Argo CD sync wave: the annotation, or 0. */
  int wave() {
    return annotation("argocd.argoproj.io/sync-wave")
        .map(String::trim)
        .map(Integer::parseInt)
        .orElse(0);
  }

  /** Whether Argo CD runs it as a hook (created by each sync, not kept in sync). */
  boolean isHook() {
    return annotation("argocd.argoproj.io/hook").isPresent();
  }

  private static Optional<String> text(JsonNode node) {
    return node.isString() ? Optional.of(node.asString()) : Optional.empty();
  }
}
