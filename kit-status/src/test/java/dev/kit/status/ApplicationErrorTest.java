package dev.kit.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.status.testing.MockCluster;
import dev.kit.status.testing.ShopCluster;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * An object the cluster does not have while Argo CD cannot build the Application's target state (a
 * {@code ComparisonError} condition, sync Unknown, health still Healthy): no automated sync is
 * coming, so waiting for one is the wrong advice.
 */
class ApplicationErrorTest {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private MockCluster mock;

  @BeforeEach
  void start() {
    mock = MockCluster.empty();
    mock.seed(
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: orders}
        """);
  }

  @AfterEach
  void stop() {
    mock.close();
  }

  @Test
  void missing_namesTheApplicationsError_insteadOfWaitingForASync() {
    PlannedObject configMap =
        new PlannedObject(
            Optional.of("orders"),
            "services/orders/manifests/migrations/configmap.yaml",
            "v1",
            "ConfigMap",
            "orders",
            "orders-migrations",
            true,
            YAML.readTree("{}"));
    PlannedObject app =
        new PlannedObject(
            Optional.of("orders"),
            "services/orders/application.yaml",
            "argoproj.io/v1alpha1",
            "Application",
            "argocd",
            "orders",
            true,
            YAML.readTree("{}"));
    JsonNode live =
        YAML.readTree(
            """
            metadata: {name: orders, namespace: argocd}
            status:
              sync: {status: Unknown}
              health: {status: Healthy}
              conditions:
              - {type: ComparisonError, message: "Failed to load target state: authentication required"}
            """);
    var service =
        new GeneratedTree.ServiceTree(
            "orders", "orders", List.of(app, configMap), Optional.of(app), "", new TreeMap<>());
    ReadOnlyCluster readOnly = new ReadOnlyCluster(mock.client(), "mock");

    Finding finding =
        new Inspection(
                readOnly, readOnly, new Moments(ShopCluster.clock()), service, Optional.of(live))
            .missing(configMap, Column.MIGRATIONS);

    assertThat(finding.health()).isEqualTo(Health.MISSING);
    assertThat(finding.fix())
        .isEqualTo(
            "Application orders cannot sync it: Argo CD reports ComparisonError: Failed to load"
                + " target state: authentication required; fix what it names (the repository, its"
                + " path or credentials, or the manifests), then argocd app get orders --refresh");
    assertThat(finding.facts()).containsEntry("cause", "application error");
  }
}
