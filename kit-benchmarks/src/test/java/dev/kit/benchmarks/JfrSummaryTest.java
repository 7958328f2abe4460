package dev.kit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JfrSummaryTest {

  @TempDir Path dir;

  @Test
  void library_namesTheKnownLibrary_whenAClassIsInsideIt() {
    assertThat(JfrSummary.library("tools.jackson.databind.ser.BeanSerializer"))
        .isEqualTo("tools.jackson.databind");
    assertThat(JfrSummary.library("dev.kit.render.CnpgClusterRenderer"))
        .isEqualTo("dev.kit.render");
    assertThat(JfrSummary.library("dev.kit.Generator")).isEqualTo("dev.kit");
  }

  @Test
  void library_keepsThreePackageNames_whenTheLibraryIsUnknown() {
    assertThat(JfrSummary.library("org.example.deep.inside.Thing")).isEqualTo("org.example.deep");
    assertThat(JfrSummary.library("org.example.Thing")).isEqualTo("org.example");
    assertThat(JfrSummary.library("Thing")).isEqualTo("(default package)");
  }

  @Test
  void threadGroup_foldsNumberedPoolThreads() {
    assertThat(JfrSummary.threadGroup("ForkJoinPool.commonPool-worker-13"))
        .isEqualTo("ForkJoinPool.commonPool-worker-*");
    assertThat(JfrSummary.threadGroup("main")).isEqualTo("main");
  }

  @Test
  void summarize_findsTheBusyMethod_whenARecordingSampledIt() throws Exception {
    Path file = dir.resolve("run.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      recording.enable("jdk.ClassLoadingStatistics").withPeriod(Duration.ofMillis(100));
      recording.start();
      spin(Duration.ofMillis(1_500));
      recording.stop();
      recording.dump(file);
    }

    String summary = JfrSummary.summarize(RecordingFile.readAllEvents(file), 50);

    assertThat(summary)
        .contains("hottest methods (self):")
        .contains(JfrSummaryTest.class.getName() + ".spin")
        .containsPattern("classes loaded: [1-9]\\d*");
  }

  private static long spin(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    long sum = 0;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 10_000; i++) {
        sum += i * 31L ^ sum;
      }
    }
    return sum;
  }
}
