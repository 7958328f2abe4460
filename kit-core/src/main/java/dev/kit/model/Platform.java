package dev.kit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The platform the services need, rendered to {@code platform/}: Argo CD Applications that install the
 * CloudNativePG operator (always), the Barman Cloud plugin and, before it, cert-manager (when a service backs up
 * through the plugin) and the Atlas operator (when a service uses the operator engine) from their Helm charts, at
 * waves before every service, and an {@code AppProject} that limits service Applications to their namespaces and kinds.
 *
 * <pre>{@code
 * Kit.builder()
 *     .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git")
 *         .argoCd(ArgoCd.builder().project("shop").delivery(ArgoCd.Delivery.APP_OF_APPS).build()))
 *     .platform(Platform.builder().existingCertManager().allowKind("networking.k8s.io", "Ingress").build())
 *     ...
 * }</pre>
 *
 * @param cloudnativePg the CloudNativePG operator chart
 * @param barmanCloud the Barman Cloud plugin chart
 * @param certManager the cert-manager chart, installed before the Barman Cloud plugin (which needs it), or empty
 *     when the cluster already runs cert-manager
 * @param atlasOperator the Atlas operator chart
 * @param project the Argo CD project of the platform Applications themselves (they install cluster-wide objects)
 * @param extraKinds namespaced kinds service Applications may deploy beyond what kit generates, as {@code group/Kind}
 * @param crossplane the Crossplane chart, installed when a service's objects are Crossplane managed resources (a
 *     PlanetScale database's Workspace)
 */
public record Platform(
    HelmChart cloudnativePg,
    HelmChart barmanCloud,
    Optional<HelmChart> certManager,
    HelmChart atlasOperator,
    String project,
    List<String> extraKinds,
    HelmChart crossplane) {

  /** CloudNativePG 1.30 (chart versions trail the operator's by one minor). */
  public static final HelmChart CLOUDNATIVE_PG =
      HelmChart.of("https://cloudnative-pg.github.io/charts", "cloudnative-pg", "0.29.0", "cnpg-system");
  /** Barman Cloud plugin v0.13.0, whose ObjectStore CRD is v0.14.0's (chart 0.6.0's v0.12.0 rejects lz4 data compression). */
  public static final HelmChart BARMAN_CLOUD =
      HelmChart.of("https://cloudnative-pg.github.io/charts", "plugin-barman-cloud", "0.7.0", "cnpg-system");
  /** cert-manager v1.21.1, with its CRDs (the chart installs them only when asked). */
  public static final HelmChart CERT_MANAGER =
      HelmChart.of("https://charts.jetstack.io", "cert-manager", "v1.21.1", "cert-manager").withValue("crds", Map.of("enabled", true));
  /** Atlas operator v0.7.37 (its chart is versioned like the operator). */
  public static final HelmChart ATLAS_OPERATOR =
      HelmChart.of("ghcr.io/ariga/charts", "atlas-operator", "0.7.37", "atlas-operator");

  /** Crossplane v2.3.4, whose package CRDs kit's Provider is validated against. */
  public static final HelmChart CROSSPLANE =
      HelmChart.of("https://charts.crossplane.io/stable", "crossplane", "2.3.4", "crossplane-system");

  public Platform {
    Objects.requireNonNull(cloudnativePg, "cloudnativePg");
    Objects.requireNonNull(barmanCloud, "barmanCloud");
    Objects.requireNonNull(certManager, "certManager");
    Objects.requireNonNull(atlasOperator, "atlasOperator");
    Objects.requireNonNull(project, "project");
    extraKinds = List.copyOf(extraKinds);
    Objects.requireNonNull(crossplane, "crossplane");
  }

  public static Platform defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
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
      this.cloudnativePg = Objects.requireNonNull(chart, "cloudnativePg");
      return this;
    }

    public Builder barmanCloud(HelmChart chart) {
      this.barmanCloud = Objects.requireNonNull(chart, "barmanCloud");
      return this;
    }

    public Builder certManager(HelmChart chart) {
      this.certManager = Optional.of(Objects.requireNonNull(chart, "certManager"));
      return this;
    }

    /** The cluster already runs cert-manager: kit installs none. */
    public Builder existingCertManager() {
      this.certManager = Optional.empty();
      return this;
    }

    public Builder atlasOperator(HelmChart chart) {
      this.atlasOperator = Objects.requireNonNull(chart, "atlasOperator");
      return this;
    }

    public Builder project(String project) {
      this.project = Objects.requireNonNull(project, "project");
      return this;
    }

    /** Lets service Applications deploy this namespaced kind too (group "" for core kinds). */
    public Builder allowKind(String group, String kind) {
      extraKinds.add(Objects.requireNonNull(group, "group") + "/" + Objects.requireNonNull(kind, "kind"));
      return this;
    }

    public Builder crossplane(HelmChart chart) {
      this.crossplane = Objects.requireNonNull(chart, "crossplane");
      return this;
    }

    public Platform build() {
      return new Platform(cloudnativePg, barmanCloud, certManager, atlasOperator, project, extraKinds, crossplane);
    }
  }
}
