package dev.kit.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The platform's Crossplane provider packages installed and healthy, and their configs present. */
final class CrossplaneCheck {

  /** The environment's cluster, where Crossplane runs. */
  private final ReadOnlyCluster cluster;

  private final GeneratedTree tree;

  CrossplaneCheck(ReadOnlyCluster cluster, GeneratedTree tree) {
    this.cluster = cluster;
    this.tree = tree;
  }

  /**
   * The Crossplane provider packages the platform installs (provider-opentofu, for PlanetScale):
   * installed, healthy, and running the package the tree names. A package that cannot be pulled
   * leaves the previous revision Installed and Healthy (crossplane/crossplane#4196), hence the
   * comparison of {@code status.currentIdentifier} with {@code spec.package}.
   */
  List<DoctorCheck> providers() {
    List<DoctorCheck> checks = new ArrayList<>();
    for (PlannedObject provider : tree.platform()) {
      if (!provider.group().equals("pkg.crossplane.io") || !provider.kind().equals("Provider")) {
        continue;
      }
      List<String> services = tree.servicesNeeding(List.of(provider.group()));
      String title = "Provider " + provider.name();
      String describe = "kubectl describe provider.pkg.crossplane.io " + provider.name();
      Optional<JsonNode> live =
          cluster.get(
              provider.apiVersion(), provider.kind(), provider.namespace(), provider.name());
      Optional<DoctorCheck> gone = gone(provider, live, title, describe, services);
      if (gone.isPresent()) {
        checks.add(gone.get());
        continue;
      }
      // gone() fails whenever live is empty, so it is present here.
      JsonNode status = live.get().path("status");
      String wanted = provider.body().path("spec").path("package").asString("");
      String running = status.path("currentIdentifier").asString("");
      JsonNode installed = Inspection.condition(status, "Installed");
      JsonNode healthy = Inspection.condition(status, "Healthy");
      if (!isTrue(installed)) {
        checks.add(
            DoctorCheck.fail(
                title + " is not installed" + because(installed),
                services,
                describe
                    + " shows why in its events (a package that cannot be pulled, a dependency)"));
      } else if (!isTrue(healthy)) {
        checks.add(
            DoctorCheck.fail(
                title + " is not healthy" + because(healthy),
                services,
                describe
                    + " and its provider's pods: kubectl logs -n "
                    + crossplaneNamespace()
                    + " -l pkg.crossplane.io/provider="
                    + provider.name()));
      } else if (!wanted.isEmpty() && !running.equals(wanted)) {
        checks.add(
            DoctorCheck.fail(
                title + " runs " + (running.isEmpty() ? "no package" : running) + ", not " + wanted,
                services,
                describe + " shows in its events why the package did not install"));
      } else {
        checks.add(DoctorCheck.pass(title + " installed and healthy (" + running + ")"));
      }
    }
    return checks;
  }

  /**
   * The Crossplane provider configurations the platform declares (the ClusterProviderConfig {@code
   * planetscale}) exist: a Workspace names one, and without it provider-opentofu never applies.
   * Only where the cluster serves the kind; the CRD check reports it otherwise.
   */
  List<DoctorCheck> providerConfigs() {
    List<DoctorCheck> checks = new ArrayList<>();
    for (PlannedObject config : tree.platform()) {
      if (!config.kind().endsWith("ProviderConfig")
          || !cluster.serves(config.apiVersion(), config.kind())) {
        continue;
      }
      String title = config.kind() + " " + config.name();
      Optional<JsonNode> live =
          cluster.get(config.apiVersion(), config.kind(), config.namespace(), config.name());
      Optional<DoctorCheck> gone =
          gone(
              config,
              live,
              title,
              "kubectl describe "
                  + config.kind().toLowerCase(Locale.ROOT)
                  + "."
                  + config.group()
                  + " "
                  + config.name(),
              tree.servicesNeeding(List.of(config.group())));
      checks.add(gone.isPresent() ? gone.get() : DoctorCheck.pass(title + " exists"));
    }
    return checks;
  }

  /**
   * A failed check when the platform object {@code object} is missing ({@code live} empty) or being
   * deleted, with the way to put it back and the {@code services} that need it; empty when it is
   * there. {@code describe} shows what holds one that stays.
   */
  private Optional<DoctorCheck> gone(
      PlannedObject object,
      Optional<JsonNode> live,
      String title,
      String describe,
      List<String> services) {
    String putBack = applicationOf(object) + object.path();
    if (live.isEmpty()) {
      return Optional.of(DoctorCheck.fail(title + " missing", services, putBack));
    }
    Optional<String> deleted = PendingDeletion.beingDeleted(live.get());
    if (deleted.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        DoctorCheck.fail(
            title + deleted.get(),
            services,
            "once it is gone, " + putBack + "; if it stays, " + describe + " shows what holds it"));
  }

  private static boolean isTrue(@Nullable JsonNode condition) {
    return condition != null && condition.path("status").asString("").equals("True");
  }

  /** " (reason): message" of a condition that is not true, or that it is not set yet. */
  private static String because(@Nullable JsonNode condition) {
    if (condition == null) {
      return " (no condition yet)";
    }
    String reason = condition.path("reason").asString("");
    String message = condition.path("message").asString("").lines().findFirst().orElse("");
    return " ("
        + (reason.isEmpty() ? condition.path("status").asString("Unknown") : reason)
        + ")"
        + (message.isEmpty() ? "" : ": " + message);
  }

  /**
   * How a platform object reaches the cluster: the platform Application whose source is its folder
   * (a subfolder's, synced to the environment's cluster), else the root Application; then the file
   * to apply by hand.
   */
  private String applicationOf(PlannedObject object) {
    String folder = object.path().substring(0, Math.max(object.path().lastIndexOf('/'), 0));
    return tree.platformApplication("path", folder)
        .map(o -> "sync the Application " + o.name() + ", or kubectl apply -f ")
        .orElse("sync the root Application, or kubectl apply -f ");
  }

  /** Where Crossplane runs its providers' pods: the namespace of kit's Crossplane Application. */
  private String crossplaneNamespace() {
    return tree.platformApplication("chart", "crossplane")
        .map(o -> o.body().path("spec").path("destination").path("namespace").asString(""))
        .filter(namespace -> !namespace.isEmpty())
        .orElse("crossplane-system");
  }
}
