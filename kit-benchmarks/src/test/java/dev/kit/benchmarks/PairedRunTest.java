package dev.kit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.Generator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pieces of the paired kit/cdk8s comparison that need no second process: statistics, parsing,
 * clean-up.
 */
class PairedRunTest {

  @TempDir Path repo;

  @Test
  void median_isTheMiddleValue_whenTheCountIsOdd() {
    assertThat(PairedRun.median(new double[] {9.0, 1.0, 5.0, 7.0, 2.0})).isEqualTo(5.0);
  }

  @Test
  void median_isTheMeanOfTheTwoMiddleValues_whenTheCountIsEven() {
    assertThat(PairedRun.median(new double[] {4.0, 1.0, 3.0, 10.0})).isEqualTo(3.5);
  }

  @Test
  void median_fails_whenThereAreNoValues() {
    assertThatThrownBy(() -> PairedRun.median(new double[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void median_leavesTheValuesInTheirOrder() {
    double[] values = {3.0, 1.0, 2.0};

    PairedRun.median(values);

    assertThat(values).containsExactly(3.0, 1.0, 2.0);
  }

  @Test
  void parseTime_addsUserAndSystemTimeAndReadsThePeakRss_whenGnuTimeWroteMoreLines() {
    String gnuTime =
        "Command terminated by signal 0\n" + PairedRun.TIME_MARKER + " 12.34 0.66 461236\n";

    PairedRun.Usage usage = PairedRun.parseTime(gnuTime, 7.5);

    assertThat(usage.wallSeconds()).isEqualTo(7.5);
    assertThat(usage.cpuSeconds()).isCloseTo(13.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(usage.peakRssKb()).isEqualTo(461_236);
  }

  @Test
  void parseTime_fails_whenTheMarkedLineIsMissing() {
    assertThatThrownBy(() -> PairedRun.parseTime("0.01 0.00 1234\n", 1.0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(PairedRun.TIME_MARKER);
  }

  @Test
  void checkOutput_accepts_whenKitWroteEveryFileColdAndNothingOnTheNoOp() {
    PairedRun.checkOutput(
        false, true, 10, "log line\nkit-run files=151 written=844166 generate-ns=1\n");
    PairedRun.checkOutput(false, false, 10, "kit-run files=151 written=0 generate-ns=1\n");
    PairedRun.checkOutput(false, true, 10, "kit-run files=151 changed=151\n");
    PairedRun.checkOutput(false, false, 10, "kit-run files=151 changed=0\n");
    PairedRun.checkOutput(
        true, false, 10, "cdk8s-run services=10 objects=120 files=150 read-ms=28\n");
  }

  @Test
  void checkOutput_fails_whenKitsNoOpWroteBytes() {
    assertThatThrownBy(
            () ->
                PairedRun.checkOutput(
                    false, false, 10, "kit-run files=151 written=12 generate-ns=1\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no-op wrote 12 bytes");
  }

  @Test
  void checkOutput_fails_whenKitsNoOpChangedFiles() {
    assertThatThrownBy(
            () -> PairedRun.checkOutput(false, false, 10, "kit-run files=151 changed=1\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no-op changed 1 of its files");
  }

  @Test
  void checkOutput_fails_whenThePeerWroteAnotherNumberOfFiles() {
    assertThatThrownBy(
            () -> PairedRun.checkOutput(true, true, 10, "cdk8s-run services=10 files=140\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expected 150 files");
  }

  @Test
  void checkOutput_fails_whenTheRunPrintedNoResultLine() {
    assertThatThrownBy(
            () -> PairedRun.checkOutput(false, true, 10, "Exception in thread \"main\"\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no line starting with kit-run");
  }

  @Test
  void removeOutput_keepsOnlyTheMigrations_whenKitWroteItsFilesAndCache() throws IOException {
    Workload workload = new Workload(2);
    workload.writeMigrations(repo);
    List<String> migrations = files();
    Generator.forRepository(repo)
        .source("test")
        .cache(repo.resolve(WholeProcessRun.CACHE))
        .generate(workload.kit());
    Files.writeString(
        Files.createDirectories(repo.resolve("services/svc-00001/manifests/database"))
            .resolve("Cluster.k8s.yaml"),
        "x");
    assertThat(Files.exists(repo.resolve(WholeProcessRun.CACHE))).isTrue();

    PairedRun.removeOutput(repo);

    assertThat(files()).isEqualTo(migrations);
    assertThat(repo.resolve("target")).doesNotExist();
    assertThat(repo.resolve("platform")).doesNotExist();
    assertThat(repo.resolve("services/svc-00001/manifests")).doesNotExist();
    assertThat(
            Files.readAllBytes(
                repo.resolve("services/svc-00002/migrations/" + Workload.migrationName(3))))
        .isEqualTo(Workload.migration(1, 3));
  }

  @Test
  void table_givesKitOverCdk8sInWallAndCpuTime_perRow() {
    PairedRun.Row row = new PairedRun.Row(1_000, "cold", "-Xmx512m", 9.0, 15.0, 450, 6.0, 6.0, 95);

    String table = PairedRun.table(List.of(row));

    assertThat(row.ratio()).isEqualTo(1.5);
    assertThat(row.cpuRatio()).isEqualTo(2.5);
    assertThat(table.lines().skip(1).findFirst().orElseThrow())
        .matches(
            " +1000 +cold +9\\.00 +15\\.00 +6\\.00 +6\\.00 +1\\.50 +2\\.50 +450 +95  -Xmx512m");
  }

  @Test
  void parse_keepsEachJvmAsAContender_andDefaultsToA512MbHeap() {
    assertThat(PairedRun.Options.parse().jvms()).containsExactly("-Xmx512m");
    PairedRun.Options options =
        PairedRun.Options.parse(
            "--services=100",
            "--runs=3",
            "--jvm=-Xmx512m",
            "--jvm= -Xmx512m -XX:TieredStopAtLevel=1 ");

    assertThat(options.services()).containsExactly(100);
    assertThat(options.runs()).isEqualTo(3);
    assertThat(options.jvms()).containsExactly("-Xmx512m", "-Xmx512m -XX:TieredStopAtLevel=1");
  }

  @Test
  void parse_fails_whenAnOptionIsUnknown() {
    assertThatThrownBy(() -> PairedRun.Options.parse("--service=100"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option --service=100");
  }

  @Test
  void installPeer_saysWhereItLooked_whenTheSourceIsMissing() {
    assertThatThrownBy(() -> PairedRun.installPeer(repo.resolve("nowhere"), repo.resolve("peer")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("full.js")
        .hasMessageContaining("--peer-source");
  }

  private List<String> files() throws IOException {
    try (Stream<Path> paths = Files.walk(repo)) {
      return paths
          .filter(Files::isRegularFile)
          .map(path -> repo.relativize(path).toString())
          .sorted()
          .toList();
    }
  }
}
