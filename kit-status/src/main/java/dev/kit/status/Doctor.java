package dev.kit.status;

import io.fabric8.kubernetes.api.Pluralize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code kit:doctor}: whether the cluster has what the generated tree needs before it syncs, in
 * this order: the CRDs of every kind it deploys (and what their operators need), the platform's
 * operators running, the Application of its Crossplane provider folder synced, the provider
 * packages installed and healthy and their ClusterProviderConfig present, the storage classes its
 * volumes name, the Secrets it reads but does not create (with their keys), kit's health checks in
 * {@code argocd-cm}, and namespaces whose Pod Security level admits its pods.
 */
final class Doctor {

  private static final String DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";
  private static final String BETA_DEFAULT_CLASS =
      "storageclass.beta.kubernetes.io/is-default-class";

  /** The environment's cluster: the operators, CRDs and namespaces the Applications deploy to. */
  private final ReadOnlyCluster cluster;

  /** Argo CD's cluster: the Applications, the AppProject and {@code argocd-cm}. */
  private final ReadOnlyCluster argoCd;

  private final GeneratedTree tree;

  Doctor(ReadOnlyCluster cluster, ReadOnlyCluster argoCd, GeneratedTree tree) {
    this.cluster = cluster;
    this.argoCd = argoCd;
    this.tree = tree;
  }

  List<DoctorCheck> run() {
    List<DoctorCheck> checks = new ArrayList<>(crds());
    checks.addAll(operators());
    checks.addAll(folderApplications());
    checks.addAll(providers());
    checks.addAll(providerConfigs());
    checks.addAll(storageClasses());
    checks.addAll(new SecretsCheck(cluster, tree).run());
    checks.addAll(new ArgoCdCheck(argoCd, tree, argoCd != cluster).run());
    checks.addAll(podSecurity());
    return checks;
  }

  /**
   * The kinds the tree deploys that need a CRD, and the kinds their operators need, each with the
   * services using it, each looked up in the cluster it lives in: Argo CD's kinds in Argo CD's.
   */
  private List<DoctorCheck> crds() {
    Map<String, Set<String>> users = new TreeMap<>();
    Set<String> argoCdKinds = new TreeSet<>();
    Map<String, String> why = new TreeMap<>();
    Map<String, String> versions = new TreeMap<>();
    for (PlannedObject object : tree.all()) {
      if (!object.generated()) {
        continue;
      }
      String user = object.service().orElse("platform");
      if (!ReadOnlyCluster.builtIn(object.apiVersion(), object.kind())) {
        String key = object.group() + "/" + object.kind();
        users.computeIfAbsent(key, k -> new TreeSet<>()).add(user);
        if (object.inArgoCd()) {
          argoCdKinds.add(key);
        }
        versions.putIfAbsent(
            key, object.apiVersion().substring(object.apiVersion().indexOf('/') + 1));
      }
      for (Needs.KindUse needed : KindReaders.of(object).needs(object).kinds()) {
        String key = needed.group() + "/" + needed.kind();
        users.computeIfAbsent(key, k -> new TreeSet<>()).add(user);
        why.putIfAbsent(key, needed.why());
      }
    }
    boolean twoClusters = argoCd != cluster;
    List<DoctorCheck> checks = new ArrayList<>();
    int present = 0;
    for (Map.Entry<String, Set<String>> each : users.entrySet()) {
      String group = each.getKey().substring(0, each.getKey().indexOf('/'));
      String kind = each.getKey().substring(each.getKey().indexOf('/') + 1);
      boolean inArgoCd = argoCdKinds.contains(each.getKey());
      ReadOnlyCluster.Crd crd = (inArgoCd ? argoCd : cluster).crds().get(each.getKey());
      // With two clusters, say which one lacks it: Argo CD's CRDs belong in Argo CD's cluster only.
      String where =
          !twoClusters ? "" : inArgoCd ? " in Argo CD's cluster" : " in the environment's cluster";
      String version = versions.get(each.getKey());
      String name =
          crd != null
              ? crd.name()
              : Pluralize.toPlural(kind.toLowerCase(Locale.ROOT)) + "." + group;
      if (crd == null) {
        checks.add(
            DoctorCheck.fail(
                "CRD "
                    + name
                    + " missing"
                    + where
                    + (why.containsKey(each.getKey()) ? " (" + why.get(each.getKey()) + ")" : ""),
                services(each.getValue()),
                inArgoCd ? installArgoCd(twoClusters) : install(group)));
      } else if (version != null && !crd.versions().contains(version)) {
        checks.add(
            DoctorCheck.fail(
                "CRD "
                    + name
                    + where
                    + " serves "
                    + String.join(", ", crd.versions())
                    + ", not "
                    + version,
                services(each.getValue()),
                install(group).replaceFirst("^install", "upgrade")));
      } else {
        present++;
      }
    }
    if (present > 0) {
      checks.add(
          0,
          DoctorCheck.pass(
              present == users.size()
                  ? "CRDs: the " + present + " kinds the tree needs are installed"
                  : "CRDs: "
                      + present
                      + " of the "
                      + users.size()
                      + " kinds the tree needs are installed"));
    }
    return checks;
  }

  /**
   * The operators kit's platform deploys: their Applications (in Argo CD's cluster) synced and
   * healthy, their Deployments (in the environment's) ready.
   */
  private List<DoctorCheck> operators() {
    List<DoctorCheck> checks = new ArrayList<>();
    for (PlannedObject application : tree.platform()) {
      JsonNode source = application.body().path("spec").path("source");
      if (!application.kind().equals("Application") || !source.path("chart").isString()) {
        continue;
      }
      String chart = source.path("chart").asString();
      Optional<Operators.Operator> operator = Operators.ofChart(chart);
      String name = operator.map(Operators.Operator::name).orElse(chart);
      List<String> services = operator.map(o -> usersOf(o.groups())).orElse(List.of());
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
        Optional<String> going = beingDeleted(deployment);
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
    Optional<String> deleted = beingDeleted(live.get());
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
   * The platform Applications that sync a folder of {@code platform/} to the environment's cluster
   * (the Crossplane provider package's, {@code planetscale-provider-<env>}): synced and healthy,
   * since its objects reach the cluster no other way.
   */
  private List<DoctorCheck> folderApplications() {
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
          usersOf(synced.stream().map(PlannedObject::group).distinct().toList());
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
   * The Crossplane provider configurations the platform declares (the ClusterProviderConfig {@code
   * planetscale}) exist: a Workspace names one, and without it provider-opentofu never applies.
   * Only where the cluster serves the kind; the CRD check reports it otherwise.
   */
  private List<DoctorCheck> providerConfigs() {
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
                  + config.name());
      checks.add(gone.isPresent() ? gone.get() : DoctorCheck.pass(title + " exists"));
    }
    return checks;
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

  /**
   * A failed check when the platform object {@code object} is missing ({@code live} empty) or being
   * deleted, with the way to put it back; empty when it is there. {@code describe} shows what holds
   * one that stays.
   */
  private Optional<DoctorCheck> gone(
      PlannedObject object, Optional<JsonNode> live, String title, String describe) {
    List<String> services = usersOf(List.of(object.group()));
    String putBack = applicationOf(object) + object.path();
    if (live.isEmpty()) {
      return Optional.of(DoctorCheck.fail(title + " missing", services, putBack));
    }
    Optional<String> deleted = beingDeleted(live.get());
    if (deleted.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        DoctorCheck.fail(
            title + deleted.get(),
            services,
            "once it is gone, " + putBack + "; if it stays, " + describe + " shows what holds it"));
  }

  /**
   * The Crossplane provider packages the platform installs (provider-opentofu, for PlanetScale):
   * installed, healthy, and running the package the tree names. A package that cannot be pulled
   * leaves the previous revision Installed and Healthy (crossplane/crossplane#4196), hence the
   * comparison of {@code status.currentIdentifier} with {@code spec.package}.
   */
  private List<DoctorCheck> providers() {
    List<DoctorCheck> checks = new ArrayList<>();
    for (PlannedObject provider : tree.platform()) {
      if (!provider.group().equals("pkg.crossplane.io") || !provider.kind().equals("Provider")) {
        continue;
      }
      List<String> services = usersOf(List.of(provider.group()));
      String title = "Provider " + provider.name();
      String describe = "kubectl describe provider.pkg.crossplane.io " + provider.name();
      Optional<JsonNode> live =
          cluster.get(
              provider.apiVersion(), provider.kind(), provider.namespace(), provider.name());
      Optional<DoctorCheck> gone = gone(provider, live, title, describe);
      if (live.isEmpty() || gone.isPresent()) {
        checks.add(gone.orElseThrow());
        continue;
      }
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
   * " is being deleted since <time>" and the finalizers that hold it, when {@code live} has a
   * deletion timestamp: such an object still reports what it did before, so its conditions and
   * replicas would pass a check it is about to stop meeting.
   */
  private static Optional<String> beingDeleted(JsonNode live) {
    String since = live.path("metadata").path("deletionTimestamp").asString("");
    if (since.isEmpty()) {
      return Optional.empty();
    }
    List<String> finalizers = PendingDeletion.finalizers(live);
    return Optional.of(
        " is being deleted since "
            + since
            + (finalizers.isEmpty() ? "" : ", held by " + PendingDeletion.named(finalizers)));
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
    return platformApplication("path", folder)
        .map(o -> "sync the Application " + o.name() + ", or kubectl apply -f ")
        .orElse("sync the root Application, or kubectl apply -f ");
  }

  /** Where Crossplane runs its providers' pods: the namespace of kit's Crossplane Application. */
  private String crossplaneNamespace() {
    return chartApplication("crossplane")
        .map(o -> o.body().path("spec").path("destination").path("namespace").asString(""))
        .filter(namespace -> !namespace.isEmpty())
        .orElse("crossplane-system");
  }

  /** The platform's Application that installs Helm chart {@code chart}, if kit generated one. */
  private Optional<PlannedObject> chartApplication(String chart) {
    return platformApplication("chart", chart);
  }

  /** The platform's Application whose {@code spec.source.<field>} is {@code value}, if any. */
  private Optional<PlannedObject> platformApplication(String field, String value) {
    return tree.platform().stream()
        .filter(
            o ->
                o.kind().equals("Application")
                    && o.body().path("spec").path("source").path(field).asString("").equals(value))
        .findFirst();
  }

  /**
   * The storage classes the volumes name exist, and there is a default class for those that name
   * none.
   */
  private List<DoctorCheck> storageClasses() {
    Map<String, Set<String>> users = new TreeMap<>();
    for (GeneratedTree.ServiceTree service : tree.services()) {
      for (PlannedObject object : service.objects()) {
        for (String storageClass : KindReaders.of(object).needs(object).storageClasses()) {
          users.computeIfAbsent(storageClass, k -> new TreeSet<>()).add(service.name());
        }
      }
    }
    if (users.isEmpty()) {
      return List.of();
    }
    List<JsonNode> classes = cluster.list("storage.k8s.io/v1", "StorageClass", "", Map.of());
    List<String> names =
        classes.stream().map(c -> c.path("metadata").path("name").asString()).toList();
    List<String> defaults =
        classes.stream()
            .filter(
                c ->
                    "true"
                            .equals(
                                c.path("metadata")
                                    .path("annotations")
                                    .path(DEFAULT_CLASS)
                                    .asString(""))
                        || "true"
                            .equals(
                                c.path("metadata")
                                    .path("annotations")
                                    .path(BETA_DEFAULT_CLASS)
                                    .asString("")))
            .map(c -> c.path("metadata").path("name").asString())
            .toList();
    String has =
        names.isEmpty() ? "the cluster has none" : "the cluster has " + String.join(", ", names);
    List<DoctorCheck> checks = new ArrayList<>();
    List<String> present = new ArrayList<>();
    for (Map.Entry<String, Set<String>> each : users.entrySet()) {
      if (each.getKey().isEmpty()) {
        if (defaults.isEmpty()) {
          checks.add(
              DoctorCheck.fail(
                  "no default StorageClass, and volumes name none",
                  services(each.getValue()),
                  has
                      + "; mark one default (kubectl annotate storageclass <name> "
                      + DEFAULT_CLASS
                      + "=true) or name one in storage(size, class)"));
        } else {
          present.add("default " + String.join(", ", defaults));
        }
      } else if (!names.contains(each.getKey())) {
        checks.add(
            DoctorCheck.fail(
                "StorageClass \"" + each.getKey() + "\" does not exist",
                services(each.getValue()),
                has + "; name one of them in storage(size, class), or create it"));
      } else {
        present.add("\"" + each.getKey() + "\"");
      }
    }
    if (!present.isEmpty()) {
      checks.add(
          0,
          DoctorCheck.pass(
              "StorageClasses: "
                  + String.join(", ", present)
                  + " exist"
                  + (present.size() == 1 ? "s" : "")));
    }
    return checks;
  }

  /** The namespaces' enforced Pod Security levels admit the pods kit generates into them. */
  private List<DoctorCheck> podSecurity() {
    Map<String, List<PlannedObject>> byNamespace = new TreeMap<>();
    Map<String, Set<String>> services = new TreeMap<>();
    for (GeneratedTree.ServiceTree service : tree.services()) {
      byNamespace.computeIfAbsent(service.namespace(), k -> new ArrayList<>());
      services.computeIfAbsent(service.namespace(), k -> new TreeSet<>()).add(service.name());
      for (PlannedObject object : service.objects()) {
        if (object.generated() && !PodSecurityLevels.podSpecs(object).isEmpty()) {
          byNamespace.computeIfAbsent(object.namespace(), k -> new ArrayList<>()).add(object);
          services.computeIfAbsent(object.namespace(), k -> new TreeSet<>()).add(service.name());
        }
      }
    }
    List<DoctorCheck> checks = new ArrayList<>();
    Map<String, String> levels = new LinkedHashMap<>();
    for (Map.Entry<String, List<PlannedObject>> each : byNamespace.entrySet()) {
      String namespace = each.getKey();
      // Every namespace with objects has its services: the loop above adds both.
      Set<String> owners = Objects.requireNonNull(services.get(namespace));
      Optional<JsonNode> live = cluster.get("v1", "Namespace", "", namespace);
      String level =
          live.map(
                  n ->
                      n.path("metadata")
                          .path("labels")
                          .path("pod-security.kubernetes.io/enforce")
                          .asString(""))
              .orElse("");
      levels.put(
          namespace, live.isEmpty() ? "not created yet" : level.isEmpty() ? "no level" : level);
      if (level.isEmpty()) {
        continue;
      }
      if (!PodSecurityLevels.LEVELS.contains(level)) {
        checks.add(
            DoctorCheck.fail(
                "namespace "
                    + namespace
                    + " enforces Pod Security level \""
                    + level
                    + "\", which is none",
                services(owners),
                "use privileged, baseline or restricted (restricted admits what kit generates)"));
        continue;
      }
      for (PlannedObject object : each.getValue()) {
        List<String> violations = new ArrayList<>();
        PodSecurityLevels.podSpecs(object)
            .forEach(spec -> violations.addAll(PodSecurityLevels.violations(spec, level)));
        if (!violations.isEmpty()) {
          checks.add(
              DoctorCheck.fail(
                  "namespace "
                      + namespace
                      + " enforces Pod Security \""
                      + level
                      + "\", which rejects "
                      + object.title()
                      + ": "
                      + String.join("; ", violations),
                  services(owners),
                  "remove the patch that loosens it, or label the namespace with a level that admits it"));
        }
      }
    }
    if (checks.isEmpty()) {
      checks.add(
          DoctorCheck.pass(
              "Pod Security: "
                  + levels.entrySet().stream()
                      .map(e -> e.getKey() + " (" + e.getValue() + ")")
                      .collect(Collectors.joining(", "))
                  + " admit the pods kit generates"));
    }
    return checks;
  }

  /**
   * The fix for a missing CRD of {@code group}: what installs it, and the platform file that should
   * have.
   */
  String install(String group) {
    Optional<Operators.Operator> operator = Operators.ofGroup(group);
    if (operator.isEmpty()) {
      return "install the operator that defines " + group;
    }
    Optional<PlannedObject> platform = chartApplication(operator.get().chart());
    return "install "
        + operator.get().name()
        + platform.map(p -> " (" + p.path() + " not synced?)").orElse("");
  }

  /**
   * The fix for Argo CD's CRDs missing where kit looked for them: Argo CD may run in a cluster of
   * its own, which only {@code kit.argoContext} names.
   */
  private static String installArgoCd(boolean twoClusters) {
    return twoClusters
        ? "is -Dkit.argoContext the context of Argo CD's cluster? If it is, install Argo CD there"
        : "install Argo CD in this cluster, or, when it runs in a cluster of its own, name that"
            + " cluster's context with -Dkit.argoContext=<context>";
  }

  /** The services whose generated objects are in {@code groups}, or need a kind of them. */
  private List<String> usersOf(List<String> groups) {
    Set<String> users = new TreeSet<>();
    for (GeneratedTree.ServiceTree service : tree.services()) {
      for (PlannedObject object : service.objects()) {
        boolean uses =
            groups.contains(object.group())
                || KindReaders.of(object).needs(object).kinds().stream()
                    .anyMatch(k -> groups.contains(k.group()));
        if (object.generated() && uses) {
          users.add(service.name());
        }
      }
    }
    return services(users);
  }

  private List<String> services(Set<String> names) {
    return tree.servicesInOrder(names);
  }
}
