package dev.kit.verify;

import dev.kit.migration.AtlasFileDirectives;
import dev.kit.model.TxMode;
import dev.kit.verify.CatalogObject.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A migration that reverses another, derived from the catalog before and after it ran on a real
 * PostgreSQL: created objects are dropped, dropped ones re-created from their catalog definition,
 * renames undone, changed columns, tables, views and functions (their owners and grants too, and a
 * table's, view's or sequence's comment), schemas' owners, grants and comments, and default
 * privileges set back. What the catalog cannot give back (rows that were deleted or updated, enum
 * values, a NOT NULL column without a default whose values are gone) is listed at the top as {@code
 * -- kit:irreversible <object>: <why>}. The first line, {@code -- kit:revert <version>}, lets
 * {@code kit:verify} prove that applying it restores every other object the reverted migration
 * changed.
 *
 * <pre>{@code
 * DownMigration down = DownMigration.derive(change, "PostgreSQL 17.11");
 * down.sql();           // "-- kit:revert 20250215093000\n...ALTER TABLE public.orders DROP COLUMN IF EXISTS status;\n"
 * down.irreversible();  // ["data: line 3 (UPDATE) changed rows; ..."]
 * }</pre>
 *
 * @param version the reverted migration's version
 * @param sql the migration's text
 * @param irreversible what it cannot undo, one line each
 */
public record DownMigration(String version, String sql, List<String> irreversible) {

  private static final Pattern REVERT = Pattern.compile("(?m)^--\\s*kit:revert\\s+(\\S+)\\s*$");

  /** A label in an enum's body, a literal as quote_literal writes it ({@code E'a\\b'} too). */
  private static final Pattern ENUM_LABEL = Pattern.compile("E?'(?:[^']|'')*'");

  private static final String WITH_GRANT_OPTION = " WITH GRANT OPTION";

  /** The namespace of default privileges that hold in every schema. */
  private static final String EVERYWHERE = "0";

  private static final Pattern IRREVERSIBLE =
      Pattern.compile("(?m)^--\\s*kit:irreversible\\s+(.+?):\\s");

  /**
   * A statement that sets storage parameters, logging, replica identity, a column's statistics
   * target, storage or compression, whether a trigger fires, or a sequence's cache.
   */
  private static final Pattern SETTINGS =
      Pattern.compile(
          "(?i)\\b(RESET \\(|SET \\(|SET (UN)?LOGGED|REPLICA IDENTITY|SET STATISTICS|SET STORAGE"
              + "|SET COMPRESSION|(ENABLE|DISABLE)( REPLICA| ALWAYS)? TRIGGER|CACHE \\d)");

  private static final Pattern UNRECORDED =
      Pattern.compile("(?m)^--\\s*kit:irreversible\\s+(unrecorded: .+)$");

  public DownMigration {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(sql, "sql");
    irreversible = List.copyOf(irreversible);
  }

  private static boolean isView(CatalogObject o) {
    return o.kind() == Kind.VIEW || o.kind() == Kind.MATERIALIZED_VIEW;
  }

  /** The version a migration's {@code -- kit:revert <version>} line names, if it has one. */
  static Optional<String> revertedVersion(String text) {
    Matcher m = REVERT.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * The catalog keys a revert migration declares it cannot restore ({@code -- kit:irreversible
   * <key>: why}).
   */
  static Set<String> irreversibleKeys(String text) {
    return new LinkedHashSet<>(firstGroups(IRREVERSIBLE, text));
  }

  /**
   * Whether a revert sets any storage parameter, logging, replica identity, column setting or
   * trigger's firing back: one derived before kit compared them sets none.
   */
  static boolean setsSettings(String text) {
    return SETTINGS.matcher(text).find();
  }

  /**
   * The statements of the reverted migration a revert lists as changing what the catalog snapshot
   * does not record, as {@link UnrecordedChanges} words them ({@code unrecorded: line 3 (...)
   * changed privileges, ...}).
   */
  static List<String> unrecordedLines(String text) {
    return firstGroups(UNRECORDED, text);
  }

  /** What {@code pattern}'s first group matches in {@code text}, each time, stripped. */
  private static List<String> firstGroups(Pattern pattern, String text) {
    return pattern.matcher(text).results().map(r -> r.group(1).strip()).toList();
  }

  /**
   * Derives the reverse of {@code change}.
   *
   * @param change the catalog before and after the migration to revert
   * @param server the server it was derived on, for the header, such as {@code PostgreSQL 17.11}
   */
  static DownMigration derive(MigrationVerifier.FileChange change, String server) {
    return new Derivation(change).run(server);
  }

  /**
   * Builds the statements in dependency order: first undo what was created, then bring back what
   * was dropped.
   */
  private static final class Derivation {
    private final MigrationVerifier.FileChange change;
    private final CatalogSnapshot before;
    private final CatalogSnapshot after;
    private final RevertScript script = new RevertScript();
    private final RevertDdl ddl;
    private boolean functionBodiesUnchecked;

    private final List<String> reusedNames = new ArrayList<>();

    /** Generated columns whose expression is NULL while the types they read are set back. */
    private final Set<String> heldByNull = new HashSet<>();

    private final List<CatalogObject> reusedTypes = new ArrayList<>();
    private final List<CatalogObject> renamedTypes = new ArrayList<>();

    /** The enums whose labels the migration renamed, and nothing else: {@link #renamedLabels}. */
    private final List<CatalogObject> relabeledTypes = new ArrayList<>();

    private final Set<String> renamedAwayTypes = new HashSet<>();
    private final List<CatalogObject> recreatedFunctions = new ArrayList<>();
    private final Set<String> beforeIdentities = new HashSet<>();
    private final Set<String> afterIdentities = new HashSet<>();
    private final List<String> reboundColumns = new ArrayList<>();

    Derivation(MigrationVerifier.FileChange change) {
      this.change = change;
      this.before = change.before();
      this.after = change.after();
      before.objects().forEach(o -> beforeIdentities.add(o.identity()));
      after.objects().forEach(o -> afterIdentities.add(o.identity()));
      this.ddl = new RevertDdl(change, script);
    }

    /** The object {@code kept} (one in both catalogs) is after the migration. */
    private CatalogObject kept(CatalogObject kept) {
      return after
          .sameAs(kept)
          .orElseThrow(() -> new IllegalStateException("kept objects are in both catalogs"));
    }

    /** Whether {@code old}, an object before the migration, is still there after it. */
    private boolean isKept(CatalogObject old) {
      return after.sameAs(old).isPresent();
    }

    /** The table with the identity {@code identity} before the migration, if there was one. */
    private @Nullable CatalogObject tableBefore(String identity) {
      return before.withIdentity(Kind.TABLE, identity).orElse(null);
    }

    DownMigration run(String server) {
      if (!change.later().isEmpty()) {
        script.irreversible(
            "later migrations: "
                + String.join(", ", change.later())
                + " ran after "
                + change.file().name()
                + ", and kit derived this revert from the schema around it alone; if they renamed"
                + " or changed what it touches, edit it to match");
      }
      UnrecordedChanges.in(change.file().content(), before, after).forEach(script::irreversible);
      // 0. Default privileges first, so that what the revert creates again gets the grants it got
      // before the migration. Those in a schema the migration created go with it; those in one it
      // dropped come back with it.
      Set<String> namespaces = new HashSet<>(Set.of(EVERYWHERE));
      before.objects().stream()
          .filter(o -> o.kind() == Kind.SCHEMA && isKept(o))
          .forEach(o -> namespaces.add(o.identity()));
      setDefaultPrivilegesBack(namespaces);
      List<CatalogObject> created =
          after.objects().stream().filter(o -> before.sameAs(o).isEmpty()).toList();
      List<CatalogObject> dropped = before.objects().stream().filter(o -> !isKept(o)).toList();
      List<CatalogObject> kept = before.objects().stream().filter(this::isKept).toList();
      Set<String> droppedTables = new LinkedHashSet<>();
      created.stream()
          .filter(o -> o.kind() == Kind.TABLE)
          .forEach(o -> droppedTables.add(o.identity()));
      // Views whose definition changed are dropped and created again: CREATE OR REPLACE VIEW
      // refuses to lose columns, and a view holds on to the columns and types it reads. So are
      // the views that read them, which DROP VIEW without CASCADE refuses to leave behind.
      List<CatalogObject> changedViews =
          ReadOrder.withReaders(
              kept.stream()
                  .filter(DownMigration::isView)
                  .filter(o -> !o.shape().equals(kept(o).shape()))
                  .toList(),
              kept.stream().filter(DownMigration::isView).toList());

      // 1. Drop what reads columns and functions: created triggers and policies, changed policies
      // (created again as they were once the columns and functions they read are back), then
      // created and changed views, each before the views it reads.
      dropAll(created, Kind.TRIGGER, droppedTables);
      dropAll(created, Kind.POLICY, droppedTables);
      // One that was only renamed is renamed back once its table's name is back.
      Map<Boolean, List<CatalogObject>> policies =
          kept.stream()
              .filter(o -> o.kind() == Kind.POLICY)
              .filter(o -> !o.definition().equals(tablesNamedAsBefore(kept(o).definition())))
              .sorted(Comparator.comparing(CatalogObject::name))
              .collect(Collectors.partitioningBy(o -> renamedOnlyPolicy(o, kept(o))));
      List<CatalogObject> renamedPolicies = Objects.requireNonNull(policies.get(true));
      List<CatalogObject> changedPolicies = Objects.requireNonNull(policies.get(false));
      changedPolicies.forEach(o -> ddl.drop(kept(o)));
      List<CatalogObject> viewsToDrop = new ArrayList<>();
      created.stream().filter(DownMigration::isView).forEach(viewsToDrop::add);
      changedViews.forEach(o -> viewsToDrop.add(kept(o)));
      List<CatalogObject> dropOrder = ReadOrder.readFirst(viewsToDrop);
      for (int i = dropOrder.size() - 1; i >= 0; i--) {
        ddl.drop(dropOrder.get(i));
      }

      // 2. Drop created constraints (foreign keys first) and indexes, then bring back the types,
      // sequences and functions it dropped or changed, which kept columns may use again (those
      // named like an object it created come back once that is dropped), then undo changes to
      // the objects that survived: renames, column changes, redefined sequences and types.
      dropAll(created, Kind.CONSTRAINT, droppedTables);
      dropAll(created, Kind.INDEX, droppedTables);
      Set<String> createdNames = new HashSet<>();
      created.forEach(o -> createdNames.add(o.name()));
      dropped.stream()
          .filter(o -> createdNames.contains(o.name()))
          .filter(
              o -> o.kind() == Kind.FUNCTION || o.kind() == Kind.SEQUENCE || o.kind() == Kind.TYPE)
          .forEach(
              o ->
                  reusedNames.add(
                      o.kind() == Kind.FUNCTION
                          ? o.detail("nameSql")
                          : o.name().substring(o.name().indexOf('.') + 1)));
      dropped.stream()
          .filter(o -> o.kind() == Kind.TYPE && createdNames.contains(o.name()))
          .forEach(reusedTypes::add);
      // So is an enum it renamed and created anew under the old name: its columns move off the
      // new one, which goes, and back once the old one is renamed back.
      kept.stream()
          .filter(o -> o.kind() == Kind.TYPE && createdNames.contains(o.name()))
          .filter(o -> o.detail("typtype").equals("e") && renamedOnly(o, kept(o)))
          .forEach(
              o -> {
                reusedTypes.add(o);
                renamedTypes.add(o);
                reusedNames.add(o.name().substring(o.name().indexOf('.') + 1));
              });
      // Any other type it renamed or moved away and created anew under the old name stays, and
      // so does the new one, which columns may use.
      kept.stream()
          .filter(o -> o.kind() == Kind.TYPE && createdNames.contains(o.name()))
          .filter(o -> !renamedTypes.contains(o))
          .forEach(
              o -> {
                renamedAwayTypes.add(o.name());
                script.irreversible(
                    o.key()
                        + ": the migration renamed it to "
                        + kept(o).detail("sql")
                        + " and created a new type under its name, which kit does not undo; move"
                        + " the columns off the new type, drop it, and rename and set the old one"
                        + " back by hand (before: "
                        + o.definition()
                        + ")");
              });
      // So is a function it renamed and created anew under the old name.
      kept.stream()
          .filter(o -> o.kind() == Kind.FUNCTION && createdNames.contains(o.name()))
          .filter(o -> !o.name().equals(kept(o).name()))
          .forEach(o -> reusedNames.add(o.detail("nameSql")));
      // And a sequence: renamed back once the new one is dropped, which defaults let go of.
      List<CatalogObject> renamedSequences =
          kept.stream()
              .filter(o -> o.kind() == Kind.SEQUENCE && !o.name().equals(kept(o).name()))
              .toList();
      renamedSequences.stream()
          .filter(o -> createdNames.contains(o.name()))
          .forEach(o -> reusedNames.add(o.name().substring(o.name().indexOf('.') + 1)));
      List<CatalogObject> changedFunctions =
          kept.stream()
              .filter(o -> o.kind() == Kind.FUNCTION)
              .filter(o -> !o.definition().equals(kept(o).definition()))
              .toList();
      createDefinitions(
          dropped.stream().filter(o -> !createdNames.contains(o.name())).toList(),
          changedFunctions.stream().filter(o -> !createdNames.contains(o.name())).toList());
      renamedSequences.stream()
          .filter(o -> !createdNames.contains(o.name()))
          .forEach(o -> setSequenceBack(o, kept(o)));
      // A created column may have taken a renamed one's name: drop it before the rename back.
      dropAll(created, Kind.COLUMN, droppedTables);
      List<CatalogObject> keptColumns =
          kept.stream()
              .filter(o -> o.kind() == Kind.COLUMN)
              .sorted(Comparator.comparingInt(this::partitionDepth))
              .toList();
      keptColumns.forEach(o -> renameColumn(o, kept(o)));
      // An expression names the columns by their old names, which are all back now, and
      // PostgreSQL changes no column's type while a generated column reads it: an old expression
      // that reads such a column comes back after the types, the new one held by NULL meanwhile
      // if it reads one too.
      List<CatalogObject> expressionsAfterTypes = new ArrayList<>();
      for (CatalogObject o : keptColumns) {
        CatalogObject now = kept(o);
        if (newKind(o, now)
            || o.detail("expression").isEmpty()
            || !readsRetyped(o, o.detail("expression"), keptColumns, false)) {
          setExpression(o, now, false);
        } else if (!readsRetyped(o, now.detail("expression"), keptColumns, true)) {
          expressionsAfterTypes.add(o);
        } else {
          // NULL holds no NOT NULL: that comes back once the old expression fills the column.
          String alter =
              "ALTER TABLE " + now.detail("tableSql") + " ALTER COLUMN " + o.detail("sql");
          if (now.flag("notNull")) {
            script.statement(alter + " DROP NOT NULL;");
          }
          script.statement(alter + " SET EXPRESSION AS (NULL);");
          heldByNull.add(o.key());
          expressionsAfterTypes.add(o);
        }
      }
      // An enum whose labels the migration renamed (RENAME VALUE) gets them back before the
      // columns: their defaults name the labels.
      kept.stream().filter(o -> !renamedLabels(o, kept(o)).isEmpty()).forEach(relabeledTypes::add);
      relabeledTypes.forEach(o -> relabel(o, kept(o)));
      keptColumns.forEach(o -> alterColumn(o, kept(o)));
      for (CatalogObject o : expressionsAfterTypes) {
        setExpression(o, kept(o), true);
        if (heldByNull.contains(o.key()) && o.flag("notNull")) {
          script.statement(
              "ALTER TABLE "
                  + kept(o).detail("tableSql")
                  + " ALTER COLUMN "
                  + o.detail("sql")
                  + " SET NOT NULL;");
        }
      }
      kept.stream()
          .filter(
              o ->
                  o.kind() == Kind.INDEX
                      || o.kind() == Kind.SEQUENCE
                      || o.kind() == Kind.TYPE
                      || o.kind() == Kind.EXTENSION
                      || o.kind() == Kind.CONSTRAINT
                      || o.kind() == Kind.TRIGGER
                      || o.kind() == Kind.SCHEMA)
          .filter(o -> !renamedTypes.contains(o))
          .filter(o -> !relabeledTypes.contains(o))
          // An index a created constraint took over comes back when that constraint is dropped.
          .filter(
              o -> !(o.kind() == Kind.INDEX && !o.flag("constraint") && kept(o).flag("constraint")))
          .filter(o -> !(o.kind() == Kind.TYPE && renamedAwayTypes.contains(o.name())))
          // setSequenceBack moves, renames and sets a renamed sequence back.
          .filter(o -> !renamedSequences.contains(o))
          .forEach(o -> redefine(o, kept(o)));

      // 3. Drop the rest of what the migration created, users before what they use; what lives
      // on a dropped table goes with it. A partition it attached leaves its parent first, which
      // may be dropped.
      kept.stream()
          .filter(o -> o.kind() == Kind.TABLE && kept(o).flag("partition") && moved(o, kept(o)))
          .forEach(this::detach);
      // A created table may have taken a renamed one's name: drop it before the rename back.
      ddl.dropTables(created);
      kept.stream().filter(o -> o.kind() == Kind.TABLE).forEach(o -> renameTable(o, kept(o)));
      List<CatalogObject> createdToDrop =
          created.stream()
              .filter(o -> !(o.kind() == Kind.TYPE && renamedAwayTypes.contains(o.name())))
              .toList();
      for (Kind kind :
          List.of(Kind.FUNCTION, Kind.SEQUENCE, Kind.TYPE, Kind.EXTENSION, Kind.SCHEMA)) {
        dropAll(createdToDrop, kind, droppedTables);
      }
      renamedSequences.stream()
          .filter(o -> createdNames.contains(o.name()))
          .forEach(o -> setSequenceBack(o, kept(o)));
      renamedTypes.forEach(
          o ->
              script.statement(
                  "ALTER TYPE "
                      + kept(o).detail("sql")
                      + " RENAME TO "
                      + o.detail("nameSql")
                      + ";"));

      // 4. Bring back what it dropped or changed, dependencies first; functions before the tables
      // whose defaults and checks call them.
      createDefinitions(
          dropped.stream().filter(o -> createdNames.contains(o.name())).toList(),
          changedFunctions.stream().filter(o -> createdNames.contains(o.name())).toList());
      // A function that lost the parameter defaults or names it gained, once nothing it created
      // uses them.
      recreatedFunctions.forEach(this::recreateFunction);
      reboundColumns.forEach(script::statement);
      List<CatalogObject> partitioned =
          dropped.stream()
              .filter(o -> o.kind() == Kind.TABLE)
              .filter(o -> o.flag("partitioned") || o.flag("partition"))
              .toList();
      if (!partitioned.isEmpty()) {
        refusePartitioned(partitioned);
        Set<String> tables = new LinkedHashSet<>();
        partitioned.forEach(t -> tables.add(t.identity()));
        Set<String> tablesSql = new LinkedHashSet<>();
        partitioned.forEach(t -> tablesSql.add(t.detail("sql")));
        dropped =
            dropped.stream()
                .filter(o -> !(o.kind() == Kind.TABLE && tables.contains(o.identity())))
                .filter(o -> !tables.contains(o.detail("tableIdentity")))
                .filter(
                    o -> !(o.kind() == Kind.TRIGGER && tablesSql.contains(o.detail("tableSql"))))
                .toList();
      }
      List<CatalogObject> views = new ArrayList<>(changedViews);
      dropped.stream().filter(DownMigration::isView).forEach(views::add);
      // Dropping a view drops its indexes and triggers, kept or not: they come back after it.
      List<CatalogObject> onViews = onViews(views);
      dropped = dropped.stream().filter(o -> !onViews.contains(o)).toList();
      // An index of a table the migration attached that the attach took over for its parent's
      // (which the snapshot leaves to the parent's) is its own again once detached.
      Set<String> detachedIndexes = new HashSet<>();
      kept.stream()
          .filter(o -> o.kind() == Kind.TABLE && kept(o).flag("partition") && moved(o, kept(o)))
          .flatMap(o -> kept(o).detail("parentsIndexes").lines())
          .forEach(line -> detachedIndexes.add(line.substring(0, line.indexOf(' '))));
      dropped =
          dropped.stream()
              .filter(o -> !(o.kind() == Kind.INDEX && detachedIndexes.contains(o.identity())))
              .toList();
      for (Kind kind : List.of(Kind.TABLE, Kind.COLUMN, Kind.CONSTRAINT, Kind.INDEX)) {
        createAll(dropped, kind);
      }
      kept.stream()
          .filter(o -> o.kind() == Kind.TABLE && o.flag("partition") && moved(o, kept(o)))
          .forEach(this::attach);
      ReadOrder.readFirst(views).forEach(ddl::create);
      createAll(onViews, Kind.INDEX);
      createAll(onViews, Kind.TRIGGER);
      createAll(dropped, Kind.TRIGGER);
      // A trigger the migration enabled or disabled (one it renamed or redefined is listed).
      kept.stream()
          .filter(o -> o.kind() == Kind.TRIGGER && !onViews.contains(o))
          .filter(o -> o.name().equals(kept(o).name()))
          .filter(o -> !o.detail("enabled").equals(kept(o).detail("enabled")))
          .forEach(ddl::setTriggerEnabled);
      createAll(dropped, Kind.POLICY);
      changedPolicies.forEach(ddl::create);
      renamedPolicies.forEach(
          o ->
              script.statement(
                  "ALTER POLICY "
                      + kept(o).detail("sql")
                      + " ON "
                      + o.detail("tableSql")
                      + " RENAME TO "
                      + o.detail("sql")
                      + ";"));
      kept.stream()
          .filter(o -> o.kind() == Kind.SEQUENCE)
          .filter(o -> !o.detail("ownedBy").equals(kept(o).detail("ownedBy")))
          .filter(o -> !o.shape().equals(tablesNamedAsBefore(kept(o).shape())))
          .forEach(
              o ->
                  script.statement(
                      "ALTER SEQUENCE "
                          + o.detail("sql")
                          + " OWNED BY "
                          + (o.detail("ownedBy").isEmpty() ? "NONE" : o.detail("ownedBy"))
                          + ";"));
      dropped.stream()
          .filter(o -> o.kind() == Kind.SEQUENCE && !o.detail("ownedBy").isEmpty())
          .forEach(
              o ->
                  script.statement(
                      "ALTER SEQUENCE "
                          + o.detail("sql")
                          + " OWNED BY "
                          + o.detail("ownedBy")
                          + ";"));
      // Owners, grants and comments last, once every name is back and every sequence is owned
      // again: a table's new owner becomes its sequences' too. What the revert creates again is
      // the migration role's, granted what its default privileges grant, without a comment.
      List<CatalogObject> relations = new ArrayList<>(views);
      dropped.stream()
          .filter(
              o -> o.kind() == Kind.TABLE || o.kind() == Kind.SEQUENCE || o.kind() == Kind.SCHEMA)
          .forEach(relations::add);
      Set<String> recreated = new HashSet<>();
      relations.forEach(o -> recreated.add(o.identity()));
      kept.stream()
          .filter(o -> o.kind() == Kind.TABLE || o.kind() == Kind.SEQUENCE || isView(o))
          .filter(o -> !recreated.contains(o.identity()))
          .forEach(relations::add);
      // A schema renamed in place is listed as irreversible, its owner and grants with it.
      kept.stream()
          .filter(o -> o.kind() == Kind.SCHEMA && o.name().equals(kept(o).name()))
          .forEach(relations::add);
      relations.sort(Comparator.comparing(CatalogObject::name));
      for (CatalogObject o : relations) {
        setAfterCreateBack(o, recreated.contains(o.identity()) ? null : kept(o));
      }
      return new DownMigration(
          change.file().version(),
          script.render(
              change.file().name(),
              change.file().version(),
              server,
              withoutTransaction() && !onPartitionedTable()),
          script.irreversible());
    }

    /**
     * Whether the reverted migration runs without a transaction ({@code -- atlas:txmode none}),
     * where its author built or dropped indexes {@code CONCURRENTLY}: a revert of only indexes does
     * the same.
     */
    private boolean withoutTransaction() {
      try {
        return AtlasFileDirectives.read(change.file()).txMode(TxMode.FILE, change.file().name())
            == TxMode.NONE;
      } catch (IllegalArgumentException e) {
        return false; // a directive Atlas refuses: the file never ran
      }
    }

    /**
     * Whether an index the migration changed is on a partitioned table, which PostgreSQL builds and
     * drops only in a transaction's way.
     */
    private boolean onPartitionedTable() {
      for (String key : before.changedKeys(after)) {
        Optional<CatalogObject> index = before.get(key).or(() -> after.get(key));
        if (index.isEmpty() || index.get().kind() != Kind.INDEX) {
          continue;
        }
        String table = index.get().detail("tableIdentity");
        if (before
            .withIdentity(Kind.TABLE, table)
            .or(() -> after.withIdentity(Kind.TABLE, table))
            .map(t -> t.flag("partitioned"))
            .orElse(false)) {
          return true;
        }
      }
      return false;
    }

    /**
     * Lists the partitioned tables and partitions the migration dropped, which kit does not
     * re-create: a plain table in their place would not be what the application had.
     */
    private void refusePartitioned(List<CatalogObject> tables) {
      tables.forEach(
          t ->
              script.irreversible(
                  t.key()
                      + ": it was "
                      + (t.flag("partitioned") ? "a partitioned table" : "a partition")
                      + ", which kit does not re-create; write its CREATE TABLE with PARTITION BY or"
                      + " PARTITION OF, its indexes and constraints by hand, and restore its rows"
                      + " from a backup (see RUNBOOK.md)"));
    }

    /**
     * Creates the extensions, schemas, types, sequences and functions of {@code dropped}, and
     * {@code changedFunctions} as they were.
     */
    private void createDefinitions(
        List<CatalogObject> dropped, List<CatalogObject> changedFunctions) {
      createAll(dropped, Kind.SCHEMA);
      Set<String> schemas = new HashSet<>();
      dropped.stream().filter(o -> o.kind() == Kind.SCHEMA).forEach(o -> schemas.add(o.identity()));
      setDefaultPrivilegesBack(schemas);
      for (Kind kind : List.of(Kind.EXTENSION, Kind.TYPE, Kind.SEQUENCE)) {
        createAll(dropped, kind);
      }
      changedFunctions.stream()
          .sorted(Comparator.comparing(CatalogObject::name))
          .forEach(o -> setFunctionBack(o, kept(o)));
      dropped.stream()
          .filter(o -> o.kind() == Kind.FUNCTION)
          .sorted(Comparator.comparing(CatalogObject::name))
          .forEach(
              o -> {
                createFunction(o);
                setPrivilegesBack(o, "", grantsOnCreate(o), "");
              });
    }

    private void createFunction(CatalogObject function) {
      if (!functionBodiesUnchecked) {
        // As pg_dump does: a function body may name a table that comes back below.
        script.statement("SET LOCAL check_function_bodies = off;");
        functionBodiesUnchecked = true;
      }
      ddl.create(function);
    }

    /**
     * Sets {@code old}, a function the migration renamed, moved or replaced, back: renamed and
     * moved back, then replaced if its body, result or options differ; dropped and created again
     * where CREATE OR REPLACE cannot remove the parameter defaults or names it gained.
     */
    private void setFunctionBack(CatalogObject old, CatalogObject now) {
      String kind = old.flag("procedure") ? "PROCEDURE " : "FUNCTION ";
      if (Integer.parseInt(now.detail("defaults")) > Integer.parseInt(old.detail("defaults"))
          || !old.detail("argumentNames").equals(now.detail("argumentNames"))) {
        // What the migration created or dropped is gone or not back yet when it comes again;
        // anything else, kept or not in the snapshots (a domain's check, a policy), stops it.
        Set<String> users = new TreeSet<>();
        Stream.of(old.detail("dependants"), now.detail("dependants"))
            .flatMap(String::lines)
            .filter(line -> !createdOrDropped(line.substring(0, line.indexOf(' '))))
            .forEach(line -> users.add(line.substring(line.indexOf(' ') + 1)));
        if (!users.isEmpty()) {
          script.irreversible(
              old.key()
                  + ": its parameters' names or defaults changed, which CREATE OR REPLACE cannot"
                  + " undo, and PostgreSQL does not drop it to create it again while "
                  + String.join(", ", users)
                  + " uses it; drop those, then the function, and create them again by hand as they"
                  + " were before "
                  + change.file().version());
          return;
        }
        recreatedFunctions.add(old);
        return;
      }
      String schema = now.detail("schemaSql");
      if (!old.detail("schemaSql").equals(schema)) {
        script.statement(
            "ALTER " + kind + now.detail("sql") + " SET SCHEMA " + old.detail("schemaSql") + ";");
        schema = old.detail("schemaSql");
      }
      if (!old.detail("nameSql").equals(now.detail("nameSql"))) {
        script.statement(
            "ALTER "
                + kind
                + schema
                + "."
                + now.detail("nameSql")
                + "("
                + now.detail("arguments")
                + ") RENAME TO "
                + old.detail("nameSql")
                + ";");
      }
      String named =
          now.detail("functiondef")
              .replaceFirst(
                  Pattern.quote(kind + now.detail("schemaSql") + "." + now.detail("nameSql") + "("),
                  Matcher.quoteReplacement(
                      kind + old.detail("schemaSql") + "." + old.detail("nameSql") + "("));
      if (!old.detail("functiondef").equals(named)) {
        createFunction(old); // CREATE OR REPLACE keeps its owner and grants
      }
      setPrivilegesBack(old, now.detail("owner"), now.detail("grants"), now.detail("comment"));
    }

    /** Drops {@code old}'s function as it is now and creates it as it was. */
    private void recreateFunction(CatalogObject old) {
      CatalogObject now = kept(old);
      ddl.drop(now);
      createFunction(old);
      setPrivilegesBack(old, "", grantsOnCreate(old), "");
    }

    /**
     * Gives {@code old}, a function under its old name, its owner, grants and comment back, where
     * it is owned by {@code owner}, {@code grants} may execute it and it has {@code comment} (as
     * {@link CatalogSnapshot} records them): a function created again has the defaults, which let
     * PUBLIC execute it.
     */
    private void setPrivilegesBack(CatalogObject old, String owner, String grants, String comment) {
      String function = (old.flag("procedure") ? "PROCEDURE " : "FUNCTION ") + old.detail("sql");
      if (!old.detail("owner").equals(owner)) {
        script.statement(
            "ALTER "
                + function
                + " OWNER TO "
                + (old.detail("owner").isEmpty() ? "CURRENT_USER" : old.detail("owner"))
                + ";");
      }
      if (!old.detail("comment").equals(comment)) {
        script.statement(
            "COMMENT ON "
                + function
                + " IS "
                + (old.detail("comment").isEmpty() ? "NULL" : old.detail("comment"))
                + ";");
      }
      List<String> was = old.detail("grants").lines().toList();
      List<String> is = grants.lines().toList();
      for (String grant : is) {
        if (!was.contains(grant)) {
          script.statement("REVOKE ALL ON " + function + " FROM " + grantee(grant) + ";");
        }
      }
      for (String grant : was) {
        if (!is.contains(grant)) {
          script.statement("GRANT EXECUTE ON " + function + " TO " + grant + ";");
        }
      }
    }

    /**
     * Gives {@code old}, a schema, table, view or sequence under its old name, its owner, comment,
     * row level security, storage parameters, logging, replica identity and grants back, and those
     * of its columns (as {@link CatalogSnapshot} records them: a table's or view's columns' grants
     * and comments, a table's columns' settings), from what they are {@code now}, or from what
     * CREATE gives when it is created again ({@code null}; its default privileges' grants). A
     * grantee whose privileges changed loses them all and gets back what it had, so that a
     * privilege it kept is not lost with one it gained.
     */
    private void setAfterCreateBack(CatalogObject old, @Nullable CatalogObject now) {
      String kind =
          old.kind() == Kind.TABLE ? "TABLE " : old.kind().label().toUpperCase(Locale.ROOT) + " ";
      // A sequence a column owns follows its table's owner, and refuses one of its own.
      if (!old.detail("owner").equals(now == null ? "" : now.detail("owner"))
          && !(old.kind() == Kind.SEQUENCE && !old.detail("ownedBy").isEmpty())) {
        script.statement(
            "ALTER "
                + kind
                + old.detail("sql")
                + " OWNER TO "
                + (old.detail("owner").isEmpty() ? "CURRENT_USER" : old.detail("owner"))
                + ";");
      }
      if (!old.detail("comment").equals(now == null ? "" : now.detail("comment"))) {
        script.statement(
            "COMMENT ON "
                + kind
                + old.detail("sql")
                + " IS "
                + (old.detail("comment").isEmpty() ? "NULL" : old.detail("comment"))
                + ";");
      }
      setRowSecurityBack(old, now, "rowSecurity", "ENABLE", "DISABLE");
      setRowSecurityBack(old, now, "forceRowSecurity", "FORCE", "NO FORCE");
      String alter = "ALTER " + kind + old.detail("sql");
      setOptionsBack(alter, old.detail("options"), now == null ? "" : now.detail("options"));
      if (old.flag("unlogged") != (now != null && now.flag("unlogged"))) {
        script.statement(alter + (old.flag("unlogged") ? " SET UNLOGGED;" : " SET LOGGED;"));
      }
      if (old.kind() == Kind.SEQUENCE
          && !old.detail("cache").equals(now == null ? "1" : now.detail("cache"))) {
        script.statement(alter + " CACHE " + old.detail("cache") + ";");
      }
      String replicaIdentity = now == null ? "" : now.detail("replicaIdentity");
      if (!old.detail("replicaIdentity").equals(replicaIdentity)) {
        script.statement(
            alter
                + " REPLICA IDENTITY "
                + (old.detail("replicaIdentity").isEmpty()
                    ? "DEFAULT"
                    : old.detail("replicaIdentity"))
                + ";");
      }
      String on =
          switch (old.kind()) {
                case SEQUENCE -> " ON SEQUENCE ";
                case SCHEMA -> " ON SCHEMA ";
                default -> " ON TABLE ";
              }
              + old.detail("sql");
      Set<String> revoked =
          setGrantsBack(
              "",
              on,
              "",
              old.detail("grants"),
              now == null ? grantsOnCreate(old) : now.detail("grants"),
              Set.of());
      if (isView(old)) {
        // REVOKE ALL ON TABLE takes a role's privileges on each column too.
        Map<String, String> had = byColumn(old.detail("columnGrants"));
        Map<String, String> has = byColumn(now == null ? "" : now.detail("columnGrants"));
        for (Map.Entry<String, String> column : had.entrySet()) {
          setGrantsBack(
              "",
              on,
              column.getKey(),
              column.getValue(),
              has.getOrDefault(column.getKey(), ""),
              revoked);
        }
        for (Map.Entry<String, String> column : has.entrySet()) {
          if (!had.containsKey(column.getKey())) {
            setGrantsBack("", on, column.getKey(), "", column.getValue(), revoked);
          }
        }
        Map<String, String> commented = byColumn(old.detail("columnComments"));
        Map<String, String> commentedNow =
            byColumn(now == null ? "" : now.detail("columnComments"));
        Set<String> columns = new LinkedHashSet<>(commented.keySet());
        columns.addAll(commentedNow.keySet());
        for (String column : columns) {
          setColumnCommentBack(
              old,
              column,
              commented.getOrDefault(column, ""),
              commentedNow.getOrDefault(column, ""));
        }
      } else if (old.kind() == Kind.TABLE) {
        // REVOKE ALL ON TABLE takes a role's privileges on each column too.
        List<CatalogObject> columns =
            before.objects().stream()
                .filter(
                    c ->
                        c.kind() == Kind.COLUMN && c.detail("tableIdentity").equals(old.identity()))
                .sorted(Comparator.comparingInt(c -> Integer.parseInt(c.detail("position"))))
                .toList();
        for (CatalogObject c : columns) {
          CatalogObject column = now != null && isKept(c) ? kept(c) : null;
          setColumnCommentBack(
              old,
              c.detail("sql"),
              c.detail("comment"),
              column == null ? "" : column.detail("comment"));
          setColumnSettingsBack(old, c, column);
          setGrantsBack(
              "",
              on,
              c.detail("sql"),
              c.detail("grants"),
              column == null ? "" : column.detail("grants"),
              revoked);
        }
      }
    }

    /**
     * Sets the statistics target, storage, compression and options of {@code old}, a column of
     * {@code table}, back from those of {@code now} (the defaults for a column created again).
     */
    private void setColumnSettingsBack(
        CatalogObject table, CatalogObject old, @Nullable CatalogObject now) {
      String alter = "ALTER TABLE " + table.detail("sql") + " ALTER COLUMN " + old.detail("sql");
      String statistics = old.detail("statistics");
      if (!statistics.equals(now == null ? "" : now.detail("statistics"))) {
        script.statement(
            alter + " SET STATISTICS " + (statistics.isEmpty() ? "-1" : statistics) + ";");
      }
      String storage = old.detail("storage");
      if (!storage.equals(now == null ? "" : now.detail("storage"))) {
        script.statement(
            alter
                + " SET STORAGE "
                + (storage.isEmpty() ? old.detail("typeStorage") : storage)
                + ";");
      }
      String compression = old.detail("compression");
      if (!compression.equals(now == null ? "" : now.detail("compression"))) {
        script.statement(
            alter + " SET COMPRESSION " + (compression.isEmpty() ? "DEFAULT" : compression) + ";");
      }
      setOptionsBack(alter, old.detail("options"), now == null ? "" : now.detail("options"));
    }

    /**
     * Sets storage parameters or options back with {@code alter} ({@code ALTER TABLE t}): RESET
     * those {@code is} has and {@code was} has not, SET those of {@code was} it lacks or holds
     * otherwise. Each is one a line, as SET takes it ({@code fillfactor='70'}).
     */
    private void setOptionsBack(String alter, String was, String is) {
      Map<String, String> had = byOptionName(was);
      Map<String, String> has = byOptionName(is);
      List<String> reset = has.keySet().stream().filter(k -> !had.containsKey(k)).toList();
      if (!reset.isEmpty()) {
        script.statement(alter + " RESET (" + String.join(", ", reset) + ");");
      }
      List<String> set =
          had.entrySet().stream()
              .filter(e -> !e.getValue().equals(has.get(e.getKey())))
              .map(Map.Entry::getValue)
              .toList();
      if (!set.isEmpty()) {
        script.statement(alter + " SET (" + String.join(", ", set) + ");");
      }
    }

    /** Option lines ({@code fillfactor='70'}) by their name, in their order. */
    private static Map<String, String> byOptionName(String options) {
      Map<String, String> byName = new LinkedHashMap<>();
      options.lines().forEach(o -> byName.put(o.substring(0, o.indexOf('=')), o));
      return byName;
    }

    /**
     * Sets the comment of {@code column} (quoted) of {@code old}, a table or view, back to {@code
     * was} where it is {@code is} (each a literal, or empty for none).
     */
    private void setColumnCommentBack(CatalogObject old, String column, String was, String is) {
      if (!was.equals(is)) {
        script.statement(
            "COMMENT ON COLUMN "
                + old.detail("sql")
                + "."
                + column
                + " IS "
                + (was.isEmpty() ? "NULL" : was)
                + ";");
      }
    }

    /**
     * Sets the row level security {@code flag} of {@code old}, a table, back with {@code on} or
     * {@code off} where it differs from {@code now}'s (off for a table created again).
     */
    private void setRowSecurityBack(
        CatalogObject old, @Nullable CatalogObject now, String flag, String on, String off) {
      if (old.flag(flag) != (now != null && now.flag(flag))) {
        script.statement(
            "ALTER TABLE "
                + old.detail("sql")
                + " "
                + (old.flag(flag) ? on : off)
                + " ROW LEVEL SECURITY;");
      }
    }

    /**
     * Sets the default privileges (for every role) everywhere ({@link #EVERYWHERE}) or in the
     * schemas {@code namespaces} (their identities) back to what they were: an entry the migration
     * added, changed or removed. Where a role had no entry, PostgreSQL's own defaults hold (none in
     * a schema), and an entry set back to them goes.
     */
    private void setDefaultPrivilegesBack(Set<String> namespaces) {
      Map<String, CatalogObject> entries = new TreeMap<>();
      Stream.of(after, before)
          .flatMap(snapshot -> snapshot.objects().stream())
          .filter(o -> o.kind() == Kind.DEFAULT_PRIVILEGES)
          .filter(o -> namespaces.contains(o.detail("namespace")))
          .forEach(o -> entries.putIfAbsent(o.identity(), o));
      entries.values().stream()
          .sorted(Comparator.comparing(CatalogObject::name))
          .forEach(
              entry -> {
                Optional<CatalogObject> had = before.sameAs(entry);
                Optional<CatalogObject> has = after.sameAs(entry);
                String namespace = entry.detail("namespace");
                String prefix =
                    "ALTER DEFAULT PRIVILEGES"
                        + (entry.detail("role").isEmpty()
                            ? ""
                            : " FOR ROLE " + entry.detail("role"))
                        + (namespace.equals(EVERYWHERE)
                            ? ""
                            : " IN SCHEMA "
                                + after
                                    .withIdentity(Kind.SCHEMA, namespace)
                                    .or(() -> before.withIdentity(Kind.SCHEMA, namespace))
                                    .orElseThrow()
                                    .detail("sql"))
                        + " ";
                // No entry: PostgreSQL's own defaults, which each entry says.
                setGrantsBack(
                    prefix,
                    " ON " + entry.detail("objects"),
                    "",
                    had.map(o -> o.detail("grants")).orElse(entry.detail("implicit")),
                    has.map(o -> o.detail("grants")).orElse(entry.detail("implicit")),
                    Set.of());
              });
    }

    /**
     * The grants {@code old}, a schema, table, view, sequence or function, gets when the revert
     * creates it again: those of the default privileges (in its schema) as they were before the
     * migration, which the revert sets back first.
     */
    private String grantsOnCreate(CatalogObject old) {
      if (old.kind() == Kind.SCHEMA) {
        return old.detail("grantsOnCreate");
      }
      String detail =
          switch (old.kind()) {
            case SEQUENCE -> "sequencesOnCreate";
            case FUNCTION -> "functionsOnCreate";
            default -> "tablesOnCreate";
          };
      // A schema an extension made is not in the snapshot: PostgreSQL's own defaults are assumed
      // there, which kit:verify's proof checks.
      return before
          .get(CatalogObject.key(Kind.SCHEMA, old.detail("schema")))
          .map(schema -> schema.detail(detail))
          .orElse(old.kind() == Kind.FUNCTION ? CatalogSnapshot.DEFAULT_GRANTS : "");
    }

    /**
     * Gives the roles whose grant lines on a table, view or sequence ({@code on}), or on one of its
     * columns, or in default privileges, changed from {@code was} to {@code is} what they had: a
     * role that has some loses them all first, so that a privilege it kept is not lost with one it
     * gained.
     *
     * @param prefix what comes before GRANT and REVOKE, with its space: {@code ALTER DEFAULT
     *     PRIVILEGES IN SCHEMA public }, or empty
     * @param on {@code ON TABLE <table>} or {@code ON SEQUENCE <sequence>}, leading space included
     * @param column the column, or empty for the table itself
     * @param revoked the roles that lost every privilege on the table, its columns' too, and get
     *     back what they had on a column even where that did not change
     * @return the roles that lost every privilege
     */
    private Set<String> setGrantsBack(
        String prefix, String on, String column, String was, String is, Set<String> revoked) {
      Map<String, List<String>> had = byGrantee(was);
      Map<String, List<String>> has = byGrantee(is);
      Set<String> grantees = new TreeSet<>(had.keySet());
      grantees.addAll(has.keySet());
      Set<String> revokedNow = new TreeSet<>();
      for (String grantee : grantees) {
        List<String> wanted = had.getOrDefault(grantee, List.of());
        List<String> held =
            revoked.contains(grantee) ? List.of() : has.getOrDefault(grantee, List.of());
        if (wanted.equals(held) && !revoked.contains(grantee)) {
          continue;
        }
        if (!held.isEmpty()) {
          script.statement(
              prefix
                  + "REVOKE ALL"
                  + (column.isEmpty() ? "" : " (" + column + ")")
                  + on
                  + " FROM "
                  + grantee
                  + ";");
          revokedNow.add(grantee);
        }
        for (String line : wanted) {
          int to = line.indexOf(" TO ");
          String privileges = line.substring(0, to);
          if (!column.isEmpty()) {
            privileges = privileges.replace(", ", " (" + column + "), ") + " (" + column + ")";
          }
          script.statement(prefix + "GRANT " + privileges + on + line.substring(to) + ";");
        }
      }
      return revokedNow;
    }

    /**
     * A view's column lines ({@code id<tab>SELECT TO reporting}, {@code id<tab>'the id'}) by
     * column, in their order: a column's grant lines one a line.
     */
    private static Map<String, String> byColumn(String columnGrants) {
      Map<String, String> byColumn = new LinkedHashMap<>();
      for (String line : columnGrants.lines().toList()) {
        int tab = line.indexOf('\t');
        byColumn.merge(line.substring(0, tab), line.substring(tab + 1), (a, b) -> a + "\n" + b);
      }
      return byColumn;
    }

    /**
     * Grant lines ({@code SELECT, INSERT TO reporting}) by the role they name; the privileges come
     * first and never hold {@code " TO "}.
     */
    private static Map<String, List<String>> byGrantee(String grants) {
      Map<String, List<String>> byGrantee = new TreeMap<>();
      for (String line : grants.lines().toList()) {
        String grantee = grantee(line.substring(line.indexOf(" TO ") + 4));
        byGrantee.computeIfAbsent(grantee, g -> new ArrayList<>()).add(line);
      }
      return byGrantee;
    }

    /** The role a grant line ({@code reporting WITH GRANT OPTION}) names. */
    private static String grantee(String grant) {
      return grant.endsWith(WITH_GRANT_OPTION)
          ? grant.substring(0, grant.length() - WITH_GRANT_OPTION.length())
          : grant;
    }

    /**
     * Whether the policy {@code old} is {@code now} under another name, its table's rename aside.
     */
    private boolean renamedOnlyPolicy(CatalogObject old, CatalogObject now) {
      String named =
          tablesNamedAsBefore(now.definition())
              .replaceFirst(
                  "^CREATE POLICY " + Pattern.quote(now.detail("sql")) + " ON ",
                  Matcher.quoteReplacement("CREATE POLICY " + old.detail("sql") + " ON "));
      return !old.detail("sql").equals(now.detail("sql")) && named.equals(old.definition());
    }

    /** Whether {@code identity} is in one catalog only: the migration created or dropped it. */
    private boolean createdOrDropped(String identity) {
      return beforeIdentities.contains(identity) != afterIdentities.contains(identity);
    }

    /** The indexes and triggers {@code views} had before the migration. */
    private List<CatalogObject> onViews(List<CatalogObject> views) {
      Set<String> ids = new HashSet<>();
      Set<String> names = new HashSet<>();
      views.forEach(
          v -> {
            ids.add(v.identity());
            names.add(v.detail("sql"));
          });
      return before.objects().stream()
          .filter(
              o ->
                  (o.kind() == Kind.INDEX && ids.contains(o.detail("tableIdentity")))
                      || (o.kind() == Kind.TRIGGER && names.contains(o.detail("tableSql"))))
          .toList();
    }

    private void dropAll(List<CatalogObject> created, Kind kind, Set<String> droppedTables) {
      List<CatalogObject> objects =
          created.stream()
              .filter(o -> o.kind() == kind)
              .filter(o -> !droppedTables.contains(o.detail("tableIdentity")))
              .filter(o -> !(o.kind() == Kind.INDEX && o.flag("constraint")))
              .sorted(
                  kind == Kind.CONSTRAINT
                      ? Comparator.comparing((CatalogObject o) -> !o.detail("type").equals("f"))
                          .thenComparing(CatalogObject::name)
                      : Comparator.comparing(CatalogObject::name))
              .toList();
      if (kind == Kind.TYPE) {
        objects = new ArrayList<>(ReadOrder.readFirst(objects));
        Collections.reverse(objects);
      }
      for (CatalogObject o : objects) {
        ddl.drop(o);
        // Dropping a constraint drops its index, also one it took over (ADD CONSTRAINT ... USING
        // INDEX) that was there before: that one is created again.
        adoptedIndex(o).ifPresent(ddl::create);
      }
    }

    /**
     * The index from before the migration that {@code constraint}, which it created, took over
     * ({@code ADD CONSTRAINT ... USING INDEX}), as it was then; empty for a constraint that built
     * its own.
     */
    private Optional<CatalogObject> adoptedIndex(CatalogObject constraint) {
      if (constraint.kind() != Kind.CONSTRAINT || constraint.detail("index").isEmpty()) {
        return Optional.empty();
      }
      for (CatalogObject index : after.objects()) {
        if (index.kind() == Kind.INDEX && index.detail("sql").equals(constraint.detail("index"))) {
          return before
              .withIdentity(Kind.INDEX, index.identity())
              .filter(was -> !was.flag("constraint"));
        }
      }
      return Optional.empty();
    }

    private void createAll(List<CatalogObject> dropped, Kind kind) {
      List<CatalogObject> objects =
          dropped.stream()
              .filter(o -> o.kind() == kind)
              .filter(o -> !(o.kind() == Kind.INDEX && o.flag("constraint")))
              .sorted(
                  kind == Kind.CONSTRAINT
                      ? Comparator.comparing((CatalogObject o) -> o.detail("type").equals("f"))
                          .thenComparing(CatalogObject::name)
                      : Comparator.comparing(CatalogObject::name))
              .toList();
      (kind == Kind.TYPE ? ReadOrder.readFirst(objects) : objects).forEach(ddl::create);
    }

    private void renameColumn(CatalogObject old, CatalogObject now) {
      if (!old.detail("sql").equals(now.detail("sql")) && !sameInParent(old, now, "sql")) {
        script.statement(
            "ALTER TABLE "
                + now.detail("tableSql")
                + " RENAME COLUMN "
                + now.detail("sql")
                + " TO "
                + old.detail("sql")
                + ";");
      }
    }

    /** Whether the type {@code old} was only renamed within its schema. */
    private static boolean renamedOnly(CatalogObject old, CatalogObject now) {
      return old.detail("body").equals(now.detail("body"))
          && !old.name().equals(now.name())
          && old.detail("sql").endsWith("." + old.detail("nameSql"))
          && now.detail("sql").endsWith("." + now.detail("nameSql"))
          && old.detail("sql")
              .substring(0, old.detail("sql").length() - old.detail("nameSql").length())
              .equals(
                  now.detail("sql")
                      .substring(0, now.detail("sql").length() - now.detail("nameSql").length()));
    }

    /** Whether {@code old} became or stopped being an identity or generated column. */
    private static boolean newKind(CatalogObject old, CatalogObject now) {
      return old.flag("identity") != now.flag("identity")
          || old.flag("generated") != now.flag("generated");
    }

    /**
     * Whether {@code expression}, {@code column}'s old one or its new one ({@code now}), reads a
     * column of its table whose type the revert sets back.
     */
    private boolean readsRetyped(
        CatalogObject column, String expression, List<CatalogObject> keptColumns, boolean now) {
      for (CatalogObject o : keptColumns) {
        if (o.detail("tableIdentity").equals(column.detail("tableIdentity"))
            && !o.detail("type").equals(kept(o).detail("type"))
            && names(expression, (now ? kept(o) : o).detail("sql"))) {
          return true;
        }
      }
      return false;
    }

    /** Sets {@code old}'s expression back if it changed, or {@code always}. */
    private void setExpression(CatalogObject old, CatalogObject now, boolean always) {
      if (!newKind(old, now)
          && (always || !old.detail("expression").equals(now.detail("expression")))) {
        script.statement(
            "ALTER TABLE "
                + now.detail("tableSql")
                + " ALTER COLUMN "
                + old.detail("sql")
                + " SET EXPRESSION AS ("
                + old.detail("expression")
                + ");");
      }
    }

    /** Sets the identity kind, type, default and NOT NULL of {@code old}, renamed back, back. */
    private void alterColumn(CatalogObject old, CatalogObject now) {
      String column = old.detail("sql");
      String alter = "ALTER TABLE " + now.detail("tableSql") + " ALTER COLUMN " + column;
      if (newKind(old, now)
          && !tableOf(now).detail("parentIdentities").isEmpty()
          && sameInParent(old, now, "identity")) {
        return; // setting the parent's identity back sets its partitions' too
      }
      // A stored generated column made plain or back, or a child's identity alone.
      if (old.flag("generated") != now.flag("generated")
          || (newKind(old, now) && !tableOf(now).detail("parentIdentities").isEmpty())) {
        script.irreversible(
            old.key()
                + ": its identity or generation changed; set it back by hand ("
                + old.shape()
                + ")");
        return;
      }
      boolean identityAdded = now.flag("identity") && !old.flag("identity");
      boolean identityDropped = old.flag("identity") && !now.flag("identity");
      if (identityAdded) {
        script.statement(alter + " DROP IDENTITY;"); // and its sequence
      }
      // A partition's identity follows its parent's, and PostgreSQL refuses to change it alone;
      // an inheriting table's does not (SET GENERATED does not recurse through INHERITS).
      if (old.flag("identity")
          && now.flag("identity")
          && !old.detail("identityKind").equals(now.detail("identityKind"))
          && !(inPartition(old) && sameInParent(old, now, "identityKind"))) {
        script.statement(alter + " SET GENERATED " + old.detail("identityKind") + ";");
      }
      if (old.flag("identity")
          && now.flag("identity")
          && !old.detail("identitySequence").equals(now.detail("identitySequence"))) {
        script.statement(
            "ALTER SEQUENCE "
                + tableOf(now).detail("schemaSql")
                + "."
                + now.detail("identitySequence")
                + " RENAME TO "
                + old.detail("identitySequence")
                + ";");
      }
      // A column of a type the migration dropped and created anew under the same name holds on
      // to the new one: an enum's values go to text here, and back once the old type is back.
      CatalogObject reusedType =
          old.flag("generated") || sameInParent(old, now, "type") ? null : reusedType(now);
      boolean retyped = reusedType != null && reusedType.detail("typtype").equals("e");
      if (reusedType != null && !retyped) {
        script.irreversible(
            old.key()
                + ": its type "
                + reusedType.detail("sql")
                + " was dropped and created anew under the same name, which this revert drops while"
                + " the column uses it; move the column off it by hand, and back onto the old type"
                + " once it is back ("
                + old.shape()
                + ")");
      }
      // A partition's column has its parent's type, and its parent's NOT NULL gets to it too.
      boolean newType =
          (!old.detail("type").equals(now.detail("type"))
                  || !old.detail("collation").equals(now.detail("collation")))
              && !(sameInParent(old, now, "type") && sameInParent(old, now, "collation"))
              && !retyped;
      // A default that names what the migration dropped and created anew under the same name
      // holds on to the new one: it lets go here, and is set again once the old one is back.
      boolean rebound =
          retyped
              || (!old.flag("generated")
                  && namesReused(old.detail("default"))
                  && !now.flag("generated"));
      boolean newDefault =
          (!old.detail("default").equals(now.detail("default")) || rebound)
              && !old.flag("generated");
      // A default of the new type may not cast to the old one: it goes first.
      boolean defaultDropped =
          (newType || rebound) && newDefault && !now.detail("default").isEmpty();
      if (defaultDropped) {
        script.statement(alter + " DROP DEFAULT;");
      }
      if (retyped) {
        script.statement(alter + " TYPE text USING " + column + "::text;");
      }
      if (newType) {
        ColumnTypeRevert type = new ColumnTypeRevert(old.detail("type"), now.detail("type"));
        script.statement(
            alter
                + " TYPE "
                + old.detail("type")
                + (old.detail("collation").isEmpty() ? "" : " COLLATE " + old.detail("collation"))
                + type.using(column).map(using -> " USING " + using).orElse("")
                + ";");
        if (type.narrower()) {
          script.irreversible(
              "values of "
                  + old.key()
                  + ": "
                  + old.detail("type")
                  + " is narrower than "
                  + now.detail("type")
                  + ", so a value written since "
                  + change.file().version()
                  + " that does not fit makes this revert fail, or is rounded; check them first");
        }
      }
      String alterBack = "ALTER TABLE " + old.detail("tableSql") + " ALTER COLUMN " + column;
      if (retyped) {
        reboundColumns.add(
            alterBack
                + " TYPE "
                + old.detail("type")
                + " USING "
                + column
                + "::text::"
                + old.detail("type")
                + ";");
      }
      if (rebound) {
        if (!old.detail("default").isEmpty()) {
          reboundColumns.add(alterBack + " SET DEFAULT " + old.detail("default") + ";");
        }
      } else if (newDefault && !old.detail("default").isEmpty()) {
        script.statement(alter + " SET DEFAULT " + old.detail("default") + ";");
      } else if (newDefault && !defaultDropped) {
        script.statement(alter + " DROP DEFAULT;");
      }
      if (old.flag("notNull") != now.flag("notNull")
          && !old.flag("identity")
          && !heldByNull.contains(old.key())
          && !sameInParent(old, now, "notNull")) {
        script.statement(alter + (old.flag("notNull") ? " SET NOT NULL;" : " DROP NOT NULL;"));
        if (!old.flag("notNull")) {
          keepPartitionsNotNull(old);
        }
      }
      if (identityDropped) {
        addIdentity(old, now, alter);
      }
    }

    /**
     * Makes {@code now}, whose identity the migration dropped, an identity column again, its
     * sequence named as before and set past the values the column holds, so the next row's does not
     * collide with one of them.
     */
    private void addIdentity(CatalogObject old, CatalogObject now, String alter) {
      if (!now.flag("notNull")) {
        script.statement(alter + " SET NOT NULL;");
      }
      String sequence = tableOf(now).detail("schemaSql") + "." + old.detail("identitySequence");
      script.statement(
          alter
              + " ADD GENERATED "
              + old.detail("identityKind")
              + " AS IDENTITY (SEQUENCE NAME "
              + sequence
              + ");");
      script.statement(
          "SELECT setval("
              + EmbeddedPostgresServer.literal(sequence)
              + ", max("
              + old.detail("sql")
              + ")) FROM "
              + now.detail("tableSql")
              + " HAVING max("
              + old.detail("sql")
              + ") IS NOT NULL;");
      script.irreversible(
          old.key()
              + ": its identity comes back with a new sequence, set past the column's values;"
              + " its old sequence's options and last value are gone, so set them by hand if they"
              + " were not the defaults (ALTER TABLE ... ALTER COLUMN ... SET INCREMENT BY ...)");
    }

    /** The table of {@code column}, a column after the migration. */
    private CatalogObject tableOf(CatalogObject column) {
      return after
          .withIdentity(Kind.TABLE, column.detail("tableIdentity"))
          .orElseThrow(() -> new IllegalStateException("no table for " + column.key()));
    }

    /**
     * Sets NOT NULL again on the columns of the partitions and inheriting tables below {@code
     * old}'s table that had it before: PostgreSQL 17 drops theirs with their parent's.
     */
    private void keepPartitionsNotNull(CatalogObject old) {
      String column = old.name().substring(old.detail("table").length());
      before.objects().stream()
          .filter(o -> o.kind() == Kind.TABLE)
          .filter(o -> below(o, old.detail("tableIdentity")))
          .sorted(Comparator.comparing(CatalogObject::name))
          .forEach(
              table ->
                  before
                      .get(CatalogObject.key(Kind.COLUMN, table.name() + column))
                      .filter(c -> c.flag("notNull") && isKept(c))
                      .ifPresent(
                          c ->
                              script.statement(
                                  "ALTER TABLE "
                                      + kept(c).detail("tableSql")
                                      + " ALTER COLUMN "
                                      + c.detail("sql")
                                      + " SET NOT NULL;")));
    }

    /**
     * Whether {@code table} was a partition or inheriting table below {@code parent}, through any
     * of its parents, and it and the tables between stayed where they were.
     */
    private boolean below(@Nullable CatalogObject table, String parent) {
      if (table == null
          || table.detail("parentIdentities").isEmpty()
          || !isKept(table)
          || moved(table, kept(table))) {
        return false;
      }
      // DROP NOT NULL recurses to every child, whichever of its parents it came through.
      for (String parentIdentity : table.detail("parentIdentities").split(",", -1)) {
        if (parentIdentity.equals(parent) || below(tableBefore(parentIdentity), parent)) {
          return true;
        }
      }
      return false;
    }

    /**
     * Whether {@code expression} names a function, sequence or type the migration dropped and
     * created again under the same name.
     */
    private boolean namesReused(String expression) {
      for (String name : reusedNames) {
        if (names(expression, name)) {
          return true;
        }
      }
      return false;
    }

    /**
     * The type the migration dropped and created anew under the same name whose new type the column
     * {@code now} (or its elements) is of.
     */
    private @Nullable CatalogObject reusedType(CatalogObject now) {
      for (CatalogObject reused : reusedTypes) {
        Optional<CatalogObject> created = after.get(reused.key());
        if (created.isPresent() && created.get().identity().equals(now.detail("typeIdentity"))) {
          return reused;
        }
      }
      return null;
    }

    private static boolean names(String expression, String name) {
      return Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])")
          .matcher(expression)
          .find();
    }

    /**
     * Whether {@code old} is a column of a partition or inheriting table that stayed where it was,
     * whose (first) parent's column of the same name changed {@code detail} the same way: setting
     * the parent's back sets the child's too, and PostgreSQL refuses it on the child alone.
     */
    private boolean sameInParent(CatalogObject old, CatalogObject now, String detail) {
      CatalogObject table = tableBefore(old.detail("tableIdentity"));
      if (table == null || table.detail("parentIdentity").isEmpty() || moved(table, kept(table))) {
        return false;
      }
      // Of several parents, the one that has the column.
      for (String parentIdentity : table.detail("parentIdentities").split(",", -1)) {
        CatalogObject parent = tableBefore(parentIdentity);
        CatalogObject parentOld =
            parent == null
                ? null
                : before
                    .get(
                        CatalogObject.key(
                            Kind.COLUMN,
                            parent.name() + old.name().substring(table.name().length())))
                    .orElse(null);
        CatalogObject parentNow = parentOld == null ? null : after.sameAs(parentOld).orElse(null);
        if (parentOld != null) {
          return parentNow != null
              && parentOld.detail(detail).equals(old.detail(detail))
              && parentNow.detail(detail).equals(now.detail(detail));
        }
      }
      return false;
    }

    /**
     * How many parents (partitioned or inherited from) the table of the column {@code old} had:
     * children come after them.
     */
    private int partitionDepth(CatalogObject column) {
      return depth(tableBefore(column.detail("tableIdentity")));
    }

    /** How many parents deep {@code table} is, by the deepest of them. */
    private int depth(@Nullable CatalogObject table) {
      int depth = 0;
      if (table != null && !table.detail("parentIdentities").isEmpty()) {
        for (String parent : table.detail("parentIdentities").split(",", -1)) {
          depth = Math.max(depth, 1 + depth(tableBefore(parent)));
        }
      }
      return depth;
    }

    /** Whether {@code column} belonged to a partition before the migration. */
    private boolean inPartition(CatalogObject column) {
      CatalogObject table = tableBefore(column.detail("tableIdentity"));
      return table != null && table.flag("partition");
    }

    /** Whether the table {@code old} was attached, detached or moved to another parent or bound. */
    private static boolean moved(CatalogObject old, CatalogObject now) {
      return old.flag("partition") != now.flag("partition")
          || !old.detail("parentIdentities").equals(now.detail("parentIdentities"))
          || !old.detail("bound").equals(now.detail("bound"));
    }

    /**
     * Detaches {@code old}'s table, which the migration made a partition, from its parent, and
     * drops the indexes the attach built on it for the parent's, which the detach leaves as its
     * own; an index it had before, which the attach took over, stays.
     */
    private void detach(CatalogObject old) {
      CatalogObject now = kept(old);
      script.statement(
          "ALTER TABLE "
              + now.detail("parentSql")
              + " DETACH PARTITION "
              + now.detail("sql")
              + ";");
      now.detail("parentsIndexes")
          .lines()
          .filter(
              line ->
                  before.withIdentity(Kind.INDEX, line.substring(0, line.indexOf(' '))).isEmpty())
          .forEach(
              line ->
                  script.statement(
                      "DROP INDEX IF EXISTS " + line.substring(line.indexOf(' ') + 1) + ";"));
    }

    /** Attaches {@code old}, a partition before the migration, to its parent again. */
    private void attach(CatalogObject old) {
      if (after.withIdentity(Kind.TABLE, old.detail("parentIdentity")).isEmpty()) {
        script.irreversible(
            old.key()
                + ": it was a partition of "
                + old.detail("parentSql")
                + ", which the migration dropped and kit does not re-create; attach it by hand"
                + " once its parent is back ("
                + old.shape()
                + ")");
        return;
      }
      script.statement(
          "ALTER TABLE "
              + old.detail("parentSql")
              + " ATTACH PARTITION "
              + old.detail("sql")
              + " "
              + old.detail("bound")
              + ";");
    }

    private void renameTable(CatalogObject old, CatalogObject now) {
      if (old.name().equals(now.name())) {
        return;
      }
      String current = now.detail("sql");
      if (!old.detail("schemaSql").equals(now.detail("schemaSql"))) {
        script.statement("ALTER TABLE " + current + " SET SCHEMA " + old.detail("schemaSql") + ";");
        current = old.detail("schemaSql") + "." + now.detail("nameSql");
      }
      if (!old.detail("nameSql").equals(now.detail("nameSql"))) {
        script.statement("ALTER TABLE " + current + " RENAME TO " + old.detail("nameSql") + ";");
      }
    }

    private void redefine(CatalogObject old, CatalogObject now) {
      if (old.shape().equals(now.shape()) && old.name().equals(now.name())) {
        return;
      }
      switch (old.kind()) {
        case INDEX, CONSTRAINT, TRIGGER, SCHEMA, SEQUENCE -> {
          String was = functionsNamedAsBefore(old.shape(), false);
          String is =
              functionsNamedAsBefore(
                  tablesNamedAsBefore(
                      labelsNamedAsBefore(
                          columnsNamedAsBefore(now.shape(), now.detail("tableIdentity")))),
                  true);
          if (was.equals(is)) {
            return; // it names a renamed table, column or function, whose rename brings it back
          }
          if (old.kind() != Kind.SCHEMA
              && old.kind() != Kind.SEQUENCE
              && was.equals(ownNameAsBefore(old, now, is))) {
            renameBack(old, now);
            return;
          }
          if (old.kind() == Kind.SEQUENCE) {
            setSequenceBodyBack(old, now); // not renamed nor moved: setSequenceBack does those
          } else {
            script.irreversible(
                old.key()
                    + ": it was renamed or redefined in place; set it back by hand ("
                    + old.definition()
                    + ")");
          }
        }
        case TYPE -> {
          Optional<List<CatalogObject>> enumColumns =
              addedLabels(old, now).isEmpty() ? Optional.empty() : enumColumns(now);
          if (sameDomain(old, now)) {
            setDomainBack(old, now);
          } else if (enumColumns.isPresent()) {
            recreateEnum(old, now, enumColumns.get());
          } else {
            script.irreversible(old.key() + ": " + whyNotType(old, now));
          }
        }
        case EXTENSION ->
            script.irreversible(
                old.key()
                    + ": it was updated or moved in place (ALTER EXTENSION), and an extension"
                    + " seldom has a script back to an older version; set it back by hand if it"
                    + " has one (before: "
                    + old.definition()
                    + ")");
        default ->
            script.irreversible(
                old.key()
                    + ": it was changed in place in a way kit cannot undo (before: "
                    + old.definition()
                    + ")");
      }
    }

    /**
     * {@code definition}, {@code now}'s (an index, constraint or trigger) with the rest named as
     * before, with its own name as {@code old} had it.
     */
    private static String ownNameAsBefore(CatalogObject old, CatalogObject now, String definition) {
      String prefix =
          switch (old.kind()) {
            case INDEX -> "INDEX ";
            case CONSTRAINT -> "CONSTRAINT ";
            default -> "TRIGGER ";
          };
      String own = old.kind() == Kind.INDEX ? "nameSql" : "sql";
      String was = prefix + now.detail(own) + " ";
      int at = definition.indexOf(was);
      return at < 0
          ? definition
          : definition.substring(0, at)
              + prefix
              + old.detail(own)
              + " "
              + definition.substring(at + was.length());
    }

    /**
     * Renames {@code now}, an index, constraint or trigger the migration renamed, back to {@code
     * old}'s name, before its table is renamed or moved back. A constraint's index follows its
     * constraint's name, and the other way round: the constraint's rename brings both back.
     */
    private void renameBack(CatalogObject old, CatalogObject now) {
      switch (old.kind()) {
        case INDEX -> {
          if (!old.flag("constraint")) {
            script.statement(
                "ALTER INDEX " + now.detail("sql") + " RENAME TO " + old.detail("nameSql") + ";");
          }
        }
        case CONSTRAINT ->
            script.statement(
                "ALTER TABLE "
                    + now.detail("tableSql")
                    + " RENAME CONSTRAINT "
                    + now.detail("sql")
                    + " TO "
                    + old.detail("sql")
                    + ";");
        default ->
            script.statement(
                "ALTER TRIGGER "
                    + now.detail("sql")
                    + " ON "
                    + now.detail("tableSql")
                    + " RENAME TO "
                    + old.detail("sql")
                    + ";");
      }
    }

    /**
     * {@code definition}, of an object on the table whose identity is {@code table}, with that
     * table's columns the migration renamed named as before, as they are once the revert renamed
     * them back.
     */
    private String columnsNamedAsBefore(String definition, String table) {
      if (table.isEmpty()) {
        return definition;
      }
      String named = definition;
      for (CatalogObject column : before.objects()) {
        if (column.kind() != Kind.COLUMN || !column.detail("tableIdentity").equals(table)) {
          continue;
        }
        CatalogObject now = after.sameAs(column).orElse(null);
        if (now == null || now.detail("sql").equals(column.detail("sql"))) {
          continue;
        }
        named =
            named.replaceAll(
                "(?<![\\w.\"$])" + Pattern.quote(now.detail("sql")) + "(?![\\w\"$])",
                Matcher.quoteReplacement(column.detail("sql")));
      }
      return named;
    }

    /**
     * The labels of {@code old}, an enum, that {@code now} has renamed, by their literal now (in
     * order), when that is all the migration changed: as many labels, in the same order, each
     * renamed one to a name it did not have. Empty otherwise.
     */
    private static Map<String, String> renamedLabels(CatalogObject old, CatalogObject now) {
      if (old.kind() != Kind.TYPE
          || !old.detail("typtype").equals("e")
          || !now.detail("typtype").equals("e")
          || !old.detail("sql").equals(now.detail("sql"))) {
        return Map.of();
      }
      List<String> was = labels(old);
      List<String> is = labels(now);
      if (was.size() != is.size()) {
        return Map.of();
      }
      Map<String, String> renamed = new LinkedHashMap<>();
      for (int i = 0; i < was.size(); i++) {
        if (!was.get(i).equals(is.get(i))) {
          if (is.contains(was.get(i))) {
            return Map.of();
          }
          renamed.put(is.get(i), was.get(i));
        }
      }
      return renamed;
    }

    /**
     * Whether {@code old} and {@code now} are one domain, under its name and on its base type,
     * which ALTER DOMAIN cannot change: only its default, NOT NULL and constraints changed.
     */
    private static boolean sameDomain(CatalogObject old, CatalogObject now) {
      return old.detail("typtype").equals("d")
          && now.detail("typtype").equals("d")
          && old.detail("sql").equals(now.detail("sql"))
          && old.detail("baseType").equals(now.detail("baseType"));
    }

    /**
     * Sets the default, NOT NULL and constraints of {@code now}, a domain, back to {@code old}'s: a
     * renamed constraint renamed back; the constraints it added or changed dropped first, then
     * those it dropped or changed added again, which checks every column of the domain as the
     * original did.
     */
    private void setDomainBack(CatalogObject old, CatalogObject now) {
      String alter = "ALTER DOMAIN " + now.detail("sql");
      Map<String, String> was = domainConstraints(old);
      Map<String, String> is = domainConstraints(now);
      for (Map.Entry<String, String> gone : List.copyOf(was.entrySet())) {
        if (is.containsKey(gone.getKey())) {
          continue;
        }
        for (Map.Entry<String, String> come : List.copyOf(is.entrySet())) {
          if (!was.containsKey(come.getKey()) && come.getValue().equals(gone.getValue())) {
            script.statement(
                alter + " RENAME CONSTRAINT " + come.getKey() + " TO " + gone.getKey() + ";");
            was.remove(gone.getKey());
            is.remove(come.getKey());
            break;
          }
        }
      }
      is.forEach(
          (name, definition) -> {
            if (!definition.equals(was.get(name))) {
              script.statement(alter + " DROP CONSTRAINT " + name + ";");
            }
          });
      if (!old.detail("default").equals(now.detail("default"))) {
        script.statement(
            old.detail("default").isEmpty()
                ? alter + " DROP DEFAULT;"
                : alter + " SET DEFAULT " + old.detail("default") + ";");
      }
      if (old.flag("notNull") != now.flag("notNull")) {
        script.statement(alter + (old.flag("notNull") ? " SET NOT NULL;" : " DROP NOT NULL;"));
      }
      was.forEach(
          (name, definition) -> {
            if (!definition.equals(is.get(name))) {
              script.statement(alter + " ADD CONSTRAINT " + name + " " + definition + ";");
            }
          });
    }

    /** A domain's constraints (not its NOT NULL), by quoted name, in name order. */
    private static Map<String, String> domainConstraints(CatalogObject domain) {
      Map<String, String> constraints = new LinkedHashMap<>();
      if (!domain.detail("constraints").isEmpty()) {
        for (String constraint : domain.detail("constraints").split("\u001e", -1)) {
          int at = constraint.indexOf('\u001f');
          constraints.put(constraint.substring(0, at), constraint.substring(at + 1));
        }
      }
      return constraints;
    }

    /** Why kit cannot set the type {@code old} back from {@code now}, with what it was. */
    private static String whyNotType(CatalogObject old, CatalogObject now) {
      List<String> added = addedLabels(old, now);
      if (!added.isEmpty()) {
        return "the migration added "
            + String.join(", ", added)
            + " to the enum, and PostgreSQL cannot drop an enum's label, while more than plain"
            + " table columns use the type (a view, a function, a constraint, an array, ...); to"
            + " undo it, create the type anew without it and move what uses it over (ALTER TABLE"
            + " ... ALTER COLUMN ... TYPE ... USING ...::text::...), once no row holds it (before: "
            + old.definition()
            + ")";
      }
      return "it was changed in place in a way kit cannot undo (before: " + old.definition() + ")";
    }

    /**
     * The labels the migration added to {@code old}, an enum that kept its name and every label of
     * its own (ALTER TYPE ... ADD VALUE), in {@code now}'s order; empty for any other change.
     */
    private static List<String> addedLabels(CatalogObject old, CatalogObject now) {
      if (!old.detail("typtype").equals("e")
          || !now.detail("typtype").equals("e")
          || !old.detail("sql").equals(now.detail("sql"))
          || !labels(now).containsAll(labels(old))) {
        return List.of();
      }
      List<String> added = new ArrayList<>(labels(now));
      added.removeAll(labels(old));
      return added;
    }

    /**
     * The columns that use {@code type}, an enum, when nothing else does: plain columns (no array,
     * none generated) that were of it before the migration, of tables that inherit nothing, have no
     * partitions, children, generated columns, views that read them, policies, triggers or foreign
     * keys, and no other object names the type (a function, a domain, a constraint's or an index's
     * expression). Moving those through text is all a revert needs; empty when anything else would
     * stop it.
     */
    private Optional<List<CatalogObject>> enumColumns(CatalogObject type) {
      List<CatalogObject> columns = new ArrayList<>();
      Set<String> tables = new HashSet<>();
      for (CatalogObject o : after.objects()) {
        if (o.kind() == Kind.COLUMN && o.detail("typeIdentity").equals(type.identity())) {
          CatalogObject was = before.sameAs(o).orElse(null);
          CatalogObject table = tableOf(o);
          if (was == null
              || !was.detail("type").equals(o.detail("type"))
              || o.detail("type").endsWith("]")
              || o.flag("generated")
              || table.flag("partitioned")
              || !table.detail("parentIdentities").isEmpty()) {
            return Optional.empty();
          }
          columns.add(o);
          tables.add(table.identity());
        }
      }
      for (CatalogObject o : after.objects()) {
        boolean onTable = tables.contains(o.detail("tableIdentity"));
        boolean user = o.kind() == Kind.COLUMN && columns.contains(o);
        if (user || o.identity().equals(type.identity())) {
          continue;
        }
        if (namesType(o, type)
            || (onTable && (o.kind() == Kind.POLICY || o.kind() == Kind.TRIGGER))
            || (onTable && o.kind() == Kind.CONSTRAINT && o.detail("type").equals("f"))
            || (onTable && o.kind() == Kind.COLUMN && o.flag("generated"))
            || (o.kind() == Kind.TABLE && readsAny(o.detail("parentIdentities"), tables))
            || (isView(o) && namesAny(o, tables))) {
          return Optional.empty();
        }
      }
      return Optional.of(columns);
    }

    /**
     * Whether {@code o} names {@code type}: a function or a type by its name anywhere, anything
     * else by a cast to it (a default, a constraint's or an index's expression).
     */
    private static boolean namesType(CatalogObject o, CatalogObject type) {
      String name = type.detail("nameSql");
      return (o.kind() == Kind.FUNCTION || o.kind() == Kind.TYPE)
          ? o.definition().contains(name)
          : o.definition().contains("::" + name)
              || o.definition().contains("::" + type.detail("sql"));
    }

    /** Whether {@code identities}, comma-separated, holds one of {@code tables}. */
    private static boolean readsAny(String identities, Set<String> tables) {
      for (String identity : identities.split(",", -1)) {
        if (tables.contains(identity)) {
          return true;
        }
      }
      return false;
    }

    /** Whether {@code view}'s definition names one of {@code tables}, by name. */
    private boolean namesAny(CatalogObject view, Set<String> tables) {
      for (String identity : tables) {
        CatalogObject table = after.withIdentity(Kind.TABLE, identity).orElseThrow();
        if (view.definition().contains(table.detail("nameSql"))) {
          return true;
        }
      }
      return false;
    }

    /**
     * Creates {@code now}, an enum the migration added labels to, anew with {@code old}'s labels:
     * {@code columns}, all that use it, go to text (their defaults off), the type is dropped and
     * created as it was, and each column comes back to it with its default. A row that holds an
     * added label makes the revert fail, as it must.
     */
    private void recreateEnum(CatalogObject old, CatalogObject now, List<CatalogObject> columns) {
      // By now each column has its old name and default back (renameColumn, alterColumn); its
      // table keeps the new name until step 3.
      List<String> alters = new ArrayList<>();
      List<CatalogObject> wasColumns = new ArrayList<>();
      for (CatalogObject column : columns) {
        CatalogObject was = before.sameAs(column).orElseThrow();
        String alter =
            "ALTER TABLE " + column.detail("tableSql") + " ALTER COLUMN " + was.detail("sql");
        if (!was.detail("default").isEmpty()) {
          script.statement(alter + " DROP DEFAULT;");
        }
        script.statement(alter + " TYPE text USING " + was.detail("sql") + "::text;");
        alters.add(alter);
        wasColumns.add(was);
      }
      ddl.drop(now);
      ddl.create(old);
      for (int i = 0; i < alters.size(); i++) {
        CatalogObject was = wasColumns.get(i);
        script.statement(
            alters.get(i)
                + " TYPE "
                + old.detail("sql")
                + " USING "
                + was.detail("sql")
                + "::"
                + old.detail("sql")
                + ";");
        if (!was.detail("default").isEmpty()) {
          script.statement(alters.get(i) + " SET DEFAULT " + was.detail("default") + ";");
        }
        script.irreversible(
            "values of "
                + was.key()
                + ": a row that holds "
                + String.join(" or ", addedLabels(old, now))
                + ", which "
                + change.file().version()
                + " added to "
                + old.detail("sql")
                + ", makes this revert fail; change those rows first");
      }
    }

    /** Renames the labels of {@code now}, an enum whose labels alone were renamed, back. */
    private void relabel(CatalogObject old, CatalogObject now) {
      renamedLabels(old, now)
          .forEach(
              (is, was) ->
                  script.statement(
                      "ALTER TYPE "
                          + now.detail("sql")
                          + " RENAME VALUE "
                          + is
                          + " TO "
                          + was
                          + ";"));
    }

    /**
     * {@code definition} with the labels of the enums the migration relabeled as before, where it
     * casts them ({@code 'pending'::item_state}), as they are once the revert renamed them back.
     */
    private String labelsNamedAsBefore(String definition) {
      String named = definition;
      for (CatalogObject type : relabeledTypes) {
        CatalogObject now = kept(type);
        String castTo =
            "(?=(?:"
                + Pattern.quote(now.detail("sql"))
                + "|"
                + Pattern.quote(now.detail("nameSql"))
                + ")(?![\\w.]))";
        for (Map.Entry<String, String> label : renamedLabels(type, now).entrySet()) {
          named =
              named.replaceAll(
                  "(?<![\\w'])" + Pattern.quote(label.getKey() + "::") + castTo,
                  Matcher.quoteReplacement(label.getValue() + "::"));
        }
      }
      return named;
    }

    /** An enum's labels, in order, as the literals its body writes them. */
    private static List<String> labels(CatalogObject type) {
      return ENUM_LABEL.matcher(type.detail("body")).results().map(MatchResult::group).toList();
    }

    /** Moves and renames {@code old}, a sequence the migration renamed or moved, back. */
    private void setSequenceBack(CatalogObject old, CatalogObject now) {
      String current = now.detail("sql");
      if (!old.detail("schemaSql").equals(now.detail("schemaSql"))) {
        script.statement(
            "ALTER SEQUENCE " + current + " SET SCHEMA " + old.detail("schemaSql") + ";");
        current = old.detail("schemaSql") + "." + now.detail("nameSql");
      }
      if (!old.detail("nameSql").equals(now.detail("nameSql"))) {
        script.statement("ALTER SEQUENCE " + current + " RENAME TO " + old.detail("nameSql") + ";");
      }
      setSequenceBodyBack(old, now);
    }

    /** Sets the increment, bounds, start and cycling of {@code old}, under its old name, back. */
    private void setSequenceBodyBack(CatalogObject old, CatalogObject now) {
      // The body says CYCLE only where it cycles; OWNED BY comes at the end, on its own.
      if (!old.detail("body").equals(now.detail("body"))) {
        script.statement(
            "ALTER SEQUENCE "
                + old.detail("sql")
                + " "
                + old.detail("body")
                + (old.detail("body").endsWith(" CYCLE") ? "" : " NO CYCLE")
                + ";");
      }
    }

    /**
     * {@code definition} with the tables the migration renamed named as before, as they are once
     * the revert renamed them back.
     */
    private String tablesNamedAsBefore(String definition) {
      String named = definition;
      for (CatalogObject table : before.objects()) {
        CatalogObject now = after.sameAs(table).orElse(null);
        if (table.kind() != Kind.TABLE || now == null || table.name().equals(now.name())) {
          continue;
        }
        named =
            named.replaceAll(
                "(?<![\\w.])" + Pattern.quote(now.detail("sql")) + "(?!\\w)",
                Matcher.quoteReplacement(table.detail("sql")));
        if (table.detail("schemaSql").equals(now.detail("schemaSql"))) {
          // PostgreSQL leaves out a schema on the search path: REFERENCES t(id), ON t FOR EACH.
          named =
              named.replaceAll(
                  "(?<=REFERENCES |ON )" + Pattern.quote(now.detail("nameSql")) + "(?=[ (]|$)",
                  Matcher.quoteReplacement(table.detail("nameSql")));
        }
      }
      return named;
    }

    /**
     * {@code definition} with the functions the migration renamed or moved named with their schema
     * and name before it, as they are once the revert renamed them back; {@code after} says whether
     * it is from after the migration.
     */
    private String functionsNamedAsBefore(String definition, boolean after) {
      String named = definition;
      for (CatalogObject function : before.objects()) {
        CatalogObject now = this.after.sameAs(function).orElse(null);
        if (function.kind() != Kind.FUNCTION || now == null || function.name().equals(now.name())) {
          continue;
        }
        String qualified =
            Matcher.quoteReplacement(
                function.detail("schemaSql") + "." + function.detail("nameSql") + "(");
        // PostgreSQL leaves out a schema on the search path.
        CatalogObject as = after ? now : function;
        if (after) {
          named =
              named.replaceAll(
                  "(?<![\\w.$])"
                      + Pattern.quote(now.detail("schemaSql") + "." + now.detail("nameSql") + "("),
                  qualified);
        }
        named =
            named.replaceAll("(?<![\\w.$])" + Pattern.quote(as.detail("nameSql") + "("), qualified);
      }
      return named;
    }
  }
}
