package dev.kit.verify;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@code kit:verify} runs: where the PostgreSQL binaries come from, the lint severities, and a work
 * directory for the extracted binaries, the data directories and the server logs.
 *
 * <pre>{@code
 * VerifyOptions options = VerifyOptions.of(PostgresBinaries.inDirectory(jars))
 *     .withLint(LintSettings.parse(Map.of("SET_NOT_NULL", "error")))
 *     .withWorkDirectory(Path.of("target/kit-verify"));
 * }</pre>
 *
 * @param binaries the binaries for each major
 * @param lint the lint severities
 * @param workDirectory where servers keep their files
 */
public record VerifyOptions(PostgresBinaries binaries, LintSettings lint, Path workDirectory) {

  public VerifyOptions {
    Objects.requireNonNull(binaries, "binaries");
    Objects.requireNonNull(lint, "lint");
    Objects.requireNonNull(workDirectory, "workDirectory");
  }

  /** Default lint severities, servers under {@code java.io.tmpdir/kit-verify}. */
  public static VerifyOptions of(PostgresBinaries binaries) {
    return new VerifyOptions(binaries, LintSettings.defaults(), Path.of(System.getProperty("java.io.tmpdir"), "kit-verify"));
  }

  public VerifyOptions withLint(LintSettings lint) {
    return new VerifyOptions(binaries, lint, workDirectory);
  }

  public VerifyOptions withWorkDirectory(Path workDirectory) {
    return new VerifyOptions(binaries, lint, workDirectory);
  }
}
