package dev.kit.render;

import dev.kit.model.Kit;
import java.util.Optional;

/**
 * The root Application of app-of-apps and ApplicationSet delivery, which orders the platform first.
 */
final class RootApplicationKind implements PlatformKind {

  @Override
  public String file() {
    return "root.yaml";
  }

  @Override
  public String description() {
    return "the root `Application`, which orders `platform/` first";
  }

  @Override
  public String when() {
    return "with APP_OF_APPS or APPLICATION_SET delivery";
  }

  @Override
  public boolean appliesTo(Kit kit) {
    return PlatformRenderer.hasRoot(kit);
  }

  @Override
  public Optional<ArgoCdObject> argoCdObject(Kit kit) {
    return Optional.of(ArgoCdObject.application(kit, PlatformRenderer.rootName(kit)));
  }

  @Override
  public Object render(PlatformContext context) {
    return PlatformRenderer.root(context.kit());
  }
}
