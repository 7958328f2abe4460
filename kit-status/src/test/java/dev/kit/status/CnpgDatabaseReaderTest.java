package dev.kit.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.status.testing.ShopCluster;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The CNPG {@code Database} kit generates for a service's extensions and schemas, on the status
 * shapes of its CRD (no conditions: {@code applied}, {@code message}, {@code observedGeneration}
 * and per-item lists), read as kit's Argo CD check for the kind reads them.
 */
class CnpgDatabaseReaderTest {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final String DATABASE =
      """
      apiVersion: postgresql.cnpg.io/v1
      kind: Database
      metadata:
        name: orders-cluster-database
        namespace: orders
        generation: 2
        labels: {app.kubernetes.io/component: database}
      spec:
        name: orders
        owner: orders
        cluster: {name: orders-cluster}
        extensions: [{name: pg_trgm, ensure: present}]
        schemas: [{name: reporting, owner: orders, ensure: present}]
      """;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      no status yet         | status: {}                                                                                      | PROGRESSING | waiting for CloudNativePG
      not known yet         | 'status: {message: waiting for the cluster to become primary}'                                 | PROGRESSING | waiting for CloudNativePG: waiting for the cluster to become primary
      an older generation   | 'status: {applied: true, observedGeneration: 1}'                                                | PROGRESSING | waiting for CloudNativePG
      not applied           | 'status: {applied: false, message: ''role "orders" does not exist''}'                          | DEGRADED    | not applied: role "orders" does not exist
      a later one failed    | 'status: {applied: false, observedGeneration: 1, message: ''role "orders" does not exist''}'   | DEGRADED    | not applied: role "orders" does not exist
      an extension failed   | 'status: {applied: false, observedGeneration: 1, message: database object reconciliation failed, extensions: [{name: pg_trgm, applied: false, message: not available}]}' | DEGRADED | extension pg_trgm: not available
      a schema failed       | 'status: {applied: false, message: database object reconciliation failed, extensions: [{name: pg_trgm, applied: true}], schemas: [{name: reporting, applied: false}]}' | DEGRADED | schema reporting: not applied
      an earlier run's item | 'status: {applied: false, message: ''role "x" does not exist'', extensions: [{name: pg_trgm, applied: false, message: not available}]}' | DEGRADED | not applied: role "x" does not exist
      applied               | 'status: {applied: true, observedGeneration: 2, extensions: [{name: pg_trgm, applied: true}], schemas: [{name: reporting, applied: true}]}' | HEALTHY | applied
      """)
  void read_followsKitsArgoCdCheck(String name, String status, Health health, String text) {
    Finding finding = read(status);

    assertThat(finding.health()).isEqualTo(health);
    assertThat(finding.text()).isEqualTo(text);
    assertThat(finding.fix().isEmpty()).isEqualTo(health == Health.HEALTHY);
    assertThat(finding.column()).isEqualTo(Column.DATABASE);
  }

  @Test
  void read_namesTheGenerationCloudNativePgHasNotApplied() {
    Finding finding = read("status: {applied: true, observedGeneration: 1}");

    assertThat(finding.fix()).isEqualTo("CloudNativePG has not applied generation 2 yet");
  }

  private static Finding read(String status) {
    JsonNode body = YAML.readTree(DATABASE);
    PlannedObject object =
        new PlannedObject(
            Optional.of("orders"),
            "services/orders/manifests/database/database.yaml",
            "postgresql.cnpg.io/v1",
            "Database",
            "orders",
            "orders-cluster-database",
            true,
            body);
    Inspection inspection =
        new Inspection(
            new ReadOnlyCluster(null, "no cluster"),
            new ReadOnlyCluster(null, "no cluster"),
            new Moments(ShopCluster.clock()),
            null,
            Optional.empty());
    return KindReaders.of(object).read(object, YAML.readTree(DATABASE + status), inspection);
  }
}
