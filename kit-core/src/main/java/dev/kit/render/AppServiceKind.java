package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import java.util.List;
import java.util.Optional;

/** The generated app's {@code Service}. */
final class AppServiceKind implements ServiceKind {

  @Override
  public String file() {
    return "manifests/app/service.yaml";
  }

  @Override
  public String description() {
    return "the generated app's `Service`";
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
    return Optional.of(Patch.Target.APP_SERVICE);
  }

  @Override
  public List<String> synced() {
    return List.of("/Service");
  }

  @Override
  public List<ServiceFile> render(ServiceContext context) {
    return List.of(
        new ServiceFile.Manifest(file(), AppRenderer.service(context.kit(), context.service())));
  }
}
