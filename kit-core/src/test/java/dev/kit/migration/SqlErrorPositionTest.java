package dev.kit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlErrorPositionTest {

  @Test
  void ofOffset_countsLinesAndColumnsFromOne_whenOffsetIsOnALaterLine() {
    assertThat(SqlErrorPosition.ofOffset("ab\ncd\nef", 7)).isEqualTo(new SqlErrorPosition(3, 2));
    assertThat(SqlErrorPosition.ofOffset("ab", 0)).isEqualTo(new SqlErrorPosition(1, 1));
  }

  @Test
  void ofOffset_countsCarriageReturnAsPartOfTheLine_whenFileHasCrlf() {
    assertThat(SqlErrorPosition.ofOffset("a\r\nbc", 4)).isEqualTo(new SqlErrorPosition(2, 2));
  }

  @Test
  void inStatement_addsPositionToStatementOffset_whenStatementStartsMidFile() {
    String text = "SELECT 1;\n-- a comment\nSELECT x\n  FROM nope;";
    int statementOffset = text.indexOf("SELECT x");
    // PostgreSQL counts from 1 within the statement: "nope" is its 17th character.
    assertThat(SqlErrorPosition.inStatement(text, statementOffset, 17))
        .isEqualTo(new SqlErrorPosition(4, 8));
  }

  @Test
  void inStatement_countsCodePoints_whenLineHoldsCharactersOutsideTheBasicPlane() {
    String text = "SELECT '\uD83D\uDE42', nope;";
    // PostgreSQL counts the emoji as one character ("nope" is its 13th), Java's String as two
    // chars.
    assertThat(SqlErrorPosition.inStatement(text, 0, 13)).isEqualTo(new SqlErrorPosition(1, 13));
    assertThat(text.indexOf("nope") + 1).isEqualTo(14);
  }

  @Test
  void inStatement_stopsAtTheEnd_whenPositionIsPastTheText() {
    assertThat(SqlErrorPosition.inStatement("SELECT", 0, 99)).isEqualTo(new SqlErrorPosition(1, 7));
  }

  @Test
  void toString_joinsLineAndColumn_whenPrinted() {
    assertThat(new SqlErrorPosition(14, 7)).hasToString("14:7");
  }
}
