package dev.kit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.testing.SourceTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * kit-core's packages depend on each other in one direction only, read from the sources: every
 * {@code import} and every fully qualified {@code dev.kit...} name in code (not in comments or
 * strings). Constants the compiler inlines count too, which a look at the compiled classes would
 * miss.
 */
class PackageDependenciesTest {

  private static final Pattern PACKAGE = Pattern.compile("(?m)^package (dev\\.kit[\\w.]*);");

  /** A type of kit: a package of lower-case segments, then a capitalized name. */
  private static final Pattern KIT_TYPE =
      Pattern.compile("\\bdev\\.kit((?:\\.[a-z]\\w*)*)\\.[A-Z]");

  /** Each main package of kit-core and the kit packages it uses. */
  static Map<String, Set<String>> dependencies() {
    Map<String, Set<String>> dependencies = new TreeMap<>();
    Path sources = SourceTree.moduleRoot().resolve("src/main/java");
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher declared = PACKAGE.matcher(text);
        if (!declared.find()) {
          continue;
        }
        String own = declared.group(1);
        Set<String> used = dependencies.computeIfAbsent(own, p -> new TreeSet<>());
        Matcher type = KIT_TYPE.matcher(code(text));
        while (type.find()) {
          String other = "dev.kit" + type.group(1);
          if (!other.equals(own)) {
            used.add(other);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dependencies;
  }

  @Test
  void packages_formNoCycle() {
    Map<String, Set<String>> dependencies = dependencies();
    List<String> cycles = new ArrayList<>();
    for (String start : dependencies.keySet()) {
      path(dependencies, start, start, new ArrayList<>(List.of(start)), new TreeSet<>())
          .ifPresent(cycles::add);
    }
    assertThat(cycles).as("package cycles").isEmpty();
  }

  @Test
  void render_neverUsesValidate() {
    assertThat(dependencies().get("dev.kit.render")).doesNotContain("dev.kit.validate");
  }

  /**
   * The providers are loaded from their list (META-INF/services), so a provider's package may use
   * render.
   */
  @Test
  void render_neverUsesAProviderPackage() {
    assertThat(dependencies().get("dev.kit.render"))
        .noneMatch(p -> p.startsWith("dev.kit.provider"));
    assertThat(dependencies()).containsKey("dev.kit.provider.existing");
  }

  /**
   * FreeMarker stays off the generate path: its first template costs a cold run ~0.3 s of CPU and
   * ~520 classes (kit-benchmarks/PROFILE.md, sections 9 and 11.4), so no renderer uses
   * kit-templates; only the skeleton {@code kit:new-migration} writes ({@code
   * dev.kit.NewMigrations}) comes from it.
   */
  @Test
  void templates_usedOnlyByTheFacade() {
    assertThat(
            dependencies().entrySet().stream()
                .filter(entry -> entry.getValue().contains("dev.kit.templates"))
                .map(Map.Entry::getKey))
        .containsExactly("dev.kit");
  }

  @Test
  void layout_usesOnlyTheModel() {
    assertThat(dependencies().get("dev.kit.layout")).containsOnly("dev.kit.model");
  }

  @Test
  void model_usesNoOtherPackage() {
    assertThat(dependencies().get("dev.kit.model")).isEmpty();
  }

  /**
   * The text without its comments and its string, text block and character literals, which name
   * without using.
   */
  static String code(String text) {
    StringBuilder code = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("//", i)) {
        i = end(text.indexOf('\n', i), text);
      } else if (text.startsWith("/*", i)) {
        i = end(text.indexOf("*/", i + 2), text) + 2;
      } else if (text.startsWith("\"\"\"", i)) {
        i = end(text.indexOf("\"\"\"", i + 3), text) + 3;
      } else if (text.charAt(i) == '"' || text.charAt(i) == '\'') {
        char quote = text.charAt(i++);
        while (i < text.length() && text.charAt(i) != quote) {
          i += text.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
      } else {
        code.append(text.charAt(i++));
        continue;
      }
      code.append(' ');
    }
    return code.toString();
  }

  private static int end(int found, String text) {
    return found < 0 ? text.length() : found;
  }

  /** A path from {@code from} back to {@code start}, as text, if there is one. */
  private static java.util.Optional<String> path(
      Map<String, Set<String>> dependencies,
      String start,
      String from,
      List<String> path,
      Set<String> seen) {
    for (String next : dependencies.getOrDefault(from, Set.of())) {
      if (next.equals(start)) {
        return java.util.Optional.of(String.join(" -> ", path) + " -> " + start);
      }
      if (seen.add(next)) {
        path.add(next);
        java.util.Optional<String> found = path(dependencies, start, next, path, seen);
        if (found.isPresent()) {
          return found;
        }
        path.remove(path.size() - 1);
      }
    }
    return java.util.Optional.empty();
  }
}
