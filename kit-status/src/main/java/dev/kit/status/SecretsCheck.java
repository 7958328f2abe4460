package dev.kit.status;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The Secrets the tree reads but does not create (S3 credentials, an existing database's
 * connection, a provider's token) exist with the keys read from them. Only key names are read; a
 * value is never kept or shown. The Secrets an object of the tree creates (CloudNativePG's {@code
 * <cluster>-app}, ...) are left out: they appear with the sync.
 */
final class SecretsCheck {

  private final ReadOnlyCluster cluster;
  private final GeneratedTree tree;

  SecretsCheck(ReadOnlyCluster cluster, GeneratedTree tree) {
    this.cluster = cluster;
    this.tree = tree;
  }

  private record Wanted(
      String namespace,
      String name,
      Set<String> keys,
      Set<String> readers,
      Set<String> services,
      Set<String> types,
      Map<String, String> known,
      Map<String, Needs.Label> labels) {}

  List<DoctorCheck> run() {
    Set<String> provided = new TreeSet<>();
    Map<String, Wanted> wanted = new TreeMap<>();
    for (GeneratedTree.ServiceTree service : tree.services()) {
      for (PlannedObject object : service.objects()) {
        if (!object.generated()) {
          continue;
        }
        Needs needs = KindReaders.of(object).needs(object);
        needs.provides().forEach(name -> provided.add(object.namespace() + "/" + name));
        List<Needs.SecretUse> uses = new ArrayList<>(SecretReferences.in(object));
        uses.addAll(needs.secrets());
        for (Needs.SecretUse use : uses) {
          Wanted each =
              wanted.computeIfAbsent(
                  use.namespace() + "/" + use.name(),
                  k ->
                      new Wanted(
                          use.namespace(),
                          use.name(),
                          new TreeSet<>(),
                          new LinkedHashSet<>(),
                          new TreeSet<>(),
                          new TreeSet<>(),
                          new TreeMap<>(),
                          new TreeMap<>()));
          each.keys().addAll(use.keys());
          use.type().ifPresent(each.types()::add);
          each.known().putAll(use.known());
          each.labels().putAll(use.labels());
          each.readers().add(use.reader());
          each.services().add(service.name());
        }
      }
    }
    List<DoctorCheck> checks = new ArrayList<>();
    for (Map.Entry<String, Wanted> entry : wanted.entrySet()) {
      if (!provided.contains(entry.getKey())) {
        checks.add(check(entry.getValue()));
      }
    }
    return checks;
  }

  private DoctorCheck check(Wanted secret) {
    String title = "Secret " + secret.name() + " (namespace " + secret.namespace() + ")";
    String readers = String.join(" and ", secret.readers());
    String keys = String.join(" and ", secret.keys());
    List<String> services = tree.servicesInOrder(secret.services());
    Optional<JsonNode> live;
    try {
      live = cluster.get("v1", "Secret", secret.namespace(), secret.name());
    } catch (ClusterAccessException e) {
      if (!e.forbidden()) {
        throw e;
      }
      return DoctorCheck.fail(
          "cannot read " + title + ": forbidden",
          services,
          "kit:doctor needs get on secrets to check their keys (it reads key names, never a value), or check it yourself:"
              + " kubectl get secret "
              + secret.name()
              + " -n "
              + secret.namespace());
    }
    if (live.isEmpty()) {
      String create =
          "kubectl create secret generic "
              + secret.name()
              + " -n "
              + secret.namespace()
              + secret.types().stream().map(type -> " --type=" + type).reduce("", String::concat)
              + secret.keys().stream()
                  .map(
                      key ->
                          " --from-literal=" + key + "=" + secret.known().getOrDefault(key, "..."))
                  .reduce("", String::concat)
              + (secret.labels().isEmpty() ? "" : " && " + label(secret, secret.labels()));
      boolean namespaceExists = cluster.get("v1", "Namespace", "", secret.namespace()).isPresent();
      return DoctorCheck.fail(
          title + " missing",
          services,
          readers
              + " reads "
              + (keys.isEmpty() ? "it" : keys + " from it")
              + "; create it"
              + (namespaceExists
                  ? ""
                  : " with its namespace (Argo CD creates the namespace only when it syncs,"
                      + " and the objects need the Secret from their first minute)")
              + ": "
              + create);
    }
    Set<String> present = new TreeSet<>();
    live.get().path("data").propertyNames().forEach(present::add);
    live.get().path("stringData").propertyNames().forEach(present::add);
    List<String> missing = secret.keys().stream().filter(key -> !present.contains(key)).toList();
    if (!missing.isEmpty()) {
      return DoctorCheck.fail(
          title + " has no key " + String.join(" or ", missing),
          services,
          readers
              + " reads "
              + keys
              + "; it has "
              + (present.isEmpty() ? "no keys" : String.join(", ", present))
              + ": add "
              + (missing.size() == 1 ? "it" : "them"));
    }
    Map<String, Needs.Label> unlabelled = new TreeMap<>(secret.labels());
    JsonNode labels = live.get().path("metadata").path("labels");
    unlabelled
        .entrySet()
        .removeIf(l -> labels.path(l.getKey()).asString("").equals(l.getValue().value()));
    if (!unlabelled.isEmpty()) {
      return DoctorCheck.fail(
          title + " lacks label " + String.join(" and ", unlabelled.keySet()),
          services,
          String.join("; ", unlabelled.values().stream().map(Needs.Label::why).distinct().toList())
              + ": "
              + label(secret, unlabelled));
    }
    return DoctorCheck.pass(
        title + (secret.keys().isEmpty() ? " exists" : " has " + keys) + " for " + readers);
  }

  /** The {@code kubectl label secret} command that sets {@code labels} on the Secret. */
  private static String label(Wanted secret, Map<String, Needs.Label> labels) {
    return "kubectl label secret "
        + secret.name()
        + " -n "
        + secret.namespace()
        + labels.entrySet().stream()
            .map(l -> " " + l.getKey() + "=" + l.getValue().value())
            .reduce("", String::concat);
  }
}
