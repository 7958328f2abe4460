package dev.kit.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Atlas's {@code migrate apply} output read back: the samples in {@code
 * src/test/resources/atlas-logs/} (see its README).
 */
class AtlasApplyLogTest {

  private static final String INDEX_FILE =
      """
      -- atlas:txmode none

      -- CONCURRENTLY cannot run in a transaction, hence the directive above (Atlas reads it only when an empty line follows).
      CREATE INDEX CONCURRENTLY IF NOT EXISTS payments_order_id_idx ON payments (order_id);
      """;

  @Test
  void failure_namesVersionStatementAndError_whenAStatementFailed() {
    AtlasApplyLog.Failure failure = AtlasApplyLog.failure(log("statement-error.log")).orElseThrow();

    assertThat(failure.version()).contains("20250301100000");
    assertThat(failure.statement())
        .contains(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS payments_order_id_idx ON payments (order_id);");
    assertThat(failure.error()).isEqualTo("pq: canceling statement due to statement timeout");
    assertThat(AtlasApplyLog.line(INDEX_FILE, failure)).contains(4);
  }

  @Test
  void failure_unquotesAMultiLineStatement_whenTheOlderExecutePrefixIsUsed() {
    AtlasApplyLog.Failure failure =
        AtlasApplyLog.failure(log("troubleshoot-doc.log")).orElseThrow();

    assertThat(failure.version()).contains("2");
    assertThat(failure.statement())
        .contains(
            """
        INSERT INTO `user_groups` (`user_id`, `group_id`) VALUES
            -- Founders
            (2, 1), (3, 1),
            -- Seniors
            (1, 2), (2, 2), (3, 2),
            -- Constraint error (adding masseelch twice to seniors)
            (1, 2);""");
    assertThat(failure.error())
        .isEqualTo("Error 1062: Duplicate entry '1-2' for key 'user_groups.PRIMARY'");
    String file =
        """
        INSERT INTO `users` (`id`, `name`) VALUES (1, 'masseelch'), (2, 'rotemtam'), (3, 'a8m');
        INSERT INTO `groups` (`id`, `name`) VALUES (1, 'Founders'), (2, 'Senior Engineers'), (3, 'Junior Engineers');
        INSERT INTO `user_groups` (`user_id`, `group_id`) VALUES
            -- Founders
            (2, 1), (3, 1),
            -- Seniors
            (1, 2), (2, 2), (3, 2),
            -- Constraint error (adding masseelch twice to seniors)
            (1, 2);
        """;
    assertThat(AtlasApplyLog.line(file, failure)).contains(3);
  }

  @Test
  void failure_takesTheStatementFromTheReport_whenTheErrorLineIsExecutionHadErrors() {
    AtlasApplyLog.Failure failure =
        AtlasApplyLog.failure(log("execution-had-errors.log")).orElseThrow();

    assertThat(failure.version()).contains("2");
    assertThat(failure.error())
        .isEqualTo("Error 1062: Duplicate entry '1-2' for key 'user_groups.PRIMARY'");
    assertThat(failure.statement())
        .hasValueSatisfying(
            statement ->
                assertThat(statement)
                    .startsWith("INSERT INTO `user_groups` (`user_id`, `group_id`) VALUES")
                    .endsWith("(1, 2);"));
    assertThat(failure.before())
        .containsExactly(
            "INSERT INTO `users` (`id`, `name`) VALUES (1, 'masseelch'), (2, 'rotemtam'), (3, 'a8m');",
            "INSERT INTO `groups` (`id`, `name`) VALUES (1, 'Founders'), (2, 'Senior Engineers'), (3, 'Junior Engineers');");
  }

  @Test
  void failure_masksThePasswordLiteral_andStillNamesTheVersionLineAndError() {
    AtlasApplyLog.Failure failure =
        AtlasApplyLog.failure(log("literal-password.log")).orElseThrow();

    assertThat(failure.version()).contains("20250301110000");
    assertThat(failure.statement()).contains("ALTER ROLE app PASSWORD '***';");
    assertThat(failure.error()).isEqualTo("pq: role \"app\" does not exist");
    assertThat(failure.toString()).doesNotContain("hunter2Secret");
    String file =
        """
        CREATE TABLE IF NOT EXISTS audit (id bigint);

        -- kit:nolint LITERAL_PASSWORD: a throwaway role for the load test
        ALTER ROLE app PASSWORD 'hunter2Secret';
        """;
    assertThat(AtlasApplyLog.line(file, failure)).contains(4);
  }

  /** PostgreSQL's syntax error quotes the token it is at: here the literal, as written. */
  @Test
  void failure_masksThePasswordLiteral_whereTheDatabasesErrorQuotesIt() {
    AtlasApplyLog.Failure failure =
        AtlasApplyLog.failure(log("literal-password-syntax-error.log")).orElseThrow();

    assertThat(failure.statement()).contains("ALTER ROLE app SET PASSWORD '***';");
    assertThat(failure.error()).isEqualTo("pq: syntax error at or near \"'***'\"");
    assertThat(failure.toString()).doesNotContain("hunter2Secret");
  }

  @Test
  void failure_masksTheLiteral_inADoBlocksDynamicSqlAndTheReportsCause() {
    String log =
        """
        Migrating to version 3 from 2 (1 migrations in total):

          -- migrating version 3
            -> DO $$ BEGIN EXECUTE 'ALTER ROLE app SET PASSWORD ''hunter3'''; END $$;
            pq: syntax error at or near "'hunter3'"

          -------------------------
          -- 2.004ms
          -- 0 migrations ok (1 with errors)
          -- 0 sql statements ok (1 with errors)

        Error: Execution had errors:
        pq: syntax error at or near "'hunter3'"
        """;

    AtlasApplyLog.Failure failure = AtlasApplyLog.failure(log).orElseThrow();

    assertThat(failure.statement()).contains("DO '***';");
    assertThat(failure.error()).isEqualTo("pq: syntax error at or near \"'***'\"");
    assertThat(failure.toString()).doesNotContain("hunter3");
    assertThat(
            AtlasApplyLog.line(
                "-- x\nDO $$ BEGIN EXECUTE 'ALTER ROLE app SET PASSWORD ''hunter3'''; END $$;\n",
                failure))
        .contains(2);
  }

  @Test
  void masked_masksTheQuotedStatementsLiteral_inTheOperatorsMessage() {
    assertThat(
            AtlasApplyLog.masked(
                "sql/migrate: executing statement \"ALTER ROLE app SET PASSWORD 'hunter2Secret';\""
                    + " from version \"3\": pq: syntax error at or near \"'hunter2Secret'\""))
        .isEqualTo(
            "sql/migrate: executing statement \"ALTER ROLE app SET PASSWORD '***';\" from version"
                + " \"3\": pq: syntax error at or near \"'***'\"");
    String withoutPassword =
        "sql/migrate: executing statement \"ALTER TABLE t ADD COLUMN \\\"a\\\" int;\" from version"
            + " \"3\": pq: boom";
    assertThat(AtlasApplyLog.masked(withoutPassword)).isSameAs(withoutPassword);
  }

  @Test
  void quote_isUndoneByUnquote() {
    String text = "a\"b\\c\nd\te\u0001é;";
    assertThat(AtlasApplyLog.quote(text)).isEqualTo("a\\\"b\\\\c\\nd\\te\\x01é;");
    assertThat(AtlasApplyLog.unquote(AtlasApplyLog.quote(text))).isEqualTo(text);
  }

  @Test
  void line_isTheSecondStatement_whenTheFirstOfTheFileApplied() {
    AtlasApplyLog.Failure failure =
        AtlasApplyLog.failure(log("testscript-failing-statement.log")).orElseThrow();

    assertThat(failure.statement()).contains("THIS IS A FAILING STATEMENT;");
    assertThat(
            AtlasApplyLog.line(
                "CREATE TABLE \"broken\" (\"id\" bigint);\nTHIS IS A FAILING STATEMENT;\n",
                failure))
        .contains(2);
  }

  @Test
  void line_findsTheOccurrenceAfterTheAppliedStatements_whenAFileRepeatsAStatement() {
    String file =
        """
        UPDATE accounts SET active = true;
        ALTER TABLE accounts ADD COLUMN note text;
        UPDATE accounts SET active = true;
        """;
    AtlasApplyLog.Failure failure =
        new AtlasApplyLog.Failure(
            Optional.of("1"),
            Optional.of("UPDATE accounts SET active = true;"),
            "pq: deadlock detected",
            List.of(
                "UPDATE accounts SET active = true;",
                "ALTER TABLE accounts ADD COLUMN note text;"));

    assertThat(AtlasApplyLog.line(file, failure)).contains(3);
  }

  @Test
  void line_matchesAcrossDifferentWhitespace_andIsEmptyWhenTheFileNoLongerHasTheStatement() {
    AtlasApplyLog.Failure failure =
        new AtlasApplyLog.Failure(
            Optional.of("1"), Optional.of("CREATE TABLE t (id int);"), "pq: boom", List.of());

    assertThat(AtlasApplyLog.line("-- a table\nCREATE TABLE t (\n  id int\n);\n", failure))
        .contains(2);
    assertThat(AtlasApplyLog.line("CREATE TABLE u (id int);\n", failure)).isEmpty();
  }

  @Test
  void failure_isTheErrorAlone_whenAtlasStoppedBeforeAnyStatement() {
    AtlasApplyLog.Failure failure = AtlasApplyLog.failure(log("checksum-error.log")).orElseThrow();

    assertThat(failure.version()).isEmpty();
    assertThat(failure.statement()).isEmpty();
    assertThat(failure.error()).isEqualTo("checksum mismatch");
  }

  @Test
  void failure_isEmpty_whenTheRunSucceeded() {
    assertThat(AtlasApplyLog.failure(log("no-pending-files.log"))).isEmpty();
  }

  @Test
  void failureIn_readsTheOperatorsConditionMessage_whenItQuotesAFailedStatement() {
    AtlasApplyLog.Failure failure =
        AtlasApplyLog.failureIn(
                "sql/migrate: executing statement \"ALTER TABLE products ADD COLUMN description text NOT NULL;\" from version "
                    + "\"20250220120000\": pq: column \"description\" of relation \"products\" contains null values")
            .orElseThrow();

    assertThat(failure.version()).contains("20250220120000");
    assertThat(failure.statement())
        .contains("ALTER TABLE products ADD COLUMN description text NOT NULL;");
    assertThat(failure.error())
        .isEqualTo("pq: column \"description\" of relation \"products\" contains null values");
  }

  /** The masked file keeps the line breaks of a literal it masks, so later lines keep numbers. */
  @Test
  void line_countsTheLinesOfAMaskedLiteral_beforeTheFailingStatement() {
    AtlasApplyLog.Failure failure =
        AtlasApplyLog.failureIn(
                "sql/migrate: executing statement \"ALTER TABLE t ADD COLUMN c int NOT NULL;\" from"
                    + " version \"20250101000000\": pq: column \"c\" contains null values")
            .orElseThrow();
    String file =
        """
        -- kit:nolint LITERAL_PASSWORD
        CREATE ROLE r LOGIN PASSWORD $pw$multi
        line
        secret$pw$;
        ALTER TABLE t ADD COLUMN c int NOT NULL;
        """;
    assertThat(AtlasApplyLog.line(file, failure)).contains(5);
  }

  @Test
  void unquote_undoesGoQuoting_forEveryEscapeStrconvQuoteWrites() {
    assertThat(AtlasApplyLog.unquote("a\\\"b\\\\c\\nd\\te\\r\\u00e9\\U0001F600\\x41\\303\\251"))
        .isEqualTo("a\"b\\c\nd\te\ré😀Aé");
  }

  private static String log(String name) {
    try (InputStream in = AtlasApplyLogTest.class.getResourceAsStream("/atlas-logs/" + name)) {
      if (in == null) {
        throw new AssertionError("missing test resource atlas-logs/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
