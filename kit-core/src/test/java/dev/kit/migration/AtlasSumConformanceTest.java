package dev.kit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code atlas.sum} byte for byte against files Atlas itself wrote: every directory in {@code
 * test-data/conformance/atlas-sum/} and the atlas-operator samples that embed a migration
 * directory.
 */
class AtlasSumConformanceTest {

  static Stream<String> atlasDirectories() throws IOException {
    try (Stream<Path> dirs = Files.list(TestData.resolve("conformance/atlas-sum"))) {
      return dirs
          .filter(Files::isDirectory)
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("atlasDirectories")
  void sum_isByteIdenticalToAtlas_forUpstreamDirectory(String name) throws IOException {
    Path dir = TestData.resolve("conformance/atlas-sum").resolve(name);

    byte[] sum = MigrationDirectory.read(dir).sum().toBytes();

    assertThat(new String(sum, StandardCharsets.UTF_8))
        .isEqualTo(Files.readString(dir.resolve("atlas.sum"), StandardCharsets.UTF_8));
    assertThat(sum).isEqualTo(Files.readAllBytes(dir.resolve("atlas.sum")));
  }

  static Stream<String> operatorSamples() throws IOException {
    try (Stream<Path> files =
        Files.list(TestData.resolve("conformance/upstream-samples/atlas-operator"))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".yaml"))
          .filter(
              f ->
                  readUnchecked(
                          TestData.resolve("conformance/upstream-samples/atlas-operator")
                              .resolve(f))
                      .contains("atlas.sum:"))
          .sorted()
          .toList()
          .stream();
    }
  }

  /**
   * The samples embed a directory as ConfigMap data: each {@code <name>.sql: |} block literal is a
   * file. Parsing the block literals by hand keeps this test free of the code under test's YAML
   * stack.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("operatorSamples")
  void sum_matchesEmbeddedAtlasSum_forOperatorSample(String sample) throws IOException {
    String yaml =
        Files.readString(
            TestData.resolve("conformance/upstream-samples/atlas-operator").resolve(sample));
    List<MigrationFile> files = new java.util.ArrayList<>();
    String embeddedSum = null;
    Matcher key =
        Pattern.compile("(?m)^(\\s+)([\\w.-]+\\.sql|atlas\\.sum): \\|(-?)\\n").matcher(yaml);
    while (key.find()) {
      String body = blockLiteral(yaml, key.end(), key.group(1).length(), !key.group(3).isEmpty());
      if (key.group(2).equals("atlas.sum")) {
        embeddedSum = body;
      } else {
        files.add(new MigrationFile(key.group(2), body.getBytes(StandardCharsets.UTF_8)));
      }
    }
    assertThat(files).as("migration files in %s", sample).isNotEmpty();
    assertThat(embeddedSum).as("atlas.sum in %s", sample).isNotNull();

    assertThat(new String(new MigrationDirectory(files).sum().toBytes(), StandardCharsets.UTF_8))
        .isEqualTo(embeddedSum);
  }

  /**
   * The text of a YAML block literal starting at {@code start}, indented deeper than {@code
   * keyIndent}.
   */
  private static String blockLiteral(String yaml, int start, int keyIndent, boolean strip) {
    String[] lines = yaml.substring(start).split("\n", -1);
    int indent = -1;
    StringBuilder body = new StringBuilder();
    for (String line : lines) {
      if (line.isBlank()) {
        body.append('\n');
        continue;
      }
      int lead = line.length() - line.stripLeading().length();
      if (lead <= keyIndent) {
        break;
      }
      if (indent < 0) {
        indent = lead;
      }
      body.append(line.substring(indent)).append('\n');
    }
    String text = body.toString().replaceAll("\n+$", "\n");
    return strip ? text.substring(0, text.length() - 1) : text;
  }

  private static String readUnchecked(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
