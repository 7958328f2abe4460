package dev.kit.status;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code kit:doctor}: whether the cluster has what the generated tree needs before it syncs, in
 * this order: the CRDs of every kind it deploys (and what their operators need), the platform's
 * operators running, the Application of its Crossplane provider folder synced, the provider
 * packages installed and healthy and their ClusterProviderConfig present, the storage classes its
 * volumes name, the Secrets it reads but does not create (with their keys), kit's health checks in
 * {@code argocd-cm}, and namespaces whose Pod Security level admits its pods.
 */
final class Doctor {

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
    PlatformApplicationsCheck platform = new PlatformApplicationsCheck(cluster, argoCd, tree);
    CrossplaneCheck crossplane = new CrossplaneCheck(cluster, tree);
    List<DoctorCheck> checks = new ArrayList<>(new CrdCheck(cluster, argoCd, tree).run());
    checks.addAll(platform.operators());
    checks.addAll(platform.folderApplications());
    checks.addAll(crossplane.providers());
    checks.addAll(crossplane.providerConfigs());
    checks.addAll(new StorageClassCheck(cluster, tree).run());
    checks.addAll(new SecretsCheck(cluster, tree).run());
    checks.addAll(new ArgoCdCheck(argoCd, tree, argoCd != cluster).run());
    checks.addAll(new PodSecurityCheck(cluster, tree).run());
    return checks;
  }
}
