package dev.kit.lint;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.model.TxMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * The text lint ({@code kit:check}): each rule's exact message, silencing, and what must not fool
 * it.
 */
class TextLinterTest {

  private static final String FILE = "services/orders/migrations/20250301000000_change.sql";

  private static List<String> lint(String sql) {
    return lint(sql, LintSettings.defaults(), TxMode.FILE);
  }

  private static List<String> lint(String sql, LintSettings settings, TxMode mode) {
    return new TextLinter(settings)
        .lint(FILE, sql.getBytes(StandardCharsets.UTF_8), mode).stream()
            .map(LintFinding::toString)
            .toList();
  }

  @Test
  void lint_reportsDropSchema_whenSchemaIsDropped() {
    assertThat(lint("DROP SCHEMA IF EXISTS legacy CASCADE;"))
        .containsExactly(
            FILE
                + ":1: error DROP_SCHEMA (DS101): "
                + "drops schema legacy and everything in it. Fix: "
                + LintRule.DROP_SCHEMA.fix()
                + ".");
  }

  @Test
  void lint_reportsEachTable_whenDropTableNamesSeveral() {
    assertThat(lint("SELECT 1;\nDROP TABLE a, \"B\";"))
        .containsExactly(
            FILE
                + ":2: error DROP_TABLE (DS102): drops table a and every row in it. Fix: "
                + LintRule.DROP_TABLE.fix()
                + ".",
            FILE
                + ":2: error DROP_TABLE (DS102): drops table B and every row in it. Fix: "
                + LintRule.DROP_TABLE.fix()
                + ".");
  }

  @Test
  void lint_reportsDropColumn_whenAlterTableDropsOne() {
    assertThat(lint("ALTER TABLE public.orders DROP COLUMN IF EXISTS note, DROP CONSTRAINT c;"))
        .containsExactly(
            FILE
                + ":1: error DROP_COLUMN (DS103): drops column public.orders.note and its data. Fix: "
                + LintRule.DROP_COLUMN.fix()
                + ".");
  }

  @Test
  void lint_reportsNotNullColumnWithoutDefault_whenAddedToAnExistingTable() {
    assertThat(lint("ALTER TABLE orders ADD COLUMN IF NOT EXISTS region text NOT NULL;"))
        .containsExactly(
            FILE
                + ":1: error ADD_NOT_NULL_COLUMN (MF103): adds NOT NULL column orders.region without a default, which fails "
                + "on a table that has rows. Fix: "
                + LintRule.ADD_NOT_NULL_COLUMN.fix()
                + ".");
    assertThat(
            lint("ALTER TABLE orders ADD COLUMN IF NOT EXISTS region text NOT NULL DEFAULT 'eu';"))
        .isEmpty();
  }

  @Test
  void lint_reportsSetNotNull_whenExistingColumnBecomesNotNull() {
    assertThat(lint("ALTER TABLE orders ALTER COLUMN status SET NOT NULL;"))
        .containsExactly(
            FILE
                + ":1: warning SET_NOT_NULL (MF104): makes column orders.status NOT NULL, which scans table orders under an "
                + "ACCESS EXCLUSIVE lock. Fix: "
                + LintRule.SET_NOT_NULL.fix()
                + ".");
  }

  @Test
  void lint_reportsRenames_whenTableOrColumnIsRenamed() {
    assertThat(
            lint(
                "ALTER TABLE orders RENAME TO purchases;\nALTER TABLE purchases RENAME COLUMN total TO amount;"))
        .containsExactly(
            FILE
                + ":1: warning RENAME_TABLE (BC101): renames table orders to purchases. Fix: "
                + LintRule.RENAME_TABLE.fix()
                + ".",
            FILE
                + ":2: warning RENAME_COLUMN (BC102): renames column purchases.total to amount. Fix: "
                + LintRule.RENAME_COLUMN.fix()
                + ".");
  }

  @Test
  void lint_reportsTypeChange_whenColumnTypeIsAltered() {
    assertThat(lint("ALTER TABLE orders ALTER COLUMN total SET DATA TYPE numeric;"))
        .containsExactly(
            FILE
                + ":1: warning COLUMN_TYPE_REWRITE: changes the type of column orders.total, which can rewrite table orders "
                + "and its indexes under an ACCESS EXCLUSIVE lock. Fix: "
                + LintRule.COLUMN_TYPE_REWRITE.fix()
                + ".");
  }

  @Test
  void lint_reportsLockingIndex_whenExistingTableIsIndexedWithoutConcurrently() {
    assertThat(
            lint(
                "CREATE INDEX IF NOT EXISTS orders_customer_idx ON ONLY public.orders (customer_id);"))
        .containsExactly(
            FILE
                + ":1: warning CREATE_INDEX_LOCKING (PG101): builds index orders_customer_idx on table public.orders without "
                + "CONCURRENTLY, so writes to it wait until the index is built. Fix: "
                + LintRule.CREATE_INDEX_LOCKING.fix()
                + ".");
  }

  @Test
  void lint_reportsAddConstraintLocking_whenACheckOrForeignKeyIsAddedToAnExistingTableValid() {
    assertThat(
            lint(
                "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0);\n"
                    + "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id),"
                    + " ADD CONSTRAINT orders_code_key UNIQUE (code);\n"
                    + "ALTER TABLE orders ADD CONSTRAINT later CHECK (total < 1000) NOT VALID;\n"
                    + "ALTER TABLE orders VALIDATE CONSTRAINT later;"))
        .containsExactly(
            FILE
                + ":1: warning ADD_CONSTRAINT_LOCKING: adds CHECK constraint orders_total_positive"
                + " to existing table orders, which checks every row while reads and writes of it"
                + " wait (ACCESS EXCLUSIVE). Fix: "
                + LintRule.ADD_CONSTRAINT_LOCKING.fix()
                + ".",
            FILE
                + ":2: warning ADD_CONSTRAINT_LOCKING: adds FOREIGN KEY constraint to existing"
                + " table orders, which checks every row while writes to it and to the table it"
                + " references wait (SHARE ROW EXCLUSIVE). Fix: "
                + LintRule.ADD_CONSTRAINT_LOCKING.fix()
                + ".",
            FILE
                + ":2: warning CREATE_INDEX_LOCKING (PG101): adds a constraint to existing table"
                + " orders whose index is built while writes to it wait. Fix: "
                + LintRule.CREATE_INDEX_LOCKING.fix()
                + ".");
    assertThat(
            lint(
                "ALTER TABLE orders ADD COLUMN IF NOT EXISTS customer_id bigint REFERENCES"
                    + " customers (id);"))
        .containsExactly(
            FILE
                + ":1: warning ADD_CONSTRAINT_LOCKING: adds column orders.customer_id with a"
                + " FOREIGN KEY constraint to existing table orders, which checks every row while"
                + " writes to it and to the table it references wait (SHARE ROW EXCLUSIVE). Fix: "
                + LintRule.ADD_CONSTRAINT_LOCKING.fix()
                + ".");
    assertThat(
            lint(
                "CREATE TABLE IF NOT EXISTS items (id int, total int);\n"
                    + "ALTER TABLE items ADD CONSTRAINT items_total CHECK (total > 0);\n"
                    + "ALTER TABLE items ADD COLUMN IF NOT EXISTS n int CHECK (n > 0);"))
        .as("a table the file created has no rows to check")
        .isEmpty();
  }

  @Test
  void lint_reportsDetachPartitionLocking_unlessConcurrently() {
    assertThat(
            lint(
                "ALTER TABLE events DETACH PARTITION events_2026;\n"
                    + "ALTER TABLE events DETACH PARTITION events_2027 CONCURRENTLY;\n"
                    + "ALTER TABLE events DETACH PARTITION events_2027 FINALIZE;",
                LintSettings.defaults(),
                TxMode.NONE))
        .containsExactly(
            FILE
                + ":1: warning DETACH_PARTITION_LOCKING: detaches partition events_2026 from table"
                + " events under an ACCESS EXCLUSIVE lock on events, so every read and write of it"
                + " waits. Fix: "
                + LintRule.DETACH_PARTITION_LOCKING.fix()
                + ".");
  }

  @Test
  void lint_staysQuiet_whenTableWasCreatedInTheSameFile() {
    assertThat(
            lint(
                "CREATE TABLE IF NOT EXISTS items (id int);\n"
                    + "CREATE INDEX IF NOT EXISTS items_id_idx ON items (id);\n"
                    + "ALTER TABLE items ADD COLUMN IF NOT EXISTS sku text NOT NULL;\n"
                    + "ALTER TABLE items ALTER COLUMN id SET NOT NULL;"))
        .isEmpty();
  }

  @Test
  void lint_reportsConcurrentlyInTransaction_whenTxModeDirectiveIsIgnored() {
    assertThat(
            lint("-- atlas:txmode none\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON orders (a);"))
        .containsExactly(
            FILE
                + ":2: error CONCURRENTLY_IN_TRANSACTION (PG103): CREATE ... CONCURRENTLY cannot run inside a transaction "
                + "block, and Atlas runs this file in one; the file's '-- atlas:txmode' is ignored because no empty line follows "
                + "the header comments. Fix: "
                + LintRule.CONCURRENTLY_IN_TRANSACTION.fix()
                + ".");
    assertThat(
            lint(
                "-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON orders (a);"))
        .isEmpty();
    assertThat(
            lint(
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON orders (a);",
                LintSettings.defaults(),
                TxMode.NONE))
        .isEmpty();
  }

  @Test
  void lint_reportsCreateWithoutIfNotExists_whenCreatingTableOrAddingColumn() {
    assertThat(lint("CREATE TABLE users (id int);\nALTER TABLE orders ADD COLUMN note text;"))
        .containsExactly(
            FILE
                + ":1: warning CREATE_WITHOUT_IF_NOT_EXISTS: creates table users without IF NOT EXISTS, so running the file "
                + "again fails. Fix: "
                + LintRule.CREATE_WITHOUT_IF_NOT_EXISTS.fix()
                + ".",
            FILE
                + ":2: warning CREATE_WITHOUT_IF_NOT_EXISTS: adds column orders.note without IF NOT EXISTS, so running the "
                + "file again fails. Fix: "
                + LintRule.CREATE_WITHOUT_IF_NOT_EXISTS.fix()
                + ".");
  }

  @Test
  void lint_staysQuiet_whenKeywordsAreInCommentsStringsOrQuotedNames() {
    assertThat(
            lint(
                "-- DROP TABLE orders;\n/* ALTER TABLE x DROP COLUMN y; */\n"
                    + "INSERT INTO audit (what) VALUES ('DROP TABLE orders');\nSELECT \"DROP\" FROM \"TABLE\";"))
        .isEmpty();
  }

  @Test
  void lint_silencesOneStatement_whenKitOrAtlasNolintIsAboveIt() {
    String sql =
        "-- kit:nolint DROP_TABLE: replaced by orders_v2\nDROP TABLE a;\n"
            + "-- atlas:nolint DS102\nDROP TABLE b;\n"
            + "/* kit:nolint */\nDROP TABLE c;\n"
            + "-- kit:nolint DROP_COLUMN\nDROP TABLE d;\n"
            + "-- kit:nolint DROP_TABLE\n\nDROP TABLE e;";
    assertThat(lint(sql))
        .extracting(line -> line.substring(0, line.indexOf(" and every")))
        .containsExactly(
            FILE + ":8: error DROP_TABLE (DS102): drops table d",
            FILE + ":11: error DROP_TABLE (DS102): drops table e");
  }

  @Test
  void lint_usesConfiguredSeverity_whenSettingsOverrideTheDefault() {
    LintSettings settings = LintSettings.parse(Map.of("DS102", "warning", "SET_NOT_NULL", "off"));
    assertThat(
            lint(
                "DROP TABLE a;\nALTER TABLE o ALTER COLUMN s SET NOT NULL;", settings, TxMode.FILE))
        .singleElement()
        .asString()
        .startsWith(FILE + ":1: warning DROP_TABLE (DS102)");
  }

  @Test
  void parse_namesEveryProblem_whenRuleOrSeverityIsUnknown() {
    assertThatThrownBy(() -> LintSettings.parse(Map.of("DROP_TABLES", "error")))
        .hasMessageStartingWith(
            "unknown lint rule 'DROP_TABLES' (rules: [DROP_SCHEMA, DROP_TABLE,");
    assertThatThrownBy(() -> LintSettings.parse(Map.of("DROP_TABLE", "fatal")))
        .hasMessage("lint rule DROP_TABLE: unknown severity 'fatal' (use error, warning or off)");
  }

  @Test
  void lint_failsWithAtlasMessage_whenAtlasWouldRefuseTheDirective() {
    assertThatThrownBy(() -> lint("-- atlas:txmode sometimes\n\nSELECT 1;"))
        .hasMessage(
            FILE
                + ": Atlas refuses this file: unknown txmode \"sometimes\" found in file directive "
                + "\"20250301000000_change.sql\"");
  }

  @Test
  void lint_namesTheFile_whenAtlasCannotReadItsDelimiterLine() {
    assertThatThrownBy(() -> lint("-- atlas:delimiter GO"))
        .hasMessage(FILE + ": Atlas refuses this file: 1:0: no input found after delimiter \"GO\"");
  }

  @Test
  void lint_refusesTheFile_whenItHasOnlyComments() {
    assertThatThrownBy(
            () -> lint("-- 20250301000000_change: say what it does.\n\n/* nothing yet */\n;\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            FILE
                + ": has no SQL statement, only comments: write the migration's SQL, or delete the file (Atlas "
                + "records an empty migration as applied, so SQL added to it later would never run)");
  }

  @Test
  void lint_silencesByAtlasAnalyzerName_whenNolintNamesTheAnalyzer() {
    assertThat(lint("-- atlas:nolint destructive\nDROP TABLE old;\nALTER TABLE t DROP COLUMN c;"))
        .extracting(line -> line.substring(0, line.indexOf("): ") + 1))
        .containsExactly(FILE + ":3: error DROP_COLUMN (DS103)");
    assertThat(
            lint(
                "-- atlas:nolint data_depend\n"
                    + "ALTER TABLE o ADD COLUMN IF NOT EXISTS r text NOT NULL;\n"
                    + "-- atlas:nolint incompatible\nALTER TABLE o RENAME COLUMN a TO b;\n"
                    + "-- atlas:nolint concurrent_index\nCREATE INDEX IF NOT EXISTS i ON o (a);\n"
                    + "-- atlas:nolint concurrent_index\nDROP INDEX IF EXISTS j;"))
        .isEmpty();
    assertThat(lint("-- atlas:nolint incompatible destructive\nALTER TABLE o DROP COLUMN a;"))
        .isEmpty();
    assertThat(lint("-- atlas:nolint incompatible\nDROP TABLE old;")).hasSize(1);
  }

  @Test
  void lint_silencesOneStatement_whenNolintFollowsAnotherCommentAboveIt() {
    assertThat(
            lint(
                "-- the old table is replaced by orders_v2\n-- atlas:nolint DS102\nDROP TABLE a;\n"
                    + "-- kit:nolint DROP_TABLE\n-- reviewed in #42\nDROP TABLE b;"))
        .isEmpty();
  }

  @Test
  void lint_skipsTheFile_whenItsHeaderHasNolintWithoutNames() {
    assertThat(
            lint("-- atlas:nolint\n\nDROP TABLE a;\nDROP SCHEMA s;\nALTER TABLE t DROP COLUMN c;"))
        .isEmpty();
    assertThat(lint("-- atlas:txmode none\n-- atlas:nolint\n \t\nDROP TABLE a;")).isEmpty();
  }

  @Test
  void lint_silencesTheNamedRulesInEveryStatement_whenItsHeaderHasNolintWithNames() {
    assertThat(
            lint(
                "-- atlas:nolint DS102 incompatible\n\nDROP TABLE a;\n\nDROP TABLE b;\n"
                    + "ALTER TABLE t RENAME TO u;\nALTER TABLE t DROP COLUMN c;"))
        .extracting(line -> line.substring(0, line.indexOf("): ") + 1))
        .containsExactly(FILE + ":7: error DROP_COLUMN (DS103)");
    assertThat(lint("-- atlas:nolint DS102\nSELECT 1;\nDROP TABLE a;"))
        .as("without the empty line the comment belongs to the first statement only")
        .hasSize(1);
  }

  @Test
  void lint_staysQuiet_whenDroppingWhatTheSameFileCreated() {
    assertThat(
            lint(
                "CREATE TABLE IF NOT EXISTS tmp (id int);\n"
                    + "ALTER TABLE tmp DROP COLUMN id;\n"
                    + "DROP TABLE tmp;\n"
                    + "ALTER TABLE orders ADD COLUMN IF NOT EXISTS scratch text;\n"
                    + "ALTER TABLE public.orders DROP COLUMN scratch;"))
        .isEmpty();
    assertThat(lint("CREATE TABLE IF NOT EXISTS tmp (id int);\nDROP TABLE tmp, legacy;"))
        .extracting(line -> line.substring(0, line.indexOf(" and every")))
        .containsExactly(FILE + ":2: error DROP_TABLE (DS102): drops table legacy");
  }

  @Test
  void lint_reportsDropIndexLocking_whenAnIndexIsDroppedWithoutConcurrently() {
    assertThat(lint("DROP INDEX IF EXISTS public.orders_customer_idx;"))
        .containsExactly(
            FILE
                + ":1: warning DROP_INDEX_LOCKING (PG102): drops index public.orders_customer_idx"
                + " without CONCURRENTLY, so reads and writes of its table wait until it is dropped."
                + " Fix: "
                + LintRule.DROP_INDEX_LOCKING.fix()
                + ".");
    assertThat(
            lint("-- atlas:txmode none\n\nDROP INDEX CONCURRENTLY IF EXISTS orders_customer_idx;"))
        .isEmpty();
    assertThat(
            lint(
                "CREATE TABLE IF NOT EXISTS tmp (id int);\n"
                    + "CREATE INDEX IF NOT EXISTS tmp_id ON tmp (id);\n"
                    + "DROP INDEX tmp_id;"))
        .isEmpty();
  }

  @Test
  void lint_reportsStatementsPostgresRefusesInATransaction_unlessTxModeIsNone() {
    assertThat(lint("VACUUM ANALYZE orders;"))
        .containsExactly(
            FILE
                + ":1: error TRANSACTION_BLOCK_REFUSED: VACUUM cannot run inside a transaction block,"
                + " and Atlas runs this file in one. Fix: "
                + LintRule.TRANSACTION_BLOCK_REFUSED.fix()
                + ".");
    assertThat(
            lint(
                "CREATE DATABASE reports;\nDROP DATABASE IF EXISTS old;\nALTER SYSTEM SET work_mem = '64MB';\n"
                    + "ALTER TABLE m DETACH PARTITION m_2024 CONCURRENTLY;\n"
                    + "CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p;\n"
                    + "ALTER SUBSCRIPTION s REFRESH PUBLICATION;\nDROP SUBSCRIPTION s;\n"
                    + "REINDEX DATABASE app;\nREINDEX SCHEMA public;\nREINDEX (VERBOSE) SYSTEM app;\n"
                    + "CLUSTER;\nCLUSTER (VERBOSE);\nDISCARD ALL;\nALTER DATABASE app SET TABLESPACE fast;\n"
                    + "CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (create_slot = true);",
                LintSettings.defaults(),
                TxMode.ALL))
        .extracting(line -> line.substring(0, line.indexOf(" cannot run")))
        .containsExactly(
            FILE + ":1: error TRANSACTION_BLOCK_REFUSED: CREATE DATABASE",
            FILE + ":2: error TRANSACTION_BLOCK_REFUSED: DROP DATABASE",
            FILE + ":3: error TRANSACTION_BLOCK_REFUSED: ALTER SYSTEM",
            FILE
                + ":4: error TRANSACTION_BLOCK_REFUSED: ALTER TABLE ... DETACH PARTITION ..."
                + " CONCURRENTLY",
            FILE + ":5: error TRANSACTION_BLOCK_REFUSED: CREATE SUBSCRIPTION",
            FILE + ":6: error TRANSACTION_BLOCK_REFUSED: ALTER SUBSCRIPTION ... PUBLICATION",
            FILE + ":7: error TRANSACTION_BLOCK_REFUSED: DROP SUBSCRIPTION",
            FILE + ":8: error TRANSACTION_BLOCK_REFUSED: REINDEX DATABASE",
            FILE + ":9: error TRANSACTION_BLOCK_REFUSED: REINDEX SCHEMA",
            FILE + ":10: error TRANSACTION_BLOCK_REFUSED: REINDEX SYSTEM",
            FILE + ":11: error TRANSACTION_BLOCK_REFUSED: CLUSTER without a table",
            FILE + ":12: error TRANSACTION_BLOCK_REFUSED: CLUSTER without a table",
            FILE + ":13: error TRANSACTION_BLOCK_REFUSED: DISCARD ALL",
            FILE + ":14: error TRANSACTION_BLOCK_REFUSED: ALTER DATABASE ... SET TABLESPACE",
            FILE + ":15: error TRANSACTION_BLOCK_REFUSED: CREATE SUBSCRIPTION");
    assertThat(
            lint(
                "CREATE TABLESPACE fast LOCATION '/mnt/fast';\ndrop tablespace fast;",
                LintSettings.defaults(),
                TxMode.ALL))
        .extracting(line -> line.substring(0, line.indexOf(" cannot run")))
        .containsExactly(
            FILE + ":1: error TRANSACTION_BLOCK_REFUSED: CREATE TABLESPACE",
            FILE + ":2: error TRANSACTION_BLOCK_REFUSED: DROP TABLESPACE");
    assertThat(
            lint(
                "ALTER SUBSCRIPTION s SET PUBLICATION p WITH (refresh = false);\n"
                    + "ALTER TABLE m DETACH PARTITION m_2024;\nSELECT 'VACUUM';\nREINDEX (VERBOSE) TABLE t;\n"
                    + "CLUSTER VERBOSE orders USING orders_pkey;\nDISCARD PLANS;\n"
                    + "ALTER DATABASE app SET work_mem = '64MB';\n"
                    + "CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (connect = false);\n"
                    + "CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (create_slot = off);\n"
                    + "CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (connect = 'false');"))
        .as("a plain DETACH runs in a transaction; it only locks (DETACH_PARTITION_LOCKING)")
        .noneMatch(line -> line.contains("TRANSACTION_BLOCK_REFUSED"));
    assertThat(lint("-- atlas:txmode none\n\nVACUUM orders;")).isEmpty();
  }

  @Test
  void lint_reportsCrlf_whenTheTxModeDirectiveIsIgnoredForCarriageReturns() {
    assertThat(
            lint(
                "-- atlas:txmode none\r\n\r\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON orders (a);\r\n"))
        .containsExactly(
            FILE
                + ":3: error CONCURRENTLY_IN_TRANSACTION (PG103): CREATE ... CONCURRENTLY cannot run inside a transaction "
                + "block, and Atlas runs this file in one; the file's '-- atlas:txmode' is ignored: the file has CRLF "
                + "line ends, and Atlas reads the header's directives only when an empty line of a bare line feed (LF) "
                + "follows the header comments; save the file with LF line ends (in .gitattributes: '*.sql text "
                + "eol=lf'). Fix: "
                + LintRule.CONCURRENTLY_IN_TRANSACTION.fix()
                + ".");
  }

  @Test
  void lint_reportsAtlasBlockComment_whenACommentNestsOrIsNeverClosed() {
    assertThat(
            lint(
                "-- atlas:txmode none\n\n/*\n-- old approach\n/* note */\nDROP TABLE legacy;\n*/\n"
                    + "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);\n/* TODO: later"))
        .containsExactly(
            FILE
                + ":5: error ATLAS_BLOCK_COMMENT: Atlas ends a block comment at its first */ and does not nest"
                + " them, so the rest runs as SQL. Fix: close the inner comment (or the unclosed one) with */, or"
                + " use -- comments.",
            FILE
                + ":9: error ATLAS_BLOCK_COMMENT: the /* comment is never closed: PostgreSQL reads the rest of"
                + " the file as a comment, Atlas sends it as SQL. Fix: close the inner comment (or the unclosed"
                + " one) with */, or use -- comments.");
    assertThat(
            lint(
                "/* a /* b */ */\nSELECT 1;",
                LintSettings.parse(Map.of("ATLAS_BLOCK_COMMENT", "off")),
                TxMode.FILE))
        .isEmpty();
  }

  @Test
  void lint_silencesAtlasBlockComment_whenTheHeaderSaysNolint() {
    assertThat(lint("-- kit:nolint ATLAS_BLOCK_COMMENT: kept\n\n/* a /* b */ */\nSELECT 1;"))
        .isEmpty();
    assertThat(lint("-- kit:nolint DROP_TABLE\n\n/* a /* b */ */\nSELECT 1;"))
        .as("a nolint naming another rule")
        .hasSize(1);
  }

  @Test
  void lint_reportsAtlasBackslashQuote_whenAnEscapeStringEscapesAQuoteWithABackslash() {
    assertThat(lint("SELECT 1;\nINSERT INTO notes VALUES (E'it\\'s done; really');"))
        .containsExactly(
            FILE
                + ":2: error ATLAS_BACKSLASH_QUOTE: Atlas does not read \\' as a quote inside E'...'"
                + " (ariga/atlas#3762, v1.2.2 to at least v1.3.0): it ends the string there, then reports an"
                + " unclosed quote or splits the file at a ; inside the string. Fix: write '' instead of \\'"
                + " inside E'...'.");
    assertThat(lint("INSERT INTO notes VALUES (E'it''s done', E'a\\\\', E'\\n');")).isEmpty();
  }

  @Test
  void lint_reportsRefusedStatements_whenTheFileOpensItsOwnTransactionUnderTxModeNone() {
    assertThat(
            lint(
                "-- atlas:txmode none\n\nBEGIN;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);\n"
                    + "COMMIT;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS j ON t (b);\n"
                    + "START TRANSACTION ISOLATION LEVEL SERIALIZABLE;\nVACUUM t;\nEND;\nVACUUM t;"))
        .containsExactly(
            FILE
                + ":4: error CONCURRENTLY_IN_TRANSACTION (PG103): CREATE ... CONCURRENTLY cannot run inside a"
                + " transaction block, and the file's BEGIN at line 3 opens one. Fix: "
                + LintRule.CONCURRENTLY_IN_TRANSACTION.fix()
                + ".",
            FILE
                + ":8: error TRANSACTION_BLOCK_REFUSED: VACUUM cannot run inside a transaction block, and the"
                + " file's START TRANSACTION at line 7 opens one. Fix: "
                + LintRule.TRANSACTION_BLOCK_REFUSED.fix()
                + ".");
    assertThat(
            lint(
                "-- atlas:txmode none\n\nBEGIN;\nSAVEPOINT s;\nROLLBACK TO SAVEPOINT s;\nCOMMIT AND CHAIN;\n"
                    + "VACUUM t;\nROLLBACK;\nVACUUM t;"))
        .extracting(line -> line.substring(0, line.indexOf(" cannot run")))
        .containsExactly(FILE + ":7: error TRANSACTION_BLOCK_REFUSED: VACUUM");
  }

  @Test
  void lint_warnsAboutTheFilesOwnTransaction_whenAtlasAlreadyRunsTheFileInOne() {
    assertThat(lint("BEGIN;\nUPDATE t SET a = 1;\nCOMMIT;\nUPDATE t SET a = 2;"))
        .containsExactly(
            FILE
                + ":1: warning EXPLICIT_TRANSACTION: BEGIN inside the transaction Atlas runs this file in:"
                + " PostgreSQL only warns that there is already a transaction in progress. Fix: "
                + LintRule.EXPLICIT_TRANSACTION.fix()
                + ".",
            FILE
                + ":3: warning EXPLICIT_TRANSACTION: COMMIT ends the transaction Atlas runs this file in early,"
                + " so the statements after it and Atlas's record of the migration run outside it. Fix: "
                + LintRule.EXPLICIT_TRANSACTION.fix()
                + ".");
    assertThat(lint("START TRANSACTION;\nSELECT 1;\nEND;", LintSettings.defaults(), TxMode.ALL))
        .extracting(line -> line.substring(0, line.indexOf(". Fix")))
        .containsExactly(
            FILE
                + ":1: warning EXPLICIT_TRANSACTION: START TRANSACTION inside the transaction Atlas runs the whole"
                + " migration in (txMode ALL): PostgreSQL only warns that there is already a transaction in"
                + " progress",
            FILE
                + ":3: warning EXPLICIT_TRANSACTION: END ends the transaction Atlas runs the whole migration in"
                + " (txMode ALL) early, so the statements after it and Atlas's record of the migration run"
                + " outside it");
    assertThat(lint("-- atlas:txmode none\n\nBEGIN;\nUPDATE t SET a = 1;\nCOMMIT;")).isEmpty();
  }

  @Test
  void lint_warnsAboutASecondBegin_whenTheFilesOwnTransactionIsOpen() {
    assertThat(lint("-- atlas:txmode none\n\nBEGIN;\nSTART TRANSACTION;\nSELECT 1;\nCOMMIT;"))
        .containsExactly(
            FILE
                + ":4: warning EXPLICIT_TRANSACTION: START TRANSACTION inside the transaction the file's"
                + " BEGIN at line 3 opened: PostgreSQL only warns that there is already a transaction in"
                + " progress. Fix: "
                + LintRule.EXPLICIT_TRANSACTION.fix()
                + ".");
  }

  @Test
  void lint_warnsAboutANewEnumValue_whenTheSameTransactionUsesIt() {
    assertThat(
            lint(
                "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh' BEFORE 'sad';\n"
                    + "UPDATE people SET m = 'sad';\nUPDATE people SET m = 'meh' WHERE m IS NULL;"))
        .containsExactly(
            FILE
                + ":3: warning NEW_ENUM_VALUE_IN_TRANSACTION: uses 'meh', which ALTER TYPE mood ADD VALUE at"
                + " line 1 adds in the same transaction: PostgreSQL refuses a new enum value there (unsafe use"
                + " of new value) until the transaction commits. Fix: "
                + LintRule.NEW_ENUM_VALUE_IN_TRANSACTION.fix()
                + ".");
    assertThat(
            lint(
                "CREATE TYPE mood AS ENUM ('sad');\nALTER TYPE mood ADD VALUE 'meh';\n"
                    + "INSERT INTO people VALUES ('meh');"))
        .as("the transaction created the type")
        .isEmpty();
    assertThat(
            lint(
                "-- atlas:txmode none\n\nALTER TYPE mood ADD VALUE 'meh';\n"
                    + "INSERT INTO people VALUES ('meh');\nBEGIN;\nALTER TYPE mood ADD VALUE 'ok';\n"
                    + "COMMIT;\nINSERT INTO people VALUES ('ok');"))
        .isEmpty();
  }

  @Test
  void lint_acceptsANewEnumValue_whenTheFilesOwnCommitEndedAtlassTransactionFirst() {
    String sql =
        "ALTER TYPE mood ADD VALUE 'x';\nCOMMIT;\nINSERT INTO people VALUES ('x');\n"
            + "BEGIN;\nALTER TYPE mood ADD VALUE 'y';\nINSERT INTO people VALUES ('y');";
    assertThat(
            new TextLinter(LintSettings.defaults())
                .lint(FILE, sql.getBytes(StandardCharsets.UTF_8), TxMode.FILE))
        .as(
            "the COMMIT is reported, the value used after it is committed; the file's BEGIN opens"
                + " another transaction, not one inside Atlas's")
        .extracting(finding -> finding.line() + " " + finding.rule())
        .containsExactly("2 EXPLICIT_TRANSACTION", "6 NEW_ENUM_VALUE_IN_TRANSACTION");
  }

  @Test
  void lint_judgesATransactionBlock_byWhatIsOpenAfterTheFilesOwnCommit() {
    assertThat(lint("SELECT 1;\nCOMMIT;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);"))
        .as("Atlas's transaction ended at the COMMIT: only the COMMIT is reported")
        .singleElement(as(InstanceOfAssertFactories.STRING))
        .contains(":2: warning EXPLICIT_TRANSACTION");
    assertThat(lint("SELECT 1;\nCOMMIT;\nBEGIN;\nCREATE DATABASE x;\nCOMMIT;"))
        .filteredOn(finding -> finding.contains("TRANSACTION_BLOCK_REFUSED"))
        .singleElement(as(InstanceOfAssertFactories.STRING))
        .contains(":4: error TRANSACTION_BLOCK_REFUSED")
        .contains("and the file's BEGIN at line 3 opens one");
  }

  @Test
  void lint_warnsAboutANewEnumValue_whenTheFilesOwnTransactionUsesIt() {
    assertThat(
            lint(
                "-- atlas:txmode none\n\nBEGIN;\nALTER TYPE mood ADD VALUE 'x';\n"
                    + "INSERT INTO people VALUES ('x');\nCOMMIT;\nINSERT INTO people VALUES ('x');"))
        .containsExactly(
            FILE
                + ":5: warning NEW_ENUM_VALUE_IN_TRANSACTION: uses 'x', which ALTER TYPE mood ADD VALUE at"
                + " line 4 adds in the same transaction: PostgreSQL refuses a new enum value there (unsafe use"
                + " of new value) until the transaction commits. Fix: "
                + LintRule.NEW_ENUM_VALUE_IN_TRANSACTION.fix()
                + ".");
  }

  @Test
  void lint_reportsLiteralPassword_withoutTheValue_whenARoleOrUserGetsOne() {
    String why =
        ": error LITERAL_PASSWORD: sets a password as a literal, which kit copies into the migrations"
            + " ConfigMap that anyone who may read ConfigMaps (and Argo CD) sees. Fix: "
            + LintRule.LITERAL_PASSWORD.fix()
            + ".";
    List<String> findings =
        lint(
            "CREATE ROLE reporting LOGIN PASSWORD 'hunter2';\n"
                + "ALTER ROLE reporting WITH ENCRYPTED PASSWORD E'hunter3';\n"
                + "CREATE USER app WITH PASSWORD $pw$hunter4$pw$;\n"
                + "ALTER USER app PASSWORD 'hunter5' VALID UNTIL 'infinity';\n"
                + "CREATE GROUP g PASSWORD 'hunter6';\n"
                + "CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'a', password 'hunter7');\n"
                + "ALTER USER MAPPING FOR app SERVER s OPTIONS (SET \"password\" 'hunter8');\n"
                + "CREATE SUBSCRIPTION sub CONNECTION 'host=h password=hunter9' PUBLICATION p;");
    // Line 8 is also TRANSACTION_BLOCK_REFUSED: CREATE SUBSCRIPTION needs a file of its own.
    assertThat(findings)
        .filteredOn(finding -> finding.contains("LITERAL_PASSWORD"))
        .containsExactly(
            FILE + ":1" + why,
            FILE + ":2" + why,
            FILE + ":3" + why,
            FILE + ":4" + why,
            FILE + ":5" + why,
            FILE + ":6" + why,
            FILE + ":7" + why,
            FILE + ":8" + why);
    assertThat(String.join("\n", findings)).doesNotContain("hunter");
  }

  @Test
  void lint_acceptsPassword_whenNullInACommentOrInAnotherString() {
    assertThat(
            lint(
                "CREATE ROLE reporting LOGIN PASSWORD NULL;\n"
                    + "-- ALTER ROLE reporting PASSWORD 'hunter2';\n"
                    + "ALTER ROLE reporting CONNECTION LIMIT 3; /* PASSWORD 'x' */\n"
                    + "ALTER ROLE reporting SET application_name = 'PASSWORD ''x''';\n"
                    + "ALTER ROLE reporting SET password_encryption = 'scram-sha-256';\n"
                    + "INSERT INTO settings VALUES ('password', 'PASSWORD');\n"
                    + "COMMENT ON ROLE reporting IS 'ALTER ROLE x PASSWORD ''y''';"))
        .isEmpty();
  }

  @Test
  void lint_reportsLiteralPassword_withoutTheValue_whenADoBlockSetsOne() {
    String why =
        ": error LITERAL_PASSWORD: sets a password as a literal, which kit copies into the migrations"
            + " ConfigMap that anyone who may read ConfigMaps (and Argo CD) sees. Fix: "
            + LintRule.LITERAL_PASSWORD.fix()
            + ".";
    List<String> findings =
        lint(
            "DO $$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD ''hunter1'''; END $$;\n"
                + "DO $do$\nBEGIN\n  EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', 'app',"
                + " 'hunter2');\nEND\n$do$;\n"
                + "DO LANGUAGE plpgsql $$ BEGIN EXECUTE format('ALTER ROLE %1$I PASSWORD ''%2$s''',"
                + " r, 'hunter3'); END $$;\n"
                + "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app') THEN"
                + " CREATE ROLE app PASSWORD 'hunter4'; END IF; END $$;\n"
                + "DO $$ BEGIN EXECUTE format('ALTER ROLE %I PASSWORD ''hunter5''', r); END $$;\n"
                + "DO 'BEGIN EXECUTE ''CREATE USER MAPPING FOR app SERVER s OPTIONS (password"
                + " ''''hunter6'''')''; END';");
    assertThat(findings)
        .containsExactly(
            FILE + ":1" + why,
            FILE + ":2" + why,
            FILE + ":7" + why,
            FILE + ":8" + why,
            FILE + ":9" + why,
            FILE + ":10" + why);
    assertThat(String.join("\n", findings)).doesNotContain("hunter");
  }

  @Test
  void lint_reportsLiteralPassword_withoutTheValue_whenAStarWidthOrQuoteLiteralCarriesIt() {
    String why =
        ": error LITERAL_PASSWORD: sets a password as a literal, which kit copies into the migrations"
            + " ConfigMap that anyone who may read ConfigMaps (and Argo CD) sees. Fix: "
            + LintRule.LITERAL_PASSWORD.fix()
            + ".";
    List<String> findings =
        lint(
            "DO $$ BEGIN EXECUTE format('ALTER ROLE %I PASSWORD %*L', 'app', 20, 'hunter1'); END"
                + " $$;\n"
                + "DO $$ BEGIN EXECUTE format('ALTER ROLE %3$I PASSWORD ''%1$*2$s''', 'hunter2',"
                + " 12, r); END $$;\n"
                + "DO $$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD ' || quote_literal('hunter3') ||"
                + " ' VALID UNTIL ''infinity'''; END $$;\n"
                + "DO $$ BEGIN EXECUTE 'CREATE USER MAPPING FOR app SERVER s OPTIONS (password '"
                + " || quote_nullable('hunter4') || ')'; END $$;");
    assertThat(findings)
        .containsExactly(
            FILE + ":1" + why, FILE + ":2" + why, FILE + ":3" + why, FILE + ":4" + why);
    assertThat(String.join("\n", findings)).doesNotContain("hunter");
  }

  @Test
  void lint_acceptsADoBlock_whenAStarWidthOrQuoteLiteralCarriesAVariable() {
    assertThat(
            lint(
                "DO $$ BEGIN EXECUTE format('ALTER ROLE %*I PASSWORD %L', 10, 'app', pw); END"
                    + " $$;\n"
                    + "DO $$ BEGIN EXECUTE format('ALTER ROLE %I PASSWORD ''%-*s''', 'app', 10,"
                    + " pw); END $$;\n"
                    + "DO $$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD ' || quote_literal('x' || pw);"
                    + " END $$;\n"
                    + "DO $$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD ' || quote_nullable(pw); END"
                    + " $$;\n"
                    + "DO $$ BEGIN EXECUTE 'SELECT password ' || quote_literal('x'); END $$;"))
        .isEmpty();
  }

  @Test
  void lint_acceptsADoBlock_whenItsPasswordIsAVariableOrNull() {
    assertThat(
            lint(
                "DO $$ BEGIN EXECUTE format('ALTER ROLE %I PASSWORD %L', r, pw); END $$;\n"
                    + "DO $$ BEGIN EXECUTE format('ALTER ROLE %I PASSWORD %L', 'app',"
                    + " current_setting('app.pw')); END $$;\n"
                    + "DO $$ BEGIN EXECUTE format('ALTER ROLE %2$I PASSWORD %1$L', pw, 'app'); END"
                    + " $$;\n"
                    + "DO $$ BEGIN EXECUTE format('ALTER ROLE %I PASSWORD ''%s''', 'app', pw); END"
                    + " $$;\n"
                    + "DO $$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD NULL'; END $$;\n"
                    + "DO $$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD ' || quote_literal(pw); END $$;\n"
                    + "DO $$ BEGIN RAISE NOTICE 'set PASSWORD ''x'' later'; END $$;"))
        .isEmpty();
  }

  @Test
  void lint_silencesLiteralPassword_whenOffOrSilencedInTheHeader() {
    String sql = "CREATE ROLE reporting LOGIN PASSWORD 'hunter2';";
    assertThat(lint("-- kit:nolint LITERAL_PASSWORD: a throwaway test role\n\n" + sql)).isEmpty();
    assertThat(lint(sql, LintSettings.parse(Map.of("LITERAL_PASSWORD", "off")), TxMode.FILE))
        .isEmpty();
  }
}
