package dev.kit.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/** The StorageClasses the volumes name exist, and a default one where a volume names none. */
final class StorageClassCheck {

  private static final String DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";
  private static final String BETA_DEFAULT_CLASS =
      "storageclass.beta.kubernetes.io/is-default-class";

  private final ReadOnlyCluster cluster;
  private final GeneratedTree tree;

  StorageClassCheck(ReadOnlyCluster cluster, GeneratedTree tree) {
    this.cluster = cluster;
    this.tree = tree;
  }

  List<DoctorCheck> run() {
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
                  tree.servicesInOrder(each.getValue()),
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
                tree.servicesInOrder(each.getValue()),
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
}
