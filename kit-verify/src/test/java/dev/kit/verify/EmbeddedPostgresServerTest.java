package dev.kit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.lint.LintSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the embedded PostgreSQL's binaries go: a folder only their user can write to, since kit
 * runs them.
 */
class EmbeddedPostgresServerTest {

  @TempDir Path dir;

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void start_extractsTheBinariesIntoAPrivateFolder_whenTheCacheWasWorldWritable()
      throws IOException {
    Path cache = Files.createDirectories(dir.resolve("cache"));
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
    VerifyOptions options = TestPostgres.options().withBinariesCache(cache);

    try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(17, options)) {
      assertThat(postgres.version()).startsWith("17.");
    }

    String release =
        TestPostgres.binaries().jar(17).getFileName().toString().replaceFirst("\\.jar$", "");
    assertThat(permissions(cache)).isEqualTo("rwx------");
    assertThat(permissions(cache.resolve(release))).isEqualTo("rwx------");
    try (Stream<Path> extracted = Files.list(cache.resolve(release))) {
      assertThat(extracted.filter(p -> p.getFileName().toString().startsWith("PG-")))
          .singleElement()
          .satisfies(pg -> assertThat(pg.resolve("bin/postgres")).isExecutable());
    }
  }

  @Test
  void start_namesTheFolder_whenItCannotBeMadePrivate() throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "");
    VerifyOptions options = TestPostgres.options().withBinariesCache(file);

    assertThatThrownBy(() -> EmbeddedPostgresServer.start(17, options))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "cannot use "
                + file
                + " for the PostgreSQL binaries, which must be a folder only you "
                + "can write to since kit runs them: java.nio.file.FileAlreadyExistsException: "
                + file);
  }

  @Test
  void start_stopsTheServer_whenTheBinariesHoldAnotherMajor() throws IOException {
    Path work = dir.resolve("work");
    VerifyOptions options =
        new VerifyOptions(
            PostgresBinaries.of(major -> TestPostgres.binaries().jar(16)),
            LintSettings.defaults(),
            work,
            TestPostgres.options().binariesCache());

    assertThatThrownBy(() -> EmbeddedPostgresServer.start(17, options))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("holds PostgreSQL 16.")
        .hasMessageContaining(", not 17");
    // Stopped: zonky deletes the data directory only once the server is down.
    try (Stream<Path> left = Files.list(work)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("postgres-17.log");
    }
  }
}
