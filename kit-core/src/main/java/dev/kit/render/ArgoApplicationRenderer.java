package dev.kit.render;

import dev.kit.layout.RepositoryLayout;
import dev.kit.model.ArgoCd;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Renders the Argo CD {@code Application} of a service. Its source is {@code
 * services/<svc>/manifests} only, so {@code application.yaml}, {@code atlas.hcl} and the raw SQL
 * are never synced; recursion picks up {@code manifests/app/}. No cascade-delete finalizer:
 * deleting the Application leaves the workloads.
 */
final class ArgoApplicationRenderer {

  private ArgoApplicationRenderer() {}

  static ArgoApplication render(Kit kit, Service service) {
    ArgoCd argo = kit.repository().argoCd();
    return new ArgoApplication(
        ArgoApplication.API_VERSION,
        ArgoApplication.KIND,
        ObjectMetadata.builder()
            .withName(name(kit, service.name()))
            .withNamespace(argo.namespace())
            .withLabels(KitLabels.of(kit, service, null))
            .build(),
        new ArgoApplication.Spec(
            argo.project(),
            new ArgoApplication.Source(
                kit.repository().gitUrl(),
                kit.repository().targetRevision(),
                manifestsPath(kit, service),
                null,
                new ArgoApplication.Directory(true, null, null),
                null),
            ArgoApplication.Destination.of(kit, service.namespace()),
            syncPolicy(true, List.of("CreateNamespace=true"))));
  }

  /**
   * Automated sync with self-heal; retries cover the first sync, when webhooks or CRDs may still be
   * starting.
   */
  static ArgoApplication.SyncPolicy syncPolicy(boolean prune, @Nullable List<String> syncOptions) {
    return new ArgoApplication.SyncPolicy(
        new ArgoApplication.Automated(prune, true),
        syncOptions,
        new ArgoApplication.Retry(5, new ArgoApplication.Backoff("10s", 2, "3m")));
  }

  static String manifestsPath(Kit kit, Service service) {
    return RepositoryLayout.service(kit, service).manifests();
  }

  /**
   * The name of an Argo CD object of {@code kit}: {@code <name>-<environment>} in an environment,
   * so one Argo CD can hold every environment's Applications side by side.
   */
  static String name(Kit kit, String name) {
    return kit.environment().isPresent() ? name + "-" + kit.environment().get().name() : name;
  }
}
