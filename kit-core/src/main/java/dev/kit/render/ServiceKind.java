package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of file a service produces under {@code services/<service>/}: when it is generated,
 * where, what Argo CD syncs from it and when, and how it renders. {@link ServiceKinds} lists them
 * in order; the renderer, the patch targets, the AppProject's whitelist, the runbook's inventory,
 * {@code argocd-cm}'s health checks and the README's table all read that list.
 */
public interface ServiceKind {

  /**
   * Its files relative to the service folder, as the README names them, such as {@code
   * manifests/database/cluster.yaml}.
   */
  String file();

  /** What it is, for the README, such as {@code CNPG Cluster}. */
  String description();

  /**
   * What a service needs to generate it, such as {@code "a pooler"}; empty for a kind every service
   * generates. A patch of a kind a service does not generate is refused with it.
   */
  Optional<String> requirement();

  /** Whether {@code service} generates it. */
  boolean appliesTo(Kit kit, Service service);

  /**
   * What {@code service} lacks to generate it, for the patch message; empty when it generates it.
   */
  default Optional<String> missing(Kit kit, Service service) {
    return appliesTo(kit, service) ? Optional.empty() : requirement();
  }

  /** The escape hatch's name for its objects; empty for a file that is not a Kubernetes object. */
  default Optional<Patch.Target> target() {
    return Optional.empty();
  }

  /**
   * The {@code group/Kind} of each object Argo CD syncs from it into the service's namespace, for
   * the AppProject's whitelist ({@code /Service} for a core kind); empty for what the service's
   * Application does not sync.
   */
  default List<String> synced() {
    return List.of();
  }

  /** Its sync wave, for the README; empty for wave 0 or for what Argo CD does not sync. */
  default Optional<SyncWave> wave() {
    return Optional.empty();
  }

  /**
   * kit's Argo CD health checks for its objects, by {@code argocd-cm} key suffix ({@code
   * <group>_<Kind>}), written when any service generates it.
   */
  default Map<String, String> healthChecks() {
    return Map.of();
  }

  /** Its files for the service in {@code context}, which it applies to. */
  List<ServiceFile> render(ServiceContext context);
}
