package dev.kit.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * kit's Argo CD health checks are in the live {@code argocd-cm}: every key kit renders in {@code
 * platform/argocd-cm.yaml} present and equal (line ends and trailing blanks aside, which Helm
 * values and editors change). Argo CD's own checks call routine database and migration states
 * Degraded, which fails a sync. The Argo CD version comes from the {@code argocd-server}
 * Deployment's image tag, else the {@code app.kubernetes.io/version} label of {@code argocd-cm}.
 */
final class ArgoCdCheck {

  private static final String PREFIX = "resource.customizations.health.";

  private final ReadOnlyCluster cluster;
  private final GeneratedTree tree;

  /** Whether Argo CD's cluster was named apart from the environment's ({@code kit.argoContext}). */
  private final boolean ownCluster;

  ArgoCdCheck(ReadOnlyCluster cluster, GeneratedTree tree, boolean ownCluster) {
    this.cluster = cluster;
    this.tree = tree;
    this.ownCluster = ownCluster;
  }

  List<DoctorCheck> run() {
    Optional<PlannedObject> planned =
        tree.platform().stream()
            .filter(o -> o.kind().equals("ConfigMap") && o.name().equals("argocd-cm"))
            .findFirst();
    if (planned.isEmpty()) {
      return List.of();
    }
    String namespace = planned.get().namespace();
    String apply =
        "kubectl apply --server-side -f "
            + planned.get().path()
            + " (or put its keys into your Argo CD Helm values, configs.cm)";
    Optional<JsonNode> live = cluster.get("v1", "ConfigMap", namespace, "argocd-cm");
    if (live.isEmpty()) {
      return List.of(
          DoctorCheck.fail(
              "ConfigMap argocd-cm (namespace " + namespace + ") missing",
              List.of(),
              "is Argo CD installed in namespace "
                  + namespace
                  + (ownCluster
                      ? " of the cluster -Dkit.argoContext names? Install it, then "
                      : "? Install it, then ")
                  + apply
                  + (ownCluster
                      ? ""
                      : "; when Argo CD runs in a cluster of its own, name that cluster's context"
                          + " with -Dkit.argoContext=<context>")));
    }
    String version = version(namespace, live.get());
    List<String> missing = new ArrayList<>();
    List<String> different = new ArrayList<>();
    Set<String> affected = new TreeSet<>();
    planned
        .get()
        .body()
        .path("data")
        .forEachEntry(
            (key, value) -> {
              JsonNode actual = live.get().path("data").path(key);
              if (!actual.isString()) {
                missing.add(key);
              } else if (!normalized(actual.asString()).equals(normalized(value.asString()))) {
                different.add(key);
              } else {
                return;
              }
              affected.addAll(users(key));
            });
    List<String> services = tree.servicesInOrder(affected);
    List<DoctorCheck> checks = new ArrayList<>();
    if (!missing.isEmpty()) {
      checks.add(
          DoctorCheck.fail(
              version
                  + ": argocd-cm lacks kit's health "
                  + (missing.size() == 1 ? "check " : "checks ")
                  + String.join(
                      ", ", missing.stream().map(k -> k.substring(PREFIX.length())).toList()),
              services,
              "without them a routine state (a restart, a migration starting) can fail a sync; "
                  + apply));
    }
    if (!different.isEmpty()) {
      checks.add(
          DoctorCheck.fail(
              version
                  + ": argocd-cm's "
                  + String.join(
                      ", ", different.stream().map(k -> k.substring(PREFIX.length())).toList())
                  + (different.size() == 1 ? " differs" : " differ")
                  + " from what kit writes",
              services,
              apply));
    }
    if (checks.isEmpty()) {
      checks.add(DoctorCheck.pass(version + ": kit's health checks are present in argocd-cm"));
    }
    return checks;
  }

  /** {@code Argo CD 3.5.1}, or {@code Argo CD (version unknown)}. */
  private String version(String namespace, JsonNode configMap) {
    Optional<String> tag =
        cluster
            .get("apps/v1", "Deployment", namespace, "argocd-server")
            .flatMap(
                server -> {
                  for (JsonNode container :
                      server
                          .path("spec")
                          .path("template")
                          .path("spec")
                          .path("containers")
                          .values()) {
                    String image = container.path("image").asString("");
                    String withoutDigest =
                        image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
                    int colon = withoutDigest.lastIndexOf(':');
                    if (colon > withoutDigest.lastIndexOf('/')) {
                      return Optional.of(withoutDigest.substring(colon + 1).replaceFirst("^v", ""));
                    }
                  }
                  return Optional.empty();
                });
    Optional<String> label =
        Optional.of(
                configMap
                    .path("metadata")
                    .path("labels")
                    .path("app.kubernetes.io/version")
                    .asString(""))
            .filter(v -> !v.isEmpty())
            .map(v -> v.replaceFirst("^v", ""));
    return tag.or(() -> label).map(v -> "Argo CD " + v).orElse("Argo CD (version unknown)");
  }

  /**
   * The services whose objects a {@code resource.customizations.health.<group>_<Kind>} key checks;
   * all for the root's.
   */
  private Set<String> users(String key) {
    Set<String> users = new TreeSet<>();
    String groupKind = key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : key;
    for (GeneratedTree.ServiceTree service : tree.services()) {
      boolean checked =
          service.objects().stream()
              .anyMatch(
                  o ->
                      (o.group() + "_" + o.kind()).equals(groupKind)
                          && !groupKind.equals("argoproj.io_Application"));
      if (checked || groupKind.equals("argoproj.io_Application")) {
        users.add(service.name());
      }
    }
    return users;
  }

  private static String normalized(String text) {
    return String.join("\n", text.lines().map(String::stripTrailing).toList()).strip();
  }
}
