package dev.kit.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The upstream test data vendored in the repository's {@code test-data/} folder (CRDs, schemas,
 * Atlas-written directories, upstream samples, Argo CD's health scripts; origins in its
 * SOURCES.md), located by the {@code kit.test.data} system property that the root POM sets. A
 * missing folder or file fails the test: a clone always carries its test data, so nothing here ever
 * skips.
 */
public final class TestData {

  private TestData() {}

  public static Path dir() {
    String property = System.getProperty("kit.test.data");
    if (property == null) {
      throw new AssertionError(
          "system property kit.test.data is not set; run the tests through Maven (the root POM sets it)"
              + " or pass -Dkit.test.data=<repository>/test-data");
    }
    Path dir = Path.of(property).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new AssertionError(
          "test data not found at " + dir + " (kit.test.data); it is part of the repository");
    }
    return dir;
  }

  /** {@code relative} under the test data; fails when it does not exist. */
  public static Path resolve(String relative) {
    Path path = dir().resolve(relative);
    if (!Files.exists(path)) {
      throw new AssertionError("test data missing: " + path + " (see test-data/SOURCES.md)");
    }
    return path;
  }
}
