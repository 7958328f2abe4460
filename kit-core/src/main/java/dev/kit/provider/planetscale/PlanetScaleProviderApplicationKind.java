package dev.kit.provider.planetscale;

import dev.kit.model.Kit;
import dev.kit.render.ArgoCdObject;
import dev.kit.render.PlatformContext;
import dev.kit.render.PlatformKind;
import dev.kit.render.SyncWave;
import java.util.Optional;

/**
 * The platform Application of {@link PlanetScalePlatformKind#FOLDER}: it syncs the
 * provider-opentofu package and its ClusterProviderConfig to the environment's cluster, where
 * Crossplane runs and the Workspaces look for them. The root cannot: its destination is Argo CD's
 * own cluster. After Crossplane's Application, whose CRDs the Provider needs.
 */
final class PlanetScaleProviderApplicationKind implements PlatformKind {

  @Override
  public String file() {
    return PlanetScalePlatformKind.FOLDER + ".yaml";
  }

  @Override
  public String description() {
    return "`Application`: syncs `"
        + PlanetScalePlatformKind.FOLDER
        + "/` to Crossplane's destination, after Crossplane";
  }

  @Override
  public String when() {
    return PlanetScalePlatformKind.WHEN;
  }

  @Override
  public boolean appliesTo(Kit kit) {
    return PlanetScalePlatformKind.needed(kit);
  }

  @Override
  public Optional<SyncWave> wave() {
    return Optional.of(SyncWave.OPERATOR_PLUGIN);
  }

  @Override
  public Optional<ArgoCdObject> argoCdObject(Kit kit) {
    return Optional.of(ArgoCdObject.application(kit, PlanetScalePlatformKind.FOLDER));
  }

  @Override
  public Object render(PlatformContext context) {
    // Crossplane's own destination: the package's pods and the Workspaces' state run there.
    return context.folderApplication(
        PlanetScalePlatformKind.FOLDER,
        PlanetScalePlatformKind.FOLDER,
        context.kit().platform().orElseThrow().crossplane().namespace(),
        SyncWave.OPERATOR_PLUGIN);
  }
}
