package dev.kit.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.kit.model.Kit;
import dev.kit.plan.FilePlan;
import dev.kit.status.testing.MockCluster;
import dev.kit.status.testing.Shop;
import dev.kit.status.testing.ShopCluster;
import dev.kit.testing.TestData;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kit:doctor} finds CloudNativePG's Deployment (Helm release {@code cloudnative-pg},
 * Application {@code cloudnative-pg-prod}) whichever resource tracking Argo CD uses: {@code
 * annotation} (3.0's default) leaves the chart's {@code app.kubernetes.io/instance} label alone;
 * {@code label} (the default before 3.0) and {@code annotation+label} set it to the Application's
 * name (argo-cd's user guide, resource tracking).
 */
class DoctorOperatorTrackingTest {

  private static final Kit KIT = new Shop().describe();
  private static final String INSTANCE = "app.kubernetes.io/instance";
  private static final String TRACKING_ID = "argocd.argoproj.io/tracking-id";
  private static FilePlan plan;
  private static MockCluster mock;
  private static Deployment asHelmMadeIt;

  @BeforeAll
  static void start() {
    plan = Shop.plan();
    mock = ShopCluster.start(TestData.resolve("crds"), Shop.repository(), "prod");
    asHelmMadeIt = operator().get();
  }

  @AfterAll
  static void stop() {
    mock.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"annotation", "label", "annotation+label"})
  void doctor_findsTheOperatorsDeployment_underEachResourceTracking(String tracking) {
    Map<String, String> labels = new HashMap<>(asHelmMadeIt.getMetadata().getLabels());
    Map<String, String> annotations = new HashMap<>();
    if (tracking.contains("annotation")) {
      annotations.put(
          TRACKING_ID, "cloudnative-pg-prod:apps/Deployment:cnpg-system/cloudnative-pg");
    }
    if (tracking.contains("label")) {
      labels.put(INSTANCE, "cloudnative-pg-prod");
    }
    replaceOperator(labels, annotations);

    assertThat(doctor().checks())
        .filteredOn(check -> check.text().contains("CloudNativePG"))
        .extracting(DoctorCheck::text, DoctorCheck::passed)
        .containsExactly(
            tuple(
                "Deployment cloudnative-pg (CloudNativePG, namespace cnpg-system) 1/1 ready",
                true));
  }

  @Test
  void doctor_namesBothLabelValues_whenNeitherFindsTheOperator() {
    Map<String, String> labels = new HashMap<>(asHelmMadeIt.getMetadata().getLabels());
    labels.put(INSTANCE, "someone-elses");
    replaceOperator(labels, Map.of());

    DoctorCheck check =
        doctor().checks().stream()
            .filter(c -> c.text().startsWith("no Deployment of CloudNativePG"))
            .findFirst()
            .orElseThrow();

    assertThat(check.passed()).isFalse();
    assertThat(check.text())
        .isEqualTo(
            "no Deployment of CloudNativePG in namespace cnpg-system (label"
                + " app.kubernetes.io/instance=cloudnative-pg, or cloudnative-pg-prod under Argo CD's"
                + " label tracking)");
  }

  private static DoctorReport doctor() {
    return ClusterStatus.of(mock.client())
        .clock(ShopCluster.clock())
        .repository(Shop.repository())
        .environment("prod")
        .doctor(KIT, plan);
  }

  private static RollableScalableResource<Deployment> operator() {
    return mock.client().apps().deployments().inNamespace("cnpg-system").withName("cloudnative-pg");
  }

  /** The operator's Deployment as Helm made it, with these labels and annotations, status kept. */
  private static void replaceOperator(Map<String, String> labels, Map<String, String> annotations) {
    Deployment deployment = mock.client().getKubernetesSerialization().clone(asHelmMadeIt);
    deployment.getMetadata().setLabels(labels);
    deployment.getMetadata().setAnnotations(annotations);
    deployment.getMetadata().setResourceVersion(null);
    deployment.getMetadata().setUid(null);
    deployment.getMetadata().setCreationTimestamp(null);
    deployment.getMetadata().setGeneration(null);
    operator().delete();
    mock.seed(mock.client().getKubernetesSerialization().asYaml(deployment));
  }
}
