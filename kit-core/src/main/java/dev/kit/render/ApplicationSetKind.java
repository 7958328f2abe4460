package dev.kit.render;

import dev.kit.model.ArgoCd;
import dev.kit.model.Kit;
import java.util.Optional;

/** One {@code ApplicationSet} over {@code services/*}, instead of an Application per service. */
final class ApplicationSetKind implements PlatformKind {

  @Override
  public String file() {
    return "applicationset.yaml";
  }

  @Override
  public String description() {
    return "one `ApplicationSet` over `services/*`";
  }

  @Override
  public String when() {
    return "with APPLICATION_SET delivery";
  }

  @Override
  public boolean appliesTo(Kit kit) {
    return kit.repository().argoCd().delivery() == ArgoCd.Delivery.APPLICATION_SET;
  }

  @Override
  public Optional<ArgoCdObject> argoCdObject(Kit kit) {
    return Optional.of(ArgoCdObject.applicationSet(kit, PlatformRenderer.applicationSetName(kit)));
  }

  @Override
  public Object render(PlatformContext context) {
    return PlatformRenderer.applicationSet(context.kit());
  }
}
