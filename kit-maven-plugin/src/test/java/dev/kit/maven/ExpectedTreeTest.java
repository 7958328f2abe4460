package dev.kit.maven;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The invoker ITs' tree comparison: every file byte for byte, nothing missing, nothing extra,
 * placeholders replaced.
 */
class ExpectedTreeTest {

  @TempDir Path basedir;

  private void write(String path, String content) throws IOException {
    Path file = basedir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void assertMatches_passes_whenEveryFileIsAsExpected() throws IOException {
    write("expected/services/orders/application.yaml", "a: 1\n");
    write("expected/platform/argocd-cm.yaml", "b: 2\n");
    write("services/orders/application.yaml", "a: 1\n");
    write("platform/argocd-cm.yaml", "b: 2\n");
    write("src/test/java/Ignored.java", "class Ignored {}\n");

    ExpectedTree.assertMatches(basedir.toFile());
  }

  @Test
  void assertMatches_namesEachMissingExtraAndDifferingFile_withTheFirstDifferingLine()
      throws IOException {
    write("expected/services/orders/application.yaml", "a: 1\nb: 2\nc: 3\n");
    write("expected/services/orders/atlas.hcl", "env {}\n");
    write("services/orders/application.yaml", "a: 1\nb: 20\nc: 3\n");
    write("services/orders/RUNBOOK.md", "# orders\n");
    write("platform/root.yaml", "kind: Application\n");

    assertThatThrownBy(() -> ExpectedTree.assertMatches(basedir.toFile()))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "the tree under "
                + basedir
                + " is not expected/ (4 differences):\n"
                + "  platform/root.yaml: not expected\n"
                + "  services/orders/RUNBOOK.md: not expected\n"
                + "  services/orders/application.yaml: line 2 differs\n"
                + "      expected: b: 2\n"
                + "      actual:   b: 20\n"
                + "  services/orders/atlas.hcl: missing");
  }

  @Test
  void assertMatches_comparesBytes_whenOnlyLineEndingsDiffer() throws IOException {
    write("expected/services/orders/application.yaml", "a: 1\n");
    write("services/orders/application.yaml", "a: 1\r\n");

    assertThatThrownBy(() -> ExpectedTree.assertMatches(basedir.toFile()))
        .hasMessageContaining("services/orders/application.yaml: line 1 differs");
  }

  @Test
  void assertMatches_replacesPlaceholdersInPathsAndContents_whenGiven() throws IOException {
    write(
        "expected/services/orders/migrations/@version@_add_users.sql", "-- @version@_add_users\n");
    write(
        "services/orders/migrations/20261201120000_add_users.sql", "-- 20261201120000_add_users\n");

    ExpectedTree.assertMatches(basedir.toFile(), Map.of("@version@", "20261201120000"));
    assertThatThrownBy(
            () ->
                ExpectedTree.assertMatches(basedir.toFile(), Map.of("@version@", "20261201120001")))
        .hasMessageContaining(
            "services/orders/migrations/20261201120000_add_users.sql: not expected")
        .hasMessageContaining("services/orders/migrations/20261201120001_add_users.sql: missing");
  }

  @Test
  void assertMatches_fails_whenThereIsNoExpectedTree() {
    assertThatThrownBy(() -> ExpectedTree.assertMatches(basedir.toFile()))
        .hasMessageContaining(basedir.resolve("expected") + " does not exist");
  }
}
