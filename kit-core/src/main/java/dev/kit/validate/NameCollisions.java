package dev.kit.validate;

import dev.kit.model.ArgoCd;
import dev.kit.model.Backups;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Names that two generated objects would share: the API server keeps one object per kind, namespace and name, so
 * the second one silently replaces the first at sync time (or two Applications fight over it). Every service's
 * Application is named after the service in Argo CD's namespace, beside the platform's and the delivery's own.
 */
final class NameCollisions {

  /** Longest suffix kit appends to the repository name for an object name ({@code <repo>-services}). */
  private static final String LONGEST_SUFFIX = "-services";

  private NameCollisions() {}

  /** Collisions between services, and between a service and the platform or delivery Applications, in description order. */
  static List<Violation> check(Kit kit) {
    List<Violation> violations = new ArrayList<>();
    ArgoCd argo = kit.repository().argoCd();
    String repo = kit.repository().name();
    repositoryName(kit).ifPresent(violations::add);
    Map<String, String> applications = new LinkedHashMap<>();
    applications.put("cloudnative-pg", "the platform's Application for the CloudNativePG operator");
    applications.put("plugin-barman-cloud", "the platform's Application for the Barman Cloud plugin");
    applications.put("atlas-operator", "the platform's Application for the Atlas operator");
    applications.put("cert-manager", "the usual Application for cert-manager, which the Barman Cloud plugin needs");
    if (argo.delivery() == ArgoCd.Delivery.APP_OF_APPS) {
      applications.put(repo + "-root", "the app-of-apps root Application");
    }
    Set<String> seen = new HashSet<>();
    Map<String, String> objects = new HashMap<>();
    for (Service service : kit.services()) {
      if (!seen.add(service.name())) {
        continue; // a service defined twice is reported as such
      }
      String path = "services[" + service.name() + "]";
      String other = applications.get(service.name());
      if (other != null) {
        violations.add(new Violation(path + ".name", "\"" + service.name() + "\" names the service's Argo CD Application, "
            + "which is also the name of " + other + " in namespace \"" + argo.namespace() + "\"",
            "rename the service; one Application would replace the other"));
      }
      objectStore(path, service, objects).ifPresent(violations::add);
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
    String what = delivery == ArgoCd.Delivery.APP_OF_APPS ? "the root Application" : "the ApplicationSet";
    return KubernetesNames.dns1123Label(name).map(problem -> new Violation("repository.name", "\"" + repo + "\" makes " + what
        + " \"" + name + "\", which " + problem, "use a lower-case name of at most "
        + (KubernetesNames.LABEL_MAX - LONGEST_SUFFIX.length()) + " letters, digits and '-', such as \"shop\""));
  }

  /** Two Barman Cloud ObjectStores of one name in one namespace: the second would overwrite the first's settings. */
  private static Optional<Violation> objectStore(String path, Service service, Map<String, String> objects) {
    if (service.database().backups().filter(b -> !b.legacyInTree()).isEmpty()) {
      return Optional.empty();
    }
    String name = service.objectStoreName();
    String owner = objects.putIfAbsent("ObjectStore " + service.namespace() + "/" + name, service.name());
    if (owner == null) {
      return Optional.empty();
    }
    boolean explicit = service.database().backups().flatMap(Backups::objectStoreName).isPresent();
    return Optional.of(new Violation(path + ".database.backups" + (explicit ? ".objectStoreName" : ""),
        "ObjectStore \"" + name + "\" in namespace \"" + service.namespace() + "\" is also the ObjectStore of service \"" + owner
            + "\"; one would overwrite the other's bucket settings",
        "give one of them objectStoreName(...) of its own, such as \"" + service.name() + "-backups\""));
  }
}
