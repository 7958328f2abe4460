package dev.kit.provider.planetscale;

import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.PlanetScale;
import dev.kit.model.Service;
import dev.kit.render.KitLabels;
import dev.kit.render.ServiceContext;
import dev.kit.render.ServiceFile;
import dev.kit.render.ServiceKind;
import dev.kit.render.SyncWave;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * provider-opentofu's {@code Workspace} that applies a PlanetScale database's module from Argo CD,
 * at the database's wave: kit's health check holds the migrations until it is Ready, and Argo CD
 * never prunes or deletes it (its deletion would run {@code tofu destroy}).
 */
final class PlanetScaleWorkspaceKind implements ServiceKind {

  @Override
  public String file() {
    return "manifests/database/workspace.yaml";
  }

  @Override
  public String description() {
    return "provider-opentofu `Workspace`: applies `database/main.tf` (inline, the same text), outputs to the migrations' Secret";
  }

  @Override
  public Optional<String> requirement() {
    return Optional.of("a PlanetScale database applied by a Workspace (not moduleOnly())");
  }

  @Override
  public boolean appliesTo(Kit kit, Service service) {
    return service.database().host() instanceof PlanetScale ps
        && ps.runner() == PlanetScale.Runner.WORKSPACE;
  }

  @Override
  public Optional<Patch.Target> target() {
    return Optional.of(Patch.Target.WORKSPACE);
  }

  @Override
  public List<String> synced() {
    return List.of("opentofu.m.upbound.io/Workspace");
  }

  @Override
  public Optional<SyncWave> wave() {
    return Optional.of(SyncWave.DATABASE);
  }

  /** The Workspace's check, and the Provider's, which the platform's waves wait on. */
  @Override
  public Map<String, String> healthChecks() {
    return Map.of(
        "opentofu.m.upbound.io_Workspace",
        WorkspaceHealth.SCRIPT,
        "pkg.crossplane.io_Provider",
        ProviderHealth.SCRIPT);
  }

  @Override
  public List<ServiceFile> render(ServiceContext context) {
    Service service = context.service();
    Map<String, String> annotations =
        Map.of(
            SyncWave.ANNOTATION,
            SyncWave.DATABASE.annotationValue(),
            "argocd.argoproj.io/sync-options",
            CrossplaneObjects.KEEP);
    return List.of(
        new ServiceFile.Manifest(
            file(),
            CrossplaneObjects.workspace(
                service.name(),
                service.namespace(),
                KitLabels.of(context.kit(), service, "database"),
                annotations,
                PlanetScaleModuleKind.text(context))));
  }
}
