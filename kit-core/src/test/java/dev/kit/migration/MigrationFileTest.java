package dev.kit.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MigrationFileTest {

  @ParameterizedTest
  @CsvSource({
    "20250101120000_create_orders.sql, 20250101120000",
    "1_a_b.sql, 1",
    "1.sql, 1",
    "1_.sql, 1",
    "_a.sql, ''",
    ".sql, ''",
    "abc, abc",
    "a_b, a",
    "x.sql_y, x.sql",
    "1.SQL, 1.SQL"
  })
  void version_isTheNameUpToTheFirstUnderscore_withoutDotSql(String name, String version) {
    assertThat(new MigrationFile(name, new byte[0]).version()).isEqualTo(version);
  }

  /**
   * The size a read is given comes from a stat made before it: whatever the file holds when it is
   * read is what is kept, whether it has grown or shrunk since, as the read without a size does.
   * Sizes relative to the file's: one short, exact and one over, and further off both ways.
   */
  @ParameterizedTest
  @CsvSource({"-2048", "-2", "-1", "0", "1", "2", "2048"})
  void read_keepsWhatTheFileHolds_whetherItShrankOrGrewSinceItsStat(long offset, @TempDir Path dir)
      throws IOException {
    byte[] sql = "-- a line\n".repeat(204).concat("SELECT 1;").getBytes(StandardCharsets.UTF_8);
    File file = Files.write(dir.resolve("1_a.sql"), sql).toFile();

    assertReadsWhole(file, sql, sql.length + offset);
  }

  /** Sizes the read does not size its array by: a link's (-1), none, and beyond any array. */
  @ParameterizedTest
  @CsvSource({"-1", "0", "9223372036854775807"})
  void read_readsTheWholeFile_whenItsSizeIsNoUse(long size, @TempDir Path dir) throws IOException {
    byte[] sql = "SELECT 1;\n".getBytes(StandardCharsets.UTF_8);
    File file = Files.write(dir.resolve("1_a.sql"), sql).toFile();

    assertReadsWhole(file, sql, size);
  }

  private static void assertReadsWhole(File file, byte[] sql, long size) throws IOException {
    MigrationFile read = MigrationFile.read("1_a.sql", file, size);

    assertThat(read).isEqualTo(new MigrationFile("1_a.sql", sql));
    assertThat(read.rawContent()).hasSize(sql.length); // exact: no spare room kept
    assertThat(MigrationFile.read("1_a.sql", file)).isEqualTo(read);
  }

  @Test
  void read_readsAnEmptyFile_givenItsSize(@TempDir Path dir) throws IOException {
    File file = Files.write(dir.resolve("1_a.sql"), new byte[0]).toFile();

    assertThat(MigrationFile.read("1_a.sql", file, 0).size()).isZero();
  }

  @Test
  void read_failsAsTheReadWithoutASize_whenTheFileIsGone(@TempDir Path dir) {
    File gone = dir.resolve("1_gone.sql").toFile();

    Throwable sized = catchThrowable(() -> MigrationFile.read("1_gone.sql", gone, 2048));
    Throwable unsized = catchThrowable(() -> MigrationFile.read("1_gone.sql", gone));

    assertThat(sized).isInstanceOf(FileNotFoundException.class).hasMessage(unsized.getMessage());
    assertThat(sized.getMessage()).startsWith(gone.getPath()); // the OS words the rest
  }

  @Test
  void handedOver_keepsTheArray_whereTheConstructorCopiesIt() {
    byte[] bytes = {'a', 'b'};
    MigrationFile kept = MigrationFile.handedOver("1_a.sql", bytes);
    MigrationFile copied = new MigrationFile("1_a.sql", bytes);
    bytes[0] = 'x'; // what a caller that hands its array over must not do: shows what was kept

    assertThat(kept.view().get(0)).isEqualTo((byte) 'x');
    assertThat(copied.view().get(0)).isEqualTo((byte) 'a');
    assertThat(kept.name()).isEqualTo("1_a.sql");
    assertThat(kept.size()).isEqualTo(2);
  }
}
