package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.model.Service;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the platform's kinds render from: the description and the kinds each of its services
 * generates. Its questions are loops, not lambdas: the platform renders once per run, cold, where
 * each lambda costs a spun class (PROFILE.md, section 16.2).
 */
public final class PlatformContext {

  private final Kit kit;
  private final List<Kit> everyEnvironment;
  private final Set<String> retiredNamespaces;

  /** The platform of a description without environments, and without retired services. */
  PlatformContext(Kit kit) {
    this(kit, List.of(kit), Set.of());
  }

  /**
   * The platform of {@code kit}, one of {@code everyEnvironment}: each environment's view of the
   * description.
   *
   * @param retiredNamespaces the namespaces services kit retired deployed to there, while their
   *     {@code RETIRED.md} exists
   */
  PlatformContext(Kit kit, List<Kit> everyEnvironment, Set<String> retiredNamespaces) {
    this.kit = kit;
    this.everyEnvironment = List.copyOf(everyEnvironment);
    this.retiredNamespaces = Set.copyOf(retiredNamespaces);
  }

  /**
   * The namespaces services kit retired deployed to, while their {@code RETIRED.md} exists: their
   * Application may still be deleted, and Argo CD deletes only what the project permits.
   */
  public Set<String> retiredNamespaces() {
    return retiredNamespaces;
  }

  public Kit kit() {
    return kit;
  }

  /** The kinds {@code service} generates, in {@link ServiceKinds} order. */
  public List<ServiceKind> kinds(Service service) {
    return ServiceKinds.of(kit, service);
  }

  /** Whether any service generates {@code kind}. */
  public boolean anyGenerates(Class<? extends ServiceKind> kind) {
    for (Service service : kit.services()) {
      for (ServiceKind generated : kinds(service)) {
        if (kind.isInstance(generated)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The cluster-scoped {@code group/Kind}s the services' {@code AppProject} permits: the Namespace,
   * which {@code CreateNamespace=true} creates.
   */
  public static final SortedSet<String> CLUSTER_PERMITTED_KINDS =
      Collections.unmodifiableSortedSet(new TreeSet<>(List.of("/Namespace")));

  /**
   * The namespaced {@code group/Kind}s the services' {@code AppProject} of {@code kit} (one
   * environment's view, or a description without environments) permits, sorted: what kit's files
   * sync, and the platform's {@code allowKind(...)}; none without a platform, which writes no
   * project.
   */
  public static Set<String> permittedKinds(Kit kit) {
    Set<String> kinds = new TreeSet<>();
    if (kit.platform().isPresent()) {
      kinds.addAll(kit.platform().get().extraKinds());
      kinds.addAll(new PlatformContext(kit).syncedKinds());
    }
    return kinds;
  }

  /** Every {@code group/Kind} the services' Applications sync, sorted. */
  public Set<String> syncedKinds() {
    Set<String> kinds = new TreeSet<>();
    for (Service service : kit.services()) {
      for (ServiceKind kind : kinds(service)) {
        kinds.addAll(kind.synced());
      }
    }
    return kinds;
  }

  /**
   * The platform {@code Application} {@code name} (with the environment's suffix) of the platform's
   * subfolder {@code folder}, a plain directory: it syncs the folder into {@code namespace} on the
   * environment's cluster, where the operators go, at root wave {@code wave}.
   */
  public Object folderApplication(String name, String folder, String namespace, SyncWave wave) {
    return PlatformRenderer.folderApplication(kit, name, folder, namespace, wave);
  }

  /**
   * kit's health checks for the kinds any service generates in any environment, by {@code
   * argocd-cm} key suffix: every environment writes the same keys to Argo CD's one {@code
   * argocd-cm}, so applying one environment's file never drops another's check.
   */
  public Map<String, String> healthChecks() {
    Map<String, String> checks = new TreeMap<>();
    for (Kit there : everyEnvironment) {
      for (Service service : there.services()) {
        for (ServiceKind kind : ServiceKinds.of(there, service)) {
          checks.putAll(kind.healthChecks());
        }
      }
    }
    return checks;
  }
}
