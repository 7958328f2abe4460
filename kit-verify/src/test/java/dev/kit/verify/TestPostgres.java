package dev.kit.verify;

import java.nio.file.Path;

/**
 * The real PostgreSQL servers tests run on: the binaries jars kit-verify's POM copies to {@code
 * target/postgres-binaries} (system property {@code kit.postgres.binaries.dir}), extracted where
 * users' are (the user's cache, so once per release), servers under {@code target/kit-verify}.
 */
final class TestPostgres {

  private TestPostgres() {}

  static PostgresBinaries binaries() {
    String dir = System.getProperty("kit.postgres.binaries.dir");
    if (dir == null) {
      throw new AssertionError("kit.postgres.binaries.dir is not set; run the tests through Maven");
    }
    return PostgresBinaries.inDirectory(Path.of(dir));
  }

  static Path workDirectory() {
    return Path.of(System.getProperty("kit.postgres.binaries.dir")).resolveSibling("kit-verify");
  }

  static VerifyOptions options() {
    return VerifyOptions.of(binaries()).withWorkDirectory(workDirectory());
  }

  static EmbeddedPostgresServer start(int major) {
    return EmbeddedPostgresServer.start(major, options());
  }
}
