package dev.kit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationDirectoryTest {

  private static MigrationFile file(String name, String sql) {
    return new MigrationFile(name, sql.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void sum_isComputedOnce_forTheFingerprintAndTheRenderedFile() {
    MigrationDirectory dir =
        new MigrationDirectory(List.of(file("1_a.sql", "CREATE TABLE a (id int);")));

    assertThat(dir.sum()).isSameAs(dir.sum());
  }

  @Test
  void equalsAndHashCode_compareTheFiles() {
    MigrationDirectory dir =
        new MigrationDirectory(List.of(file("2_b.sql", "B"), file("1_a.sql", "A")));
    MigrationDirectory same =
        new MigrationDirectory(List.of(file("1_a.sql", "A"), file("2_b.sql", "B")));

    assertThat(dir).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(dir).isNotEqualTo(new MigrationDirectory(List.of(file("1_a.sql", "A"))));
    assertThat(dir.files()).extracting(MigrationFile::name).containsExactly("1_a.sql", "2_b.sql");
  }

  @Test
  void compareNames_ordersAsTheNamesUtf8Bytes_forEveryPairOfShortNames() {
    // ASCII, two-byte, three-byte on both sides of the surrogates, a surrogate pair, lone halves.
    List<String> parts =
        List.of(
            "a",
            "_",
            "0",
            "é",
            "\u00ff",
            "\u0800",
            "\ud7ff",
            "\ue000",
            "\uffff",
            "\ud83d\ude00",
            "\ud83d\ude01",
            "\ud83d",
            "\ude00");
    List<String> names = new ArrayList<>(List.of(""));
    for (String first : parts) {
      names.add(first);
      for (String second : parts) {
        names.add(first + second);
      }
    }
    List<String> mismatches = new ArrayList<>();
    for (String a : names) {
      for (String b : names) {
        int expected =
            Integer.signum(
                Arrays.compareUnsigned(
                    a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        if (Integer.signum(MigrationFile.compareNames(a, b)) != expected) {
          mismatches.add(a + " <> " + b);
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void read_keepsTheBytesItRead_withoutCopyingThem(@TempDir Path dir) throws IOException {
    int size = 4 * 1024 * 1024;
    byte[] sql = "SELECT 1;\n".repeat(size / 10).getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("1_big.sql"), sql);
    MigrationDirectory.read(dir); // classes and caches of the first read

    long before = allocated();
    MigrationDirectory read = MigrationDirectory.read(dir);
    long allocated = allocated() - before;

    assertThat(read.files()).containsExactly(new MigrationFile("1_big.sql", sql));
    assertThat(allocated).isLessThan(size + size / 2);
  }

  /** What the current thread allocated so far, as the JVM counts it. */
  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }
}
