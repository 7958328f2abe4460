package dev.kit.verify;

import dev.kit.lint.LintSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How {@code kit:verify} runs: where the PostgreSQL binaries come from and where they are
 * extracted, the lint severities, and a work directory for the data directories and the server
 * logs.
 *
 * <pre>{@code
 * VerifyOptions options = VerifyOptions.of(PostgresBinaries.inDirectory(jars))
 *     .withLint(LintSettings.parse(Map.of("SET_NOT_NULL", "error")))
 *     .withWorkDirectory(Path.of("target/kit-verify"));
 * }</pre>
 *
 * @param binaries the binaries for each major
 * @param lint the lint severities
 * @param workDirectory where servers keep their data directories (deleted when they stop) and logs
 * @param binariesCache where the binaries are extracted, once per release; kit makes it private to
 *     its user, since it runs what is in it
 */
public record VerifyOptions(
    PostgresBinaries binaries, LintSettings lint, Path workDirectory, Path binariesCache) {

  public VerifyOptions {
    Objects.requireNonNull(binaries, "binaries");
    Objects.requireNonNull(lint, "lint");
    Objects.requireNonNull(workDirectory, "workDirectory");
    Objects.requireNonNull(binariesCache, "binariesCache");
  }

  /**
   * Default lint severities; binaries extracted under {@code kit/postgres} and servers under {@code
   * kit/verify} in the user's cache ({@code $XDG_CACHE_HOME}, or {@code ~/.cache}), never in the
   * temporary folder other users share.
   */
  public static VerifyOptions of(PostgresBinaries binaries) {
    Path cache = userCache(System.getenv(), System.getProperty("user.home"));
    return new VerifyOptions(
        binaries, LintSettings.defaults(), cache.resolve("verify"), cache.resolve("postgres"));
  }

  public VerifyOptions withLint(LintSettings lint) {
    return new VerifyOptions(binaries, lint, workDirectory, binariesCache);
  }

  public VerifyOptions withWorkDirectory(Path workDirectory) {
    return new VerifyOptions(binaries, lint, workDirectory, binariesCache);
  }

  public VerifyOptions withBinariesCache(Path binariesCache) {
    return new VerifyOptions(binaries, lint, workDirectory, binariesCache);
  }

  /**
   * kit's folder in the user's cache: {@code $XDG_CACHE_HOME/kit}, or {@code ~/.cache/kit} when
   * that is unset, empty or relative (which the XDG Base Directory Specification says to ignore).
   */
  static Path userCache(Map<String, String> environment, String userHome) {
    String xdg = environment.get("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : Path.of(userHome, ".cache");
    return base.resolve("kit");
  }
}
