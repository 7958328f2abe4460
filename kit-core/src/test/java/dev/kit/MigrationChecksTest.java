package dev.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Kit;
import dev.kit.model.Restore;
import dev.kit.model.S3Credentials;
import dev.kit.verify.ServiceMigrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationChecksTest {

  @Test
  void histories_connectAsTheSourcesOwner_whenTheClusterWasRestoredFromAService(@TempDir Path root) throws IOException {
    Path migrations = Files.createDirectories(root.resolve("services/orders-restore/migrations"));
    Files.writeString(migrations.resolve("20250101000000_create.sql"), "CREATE TABLE IF NOT EXISTS t (id int);\n");
    Kit kit = Kit.builder()
        .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
        .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi").bootstrap("orders", "orders_owner")
            .backups("s3://acme-backups/orders/", b -> b.credentials(S3Credentials.fromSecret("s3", "ID", "KEY")))))
        .service("orders-restore", s -> s.namespace("orders").database(db -> db.storage("1Gi").restore(Restore.fromService("orders"))))
        .build();

    List<ServiceMigrations> histories = MigrationChecks.histories(kit, root);

    assertThat(histories).singleElement().satisfies(h -> {
      assertThat(h.database()).isEqualTo("orders");
      assertThat(h.owner()).isEqualTo("orders_owner");
    });
  }
}
