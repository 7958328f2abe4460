package dev.kit.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleFilesTest {

  @TempDir Path root;

  private void put(String path) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "x\n");
  }

  @Test
  void list_looksNeitherAtNorIntoEntriesNamedSql_whileFindingGeneratedAndTemporaryFiles()
      throws IOException {
    put("services/a/application.yaml");
    put("services/a/manifests/app/.deployment.yaml.6f1c.kit-tmp");
    put("services/a/migrations/1_init.sql");
    put("services/a/migrations/atlas.sum");
    put("platform/root.yaml");
    // No folder kit writes is named *.sql, so what is under one is neither kit's file nor its
    // temporary file: not looking at entries named so skips a stat for each migration.
    put("services/a/migrations/2_old.sql/.job.yaml.5e1f.kit-tmp");
    put("services/a/migrations/2_old.sql/job.yaml");

    StaleFiles listing = StaleFiles.list(root);

    assertThat(listing.candidates())
        .containsExactlyInAnyOrder(
            "services/a/application.yaml", "services/a/migrations/atlas.sum", "platform/root.yaml");
    assertThat(listing.temporary())
        .containsExactly(root.resolve("services/a/manifests/app/.deployment.yaml.6f1c.kit-tmp"));
  }
}
