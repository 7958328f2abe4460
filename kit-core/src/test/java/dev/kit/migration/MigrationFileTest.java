package dev.kit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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
