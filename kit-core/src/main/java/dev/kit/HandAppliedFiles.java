package dev.kit;

import dev.kit.layout.RepositoryLayout;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The platform files that nothing in Argo CD syncs, which the README has applied by hand: the root
 * Application ({@code platform/root.yaml}, or each environment's {@code platform/<env>/root.yaml}),
 * which syncs everything else but never itself, and {@code argocd-cm.yaml}, which the root leaves
 * out so that it is applied server-side. A change to one reaches the cluster only when someone
 * applies it again; until then Argo CD runs the old one (a root whose {@code exclude} lacks a new
 * platform folder syncs that folder into its own cluster, as its globs let {@code *} cross {@code
 * /}). So a generation that changes what they say warns, naming the command.
 */
final class HandAppliedFiles {

  private static final String ROOT = "root.yaml";

  private static final String ARGOCD_CM = "argocd-cm.yaml";

  private HandAppliedFiles() {}

  /** Whether {@code path} is one of them: {@code platform/[<env>/]root.yaml} or argocd-cm. */
  static boolean reviews(String path) {
    String prefix = RepositoryLayout.PLATFORM + "/";
    if (!path.startsWith(prefix)) {
      return false;
    }
    String rest = path.substring(prefix.length());
    int slash = rest.indexOf('/');
    String file = slash < 0 ? rest : rest.substring(slash + 1);
    return (slash < 0 || file.indexOf('/') < 0) && (file.equals(ROOT) || file.equals(ARGOCD_CM));
  }

  /**
   * The warning when the file at {@code path} says something else in {@code after} than in {@code
   * before}: the root's {@code spec}, or a key of argocd-cm's {@code data} added or changed (one
   * only dropped does no harm where it stays: server-side apply merges, and never removes it). Only
   * the header's source changed (another description class) warns of nothing, nor does a file that
   * is no YAML.
   */
  static List<String> warnings(String path, byte[] before, byte[] after) {
    boolean root = path.endsWith("/" + ROOT);
    String field = root ? "spec" : "data";
    Optional<JsonNode> was = field(before, field);
    Optional<JsonNode> is = field(after, field);
    if (was.isEmpty() || is.isEmpty() || was.get().equals(is.get())) {
      return List.of();
    }
    if (!root && !addsOrChanges(was.get(), is.get())) {
      return List.of();
    }
    if (root) {
      return List.of(
          path
              + ": the root Application changes, and nothing syncs it (it syncs the rest, never"
              + " itself), so Argo CD keeps the one applied before until you apply this one: once"
              + " it is merged, kubectl apply -f "
              + path
              + " (on Argo CD's cluster)");
    }
    return List.of(
        path
            + ": Argo CD's health checks change, and argocd-cm is applied by hand (merged into Argo"
            + " CD's own; no root syncs it), so Argo CD keeps the keys applied before until you"
            + " apply these: once it is merged, kubectl apply --server-side -f "
            + path
            + " (or the same keys in your Argo CD Helm values, configs.cm)");
  }

  /** Whether {@code now} has a key {@code was} lacks, or holds another value under one. */
  private static boolean addsOrChanges(JsonNode was, JsonNode now) {
    for (String key : now.propertyNames()) {
      if (!now.path(key).equals(was.path(key))) {
        return true;
      }
    }
    return false;
  }

  /** The top-level {@code field} of the first YAML document of {@code bytes}, if any. */
  private static Optional<JsonNode> field(byte[] bytes, String field) {
    try {
      JsonNode value = ReadYaml.MAPPER.readTree(bytes).path(field);
      return value.isMissingNode() ? Optional.empty() : Optional.of(value);
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }
}
