package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.ArgoCd;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which health checks kit writes to argocd-cm: its own replace Argo CD's built-in ones on every
 * version.
 */
class ArgoHealthChecksTest {

  private static String[] keys(String version, ArgoCd.Delivery delivery, boolean atlas) {
    Kit kit =
        Kit.builder()
            .repository(
                "shop",
                r ->
                    r.gitUrl("https://github.com/acme/shop.git")
                        .argoCd(ArgoCd.builder().version(version).delivery(delivery).build()))
            .service(
                "orders",
                s ->
                    s.database(db -> db.storage("1Gi"))
                        .migrations(
                            m ->
                                m.engine(
                                    atlas ? Migrations.Engine.OPERATOR : Migrations.Engine.JOB)))
            .build();
    return ArgoHealthChecks.configMap(new PlatformContext(kit))
        .data()
        .keySet()
        .toArray(String[]::new);
  }

  private static String[] expected(String kinds) {
    return Arrays.stream(kinds.split(","))
        .map(k -> "resource.customizations.health." + k)
        .toArray(String[]::new);
  }

  @ParameterizedTest
  @CsvSource({
    "2.9.3, APP_OF_APPS, true, 'argoproj.io_Application,db.atlasgo.io_AtlasMigration,db.atlasgo.io_AtlasSchema,postgresql.cnpg.io_Cluster'",
    "v2.10, APPLICATION_PER_SERVICE, true, 'db.atlasgo.io_AtlasMigration,db.atlasgo.io_AtlasSchema,postgresql.cnpg.io_Cluster'",
    "3.0, APP_OF_APPS, false, 'argoproj.io_Application,postgresql.cnpg.io_Cluster'",
    "3.1, APPLICATION_PER_SERVICE, true, 'db.atlasgo.io_AtlasMigration,db.atlasgo.io_AtlasSchema,postgresql.cnpg.io_Cluster'",
    "3.5, APPLICATION_PER_SERVICE, false, 'postgresql.cnpg.io_Cluster'",
    "3.5, APPLICATION_SET, false, 'argoproj.io_Application,postgresql.cnpg.io_Cluster'",
    "4.0, APP_OF_APPS, true, 'argoproj.io_Application,db.atlasgo.io_AtlasMigration,db.atlasgo.io_AtlasSchema,postgresql.cnpg.io_Cluster'"
  })
  void configMap_holdsKitsChecks_onEveryVersion(
      String version, ArgoCd.Delivery delivery, boolean atlas, String kinds) {
    assertThat(keys(version, delivery, atlas)).containsExactly(expected(kinds));
  }
}
