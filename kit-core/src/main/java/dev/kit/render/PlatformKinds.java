package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.model.Platform;
import java.util.List;
import java.util.Optional;

/** Every file kit can write under {@code platform/}, in order. */
public final class PlatformKinds {

  /** The one list. */
  static final List<PlatformKind> ALL =
      java.util.stream.Stream.concat(
              java.util.stream.Stream.of(
                  new AppProjectKind(),
                  new OperatorApplicationKind(
                      "cloudnative-pg",
                      "`Application`: the CNPG operator's Helm chart",
                      "when a service's database is CloudNativePG",
                      platform -> Optional.of(platform.cloudnativePg()),
                      kit ->
                          kit.services().stream()
                              .anyMatch(service -> CloudNativePgProvider.runs(service.database())),
                      SyncWave.OPERATOR),
                  new OperatorApplicationKind(
                      "cert-manager",
                      "`Application`: cert-manager, before the Barman Cloud plugin",
                      "when a service backs up or restores with the plugin, unless existingCertManager()",
                      Platform::certManager,
                      PlatformRenderer::usesBarmanPlugin,
                      SyncWave.CERT_MANAGER),
                  new OperatorApplicationKind(
                      "plugin-barman-cloud",
                      "`Application`: the Barman Cloud plugin",
                      "when a service backs up or restores with the plugin",
                      platform -> Optional.of(platform.barmanCloud()),
                      PlatformRenderer::usesBarmanPlugin,
                      SyncWave.OPERATOR_PLUGIN),
                  new OperatorApplicationKind(
                      "atlas-operator",
                      "`Application`: the Atlas operator",
                      "when a service uses it",
                      platform -> Optional.of(platform.atlasOperator()),
                      PlatformRenderer::usesAtlasOperator,
                      SyncWave.OPERATOR),
                  new OperatorApplicationKind(
                      "crossplane",
                      "`Application`: Crossplane, for the providers' managed resources",
                      "when a service's objects are Crossplane managed resources (a PlanetScale Workspace)",
                      platform -> Optional.of(platform.crossplane()),
                      PlatformRenderer::usesCrossplane,
                      SyncWave.OPERATOR),
                  new RootApplicationKind(),
                  new ApplicationSetKind(),
                  new ArgoCdConfigKind()),
              // A provider's platform objects (a Crossplane provider package and its config), after
              // the operators' Applications.
              DatabaseProviders.all().stream()
                  .flatMap(provider -> provider.platformKinds().stream()))
          .toList();

  private PlatformKinds() {}

  /** Every kind, in order. */
  public static List<PlatformKind> all() {
    return ALL;
  }

  /** The kinds {@code kit} generates, in order. */
  public static List<PlatformKind> of(Kit kit) {
    return ALL.stream().filter(kind -> kind.appliesTo(kit)).toList();
  }
}
