package dev.kit.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Kit;
import dev.kit.plan.FilePlan;
import dev.kit.status.testing.MockCluster;
import dev.kit.status.testing.Shop;
import dev.kit.status.testing.ShopCluster;
import dev.kit.testing.TestData;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kit:doctor}'s check of the Crossplane Provider the shop's PlanetScale service needs, in
 * the states Crossplane leaves it in besides healthy (which {@code ShopStatusTest} shows) and
 * unhealthy ({@code BrokenShopTest}): exact lines.
 */
class DoctorProvidersTest {

  private static final Kit KIT = new Shop().describe();
  private static final FilePlan PLAN = Shop.plan();
  private MockCluster mock;

  @BeforeEach
  void seed() {
    mock = ShopCluster.start(TestData.resolve("crds"), Shop.repository(), "prod");
    mock.client()
        .genericKubernetesResources("pkg.crossplane.io/v1", "Provider")
        .withName("provider-opentofu")
        .delete();
  }

  @AfterEach
  void stop() {
    mock.close();
  }

  private DoctorCheck providerCheck() {
    DoctorReport report =
        ClusterStatus.of(mock.client())
            .clock(ShopCluster.clock())
            .repository(Shop.repository())
            .environment("prod")
            .doctor(KIT, PLAN);
    return report.checks().stream()
        .filter(check -> check.text().startsWith("Provider "))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void doctor_failsWithTheFileToApply_whenTheProviderIsMissing() {
    DoctorCheck check = providerCheck();

    assertThat(check.passed()).isFalse();
    assertThat(check.text()).isEqualTo("Provider provider-opentofu missing");
    assertThat(check.services()).containsExactly("inventory");
    assertThat(check.fix())
        .isEqualTo(
            "sync the Application planetscale-provider-prod, or kubectl apply -f "
                + "platform/prod/planetscale-provider/provider-opentofu.yaml");
  }

  @Test
  void doctor_saysItIsNotInstalledYet_whenCrossplaneHasNotSetItsConditions() {
    mock.seed(
        """
        apiVersion: pkg.crossplane.io/v1
        kind: Provider
        metadata:
          name: provider-opentofu
        spec:
          package: xpkg.upbound.io/upbound/provider-opentofu:v1.0.2
        """);

    DoctorCheck check = providerCheck();

    assertThat(check.passed()).isFalse();
    assertThat(check.text())
        .isEqualTo("Provider provider-opentofu is not installed (no condition yet)");
    assertThat(check.fix())
        .isEqualTo(
            "kubectl describe provider.pkg.crossplane.io provider-opentofu shows why in its events"
                + " (a package that cannot be pulled, a dependency)");
  }

  @Test
  void doctor_namesTheRunningPackage_whenANewOneDidNotInstallAndTheOldOneStaysHealthy() {
    // crossplane/crossplane#4196: a package that cannot be pulled leaves the old revision active,
    // Installed and Healthy.
    mock.seed(
        """
        apiVersion: pkg.crossplane.io/v1
        kind: Provider
        metadata:
          name: provider-opentofu
        spec:
          package: xpkg.upbound.io/upbound/provider-opentofu:v1.0.2
        status:
          conditions:
          - lastTransitionTime: "2025-03-01T16:26:10Z"
            reason: HealthyPackageRevision
            status: "True"
            type: Healthy
          - lastTransitionTime: "2025-03-01T16:25:55Z"
            reason: ActivePackageRevision
            status: "True"
            type: Installed
          currentIdentifier: xpkg.upbound.io/upbound/provider-opentofu:v1.0.1
          currentRevision: provider-opentofu-77c0e1d2b5a8
        """);

    DoctorCheck check = providerCheck();

    assertThat(check.passed()).isFalse();
    assertThat(check.text())
        .isEqualTo(
            "Provider provider-opentofu runs xpkg.upbound.io/upbound/provider-opentofu:v1.0.1, not"
                + " xpkg.upbound.io/upbound/provider-opentofu:v1.0.2");
    assertThat(check.services()).containsExactly("inventory");
  }

  private DoctorCheck check(String startsWith) {
    mock.seed(
        """
        apiVersion: pkg.crossplane.io/v1
        kind: Provider
        metadata:
          name: provider-opentofu
        spec:
          package: xpkg.upbound.io/upbound/provider-opentofu:v1.0.2
        """);
    return ClusterStatus.of(mock.client())
        .clock(ShopCluster.clock())
        .repository(Shop.repository())
        .environment("prod")
        .doctor(KIT, PLAN)
        .checks()
        .stream()
        .filter(check -> check.text().startsWith(startsWith))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void doctor_namesTheApplicationToSync_whenTheClusterProviderConfigIsMissing() {
    mock.client()
        .genericKubernetesResources("opentofu.m.upbound.io/v1beta1", "ClusterProviderConfig")
        .withName("planetscale")
        .delete();

    DoctorCheck check = check("ClusterProviderConfig ");

    assertThat(check.passed()).isFalse();
    assertThat(check.text()).isEqualTo("ClusterProviderConfig planetscale missing");
    assertThat(check.services()).containsExactly("inventory");
    assertThat(check.fix())
        .isEqualTo(
            "sync the Application planetscale-provider-prod, or kubectl apply -f "
                + "platform/prod/planetscale-provider/planetscale-providerconfig.yaml");
  }

  @Test
  void doctor_leavesTheClusterProviderConfigToTheCrdCheck_whenTheClusterDoesNotServeItsKind() {
    mock.deleteCrd("clusterproviderconfigs.opentofu.m.upbound.io");

    DoctorReport report =
        ClusterStatus.of(mock.client())
            .clock(ShopCluster.clock())
            .repository(Shop.repository())
            .environment("prod")
            .doctor(KIT, PLAN);

    assertThat(report.checks())
        .filteredOn(check -> !check.passed() && check.text().startsWith("CRD "))
        .extracting(DoctorCheck::text)
        .containsExactly(
            "CRD clusterproviderconfigs.opentofu.m.upbound.io missing (the Workspace runs with the"
                + " ClusterProviderConfig planetscale (platform/))");
    assertThat(report.checks())
        .extracting(DoctorCheck::text)
        .noneMatch(text -> text.startsWith("ClusterProviderConfig "));
  }

  @Test
  void doctor_failsWithTheApplicationToSync_whenTheProviderFoldersApplicationIsMissing() {
    mock.client()
        .genericKubernetesResources("argoproj.io/v1alpha1", "Application")
        .inNamespace("argocd")
        .withName("planetscale-provider-prod")
        .delete();

    DoctorCheck check = check("Application planetscale-provider-prod");

    assertThat(check.passed()).isFalse();
    assertThat(check.text())
        .isEqualTo(
            "Application planetscale-provider-prod (platform/prod/planetscale-provider) missing");
    assertThat(check.services()).containsExactly("inventory");
    assertThat(check.fix())
        .isEqualTo(
            "sync the root Application, or kubectl apply -f"
                + " platform/prod/planetscale-provider.yaml; then argocd app sync"
                + " planetscale-provider-prod");
  }

  @Test
  void doctor_saysToSyncTheProviderFoldersApplication_whenItIsOutOfSync() {
    GenericKubernetesResource application =
        mock.client()
            .genericKubernetesResources("argoproj.io/v1alpha1", "Application")
            .inNamespace("argocd")
            .withName("planetscale-provider-prod")
            .get();
    @SuppressWarnings("unchecked")
    Map<String, Object> sync =
        (Map<String, Object>)
            ((Map<String, Object>) application.getAdditionalProperties().get("status")).get("sync");
    sync.put("status", "OutOfSync");
    mock.client().resource(application).update();

    DoctorCheck check = check("Application planetscale-provider-prod");

    assertThat(check.passed()).isFalse();
    assertThat(check.text())
        .isEqualTo(
            "Application planetscale-provider-prod (platform/prod/planetscale-provider) is"
                + " OutOfSync/Healthy");
    assertThat(check.fix())
        .isEqualTo(
            "argocd app get planetscale-provider-prod says which resource and why; then argocd"
                + " app sync planetscale-provider-prod");
  }
}
