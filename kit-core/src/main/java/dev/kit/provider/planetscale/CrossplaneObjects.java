package dev.kit.provider.planetscale;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The Kubernetes objects that run a PlanetScale module from Argo CD: the service's
 * provider-opentofu {@code Workspace}, and the platform's Crossplane {@code Provider} package and
 * {@code ClusterProviderConfig}. Fields follow the CRDs vendored in {@code test-data/crds/}
 * (provider-opentofu v1.0.2, Crossplane v2).
 */
public final class CrossplaneObjects {

  /** provider-opentofu's namespaced (Crossplane v2) API. */
  public static final String OPENTOFU_API = "opentofu.m.upbound.io/v1beta1";

  /** Crossplane's package API. */
  public static final String PKG_API = "pkg.crossplane.io/v1";

  /** The provider-opentofu package pinned: the release whose CRDs the tests validate against. */
  public static final String PROVIDER_PACKAGE = "xpkg.upbound.io/upbound/provider-opentofu:v1.0.2";

  /**
   * Crossplane's namespace, where the provider runs and where the Workspaces' OpenTofu state is
   * kept.
   */
  public static final String CROSSPLANE_NAMESPACE = "crossplane-system";

  /** The ClusterProviderConfig every PlanetScale Workspace uses, and the Provider's name. */
  public static final String CONFIG_NAME = "planetscale";

  /** The Secret the platform team creates in {@link #CROSSPLANE_NAMESPACE}; kit never writes it. */
  public static final String TOKEN_SECRET = "planetscale-service-token";

  /** Its keys: the service token's id and the token. */
  public static final String TOKEN_ID_KEY = "id";

  public static final String TOKEN_KEY = "token";

  /**
   * What {@code Prune=false,Delete=false} asks of Argo CD: never delete the Workspace (its destroy
   * would drop the branch).
   */
  public static final String KEEP = "Prune=false,Delete=false";

  /**
   * Crossplane's annotation naming the external resource: for a Workspace, its OpenTofu workspace.
   */
  public static final String EXTERNAL_NAME = "crossplane.io/external-name";

  /** The platform objects wait for CRDs that an earlier wave installs. */
  public static final String SKIP_DRY_RUN = "SkipDryRunOnMissingResource=true";

  private static final String TOKEN_ID_FILE = "planetscale-service-token-id";
  private static final String TOKEN_FILE = "planetscale-service-token";

  private CrossplaneObjects() {}

  /**
   * Metadata as kit writes it: name, namespace (null for cluster-scoped), labels and annotations,
   * sorted.
   */
  public record Metadata(
      String name,
      @Nullable String namespace,
      @Nullable Map<String, String> labels,
      @Nullable Map<String, String> annotations) {
    public Metadata {
      labels = labels == null || labels.isEmpty() ? null : new TreeMap<>(labels);
      annotations =
          annotations == null || annotations.isEmpty() ? null : new TreeMap<>(annotations);
    }
  }

  /** {@code opentofu.m.upbound.io/v1beta1} Workspace. */
  public record Workspace(String apiVersion, String kind, Metadata metadata, WorkspaceSpec spec) {}

  public record WorkspaceSpec(
      Reference providerConfigRef, SecretRef writeConnectionSecretToRef, ForProvider forProvider) {}

  public record Reference(String kind, String name) {}

  public record SecretRef(String name) {}

  /** {@code source: Inline} with the module's exact text. */
  public record ForProvider(String source, String module) {}

  /** {@code pkg.crossplane.io/v1} Provider. */
  public record Provider(String apiVersion, String kind, Metadata metadata, ProviderSpec spec) {}

  public record ProviderSpec(@JsonProperty("package") String packageReference) {}

  /** {@code opentofu.m.upbound.io/v1beta1} ClusterProviderConfig. */
  public record ProviderConfig(
      String apiVersion, String kind, Metadata metadata, ProviderConfigSpec spec) {}

  public record ProviderConfigSpec(List<Credential> credentials, String configuration) {}

  public record Credential(String filename, String source, SecretKeySelector secretRef) {}

  public record SecretKeySelector(String namespace, String name, String key) {}

  /**
   * The service's Workspace: the module inline, the platform's ClusterProviderConfig, and its
   * outputs (sensitive ones too: provider-opentofu {@code op2cd} copies every output) into {@link
   * PlanetScaleModule#secretName}; its external name is {@link PlanetScaleModule#stateName}, so its
   * state is its own on a cluster that other environments share.
   *
   * @param annotations the Argo CD annotations (sync wave, sync options) the caller adds
   */
  public static Workspace workspace(
      String service,
      String namespace,
      Map<String, String> labels,
      Map<String, String> annotations,
      String module) {
    Map<String, String> named = new TreeMap<>(annotations);
    named.put(EXTERNAL_NAME, PlanetScaleModule.stateName(namespace, service));
    return new Workspace(
        OPENTOFU_API,
        "Workspace",
        new Metadata(PlanetScaleModule.workspaceName(service), namespace, labels, named),
        new WorkspaceSpec(
            new Reference("ClusterProviderConfig", CONFIG_NAME),
            new SecretRef(PlanetScaleModule.secretName(service)),
            new ForProvider("Inline", module)));
  }

  /** The provider-opentofu package. */
  public static Provider provider(Map<String, String> labels, Map<String, String> annotations) {
    return new Provider(
        PKG_API,
        "Provider",
        new Metadata("provider-opentofu", null, labels, annotations),
        new ProviderSpec(PROVIDER_PACKAGE));
  }

  /**
   * The ClusterProviderConfig: the service token from {@link #TOKEN_SECRET} as two files in the
   * working directory (provider-opentofu writes each {@code credentials[]} entry to its {@code
   * filename}), the planetscale provider block reading them, and the {@code kubernetes} state
   * backend the provider needs (it keeps no state itself). One for every namespace, so the state
   * Secrets are named by each Workspace's external name, {@link PlanetScaleModule#stateName}.
   */
  public static ProviderConfig providerConfig(
      Map<String, String> labels, Map<String, String> annotations) {
    String configuration =
        """
        provider "planetscale" {
          service_token_id = trimspace(file("%s"))
          service_token    = trimspace(file("%s"))
        }

        # In-cluster: the provider's service account writes each service's app connection Secret.
        provider "kubernetes" {}

        # Modules must use remote state: provider-opentofu keeps none.
        terraform {
          backend "kubernetes" {
            secret_suffix     = "%s"
            namespace         = "%s"
            in_cluster_config = true
          }
        }
        """
            .formatted(TOKEN_ID_FILE, TOKEN_FILE, CONFIG_NAME, CROSSPLANE_NAMESPACE);
    return new ProviderConfig(
        OPENTOFU_API,
        "ClusterProviderConfig",
        new Metadata(CONFIG_NAME, null, labels, annotations),
        new ProviderConfigSpec(
            List.of(
                new Credential(
                    TOKEN_ID_FILE,
                    "Secret",
                    new SecretKeySelector(CROSSPLANE_NAMESPACE, TOKEN_SECRET, TOKEN_ID_KEY)),
                new Credential(
                    TOKEN_FILE,
                    "Secret",
                    new SecretKeySelector(CROSSPLANE_NAMESPACE, TOKEN_SECRET, TOKEN_KEY))),
            configuration));
  }
}
