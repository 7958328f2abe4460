package dev.kit.render;

import dev.kit.model.HelmChart;
import dev.kit.model.Kit;
import dev.kit.model.Platform;
import java.util.Optional;

/** The platform's Argo CD {@code Application} for an operator, from its Helm chart. */
final class OperatorApplicationKind implements PlatformKind {

  /**
   * The operators kit installs, each with its Application's name and file name. What tells their
   * chart and whether a description needs them is a switch below, not a function per operator: each
   * lambda costs a cold run ~0.5 ms, and these ten were made in every run (PROFILE.md, section
   * 16.2).
   */
  enum Operator {
    CLOUDNATIVE_PG("cloudnative-pg"),
    CERT_MANAGER("cert-manager"),
    BARMAN_CLOUD("plugin-barman-cloud"),
    ATLAS("atlas-operator"),
    CROSSPLANE("crossplane");

    /** The name of its Application, and of the Application's file. */
    private final String application;

    Operator(String application) {
      this.application = application;
    }
  }

  private final Operator operator;
  private final String description;
  private final String when;
  private final SyncWave wave;

  OperatorApplicationKind(Operator operator, String description, String when, SyncWave wave) {
    this.operator = operator;
    this.description = description;
    this.when = when;
    this.wave = wave;
  }

  /** Its chart in the platform, or empty when the cluster has it already. */
  private Optional<HelmChart> chart(Platform platform) {
    return switch (operator) {
      case CLOUDNATIVE_PG -> Optional.of(platform.cloudnativePg());
      case CERT_MANAGER -> platform.certManager();
      case BARMAN_CLOUD -> Optional.of(platform.barmanCloud());
      case ATLAS -> Optional.of(platform.atlasOperator());
      case CROSSPLANE -> Optional.of(platform.crossplane());
    };
  }

  /** Whether the description needs the operator. */
  private boolean needed(Kit kit) {
    return switch (operator) {
      case CLOUDNATIVE_PG -> PlatformRenderer.usesCloudNativePg(kit);
      case CERT_MANAGER, BARMAN_CLOUD -> PlatformRenderer.usesBarmanPlugin(kit);
      case ATLAS -> PlatformRenderer.usesAtlasOperator(kit);
      case CROSSPLANE -> PlatformRenderer.usesCrossplane(kit);
    };
  }

  @Override
  public String file() {
    return operator.application + ".yaml";
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public String when() {
    return when;
  }

  @Override
  public boolean appliesTo(Kit kit) {
    return kit.platform().isPresent() && chart(kit.platform().get()).isPresent() && needed(kit);
  }

  @Override
  public Optional<SyncWave> wave() {
    return Optional.of(wave);
  }

  @Override
  public Optional<ArgoCdObject> argoCdObject(Kit kit) {
    return Optional.of(ArgoCdObject.application(kit, operator.application));
  }

  @Override
  public Object render(PlatformContext context) {
    Platform platform = context.kit().platform().orElseThrow();
    return PlatformRenderer.chartApplication(
        context.kit(), platform, operator.application, chart(platform).orElseThrow(), wave);
  }
}
