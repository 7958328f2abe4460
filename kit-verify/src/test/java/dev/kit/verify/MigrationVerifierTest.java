package dev.kit.verify;

import static dev.kit.verify.TestHistory.APP;
import static dev.kit.verify.TestHistory.DIR;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.kit.lint.LintFinding;
import dev.kit.lint.LintRule;
import dev.kit.lint.LintSettings;
import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.migration.ServiceMigrations;
import dev.kit.model.Role;
import dev.kit.model.TxMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** kit:verify's core on a real PostgreSQL 17 (and the sample history on 15, 16 and 18). */
class MigrationVerifierTest {

  private static EmbeddedPostgresServer postgres;

  @BeforeAll
  static void start() {
    postgres = TestPostgres.start(17);
  }

  @AfterAll
  static void stop() {
    postgres.close();
  }

  private static ServiceVerification verify(String... namesAndContents) {
    return new MigrationVerifier(LintSettings.defaults())
        .verify(postgres, TestHistory.of(TxMode.FILE, namesAndContents), APP);
  }

  private static ServiceMigrations sample(int major) {
    return new ServiceMigrations(
        TestHistory.service(),
        DIR,
        MigrationDirectory.read(Path.of("../samples/services/orders/migrations")),
        TxMode.FILE,
        major,
        "orders",
        Optional.empty());
  }

  @Test
  void verify_passesWithOneWarning_whenSampleHistoryApplies() {
    ServiceVerification v =
        new MigrationVerifier(LintSettings.defaults()).verify(postgres, sample(17), APP);
    assertThat(v.error()).isEmpty();
    assertThat(v.problems()).isEmpty();
    assertThat(v.passed()).isTrue();
    assertThat(v.files()).isEqualTo(3);
    assertThat(v.statements()).isEqualTo(6);
    assertThat(v.findings())
        .extracting(LintFinding::toString)
        .containsExactly(
            DIR
                + "/20250215093000_add_order_status.sql:5: "
                + "warning SET_NOT_NULL (MF104): makes column public.orders.status NOT NULL, which scans table public.orders under "
                + "an ACCESS EXCLUSIVE lock. Fix: "
                + LintRule.SET_NOT_NULL.fix()
                + ".");
  }

  @Test
  void verify_reportsFileLineAndColumn_whenColumnDoesNotExist() {
    ServiceVerification v =
        verify(
            "20250101000000_create.sql", "CREATE TABLE IF NOT EXISTS orders (id int, total int);\n",
            "20250102000000_report.sql", "-- a report\nSELECT id,\n       totl\n  FROM orders;\n");
    MigrationError error = v.error().orElseThrow();
    assertThat(error.toString())
        .startsWith(DIR + "/20250102000000_report.sql:3:8: ERROR: column \"totl\" does not exist");
    assertThat(error.details())
        .contains("HINT: Perhaps you meant to reference the column \"orders.total\".");
    assertThat(v.passed()).isFalse();
  }

  @Test
  void verify_reportsFileLineAndColumn_whenSyntaxIsWrong() {
    MigrationError error =
        verify(
                "20250101000000_create.sql",
                "SELECT 1;\nCREATE TABLE IF NOT EXISTS t (\n  a int,,\n  b int\n);")
            .error()
            .orElseThrow();
    assertThat(error.location()).isEqualTo(DIR + "/20250101000000_create.sql:3:9");
    assertThat(error.message()).isEqualTo("ERROR: syntax error at or near \",\"");
  }

  @Test
  void verify_pointsAtTheStatement_whenRuntimeErrorHasNoPosition() {
    MigrationError error =
        verify(
                "20250101000000_seed.sql",
                "CREATE TABLE IF NOT EXISTS t (a int CHECK (a > 0));\n\n  INSERT INTO t VALUES (1), (-1);\n")
            .error()
            .orElseThrow();
    assertThat(error.location()).isEqualTo(DIR + "/20250101000000_seed.sql:3:3");
    assertThat(error.message())
        .isEqualTo("ERROR: new row for relation \"t\" violates check constraint \"t_a_check\"");
    assertThat(error.details())
        .containsExactly(
            "DETAIL: Failing row contains (-1).",
            "kit: in the statement at line 3: INSERT INTO t VALUES (1), (-1);");
  }

  @Test
  void verify_pointsAtTheStatementWithoutQuotingIt_whenItHoldsALiteralPassword() {
    MigrationError error =
        verify("20250101000000_role.sql", "CREATE ROLE pg_reporting LOGIN PASSWORD 'hunter2';\n")
            .error()
            .orElseThrow();
    assertThat(error.location()).isEqualTo(DIR + "/20250101000000_role.sql:1:1");
    assertThat(error.details()).contains("kit: in the statement at line 1");
    assertThat(error.toString()).doesNotContain("hunter2");
  }

  @Test
  void verify_masksTheLiteralPostgresQuotes_whenASilencedPasswordStatementIsASyntaxError() {
    // PostgreSQL names the token a syntax error is at, quotes included.
    MigrationError error =
        verify(
                "20250101000000_role.sql",
                "-- kit:nolint LITERAL_PASSWORD\nALTER ROLE app SET PASSWORD 'hunter2Secret';\n")
            .error()
            .orElseThrow();
    assertThat(error.message()).isEqualTo("ERROR: syntax error at or near \"'***'\"");
    assertThat(error.toString()).doesNotContain("hunter2Secret");
  }

  @Test
  void verify_masksThePasswordInTheContext_whenADoBlocksDynamicSqlFails() {
    // The CONTEXT of an error in EXECUTE quotes the dynamic statement PostgreSQL ran.
    MigrationError error =
        verify(
                "20250101000000_role.sql",
                "-- kit:nolint LITERAL_PASSWORD\n"
                    + "DO $$\nBEGIN\n  EXECUTE 'ALTER ROLE no_such_role PASSWORD ''hunter2Secret''';\n"
                    + "END\n$$;\n")
            .error()
            .orElseThrow();
    assertThat(error.message()).isEqualTo("ERROR: role \"no_such_role\" does not exist");
    assertThat(error.details())
        .anySatisfy(
            d ->
                assertThat(d)
                    .startsWith(
                        "CONTEXT: SQL statement \"ALTER ROLE no_such_role PASSWORD '***'\""));
    assertThat(error.toString()).doesNotContain("hunter2Secret");
  }

  @Test
  void verify_masksThePasswordInTheQuery_whenADoBlocksDynamicSqlIsASyntaxError() {
    // PostgreSQL quotes the dynamic statement as the internal QUERY, and the token in the message.
    MigrationError error =
        verify(
                "20250101000000_role.sql",
                "-- kit:nolint LITERAL_PASSWORD\n"
                    + "DO $$\nBEGIN\n  EXECUTE 'ALTER ROLE app SET PASSWORD ''hunter2Secret''';\n"
                    + "END\n$$;\n")
            .error()
            .orElseThrow();
    assertThat(error.message()).isEqualTo("ERROR: syntax error at or near \"'***'\"");
    assertThat(error.details()).contains("QUERY: ALTER ROLE app SET PASSWORD '***'");
    assertThat(error.toString()).doesNotContain("hunter2Secret");
  }

  @Test
  void verify_masksThePasswordInTheContext_whenADoBlockBuildsItFromAVariable() {
    // The statement shows no password literal; the dynamic SQL PostgreSQL quotes does.
    MigrationError error =
        verify(
                "20250101000000_role.sql",
                "DO $$\nDECLARE\n  pw text := 'hunter2Secret';\nBEGIN\n"
                    + "  EXECUTE 'ALTER ROLE no_such_role PASSWORD ' || quote_literal(pw);\n"
                    + "END\n$$;\n")
            .error()
            .orElseThrow();
    assertThat(error.message()).isEqualTo("ERROR: role \"no_such_role\" does not exist");
    assertThat(error.details())
        .anySatisfy(
            d ->
                assertThat(d)
                    .startsWith(
                        "CONTEXT: SQL statement \"ALTER ROLE no_such_role PASSWORD '***'\""))
        .contains("kit: in the statement at line 1");
    assertThat(error.toString()).doesNotContain("hunter2Secret");
  }

  @Test
  void verify_masksThePasswordInTheContext_whenTheDynamicSqlSpansLines() {
    // PostgreSQL quotes the statement as written, its line breaks included.
    MigrationError error =
        verify(
                "20250101000000_role.sql",
                "DO $$\nDECLARE\n  pw text := 'hunter2Secret';\nBEGIN\n"
                    + "  EXECUTE format($f$ALTER ROLE no_such_role\n  PASSWORD %L$f$, pw);\n"
                    + "END\n$$;\n")
            .error()
            .orElseThrow();
    assertThat(error.message()).isEqualTo("ERROR: role \"no_such_role\" does not exist");
    assertThat(error.details())
        .anySatisfy(
            d ->
                assertThat(d)
                    .startsWith(
                        "CONTEXT: SQL statement \"ALTER ROLE no_such_role\n    PASSWORD '***'\""));
    assertThat(error.toString()).doesNotContain("hunter2Secret");
  }

  @Test
  void verify_saysWhereRolesComeFrom_whenAGrantNamesARoleTheDatabaseLacks() {
    MigrationError error =
        verify(
                "20250101000000_reader.sql",
                "CREATE TABLE IF NOT EXISTS items (id int);\n"
                    + "GRANT SELECT ON items TO catalog_reader;\n")
            .error()
            .orElseThrow();

    assertThat(error.message()).isEqualTo("ERROR: role \"catalog_reader\" does not exist");
    assertThat(error.details())
        .anySatisfy(
            d ->
                assertThat(d)
                    .startsWith("kit: the database here has the roles CloudNativePG bootstraps")
                    .contains("spec.managed.roles")
                    .endsWith(
                        "DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = '...') THEN"
                            + " ... END IF; END $$"));
  }

  @Test
  void verify_saysToMoveTheUse_whenANewEnumValueIsUsedBeforeItCommitted() {
    MigrationError error =
        verify(
                "20250101000000_state.sql",
                "CREATE TYPE state AS ENUM ('new');\n",
                "20250102000000_preorder.sql",
                "CREATE TABLE IF NOT EXISTS orders (s state);\n"
                    + "ALTER TYPE state ADD VALUE 'preorder';\n"
                    + "INSERT INTO orders VALUES ('preorder');\n")
            .error()
            .orElseThrow();

    assertThat(error.message()).startsWith("ERROR: unsafe use of new value \"preorder\"");
    assertThat(error.details())
        .anySatisfy(
            d ->
                assertThat(d)
                    .startsWith(
                        "kit: move the statements that use the new value to the next migration"
                            + " file")
                    .contains("NEW_ENUM_VALUE_IN_TRANSACTION"));
  }

  @Test
  void verify_showsTheInnerQuery_whenErrorIsInsideADoBlock() {
    MigrationError error =
        verify("20250101000000_do.sql", "DO $$\nBEGIN\n  PERFORM x FROM nope;\nEND\n$$;")
            .error()
            .orElseThrow();
    assertThat(error.location()).isEqualTo(DIR + "/20250101000000_do.sql:1:1");
    assertThat(error.message()).isEqualTo("ERROR: relation \"nope\" does not exist");
    assertThat(error.details())
        .contains(
            "QUERY: SELECT x FROM nope",
            "CONTEXT: PL/pgSQL function inline_code_block line 3 at PERFORM");
  }

  @Test
  void verify_explainsTheIgnoredDirective_whenConcurrentlyRunsInATransaction() {
    MigrationError error =
        verify(
                "20250101000000_create.sql", "CREATE TABLE IF NOT EXISTS t (a int);",
                "20250102000000_index.sql",
                    "-- atlas:txmode none\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_a ON t (a);")
            .error()
            .orElseThrow();
    assertThat(error.toString())
        .isEqualTo(
            DIR
                + "/20250102000000_index.sql:2:1: ERROR: CREATE INDEX CONCURRENTLY cannot run "
                + "inside a transaction block\n"
                + "  kit: in the statement at line 2: CREATE INDEX CONCURRENTLY IF NOT EXISTS t_a ON t (a);\n"
                + "  kit: the file's '-- atlas:txmode' is ignored because no empty line follows the header "
                + "comments");
  }

  /** The file's directive is what the message names, whatever the service's txMode. */
  @ParameterizedTest
  @EnumSource(
      value = TxMode.class,
      names = {"FILE", "NONE"})
  void verify_saysToMoveTheStatementOut_whenTheFileRunsWithoutTransactionAndItsOwnBeginHoldsIt(
      TxMode service) {
    MigrationError error =
        new MigrationVerifier(LintSettings.defaults())
            .verify(
                postgres,
                TestHistory.of(
                    service,
                    "20250101000000_create.sql",
                    "CREATE TABLE IF NOT EXISTS t (a int);",
                    "20250102000000_index.sql",
                    "-- atlas:txmode none\n\nBEGIN;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_a"
                        + " ON t (a);\nCOMMIT;"),
                APP)
            .error()
            .orElseThrow();
    assertThat(error.details())
        .last()
        .isEqualTo(
            "kit: the file runs outside a transaction already ('-- atlas:txmode none'), so the"
                + " statement ran inside the file's own BEGIN ... COMMIT, or inside a function or DO"
                + " block: move it out, to run on its own");
  }

  @Test
  void verify_namesTheServicesTxMode_whenItRunsTheFileWithoutTransactionAndItsOwnBeginHoldsIt() {
    ServiceMigrations source =
        TestHistory.of(
            TxMode.NONE,
            "20250101000000_create.sql",
            "CREATE TABLE IF NOT EXISTS t (a int);",
            "20250102000000_index.sql",
            "BEGIN;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_a ON t (a);\nCOMMIT;");
    MigrationError error =
        new MigrationVerifier(LintSettings.defaults())
            .verify(postgres, source, APP)
            .error()
            .orElseThrow();
    assertThat(error.details())
        .last()
        .isEqualTo(
            "kit: the service's txMode NONE (services["
                + source.service()
                + "].migrations.txMode) runs the file outside a transaction, so the statement ran"
                + " inside the file's own BEGIN ... COMMIT, or inside a function or DO block: move"
                + " it out, to run on its own");
  }

  @Test
  void verify_namesCrlf_whenTheDirectiveIsIgnoredForCarriageReturns() {
    MigrationError error =
        verify(
                "20250101000000_create.sql", "CREATE TABLE IF NOT EXISTS t (a int);",
                "20250102000000_index.sql",
                    "-- atlas:txmode none\r\n\r\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_a ON t (a);\r\n")
            .error()
            .orElseThrow();
    assertThat(error.details())
        .last()
        .isEqualTo(
            "kit: the file's '-- atlas:txmode' is ignored: the file has CRLF line ends, and Atlas reads the"
                + " header's directives only when an empty line of a bare line feed (LF) follows the header"
                + " comments; save the file with LF line ends (in .gitattributes: '*.sql text eol=lf')");
  }

  @Test
  void verify_refusesTheFile_whenAtlasWouldSplitItOtherwise() {
    ServiceVerification v =
        verify(
            "20250101000000_create.sql", "CREATE TABLE IF NOT EXISTS legacy (a int);",
            "20250102000000_note.sql", "/* a /* b */ DROP TABLE legacy; */\nSELECT 1;");
    assertThat(v.error().orElseThrow().toString())
        .isEqualTo(
            DIR
                + "/20250102000000_note.sql:1:6: Atlas splits this file otherwise than PostgreSQL: Atlas ends"
                + " a block comment at its first */ and does not nest them, so the rest runs as SQL\n"
                + "  kit: close the inner comment (or the unclosed one) with */, or use -- comments");
  }

  @Test
  void verify_runsKitsSplit_whenTheAtlasDifferenceIsSilencedOrOff() {
    String[] nolint = {
      "20250101000000_create.sql",
      "CREATE TABLE IF NOT EXISTS legacy (a int);",
      "20250102000000_note.sql",
      "-- kit:nolint ATLAS_BLOCK_COMMENT: reviewed\n\n/* a /* b */ DROP TABLE legacy; */\n"
          + "SELECT 1;"
    };
    ServiceVerification silenced = verify(nolint);
    assertThat(silenced.error()).isEmpty();
    assertThat(silenced.statements()).isEqualTo(2);
    ServiceVerification off =
        new MigrationVerifier(LintSettings.parse(Map.of("ATLAS_BLOCK_COMMENT", "off")))
            .verify(
                postgres,
                TestHistory.of(
                    TxMode.FILE,
                    "20250101000000_create.sql",
                    "CREATE TABLE IF NOT EXISTS legacy (a int);",
                    "20250102000000_note.sql",
                    "/* a /* b */ DROP TABLE legacy; */\nSELECT 1;"),
                APP);
    assertThat(off.error()).isEmpty();
  }

  @Test
  void verify_runsWithoutTransaction_whenDirectiveIsFollowedByAnEmptyLine() {
    ServiceVerification v =
        verify(
            "20250101000000_create.sql", "CREATE TABLE IF NOT EXISTS t (a int);",
            "20250102000000_index.sql",
                "-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_a ON t (a);");
    assertThat(v.error()).isEmpty();
    assertThat(v.findings()).isEmpty();
  }

  @Test
  void verify_runsEachStatementLikeAtlas_whenFirstLineSetsADelimiter() {
    ServiceVerification v =
        verify(
            "20250101000000_create.sql",
            "-- atlas:delimiter GO\nCREATE TABLE a(id int)\nGO\nCREATE TABLE b(id int)\nGO\n",
            "20250102000000_broken.sql",
            "-- atlas:delimiter GO\nSELECT 1\nGO\nSELECT nope FROM a\nGO\n");
    assertThat(v.statements()).isEqualTo(3);
    assertThat(v.error().orElseThrow().toString())
        .startsWith(DIR + "/20250102000000_broken.sql:4:8: ERROR: column \"nope\" does not exist");
  }

  @Test
  void verify_refusesLikeAtlas_whenTheDelimiterIsEmpty() {
    ServiceVerification v = verify("20250101000000_create.sql", "-- atlas:delimiter\n\nSELECT 1;");
    assertThat(v.error().orElseThrow())
        .hasToString(
            DIR + "/20250101000000_create.sql:1:1: Atlas refuses this file: empty delimiter");
  }

  @Test
  void verify_startsAtTheLastCheckpoint_whenNoBaselineIsSetLikeAtlas() {
    ServiceVerification v =
        verify(
            "1_a.sql", "CREATE TABLE a (id int);",
            "2_cp.sql", "-- atlas:checkpoint\n\nCREATE TABLE a (id int);",
            "3_b.sql", "CREATE TABLE b (id int);");
    assertThat(v.error()).isEmpty();
    assertThat(v.files()).isEqualTo(2);
    assertThat(v.notes())
        .contains(
            DIR
                + "/2_cp.sql is the last '-- atlas:checkpoint': Atlas starts an empty database there, so kit did "
                + "not apply the 1 file before it");
  }

  @Test
  void verify_skipsCheckpoints_whenABaselineIsSetLikeAtlas() {
    ServiceVerification v =
        new MigrationVerifier(LintSettings.defaults())
            .verify(
                postgres,
                TestHistory.of(
                    TxMode.FILE,
                    Optional.of("1"),
                    "1_a.sql",
                    "CREATE TABLE a (id int);",
                    "2_cp.sql",
                    "-- atlas:checkpoint v2\n\nCREATE TABLE a (id int);",
                    "3_b.sql",
                    "CREATE TABLE b (id int);"),
                APP);
    assertThat(v.error()).isEmpty();
    assertThat(v.files()).isEqualTo(2);
  }

  @Test
  void verify_saysARevertUndoesNothing_whenItsVersionComesBeforeTheCheckpoint() {
    ServiceVerification v =
        verify(
            "1_a.sql", "CREATE TABLE a (id int);",
            "2_cp.sql", "-- atlas:checkpoint\n\nCREATE TABLE a (id int);",
            "3_undo.sql", "-- kit:revert 1\nDROP TABLE a;");

    assertThat(v.problems())
        .containsExactly(
            DIR
                + "/3_undo.sql: reverts 1, which Atlas never runs (it comes before the checkpoint it"
                + " starts at, or is a checkpoint under a baseline), so there is nothing to revert:"
                + " remove the file, or revert a migration Atlas runs");
  }

  @Test
  void verify_saysNoEarlierMigrationHasTheVersion_whenARevertNamesAnother() {
    ServiceVerification v =
        verify(
            "1_a.sql", "CREATE TABLE a (id int);", "2_undo.sql", "-- kit:revert 7\nDROP TABLE a;");

    assertThat(v.problems())
        .containsExactly(
            DIR
                + "/2_undo.sql: reverts 7, but no earlier migration has that version: name the"
                + " version of the migration it undoes");
  }

  @Test
  void change_saysTheCheckpointNeverRuns_whenABaselineIsSet() {
    ServiceMigrations source =
        TestHistory.of(
            TxMode.FILE,
            Optional.of("1"),
            "1_a.sql",
            "CREATE TABLE a (id int);",
            "2_cp.sql",
            "-- atlas:checkpoint\n\nCREATE TABLE a (id int);",
            "3_b.sql",
            "CREATE TABLE b (id int);");

    assertThatThrownBy(
            () -> new MigrationVerifier(LintSettings.defaults()).change(postgres, source, APP, "2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            DIR
                + "/2_cp.sql is a checkpoint, which Atlas never runs once a baseline is set, so no"
                + " database replays the history up to it: revert a migration that is not a"
                + " checkpoint");
  }

  @Test
  void change_namesTheLastCheckpoint_whenTheVersionComesBeforeIt() {
    ServiceMigrations source =
        TestHistory.of(
            TxMode.FILE,
            "1_a.sql",
            "CREATE TABLE a (id int);",
            "2_cp.sql",
            "-- atlas:checkpoint\n\nCREATE TABLE a (id int);",
            "3_b.sql",
            "CREATE TABLE b (id int);");

    assertThatThrownBy(
            () -> new MigrationVerifier(LintSettings.defaults()).change(postgres, source, APP, "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            DIR
                + "/1_a.sql comes before the checkpoint 2_cp.sql where Atlas starts an empty"
                + " database, so no database replays the history up to it: revert 2_cp.sql or a"
                + " later migration");
  }

  @Test
  void verify_refusesLikeAtlas_whenFileOverridesTxModeAll() {
    ServiceVerification v =
        new MigrationVerifier(LintSettings.defaults())
            .verify(
                postgres,
                TestHistory.of(
                    TxMode.ALL,
                    "20250101000000_create.sql",
                    "CREATE TABLE IF NOT EXISTS t (a int);",
                    "20250102000000_index.sql",
                    "-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_a ON t (a);"),
                APP);
    assertThat(v.error().orElseThrow())
        .hasToString(
            DIR
                + "/20250102000000_index.sql:1:1: Atlas refuses this file: cannot "
                + "set txmode directive to \"none\" in \"20250102000000_index.sql\" when txmode \"all\" is set globally");
  }

  @Test
  void verify_reportsWhatEachStatementDid_whenCatalogChangesAreRisky() {
    String base =
        "CREATE SCHEMA IF NOT EXISTS legacy;\n"
            + "CREATE TABLE IF NOT EXISTS legacy.t (a int);\n"
            + "CREATE TABLE IF NOT EXISTS orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, \"Total\" int, note text,\n"
            + "  code varchar(10), customer int);\n";
    String change =
        "DO $$ BEGIN EXECUTE 'ALTER TABLE orders DROP COLUMN note'; END $$;\n"
            + "ALTER TABLE \"orders\" RENAME COLUMN \"Total\" TO total;\n"
            + "ALTER TABLE orders ALTER COLUMN code TYPE varchar(20);\n"
            + "ALTER TABLE orders ALTER COLUMN customer TYPE bigint;\n"
            + "ALTER TABLE orders ADD COLUMN IF NOT EXISTS region text NOT NULL;\n"
            + "ALTER TABLE orders ALTER COLUMN code SET NOT NULL;\n"
            + "CREATE INDEX IF NOT EXISTS orders_customer_idx ON orders (customer);\n"
            + "ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE (code);\n"
            + "CREATE TABLE audit (a int);\n"
            + "ALTER TABLE orders RENAME TO purchases;\n"
            + "DROP SCHEMA legacy CASCADE;\n"
            + "-- kit:nolint DROP_TABLE: nobody reads it\n"
            + "DROP TABLE audit;\n";
    ServiceVerification v =
        verify("20250101000000_base.sql", base, "20250102000000_change.sql", change);
    String file = DIR + "/20250102000000_change.sql:";
    assertThat(v.error()).isEmpty();
    assertThat(v.findings())
        .extracting(f -> f.toString().substring(0, f.toString().indexOf(". Fix: ")))
        .containsExactly(
            file + "1: error DROP_COLUMN (DS103): drops column public.orders.note and its data",
            file + "2: warning RENAME_COLUMN (BC102): renames column public.orders.Total to total",
            file
                + "4: warning COLUMN_TYPE_REWRITE: changes column public.orders.customer from integer to bigint, which rewrites "
                + "table public.orders and its indexes under an ACCESS EXCLUSIVE lock",
            file
                + "5: error ADD_NOT_NULL_COLUMN (MF103): adds NOT NULL column public.orders.region without a default, which "
                + "fails on a table that has rows",
            file
                + "6: warning SET_NOT_NULL (MF104): makes column public.orders.code NOT NULL, which scans table public.orders "
                + "under an ACCESS EXCLUSIVE lock",
            file
                + "7: warning CREATE_INDEX_LOCKING (PG101): builds index public.orders_customer_idx on existing table "
                + "public.orders without CONCURRENTLY, so writes to it wait until the index is built",
            file
                + "8: warning CREATE_INDEX_LOCKING (PG101): adds a constraint whose index public.orders_code_key is built on "
                + "existing table public.orders under an ACCESS EXCLUSIVE lock, so reads and writes of it wait",
            file
                + "9: warning CREATE_WITHOUT_IF_NOT_EXISTS: creates table public.audit without IF NOT EXISTS, so running the "
                + "file again fails",
            file
                + "10: warning RENAME_TABLE (BC101): renames table public.orders to public.purchases",
            file + "11: error DROP_SCHEMA (DS101): drops schema legacy and everything in it");
    assertThat(v.passed()).isFalse();
  }

  @Test
  void verify_reportsConstraintsThatCheckEveryRow_andNoIndexThatNothingBuilt() {
    String base =
        "CREATE TABLE IF NOT EXISTS suppliers (id int PRIMARY KEY);\n"
            + "CREATE TABLE IF NOT EXISTS items (id int, code varchar(20) UNIQUE, supplier_id int);\n"
            + "CREATE TABLE IF NOT EXISTS events (at timestamptz, id int) PARTITION BY RANGE (at);\n"
            + "CREATE TABLE IF NOT EXISTS events_2026 PARTITION OF events"
            + " FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');\n"
            + "CREATE INDEX IF NOT EXISTS events_id ON events (id);\n";
    String change =
        "ALTER TABLE items ADD CONSTRAINT items_code_upper CHECK (code = upper(code));\n"
            + "ALTER TABLE items ADD CONSTRAINT items_supplier_fk FOREIGN KEY (supplier_id)"
            + " REFERENCES suppliers (id);\n"
            + "ALTER TABLE items ADD CONSTRAINT items_positive CHECK (id > 0) NOT VALID;\n"
            + "ALTER TABLE items VALIDATE CONSTRAINT items_positive;\n"
            + "ALTER TABLE items ALTER COLUMN code TYPE varchar(40);\n"
            + "CREATE INDEX IF NOT EXISTS events_at_idx ON ONLY events (at);\n"
            + "ALTER TABLE events DETACH PARTITION events_2026;\n";
    ServiceVerification v =
        verify("20250101000000_base.sql", base, "20250102000000_change.sql", change);
    String file = DIR + "/20250102000000_change.sql:";
    assertThat(v.error()).isEmpty();
    assertThat(v.findings())
        .extracting(f -> f.toString().substring(0, f.toString().indexOf(". Fix: ")))
        .containsExactly(
            file
                + "1: warning ADD_CONSTRAINT_LOCKING: adds CHECK constraint items_code_upper to existing"
                + " table public.items, which checks every row while reads and writes of it wait"
                + " (ACCESS EXCLUSIVE)",
            file
                + "2: warning ADD_CONSTRAINT_LOCKING: adds FOREIGN KEY constraint items_supplier_fk to"
                + " existing table public.items, which checks every row while writes to it and to the"
                + " table it references wait (SHARE ROW EXCLUSIVE)",
            file
                + "7: warning DETACH_PARTITION_LOCKING: detaches partition public.events_2026 from"
                + " table public.events under an ACCESS EXCLUSIVE lock on it, so every read and"
                + " write of it waits");
  }

  @Test
  void verify_reportsTableRewrite_whenAnAddedColumnRewritesAnExistingTable() {
    String base =
        "CREATE TABLE IF NOT EXISTS orders (id int, total int, code varchar(10));\n"
            + "INSERT INTO orders VALUES (1, 2, 'a');\n"
            + "CREATE DOMAIN positive AS int CHECK (VALUE > 0);\n"
            + "CREATE DOMAIN label AS text;\n"
            + "CREATE DOMAIN required AS int NOT NULL;\n";
    String change =
        "ALTER TABLE orders ADD COLUMN IF NOT EXISTS uid uuid DEFAULT gen_random_uuid();\n"
            + "ALTER TABLE orders ADD COLUMN IF NOT EXISTS twice int GENERATED ALWAYS AS (total * 2) STORED;\n"
            + "ALTER TABLE orders ADD COLUMN IF NOT EXISTS n bigint GENERATED ALWAYS AS IDENTITY;\n"
            + "ALTER TABLE orders ADD COLUMN IF NOT EXISTS region text DEFAULT 'eu';\n"
            + "ALTER TABLE orders ADD COLUMN IF NOT EXISTS qty positive;\n"
            + "ALTER TABLE orders ADD COLUMN IF NOT EXISTS note label;\n"
            + "ALTER TABLE orders ADD COLUMN IF NOT EXISTS r required DEFAULT 1;\n"
            + "ALTER TABLE orders ALTER COLUMN id TYPE bigint;\n"
            + "TRUNCATE orders;\n"
            + "CREATE TABLE IF NOT EXISTS fresh (id int);\n"
            + "ALTER TABLE fresh ADD COLUMN IF NOT EXISTS uid uuid DEFAULT gen_random_uuid();\n";
    ServiceVerification v =
        verify("20250101000000_base.sql", base, "20250102000000_change.sql", change);
    String file = DIR + "/20250102000000_change.sql:";
    String rewrite =
        ": warning TABLE_REWRITE: rewrites table public.orders and its indexes under an ACCESS"
            + " EXCLUSIVE lock, so reads and writes of it wait until it is rewritten";
    assertThat(v.error()).isEmpty();
    assertThat(v.findings())
        .extracting(f -> f.toString().substring(0, f.toString().indexOf(". Fix: ")))
        .containsExactly(
            file + "1" + rewrite,
            file + "2" + rewrite,
            file + "3" + rewrite,
            file
                + "5"
                + rewrite
                + ": it adds column qty of domain public.positive, whose CHECK or NOT NULL PostgreSQL"
                + " checks on every row by rewriting the table, with a default or without",
            file
                + "7"
                + rewrite
                + ": it adds column r of domain public.required, whose CHECK or NOT NULL PostgreSQL"
                + " checks on every row by rewriting the table, with a default or without",
            file
                + "8: warning COLUMN_TYPE_REWRITE: changes column public.orders.id from integer to bigint, which rewrites "
                + "table public.orders and its indexes under an ACCESS EXCLUSIVE lock");
    assertThat(v.findings().get(0).toString()).endsWith(LintRule.TABLE_REWRITE.fix() + ".");
  }

  @Test
  void verify_doesNotReportSetNotNull_whenAValidatedCheckProvesItFirst() {
    ServiceVerification v =
        verify(
            "20250101000000_base.sql",
            "CREATE TABLE IF NOT EXISTS orders (id int, code text);\n"
                + "INSERT INTO orders VALUES (1, 'a');\n",
            "20250102000000_check.sql",
            "ALTER TABLE orders ADD CONSTRAINT code_present CHECK (code IS NOT NULL) NOT VALID;\n",
            "20250103000000_validate.sql",
            "ALTER TABLE orders VALIDATE CONSTRAINT code_present;\n",
            "20250104000000_set.sql",
            "ALTER TABLE orders ALTER COLUMN code SET NOT NULL;\n"
                + "ALTER TABLE orders ALTER COLUMN id SET NOT NULL;\n");
    assertThat(v.error()).isEmpty();
    assertThat(v.findings())
        .extracting(LintFinding::rule, f -> f.toString().contains("public.orders.id NOT NULL"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple(LintRule.SET_NOT_NULL, true));
  }

  @Test
  void verify_reportsSetNotNull_whenTheCheckIsNotValidated() {
    ServiceVerification v =
        verify(
            "20250101000000_base.sql",
            "CREATE TABLE IF NOT EXISTS orders (id int, code text);\n",
            "20250102000000_check.sql",
            "ALTER TABLE orders ADD CONSTRAINT code_present CHECK (code IS NOT NULL) NOT VALID;\n",
            "20250103000000_set.sql",
            "ALTER TABLE orders ALTER COLUMN code SET NOT NULL;\n");
    assertThat(v.error()).isEmpty();
    assertThat(v.findings())
        .extracting(LintFinding::rule, f -> f.toString().contains("public.orders.code NOT NULL"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple(LintRule.SET_NOT_NULL, true));
  }

  @Test
  void verify_followsAtlasNolintAndSkipsWhatTheFileCreated_whenDropping() {
    String base =
        "CREATE TABLE IF NOT EXISTS orders (id int, note text);\n"
            + "CREATE INDEX IF NOT EXISTS orders_note_idx ON orders (note);\n"
            + "CREATE INDEX IF NOT EXISTS orders_id_idx ON orders (id);\n";
    String change =
        "CREATE TABLE IF NOT EXISTS scratch (a int);\n"
            + "CREATE INDEX IF NOT EXISTS scratch_a_idx ON scratch (a);\n"
            + "DROP INDEX scratch_a_idx;\n"
            + "DROP TABLE scratch;\n"
            + "ALTER TABLE orders ADD COLUMN IF NOT EXISTS tmp text;\n"
            + "ALTER TABLE orders DROP COLUMN tmp;\n"
            + "-- atlas:nolint destructive\n"
            + "ALTER TABLE orders DROP COLUMN note;\n"
            + "DROP INDEX orders_id_idx;\n";
    ServiceVerification v =
        verify("20250101000000_base.sql", base, "20250102000000_change.sql", change);
    assertThat(v.error()).isEmpty();
    assertThat(v.findings())
        .extracting(f -> f.toString().substring(0, f.toString().indexOf(". Fix: ")))
        .containsExactly(
            DIR
                + "/20250102000000_change.sql:9: warning DROP_INDEX_LOCKING (PG102): drops index"
                + " public.orders_id_idx without CONCURRENTLY, so reads and writes of table"
                + " public.orders wait until it is dropped");
    assertThat(
            verify(
                    "20250101000000_base.sql",
                    base,
                    "20250102000000_change.sql",
                    "-- atlas:nolint\n\nDROP TABLE orders;\n")
                .findings())
        .isEmpty();
  }

  @Test
  void verify_reportsTheDifference_whenReplayFromZeroEndsElsewhere() throws SQLException {
    // What the first run leaves in a role the cluster has from elsewhere (made here, not by kit,
    // so it outlives the run) the replay sees: a role of its own, so no other test does.
    try (Connection c = postgres.connect("postgres", "postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE odd_owner LOGIN");
    }
    String once =
        "DO $$ BEGIN IF current_setting('search_path') NOT LIKE '%replayed%' THEN\n"
            + "  EXECUTE 'CREATE TABLE IF NOT EXISTS only_once (a int)';\n"
            + "  EXECUTE 'ALTER ROLE CURRENT_USER SET search_path = \"$user\", public, replayed';\n"
            + "END IF; END $$;";
    ServiceMigrations history =
        new ServiceMigrations(
            "odd",
            DIR,
            new MigrationDirectory(
                List.of(new MigrationFile("20250101000000_odd.sql", once.getBytes(UTF_8)))),
            TxMode.FILE,
            17,
            "odd_owner",
            Optional.empty());
    ServiceVerification v =
        new MigrationVerifier(LintSettings.defaults()).verify(postgres, history, APP);
    assertThat(v.problems())
        .containsExactly(
            DIR
                + ": the replay from an empty database ends in a different schema: "
                + "column public.only_once.a, table public.only_once");
  }

  @Test
  void revert_restoresTheCatalog_whenDerivedDownMigrationIsApplied() {
    String base =
        "CREATE TABLE IF NOT EXISTS orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, total int,\n"
            + "  code varchar(10), customer int NOT NULL, legacy_flag boolean NOT NULL DEFAULT false);\n"
            + "CREATE INDEX IF NOT EXISTS orders_customer_idx ON orders (customer);\n"
            + "CREATE OR REPLACE VIEW big_orders AS SELECT id FROM orders WHERE total > 10;\n"
            + "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
            + "CREATE TABLE IF NOT EXISTS old_stuff (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text NOT NULL,\n"
            + "  kind text DEFAULT 'a' CHECK (kind <> ''));\n";
    String change =
        "CREATE TYPE mood AS ENUM ('ok', 'sad');\n"
            + "CREATE TABLE IF NOT EXISTS feelings (id int PRIMARY KEY, m mood NOT NULL, order_id bigint REFERENCES orders (id));\n"
            + "ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text DEFAULT 'x';\n"
            + "ALTER TABLE orders DROP COLUMN legacy_flag;\n"
            + "ALTER TABLE orders RENAME COLUMN total TO amount;\n"
            + "ALTER TABLE orders ALTER COLUMN code TYPE text;\n"
            + "ALTER TABLE orders ALTER COLUMN code SET DEFAULT 'none';\n"
            + "ALTER TABLE orders ALTER COLUMN customer DROP NOT NULL;\n"
            + "CREATE INDEX IF NOT EXISTS orders_code_idx ON orders (code);\n"
            + "DROP INDEX orders_customer_idx;\n"
            + "ALTER TABLE orders ADD CONSTRAINT amount_positive CHECK (amount > 0);\n"
            + "CREATE OR REPLACE VIEW big_orders AS SELECT id FROM orders WHERE amount > 100;\n"
            + "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 2 $$;\n"
            + "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
            + "CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();\n"
            + "DROP TABLE old_stuff;\n"
            + "CREATE SEQUENCE IF NOT EXISTS numbers START 5;\n"
            + "CREATE SCHEMA IF NOT EXISTS extra;\n"
            + "UPDATE orders SET amount = 1;\n";
    DownMigration down =
        derive("20250101000000_base.sql", base, "20250102000000_change.sql", change);
    assertThat(down.sql())
        .startsWith(
            "-- kit:revert 20250102000000\n-- Reverts 20250102000000_change.sql, derived by kit");
    assertThat(down.irreversible())
        .containsExactly(
            "data: line 19 (UPDATE) changed rows, which the catalog does not record; undo it by hand if it matters",
            "values of column public.orders.note: dropping it deletes the values written to it since"
                + " 20250102000000; copy them first if they matter",
            "values of column public.orders.code: character varying(10) is narrower than text, so a value written"
                + " since 20250102000000 that does not fit makes this revert fail, or is rounded; check them first",
            "rows of table public.feelings: dropping it deletes the rows written to it since"
                + " 20250102000000; copy them first if they matter",
            "rows of table public.old_stuff: the reverted migration deleted them with the table; restore them from a backup "
                + "(see RUNBOOK.md)",
            "values of column public.orders.legacy_flag: the reverted migration deleted them with the column; restore them "
                + "from a backup (see RUNBOOK.md)");

    ServiceVerification v =
        verify(
            "20250101000000_base.sql",
            base,
            "20250102000000_change.sql",
            change,
            "20250103000000_revert_20250102000000.sql",
            down.sql());
    assertThat(v.error()).isEmpty();
    assertThat(v.problems()).isEmpty();
    assertThat(v.notes())
        .singleElement()
        .asString()
        .startsWith(
            DIR
                + "/20250103000000_revert_20250102000000.sql restores "
                + "the 30 catalog objects 20250102000000_change.sql changed");
  }

  /** The down migration of the second of {@code namesAndContents}, derived on PostgreSQL 17. */
  private static DownMigration derive(String... namesAndContents) {
    return TestHistory.derive(postgres, namesAndContents);
  }

  /** A column named owner or policy is no owner change or row security policy. */
  @Test
  void revert_listsNoUnrecordedChange_forColumnsNamedOwnerOrPolicy() {
    DownMigration down =
        derive(
            "20250101000000_base.sql",
            "CREATE TABLE IF NOT EXISTS t (id int PRIMARY KEY, owner text);\n",
            "20250102000000_change.sql",
            "ALTER TABLE t RENAME COLUMN owner TO holder;\n"
                + "ALTER TABLE t ADD COLUMN IF NOT EXISTS policy text;\n"
                + "ALTER INDEX t_pkey OWNER TO CURRENT_USER;\n");

    assertThat(down.irreversible())
        .filteredOn(line -> line.startsWith("unrecorded:"))
        .containsExactly(
            "unrecorded: line 3 (ALTER INDEX t_pkey OWNER TO CURRENT_USER;) changed an owner,"
                + " which kit does not compare; undo it by hand if it matters");
  }

  @Test
  void revert_dropsInDependencyOrder_whenTheMigrationCreatedObjectsThatUseEachOther() {
    String base =
        "CREATE TABLE IF NOT EXISTS t (id int PRIMARY KEY, a int, name varchar(20));\n"
            + "CREATE INDEX IF NOT EXISTS t_a_idx ON t (a);\n"
            + "CREATE VIEW v AS SELECT id, a FROM t;\n"
            + "CREATE VIEW w AS SELECT id, name FROM t;\n";
    String change =
        "CREATE TABLE IF NOT EXISTS a_customers (id int PRIMARY KEY);\n"
            + "CREATE TABLE IF NOT EXISTS b_orders (id int PRIMARY KEY, customer int REFERENCES a_customers (id));\n"
            + "CREATE FUNCTION code() RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$;\n"
            + "ALTER TABLE t ADD COLUMN IF NOT EXISTS c text DEFAULT code() CHECK (c <> code());\n"
            + "ALTER TABLE t ADD COLUMN IF NOT EXISTS b text;\n"
            + "CREATE OR REPLACE VIEW v AS SELECT id, a, b FROM t;\n"
            + "DROP VIEW w;\n"
            + "ALTER TABLE t ALTER COLUMN name TYPE text;\n"
            + "CREATE VIEW w AS SELECT id, name FROM t;\n"
            + "ALTER TABLE t RENAME TO t2;\n"
            + "GRANT SELECT ON t2 TO PUBLIC;\n"
            + "COMMENT ON TABLE t2 IS 'renamed';\n";
    String later = "CREATE TABLE IF NOT EXISTS unrelated (id int);";
    DownMigration down =
        derive(
            "20250101000000_base.sql",
            base,
            "20250102000000_change.sql",
            change,
            "20250103000000_later.sql",
            later);
    assertThat(down.sql())
        .contains("DROP TABLE IF EXISTS public.a_customers, public.b_orders;")
        .contains("ALTER TABLE public.t2 ALTER COLUMN name TYPE character varying(20);\n")
        .doesNotContain("USING")
        .contains("DROP VIEW IF EXISTS public.v;")
        // The comment and grant on the renamed table go once its name is back.
        .endsWith(
            "\n\nCOMMENT ON TABLE public.t IS NULL;\n\nREVOKE ALL ON TABLE public.t FROM PUBLIC;\n");
    assertThat(down.sql().indexOf("DROP FUNCTION IF EXISTS public.code()"))
        .isGreaterThan(down.sql().indexOf("DROP COLUMN IF EXISTS c;"));
    assertThat(down.irreversible())
        .containsExactly(
            "later migrations: 20250103000000_later.sql ran after 20250102000000_change.sql, and kit"
                + " derived this revert from the schema around it alone; if they renamed or changed"
                + " what it touches, edit it to match",
            "values of column public.t2.b: dropping it deletes the values written to it since"
                + " 20250102000000; copy them first if they matter",
            "values of column public.t2.c: dropping it deletes the values written to it since"
                + " 20250102000000; copy them first if they matter",
            "values of column public.t.name: character varying(20) is narrower than text, so a value"
                + " written since 20250102000000 that does not fit makes this revert fail, or is"
                + " rounded; check them first",
            "rows of table public.a_customers: dropping it deletes the rows written to it since"
                + " 20250102000000; copy them first if they matter",
            "rows of table public.b_orders: dropping it deletes the rows written to it since"
                + " 20250102000000; copy them first if they matter");

    ServiceVerification v =
        verify(
            "20250101000000_base.sql",
            base,
            "20250102000000_change.sql",
            change,
            "20250103000000_later.sql",
            later,
            "20250104000000_revert_20250102000000.sql",
            down.sql());
    assertThat(v.error()).isEmpty();
    assertThat(v.problems()).isEmpty();
    assertThat(v.notes())
        .singleElement()
        .asString()
        .startsWith(DIR + "/20250104000000_revert_20250102000000.sql restores the ");
  }

  @Test
  void revert_rebuildsTheViewsThatReadAChangedView_inDependencyOrder() {
    String base =
        "CREATE TABLE IF NOT EXISTS t (id int PRIMARY KEY, a int, b int);\n"
            + "CREATE VIEW v AS SELECT id, a FROM t;\n"
            + "CREATE VIEW u AS SELECT id FROM v;\n"
            + "CREATE MATERIALIZED VIEW IF NOT EXISTS m AS SELECT id FROM u;\n"
            + "GRANT SELECT ON v TO PUBLIC;\n"
            + "COMMENT ON VIEW u IS 'u''s ids';\n";
    String change =
        "CREATE OR REPLACE VIEW v AS SELECT id, a, b FROM t;\n"
            + "CREATE VIEW a_base AS SELECT id, b FROM v;\n"
            + "CREATE VIEW z_top AS SELECT id FROM a_base;\n";
    DownMigration down =
        derive("20250101000000_base.sql", base, "20250102000000_change.sql", change);
    assertThat(down.sql())
        .containsSubsequence(
            "DROP VIEW IF EXISTS public.z_top;",
            "DROP VIEW IF EXISTS public.a_base;",
            "DROP MATERIALIZED VIEW IF EXISTS public.m;",
            "DROP VIEW IF EXISTS public.u;",
            "DROP VIEW IF EXISTS public.v;",
            "CREATE OR REPLACE VIEW public.v AS",
            "CREATE OR REPLACE VIEW public.u AS",
            "CREATE MATERIALIZED VIEW IF NOT EXISTS public.m AS");
    assertThat(down.irreversible()).isEmpty();
    assertThat(down.sql())
        .contains(
            "COMMENT ON VIEW public.u IS 'u''s ids';", "GRANT SELECT ON TABLE public.v TO PUBLIC;");

    ServiceVerification v =
        verify(
            "20250101000000_base.sql",
            base,
            "20250102000000_change.sql",
            change,
            "20250103000000_revert_20250102000000.sql",
            down.sql());
    assertThat(v.error()).isEmpty();
    assertThat(v.problems()).isEmpty();
  }

  @Test
  void revert_createsFunctionsBeforeTables_whenTheMigrationDroppedBoth() {
    String base =
        "CREATE TABLE IF NOT EXISTS gone (id int PRIMARY KEY);\n"
            + "CREATE FUNCTION code() RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$;\n"
            + "CREATE FUNCTION gone_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM gone $$;\n"
            + "CREATE TABLE IF NOT EXISTS old_stuff (id int, c text DEFAULT code() CHECK (c <> ''));\n";
    String change =
        "DROP TABLE old_stuff;\nDROP FUNCTION code();\nDROP FUNCTION gone_count();\nDROP TABLE gone;\n";
    DownMigration down =
        derive("20250101000000_base.sql", base, "20250102000000_change.sql", change);
    assertThat(down.sql()).contains("SET LOCAL check_function_bodies = off;");

    ServiceVerification v =
        verify(
            "20250101000000_base.sql",
            base,
            "20250102000000_change.sql",
            change,
            "20250103000000_revert_20250102000000.sql",
            down.sql());
    assertThat(v.error()).isEmpty();
    assertThat(v.problems()).isEmpty();
    assertThat(v.notes())
        .singleElement()
        .asString()
        .startsWith(DIR + "/20250103000000_revert_20250102000000.sql restores the ");
  }

  @Test
  void revert_refusesToCreatePartitionedTables_whenTheMigrationDroppedOne() {
    String base =
        "CREATE TABLE IF NOT EXISTS m (id int, at date NOT NULL) PARTITION BY RANGE (at);\n"
            + "CREATE TABLE IF NOT EXISTS m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');\n"
            + "CREATE INDEX IF NOT EXISTS m_at ON m (at);\n";
    DownMigration down =
        derive("20250101000000_base.sql", base, "20250102000000_drop.sql", "DROP TABLE m;\n");
    assertThat(down.sql())
        .doesNotContain("CREATE TABLE IF NOT EXISTS")
        .doesNotContain("CREATE INDEX")
        .endsWith("\n-- No statement: what 20250102000000_drop.sql changed is listed above.\n");
    assertThat(down.irreversible())
        .extracting(line -> line.substring(0, line.indexOf(',')))
        .containsExactly(
            "table public.m: it was a partitioned table",
            "table public.m_2025: it was a partition");
  }

  @Test
  void revert_failsInsteadOfTruncating_whenAValueNoLongerFitsTheNarrowerType() {
    String base = "CREATE TABLE IF NOT EXISTS t (name varchar(5), n int);\n";
    String change =
        "ALTER TABLE t ALTER COLUMN name TYPE text, ALTER COLUMN n TYPE text;\n"
            + "INSERT INTO t VALUES ('abcdefgh', '7');\n";
    DownMigration down =
        derive("20250101000000_base.sql", base, "20250102000000_change.sql", change);
    assertThat(down.sql())
        .contains("ALTER TABLE public.t ALTER COLUMN n TYPE integer USING n::integer;")
        .contains("ALTER TABLE public.t ALTER COLUMN name TYPE character varying(5);");
    assertThat(down.irreversible())
        .anyMatch(line -> line.startsWith("values of column public.t.name: character varying(5)"))
        // Text that is not a number fails the cast back too.
        .anyMatch(line -> line.startsWith("values of column public.t.n: integer is narrower"));

    ServiceVerification v =
        verify(
            "20250101000000_base.sql",
            base,
            "20250102000000_change.sql",
            change,
            "20250103000000_revert_20250102000000.sql",
            down.sql());
    assertThat(v.error().orElseThrow().message())
        .isEqualTo("ERROR: value too long for type character varying(5)");
  }

  @Test
  void verify_namesWhatIsNotRestored_whenRevertMigrationMissesAChange() {
    ServiceVerification v =
        verify(
            "20250101000000_create.sql", "CREATE TABLE IF NOT EXISTS t (a int);",
            "20250102000000_add.sql", "ALTER TABLE t ADD COLUMN IF NOT EXISTS b int;",
            "20250103000000_revert.sql", "-- kit:revert 20250102000000\n\nSELECT 1;");
    assertThat(v.problems())
        .containsExactly(
            DIR
                + "/20250103000000_revert.sql does not restore what 20250102000000_add.sql "
                + "changed: column public.t.b (before 20250102000000: absent; after the revert: b integer)");
  }

  @Test
  void verify_findsTheCnpgDatabasesSchemasAndExtensions_whenTheFirstMigrationRuns() {
    ClusterDatabase cluster =
        new ClusterDatabase(
            "shop", List.of("pgcrypto", "uuid-ossp"), List.of("public", "reporting"));
    ServiceVerification v =
        new MigrationVerifier(LintSettings.defaults())
            .verify(
                postgres,
                TestHistory.of(
                    TxMode.FILE,
                    "1_uses.sql",
                    "DO $$ BEGIN\n"
                        + "  IF current_database() <> 'shop' THEN RAISE EXCEPTION 'on %', current_database(); END IF;\n"
                        + "  IF (SELECT count(*) FROM pg_namespace WHERE nspname IN ('public', 'reporting')\n"
                        + "      AND nspowner = 'app'::regrole) <> 2 THEN RAISE EXCEPTION 'schemas not owned'; END IF;\n"
                        + "END $$;\n"
                        + "COMMENT ON DATABASE shop IS 'the cluster''s';\n"
                        + "CREATE TABLE reporting.t (id uuid DEFAULT uuid_generate_v4(), h bytea);\n"
                        + "INSERT INTO reporting.t (h) VALUES (digest('x', 'sha256'));\n"),
                cluster);
    assertThat(v.error()).isEmpty();
    assertThat(v.problems()).isEmpty();
    assertThat(v.statements()).isEqualTo(4);
  }

  @Test
  void verify_runs_whenTheServiceIsNamedLikeADatabaseEveryServerHas() {
    ServiceMigrations source =
        new ServiceMigrations(
            "postgres",
            DIR,
            new MigrationDirectory(
                List.of(new MigrationFile("1_a.sql", "CREATE TABLE a (id int);".getBytes(UTF_8)))),
            TxMode.FILE,
            17,
            "app",
            Optional.empty());
    ServiceVerification v =
        new MigrationVerifier(LintSettings.defaults()).verify(postgres, source, APP);
    assertThat(v.passed()).as(v.toString()).isTrue();
  }

  @Test
  void verify_grantsToTheManagedRoles_madeAsCloudNativePgMakesThem() throws SQLException {
    ClusterDatabase app =
        new ClusterDatabase(
            "app",
            List.of(),
            List.of(),
            List.of(
                Role.absent("legacy_etl"),
                Role.builder("readers").build(),
                Role.builder("reporting")
                    .login()
                    .inRole("readers")
                    .inRole("pg_read_all_data")
                    .connectionLimit(3)
                    .noInherit()
                    .build()),
            Optional.empty());
    ServiceVerification v =
        new MigrationVerifier(LintSettings.defaults())
            .verify(
                postgres,
                TestHistory.of(
                    TxMode.FILE,
                    "20250101000000_items.sql",
                    "CREATE TABLE IF NOT EXISTS items (id int);\n"
                        + "GRANT SELECT ON items TO readers;\n"),
                app);

    assertThat(v.passed()).as(v.toString()).isTrue();
    try (Connection c = postgres.connect("postgres", "postgres");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT rolcanlogin, rolinherit, rolconnlimit,"
                    + " pg_has_role('reporting', 'readers', 'MEMBER'),"
                    + " pg_has_role('reporting', 'pg_read_all_data', 'MEMBER'),"
                    + " (SELECT count(*) FROM pg_roles WHERE rolname = 'legacy_etl')"
                    + " FROM pg_roles WHERE rolname = 'reporting'")) {
      assertThat(rs.next()).isTrue();
      assertThat(
              List.of(
                  rs.getBoolean(1),
                  rs.getBoolean(2),
                  rs.getInt(3),
                  rs.getBoolean(4),
                  rs.getBoolean(5),
                  rs.getInt(6)))
          .containsExactly(true, false, 3, true, true, 0);
    }
  }

  @Test
  void verify_refusesAGrantToARoleOnlyAnotherServiceDeclared_whicheverRanFirst()
      throws SQLException {
    ClusterDatabase declaring =
        new ClusterDatabase(
            "app",
            List.of(),
            List.of(),
            List.of(Role.builder("readers").build()),
            Optional.empty());
    ServiceMigrations grant =
        TestHistory.of(
            TxMode.FILE,
            "20250101000000_items.sql",
            "CREATE TABLE IF NOT EXISTS items (id int);\nGRANT SELECT ON items TO readers;\n");
    // Another cluster's database and owner, named otherwise: its owner owns what it made there.
    ServiceMigrations shop =
        new ServiceMigrations(
            TestHistory.service(),
            DIR,
            new MigrationDirectory(
                List.of(new MigrationFile("1_a.sql", "CREATE TABLE a (id int);".getBytes(UTF_8)))),
            TxMode.FILE,
            17,
            "shop_owner",
            Optional.empty());
    MigrationVerifier verifier = new MigrationVerifier(LintSettings.defaults());

    ServiceVerification declared = verifier.verify(postgres, grant, declaring);
    ServiceVerification undeclared = verifier.verify(postgres, grant, APP);
    ServiceVerification otherCluster =
        verifier.verify(postgres, shop, new ClusterDatabase("shop", List.of(), List.of()));
    ServiceVerification declaredAgain = verifier.verify(postgres, grant, declaring);

    assertThat(declared.passed()).as(declared.toString()).isTrue();
    assertThat(undeclared.error())
        .map(MigrationError::message)
        .contains("ERROR: role \"readers\" does not exist");
    assertThat(otherCluster.passed()).as(otherCluster.toString()).isTrue();
    assertThat(declaredAgain.passed()).as(declaredAgain.toString()).isTrue();
    assertThat(rolesNamed("readers", "shop_owner")).containsExactly("readers");
  }

  private static List<String> rolesNamed(String... names) throws SQLException {
    return firstColumn(
        "SELECT rolname FROM pg_roles WHERE rolname IN ('"
            + String.join("', '", names)
            + "') ORDER BY rolname");
  }

  /** The first column of {@code sql}'s rows, run in database postgres as the superuser. */
  private static List<String> firstColumn(String sql) throws SQLException {
    List<String> values = new java.util.ArrayList<>();
    try (Connection c = postgres.connect("postgres", "postgres");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  @Test
  void verify_saysWhatToFix_whenTheClusterCannotMakeAManagedRole() {
    ServiceMigrations source = TestHistory.of(TxMode.FILE, "1_a.sql", "SELECT 1;");
    ServiceVerification v =
        new MigrationVerifier(LintSettings.defaults())
            .verify(
                postgres,
                source,
                new ClusterDatabase(
                    "app",
                    List.of(),
                    List.of(),
                    List.of(Role.builder("auditor").inRole("no_such_group").build()),
                    Optional.empty()));

    assertThat(v.passed()).isFalse();
    assertThat(v.files()).isZero();
    assertThat(v.problems())
        .containsExactly(
            source.service()
                + ": the Cluster cannot make its managed role auditor's membership in"
                + " no_such_group: ERROR: role \"no_such_group\" does not exist (kit replays"
                + " spec.managed.roles as the superuser before the migrations, as CloudNativePG"
                + " does), so kit did not apply "
                + DIR
                + ": fix the description's database(d -> d.role(...)), since the cluster would"
                + " fail the same way");
  }

  @Test
  void verify_warns_whenTheMigrationsGrantTheAppsRoleNothing_andNotOnceTheyDo() {
    List<Role> roles =
        List.of(
            Role.builder("readers").build(),
            Role.builder("shop_app").login().passwordSecret("shop-app").build());
    ClusterDatabase asApp =
        new ClusterDatabase("app", List.of(), List.of(), roles, Optional.of("shop_app"));
    ServiceMigrations ungranted =
        TestHistory.of(
            TxMode.FILE,
            "20250101000000_items.sql",
            "CREATE TABLE IF NOT EXISTS items (id int);\nGRANT SELECT ON items TO readers;\n");
    ServiceMigrations granted =
        TestHistory.of(
            TxMode.FILE,
            "20250101000000_items.sql",
            "CREATE TABLE IF NOT EXISTS items (id int);\n"
                + "GRANT SELECT, INSERT ON items TO shop_app;\n");

    ServiceVerification without =
        new MigrationVerifier(LintSettings.defaults()).verify(postgres, ungranted, asApp);
    ServiceVerification with =
        new MigrationVerifier(LintSettings.defaults()).verify(postgres, granted, asApp);

    assertThat(without.passed()).as(without.toString()).isTrue();
    assertThat(without.warnings())
        .containsExactly(
            ungranted.service()
                + ": the app connects as shop_app (connectAs), which "
                + DIR
                + " grant no privilege on any of the 1 tables and views they make, so its first"
                + " query would fail with \"permission denied\": grant it what the app needs in a"
                + " migration, such as GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA"
                + " public TO shop_app (and GRANT USAGE ON SCHEMA for another schema), with ALTER"
                + " DEFAULT PRIVILEGES for the tables to come");
    assertThat(with.warnings()).isEmpty();
  }

  /** The predefined roles kit lets a managed role join are the server's own, by major. */
  @Test
  void predefinedRoles_areTheServersOwn() throws SQLException {
    List<String> server =
        firstColumn(
            "SELECT rolname FROM pg_roles WHERE rolname LIKE 'pg\\_%'"
                + " AND rolname <> 'pg_database_owner' ORDER BY rolname");

    assertThat(Role.predefinedRoles(17)).containsExactlyElementsOf(server);
  }

  @Test
  void verify_saysWhatToDo_whenTheEmbeddedPostgresLacksAnExtension() {
    ServiceMigrations source =
        TestHistory.of(TxMode.FILE, "1_a.sql", "CREATE TABLE a (v vector(3));");
    ServiceVerification v =
        new MigrationVerifier(LintSettings.defaults())
            .verify(postgres, source, new ClusterDatabase("app", List.of("vector"), List.of()));
    assertThat(v.passed()).isFalse();
    assertThat(v.error()).isEmpty();
    assertThat(v.files()).isZero();
    assertThat(v.problems())
        .containsExactly(
            source.service()
                + ": extension vector is not in kit's embedded PostgreSQL "
                + postgres.version()
                + ", whose binaries hold PostgreSQL's own (contrib) extensions only, so kit did not"
                + " apply "
                + DIR
                + ". The cluster's image may have it (CloudNativePG's standard images ship vector,"
                + " pgaudit and pg_failover_slots), where the CNPG Database creates it before the"
                + " migration Job. To build meanwhile, skip kit:verify (-Dkit.verify.skip=true) and"
                + " let the migration Job on a development cluster be the first to run these"
                + " migrations; if they do not use vector, remove database(d ->"
                + " d.extension(\"vector\")) from the description");
  }

  @Test
  void verify_namesTheExtension_whenTheCnpgDatabaseCannotCreateIt() {
    ServiceMigrations source = TestHistory.of(TxMode.FILE, "1_a.sql", "SELECT 1;");
    ServiceVerification v =
        new MigrationVerifier(LintSettings.defaults())
            .verify(
                postgres, source, new ClusterDatabase("app", List.of("earthdistance"), List.of()));
    assertThat(v.files()).isZero();
    assertThat(v.problems())
        .singleElement(STRING)
        .startsWith(
            source.service()
                + ": the CNPG Database cannot create its extension earthdistance: ERROR: required"
                + " extension \"cube\" is not installed");
  }

  @Test
  void verify_advisesTxModeFile_whenConcurrentlyRunsUnderTxModeAll() {
    var source =
        TestHistory.of(
            TxMode.ALL,
            "1_create.sql",
            "CREATE TABLE IF NOT EXISTS t (a int);",
            "2_index.sql",
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_a ON t (a);");
    MigrationError error =
        new MigrationVerifier(LintSettings.defaults())
            .verify(postgres, source, APP)
            .error()
            .orElseThrow();
    assertThat(error.details())
        .contains(
            "kit: the service's txMode ALL (services["
                + source.service()
                + "].migrations.txMode) runs every file in one transaction, where Atlas refuses"
                + " a file's '-- atlas:txmode none': set the service's txMode to FILE"
                + " (migrations(m -> m.txMode(TxMode.FILE))) and make '-- atlas:txmode none' the"
                + " first line of the file, followed by an empty line");
  }

  @ParameterizedTest
  @ValueSource(ints = {15, 16, 18})
  void verify_passes_whenSampleHistoryRunsOnOtherMajors(int major) {
    try (EmbeddedPostgresServer server = TestPostgres.start(major)) {
      assertThat(server.version()).startsWith(major + ".");
      ServiceVerification v =
          new MigrationVerifier(LintSettings.defaults()).verify(server, sample(major), APP);
      assertThat(v.passed()).as(v.toString()).isTrue();
      assertThat(v.findings()).extracting(LintFinding::rule).containsExactly(LintRule.SET_NOT_NULL);
    }
  }
}
