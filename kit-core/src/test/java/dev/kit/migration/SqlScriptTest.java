package dev.kit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

  private static List<String> texts(String sql) {
    return SqlScript.parse(sql).statements().stream().map(SqlStatement::text).toList();
  }

  @Test
  void parse_splitsOnlyOnTopLevelSemicolons_whenSemicolonsHideInQuotesAndComments() {
    String sql =
        "INSERT INTO t VALUES ('a;b', \"c;d\"); -- x; y\n"
            + "SELECT 1 /* ; */ ;\n"
            + "SELECT E'it\\'s; fine';\n"
            + "SELECT $tag$ ; $$ ; $tag$;";
    assertThat(texts(sql))
        .containsExactly(
            "INSERT INTO t VALUES ('a;b', \"c;d\");",
            "SELECT 1 /* ; */ ;",
            "SELECT E'it\\'s; fine';",
            "SELECT $tag$ ; $$ ; $tag$;");
  }

  @Test
  void parse_keepsBodyTogether_whenDoBlockIsDollarQuoted() {
    String sql = "DO $$\nBEGIN\n  UPDATE t SET a = 1;\n  DELETE FROM t;\nEND\n$$;\nSELECT 2;";
    assertThat(texts(sql))
        .containsExactly(
            "DO $$\nBEGIN\n  UPDATE t SET a = 1;\n  DELETE FROM t;\nEND\n$$;", "SELECT 2;");
  }

  @Test
  void parse_keepsBodyTogether_whenFunctionUsesBeginAtomicWithCase() {
    String sql =
        "CREATE OR REPLACE FUNCTION f(x int) RETURNS int LANGUAGE sql\n"
            + "BEGIN ATOMIC\n  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;\n  SELECT 2;\nEND;\nSELECT 3;";
    assertThat(texts(sql)).hasSize(2).last().isEqualTo("SELECT 3;");
  }

  @Test
  void parse_endsStatement_whenBeginStartsATransaction() {
    assertThat(texts("BEGIN; SELECT 1; COMMIT;")).containsExactly("BEGIN;", "SELECT 1;", "COMMIT;");
  }

  @Test
  void parse_keepsParenthesesTogether_whenRuleHasSeveralActions() {
    String sql =
        "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));\nSELECT 1;";
    assertThat(texts(sql)).hasSize(2);
  }

  @Test
  void parse_skipsNestedBlockComments_whenCommentHoldsCommentEnd() {
    assertThat(texts("/* outer /* inner; */ still; */ SELECT 1; SELECT 2;"))
        .containsExactly("SELECT 1;", "SELECT 2;");
  }

  @Test
  void parse_treatsDollarAsIdentifierPart_whenItFollowsALetter() {
    assertThat(texts("SELECT a$b$ FROM t; SELECT $1;"))
        .containsExactly("SELECT a$b$ FROM t;", "SELECT $1;");
  }

  @Test
  void parse_keepsLastStatement_whenNoFinalSemicolon() {
    assertThat(texts("SELECT 1;;\n\nSELECT 2  \n")).containsExactly("SELECT 1;", "SELECT 2");
  }

  @Test
  void parse_recordsLineAndColumn_whenStatementsShareALine() {
    List<SqlStatement> statements =
        SqlScript.parse("SELECT 1; SELECT 2;\n  -- c\n  SELECT 3;").statements();
    assertThat(statements).extracting(SqlStatement::line).containsExactly(1, 1, 3);
    assertThat(statements).extracting(SqlStatement::column).containsExactly(1, 11, 3);
    assertThat(statements).extracting(SqlStatement::offset).containsExactly(0, 10, 29);
  }

  @Test
  void parse_attachesCommentGroup_whenNoEmptyLineSeparatesIt() {
    List<SqlStatement> statements =
        SqlScript.parse(
                "-- file header\n\n-- kit:nolint DROP_TABLE\n/* why */\nDROP TABLE a;\n-- stray\n\nDROP TABLE b;")
            .statements();
    assertThat(statements.get(0).comments())
        .containsExactly("-- kit:nolint DROP_TABLE", "/* why */");
    assertThat(statements.get(1).comments()).isEmpty();
  }

  @Test
  void tokens_leaveOutCommentsAndKeepStringsWhole_whenKeywordsHideInThem() {
    SqlStatement statement =
        SqlScript.parse("SELECT 'DROP TABLE x' /* DROP */, \"Drop\" FROM t;").statements().get(0);
    assertThat(statement.hasWords("DROP")).isFalse();
    assertThat(statement.tokens())
        .extracting(SqlToken::kind)
        .containsExactly(
            SqlToken.Kind.WORD,
            SqlToken.Kind.STRING,
            SqlToken.Kind.SYMBOL,
            SqlToken.Kind.QUOTED_IDENTIFIER,
            SqlToken.Kind.WORD,
            SqlToken.Kind.WORD,
            SqlToken.Kind.SYMBOL);
    assertThat(statement.tokens().get(3).name()).isEqualTo("Drop");
  }

  @Test
  void parse_splitsOnTheDelimiter_whenFirstLineSetsOneLikeAtlas() {
    String sql =
        "-- atlas:delimiter GO\nCREATE TABLE a(id int)\nGO\nCREATE TABLE b(id int); SELECT 1\nGO\n";
    SqlScript script = SqlScript.parse(sql);
    assertThat(script.statements())
        .extracting(SqlStatement::text)
        .containsExactly("CREATE TABLE a(id int)", "CREATE TABLE b(id int); SELECT 1");
    assertThat(script.statements())
        .extracting(SqlStatement::line, SqlStatement::offset)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, 22), org.assertj.core.groups.Tuple.tuple(4, 48));
  }

  @Test
  void parse_unescapesTheDelimiter_whenItHoldsEscapedNewlines() {
    String sql =
        "-- atlas:delimiter \\n\\n\n"
            + "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1;\n\nSELECT 2; $$ LANGUAGE sql\n\n"
            + "SELECT (1\n\n+ 1) -- a comment\n\nSELECT 3; SELECT 4";
    assertThat(texts(sql))
        .containsExactly(
            "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1;\n\nSELECT 2; $$ LANGUAGE sql",
            "SELECT (1\n\n+ 1) -- a comment\n\nSELECT 3; SELECT 4");
  }

  @Test
  void parse_splitsInsideAWord_whenTheDelimiterStartsThereAsInAtlas() {
    assertThat(texts("-- atlas:delimiter end\nSELECT 1 AS x_end SELECT 2"))
        .containsExactly("SELECT 1 AS x_", "SELECT 2");
  }

  @Test
  void parse_keepsSemicolons_whenTheDirectiveIsNotOnTheFirstLineOrLacksItsPrefix() {
    assertThat(texts("\n-- atlas:delimiter GO\nSELECT 1;\nGO\n"))
        .containsExactly("SELECT 1;", "GO");
    assertThat(texts("--atlas:delimiter GO\nSELECT 1;\nGO\n")).containsExactly("SELECT 1;", "GO");
  }

  @Test
  void parse_refusesLikeAtlas_whenTheDelimiterIsEmptyOrNothingFollows() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SqlScript.parse("-- atlas:delimiter\n\nSELECT 1;"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("empty delimiter");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SqlScript.parse("-- atlas:delimiter GO"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("1:0: no input found after delimiter \"GO\"");
  }

  @Test
  void atlasDifferences_pointsAtTheInnerComment_whenABlockCommentNests() {
    SqlScript script =
        SqlScript.parse("SELECT 1;\n/* a\n /* b */ DROP TABLE legacy; */\nSELECT 2;");
    assertThat(script.statements())
        .extracting(SqlStatement::text)
        .containsExactly("SELECT 1;", "SELECT 2;");
    assertThat(script.atlasDifferences())
        .containsExactly(
            new SqlScript.AtlasDifference(
                SqlScript.AtlasDifference.Kind.NESTED_BLOCK_COMMENT, 3, 2));
    assertThat(script.atlasDifferences().get(0).why())
        .isEqualTo(
            "Atlas ends a block comment at its first */ and does not nest them, so the rest runs"
                + " as SQL");
  }

  @Test
  void atlasDifferences_pointsAtTheComment_whenABlockCommentIsNeverClosed() {
    SqlScript script = SqlScript.parse("CREATE TABLE IF NOT EXISTS t (a int);\n/* TODO: later");
    assertThat(script.statements()).hasSize(1);
    assertThat(script.atlasDifferences())
        .containsExactly(
            new SqlScript.AtlasDifference(
                SqlScript.AtlasDifference.Kind.UNCLOSED_BLOCK_COMMENT, 2, 1));
  }

  @Test
  void atlasDifferences_pointsAtTheBackslash_whenAnEscapeStringEscapesAQuoteWithIt() {
    SqlScript script =
        SqlScript.parse("INSERT INTO notes VALUES (E'it\\'s done; really', E'a\\'b');");
    assertThat(script.statements()).hasSize(1);
    assertThat(script.atlasDifferences())
        .containsExactly(
            new SqlScript.AtlasDifference(SqlScript.AtlasDifference.Kind.BACKSLASH_QUOTE, 1, 31),
            new SqlScript.AtlasDifference(SqlScript.AtlasDifference.Kind.BACKSLASH_QUOTE, 1, 53));
  }

  @Test
  void atlasDifferences_isEmpty_whenAtlasReadsTheFileAsPostgresDoes() {
    assertThat(
            SqlScript.parse(
                    "/* one */ SELECT E'it''s', E'a\\\\', 'b\\', E'\\n';\n/* a */ /* b */\n"
                        + "-- /* not a block comment\nSELECT 1;")
                .atlasDifferences())
        .isEmpty();
  }

  @Test
  void parse_placesEveryStatementAsSqlErrorPositionDoes_whenTheFileHasManyStatements() {
    // Multi-byte characters, surrogate pairs, CRLF, several statements on a line, and Atlas
    // differences inside a statement's first token, repeated: the splitter places statements
    // and differences with one cursor that only moves forward.
    StringBuilder sql = new StringBuilder("-- header \uD83D\uDE00\r\n\r\n");
    for (int i = 0; i < 500; i++) {
      sql.append("INSERT INTO t VALUES ('\u00e9\uD83D\uDE00', ").append(i).append(");");
      sql.append(" SELECT '\uD83D\uDE00';\r\n");
      sql.append("E'\\'x'; -- \uD83D\uDE00\n");
      sql.append("/* a /* b */ c */ SELECT 1;\n");
      sql.append("\t\uD83D\uDE00x; SELECT 2;\n");
    }
    String text = sql.toString();
    SqlScript script = SqlScript.parse(text);

    assertThat(script.statements()).hasSize(3000);
    for (SqlStatement statement : script.statements()) {
      SqlErrorPosition expected = SqlErrorPosition.ofOffset(text, statement.offset());
      assertThat(new SqlErrorPosition(statement.line(), statement.column()))
          .as("statement at offset %d", statement.offset())
          .isEqualTo(expected);
    }
    SqlStatement last = script.statements().get(script.statements().size() - 1);
    assertThat(new SqlErrorPosition(last.line(), last.column()))
        .isEqualTo(new SqlErrorPosition(2002, 6));
    List<SqlScript.AtlasDifference> expected = new ArrayList<>();
    for (int at = 0; at < text.length(); at++) {
      if (text.startsWith("\\'x'", at)) {
        SqlErrorPosition p = SqlErrorPosition.ofOffset(text, at);
        expected.add(
            new SqlScript.AtlasDifference(
                SqlScript.AtlasDifference.Kind.BACKSLASH_QUOTE, p.line(), p.column()));
      } else if (text.startsWith("/* b", at)) {
        SqlErrorPosition p = SqlErrorPosition.ofOffset(text, at);
        expected.add(
            new SqlScript.AtlasDifference(
                SqlScript.AtlasDifference.Kind.NESTED_BLOCK_COMMENT, p.line(), p.column()));
      }
    }
    assertThat(expected).hasSize(1000);
    assertThat(script.atlasDifferences()).isEqualTo(expected);
  }
}
