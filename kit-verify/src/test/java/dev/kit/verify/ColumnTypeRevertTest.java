package dev.kit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Setting a column's type back: {@code USING} only where PostgreSQL has no assignment cast, and
 * which old types hold less than the new ones (types as {@code format_type} prints them).
 */
class ColumnTypeRevertTest {

  @ParameterizedTest(name = "{1} back to {0}: USING {2}, narrower {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      character varying(50)          | text                           | -                  | true
      text                           | character varying(50)          | -                  | false
      character varying(20)          | character varying(50)          | -                  | true
      character varying(50)          | character varying(20)          | -                  | false
      integer                        | bigint                         | -                  | true
      bigint                         | integer                        | -                  | false
      real                           | bigint                         | -                  | true
      double precision               | bigint                         | -                  | true
      double precision               | integer                        | -                  | false
      numeric(10,2)                  | numeric(12,4)                  | -                  | true
      numeric                        | numeric(12,4)                  | -                  | false
      integer                        | numeric                        | -                  | true
      timestamp(3) without time zone | timestamp with time zone       | -                  | false
      timestamp without time zone    | timestamp(3) without time zone | -                  | false
      integer                        | text                           | c::integer         | true
      uuid                           | text                           | c::uuid            | true
      brand_tier                     | text                           | c::brand_tier      | true
      """)
  void using_and_narrower(String oldType, String newType, String using, boolean narrower) {
    ColumnTypeRevert revert = new ColumnTypeRevert(oldType, newType);

    assertThat(revert.using("c").orElse("-")).isEqualTo(using);
    assertThat(revert.narrower()).isEqualTo(narrower);
  }
}
