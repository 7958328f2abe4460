package dev.kit.validate;

import static dev.kit.validate.Violations.safeExample;
import static dev.kit.validate.Violations.shown;

import dev.kit.input.KitInputs;
import dev.kit.model.Environment;
import dev.kit.model.HelmChart;
import dev.kit.model.Kit;
import dev.kit.model.PlanetScale;
import dev.kit.model.Platform;
import dev.kit.model.Service;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Each service, in description order: its name, namespace and labels, then every part of it
 * (database, migrations, patches, app, monitoring) by the rules of that part.
 */
final class ServiceRules {

  /**
   * Labels a user label or a patch may not change, by what sets them: kit on every object ({@code
   * KitLabels}), and Argo CD's label tracking, which writes the Application's name to {@code
   * app.kubernetes.io/instance} on what it syncs.
   */
  static final Map<String, String> RESERVED_LABELS =
      Map.of(
          "app.kubernetes.io/name",
          "is a label kit sets itself",
          "app.kubernetes.io/part-of",
          "is a label kit sets itself",
          "app.kubernetes.io/component",
          "is a label kit sets itself",
          "app.kubernetes.io/managed-by",
          "is a label kit sets itself",
          "app.kubernetes.io/instance",
          "is the label Argo CD's label tracking sets to the Application's name");

  private ServiceRules() {}

  static void check(Kit kit, KitInputs inputs, Instant now, Violations violations) {
    List<Service> services = kit.services();
    if (services.isEmpty()) {
      violations.add(
          "services", "the description has no services", "add one with Kit.builder().service(...)");
    }
    Set<String> names = new HashSet<>();
    Map<String, String> clusters = new HashMap<>();
    Map<String, String> branches = new HashMap<>();
    Map<String, String> policies = new HashMap<>();
    for (Service service : services) {
      String path = "services" + Violations.entry(service.name());
      if (!names.add(service.name())) {
        violations.add(path, "is defined twice", "give each service a unique name");
        continue;
      }
      service(kit, path, service, inputs, now, violations);
      String clusterKey = service.namespace() + "/" + service.clusterName();
      String owner =
          DatabaseRules.cloudNativePg(service)
              ? clusters.putIfAbsent(clusterKey, service.name())
              : null;
      if (owner != null) {
        violations.add(
            path + ".database.clusterName",
            Violations.named("cluster", service.clusterName())
                + " in "
                + Violations.named("namespace", service.namespace())
                + " is also the cluster of "
                + Violations.named("service", owner),
            "give one of them another clusterName or namespace");
      }
      if (service.database().host() instanceof PlanetScale ps) {
        onePlanetScaleOwner(path, service, ps, branches, policies, violations);
      }
    }
  }

  /**
   * Each service's module creates and owns its branch, and its backup policy on the database: a
   * second service would apply them from a second state (and fail to create what exists).
   */
  private static void onePlanetScaleOwner(
      String path,
      Service service,
      PlanetScale ps,
      Map<String, String> branches,
      Map<String, String> policies,
      Violations violations) {
    String database = ps.organization() + "/" + ps.database();
    String branch = database + "/" + ps.branch();
    String owner = branches.putIfAbsent(branch, service.name());
    if (owner != null) {
      violations.add(
          path + ".database.planetScale.branch",
          Violations.named("branch", branch)
              + " is also "
              + Violations.named("service", owner)
              + "'s, and each service's module creates and owns its branch",
          "give "
              + Violations.named("service", service.name())
              + " its own branch: planetScale(ps -> ps.branch(\""
              + safeExample(service.name())
              + "\")), or keep both services' tables in one service");
    }
    // One ID under one name is the branch rule's; under two names, this one's.
    if (owner == null && ps.adoptedBranchId().isPresent()) {
      String adopted = database + " ID " + ps.adoptedBranchId().get();
      String adopter = branches.putIfAbsent(adopted, service.name());
      if (adopter != null) {
        violations.add(
            path + ".database.planetScale.adoptBranch",
            "adopts the branch "
                + Violations.named("service", adopter)
                + " adopts ("
                + Violations.shown(adopted, "the same ID")
                + "), and each service's module owns its branch",
            "adopt each service's own branch by its ID, or let this service's module create one:"
                + " remove adoptBranch(...)");
      }
    }
    if (ps.backupPolicy().isPresent()) {
      String policy = ps.backupPolicy().get().name();
      String declared = policies.putIfAbsent(database + "/" + policy, service.name());
      if (declared != null) {
        violations.add(
            path + ".database.planetScale.backupPolicy",
            "backup policy "
                + Violations.shown(policy, "of the same name")
                + " of "
                + Violations.named("database", database)
                + " is also declared by "
                + Violations.named("service", declared)
                + ", and a backup policy belongs to the database, not a branch",
            "declare it in one service only, or name this one: backupPolicy(p -> p.name(\""
                + safeExample(service.name())
                + "\"))");
      }
    }
  }

  /**
   * Whether label {@code key} with {@code value}, on a service of environment view {@code kit}, is
   * the environment's ({@link Kit#in} gives each service the environment's labels it does not set
   * itself): EnvironmentRules reports those once, under the environment, not under every service.
   * An override that sets the environment's very label and value is told with the environment's.
   */
  /**
   * Whose {@code namespace} is when it is not a service's to have: Kubernetes' own ({@code kube-}),
   * Argo CD's, or where the platform installs an operator.
   */
  private static Optional<String> namespaceOwner(Kit kit, String namespace) {
    if (namespace.startsWith("kube-")) {
      return Optional.of("Kubernetes' own (kube- namespaces hold the cluster's system objects)");
    }
    if (namespace.equals(kit.repository().argoCd().namespace())) {
      return Optional.of("where Argo CD runs (repository.argoCd.namespace)");
    }
    if (kit.platform().isPresent()) {
      Platform platform = kit.platform().get();
      // In the order the platform installs them, so a shared namespace names the first.
      Map<String, HelmChart> charts = new LinkedHashMap<>();
      charts.put("cloudnativePg", platform.cloudnativePg());
      if (platform.certManager().isPresent()) {
        charts.put("certManager", platform.certManager().get());
      }
      charts.put("barmanCloud", platform.barmanCloud());
      charts.put("atlasOperator", platform.atlasOperator());
      charts.put("crossplane", platform.crossplane());
      for (Map.Entry<String, HelmChart> chart : charts.entrySet()) {
        if (chart.getValue().namespace().equals(namespace)) {
          return Optional.of(
              "where the platform installs "
                  + chart.getValue().chart()
                  + " (platform."
                  + chart.getKey()
                  + ")");
        }
      }
    }
    return Optional.empty();
  }

  private static boolean fromEnvironment(Kit kit, String key, String value) {
    Optional<Environment> env = kit.environment();
    return env.isPresent() && value.equals(env.get().labels().get(key));
  }

  /**
   * A label of the description's, under {@code labelsPath}: a key kit sets itself (told with {@code
   * reservedFix}), a key Kubernetes refuses ({@code keyFix}), and its value.
   */
  static void label(
      String labelsPath,
      String key,
      String value,
      String reservedFix,
      String keyFix,
      Violations violations) {
    String labelPath = labelsPath + Violations.entry(key);
    String reserved = RESERVED_LABELS.get(key);
    if (reserved != null) {
      violations.add(labelPath, reserved, reservedFix);
    }
    Optional<String> keyProblem = KubernetesNames.labelKey(key);
    if (keyProblem.isPresent()) {
      violations.add(labelPath, Violations.named("key", key) + " " + keyProblem.get(), keyFix);
    }
    violations.labelValue(labelPath, key, value, "shorten or simplify the value");
  }

  private static void service(
      Kit kit, String path, Service service, KitInputs inputs, Instant now, Violations violations) {
    String name = service.name();
    Optional<String> nameProblem = KubernetesNames.dns1035Label(name, KubernetesNames.LABEL_MAX);
    // Plain ifs rather than lambdas here and in the other per-service rules: each lambda a cold run
    // reaches spins a class (PROFILE.md, section 15).
    if (nameProblem.isPresent()) {
      violations.add(
          path + ".name",
          shown(name, "the name") + " " + nameProblem.get(),
          "use a short lower-case name such as \"orders\"; it names the folder, the objects and the Application");
    } else {
      if (service.migrations().isPresent()) {
        violations.derivedName(
            path + ".name",
            name,
            service.migrationJobName(),
            KubernetesNames.LABEL_MAX,
            "migration Job");
      }
      if (service.database().clusterName().isEmpty() && DatabaseRules.cloudNativePg(service)) {
        violations.derivedName(
            path + ".name",
            name,
            service.clusterName(),
            DatabaseRules.CLUSTER_NAME_MAX,
            "CNPG cluster");
      }
    }
    Optional<String> namespaceProblem = KubernetesNames.dns1123Label(service.namespace());
    if (namespaceProblem.isPresent()) {
      violations.add(
          path + ".namespace",
          shown(service.namespace(), "the namespace") + " " + namespaceProblem.get(),
          "use a lower-case namespace such as \"" + safeExample(name) + "\"");
    } else {
      Optional<String> owner = namespaceOwner(kit, service.namespace());
      if (owner.isPresent()) {
        violations.add(
            path + ".namespace",
            shown(service.namespace(), "the namespace")
                + " is "
                + owner.get()
                + ", not a service's: the service would sync its ConfigMaps, Deployments and Jobs"
                + " there"
                + (kit.platform().isPresent()
                    ? ", and the platform's AppProject would let every service's Application do so"
                    : ""),
            "give the service a namespace of its own, such as \"" + safeExample(name) + "\"");
      }
    }
    for (Map.Entry<String, String> label : service.labels().entrySet()) {
      String key = label.getKey();
      if (fromEnvironment(kit, key, label.getValue())) {
        continue;
      }
      label(
          path + ".labels",
          key,
          label.getValue(),
          "remove it, or use a label key of your own",
          "rename the label",
          violations);
    }
    DatabaseRules.check(kit, path + ".database", service, now, violations);
    // Only a valid name may become a folder: services/<name>/ is where the migrations are read
    // from.
    if (service.migrations().isPresent()) {
      MigrationRules.check(
          path + ".migrations",
          service,
          service.migrations().get(),
          nameProblem.isEmpty(),
          inputs,
          violations);
    }
    for (int i = 0; i < service.patches().size(); i++) {
      PatchRules.check(
          kit, path + ".patches[" + i + "]", service, service.patches().get(i), violations);
    }
    if (DatabaseRules.cloudNativePg(service)) {
      InstanceRules.check(path, service, violations);
    }
    if (service.app().isPresent()) {
      AppRules.check(path + ".app", service, service.app().get(), violations);
    }
    if (service.monitoring().isPresent()) {
      String schedule = null;
      if (service.database().backups().isPresent()) {
        schedule = service.database().backups().get().schedule().orElse(null);
      }
      MonitoringRules.check(path + ".monitoring", service.monitoring().get(), schedule, violations);
    }
  }
}
