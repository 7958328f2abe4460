package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.render.OperatorApplicationKind.Operator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Every file kit can write under {@code platform/}, in order. */
public final class PlatformKinds {

  /** The one list. */
  static final List<PlatformKind> ALL = list();

  private PlatformKinds() {}

  private static List<PlatformKind> list() {
    List<PlatformKind> kinds =
        new ArrayList<>(
            List.of(
                new AppProjectKind(),
                new OperatorApplicationKind(
                    Operator.CLOUDNATIVE_PG,
                    "`Application`: the CNPG operator's Helm chart",
                    "when a service's database is CloudNativePG",
                    SyncWave.OPERATOR),
                new OperatorApplicationKind(
                    Operator.CERT_MANAGER,
                    "`Application`: cert-manager, before the Barman Cloud plugin",
                    "when a service backs up or restores with the plugin, unless existingCertManager()",
                    SyncWave.CERT_MANAGER),
                new OperatorApplicationKind(
                    Operator.BARMAN_CLOUD,
                    "`Application`: the Barman Cloud plugin",
                    "when a service backs up or restores with the plugin",
                    SyncWave.OPERATOR_PLUGIN),
                new OperatorApplicationKind(
                    Operator.ATLAS,
                    "`Application`: the Atlas operator",
                    "when a service uses it",
                    SyncWave.OPERATOR),
                new OperatorApplicationKind(
                    Operator.CROSSPLANE,
                    "`Application`: Crossplane, for the providers' managed resources",
                    "when a service's objects are Crossplane managed resources (a PlanetScale Workspace)",
                    SyncWave.OPERATOR),
                new RootApplicationKind(),
                new ApplicationSetKind(),
                new ArgoCdConfigKind()));
    // A provider's platform objects (a Crossplane provider package and its config), after the
    // operators' Applications.
    for (DatabaseProvider provider : DatabaseProviders.all()) {
      kinds.addAll(provider.platformKinds());
    }
    return List.copyOf(kinds);
  }

  /** Every kind, in order. */
  public static List<PlatformKind> all() {
    return ALL;
  }

  /** The kinds {@code kit} generates, in order. */
  public static List<PlatformKind> of(Kit kit) {
    // A loop: a cold run asks once, and a lambda costs it ~0.5 ms (PROFILE.md, section 16.2).
    List<PlatformKind> kinds = new ArrayList<>();
    for (PlatformKind kind : ALL) {
      if (kind.appliesTo(kit)) {
        kinds.add(kind);
      }
    }
    return Collections.unmodifiableList(kinds);
  }
}
