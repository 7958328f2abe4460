package dev.kit.status;

import io.fabric8.kubernetes.api.Pluralize;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The CRDs the tree and its operators need, installed and serving its versions. */
final class CrdCheck {

  /** The environment's cluster: the operators, CRDs and namespaces the Applications deploy to. */
  private final ReadOnlyCluster cluster;

  /** Argo CD's cluster: the Applications, the AppProject and {@code argocd-cm}. */
  private final ReadOnlyCluster argoCd;

  private final GeneratedTree tree;

  CrdCheck(ReadOnlyCluster cluster, ReadOnlyCluster argoCd, GeneratedTree tree) {
    this.cluster = cluster;
    this.argoCd = argoCd;
    this.tree = tree;
  }

  /**
   * The kinds the tree deploys that need a CRD, and the kinds their operators need, each with the
   * services using it, each looked up in the cluster it lives in: Argo CD's kinds in Argo CD's.
   */
  List<DoctorCheck> run() {
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
                tree.servicesInOrder(each.getValue()),
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
                tree.servicesInOrder(each.getValue()),
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
   * The fix for a missing CRD of {@code group}: what installs it, and the platform file that should
   * have.
   */
  private String install(String group) {
    Optional<Operators.Operator> operator = Operators.ofGroup(group);
    if (operator.isEmpty()) {
      return "install the operator that defines " + group;
    }
    Optional<PlannedObject> platform = tree.platformApplication("chart", operator.get().chart());
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
}
