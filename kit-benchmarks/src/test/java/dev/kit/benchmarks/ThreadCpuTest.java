package dev.kit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreadCpuTest {

  /**
   * A real line of {@code /proc/<pid>/task/<tid>/stat} (utime 735, stime 12 ticks), with a name
   * holding ") (".
   */
  private static final String STAT =
      "11457 (C2 Co) (mpilerThre) S 11440 11440 16513 0 -1 4194368 5129 0 0 0 735 12 0 0 20 0 22 0"
          + " 1093950 3937779712 30218 18446744073709551615 94813392404480 94813392405288 140725977434208 0 0 0 4 0 16898 0 0 0"
          + " -1 1 0 0 0 0 0\n";

  @Test
  void threadName_isBetweenTheFirstOpeningAndTheLastClosingParenthesis() {
    assertThat(ThreadCpu.threadName(STAT)).isEqualTo("C2 Co) (mpilerThre");
  }

  @Test
  void cpuSeconds_addsUserAndSystemTicks_whenTheNameHoldsSpacesAndParentheses() {
    assertThat(ThreadCpu.cpuSeconds(STAT)).isEqualTo(7.47);
  }

  @Test
  void kind_groupsHotSpotsThreads() {
    assertThat(ThreadCpu.kind("C2 CompilerThre")).isEqualTo("JIT C2");
    assertThat(ThreadCpu.kind("C1 CompilerThre")).isEqualTo("JIT C1");
    assertThat(ThreadCpu.kind("GC Thread#1")).isEqualTo("GC");
    assertThat(ThreadCpu.kind("G1 Conc#0")).isEqualTo("GC");
    assertThat(ThreadCpu.kind("VM Thread")).isEqualTo("VM thread");
    assertThat(ThreadCpu.kind("ForkJoinPool.co")).isEqualTo("render workers");
    assertThat(ThreadCpu.kind("java")).isEqualTo("main");
    assertThat(ThreadCpu.kind("Sweeper thread")).isEqualTo("other");
  }
}
