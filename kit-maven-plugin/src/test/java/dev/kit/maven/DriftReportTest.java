package dev.kit.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.migration.HistoryCheck;
import dev.kit.write.Drift;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DriftReportTest {

  @Test
  void failure_listsEachFileWithWhatIsWrong_andEndsWithTheCommand() {
    Drift drift =
        new Drift(
            List.of("services/orders/atlas.hcl"),
            List.of("services/orders/application.yaml"),
            List.of("services/legacy/application.yaml"),
            List.of("services/orders/manifests/migrations/job.yaml"),
            List.of(),
            new TreeMap<>(),
            List.of());

    assertThat(DriftReport.failure(drift, "it.shop.ShopServices"))
        .isEqualTo(
            """
        kit: the files under services/ are not what it.shop.ShopServices generates:
          missing: services/orders/atlas.hcl
          stale: services/orders/application.yaml
          extra: services/legacy/application.yaml
        Run 'mvn kit:generate' to update 3 files.""");
  }

  @Test
  void failure_asksToMoveFilesBeforeUpdating_whenConflictsAndOtherDrift() {
    Drift drift =
        new Drift(
            List.of("services/orders/atlas.hcl"),
            List.of("services/orders/application.yaml"),
            List.of("services/legacy/application.yaml"),
            List.of("services/orders/manifests/migrations/job.yaml"),
            List.of("services/orders/manifests/database/cluster.yaml exists without the header"),
            new TreeMap<>(),
            List.of());

    assertThat(DriftReport.failure(drift, "it.shop.ShopServices"))
        .isEqualTo(
            """
        kit: the files under services/ are not what it.shop.ShopServices generates:
          missing: services/orders/atlas.hcl
          stale: services/orders/application.yaml
          extra: services/legacy/application.yaml
          conflict: services/orders/manifests/database/cluster.yaml exists without the header
        Move the conflicting files away, then run 'mvn kit:generate' to update 3 files.""");
  }

  @Test
  void historyFailure_listsEachProblem_underTheBase() {
    HistoryCheck history =
        new HistoryCheck(
            Optional.of("origin/main"),
            List.of("services/orders/migrations/1_a.sql changed since origin/main; restore it"),
            Optional.empty());

    assertThat(DriftReport.historyFailure(history))
        .isEqualTo(
            """
        kit: migrations already at origin/main must not change:
          history: services/orders/migrations/1_a.sql changed since origin/main; restore it""");
  }

  @Test
  void historyFailure_saysTheGuardCouldNotRun_withoutABase() {
    HistoryCheck history =
        new HistoryCheck(
            Optional.empty(),
            List.of(
                "base revision origin/mian is not a commit in this clone; fetch it (git fetch origin) or pass another -Dkit.base"),
            Optional.empty());

    assertThat(DriftReport.historyFailure(history))
        .isEqualTo(
            """
        kit: the migration history guard could not run:
          history: base revision origin/mian is not a commit in this clone; fetch it (git fetch origin) or pass another -Dkit.base""");
  }

  @Test
  void failure_saysOneFile_whenOneChange() {
    Drift drift =
        drift(
            List.of(), List.of("services/orders/application.yaml"), List.of(), List.of(), Map.of());

    assertThat(DriftReport.failure(drift, "it.shop.ShopServices"))
        .endsWith("\nRun 'mvn kit:generate' to update 1 file.");
  }

  @Test
  void failure_asksToMoveFilesFirst_whenOnlyConflicts() {
    Drift drift =
        drift(
            List.of(), List.of(), List.of(), List.of("services/orders/atlas.hcl exists"), Map.of());

    assertThat(DriftReport.failure(drift, "it.shop.ShopServices"))
        .doesNotContain("to update")
        .endsWith(
            "\n  conflict: services/orders/atlas.hcl exists\nMove the conflicting files away, then run 'mvn kit:generate'.");
  }

  @Test
  void upToDate_countsUnchangedFiles() {
    Drift six =
        drift(List.of(), List.of(), List.of("a", "b", "c", "d", "e", "f"), List.of(), Map.of());
    Drift one = drift(List.of(), List.of(), List.of("a"), List.of(), Map.of());

    assertThat(DriftReport.upToDate(six)).isEqualTo("kit: 6 generated files are up to date.");
    assertThat(DriftReport.upToDate(one)).isEqualTo("kit: 1 generated file is up to date.");
  }

  @Test
  void diffLines_areEveryDiffInPathOrder_whenShort() {
    Drift drift =
        drift(
            List.of("b.yaml"),
            List.of("a.yaml"),
            List.of(),
            List.of(),
            Map.of(
                "b.yaml", "--- /dev/null\n+++ b/b.yaml\n@@ -0,0 +1 @@\n+kind: Job\n",
                "a.yaml", "--- a/a.yaml\n+++ b/a.yaml\n@@ -1 +1 @@\n-old\n+new\n"));

    assertThat(DriftReport.diffLines(drift))
        .containsExactly(
            "--- a/a.yaml",
            "+++ b/a.yaml",
            "@@ -1 +1 @@",
            "-old",
            "+new",
            "--- /dev/null",
            "+++ b/b.yaml",
            "@@ -0,0 +1 @@",
            "+kind: Job");
  }

  @Test
  void diffLines_cutsEachDiff_whenLongerThanTheLimit() {
    int total = DriftReport.MAX_DIFF_LINES + 25;
    String diff =
        IntStream.range(0, total)
            .mapToObj(i -> "+line " + i)
            .collect(Collectors.joining("\n", "", "\n"));
    Drift drift =
        drift(List.of("big.yaml"), List.of(), List.of(), List.of(), Map.of("big.yaml", diff));

    List<String> lines = DriftReport.diffLines(drift);

    assertThat(lines).hasSize(DriftReport.MAX_DIFF_LINES + 1);
    assertThat(lines.get(DriftReport.MAX_DIFF_LINES - 1))
        .isEqualTo("+line " + (DriftReport.MAX_DIFF_LINES - 1));
    assertThat(lines.get(DriftReport.MAX_DIFF_LINES))
        .isEqualTo(
            "... 25 more lines for big.yaml; run 'mvn kit:generate', then 'git diff' to see them all");
  }

  private static Drift drift(
      List<String> missing,
      List<String> stale,
      List<String> unchanged,
      List<String> conflicts,
      Map<String, String> diffs) {
    return new Drift(
        missing, stale, List.of(), unchanged, conflicts, new TreeMap<>(diffs), List.of());
  }
}
