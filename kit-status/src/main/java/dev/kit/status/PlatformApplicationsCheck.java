package dev.kit.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** kit's platform Applications synced and healthy, and their operators' Deployments ready. */
final class PlatformApplicationsCheck {

  /** The environment's cluster: the operators, CRDs and namespaces the Applications deploy to. */
  private final ReadOnlyCluster cluster;

  /** Argo CD's cluster: the Applications, the AppProject and {@code argocd-cm}. */
  private final ReadOnlyCluster argoCd;

  private final GeneratedTree tree;

  PlatformApplicationsCheck(ReadOnlyCluster cluster, ReadOnlyCluster argoCd, GeneratedTree tree) {
    this.cluster = cluster;
    this.argoCd = argoCd;
    this.tree = tree;
  }

  /**
   * The operators kit's platform deploys: their Applications (in Argo CD's cluster) synced and
   * healthy, their Deployments (in the environment's) ready.
   */
  List<DoctorCheck> operators() {
    List<DoctorCheck> checks = new ArrayList<>();
    for (PlannedObject application : tree.platform()) {
      JsonNode source = application.body().path("spec").path("source");
      if (!application.kind().equals("Application") || !source.path("chart").isString()) {
        continue;
      }
      String chart = source.path("chart").asString();
      Optional<Operators.Operator> operator = Operators.ofChart(chart);
      String name = operator.map(Operators.Operator::name).orElse(chart);
      List<String> services = operator.map(o -> tree.servicesNeeding(o.groups())).orElse(List.of());
      String namespace =
          application.body().path("spec").path("destination").path("namespace").asString("");
      applicationProblem(
              application,
              name,
              services,
              "sync the root Application, or kubectl apply -f " + application.path())
          .ifPresent(checks::add);
      String release = source.path("helm").path("releaseName").asString(application.name());
      List<JsonNode> deployments = operatorDeployments(namespace, release, application.name());
      if (deployments.isEmpty()) {
        checks.add(
            DoctorCheck.fail(
                "no Deployment of "
                    + name
                    + " in namespace "
                    + namespace
                    + " (label app.kubernetes.io/instance="
                    + release
                    + (release.equals(application.name())
                        ? ""
                        : ", or " + application.name() + " under Argo CD's label tracking")
                    + ")",
                services,
                "install it: sync the Application "
                    + application.name()
                    + " ("
                    + application.path()
                    + ")"));
      }
      for (JsonNode deployment : deployments) {
        String deploymentName = deployment.path("metadata").path("name").asString();
        String subject =
            "Deployment " + deploymentName + " (" + name + ", namespace " + namespace + ")";
        Optional<String> going = PendingDeletion.beingDeleted(deployment);
        if (going.isPresent()) {
          checks.add(
              DoctorCheck.fail(
                  subject + going.get(),
                  services,
                  "once it is gone, sync the Application "
                      + application.name()
                      + " to install it again"));
          continue;
        }
        WorkloadReader.Rollout rollout = WorkloadReader.rollout(deployment, cluster);
        String title = subject + " " + rollout.ready() + "/" + rollout.desired() + " ready";
        checks.add(
            rollout.health() == Health.HEALTHY
                ? DoctorCheck.pass(title)
                : DoctorCheck.fail(
                    title + (rollout.why().isEmpty() ? "" : ": " + rollout.why()),
                    services,
                    "kubectl describe deployment "
                        + deploymentName
                        + " -n "
                        + namespace
                        + " and its pods' logs say why; kit's objects wait for it"));
      }
    }
    return checks;
  }

  /**
   * The platform Applications that sync a folder of {@code platform/} to the environment's cluster
   * (the Crossplane provider package's, {@code planetscale-provider-<env>}): synced and healthy,
   * since its objects reach the cluster no other way.
   */
  List<DoctorCheck> folderApplications() {
    List<DoctorCheck> checks = new ArrayList<>();
    for (PlannedObject application : tree.platform()) {
      String folder = application.body().path("spec").path("source").path("path").asString("");
      if (!application.kind().equals("Application") || folder.isEmpty()) {
        continue;
      }
      List<PlannedObject> synced =
          tree.platform().stream().filter(o -> o.path().startsWith(folder + "/")).toList();
      if (synced.isEmpty()) {
        continue;
      }
      List<String> services =
          tree.servicesNeeding(synced.stream().map(PlannedObject::group).distinct().toList());
      applicationProblem(
              application,
              folder,
              services,
              "sync the root Application, or kubectl apply -f "
                  + application.path()
                  + "; then argocd app sync "
                  + application.name())
          .ifPresent(checks::add);
    }
    return checks;
  }

  /**
   * What keeps a platform Application from being synced and healthy: missing, being deleted, or
   * another state; empty when it is Synced/Healthy.
   */
  private Optional<DoctorCheck> applicationProblem(
      PlannedObject application, String name, List<String> services, String whenMissing) {
    String subject = "Application " + application.name() + " (" + name + ")";
    Optional<JsonNode> live =
        argoCd.get(
            application.apiVersion(),
            application.kind(),
            application.namespace(),
            application.name());
    if (live.isEmpty()) {
      return Optional.of(DoctorCheck.fail(subject + " missing", services, whenMissing));
    }
    Optional<String> deleted = PendingDeletion.beingDeleted(live.get());
    if (deleted.isPresent()) {
      return Optional.of(
          DoctorCheck.fail(
              subject + deleted.get(),
              services,
              "once it is gone, sync the root Application to create it again; if it stays,"
                  + " argocd app get "
                  + application.name()
                  + " says which resource holds it"));
    }
    JsonNode status = live.get().path("status");
    String sync = status.path("sync").path("status").asString("Unknown");
    String health = status.path("health").path("status").asString("Unknown");
    if (!sync.equals("Synced") || !health.equals("Healthy")) {
      return Optional.of(
          DoctorCheck.fail(
              subject + " is " + sync + "/" + health,
              services,
              "argocd app get "
                  + application.name()
                  + " says which resource and why"
                  + (sync.equals("Synced") ? "" : "; then argocd app sync " + application.name())));
    }
    return Optional.empty();
  }

  /**
   * The Deployments of an operator's Helm release in {@code namespace}, by the chart's {@code
   * app.kubernetes.io/instance} label: the release name, or, where Argo CD's {@code label} or
   * {@code annotation+label} resource tracking rewrote that label, the Application's name.
   */
  private List<JsonNode> operatorDeployments(String namespace, String release, String application) {
    List<JsonNode> byRelease =
        cluster.list(
            "apps/v1", "Deployment", namespace, Map.of("app.kubernetes.io/instance", release));
    if (!byRelease.isEmpty() || release.equals(application)) {
      return byRelease;
    }
    return cluster.list(
        "apps/v1", "Deployment", namespace, Map.of("app.kubernetes.io/instance", application));
  }
}
