package dev.kit.validate;

import dev.kit.model.ArgoCd;
import dev.kit.model.Backups;
import dev.kit.model.Kit;
import dev.kit.model.Pooler;
import dev.kit.model.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Names that two generated objects would share: the API server keeps one object per kind, namespace
 * and name, so the second one silently replaces the first at sync time (or two Applications fight
 * over it). Every service's Application is named after the service in Argo CD's namespace, beside
 * the platform's and the delivery's own.
 */
final class NameCollisions {

  /**
   * Longest suffix kit appends to the repository name for an object name ({@code <repo>-services}).
   */
  private static final String LONGEST_SUFFIX = "-services";

  private NameCollisions() {}

  /**
   * Collisions between services, and between a service and the platform or delivery Applications,
   * in description order.
   */
  static List<Violation> check(Kit kit) {
    List<Violation> violations = new ArrayList<>();
    ArgoCd argo = kit.repository().argoCd();
    String repo = kit.repository().name();
    Optional<Violation> repositoryName = repositoryName(kit);
    if (repositoryName.isPresent()) {
      violations.add(repositoryName.get());
    }
    Map<String, String> applications = new LinkedHashMap<>();
    applications.put("cloudnative-pg", "the platform's Application for the CloudNativePG operator");
    applications.put(
        "plugin-barman-cloud", "the platform's Application for the Barman Cloud plugin");
    applications.put("atlas-operator", "the platform's Application for the Atlas operator");
    applications.put(
        "cert-manager",
        "the usual Application for cert-manager, which the Barman Cloud plugin needs");
    if (argo.delivery() == ArgoCd.Delivery.APP_OF_APPS) {
      applications.put(repo + "-root", "the app-of-apps root Application");
    }
    Set<String> seen = new HashSet<>();
    Map<String, Owned> owners = new HashMap<>();
    Map<String, String> ownerServices = new HashMap<>();
    for (Service service : kit.services()) {
      if (!seen.add(service.name())) {
        continue; // a service defined twice is reported as such
      }
      String path = "services" + Violations.entry(service.name());
      String other = applications.get(service.name());
      if (other != null) {
        violations.add(
            new Violation(
                path + ".name",
                "\""
                    + service.name()
                    + "\" names the service's Argo CD Application, "
                    + "which is also the name of "
                    + other
                    + " in namespace \""
                    + argo.namespace()
                    + "\"",
                "rename the service; one Application would replace the other"));
      }
      violations.addAll(namespaced(service, owners, ownerServices));
    }
    return violations;
  }

  /** The root Application and the ApplicationSet take their names from the repository. */
  private static Optional<Violation> repositoryName(Kit kit) {
    ArgoCd.Delivery delivery = kit.repository().argoCd().delivery();
    if (delivery == ArgoCd.Delivery.APPLICATION_PER_SERVICE) {
      return Optional.empty();
    }
    String repo = kit.repository().name();
    String name = repo + (delivery == ArgoCd.Delivery.APP_OF_APPS ? "-root" : "-services");
    String what =
        delivery == ArgoCd.Delivery.APP_OF_APPS ? "the root Application" : "the ApplicationSet";
    return KubernetesNames.dns1123Label(name)
        .map(
            problem ->
                new Violation(
                    "repository.name",
                    Violations.quotable(repo)
                        ? "\"" + repo + "\" makes " + what + " \"" + name + "\", which " + problem
                        : Violations.notShown("the name")
                            + " makes "
                            + what
                            + " of that name and a suffix, which "
                            + problem,
                    "use a lower-case name of at most "
                        + (KubernetesNames.LABEL_MAX - LONGEST_SUFFIX.length())
                        + " letters, digits and '-', such as \"shop\""));
  }

  /**
   * An object a service's manifests create, or CNPG creates for them, in the service's namespace.
   */
  private record Owned(String kind, String name, String path, String what) {}

  /** Two objects of one kind and name in one namespace: the second would overwrite the first. */
  private static List<Violation> namespaced(
      Service service, Map<String, Owned> owners, Map<String, String> ownerServices) {
    if (DatabaseRules.cloudNativePg(service)
        && owners.containsKey("Cluster " + service.namespace() + "/" + service.clusterName())) {
      return List
          .of(); // two services share the cluster, which KitValidator reports; its derived names
      // follow once fixed
    }
    List<Violation> violations = new ArrayList<>();
    for (Owned owned : owned(service)) {
      String key = owned.kind() + " " + service.namespace() + "/" + owned.name();
      Owned first = owners.putIfAbsent(key, owned);
      if (first == null) {
        ownerServices.put(key, service.name());
        continue;
      }
      // Put beside its first object, above.
      String owner = Objects.requireNonNull(ownerServices.get(key));
      if (owned.kind().equals("ObjectStore")) {
        violations.add(
            new Violation(
                owned.path(),
                "ObjectStore \""
                    + owned.name()
                    + "\" in namespace \""
                    + service.namespace()
                    + "\" is also the ObjectStore of service \""
                    + owner
                    + "\"; one would overwrite the other's bucket settings",
                "give one of them objectStoreName(...) of its own, such as \""
                    + service.name()
                    + "-backups\""));
      } else {
        violations.add(
            new Violation(
                owned.path(),
                owned.kind()
                    + " \""
                    + owned.name()
                    + "\" in namespace \""
                    + service.namespace()
                    + "\" would be "
                    + owned.what()
                    + " and is already "
                    + first.what()
                    + (owner.equals(service.name()) ? "" : " of service \"" + owner + "\""),
                "rename the service or set another clusterName(...), so each object has a name of its own"));
      }
    }
    return violations;
  }

  /**
   * What a service's objects are called in its namespace, where another service's could have the
   * same name.
   */
  private static List<Owned> owned(Service service) {
    List<Owned> owned = new ArrayList<>();
    String path = "services" + Violations.entry(service.name());
    String cluster = service.clusterName();
    String clusterPath =
        path + (service.database().clusterName().isPresent() ? ".database.clusterName" : ".name");
    if (DatabaseRules.cloudNativePg(service)) {
      owned.add(new Owned("Cluster", cluster, clusterPath, "the CNPG Cluster"));
      for (String suffix : List.of("rw", "ro", "r")) {
        owned.add(
            new Owned(
                "Service",
                cluster + "-" + suffix,
                clusterPath,
                "the Service CNPG creates for cluster \"" + cluster + "\""));
      }
    }
    // Plain ifs rather than lambdas, as in ServiceRules: each spins a class in a cold run.
    Optional<Pooler> pooler = service.database().pooler();
    if (pooler.isPresent()) {
      for (String type : pooler.get().readOnly() ? List.of("rw", "ro") : List.of("rw")) {
        String name = service.poolerName(type);
        owned.add(
            new Owned("Service", name, clusterPath, "the Service of pooler \"" + name + "\""));
        owned.add(
            new Owned(
                "Deployment", name, clusterPath, "the Deployment of pooler \"" + name + "\""));
      }
    }
    if (service.app().isPresent()) {
      owned.add(new Owned("Service", service.name(), path + ".name", "the app's Service"));
      owned.add(new Owned("Deployment", service.name(), path + ".name", "the app's Deployment"));
    }
    Optional<Backups> backups = service.database().backups();
    if (backups.isPresent() && !backups.get().legacyInTree()) {
      owned.add(
          new Owned(
              "ObjectStore",
              service.objectStoreName(),
              path
                  + ".database.backups"
                  + (backups.get().objectStoreName().isPresent() ? ".objectStoreName" : ""),
              "the ObjectStore"));
    }
    return owned;
  }
}
