package dev.kit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which first lines keep a file out of {@code atlas.sum}: Atlas's {@code reDirective} ({@code ^([
 * -~]*)atlas:(\w+)(?: +([ -~]*))*}, ariga/atlas {@code sql/migrate/dir.go}) takes printable ASCII
 * as the argument, so a carriage return (a CRLF checkout) or a tab ends it, and the argument must
 * then be exactly {@code ignore}.
 */
class AtlasSumDirectiveTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          LF                          | '-- atlas:sum ignore\\nSELECT 2;\\n'          | true
          CRLF                        | '-- atlas:sum ignore\\r\\nSELECT 2;\\r\\n'    | true
          a tab, then a note          | '-- atlas:sum ignore\\tlegacy\\nSELECT 2;\\n' | true
          two spaces before it        | '-- atlas:sum  ignore\\nSELECT 2;\\n'         | true
          no comment marker           | 'atlas:sum ignore\\nSELECT 2;\\n'             | true
          a space, then a note        | '-- atlas:sum ignore legacy\\nSELECT 2;\\n'   | false
          a space after it            | '-- atlas:sum ignore \\nSELECT 2;\\n'         | false
          another word                | '-- atlas:sum ignored\\nSELECT 2;\\n'         | false
          on the second line          | 'SELECT 2;\\n-- atlas:sum ignore\\n'          | false
          after a carriage return     | '\\r-- atlas:sum ignore\\nSELECT 2;\\n'       | false
          """)
  void sum_leavesTheFileOut_exactlyWhenAtlasDoes(String firstLine, String content, boolean left) {
    MigrationFile kept = new MigrationFile("1_a.sql", bytes("SELECT 1;\n"));
    MigrationFile file = new MigrationFile("2_b.sql", bytes(unescape(content)));

    AtlasSum sum = AtlasSum.of(List.of(kept, file));

    assertThat(sum.entries())
        .extracting(AtlasSum.Entry::name)
        .as(firstLine)
        .isEqualTo(left ? List.of("1_a.sql") : List.of("1_a.sql", "2_b.sql"));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String unescape(String text) {
    return text.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t");
  }
}
