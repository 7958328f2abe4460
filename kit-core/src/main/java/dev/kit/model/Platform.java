package dev.kit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The platform the services need, rendered to {@code platform/}: Argo CD Applications that install
 * the CloudNativePG operator (always), the Barman Cloud plugin and, before it, cert-manager (when a
 * service backs up through the plugin) and the Atlas operator (when a service uses the operator
 * engine) from their Helm charts, at waves before every service, and an {@code AppProject} that
 * limits service Applications to their namespaces and kinds.
 *
 * <pre>{@code
 * Kit.builder()
 *     .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git")
 *         .argoCd(ArgoCd.builder().project("shop").delivery(ArgoCd.Delivery.APP_OF_APPS).build()))
 *     .platform(Platform.builder().existingCertManager().allowKind("networking.k8s.io", "Ingress").build())
 *     ...
 * }</pre>
 */
public final class Platform {

  /** CloudNativePG 1.30 (chart versions trail the operator's by one minor). */
  public static final HelmChart CLOUDNATIVE_PG =
      HelmChart.of(
          "https://cloudnative-pg.github.io/charts", "cloudnative-pg", "0.29.0", "cnpg-system");

  /**
   * Barman Cloud plugin v0.13.0, whose ObjectStore CRD is v0.14.0's (chart 0.6.0's v0.12.0 rejects
   * lz4 data compression).
   */
  public static final HelmChart BARMAN_CLOUD =
      HelmChart.of(
          "https://cloudnative-pg.github.io/charts", "plugin-barman-cloud", "0.7.0", "cnpg-system");

  /** cert-manager v1.21.1, with its CRDs (the chart installs them only when asked). */
  public static final HelmChart CERT_MANAGER =
      HelmChart.of("https://charts.jetstack.io", "cert-manager", "v1.21.1", "cert-manager")
          .withValue("crds", Map.of("enabled", true));

  /** Atlas operator v0.7.37 (its chart is versioned like the operator). */
  public static final HelmChart ATLAS_OPERATOR =
      HelmChart.of("ghcr.io/ariga/charts", "atlas-operator", "0.7.37", "atlas-operator");

  /** Crossplane v2.3.4, whose package CRDs kit's Provider is validated against. */
  public static final HelmChart CROSSPLANE =
      HelmChart.of(
          "https://charts.crossplane.io/stable", "crossplane", "2.3.4", "crossplane-system");

  private final HelmChart cloudnativePg;
  private final HelmChart barmanCloud;
  private final Optional<HelmChart> certManager;
  private final HelmChart atlasOperator;
  private final String project;
  private final List<String> extraKinds;
  private final HelmChart crossplane;

  private Platform(
      HelmChart cloudnativePg,
      HelmChart barmanCloud,
      Optional<HelmChart> certManager,
      HelmChart atlasOperator,
      String project,
      List<String> extraKinds,
      HelmChart crossplane) {
    this.cloudnativePg = cloudnativePg;
    this.barmanCloud = barmanCloud;
    this.certManager = certManager;
    this.atlasOperator = atlasOperator;
    this.project = project;
    this.extraKinds = List.copyOf(extraKinds);
    this.crossplane = crossplane;
  }

  public static Platform defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    Builder builder =
        builder()
            .cloudnativePg(cloudnativePg)
            .barmanCloud(barmanCloud)
            .atlasOperator(atlasOperator)
            .project(project)
            .crossplane(crossplane);
    builder.certManager = certManager;
    builder.extraKinds.addAll(extraKinds);
    return builder;
  }

  /** The CloudNativePG operator chart. */
  public HelmChart cloudnativePg() {
    return cloudnativePg;
  }

  /** The Barman Cloud plugin chart. */
  public HelmChart barmanCloud() {
    return barmanCloud;
  }

  /**
   * The cert-manager chart, installed before the Barman Cloud plugin (which needs it), or empty
   * when the cluster already runs cert-manager.
   */
  public Optional<HelmChart> certManager() {
    return certManager;
  }

  /** The Atlas operator chart. */
  public HelmChart atlasOperator() {
    return atlasOperator;
  }

  /**
   * The Argo CD project of the platform Applications themselves (they install cluster-wide
   * objects).
   */
  public String project() {
    return project;
  }

  /**
   * Namespaced kinds service Applications may deploy beyond what kit generates, as {@code
   * group/Kind}.
   */
  public List<String> extraKinds() {
    return extraKinds;
  }

  /**
   * The Crossplane chart, installed when a service's objects are Crossplane managed resources (a
   * PlanetScale database's Workspace).
   */
  public HelmChart crossplane() {
    return crossplane;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Platform that
        && cloudnativePg.equals(that.cloudnativePg)
        && barmanCloud.equals(that.barmanCloud)
        && certManager.equals(that.certManager)
        && atlasOperator.equals(that.atlasOperator)
        && project.equals(that.project)
        && extraKinds.equals(that.extraKinds)
        && crossplane.equals(that.crossplane);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        cloudnativePg, barmanCloud, certManager, atlasOperator, project, extraKinds, crossplane);
  }

  @Override
  public String toString() {
    return "Platform[cloudnativePg="
        + cloudnativePg
        + ", barmanCloud="
        + barmanCloud
        + ", certManager="
        + certManager
        + ", atlasOperator="
        + atlasOperator
        + ", project="
        + project
        + ", extraKinds="
        + extraKinds
        + ", crossplane="
        + crossplane
        + "]";
  }

  /** Builds a {@link Platform}; every chart has a pinned default. */
  public static final class Builder {
    private HelmChart cloudnativePg = CLOUDNATIVE_PG;
    private HelmChart barmanCloud = BARMAN_CLOUD;
    private Optional<HelmChart> certManager = Optional.of(CERT_MANAGER);
    private HelmChart atlasOperator = ATLAS_OPERATOR;
    private String project = "default";
    private final List<String> extraKinds = new ArrayList<>();
    private HelmChart crossplane = CROSSPLANE;

    private Builder() {}

    public Builder cloudnativePg(HelmChart chart) {
      this.cloudnativePg =
          Objects.requireNonNull(
              chart,
              "Platform.Builder.cloudnativePg(chart): chart is null; "
                  + "pass HelmChart.of(...), or leave it for Platform.CLOUDNATIVE_PG");
      return this;
    }

    public Builder barmanCloud(HelmChart chart) {
      this.barmanCloud =
          Objects.requireNonNull(
              chart,
              "Platform.Builder.barmanCloud(chart): chart is null; "
                  + "pass HelmChart.of(...), or leave it for Platform.BARMAN_CLOUD");
      return this;
    }

    public Builder certManager(HelmChart chart) {
      this.certManager =
          Optional.of(
              Objects.requireNonNull(
                  chart,
                  "Platform.Builder.certManager(chart): chart is null; "
                      + "pass HelmChart.of(...), or call existingCertManager() when the cluster runs one"));
      return this;
    }

    /** The cluster already runs cert-manager: kit installs none. */
    public Builder existingCertManager() {
      this.certManager = Optional.empty();
      return this;
    }

    public Builder atlasOperator(HelmChart chart) {
      this.atlasOperator =
          Objects.requireNonNull(
              chart,
              "Platform.Builder.atlasOperator(chart): chart is null; "
                  + "pass HelmChart.of(...), or leave it for Platform.ATLAS_OPERATOR");
      return this;
    }

    public Builder project(String project) {
      this.project =
          Objects.requireNonNull(
              project,
              "Platform.Builder.project(project): project is null; "
                  + "pass the Argo CD project of the platform Applications, or leave it for default");
      return this;
    }

    /** Lets service Applications deploy this namespaced kind too (group "" for core kinds). */
    public Builder allowKind(String group, String kind) {
      extraKinds.add(
          Objects.requireNonNull(
                  group,
                  "Platform.Builder.allowKind(group, kind): group is null; "
                      + "pass the API group such as networking.k8s.io, or \"\" for core kinds")
              + "/"
              + Objects.requireNonNull(
                  kind,
                  "Platform.Builder.allowKind(group, kind): kind is null; pass the kind, such as Ingress"));
      return this;
    }

    /** The Crossplane chart that runs a PlanetScale database's Workspace. */
    public Builder crossplane(HelmChart chart) {
      this.crossplane =
          Objects.requireNonNull(
              chart,
              "Platform.Builder.crossplane(chart): chart is null; "
                  + "pass HelmChart.of(...), or leave it for Platform.CROSSPLANE");
      return this;
    }

    public Platform build() {
      return new Platform(
          cloudnativePg, barmanCloud, certManager, atlasOperator, project, extraKinds, crossplane);
    }
  }
}
