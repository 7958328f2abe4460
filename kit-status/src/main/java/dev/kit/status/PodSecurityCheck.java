package dev.kit.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** The namespaces' enforced Pod Security levels admit the pods kit generates into them. */
final class PodSecurityCheck {

  private final ReadOnlyCluster cluster;
  private final GeneratedTree tree;

  PodSecurityCheck(ReadOnlyCluster cluster, GeneratedTree tree) {
    this.cluster = cluster;
    this.tree = tree;
  }

  List<DoctorCheck> run() {
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
                tree.servicesInOrder(owners),
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
                  tree.servicesInOrder(owners),
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
}
