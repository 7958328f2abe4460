package dev.kit.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.model.TxMode;
import dev.kit.templates.TextTemplates;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AtlasFileDirectivesTest {

  @Test
  void read_findsTxMode_whenAnEmptyLineFollowsTheHeader() {
    AtlasFileDirectives d =
        AtlasFileDirectives.read(
            "-- atlas:txmode none\n-- why\n\nCREATE INDEX CONCURRENTLY i ON t (a);");
    assertThat(d.values("txmode")).containsExactly("none");
    assertThat(d.txMode(TxMode.FILE, "1.sql")).isEqualTo(TxMode.NONE);
  }

  @Test
  void read_ignoresHeader_whenNoEmptyLineFollowsIt() {
    AtlasFileDirectives d =
        AtlasFileDirectives.read("-- atlas:txmode none\nCREATE INDEX CONCURRENTLY i ON t (a);");
    assertThat(d.values("txmode")).isEmpty();
    assertThat(d.ignores("txmode")).isTrue();
    assertThat(d.txMode(TxMode.FILE, "1.sql")).isEqualTo(TxMode.FILE);
  }

  @Test
  void whyIgnored_namesCrlf_whenTheFileHasCrlfLineEnds() {
    String crlf =
        "the file's '-- atlas:txmode' is ignored: the file has CRLF line ends, and Atlas reads the"
            + " header's directives only when an empty line of a bare line feed (LF) follows the"
            + " header comments; save the file with LF line ends (in .gitattributes: '*.sql text"
            + " eol=lf')";
    assertThat(
            AtlasFileDirectives.read(
                    "-- atlas:txmode none\r\n\r\nCREATE INDEX CONCURRENTLY i ON t (a);\r\n")
                .whyIgnored("txmode"))
        .contains(crlf);
    assertThat(AtlasFileDirectives.read("-- atlas:txmode none\n\r\nSELECT 1;").whyIgnored("txmode"))
        .contains(crlf);
    assertThat(
            AtlasFileDirectives.read("-- atlas:txmode none\n \r\nSELECT 1;").whyIgnored("txmode"))
        .contains(crlf);
    assertThat(AtlasFileDirectives.read("-- atlas:txmode none\nSELECT 1;").whyIgnored("txmode"))
        .contains(
            "the file's '-- atlas:txmode' is ignored because no empty line follows the header"
                + " comments");
    assertThat(AtlasFileDirectives.read("-- atlas:txmode none\n\nSELECT 1;").whyIgnored("txmode"))
        .isEmpty();
  }

  @Test
  void whyIgnored_saysNoEmptyLine_whenACrlfHeaderIsFollowedByAStatement() {
    // Saving with LF would not help: there is no empty line at all.
    assertThat(AtlasFileDirectives.read("-- atlas:txmode none\r\nSELECT 1;").whyIgnored("txmode"))
        .contains(
            "the file's '-- atlas:txmode' is ignored because no empty line follows the header"
                + " comments");
  }

  @Test
  void read_findsTxMode_whenTheLineAfterTheHeaderHoldsOnlySpacesAndTabs() {
    // ariga/atlas LocalFile.comments() trims " \t" before looking for the line feed (bd7a55b, a
    // dir.go with checkpoints, which kit reads too); the bare-"\n" rule is the older code of
    // 026c0bb, whose dir.go has no checkpoint yet.
    AtlasFileDirectives d =
        AtlasFileDirectives.read(
            "-- atlas:txmode none\n \t\nCREATE INDEX CONCURRENTLY i ON t (a);");
    assertThat(d.values("txmode")).containsExactly("none");
    assertThat(d.ignores("txmode")).isFalse();
    assertThat(AtlasFileDirectives.read("-- atlas:txmode none\n \r\nSELECT 1;").values("txmode"))
        .as("a carriage return is not a space or a tab")
        .isEmpty();
  }

  @Test
  void isCheckpoint_readsTheHeader_whenTheLineAfterItHoldsOnlySpaces() {
    MigrationFile file =
        new MigrationFile(
            "1_a.sql",
            "-- atlas:checkpoint v1\n  \nCREATE TABLE t (a int);\n"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(AtlasFileDirectives.isCheckpoint(file)).isTrue();
  }

  @Test
  void read_ignoresHeader_whenTheFileHasOnlyComments() {
    assertThat(AtlasFileDirectives.read("-- atlas:txmode none").values("txmode")).isEmpty();
  }

  @Test
  void txMode_keepsGlobal_whenFileSaysNothing() {
    assertThat(AtlasFileDirectives.read("SELECT 1;").txMode(TxMode.ALL, "1.sql"))
        .isEqualTo(TxMode.ALL);
  }

  @Test
  void txMode_refusesLikeAtlas_whenDirectiveOverridesGlobalAll() {
    assertThatThrownBy(
            () ->
                AtlasFileDirectives.read("-- atlas:txmode none\n\nSELECT 1;")
                    .txMode(TxMode.ALL, "1.sql"))
        .hasMessage(
            "cannot set txmode directive to \"none\" in \"1.sql\" when txmode \"all\" is set globally");
  }

  @Test
  void txMode_refusesLikeAtlas_whenValueIsUnknownRepeatedOrAll() {
    assertThatThrownBy(
            () ->
                AtlasFileDirectives.read("-- atlas:txmode off\n\nSELECT 1;")
                    .txMode(TxMode.FILE, "1.sql"))
        .hasMessage("unknown txmode \"off\" found in file directive \"1.sql\"");
    assertThatThrownBy(
            () ->
                AtlasFileDirectives.read("-- atlas:txmode none\n-- atlas:txmode file\n\nSELECT 1;")
                    .txMode(TxMode.FILE, "1.sql"))
        .hasMessage("multiple txmode values found in file \"1.sql\": [\"none\" \"file\"]");
    assertThatThrownBy(
            () ->
                AtlasFileDirectives.read("-- atlas:txmode all\n\nSELECT 1;")
                    .txMode(TxMode.FILE, "1.sql"))
        .hasMessage(
            "txmode \"all\" is not allowed in file directive \"1.sql\". Use \"file\" instead");
  }

  @Test
  void read_findsNoDirective_whenSkeletonHeaderIsFollowedByAnEmptyLineAndSql() {
    // Users leave an empty line after kit's skeleton: its advice must not read as a broken
    // atlas:txmode.
    String skeleton =
        TextTemplates.render(
            "new-migration.sql.ftl", Map.of("version", "20250101000000", "name", "x"));
    AtlasFileDirectives d =
        AtlasFileDirectives.read(skeleton + "\nCREATE TABLE IF NOT EXISTS t (a int);\n");
    assertThat(d.values("txmode")).isEmpty();
    assertThat(d.txMode(TxMode.FILE, "20250101000000_x.sql")).isEqualTo(TxMode.FILE);
  }

  @Test
  void readFile_readsWhatTheWholeBytesSay_forEveryShortHeaderAndBody() {
    List<String> lines =
        List.of("-- atlas:txmode none", "# atlas:txmode all", "--x", "-", "", " \t", "SELECT 1;");
    // What may follow the header: nothing, ASCII, a multi-byte character, bytes that are not UTF-8.
    List<byte[]> bodies =
        List.of(
            new byte[0],
            "\nSELECT 2;\n".getBytes(StandardCharsets.UTF_8),
            "\u00e9t\u00e9".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xC3},
            new byte[] {(byte) 0xFF, '\n'});
    List<String> mismatches = new ArrayList<>();
    for (String a : lines) {
      for (String b : lines) {
        for (String eol : List.of("\n", "\r\n")) {
          for (byte[] body : bodies) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes((a + eol + b + eol).getBytes(StandardCharsets.UTF_8));
            bytes.writeBytes(body);
            byte[] content = bytes.toByteArray();
            AtlasFileDirectives whole =
                AtlasFileDirectives.read(new String(content, StandardCharsets.UTF_8));
            MigrationFile file = new MigrationFile("1_a.sql", content);
            boolean named = !whole.values("txmode").isEmpty() || whole.ignores("txmode");
            if (!AtlasFileDirectives.read(file).equals(whole)
                || (named && !AtlasFileDirectives.mayHave(file, "txmode"))) {
              mismatches.add(new String(content, StandardCharsets.UTF_8));
            }
          }
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }
}
