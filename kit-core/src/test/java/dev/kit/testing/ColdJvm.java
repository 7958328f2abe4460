package dev.kit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test class's {@code main} in a fresh JVM that logs every class it loads, for the tests
 * that guard what a cold run spins or bootstraps ({@code ColdValidationTest}, {@code
 * ColdRenderTest}, {@code ColdGenerationTest}).
 */
public final class ColdJvm {

  private static final String LOADED = "[class,load] ";

  private ColdJvm() {}

  /**
   * The lines the child printed, the class-load log's among them in the order things happened;
   * fails unless it ended within a minute with status 0.
   */
  public static List<String> run(Class<?> main, String... args)
      throws IOException, InterruptedException {
    // Surefire may hand the tests an isolated class loader: its own property has the class path.
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xlog:class+load=info:stdout:tags");
    command.add("-cp");
    command.add(classPath);
    command.add(main.getName());
    command.addAll(List.of(args));
    Path output = Files.createTempFile("cold-jvm", ".txt");
    try {
      Process child =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!child.waitFor(60, TimeUnit.SECONDS)) {
        child.destroyForcibly();
        throw new AssertionError("the child JVM did not end within 60 s");
      }
      List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
      assertThat(child.exitValue()).as(String.join("\n", lines)).isZero();
      return lines;
    } finally {
      Files.delete(output);
    }
  }

  /**
   * The classes {@code lines} say were loaded, in order ({@code "[class,load] java.lang.String
   * source: shared objects file"}); fails unless {@code expected} are among them, so that a changed
   * log format cannot leave a test nothing to look at.
   */
  public static List<String> classesLoaded(List<String> lines, String... expected) {
    List<String> loaded = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith(LOADED)) {
        int end = line.indexOf(' ', LOADED.length());
        loaded.add(line.substring(LOADED.length(), end < 0 ? line.length() : end));
      }
    }
    assertThat(loaded).contains(expected);
    return loaded;
  }
}
