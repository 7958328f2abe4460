package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Restore;
import dev.kit.model.S3Credentials;
import dev.kit.model.Service;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What connects to a restored cluster names the database and owner the backups hold, not CNPG's
 * empty "app".
 */
class RestoreWiringTest {

  @Test
  void atlasMigration_connectsToTheSourcesDatabase_whenTheClusterWasRestoredFromAService() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .bootstrap("orders", "orders_owner")
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b ->
                                            b.credentials(
                                                S3Credentials.fromSecret("s3", "ID", "KEY")))))
            .service(
                "orders-restore",
                s ->
                    s.namespace("orders")
                        .database(db -> db.storage("1Gi").restore(Restore.fromService("orders")))
                        .migrations(m -> m.engine(Migrations.Engine.OPERATOR)))
            .build();
    Service restored = kit.services().get(1);

    JsonNode credentials =
        ManifestYaml.tree(
                AtlasOperatorRenderer.migration(
                    kit,
                    restored,
                    restored.migrations().orElseThrow(),
                    "orders-restore-migrations"))
            .path("spec")
            .path("credentials");

    assertThat(credentials.path("database").asString()).isEqualTo("orders");
    assertThat(credentials.path("user").asString()).isEqualTo("orders_owner");
  }
}
