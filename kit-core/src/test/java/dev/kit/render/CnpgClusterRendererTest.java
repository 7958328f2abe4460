package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Kit;
import dev.kit.model.Restore;
import dev.kit.model.S3Credentials;
import dev.kit.model.Service;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The CNPG Cluster, read back from the tree kit serializes. */
class CnpgClusterRendererTest {

  private static Kit.Builder shop() {
    return Kit.builder().repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"));
  }

  private static JsonNode spec(Kit kit, String service) {
    Service s = kit.services().stream().filter(x -> x.name().equals(service)).findFirst().orElseThrow();
    return ManifestYaml.tree(CnpgClusterRenderer.render(kit, s)).path("spec");
  }

  @Test
  void render_recoversTheSourcesDatabaseAndOwner_whenRestoringFromAService() {
    Kit kit = shop()
        .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi").bootstrap("orders", "orders_owner")
            .backups("s3://acme-backups/orders/", b -> b.credentials(S3Credentials.fromSecret("s3", "ID", "KEY")))))
        .service("orders-restore", s -> s.namespace("orders").withoutMigrations()
            .database(db -> db.storage("1Gi").restore(Restore.fromService("orders"))))
        .build();

    JsonNode recovery = spec(kit, "orders-restore").path("bootstrap").path("recovery");

    assertThat(recovery.path("source").asString()).isEqualTo("orders-cluster");
    assertThat(recovery.path("database").asString()).isEqualTo("orders");
    assertThat(recovery.path("owner").asString()).isEqualTo("orders_owner");
    assertThat(spec(kit, "orders-restore").path("bootstrap").has("initdb")).isFalse();
  }

  @Test
  void render_recoversCnpgsAppDatabase_whenTheSourceNamesNone() {
    Kit kit = shop()
        .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")
            .backups("s3://acme-backups/orders/", b -> b.credentials(S3Credentials.fromSecret("s3", "ID", "KEY")))))
        .service("orders-restore", s -> s.namespace("orders").withoutMigrations()
            .database(db -> db.storage("1Gi").restore(Restore.fromService("orders"))))
        .build();

    JsonNode recovery = spec(kit, "orders-restore").path("bootstrap").path("recovery");

    assertThat(recovery.path("database").asString()).isEqualTo("app");
    assertThat(recovery.path("owner").asString()).isEqualTo("app");
  }

  @Test
  void render_recoversTheDeclaredDatabaseAndOwner_whenRestoringFromAnObjectStore() {
    Kit kit = shop()
        .service("legacy-copy", s -> s.withoutMigrations().database(db -> db.storage("1Gi").bootstrap("legacy", "legacy_app")
            .restore(Restore.fromObjectStore("old-store", "legacy-cluster"))))
        .build();

    JsonNode bootstrap = spec(kit, "legacy-copy").path("bootstrap");

    assertThat(bootstrap.has("initdb")).as("recovery creates no new database").isFalse();
    assertThat(bootstrap.path("recovery").path("source").asString()).isEqualTo("legacy-cluster");
    assertThat(bootstrap.path("recovery").path("database").asString()).isEqualTo("legacy");
    assertThat(bootstrap.path("recovery").path("owner").asString()).isEqualTo("legacy_app");
  }

  @Test
  void render_followsTheChain_whenTheSourceWasItselfRestored() {
    Kit kit = shop()
        .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi").bootstrap("orders", "orders")
            .backups("s3://acme-backups/orders/", b -> b.credentials(S3Credentials.fromSecret("s3", "ID", "KEY")))))
        .service("orders-copy", s -> s.namespace("orders").withoutMigrations().database(db -> db.storage("1Gi")
            .restore(Restore.fromService("orders"))
            .backups("s3://acme-backups/orders-copy/", b -> b.credentials(S3Credentials.fromSecret("s3", "ID", "KEY")))))
        .service("orders-copy-2", s -> s.namespace("orders").withoutMigrations()
            .database(db -> db.storage("1Gi").restore(Restore.fromService("orders-copy"))))
        .build();

    assertThat(spec(kit, "orders-copy-2").path("bootstrap").path("recovery").path("database").asString()).isEqualTo("orders");
  }
}
