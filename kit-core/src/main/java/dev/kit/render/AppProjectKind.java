package dev.kit.render;

import dev.kit.model.Kit;
import java.util.Optional;

/** The services' {@code AppProject}: their namespaces, and the kinds their Applications sync. */
final class AppProjectKind implements PlatformKind {

  @Override
  public String file() {
    return "appproject.yaml";
  }

  @Override
  public String description() {
    return "`AppProject`: the services' namespaces and the kinds they deploy";
  }

  @Override
  public String when() {
    return "with a Platform";
  }

  @Override
  public boolean appliesTo(Kit kit) {
    return kit.platform().isPresent();
  }

  @Override
  public Optional<SyncWave> wave() {
    return Optional.of(SyncWave.PLATFORM_PROJECT);
  }

  @Override
  public Object render(PlatformContext context) {
    return PlatformRenderer.project(context);
  }
}
