package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.ArgoCd;
import dev.kit.model.Kit;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which health checks kit adds to argocd-cm, at each version boundary the README's table names. */
class ArgoHealthChecksTest {

  private static Optional<ConfigMap> configMap(String version, ArgoCd.Delivery delivery, boolean atlas) {
    Kit kit = Kit.builder()
        .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git")
            .argoCd(ArgoCd.builder().version(version).delivery(delivery).build()))
        .build();
    return ArgoHealthChecks.configMap(kit, atlas);
  }

  @ParameterizedTest
  @CsvSource({
      "2.9.3, true, 'argoproj.io_Application,db.atlasgo.io_AtlasMigration,db.atlasgo.io_AtlasSchema,postgresql.cnpg.io_Cluster'",
      "v2.10, true, 'argoproj.io_Application,postgresql.cnpg.io_Cluster'",
      "3.0, false, 'argoproj.io_Application,postgresql.cnpg.io_Cluster'",
      "3.1, true, 'argoproj.io_Application'",
      "3.5, true, 'argoproj.io_Application'"})
  void configMap_holdsTheChecksTheVersionLacks_forAppOfApps(String version, boolean atlas, String kinds) {
    ConfigMap cm = configMap(version, ArgoCd.Delivery.APP_OF_APPS, atlas).orElseThrow();

    assertThat(cm.getData().keySet())
        .containsExactly(java.util.Arrays.stream(kinds.split(",")).map(k -> "resource.customizations.health." + k).toArray(String[]::new));
  }

  @ParameterizedTest
  @CsvSource({"3.1", "3.5", "4.0"})
  void configMap_isNotWritten_whenTheVersionHasEveryCheck(String version) {
    assertThat(configMap(version, ArgoCd.Delivery.APPLICATION_PER_SERVICE, true)).isEmpty();
  }
}
