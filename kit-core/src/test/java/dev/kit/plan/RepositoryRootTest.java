package dev.kit.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryRootTest {

  @TempDir Path dir;

  @Test
  void namesThroughJavaIo_listsTheFolder_whenEveryNameIsAscii() throws IOException {
    Files.createDirectory(dir.resolve("orders"));
    Files.writeString(dir.resolve("20250101000000_init.sql"), "select 1;\n");

    assertThat(RepositoryRoot.namesThroughJavaIo(dir))
        .containsExactlyInAnyOrder("orders", "20250101000000_init.sql");
  }

  /** java.io may spell such a name otherwise than the folder holds it: NIO keeps its bytes. */
  @Test
  void namesThroughJavaIo_leavesTheFolderToNio_whenANameIsNotAscii() throws IOException {
    Files.writeString(dir.resolve("20250101000000_café.sql"), "select 1;\n");

    assertThat(RepositoryRoot.namesThroughJavaIo(dir)).isNull();
  }

  @Test
  void namesThroughJavaIo_leavesTheFolderToNio_whenItCannotBeListed() throws IOException {
    Files.writeString(dir.resolve("file"), "");

    assertThat(RepositoryRoot.namesThroughJavaIo(dir.resolve("missing"))).isNull();
    assertThat(RepositoryRoot.namesThroughJavaIo(dir.resolve("file"))).isNull();
  }

  @Test
  void namesThroughJavaIo_leavesTheFolderToNio_whenItIsInAZipArchive() throws IOException {
    try (FileSystem zip =
        FileSystems.newFileSystem(dir.resolve("repo.zip"), Map.of("create", "true"))) {
      Path services = Files.createDirectories(zip.getPath("/repo/services/orders"));

      assertThat(RepositoryRoot.namesThroughJavaIo(services.getParent())).isNull();
    }
  }

  @Test
  void isPlain_acceptsOnlyTheFormRelativeGives_whenAskedOfEachKindOfPath() {
    assertThat(RepositoryRoot.isPlain("services/orders/manifests/app/deployment.yaml")).isTrue();
    assertThat(RepositoryRoot.isPlain("platform")).isTrue();
    assertThat(RepositoryRoot.isPlain(".kit-journal")).isTrue();
    assertThat(RepositoryRoot.isPlain("services/orders/..x/.y.")).isTrue();
    for (String path :
        List.of(
            "",
            "/",
            "/etc/passwd",
            "services/",
            "services//orders",
            ".",
            "..",
            "./services",
            "services/.",
            "services/..",
            "services/../..",
            "../outside",
            "services\\..\\..",
            "C:outside",
            "C:/outside")) {
      assertThat(RepositoryRoot.isPlain(path)).as(path).isFalse();
    }
  }

  @Test
  void resolve_refusesAPathThatLeavesTheRepository_whenItIsNotPlain() throws IOException {
    RepositoryRoot repository = RepositoryRoot.of(dir);

    assertThat(repository.resolve("services/orders/atlas.hcl"))
        .isEqualTo(dir.toRealPath().resolve("services/orders/atlas.hcl"));
    assertThat(repository.resolve("services/./orders/../orders/atlas.hcl"))
        .isEqualTo(dir.toRealPath().resolve("services/orders/atlas.hcl"));
    for (String path : List.of("..", "../outside", "services/../..", "services/..", "/etc")) {
      assertThatThrownBy(() -> repository.resolve(path))
          .as(path)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a path outside the repository: " + path);
    }
  }
}
