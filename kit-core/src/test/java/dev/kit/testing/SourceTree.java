package dev.kit.testing;

import java.nio.file.Path;

/**
 * Paths in this module's source tree (not the copies on the class path), so tests can update
 * goldens.
 */
public final class SourceTree {

  private SourceTree() {}

  public static Path testResources() {
    return moduleRoot().resolve("src/test/resources");
  }

  /** The module's folder: Maven runs tests with it as {@code basedir}. */
  public static Path moduleRoot() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
  }

  /** Whether golden files should be rewritten: {@code -Dkit.golden.update=true}. */
  public static boolean updateGoldens() {
    return Boolean.getBoolean("kit.golden.update");
  }
}
