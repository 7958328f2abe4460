package dev.kit.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared test data ({@code ../shared}: CRDs, schemas, conformance vectors), located by the
 * {@code kit.shared.dir} system property that the root POM sets. Missing data fails the test under
 * {@code CI=true} and skips it elsewhere.
 */
public final class SharedData {

  private SharedData() {}

  public static Path dir() {
    String property = System.getProperty("kit.shared.dir");
    Path dir = property == null ? null : Path.of(property).toAbsolutePath().normalize();
    if (dir == null || !Files.isDirectory(dir)) {
      String message = "shared test data not found at " + dir
          + "; check out the shared folder beside this repository or set -Dkit.shared.dir=<path>";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(message);
      }
      Assumptions.abort(message);
    }
    return dir;
  }

  public static Path resolve(String relative) {
    return dir().resolve(relative);
  }
}
