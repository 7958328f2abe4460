package dev.kit.verify;

import dev.kit.lint.LintFinding;
import dev.kit.lint.LintRule;
import dev.kit.lint.LintSettings;
import dev.kit.lint.LiteralPasswords;
import dev.kit.lint.StatementFindings;
import dev.kit.migration.AtlasFileDirectives;
import dev.kit.migration.MigrationFile;
import dev.kit.migration.ServiceMigrations;
import dev.kit.migration.SqlErrorPosition;
import dev.kit.migration.SqlScript;
import dev.kit.migration.SqlStatement;
import dev.kit.model.TxMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Applies a service's migrations to a real PostgreSQL the way the Atlas Job does: files in Atlas's
 * order, each in its own transaction unless the service's tx mode or the file's {@code --
 * atlas:txmode} says otherwise, statement by statement, as the owner of the application database
 * (not a superuser). The first run takes a catalog snapshot after every statement to lint exactly
 * what it changed; then the whole history runs again on a fresh database, which must replay from
 * zero to the same schema. A refused statement is reported with its file, line and column.
 *
 * <pre>{@code
 * try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(17, VerifyOptions.of(binaries))) {
 *   ServiceVerification v = new MigrationVerifier(LintSettings.defaults()).verify(pg, orders);
 *   v.error().ifPresent(System.err::println); // services/orders/migrations/2_x.sql:14:7: ERROR: ...
 * }
 * }</pre>
 */
final class MigrationVerifier {

  // SQLSTATE 25001 active_sql_transaction: CREATE INDEX CONCURRENTLY and friends inside a
  // transaction block.
  private static final String ACTIVE_SQL_TRANSACTION = "25001";

  // SQLSTATE 42704 undefined_object, as PostgreSQL reports a role that does not exist.
  private static final String UNDEFINED_OBJECT = "42704";

  // SQLSTATE 55P04 unsafe_new_enum_value_usage: a label ADD VALUE added, used before it committed.
  private static final String UNSAFE_NEW_ENUM_VALUE = "55P04";

  /** How PostgreSQL's context quotes the dynamic SQL a PL/pgSQL statement ran. */
  private static final String SQL_STATEMENT = "SQL statement \"";

  /** How PostgreSQL's context starts the line after a statement a PL/pgSQL function ran. */
  private static final String PLPGSQL_LINE = "\nPL/pgSQL function ";

  private final LintSettings settings;
  private final CatalogLinter linter;

  MigrationVerifier(LintSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.linter = new CatalogLinter(settings);
  }

  /**
   * Applies the history twice on {@code server}, linting and proving revert migrations on the first
   * run. Each run gets a new database named as the cluster's ({@code app} by default), owned by the
   * service's owner role, with the schemas and extensions the CNPG {@code Database} creates before
   * the migration Job, and the roles the Cluster manages; services on one server run one after
   * another, each on a server rid of the databases and roles the one before it made, so that
   * nothing one service's cluster has leaks into another's. The owner keeps its name, which
   * migrations may use ({@code ALTER TABLE ... OWNER TO app}).
   *
   * @throws IllegalStateException naming the service when its database cannot be created
   */
  ServiceVerification verify(
      EmbeddedPostgresServer server, ServiceMigrations source, ClusterDatabase database) {
    Optional<String> unprepared = createDatabase(server, source, database);
    if (unprepared.isPresent()) {
      return new ServiceVerification(
          source.service(),
          server.version(),
          0,
          0,
          Duration.ZERO,
          Duration.ZERO,
          Optional.empty(),
          List.of(),
          List.of(unprepared.get()),
          List.of(),
          List.of());
    }
    long began = System.nanoTime();
    Run first = apply(server, source, database.name(), true, Optional.empty());
    Duration firstRun = Duration.ofNanos(System.nanoTime() - began);
    List<String> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    skippedBeforeCheckpoint(source).ifPresent(notes::add);
    Duration replay = Duration.ZERO;
    if (first.error.isEmpty()) {
      proveReverts(source, first, problems, notes);
      // It was created as the cluster's once; another attempt fails only with the server.
      createDatabase(server, source, database).ifPresent(MigrationVerifier::fail);
      began = System.nanoTime();
      Run second = apply(server, source, database.name(), false, Optional.empty());
      replay = Duration.ofNanos(System.nanoTime() - began);
      if (second.error.isPresent()) {
        problems.add(
            second.error.get()
                + "\n  kit: the replay from an empty database failed where the first run passed");
      } else {
        List<String> differences = first.last().changedKeys(second.last());
        if (!differences.isEmpty()) {
          problems.add(
              source.label()
                  + ": the replay from an empty database ends in a different schema: "
                  + String.join(", ", differences));
        }
        if (database.appRole().isPresent()) {
          ungranted(server, source, database.name(), database.appRole().get())
              .ifPresent(warnings::add);
        }
      }
    }
    return new ServiceVerification(
        source.service(),
        server.version(),
        first.files.size(),
        first.statements,
        firstRun,
        replay,
        first.error,
        first.findings,
        problems,
        notes,
        warnings);
  }

  /**
   * A warning when the migrations, all applied to {@code database}, leave the managed role the app
   * connects as without a privilege on any of their tables and views (directly, through a role it
   * inherits from, or to {@code PUBLIC}, in a schema it may use): the app would meet "permission
   * denied for table" at its first query. Empty when it holds one, or there is no table yet.
   */
  private static Optional<String> ungranted(
      EmbeddedPostgresServer server, ServiceMigrations source, String database, String role) {
    String query =
        "SELECT count(*), count(*) FILTER (WHERE has_schema_privilege("
            + EmbeddedPostgresServer.literal(role)
            + ", n.oid, 'USAGE') AND has_table_privilege("
            + EmbeddedPostgresServer.literal(role)
            + ", c.oid, 'SELECT, INSERT, UPDATE, DELETE'))"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')"
            + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_%'"
            + " AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')";
    try (Connection c = server.connect(database, "postgres");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      if (!rs.next()) {
        return Optional.empty();
      }
      long tables = rs.getLong(1);
      if (tables == 0 || rs.getLong(2) > 0) {
        return Optional.empty();
      }
      return Optional.of(
          source.service()
              + ": the app connects as "
              + role
              + " (connectAs), which "
              + source.label()
              + " grant no privilege on any of the "
              + tables
              + " tables and views they make, so its first query would fail with \"permission"
              + " denied\": grant it what the app needs in a migration, such as GRANT SELECT,"
              + " INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "
              + role
              + " (and GRANT USAGE ON SCHEMA for another schema), with ALTER DEFAULT PRIVILEGES"
              + " for the tables to come");
    } catch (SQLException e) {
      throw new IllegalStateException(
          source.service() + ": cannot read the privileges of " + role + ": " + e.getMessage(), e);
    }
  }

  /**
   * The catalog right before and right after the migration {@code version}, on a fresh database
   * that applied the history up to it: what a revert of that migration must undo.
   *
   * @throws IllegalArgumentException when there is no such migration, or the history up to it does
   *     not apply
   * @throws IllegalStateException when the database cannot be created as the cluster's
   */
  FileChange change(
      EmbeddedPostgresServer server,
      ServiceMigrations source,
      ClusterDatabase database,
      String version) {
    MigrationFile target =
        source.directory().files().stream()
            .filter(f -> f.version().equals(version))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "there is no migration with version "
                            + version
                            + " in "
                            + source.label()
                            + " (versions: "
                            + source.directory().files().stream()
                                .map(MigrationFile::version)
                                .toList()
                            + ")"));
    List<MigrationFile> applied = source.appliedFiles();
    if (!applied.contains(target)) {
      // With a baseline Atlas skips every checkpoint; without one it starts an empty database at
      // the last checkpoint.
      throw new IllegalArgumentException(
          source.baseline().isPresent()
              ? source.path(target.name())
                  + " is a checkpoint, which Atlas never runs once a baseline is set, so no"
                  + " database replays the history up to it: revert a migration that is not a"
                  + " checkpoint"
              : source.path(target.name())
                  + " comes before the checkpoint "
                  + applied.get(0).name()
                  + " where Atlas starts an empty database, so no database replays the history up"
                  + " to it: revert "
                  + applied.get(0).name()
                  + " or a later migration");
    }
    createDatabase(server, source, database).ifPresent(MigrationVerifier::fail);
    Run run = apply(server, source, database.name(), true, Optional.of(target.name()));
    if (run.error.isPresent()) {
      throw new HistoryRefusedException(
          "the history up to " + target.name() + " does not apply:\n" + run.error.get());
    }
    Snapshots around =
        Objects.requireNonNull(run.files.get(target.name()), "the run stopped after the target");
    List<String> later =
        applied.subList(applied.indexOf(target) + 1, applied.size()).stream()
            .map(MigrationFile::name)
            .toList();
    return new FileChange(source.path(target.name()), target, around.before, around.after, later);
  }

  /**
   * What one migration changed.
   *
   * @param path the file, relative to the repository root
   * @param file the migration
   * @param before the catalog before it
   * @param after the catalog after it
   * @param later the migrations that apply after it, which the catalogs do not see
   */
  record FileChange(
      String path,
      MigrationFile file,
      CatalogSnapshot before,
      CatalogSnapshot after,
      List<String> later) {

    FileChange {
      later = List.copyOf(later);
    }
  }

  private record Snapshots(CatalogSnapshot before, CatalogSnapshot after) {}

  /** One run's outcome. */
  private static final class Run {
    Optional<MigrationError> error = Optional.empty();
    final List<LintFinding> findings = new ArrayList<>();
    final Map<String, Snapshots> files = new LinkedHashMap<>();
    int statements;
    @Nullable CatalogSnapshot last;

    /** The catalog at the end of a run that ended without an error. */
    CatalogSnapshot last() {
      return Objects.requireNonNull(last, "a run without an error ends with a snapshot");
    }
  }

  /**
   * A new database for one run of {@code source}, as the migration Job finds it: named as the
   * cluster's, owned by the service's owner, with what the CNPG {@code Database} creates in it.
   *
   * @return why the CNPG {@code Database} cannot be replayed here, such as an extension these
   *     binaries lack, or empty
   * @throws IllegalStateException naming the service when the server cannot create the database
   */
  private static Optional<String> createDatabase(
      EmbeddedPostgresServer server, ServiceMigrations source, ClusterDatabase database) {
    try {
      server.createDatabase(database.name(), source.owner());
    } catch (IllegalStateException e) {
      throw new IllegalStateException(source.service() + ": " + e.getMessage(), e);
    }
    if (!database.extensions().isEmpty()) {
      Set<String> available = server.availableExtensions();
      for (String extension : database.extensions()) {
        if (!available.contains(extension)) {
          return Optional.of(missingExtension(server, source, extension));
        }
      }
    }
    try {
      server.createRoles(database.roles());
    } catch (SQLException e) {
      return Optional.of(
          source.service()
              + ": the Cluster cannot make its "
              + e.getMessage()
              + " (kit replays spec.managed.roles as the superuser before the migrations, as"
              + " CloudNativePG does), so kit did not apply "
              + source.label()
              + ": fix the description's database(d -> d.role(...)), since the cluster would fail"
              + " the same way");
    }
    try {
      server.createAsCnpg(database, source.owner());
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(
          source.service()
              + ": the CNPG Database cannot create its "
              + e.getMessage()
              + " (kit replays it as the superuser before the migrations, as CloudNativePG does), so"
              + " kit did not apply "
              + source.label()
              + ": fix the description's database(d -> d.extension(...) / .schema(...)), since the"
              + " cluster would fail the same way");
    }
  }

  private static String missingExtension(
      EmbeddedPostgresServer server, ServiceMigrations source, String extension) {
    return source.service()
        + ": extension "
        + extension
        + " is not in kit's embedded PostgreSQL "
        + server.version()
        + ", whose binaries hold PostgreSQL's own (contrib) extensions only, so kit did not apply "
        + source.label()
        + ". The cluster's image may have it (CloudNativePG's standard images ship vector,"
        + " pgaudit and pg_failover_slots), where the CNPG Database creates it before the"
        + " migration Job. To build meanwhile, skip kit:verify (-Dkit.verify.skip=true) and let"
        + " the migration Job on a development cluster be the first to run these migrations; if"
        + " they do not use "
        + extension
        + ", remove database(d -> d.extension(\""
        + extension
        + "\")) from the description";
  }

  /**
   * The first place Atlas splits the file otherwise than PostgreSQL that counts as kit:check counts
   * it: with its rule {@code OFF} or silenced by a {@code nolint} in the file's header, the user
   * chose kit's split, which then runs.
   */
  private Optional<SqlScript.AtlasDifference> counted(
      SqlScript script, AtlasFileDirectives directives) {
    for (SqlScript.AtlasDifference d : script.atlasDifferences()) {
      if (StatementFindings.reportsInFile(settings, directives, LintRule.of(d.kind()))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code object} (a column, constraint or index) is on a table the revert declares it
   * does not re-create, such as a dropped partitioned table, and that is still gone after the
   * revert: it is part of that declaration. A table declared for another reason (a detached
   * partition to attach by hand) is back, and its columns must be too.
   */
  private static boolean onIrreversibleTable(
      Optional<CatalogObject> object,
      CatalogSnapshot catalog,
      CatalogSnapshot restored,
      Set<String> irreversible) {
    String table = object.map(o -> o.detail("tableIdentity")).orElse("");
    if (table.isEmpty()) {
      return false;
    }
    return catalog
        .withIdentity(CatalogObject.Kind.TABLE, table)
        .map(t -> irreversible.contains(t.key()) && restored.get(t.key()).isEmpty())
        .orElse(false);
  }

  /**
   * Whether {@code revertText} was derived before kit recorded owners, grants, comments and
   * policies of tables, views, sequences and columns, and default privileges: it lists a statement
   * of the reverted migration ({@code reverted}) as {@code unrecorded} that kit records now. Not
   * one that goes with an object the migration made, which kit listed until it left those out.
   */
  private static boolean derivedBeforeGrantsWereRecorded(
      ServiceMigrations source, String reverted, Snapshots changed, String revertText) {
    List<String> declared = DownMigration.unrecordedLines(revertText);
    if (declared.isEmpty()) {
      return false;
    }
    for (MigrationFile file : source.directory().files()) {
      if (file.name().equals(reverted)) {
        List<String> now =
            UnrecordedChanges.listedBeforeMadeObjects(
                file.content(), changed.before, changed.after);
        for (String line : declared) {
          if (!now.contains(line)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Whether a revert derived before kit recorded owners, grants, comments and policies of tables,
   * views, sequences and columns, and default privileges ({@code older}) declares what differs: it
   * listed such statements of the reverted migration as {@code unrecorded}, and a table or view it
   * created again under {@code grants and comment of <key>}; or, setting none of the settings kit
   * compares since ({@code setsSettings} false), differs only in those. Such a revert still passes
   * where only those differ; one derived now sets them back.
   */
  private static boolean declaredByAnOlderRevert(
      String key,
      Optional<CatalogObject> expected,
      Optional<CatalogObject> actual,
      Set<String> irreversible,
      boolean older,
      boolean setsSettings) {
    if (!setsSettings && onlySettingsDiffer(expected, actual)) {
      return true;
    }
    boolean onlyAfterCreate =
        expected.isPresent()
            && actual.isPresent()
            && expected.get().shape().equals(actual.get().shape());
    boolean recordedSince =
        expected
            .or(() -> actual)
            .map(
                o ->
                    o.kind() == CatalogObject.Kind.POLICY
                        || o.kind() == CatalogObject.Kind.DEFAULT_PRIVILEGES)
            .orElse(false);
    return (older && (onlyAfterCreate || recordedSince))
        || (onlyAfterCreate && irreversible.contains("grants and comment of " + key));
  }

  /**
   * Whether {@code expected} and {@code actual} differ only in the settings kit compares since it
   * sets them back: storage parameters and options, logging, replica identity, a column's
   * statistics target, storage and compression, whether a trigger fires, a sequence's cache. A
   * revert that sets none of them ({@link DownMigration#setsSettings}) was derived before, when the
   * snapshot did not see them, and cannot be edited once applied; such a revert still passes where
   * only those differ. One derived now sets them back.
   */
  private static boolean onlySettingsDiffer(
      Optional<CatalogObject> expected, Optional<CatalogObject> actual) {
    if (expected.isEmpty()
        || actual.isEmpty()
        || !expected.get().shape().equals(actual.get().shape())) {
      return false;
    }
    Set<String> was = new HashSet<>(expected.get().definition().lines().toList());
    Set<String> is = new HashSet<>(actual.get().definition().lines().toList());
    return Stream.concat(
            was.stream().filter(line -> !is.contains(line)),
            is.stream().filter(line -> !was.contains(line)))
        .allMatch(line -> CatalogSnapshot.SETTING_LINES.stream().anyMatch(line::startsWith));
  }

  private static void fail(String problem) {
    throw new IllegalStateException(problem);
  }

  private Run apply(
      EmbeddedPostgresServer server,
      ServiceMigrations source,
      String database,
      boolean inspect,
      Optional<String> stopAfter) {
    Run run = new Run();
    try (Connection c = server.connect(database, source.owner());
        Statement s = c.createStatement()) {
      TxMode global = source.txMode();
      c.setAutoCommit(global != TxMode.ALL);
      // Null when not inspecting: then no file's snapshots are kept.
      @Nullable CatalogSnapshot current = inspect ? CatalogSnapshot.take(c) : null;
      for (MigrationFile file : source.appliedFiles()) {
        String path = source.path(file.name());
        String text = new String(file.content(), StandardCharsets.UTF_8);
        AtlasFileDirectives directives = AtlasFileDirectives.read(text);
        TxMode mode;
        SqlScript script;
        try {
          mode = directives.txMode(global, file.name());
          script = SqlScript.parse(text);
        } catch (IllegalArgumentException e) {
          run.error =
              Optional.of(
                  new MigrationError(
                      path, 1, 1, "Atlas refuses this file: " + e.getMessage(), List.of()));
          rollback(c);
          break;
        }
        Optional<SqlScript.AtlasDifference> difference = counted(script, directives);
        if (difference.isPresent()) {
          // Running kit's split would prove statements Atlas never sends.
          SqlScript.AtlasDifference d = difference.get();
          run.error =
              Optional.of(
                  new MigrationError(
                      path,
                      d.line(),
                      d.column(),
                      "Atlas splits this file otherwise than PostgreSQL: " + d.why(),
                      List.of("kit: " + LintRule.of(d.kind()).fix())));
          rollback(c);
          break;
        }
        if (global != TxMode.ALL) {
          c.setAutoCommit(mode == TxMode.NONE);
        }
        @Nullable CatalogSnapshot fileStart = current;
        for (SqlStatement statement : script.statements()) {
          try {
            s.execute(statement.text());
          } catch (SQLException e) {
            run.error =
                Optional.of(
                    error(path, script, statement, e, directives, source.service(), global, mode));
            rollback(c);
            return run;
          }
          run.statements++;
          if (fileStart != null && current != null) {
            CatalogSnapshot after = CatalogSnapshot.take(c);
            run.findings.addAll(
                linter.lint(path, directives, statement, fileStart, current, after));
            current = after;
          }
        }
        if (!c.getAutoCommit() && global != TxMode.ALL) {
          c.commit();
        }
        if (fileStart != null && current != null) {
          run.files.put(file.name(), new Snapshots(fileStart, current));
        }
        if (stopAfter.filter(file.name()::equals).isPresent()) {
          break;
        }
      }
      if (global == TxMode.ALL && run.error.isEmpty()) {
        c.commit();
      }
      run.last = current != null ? current : CatalogSnapshot.take(c);
      return run;
    } catch (SQLException e) {
      throw new IllegalStateException(
          source.service()
              + ": lost the connection to PostgreSQL "
              + server.major()
              + " while applying "
              + source.label()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * The note that the run started at a checkpoint, as Atlas does on an empty database without a
   * baseline, when files come before it.
   */
  private static Optional<String> skippedBeforeCheckpoint(ServiceMigrations source) {
    List<MigrationFile> applied = source.appliedFiles();
    int skipped = source.directory().files().size() - applied.size();
    if (source.baseline().isPresent() || skipped == 0) {
      return Optional.empty();
    }
    return Optional.of(
        source.path(applied.get(0).name())
            + " is the last '-- atlas:checkpoint': Atlas starts an empty database there, so kit did not apply the "
            + skipped
            + (skipped == 1 ? " file" : " files")
            + " before it");
  }

  /**
   * Checks that each {@code -- kit:revert <version>} migration restores what that version changed,
   * and leaves what it did not change as it was.
   */
  private static void proveReverts(
      ServiceMigrations source, Run run, List<String> problems, List<String> notes) {
    List<String> names = new ArrayList<>(run.files.keySet());
    for (MigrationFile file : source.directory().files()) {
      if (!run.files.containsKey(file.name())) {
        continue; // before the checkpoint Atlas starts at: never applied, so nothing to prove
      }
      String text = new String(file.content(), StandardCharsets.UTF_8);
      Optional<String> reverted = DownMigration.revertedVersion(text);
      if (reverted.isEmpty()) {
        continue;
      }
      String path = source.path(file.name());
      Optional<String> target =
          names.stream()
              .filter(n -> new MigrationFile(n, new byte[0]).version().equals(reverted.get()))
              .findFirst();
      if (target.isEmpty() || names.indexOf(target.get()) >= names.indexOf(file.name())) {
        boolean neverRan =
            source.directory().files().stream()
                .anyMatch(
                    f ->
                        f.version().equals(reverted.get())
                            && !run.files.containsKey(f.name())
                            && source.directory().files().indexOf(f)
                                < source.directory().files().indexOf(file));
        problems.add(
            path
                + ": reverts "
                + reverted.get()
                + (neverRan
                    ? ", which Atlas never runs (it comes before the checkpoint it starts at, or is"
                        + " a checkpoint under a baseline), so there is nothing to revert: remove"
                        + " the file, or revert a migration Atlas runs"
                    : ", but no earlier migration has that version: name the version of the"
                        + " migration it undoes"));
        continue;
      }
      // Both ran (the indexes above), so the run kept both files' snapshots.
      Snapshots changed = Objects.requireNonNull(run.files.get(target.get()));
      Snapshots revert = Objects.requireNonNull(run.files.get(file.name()));
      CatalogSnapshot restored = revert.after;
      Set<String> irreversible = DownMigration.irreversibleKeys(text);
      boolean older = derivedBeforeGrantsWereRecorded(source, target.get(), changed, text);
      boolean setsSettings = DownMigration.setsSettings(text);
      List<String> keys = changed.before.changedKeys(changed.after);
      List<String> missing = new ArrayList<>();
      int declared = 0;
      for (String key : keys) {
        Optional<CatalogObject> expected = changed.before.get(key);
        Optional<CatalogObject> actual = restored.get(key);
        boolean same =
            expected.map(CatalogObject::definition).equals(actual.map(CatalogObject::definition));
        if (same) {
          continue;
        }
        if (irreversible.contains(key)
            || onIrreversibleTable(expected, changed.before, restored, irreversible)
            || declaredByAnOlderRevert(key, expected, actual, irreversible, older, setsSettings)) {
          declared++;
        } else {
          missing.add(
              key
                  + " (before "
                  + reverted.get()
                  + ": "
                  + expected.map(CatalogObject::definition).orElse("absent")
                  + "; after the revert: "
                  + actual.map(CatalogObject::definition).orElse("absent")
                  + ")");
        }
      }
      // What the revert changed beyond them must end as it was, such as the index on a
      // materialized view it drops and creates again.
      List<String> collateral = new ArrayList<>();
      for (String key : revert.before.changedKeys(revert.after)) {
        if (keys.contains(key) || irreversible.contains(key)) {
          continue;
        }
        collateral.add(
            key
                + " (before the revert: "
                + revert.before.get(key).map(CatalogObject::definition).orElse("absent")
                + "; after the revert: "
                + restored.get(key).map(CatalogObject::definition).orElse("absent")
                + ")");
      }
      if (!missing.isEmpty()) {
        problems.add(
            path
                + " does not restore what "
                + target.get()
                + " changed: "
                + String.join("; ", missing));
      }
      if (!collateral.isEmpty()) {
        problems.add(
            path
                + " changes what "
                + target.get()
                + " did not change: "
                + String.join("; ", collateral));
      }
      if (missing.isEmpty() && collateral.isEmpty()) {
        notes.add(
            path
                + " restores the "
                + (keys.size() - declared)
                + " catalog objects "
                + target.get()
                + " changed"
                + (declared == 0 ? "" : "; " + declared + " more it lists as irreversible"));
      }
    }
  }

  private static MigrationError error(
      String path,
      SqlScript script,
      SqlStatement statement,
      SQLException e,
      AtlasFileDirectives directives,
      String service,
      TxMode global,
      TxMode mode) {
    // PostgreSQL's message, detail, query and context may quote a password literal the statement
    // sets (a syntax error names the token it is at, a DO block's context its dynamic SQL), and the
    // report ends up in CI logs.
    ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    List<String> passwords =
        passwords(
            statement.text(),
            server == null ? null : server.getInternalQuery(),
            server == null ? null : server.getWhere());
    if (server == null) {
      return new MigrationError(
          path,
          statement.line(),
          statement.column(),
          "ERROR: " + hidden(e.getMessage(), passwords),
          List.of());
    }
    SqlErrorPosition at =
        server.getPosition() > 0
            ? SqlErrorPosition.inStatement(script.text(), statement.offset(), server.getPosition())
            : new SqlErrorPosition(statement.line(), statement.column());
    List<String> details = new ArrayList<>();
    add(details, "DETAIL", hidden(server.getDetail(), passwords));
    add(details, "HINT", hidden(server.getHint(), passwords));
    add(details, "QUERY", hidden(server.getInternalQuery(), passwords));
    add(details, "CONTEXT", hidden(server.getWhere(), passwords));
    if (server.getPosition() <= 0) {
      // Never quote a literal password: the report ends up in CI logs.
      details.add(
          "kit: in the statement at line "
              + statement.line()
              + (passwords.isEmpty() ? ": " + statement.firstLine() : ""));
    }
    if (ACTIVE_SQL_TRANSACTION.equals(server.getSQLState())) {
      details.add("kit: " + transactionHint(directives, service, global, mode));
    } else if (UNSAFE_NEW_ENUM_VALUE.equals(server.getSQLState())) {
      details.add(
          "kit: move the statements that use the new value to the next migration file: Atlas"
              + " commits each file on its own, and a value is usable once ALTER TYPE ... ADD VALUE"
              + " committed (kit:check reports this as NEW_ENUM_VALUE_IN_TRANSACTION)");
    } else if (UNDEFINED_OBJECT.equals(server.getSQLState())
        && Objects.requireNonNullElse(server.getMessage(), "").startsWith("role \"")) {
      details.add(
          "kit: the database here has the roles CloudNativePG bootstraps (the superuser and the"
              + " database's owner, which cannot create roles, as in the cluster) and those the"
              + " description manages, database(d -> d.role(\"...\", r -> r)), which the Cluster"
              + " makes before the migrations run; declare the role there, or, for a role the"
              + " cluster gets another way (a patch of spec.managed.roles, or made by hand), grant"
              + " to it only where it exists, as the Job finds the cluster: DO $$ BEGIN IF EXISTS"
              + " (SELECT FROM pg_roles WHERE rolname = '...') THEN ... END IF; END $$");
    }
    String severity = Objects.requireNonNullElse(server.getSeverity(), "ERROR");
    return new MigrationError(
        path,
        at.line(),
        at.column(),
        severity + ": " + hidden(server.getMessage(), passwords),
        details);
  }

  /**
   * The password literals PostgreSQL's report of a failed {@code statement} may quote, longest
   * first: the statement's own, and those of the dynamic SQL that failed in it, which PostgreSQL
   * quotes as the internal {@code query} and in the {@code context}'s {@code SQL statement "..."}
   * (over as many lines as the statement has): a DO block may build that SQL from a variable, whose
   * value the statement's text does not show as a password.
   */
  private static List<String> passwords(
      String statement, @Nullable String query, @Nullable String context) {
    Set<String> passwords = new LinkedHashSet<>(LiteralPasswords.mask(statement).literals());
    if (query != null) {
      passwords.addAll(LiteralPasswords.mask(query).literals());
    }
    if (context != null) {
      // Each quoted statement as written, line breaks too: up to the last quote before the
      // context's next PL/pgSQL line.
      int start = context.indexOf(SQL_STATEMENT);
      while (start >= 0) {
        int from = start + SQL_STATEMENT.length();
        int next = context.indexOf(PLPGSQL_LINE, from);
        int limit = next < 0 ? context.length() : next;
        int end = context.lastIndexOf('"', limit - 1);
        if (end > from) {
          passwords.addAll(LiteralPasswords.mask(context.substring(from, end)).literals());
        }
        start = context.indexOf(SQL_STATEMENT, limit);
      }
    }
    List<String> longestFirst = new ArrayList<>(passwords);
    longestFirst.sort(Comparator.comparingInt(String::length).reversed());
    return longestFirst;
  }

  /** {@code text} with each of {@code passwords} (longest first) masked, or null without text. */
  private static @Nullable String hidden(@Nullable String text, List<String> passwords) {
    return text == null ? null : LiteralPasswords.hidden(text, passwords);
  }

  /**
   * The advice for a statement PostgreSQL refused because it cannot run in a transaction block;
   * under the service's tx mode ALL Atlas refuses a file's {@code -- atlas:txmode none}.
   *
   * @param mode how the file ran: under {@code NONE} no transaction of Atlas's held the statement
   */
  private static String transactionHint(
      AtlasFileDirectives directives, String service, TxMode global, TxMode mode) {
    if (mode == TxMode.NONE) {
      // The file's directive, or with none the service's txMode, took the transaction away.
      String why =
          directives.values("txmode").isEmpty()
              ? "the service's txMode NONE (services["
                  + service
                  + "].migrations.txMode) runs the file outside a transaction"
              : "the file runs outside a transaction already ('-- atlas:txmode none')";
      return why
          + ", so the statement ran inside the file's own BEGIN ... COMMIT, or inside a function or"
          + " DO block: move it out, to run on its own";
    }
    Optional<String> ignored = directives.whyIgnored("txmode");
    if (ignored.isPresent()) {
      return ignored.get();
    }
    String none = "'-- atlas:txmode none' the first line of the file, followed by an empty line";
    return global == TxMode.ALL
        ? "the service's txMode ALL (services["
            + service
            + "].migrations.txMode) runs every file in one transaction, where Atlas refuses a file's"
            + " '-- atlas:txmode none': set the service's txMode to FILE"
            + " (migrations(m -> m.txMode(TxMode.FILE))) and make "
            + none
        : "make " + none;
  }

  private static void add(List<String> details, String label, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      details.add(label + ": " + value.strip().replace("\n", "\n  "));
    }
  }

  private static void rollback(Connection c) throws SQLException {
    if (!c.getAutoCommit()) {
      c.rollback();
    }
  }
}
