package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.model.Service;
import java.util.List;
import java.util.Optional;

/**
 * The service's own manifests in {@code manifests/app/}, when kit generates no app: kit writes none
 * of them, but the service's Application syncs them, so the AppProject lets it deploy a {@code
 * Deployment} and a {@code Service}.
 */
final class OwnAppKind implements ServiceKind {

  @Override
  public String file() {
    return "manifests/app/";
  }

  @Override
  public String description() {
    return "your own manifests, never touched";
  }

  @Override
  public Optional<String> requirement() {
    return Optional.of("no generated app");
  }

  @Override
  public boolean appliesTo(Kit kit, Service service) {
    return service.app().isEmpty();
  }

  @Override
  public List<String> synced() {
    return List.of("apps/Deployment", "/Service");
  }

  @Override
  public List<ServiceFile> render(ServiceContext context) {
    return List.of();
  }
}
