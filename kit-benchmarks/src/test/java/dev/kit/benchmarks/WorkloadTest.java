package dev.kit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.testing.FullService;
import org.junit.jupiter.api.Test;

class WorkloadTest {

  /**
   * kit-core's cold-path guards cannot reach this module, so they hold their own copy of a service:
   * it must stay the one the benchmarks measure.
   */
  @Test
  void kit_describesEachServiceAsTheColdPathGuardsDo() {
    assertThat(new Workload(1).kit()).isEqualTo(FullService.kit(Workload.serviceName(0)));
  }
}
