package dev.kit.provider.planetscale;

import dev.kit.model.Kit;
import dev.kit.model.PlanetScale;
import dev.kit.render.PlatformContext;
import dev.kit.render.PlatformKind;
import dev.kit.render.SyncWave;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A platform object that PlanetScale's Workspaces need, with a platform: Crossplane's
 * provider-opentofu package, or the ClusterProviderConfig that gives every Workspace the
 * PlanetScale token and its state backend. Both wait for CRDs an earlier wave installs
 * (Crossplane's, the package's), so Argo CD skips their dry run. They live in {@link #FOLDER},
 * which {@link PlanetScaleProviderApplicationKind} syncs to the cluster Crossplane and the
 * Workspaces run on, not the root's.
 */
final class PlanetScalePlatformKind implements PlatformKind {

  /** The platform subfolder of both objects. */
  static final String FOLDER = "planetscale-provider";

  private final String file;
  private final String description;
  private final SyncWave wave;

  /**
   * Whether it is the ClusterProviderConfig, else the package: a flag, not a function per kind, as
   * each method reference costs a cold run ~0.5 ms and both were made in every run (PROFILE.md,
   * section 16.2).
   */
  private final boolean providerConfig;

  private PlanetScalePlatformKind(
      String file, String description, SyncWave wave, boolean providerConfig) {
    this.file = file;
    this.description = description;
    this.wave = wave;
    this.providerConfig = providerConfig;
  }

  /** provider-opentofu's package, after Crossplane's Application. */
  static PlanetScalePlatformKind provider() {
    return new PlanetScalePlatformKind(
        FOLDER + "/provider-opentofu.yaml",
        "Crossplane `Provider`: the provider-opentofu package",
        SyncWave.OPERATOR_PLUGIN,
        false);
  }

  /** The ClusterProviderConfig, after the package that serves its kind. */
  static PlanetScalePlatformKind providerConfig() {
    return new PlanetScalePlatformKind(
        FOLDER + "/planetscale-providerconfig.yaml",
        "provider-opentofu `ClusterProviderConfig`: the PlanetScale token (from Secret `"
            + CrossplaneObjects.TOKEN_SECRET
            + "`) and the OpenTofu state backend",
        SyncWave.PROVIDER_CONFIG,
        true);
  }

  @Override
  public String file() {
    return file;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public String when() {
    return WHEN;
  }

  /** When PlanetScale's platform files are generated, for the README. */
  static final String WHEN = "when a service's database is on PlanetScale, applied by a Workspace";

  @Override
  public boolean appliesTo(Kit kit) {
    return needed(kit);
  }

  /** Whether a platform's services have a PlanetScale database run by a Workspace. */
  static boolean needed(Kit kit) {
    return kit.platform().isPresent()
        && kit.services().stream()
            .anyMatch(
                service ->
                    service.database().host() instanceof PlanetScale ps
                        && ps.runner() == PlanetScale.Runner.WORKSPACE);
  }

  @Override
  public Optional<SyncWave> wave() {
    return Optional.of(wave);
  }

  @Override
  public Object render(PlatformContext context) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("app.kubernetes.io/part-of", context.kit().repository().name());
    labels.put("app.kubernetes.io/managed-by", "kit");
    labels.put("app.kubernetes.io/component", "platform");
    Map<String, String> annotations =
        Map.of(
            SyncWave.ANNOTATION,
            wave.annotationValue(),
            "argocd.argoproj.io/sync-options",
            CrossplaneObjects.SKIP_DRY_RUN);
    return providerConfig
        ? CrossplaneObjects.providerConfig(labels, annotations)
        : CrossplaneObjects.provider(labels, annotations);
  }
}
