package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Kit;
import dev.kit.model.Restore;
import dev.kit.model.Role;
import dev.kit.model.S3Credentials;
import dev.kit.model.Service;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The CNPG Cluster, read back from the tree kit serializes. */
class CnpgClusterRendererTest {

  private static Kit.Builder shop() {
    return Kit.builder().repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"));
  }

  private static JsonNode spec(Kit kit, String service) {
    Service s =
        kit.services().stream().filter(x -> x.name().equals(service)).findFirst().orElseThrow();
    return ManifestYaml.tree(CnpgClusterRenderer.render(kit, s)).path("spec");
  }

  @Test
  void render_recoversTheSourcesDatabaseAndOwner_whenRestoringFromAService() {
    Kit kit =
        shop()
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
                        .withoutMigrations()
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
    Kit kit =
        shop()
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b ->
                                            b.credentials(
                                                S3Credentials.fromSecret("s3", "ID", "KEY")))))
            .service(
                "orders-restore",
                s ->
                    s.namespace("orders")
                        .withoutMigrations()
                        .database(db -> db.storage("1Gi").restore(Restore.fromService("orders"))))
            .build();

    JsonNode recovery = spec(kit, "orders-restore").path("bootstrap").path("recovery");

    assertThat(recovery.path("database").asString()).isEqualTo("app");
    assertThat(recovery.path("owner").asString()).isEqualTo("app");
  }

  @Test
  void render_recoversTheDeclaredDatabaseAndOwner_whenRestoringFromAnObjectStore() {
    Kit kit =
        shop()
            .service(
                "legacy-copy",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .bootstrap("legacy", "legacy_app")
                                    .restore(
                                        Restore.fromObjectStore("old-store", "legacy-cluster"))))
            .build();

    JsonNode bootstrap = spec(kit, "legacy-copy").path("bootstrap");

    assertThat(bootstrap.has("initdb")).as("recovery creates no new database").isFalse();
    assertThat(bootstrap.path("recovery").path("source").asString()).isEqualTo("legacy-cluster");
    assertThat(bootstrap.path("recovery").path("database").asString()).isEqualTo("legacy");
    assertThat(bootstrap.path("recovery").path("owner").asString()).isEqualTo("legacy_app");
  }

  @Test
  void render_followsTheChain_whenTheSourceWasItselfRestored() {
    Kit kit =
        shop()
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .bootstrap("orders", "orders")
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b ->
                                            b.credentials(
                                                S3Credentials.fromSecret("s3", "ID", "KEY")))))
            .service(
                "orders-copy",
                s ->
                    s.namespace("orders")
                        .withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .restore(Restore.fromService("orders"))
                                    .backups(
                                        "s3://acme-backups/orders-copy/",
                                        b ->
                                            b.credentials(
                                                S3Credentials.fromSecret("s3", "ID", "KEY")))))
            .service(
                "orders-copy-2",
                s ->
                    s.namespace("orders")
                        .withoutMigrations()
                        .database(
                            db -> db.storage("1Gi").restore(Restore.fromService("orders-copy"))))
            .build();

    assertThat(
            spec(kit, "orders-copy-2")
                .path("bootstrap")
                .path("recovery")
                .path("database")
                .asString())
        .isEqualTo("orders");
  }

  private static final String ROLE = "arn:aws:iam::123456789012:role/orders-backups";

  @Test
  void render_bindsTheRoleToTheServiceAccount_whenBackupsUseIrsa() {
    Kit kit =
        shop()
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b ->
                                            b.credentials(S3Credentials.inheritFromIamRole(ROLE)))))
            .build();

    JsonNode spec = spec(kit, "orders");
    JsonNode store =
        ManifestYaml.tree(BackupsRenderer.objectStore(kit, kit.services().get(0)))
            .path("spec")
            .path("configuration");

    assertThat(
            spec.path("serviceAccountTemplate")
                .path("metadata")
                .path("annotations")
                .path("eks.amazonaws.com/role-arn")
                .asString())
        .isEqualTo(ROLE);
    assertThat(store.path("s3Credentials").path("inheritFromIAMRole").asBoolean()).isTrue();
  }

  @Test
  void render_bindsTheRole_whenTheInTreeStoreUsesIrsa() {
    Kit kit =
        shop()
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b ->
                                            b.credentials(S3Credentials.inheritFromIamRole(ROLE))
                                                .legacyInTree())))
            .build();

    JsonNode spec = spec(kit, "orders");

    assertThat(
            spec.path("serviceAccountTemplate")
                .path("metadata")
                .path("annotations")
                .path("eks.amazonaws.com/role-arn")
                .asString())
        .isEqualTo(ROLE);
    assertThat(
            spec.path("backup")
                .path("barmanObjectStore")
                .path("s3Credentials")
                .path("inheritFromIAMRole")
                .asBoolean())
        .isTrue();
  }

  @Test
  void render_leavesTheServiceAccountAlone_whenEksPodIdentityOrKeysProvideCredentials() {
    Kit kit =
        shop()
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b ->
                                            b.credentials(S3Credentials.inheritFromPodIdentity()))))
            .service(
                "payments",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .backups(
                                        "s3://acme-backups/payments/",
                                        b ->
                                            b.credentials(
                                                S3Credentials.fromSecret("s3", "ID", "KEY")))))
            .build();

    JsonNode store =
        ManifestYaml.tree(BackupsRenderer.objectStore(kit, kit.services().get(0)))
            .path("spec")
            .path("configuration");

    assertThat(spec(kit, "orders").has("serviceAccountTemplate")).isFalse();
    assertThat(spec(kit, "payments").has("serviceAccountTemplate")).isFalse();
    assertThat(store.path("s3Credentials").path("inheritFromIAMRole").asBoolean()).isTrue();
  }

  @Test
  void render_bindsTheSourcesRole_whenRestoringBackupsReadThroughIrsa() {
    Kit kit =
        shop()
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b ->
                                            b.credentials(S3Credentials.inheritFromIamRole(ROLE)))))
            .service(
                "orders-restore",
                s ->
                    s.namespace("orders")
                        .withoutMigrations()
                        .database(db -> db.storage("1Gi").restore(Restore.fromService("orders"))))
            .build();

    assertThat(
            spec(kit, "orders-restore")
                .path("serviceAccountTemplate")
                .path("metadata")
                .path("annotations")
                .path("eks.amazonaws.com/role-arn")
                .asString())
        .isEqualTo(ROLE);
  }

  @Test
  void render_runsTheStandardImage_whenNoInTreeBarmanCloudIsNeeded() {
    Kit kit =
        shop()
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b ->
                                            b.credentials(
                                                S3Credentials.fromSecret("s3", "ID", "KEY")))))
            .service(
                "orders-restore",
                s ->
                    s.namespace("orders")
                        .withoutMigrations()
                        .database(db -> db.storage("1Gi").restore(Restore.fromService("orders"))))
            .service(
                "cache",
                s -> s.withoutMigrations().database(db -> db.storage("1Gi").postgresMajor(15)))
            .build();

    assertThat(spec(kit, "orders").path("imageName").asString())
        .isEqualTo("ghcr.io/cloudnative-pg/postgresql:17.11-standard-trixie");
    assertThat(spec(kit, "orders-restore").path("imageName").asString())
        .isEqualTo("ghcr.io/cloudnative-pg/postgresql:17.11-standard-trixie");
    assertThat(spec(kit, "cache").path("imageName").asString())
        .isEqualTo("ghcr.io/cloudnative-pg/postgresql:15.19-standard-trixie");
  }

  @Test
  void render_runsTheSystemImage_whenTheInTreeStoreArchivesOrIsRecoveredFrom() {
    Kit kit =
        shop()
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .postgresMajor(16)
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b ->
                                            b.credentials(
                                                    S3Credentials.fromSecret("s3", "ID", "KEY"))
                                                .legacyInTree())))
            .service(
                "orders-restore",
                s ->
                    s.namespace("orders")
                        .withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .postgresMajor(16)
                                    .restore(Restore.fromService("orders"))))
            .build();

    assertThat(spec(kit, "orders").path("imageName").asString())
        .isEqualTo("ghcr.io/cloudnative-pg/postgresql:16.15-system-trixie");
    assertThat(spec(kit, "orders-restore").path("imageName").asString())
        .isEqualTo("ghcr.io/cloudnative-pg/postgresql:16.15-system-trixie");
  }

  @Test
  void render_keepsTheImageNameSet_whateverTheBackups() {
    Kit kit =
        shop()
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .imageName("registry.acme.com/postgresql:17.9-system-bookworm")
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b ->
                                            b.credentials(
                                                    S3Credentials.fromSecret("s3", "ID", "KEY"))
                                                .legacyInTree())))
            .build();

    assertThat(spec(kit, "orders").path("imageName").asString())
        .isEqualTo("registry.acme.com/postgresql:17.9-system-bookworm");
  }

  /**
   * A group before its members, whatever their names; a cycle, which validation refuses, keeps the
   * name order rather than losing a role.
   */
  @Test
  void membersLast_putsEachGroupBeforeItsMembers_andKeepsEveryRoleOfACycle() {
    Role admins = Role.builder("admins").inRole("writers").build();
    Role readers = Role.builder("readers").build();
    Role writers = Role.builder("writers").inRole("readers").build();

    assertThat(CnpgClusterRenderer.membersLast(List.of(admins, readers, writers)))
        .extracting(Role::name)
        .containsExactly("readers", "writers", "admins");
    Role a = Role.builder("a").inRole("b").build();
    Role b = Role.builder("b").inRole("a").build();
    assertThat(CnpgClusterRenderer.membersLast(List.of(a, b, readers)))
        .extracting(Role::name)
        .containsExactly("readers", "a", "b");
  }
}
