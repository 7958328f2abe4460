package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Backups;
import dev.kit.model.Kit;
import dev.kit.model.S3Credentials;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The ScheduledBackup, read back from the tree kit serializes. */
class BackupsRendererTest {

  private static JsonNode scheduledBackup(UnaryOperator<Backups.Builder> backups) {
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
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b ->
                                            backups.apply(
                                                b.credentials(
                                                        S3Credentials.fromSecret("s3", "ID", "KEY"))
                                                    .schedule("0 0 2 * * *")))))
            .build();
    return ManifestYaml.tree(BackupsRenderer.scheduledBackup(kit, kit.services().get(0)))
        .path("spec");
  }

  @Test
  void scheduledBackup_backsUpAtOnceAndOwnsItsBackups_byDefault() {
    JsonNode spec = scheduledBackup(b -> b);

    assertThat(spec.path("immediate").isBoolean()).isTrue();
    assertThat(spec.path("immediate").asBoolean())
        .as("no CnpgBackupTooOld on a new cluster until the first night")
        .isTrue();
    assertThat(spec.path("backupOwnerReference").asString()).isEqualTo("self");
  }

  @Test
  void scheduledBackup_leavesCnpgsDefaults_whenTheDescriptionAsksForThem() {
    JsonNode spec =
        scheduledBackup(b -> b.immediate(false).backupOwnerReference(Backups.BackupOwner.NONE));

    assertThat(spec.has("immediate")).isFalse();
    assertThat(spec.has("backupOwnerReference")).isFalse();
  }

  @Test
  void scheduledBackup_letsTheClusterOwnTheBackups_whenAsked() {
    assertThat(
            scheduledBackup(b -> b.backupOwnerReference(Backups.BackupOwner.CLUSTER))
                .path("backupOwnerReference")
                .asString())
        .isEqualTo("cluster");
  }
}
