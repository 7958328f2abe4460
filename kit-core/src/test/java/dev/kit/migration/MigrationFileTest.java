package dev.kit.migration;

import static org.assertj.core.api.Assertions.assertThat;

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
}
