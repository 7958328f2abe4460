package dev.kit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
