package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Kit;
import dev.kit.testing.ArgoLuaHealth;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * kit's Argo CD health check for CloudNativePG's {@code Database}, run by the Lua interpreter Argo
 * CD's own scripts are tested with, on the status the CRD defines ({@code applied}, {@code
 * message}, {@code observedGeneration}, and the {@code extensions} and {@code schemas} lists of
 * {@code name}, {@code applied}, {@code message}).
 */
class CnpgDatabaseHealthTest {

  private static String object(String status) {
    return """
        apiVersion: postgresql.cnpg.io/v1
        kind: Database
        metadata:
          name: orders-cluster-database
          generation: 2
        spec:
          name: orders
          owner: orders
          cluster:
            name: orders-cluster
        """
        + status;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      no status yet                    | ''                                                                                                                     | Progressing | Waiting for CloudNativePG to apply the database
      not known yet, with a reason     | 'status: {message: "waiting for the cluster to become primary"}'                                                       | Progressing | Waiting for CloudNativePG to apply the database: waiting for the cluster to become primary
      an older generation applied      | 'status: {applied: true, observedGeneration: 1}'                                                                       | Progressing | Waiting for CloudNativePG to apply generation 2
      not applied, the first time      | 'status: {applied: false, message: "cluster orders-cluster is not ready"}'                                             | Degraded    | cluster orders-cluster is not ready
      a later generation failed        | 'status: {applied: false, observedGeneration: 1, message: "role orders does not exist"}'                                 | Degraded    | role orders does not exist
      an extension it could not create | 'status: {applied: false, observedGeneration: 1, message: "database object reconciliation failed", extensions: [{name: vector, applied: false, message: "not available"}]}' | Degraded | extension vector: not available
      a schema it could not create     | 'status: {applied: false, message: "database object reconciliation failed", extensions: [{name: vector, applied: true}], schemas: [{name: reporting, applied: false, message: "denied"}]}' | Degraded | schema reporting: denied
      an earlier run's item beside     | 'status: {applied: false, message: "role orders does not exist", extensions: [{name: vector, applied: false, message: "not available"}]}' | Degraded | role orders does not exist
      everything applied               | 'status: {applied: true, observedGeneration: 2, extensions: [{name: vector, applied: true}], schemas: [{name: reporting, applied: true}]}' | Healthy | Applied
      """)
  void health_followsWhatCloudNativePgApplied(
      String state, String status, String expected, String message) {
    ArgoLuaHealth.Result result =
        ArgoLuaHealth.run(CnpgDatabaseKind.HEALTH, ArgoLuaHealth.yaml(object(status)));

    assertThat(result).isEqualTo(new ArgoLuaHealth.Result(expected, message));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"true, true", "false, false"})
  void configMap_holdsTheDatabaseCheck_whenAServiceHasExtensions(
      boolean extensions, boolean expected) {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders",
                s ->
                    s.database(
                        db ->
                            extensions ? db.storage("1Gi").extension("vector") : db.storage("1Gi")))
            .build();

    assertThat(
            ArgoHealthChecks.configMap(new PlatformContext(kit))
                .data()
                .containsKey("resource.customizations.health.postgresql.cnpg.io_Database"))
        .isEqualTo(expected);
  }
}
