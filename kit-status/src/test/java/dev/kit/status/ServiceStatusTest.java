package dev.kit.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A service's health sums up its objects' as Argo CD sums up an Application's. */
class ServiceStatusTest {

  /**
   * gitops-engine's {@code healthOrder}: Healthy, Suspended, Progressing, Missing, Degraded; the
   * worse of two wins.
   */
  @ParameterizedTest(name = "{0} and {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      SUSPENDED   | PROGRESSING | PROGRESSING
      HEALTHY     | SUSPENDED   | SUSPENDED
      PROGRESSING | MISSING     | MISSING
      MISSING     | DEGRADED    | DEGRADED
      """)
  void health_isTheWorstOfItsObjects_inArgoCdsOrder(Health first, Health second, Health worst) {
    ServiceStatus service =
        new ServiceStatus("orders", "orders", List.of(finding(first), finding(second)));

    assertThat(service.health()).isEqualTo(worst);
    assertThat(service.cell(Column.DATABASE)).isEqualTo(worst.label());
  }

  private static Finding finding(Health health) {
    return new Finding(Column.DATABASE, "Cluster orders-cluster", health, "", "", Map.of());
  }
}
