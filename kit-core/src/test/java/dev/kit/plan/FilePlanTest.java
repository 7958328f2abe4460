package dev.kit.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilePlanTest {

  private static final int MIB = 1024 * 1024;

  /** What the current thread allocated so far, as the JVM counts it. */
  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  private static byte[] generatedFile(int size) {
    byte[] header = GeneratedHeader.line("test").getBytes(StandardCharsets.UTF_8);
    byte[] content = Arrays.copyOf(header, size);
    Arrays.fill(content, header.length, size, (byte) 'x');
    return content;
  }

  @Test
  void add_keepsTheRenderedBytesWithoutACopy_whenPlanningALargeFile() {
    byte[] content = generatedFile(4 * MIB);
    FilePlan.builder().add("services/a/warm-up.yaml", generatedFile(64)).build();

    long before = allocated();
    FilePlan plan = FilePlan.builder().add("services/a/big.yaml", content).build();
    long copied = allocated() - before;

    assertThat(copied).isLessThan(MIB);
    assertThat(plan.matches("services/a/big.yaml", generatedFile(4 * MIB))).isTrue();
  }

  @Test
  void addAtlasSum_refusesNullContent_whenTheCallerHasNoBytes() {
    FilePlan.Builder builder = FilePlan.builder();

    // Kept, null would fail only when the plan is written, and let the path be planned again.
    assertThatNullPointerException()
        .isThrownBy(() -> builder.addAtlasSum("services/a/migrations/atlas.sum", null))
        .withMessage("content");
    FilePlan plan = builder.build();
    assertThat(plan.paths()).isEmpty();
    assertThat(plan.isHeaderless("services/a/migrations/atlas.sum")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "services//a.yaml",
        "services/./a.yaml",
        "services/a/.",
        "services/a/..",
        "services/a/../b.yaml",
        "services/a/",
        "services\\a.yaml",
        "services/c:a.yaml"
      })
  void add_refusesAPathNormalisingWouldChange_whenTheWriterKeysFilesByTheirText(String path) {
    // "services//a.yaml" beside a generated "services/a.yaml" was written and then deleted as
    // stale.
    assertThatIllegalArgumentException()
        .isThrownBy(() -> FilePlan.builder().add(path, generatedFile(64)))
        .withMessage(
            "a planned path must be a file under [platform, services], its names joined by single"
                + " '/' with no empty, '.' or '..' name and no '\\' or ':': "
                + path);
  }
}
