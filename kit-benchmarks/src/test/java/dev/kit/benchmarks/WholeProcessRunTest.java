package dev.kit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WholeProcessRunTest {

  @TempDir Path repo;

  @AfterEach
  void clearProperty() {
    System.clearProperty(WholeProcessRun.FIGURES);
  }

  @Test
  void main_printsItsOwnFigures_byDefault() {
    new Workload(2).writeMigrations(repo);

    Map<String, String> fields = run();

    assertThat(fields)
        .containsEntry("files", "31")
        .containsEntry("changed", "31")
        .containsKeys("written", "generate-ns", "heap-peak", "heap-after-gc");
    assertThat(Long.parseLong(fields.get("written"))).isPositive();
  }

  @Test
  void main_printsOnlyFilesAndChanges_whenFiguresAreOff() {
    new Workload(2).writeMigrations(repo);
    System.setProperty(WholeProcessRun.FIGURES, "false");

    Map<String, String> cold = run();
    Map<String, String> noOp = run();

    assertThat(cold).containsOnly(Map.entry("files", "31"), Map.entry("changed", "31"));
    assertThat(noOp).containsOnly(Map.entry("files", "31"), Map.entry("changed", "0"));
  }

  private Map<String, String> run() {
    PrintStream out = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
      WholeProcessRun.main(new String[] {repo.toString(), "2"});
    } finally {
      System.setOut(out);
    }
    return PairedRun.fields(buffer.toString(StandardCharsets.UTF_8), WholeProcessRun.PREFIX);
  }
}
