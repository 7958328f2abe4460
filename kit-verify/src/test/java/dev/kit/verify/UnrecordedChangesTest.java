package dev.kit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnrecordedChangesTest {

  private static final CatalogSnapshot EMPTY = CatalogSnapshot.of(List.of());

  private static List<String> of(String sql) {
    return UnrecordedChanges.in(sql.getBytes(StandardCharsets.UTF_8), EMPTY, EMPTY);
  }

  @Test
  void in_listsWhatTheSnapshotDoesNotRecordAtAll_byTheObjectAStatementMakesOrChanges() {
    assertThat(
            of(
                "CREATE STATISTICS s ON a, b FROM t;\n"
                    + "CREATE OR REPLACE AGGREGATE total(int) (SFUNC = int4pl, STYPE = int);\n"
                    + "CREATE DEFAULT CONVERSION c FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;\n"
                    + "CREATE ROLE reporting;\n"
                    + "ALTER USER app SET work_mem = '64MB';\n"
                    + "DROP PUBLICATION IF EXISTS cdc;\n"
                    + "CREATE TEXT SEARCH CONFIGURATION fr (COPY = french);\n"
                    + "REASSIGN OWNED BY old TO app;\n"))
        .containsExactly(
            "unrecorded: line 1 (CREATE STATISTICS s ON a, b FROM t;) changed extended statistics,"
                + " which kit does not compare; undo it by hand if it matters",
            "unrecorded: line 2 (CREATE OR REPLACE AGGREGATE total(int) (SFUNC = int4pl, STYPE ="
                + " int);) changed an aggregate, which kit does not compare; undo it by hand if it"
                + " matters",
            "unrecorded: line 3 (CREATE DEFAULT CONVERSION c FOR 'LATIN1' TO 'UTF8' FROM"
                + " iso8859_1_to_utf8;) changed a conversion, which kit does not compare; undo it by"
                + " hand if it matters",
            "unrecorded: line 4 (CREATE ROLE reporting;) changed a role, which kit does not compare;"
                + " undo it by hand if it matters",
            "unrecorded: line 5 (ALTER USER app SET work_mem = '64MB';) changed a role or user"
                + " mapping, which kit does not compare; undo it by hand if it matters",
            "unrecorded: line 6 (DROP PUBLICATION IF EXISTS cdc;) changed a publication, which kit"
                + " does not compare; undo it by hand if it matters",
            "unrecorded: line 7 (CREATE TEXT SEARCH CONFIGURATION fr (COPY = french);) changed a text"
                + " search object, which kit does not compare; undo it by hand if it matters",
            "unrecorded: line 8 (REASSIGN OWNED BY old TO app;) changed the owner of every object of"
                + " a role, which kit does not compare; undo it by hand if it matters");
  }

  @Test
  void in_listsDataChanges_inAWithSequencesValuesAndCodeThatRuns() {
    assertThat(
            of(
                "UPDATE orders SET status = 'placed';\n"
                    + "WITH moved AS (DELETE FROM a RETURNING *) INSERT INTO b SELECT * FROM moved;\n"
                    + "SELECT setval('orders_id_seq', 1000);\n"
                    + "ALTER SEQUENCE orders_id_seq RESTART WITH 1;\n"
                    + "DO $$ BEGIN PERFORM 1; END $$;\n"
                    + "CALL archive();\n"
                    // Neither changes data.
                    + "WITH x AS (SELECT 1) SELECT * FROM x;\n"
                    + "ALTER SEQUENCE orders_id_seq INCREMENT BY 2;\n"))
        .extracting(line -> line.substring(0, line.indexOf(", which")))
        .containsExactly(
            "data: line 1 (UPDATE) changed rows",
            "data: line 2 (WITH) changed rows",
            "data: line 3 (SELECT) set a sequence's value",
            "data: line 4 (ALTER) set a sequence's value",
            "data: line 5 (DO) ran code that may have changed rows or sequences' values",
            "data: line 6 (CALL) ran code that may have changed rows or sequences' values");
  }

  @Test
  void in_listsWhatAlterTableSetsThatNoDefinitionSays_notWhatTheSnapshotRecords() {
    assertThat(
            of(
                "ALTER TABLE t CLUSTER ON t_pkey;\n"
                    + "ALTER TABLE t NO INHERIT parent;\n"
                    + "ALTER TABLE t ALTER COLUMN id RESTART WITH 100;\n"
                    + "ALTER TABLE t ALTER COLUMN id SET INCREMENT BY 10;\n"
                    + "ALTER INDEX t_pkey SET TABLESPACE fast;\n"
                    + "ALTER VIEW v ALTER COLUMN c SET DEFAULT 0;\n"
                    // Recorded: a constraint's NO INHERIT, storage parameters, default privileges.
                    + "ALTER TABLE t ADD CONSTRAINT positive CHECK (id > 0) NO INHERIT;\n"
                    + "ALTER TABLE t SET (fillfactor = 70);\n"
                    + "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO reporting;\n"
                    + "CREATE OR REPLACE VIEW w AS SELECT 1;\n"))
        .extracting(line -> line.substring(0, line.indexOf(", which")))
        .containsExactly(
            "unrecorded: line 1 (ALTER TABLE t CLUSTER ON t_pkey;) changed a table's clustering"
                + " index",
            "unrecorded: line 2 (ALTER TABLE t NO INHERIT parent;) changed a table's inheritance",
            "unrecorded: line 3 (ALTER TABLE t ALTER COLUMN id RESTART WITH 100;) changed an"
                + " identity column's sequence",
            "unrecorded: line 4 (ALTER TABLE t ALTER COLUMN id SET INCREMENT BY 10;) changed an"
                + " identity column's sequence",
            "unrecorded: line 5 (ALTER INDEX t_pkey SET TABLESPACE fast;) changed a tablespace",
            "unrecorded: line 6 (ALTER VIEW v ALTER COLUMN c SET DEFAULT 0;) changed a view"
                + " column's default");
  }

  private static CatalogObject object(CatalogObject.Kind kind, String name, String identity) {
    return new CatalogObject(kind, name, identity, name, java.util.Map.of());
  }

  @Test
  void in_leavesOutWhatGoesWithObjectsTheMigrationMade_byIdentity() {
    CatalogObject orders = object(CatalogObject.Kind.TABLE, "public.orders", "1");
    CatalogObject oldStatus = object(CatalogObject.Kind.TYPE, "public.old_status", "2");
    CatalogSnapshot before =
        CatalogSnapshot.of(
            List.of(
                orders,
                oldStatus,
                object(CatalogObject.Kind.INDEX, "public.a", "3"),
                object(CatalogObject.Kind.INDEX, "app.kinds_name", "4")));
    CatalogSnapshot after =
        CatalogSnapshot.of(
            List.of(
                orders,
                oldStatus,
                // Renamed: still the index from before.
                object(CatalogObject.Kind.INDEX, "public.b", "3"),
                object(CatalogObject.Kind.INDEX, "app.kinds_name", "4"),
                object(CatalogObject.Kind.TABLE, "public.kinds", "10"),
                object(CatalogObject.Kind.TYPE, "public.status", "11"),
                object(CatalogObject.Kind.INDEX, "public.kinds_name", "12"),
                object(CatalogObject.Kind.CONSTRAINT, "public.kinds.named", "13"),
                object(CatalogObject.Kind.POLICY, "public.kinds.mine", "14"),
                object(CatalogObject.Kind.TABLE, "public.audited", "15"),
                object(CatalogObject.Kind.TRIGGER, "public.audited.audit", "16"),
                // Made, a namesake in another schema of a table from before.
                object(CatalogObject.Kind.TABLE, "app.orders", "17")));

    List<String> lines =
        UnrecordedChanges.in(
            ("COMMENT ON TYPE status IS 'x';\n"
                    + "COMMENT ON TYPE old_status IS 'x';\n"
                    + "COMMENT ON INDEX public.kinds_name IS 'x';\n"
                    + "COMMENT ON INDEX b IS 'x';\n"
                    + "COMMENT ON CONSTRAINT named ON kinds IS 'x';\n"
                    + "SECURITY LABEL FOR selinux ON POLICY mine ON public.kinds IS 'x';\n"
                    + "GRANT USAGE ON TYPE status TO PUBLIC;\n"
                    + "GRANT USAGE ON TYPE public.status, old_status TO PUBLIC;\n"
                    + "ALTER TYPE status OWNER TO app;\n"
                    + "ALTER TABLE IF EXISTS ONLY kinds CLUSTER ON kinds_name;\n"
                    + "ALTER TABLE orders CLUSTER ON orders_pkey;\n"
                    + "CREATE STATISTICS s (dependencies) ON (id + 1), name FROM kinds;\n"
                    + "INSERT INTO kinds VALUES (1);\n"
                    + "COPY public.kinds (id) FROM '/tmp/kinds.csv';\n"
                    + "INSERT INTO audited VALUES (1);\n"
                    + "INSERT INTO orders VALUES (1);\n"
                    + "ALTER TABLE app.orders CLUSTER ON x;\n"
                    // Also the index app.kinds_name from before, which the search path may find.
                    + "COMMENT ON INDEX kinds_name IS 'x';\n")
                .getBytes(StandardCharsets.UTF_8),
            before,
            after);

    assertThat(lines)
        .extracting(line -> line.substring(0, line.indexOf(" (")))
        .containsExactly(
            "data: line 15",
            "data: line 16",
            "unrecorded: line 2",
            "unrecorded: line 4",
            "unrecorded: line 8",
            "unrecorded: line 11",
            "unrecorded: line 18");
  }

  @Test
  void in_listsRowsWrittenIntoATableTheMigrationMade_whenARuleMayHaveSentThemElsewhere() {
    CatalogSnapshot after =
        CatalogSnapshot.of(List.of(object(CatalogObject.Kind.TABLE, "public.kinds", "10")));

    assertThat(
            UnrecordedChanges.in(
                ("CREATE RULE copy AS ON INSERT TO kinds DO ALSO INSERT INTO log VALUES (1);\n"
                        + "INSERT INTO kinds VALUES (1);\n")
                    .getBytes(StandardCharsets.UTF_8),
                EMPTY,
                after))
        .extracting(line -> line.substring(0, line.indexOf(" (")))
        .containsExactly("data: line 2", "unrecorded: line 1");
  }
}
