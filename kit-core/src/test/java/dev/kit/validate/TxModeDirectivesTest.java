package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.migration.AtlasFileDirectives;
import dev.kit.migration.MigrationFile;
import dev.kit.model.TxMode;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TxModeDirectivesTest {

  private static final List<String> LINES =
      List.of(
          "-- atlas:txmode none",
          "-- atlas:txmode all",
          "# atlas:txmode bogus",
          "--atlas:txmode  file",
          "-- atlas:txmodes all",
          "-- note",
          "- atlas:txmode all",
          "SELECT 1; -- atlas:txmode all",
          "");

  @Test
  void check_agreesWithAtlasFileDirectivesOnTheWholeFile_forEveryShortHeader() {
    List<String> files = new ArrayList<>();
    for (String a : LINES) {
      for (String b : LINES) {
        for (String c : LINES) {
          files.add(a + "\n" + b + "\n" + c + "\nSELECT 2;\n");
          files.add(a + "\r\n" + b + "\r\n" + c);
        }
      }
    }
    String padding = "-- a header longer than the first bytes read\n".repeat(120);
    files.add(padding + "-- atlas:txmode all\n\nSELECT 1;\n");
    files.add(padding + "-- atlas:txmode none\n\nSELECT 1;\n");
    files.add(padding + "\n-- atlas:txmode all\n\nSELECT 1;\n");
    List<String> mismatches = new ArrayList<>();
    for (String text : files) {
      for (TxMode global : TxMode.values()) {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        Optional<String> expected = refusal(content, global);
        Optional<String> found =
            TxModeDirectives.check("f", new MigrationFile("1_a.sql", content), global)
                .map(Violation::problem);
        if (!found.equals(expected)) {
          mismatches.add(global + " " + text.replace("\n", "\\n") + ": " + found);
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  private static Optional<String> refusal(byte[] content, TxMode global) {
    try {
      AtlasFileDirectives.read(new String(content, java.nio.charset.StandardCharsets.UTF_8))
          .txMode(global, "1_a.sql");
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("Atlas refuses the file: " + e.getMessage());
    }
  }

  @Test
  void check_copiesNothing_whenTheHeaderNamesNoTxMode() {
    MigrationFile file =
        new MigrationFile(
            "1_a.sql",
            ("-- orders: the first table\n\n" + "CREATE TABLE orders (id bigint);\n".repeat(64))
                .getBytes(StandardCharsets.UTF_8));
    TxModeDirectives.check("f", file, TxMode.FILE);

    long before = allocated();
    int refused = 0;
    for (int i = 0; i < 1000; i++) {
      refused += TxModeDirectives.check("f", file, TxMode.FILE).isPresent() ? 1 : 0;
    }
    long allocated = allocated() - before;

    assertThat(refused).isZero();
    // A copy of the file's first bytes per call would be 2 MB.
    assertThat(allocated).isLessThan(100_000);
  }

  /** What the current thread allocated so far, as the JVM counts it. */
  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }
}
