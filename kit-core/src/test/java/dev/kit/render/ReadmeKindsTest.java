package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.testing.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The README's "What it writes" tables are the kinds registries, row for row: a new kind shows up
 * there or fails here.
 */
class ReadmeKindsTest {

  /** The table rows of the README's "What it writes" section, in order. */
  private static List<String> readmeRows() throws IOException {
    List<String> lines =
        Files.readAllLines(
            SourceTree.moduleRoot().getParent().resolve("README.md"), StandardCharsets.UTF_8);
    int start = lines.indexOf("## What it writes");
    assertThat(start).as("README section \"What it writes\"").isNotNegative();
    List<String> rows = new ArrayList<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      if (line.startsWith("| `")) {
        rows.add(line);
      }
    }
    return rows;
  }

  private static String row(String file, String what, Optional<SyncWave> wave, String when) {
    return "| `"
        + file
        + "` | "
        + what
        + " | "
        + wave.map(w -> Integer.toString(w.value())).orElse("")
        + " | "
        + when
        + " |";
  }

  @Test
  void whatItWrites_listsEveryKind_inRegistryOrder() throws IOException {
    List<String> expected = new ArrayList<>();
    PlatformKinds.all()
        .forEach(
            kind -> expected.add(row(kind.file(), kind.description(), kind.wave(), kind.when())));
    ServiceKinds.all()
        .forEach(
            kind ->
                expected.add(
                    row(
                        kind.file(),
                        kind.description(),
                        kind.wave(),
                        kind.requirement().map(what -> "with " + what).orElse("always"))));

    assertThat(readmeRows()).containsExactlyElementsOf(expected);
  }
}
