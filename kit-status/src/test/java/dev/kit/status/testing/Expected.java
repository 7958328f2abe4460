package dev.kit.status.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The exact outputs the tests expect, in {@code kit-status/src/test/resources/expected/}; also read
 * by the sample's test from the test-jar. {@code -Dkit.golden.update=true} rewrites them (then read
 * the diff), as for kit-core's goldens.
 */
public final class Expected {

  private Expected() {}

  /** The expected text of {@code name}, such as {@code shop-prod-status.txt}. */
  public static String text(String name) {
    try (InputStream in = Expected.class.getResourceAsStream("/expected/" + name)) {
      if (in == null) {
        throw new AssertionError(
            "expected output missing: src/test/resources/expected/"
                + name
                + " (run with -Dkit.golden.update=true to write it, then read it)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asserts {@code actual} is the expected {@code name}, or rewrites it in kit-status's sources
   * when updating.
   */
  public static void assertEquals(String name, String actual) {
    if (Boolean.getBoolean("kit.golden.update")) {
      Path file =
          Path.of(System.getProperty("kit.test.data"))
              .getParent()
              .resolve("kit-status/src/test/resources/expected")
              .resolve(name);
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    assertThat(actual).as("src/test/resources/expected/%s", name).isEqualTo(text(name));
  }
}
