package dev.kit.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Kit;
import dev.kit.plan.FilePlan;
import dev.kit.status.testing.MockCluster;
import dev.kit.status.testing.Shop;
import dev.kit.status.testing.ShopCluster;
import dev.kit.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kit:doctor} on the prod shop while platform objects are being deleted: each still reports
 * its last conditions (Synced/Healthy, Installed, its ready replicas), so the doctor fails it as
 * going away rather than passing it.
 */
class DoctorDeletionTest {

  private static final String DELETED_AT = "2025-03-02T08:07:00Z";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Kit KIT = new Shop().describe();
  private static MockCluster mock;
  private static DoctorReport report;

  @BeforeAll
  static void deleteSomeOfThePlatform() {
    mock = ShopCluster.start(TestData.resolve("crds"), Shop.repository(), "prod");
    FilePlan plan = Shop.plan();
    deleting(
        "/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/cloudnative-pg-prod",
        "resources-finalizer.argocd.argoproj.io");
    deleting("/apis/pkg.crossplane.io/v1/providers/provider-opentofu");
    deleting("/apis/opentofu.m.upbound.io/v1beta1/clusterproviderconfigs/planetscale");
    deletingInList(
        "/apis/apps/v1/namespaces/cert-manager/deployments"
            + "?labelSelector=app.kubernetes.io%2Finstance%3Dcert-manager",
        "cert-manager-webhook", "foregroundDeletion");
    report =
        ClusterStatus.of(mock.client())
            .clock(ShopCluster.clock())
            .repository(Shop.repository())
            .environment("prod")
            .doctor(KIT, plan);
  }

  @AfterAll
  static void stop() {
    mock.close();
  }

  @Test
  void application_failsAsBeingDeleted_thoughItStillSaysSyncedAndHealthy() {
    DoctorCheck check = check("Application cloudnative-pg-prod ");

    assertThat(check.passed()).isFalse();
    assertThat(check.text())
        .isEqualTo(
            "Application cloudnative-pg-prod (CloudNativePG) is being deleted since "
                + DELETED_AT
                + ", held by finalizer resources-finalizer.argocd.argoproj.io");
    assertThat(check.fix())
        .isEqualTo(
            "once it is gone, sync the root Application to create it again; if it stays, argocd"
                + " app get cloudnative-pg-prod says which resource holds it");
  }

  @Test
  void provider_failsAsBeingDeleted_thoughItIsInstalledAndHealthy() {
    DoctorCheck check = check("Provider provider-opentofu");

    assertThat(check.passed()).isFalse();
    assertThat(check.text())
        .isEqualTo("Provider provider-opentofu is being deleted since " + DELETED_AT);
    assertThat(check.services()).containsExactly("inventory");
    assertThat(check.fix())
        .isEqualTo(
            "once it is gone, sync the Application planetscale-provider-prod, or kubectl apply -f"
                + " platform/prod/planetscale-provider/provider-opentofu.yaml; if it stays, kubectl"
                + " describe provider.pkg.crossplane.io provider-opentofu shows what holds it");
  }

  @Test
  void providerConfig_failsAsBeingDeleted_withWhatToRunIfItStays() {
    DoctorCheck check = check("ClusterProviderConfig planetscale");

    assertThat(check.passed()).isFalse();
    assertThat(check.text())
        .isEqualTo("ClusterProviderConfig planetscale is being deleted since " + DELETED_AT);
    assertThat(check.fix())
        .isEqualTo(
            "once it is gone, sync the Application planetscale-provider-prod, or kubectl apply -f"
                + " platform/prod/planetscale-provider/planetscale-providerconfig.yaml; if it stays,"
                + " kubectl describe clusterproviderconfig.opentofu.m.upbound.io planetscale shows"
                + " what holds it");
  }

  @Test
  void operatorsDeployment_failsAsBeingDeleted_thoughItsReplicasAreReady() {
    DoctorCheck check = check("Deployment cert-manager-webhook ");

    assertThat(check.passed()).isFalse();
    assertThat(check.text())
        .isEqualTo(
            "Deployment cert-manager-webhook (cert-manager, namespace cert-manager) is being"
                + " deleted since "
                + DELETED_AT
                + ", held by finalizer foregroundDeletion");
    assertThat(check.fix())
        .isEqualTo("once it is gone, sync the Application cert-manager-prod to install it again");
  }

  @Test
  void theOtherChecks_areAsWhenNothingIsDeleted() {
    assertThat(check("Deployment cloudnative-pg ").passed()).isTrue();
    assertThat(check("Application atlas-operator-prod ").text()).endsWith("is Synced/Degraded");
  }

  private static DoctorCheck check(String prefix) {
    return report.checks().stream()
        .filter(check -> check.text().startsWith(prefix))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no check starts with " + prefix + ": " + report.text()));
  }

  private static void deleting(String path, String... finalizers) {
    ObjectNode object = (ObjectNode) JSON.readTree(mock.client().raw(path));
    markDeleted(object, finalizers);
    mock.answer(path, 200, JSON.writeValueAsString(object));
  }

  /**
   * As {@link #deleting}, for the item {@code name} of the list the doctor reads at {@code path}.
   */
  private static void deletingInList(String path, String name, String... finalizers) {
    ObjectNode list = (ObjectNode) JSON.readTree(mock.client().raw(path));
    list.path("items")
        .values()
        .forEach(
            item -> {
              if (item.path("metadata").path("name").asString("").equals(name)) {
                markDeleted((ObjectNode) item, finalizers);
              }
            });
    mock.answer(path, 200, JSON.writeValueAsString(list));
  }

  private static void markDeleted(ObjectNode object, String... finalizers) {
    ObjectNode metadata = (ObjectNode) object.path("metadata");
    metadata.put("deletionTimestamp", DELETED_AT);
    ArrayNode held = metadata.putArray("finalizers");
    List.of(finalizers).forEach(held::add);
  }
}
