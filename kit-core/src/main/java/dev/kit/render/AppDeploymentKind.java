package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import java.util.List;
import java.util.Optional;

/** The generated app's {@code Deployment}, at wave 0: after the migration. */
final class AppDeploymentKind implements ServiceKind {

  @Override
  public String file() {
    return "manifests/app/deployment.yaml";
  }

  @Override
  public String description() {
    return "the generated app's `Deployment`";
  }

  @Override
  public Optional<String> requirement() {
    return Optional.of("a generated app");
  }

  @Override
  public boolean appliesTo(Kit kit, Service service) {
    return service.app().isPresent();
  }

  @Override
  public Optional<Patch.Target> target() {
    return Optional.of(Patch.Target.APP_DEPLOYMENT);
  }

  @Override
  public List<String> synced() {
    return List.of("apps/Deployment");
  }

  @Override
  public List<ServiceFile> render(ServiceContext context) {
    return List.of(
        new ServiceFile.Manifest(file(), AppRenderer.deployment(context.kit(), context.service())));
  }
}
