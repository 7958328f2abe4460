package dev.kit.maven;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The comparison an invoker IT's {@code verify.groovy} runs after goals that write files: its
 * {@code expected/} folder holds the whole tree kit must leave under {@code services/} and {@code
 * platform/}, the inputs included, byte for byte. A placeholder such as {@code @version@} stands
 * for what differs on every run (a new migration's UTC version); the script passes its value, and
 * it is replaced in the expected paths and contents.
 *
 * <pre>{@code
 * dev.kit.maven.ExpectedTree.assertMatches(basedir)    // in verify.groovy; the scripts see the plugin's test classes
 * }</pre>
 */
public final class ExpectedTree {

  /** The folders kit writes, compared whether or not {@code expected/} has them. */
  private static final List<String> ROOTS = List.of("services", "platform");

  private ExpectedTree() {}

  /** Compares {@code basedir}'s tree with {@code basedir/expected}. */
  public static void assertMatches(File basedir) {
    assertMatches(basedir, Map.of());
  }

  /**
   * Compares {@code basedir}'s tree with {@code basedir/expected}, each {@code placeholders} key in
   * the expected paths and contents replaced by its value.
   *
   * @throws AssertionError listing every missing and extra file and, for each file that differs,
   *     its first differing line
   */
  public static void assertMatches(File basedir, Map<String, String> placeholders) {
    List<String> differences =
        differences(basedir.toPath(), basedir.toPath().resolve("expected"), placeholders);
    if (!differences.isEmpty()) {
      throw new AssertionError(
          "the tree under "
              + basedir
              + " is not expected/ ("
              + differences.size()
              + " differences):\n  "
              + String.join("\n  ", differences));
    }
  }

  /**
   * Every difference between the tree under {@code actual} and {@code expected}, one per file,
   * sorted by path.
   */
  static List<String> differences(Path actual, Path expected, Map<String, String> placeholders) {
    if (!Files.isDirectory(expected)) {
      return List.of(expected + " does not exist: add the expected tree");
    }
    Map<String, byte[]> want = new TreeMap<>();
    files(expected)
        .forEach(
            (path, bytes) ->
                want.put(
                    replace(path, placeholders),
                    placeholders.isEmpty()
                        ? bytes
                        : replace(new String(bytes, StandardCharsets.UTF_8), placeholders)
                            .getBytes(StandardCharsets.UTF_8)));
    Map<String, byte[]> have = new TreeMap<>();
    TreeSet<String> roots = new TreeSet<>(ROOTS);
    want.keySet().forEach(path -> roots.add(path.split("/", 2)[0]));
    for (String root : roots) {
      if (Files.isDirectory(actual.resolve(root))) {
        files(actual.resolve(root)).forEach((path, bytes) -> have.put(root + "/" + path, bytes));
      }
    }
    List<String> differences = new ArrayList<>();
    TreeSet<String> paths = new TreeSet<>(want.keySet());
    paths.addAll(have.keySet());
    for (String path : paths) {
      byte[] wanted = want.get(path);
      byte[] found = have.get(path);
      if (found == null) {
        differences.add(path + ": missing");
      } else if (wanted == null) {
        differences.add(path + ": not expected");
      } else if (!Arrays.equals(wanted, found)) {
        differences.add(
            path
                + ": "
                + firstDifference(
                    new String(wanted, StandardCharsets.UTF_8),
                    new String(found, StandardCharsets.UTF_8)));
      }
    }
    return differences;
  }

  /** The first line where {@code expected} and {@code actual} differ, with both versions. */
  static String firstDifference(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.max(a.length, e.length); i++) {
      String el = i < e.length ? e[i] : "<end of file>";
      String al = i < a.length ? a[i] : "<end of file>";
      if (!el.equals(al)) {
        return "line " + (i + 1) + " differs\n      expected: " + el + "\n      actual:   " + al;
      }
    }
    return "same lines, different bytes (line endings or encoding)";
  }

  /** The regular files under {@code root}, by path relative to it with {@code /}. */
  private static Map<String, byte[]> files(Path root) {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(
            root.relativize(file).toString().replace(File.separatorChar, '/'),
            Files.readAllBytes(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + root, e);
    }
    return files;
  }

  private static String replace(String text, Map<String, String> placeholders) {
    String replaced = text;
    for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
      replaced = replaced.replace(placeholder.getKey(), placeholder.getValue());
    }
    return replaced;
  }
}
