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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The prod shop with objects being deleted: Argo CD calls each Progressing, "Pending deletion",
 * before its kind's check, unless Argo CD's hook finalizer holds it (gitops-engine {@code
 * pkg/health/health.go}); the Application itself goes through the same rule.
 */
class PendingDeletionTest {

  /** Three minutes before {@link ShopCluster#NOW}. */
  private static final String DELETED_AT = "2025-03-02T08:07:00Z";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Kit KIT = new Shop().describe();
  private static MockCluster mock;
  private static FilePlan plan;
  private static StatusReport report;

  @BeforeAll
  static void deleteSomeOfTheShop() {
    mock = ShopCluster.start(TestData.resolve("crds"), Shop.repository(), "prod");
    plan = Shop.plan();
    deleting(
        "/apis/postgresql.cnpg.io/v1/namespaces/orders/clusters/orders-cluster",
        "foregroundDeletion",
        "acme.example/final-backup");
    deleting("/apis/apps/v1/namespaces/orders/deployments/orders", "foregroundDeletion");
    deleting("/apis/apps/v1/namespaces/inventory/deployments/inventory");
    deleting(
        "/apis/batch/v1/namespaces/payments/jobs/payments-migrate", PendingDeletion.HOOK_FINALIZER);
    deleting("/apis/batch/v1/namespaces/orders/jobs/orders-migrate", "foregroundDeletion");
    deleting(
        "/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/catalog-prod",
        "resources-finalizer.argocd.argoproj.io");
    report =
        ClusterStatus.of(mock.client())
            .clock(ShopCluster.clock())
            .repository(Shop.repository())
            .environment("prod")
            .status(KIT, plan);
  }

  @AfterAll
  static void stop() {
    mock.close();
  }

  @Test
  void cluster_isPendingDeletionNamingItsFinalizers_whenItHasADeletionTimestamp() {
    Finding finding = finding("orders", "Cluster orders-cluster");

    assertThat(finding.health()).isEqualTo(Health.PROGRESSING);
    assertThat(finding.column()).isEqualTo(Column.DATABASE);
    assertThat(finding.text()).isEqualTo("pending deletion");
    assertThat(finding.fix())
        .isEqualTo(
            "being deleted since 08:07 (3m ago), held by finalizers foregroundDeletion,"
                + " acme.example/final-backup; the controller that owns each removes it when its"
                + " cleanup is done: if it stays, check that controller");
  }

  @Test
  void deployment_isPendingDeletionNamingItsFinalizer_notItsReadyReplicas() {
    Finding finding = finding("orders", "Deployment orders");

    assertThat(finding.health()).isEqualTo(Health.PROGRESSING);
    assertThat(finding.column()).isEqualTo(Column.APP);
    assertThat(finding.text()).isEqualTo("pending deletion");
    assertThat(finding.fix())
        .startsWith("being deleted since 08:07 (3m ago), held by finalizer foregroundDeletion;");
    assertThat(service("orders").cell(Column.APP)).isEqualTo("pending deletion");
  }

  @Test
  void deployment_isStillPendingDeletion_withoutAFinalizerList_whenNoFinalizerHoldsIt() {
    Finding finding = finding("inventory", "Deployment inventory");

    assertThat(finding.health()).isEqualTo(Health.PROGRESSING);
    assertThat(finding.text()).isEqualTo("pending deletion");
    assertThat(finding.fix())
        .isEqualTo(
            "being deleted since 08:07 (3m ago); no finalizer holds it, so the API server removes"
                + " it once its grace period ends");
    assertThat(finding.facts()).containsOnlyKeys("deletionTimestamp");
  }

  /**
   * A hook Argo CD still holds is read by its kind's reader, so a failed migration stays Degraded;
   * the other Job, held by another finalizer, is pending deletion.
   */
  @Test
  void job_isReadByItsReader_whileArgoCdsHookFinalizerHoldsIt() {
    Finding held = finding("payments", "Job payments-migrate");
    Finding other = finding("orders", "Job orders-migrate");

    assertThat(held.health()).isEqualTo(Health.DEGRADED);
    assertThat(held.text()).startsWith("failed: services/payments/migrations/");
    assertThat(other.health()).isEqualTo(Health.PROGRESSING);
    assertThat(other.text()).isEqualTo("pending deletion");
  }

  @Test
  void application_isPendingDeletion_sayingItIsACascadeDelete() {
    Finding finding = finding("catalog", "Application catalog-prod");

    assertThat(finding.health()).isEqualTo(Health.PROGRESSING);
    assertThat(finding.column()).isEqualTo(Column.ARGO);
    assertThat(finding.text()).isEqualTo("pending deletion");
    assertThat(finding.fix())
        .isEqualTo(
            "the Application is being deleted since 08:07 (3m ago), held by finalizer"
                + " resources-finalizer.argocd.argoproj.io: a cascade delete, Argo CD deletes the"
                + " Application's resources first, then removes its finalizer; if it stays, a"
                + " resource that does not go holds it (argocd app get catalog-prod and the"
                + " service's other findings say which)");
  }

  @Test
  void json_carriesTheDeletionTimestampAndTheFinalizers_inReadingOrder() {
    JsonNode objects = null;
    for (JsonNode service : JSON.readTree(report.json()).path("services")) {
      if (service.path("service").asString().equals("orders")) {
        objects = service.path("objects");
      }
    }
    JsonNode cluster = null;
    for (JsonNode object : objects.values()) {
      if (object.path("object").asString().equals("Cluster orders-cluster")) {
        cluster = object;
      }
    }

    assertThat(cluster.path("health").asString()).isEqualTo("Progressing");
    assertThat(cluster.path("facts").toString())
        .isEqualTo(
            "{\"deletionTimestamp\":\"2025-03-02T08:07:00Z\","
                + "\"finalizers\":[\"foregroundDeletion\",\"acme.example/final-backup\"]}");
  }

  private static ServiceStatus service(String name) {
    return report.services().stream()
        .filter(s -> s.service().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static Finding finding(String service, String object) {
    return service(service).findings().stream()
        .filter(f -> f.object().equals(object))
        .findFirst()
        .orElseThrow();
  }

  /**
   * Serves the object at {@code path} as the API server does once it is deleted and {@code
   * finalizers} hold it (the mock server, like an API server, takes no deletionTimestamp in an
   * update).
   */
  private static void deleting(String path, String... finalizers) {
    ObjectNode object = (ObjectNode) JSON.readTree(mock.client().raw(path));
    ObjectNode metadata = (ObjectNode) object.path("metadata");
    metadata.put("deletionTimestamp", DELETED_AT);
    ArrayNode held = metadata.putArray("finalizers");
    List.of(finalizers).forEach(held::add);
    mock.answer(path, 200, JSON.writeValueAsString(object));
  }
}
