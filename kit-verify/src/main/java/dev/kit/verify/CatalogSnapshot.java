package dev.kit.verify;

import dev.kit.verify.CatalogObject.Kind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The user-visible schema of one database, read from {@code pg_catalog}: schemas, extensions,
 * types, sequences, tables, columns, constraints, indexes, views, functions, triggers and row level
 * security policies, each with its definition as PostgreSQL prints it (a function's with its owner
 * and grants; a schema's, table's, view's and sequence's with its owner, grants and comment too,
 * and a table's with its row level security), and each role's default privileges. Objects of
 * extensions and of PostgreSQL itself are left out. Two snapshots tell exactly what a statement or
 * a file changed; kit compares them to lint migrations and to derive and prove down migrations.
 *
 * <pre>{@code
 * CatalogSnapshot before = CatalogSnapshot.take(connection);
 * statement.execute("ALTER TABLE orders DROP COLUMN note");
 * CatalogSnapshot after = CatalogSnapshot.take(connection);
 * before.changedKeys(after); // [column public.orders.note]
 * }</pre>
 */
final class CatalogSnapshot {

  private static final String USER_SCHEMA = userSchema("n");

  /**
   * A storage parameter or option as the catalog keeps it ({@code fillfactor=70}) as SET takes it:
   * {@code fillfactor='70'}.
   */
  private static String optionAssignment(String option) {
    return "split_part("
        + option
        + ", '=', 1) || '=' || quote_literal(substr("
        + option
        + ", strpos("
        + option
        + ", '=') + 1))";
  }

  /** The role that runs the migrations, which owns what a revert creates. */
  private static final String MIGRATION_ROLE =
      "(SELECT r.oid FROM pg_roles r WHERE r.rolname = current_user)";

  /**
   * How a definition's lines begin that say a relation's, column's or trigger's settings: storage
   * parameters or options, logging, replica identity, statistics target, storage, compression,
   * whether a trigger fires, a sequence's cache.
   */
  static final List<String> SETTING_LINES =
      List.of(
          "-- with ",
          "-- unlogged",
          "-- replica identity ",
          "-- statistics ",
          "-- storage ",
          "-- compression ",
          "-- disable",
          "-- enable ",
          "-- cache ");

  /** Who may execute a function besides its owner when nobody granted or revoked anything. */
  static final String DEFAULT_GRANTS = "PUBLIC";

  /**
   * The owner of the table, view or sequence {@code c} when not the role that ran the migrations
   * (quoted, or empty), then who else holds which privileges on it (then its name's three columns,
   * below), one line each as GRANT writes them ({@code SELECT, INSERT TO reporting}, {@code UPDATE
   * TO reporting WITH GRANT OPTION}): PUBLIC first, then by name, the grantor aside. A table a
   * migration creates has no grants. Last, its comment as a literal, or empty, and whether row
   * level security is enabled and forced on it.
   */
  private static final String RELATION_COLUMNS =
      " CASE WHEN pg_get_userbyid(c.relowner) = current_user THEN ''"
          + "  ELSE quote_ident(pg_get_userbyid(c.relowner)) END,"
          + grantLines("c.relacl")
          + ","
          // Its schema and name as the catalog has them, and whether a relation this snapshot
          // leaves out (a sequence, an extension's, a system one) shares the name in another
          // schema (false; its own cannot) or none does (null): kit matches a statement's tables
          // by name, and a shared one may mean the other.
          + " n.nspname, c.relname,"
          + " (SELECT false FROM pg_class q JOIN pg_namespace qn ON qn.oid = q.relnamespace"
          + "  WHERE q.relname = c.relname AND q.oid <> c.oid AND NOT (q.relkind IN ('r', 'p', 'v', 'm', 'S')"
          + "  AND "
          + userSchema("qn")
          + " AND "
          + notFromExtension("pg_class", "q.oid")
          + " AND NOT "
          + identitySequence("q")
          + ") LIMIT 1),"
          + " COALESCE(quote_literal(obj_description(c.oid, 'pg_class')), ''),"
          + " c.relrowsecurity, c.relforcerowsecurity,"
          // Its storage parameters (a view's options too) and its TOAST table's, one a line as SET
          // takes them ({@code fillfactor='70'}); whether it is unlogged; a table's replica
          // identity when not the default.
          + " COALESCE((SELECT string_agg(o.prefix || "
          + optionAssignment("o.option")
          + ", E'\\n' ORDER BY o.prefix, o.option)"
          + "  FROM (SELECT '' AS prefix, unnest(c.reloptions) AS option"
          + "   UNION ALL SELECT 'toast.', unnest(t.reloptions) FROM pg_class t WHERE t.oid = c.reltoastrelid) o), ''),"
          + " c.relpersistence = 'u',"
          + " CASE WHEN c.relkind NOT IN ('r', 'p') THEN '' WHEN c.relreplident = 'f' THEN 'FULL'"
          + "  WHEN c.relreplident = 'n' THEN 'NOTHING' WHEN c.relreplident = 'i' THEN 'USING INDEX '"
          + "  || (SELECT quote_ident(ic.relname) FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid"
          + "   WHERE x.indrelid = c.oid AND x.indisreplident) ELSE '' END";

  /**
   * Who other than the owner of the table, view or sequence {@code c} holds which privileges in
   * {@code acl} (on it, or on one of its columns), one line each as GRANT writes them ({@code
   * SELECT, INSERT TO reporting}, {@code UPDATE TO reporting WITH GRANT OPTION}): PUBLIC first,
   * then by name, the grantor aside; empty for none, as for no ACL at all (the default, which
   * grants a table, sequence or column to its owner alone): most have none, and skip the query.
   */
  private static String grantLines(String acl) {
    return grantLines(acl, "c.relowner");
  }

  /**
   * The grant lines of {@code acl} as {@link #grantLines(String)} writes them, leaving out the role
   * {@code owner} (a role's oid, or {@code NULL} to leave out none), and naming the role that runs
   * the migrations {@code CURRENT_USER}, as a revert it runs may.
   */
  private static String grantLines(String acl, String owner) {
    return " CASE WHEN "
        + acl
        + " IS NULL THEN '' ELSE COALESCE((SELECT string_agg(g.privileges || ' TO ' || g.grantee"
        + "   || CASE WHEN g.grantable THEN ' WITH GRANT OPTION' ELSE '' END,"
        + "   E'\\n' ORDER BY g.grantee <> 'PUBLIC', g.grantee COLLATE \"C\", g.grantable)"
        + "  FROM (SELECT x.grantee, x.grantable, string_agg(x.privilege, ', ' ORDER BY array_position("
        + "    ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER',"
        + "    'MAINTAIN', 'USAGE', 'EXECUTE', 'CREATE']::text[], x.privilege)) AS privileges"
        + "   FROM (SELECT CASE WHEN e.grantee = 0 THEN 'PUBLIC'"
        + "     WHEN pg_get_userbyid(e.grantee) = current_user THEN 'CURRENT_USER'"
        + "     ELSE quote_ident(pg_get_userbyid(e.grantee)) END AS grantee,"
        + "     e.privilege_type AS privilege, bool_or(e.is_grantable) AS grantable"
        + "    FROM aclexplode("
        + acl
        + ") e WHERE e.grantee IS DISTINCT FROM "
        + owner
        + " GROUP BY 1, 2) x"
        + "   GROUP BY 1, 2) g), '') END";
  }

  /**
   * The ACL PostgreSQL gives an object of {@code type} (a {@code pg_default_acl} type, such as
   * {@code 'r'} for tables and views) that the migration role creates in the schema {@code
   * namespace}: what its default privileges grant everywhere (or PostgreSQL's own defaults when
   * they grant nothing of their own) with what they grant in that schema.
   */
  private static String aclOnCreate(String type, String namespace) {
    return "(COALESCE("
        + defaultAcl(type, "0")
        + ", acldefault("
        + builtInType(type)
        + ", "
        + MIGRATION_ROLE
        + ")) || COALESCE("
        + defaultAcl(type, namespace)
        + ", '{}'))";
  }

  /** The migration role's default privileges for {@code type} in {@code namespace} (0: all). */
  private static String defaultAcl(String type, String namespace) {
    return "(SELECT d.defaclacl FROM pg_default_acl d WHERE d.defaclrole = "
        + MIGRATION_ROLE
        + " AND d.defaclnamespace = "
        + namespace
        + " AND d.defaclobjtype = "
        + type
        + ")";
  }

  /**
   * {@code acldefault}'s letter for a {@code pg_default_acl} type: the same but for a sequence's.
   */
  private static String builtInType(String type) {
    return "(CASE " + type + " WHEN 'S' THEN 's' ELSE " + type + " END)::\"char\"";
  }

  /** SET STORAGE's word for the storage letter {@code letter}. */
  private static String storageName(String letter) {
    return "CASE "
        + letter
        + " WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL' WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' END";
  }

  /** Whether the relation {@code alias} is an identity column's sequence. */
  private static String identitySequence(String alias) {
    return "EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = "
        + alias
        + ".oid AND d.deptype = 'i')";
  }

  /** Whether the namespace {@code alias} is a user's, not PostgreSQL's. */
  private static String userSchema(String alias) {
    return alias
        + ".nspname NOT IN ('pg_catalog', 'information_schema') AND "
        + alias
        + ".nspname NOT LIKE 'pg\\_%'";
  }

  /** The type {@code alias} is, or for an array type its element type. */
  private static String elementType(String alias) {
    return "CASE WHEN "
        + alias
        + ".typelem <> 0 AND "
        + alias
        + ".typlen = -1 THEN "
        + alias
        + ".typelem ELSE "
        + alias
        + ".oid END";
  }

  private static String notFromExtension(String classId, String oid) {
    return "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '"
        + classId
        + "'::regclass AND e.objid = "
        + oid
        + " AND e.deptype = 'e')";
  }

  private final Map<String, CatalogObject> objects;

  /** The objects by kind and identity, which a rename keeps: {@code TABLE:16384}. */
  private final Map<String, CatalogObject> byIdentity = new HashMap<>();

  private CatalogSnapshot(Map<String, CatalogObject> objects) {
    this.objects = objects;
    objects.values().forEach(o -> byIdentity.put(identityKey(o.kind(), o.identity()), o));
  }

  private static String identityKey(Kind kind, String identity) {
    return kind.name() + ":" + identity;
  }

  /** A snapshot of what {@code objects} describe (for tests and for comparing stored snapshots). */
  static CatalogSnapshot of(Collection<CatalogObject> objects) {
    Map<String, CatalogObject> byKey = new TreeMap<>();
    objects.forEach(o -> byKey.put(o.key(), o));
    return new CatalogSnapshot(byKey);
  }

  /** Reads the catalog through {@code connection}, inside its transaction if one is open. */
  static CatalogSnapshot take(Connection connection) throws SQLException {
    List<CatalogObject> all = new ArrayList<>();
    try (Statement s = connection.createStatement()) {
      boolean defaults = hasDefaultPrivileges(s);
      schemas(s, all, defaults);
      extensions(s, all);
      types(s, all);
      sequences(s, all);
      tables(s, all);
      columns(s, all);
      constraints(s, all);
      indexes(s, all);
      views(s, all);
      functions(s, all);
      triggers(s, all);
      policies(s, all);
      if (defaults) {
        defaultPrivileges(s, all);
      }
    }
    return of(all);
  }

  /** Every object, sorted by key. */
  Collection<CatalogObject> objects() {
    return objects.values();
  }

  /** The object filed under {@code key}, such as {@code table public.orders}. */
  Optional<CatalogObject> get(String key) {
    return Optional.ofNullable(objects.get(key));
  }

  /**
   * The object of {@code kind} whose identity (the catalog's ids, such as a table's oid) is {@code
   * identity}, under whatever name it has here.
   */
  Optional<CatalogObject> withIdentity(Kind kind, String identity) {
    return Optional.ofNullable(byIdentity.get(identityKey(kind, identity)));
  }

  /**
   * {@code object}, taken from another snapshot, as this one has it: the object of its kind and
   * identity, renamed or changed, if it is here.
   */
  Optional<CatalogObject> sameAs(CatalogObject object) {
    return withIdentity(object.kind(), object.identity());
  }

  /** The keys of objects that {@code after} added, removed or defines differently, sorted. */
  List<String> changedKeys(CatalogSnapshot after) {
    TreeSet<String> keys = new TreeSet<>();
    objects.forEach(
        (key, object) -> {
          CatalogObject other = after.objects.get(key);
          if (other == null || !other.definition().equals(object.definition())) {
            keys.add(key);
          }
        });
    after.objects.keySet().stream().filter(key -> !objects.containsKey(key)).forEach(keys::add);
    return List.copyOf(keys);
  }

  /**
   * Whether any role has default privileges: most databases have none, and then the queries that
   * read them are not planned at all.
   */
  private static boolean hasDefaultPrivileges(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_default_acl)")) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  private static void schemas(Statement s, List<CatalogObject> out, boolean defaults)
      throws SQLException {
    query(
        s,
        // Which of GRANT ... ON ALL ... IN SCHEMA's kinds of object each schema holds one of that
        // this snapshot leaves out: a foreign table, an identity column's sequence, an aggregate, a
        // window function, an extension's; read once for all schemas.
        "WITH left_out AS MATERIALIZED ("
            + " SELECT q.relnamespace AS schema, CASE q.relkind WHEN 'S' THEN 'SEQUENCES' ELSE 'TABLES' END AS kind"
            + "  FROM pg_depend e JOIN pg_class q ON q.oid = e.objid WHERE e.classid = 'pg_class'::regclass"
            + "  AND ((e.deptype = 'e' AND q.relkind IN ('r', 'p', 'v', 'm', 'S')) OR (e.deptype = 'i' AND q.relkind = 'S'))"
            + " UNION SELECT q.relnamespace, 'TABLES' FROM pg_class q WHERE q.relkind = 'f'"
            + " UNION SELECT q.pronamespace, CASE q.prokind WHEN 'p' THEN 'PROCEDURES' ELSE 'FUNCTIONS' END"
            + "  FROM pg_depend e JOIN pg_proc q ON q.oid = e.objid"
            + "  WHERE e.classid = 'pg_proc'::regclass AND e.deptype = 'e'"
            + " UNION SELECT q.pronamespace, 'FUNCTIONS' FROM pg_proc q WHERE q.prokind IN ('a', 'w'))"
            + " SELECT n.nspname, n.oid, quote_ident(n.nspname),"
            + " COALESCE((SELECT string_agg(l.kind, ',') FROM left_out l WHERE l.schema = n.oid), ''),"
            // What a table or view, a sequence and a function the migration role creates in it
            // get: its default privileges say.
            + (defaults ? grantLines(aclOnCreate("'r'", "n.oid"), MIGRATION_ROLE) : "''")
            + ","
            + (defaults ? grantLines(aclOnCreate("'S'", "n.oid"), MIGRATION_ROLE) : "''")
            + ","
            + (defaults
                ? executeGrantees(aclOnCreate("'f'", "n.oid"), MIGRATION_ROLE)
                : "'" + DEFAULT_GRANTS + "'")
            + ","
            // Its owner when not the role that ran the migrations, who else holds what on it, its
            // comment; and what a schema the migration role creates gets.
            + " CASE WHEN pg_get_userbyid(n.nspowner) = current_user THEN ''"
            + "  ELSE quote_ident(pg_get_userbyid(n.nspowner)) END,"
            + grantLines("n.nspacl", "n.nspowner")
            + ", COALESCE(quote_literal(obj_description(n.oid, 'pg_namespace')), ''),"
            + (defaults ? grantLines(aclOnCreate("'n'", "0"), MIGRATION_ROLE) : "''")
            + " FROM pg_namespace n WHERE "
            + USER_SCHEMA
            + " AND "
            + notFromExtension("pg_namespace", "n.oid"),
        rs -> {
          Map<String, String> details = new HashMap<>();
          details.put("sql", rs.getString(3));
          details.put("unrecordedKinds", rs.getString(4));
          details.put("tablesOnCreate", rs.getString(5));
          details.put("sequencesOnCreate", rs.getString(6));
          details.put("functionsOnCreate", rs.getString(7));
          details.put("grantsOnCreate", rs.getString(11));
          String afterCreate =
              ownerGrantsComment(rs.getString(8), rs.getString(9), rs.getString(10), details);
          details.put("afterCreate", afterCreate);
          out.add(
              new CatalogObject(
                  Kind.SCHEMA,
                  rs.getString(1),
                  rs.getString(2),
                  "SCHEMA " + rs.getString(3) + afterCreate,
                  details));
        });
  }

  private static void extensions(Statement s, List<CatalogObject> out) throws SQLException {
    query(
        s,
        "SELECT x.extname, x.oid, quote_ident(x.extname),"
            + " 'SCHEMA ' || quote_ident(n.nspname) || ' VERSION ' || quote_literal(x.extversion)"
            + " FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace WHERE x.extname <> 'plpgsql'",
        rs ->
            out.add(
                new CatalogObject(
                    Kind.EXTENSION,
                    rs.getString(1),
                    rs.getString(2),
                    "EXTENSION " + rs.getString(3) + " " + rs.getString(4),
                    Map.of("sql", rs.getString(3), "body", rs.getString(4)))));
  }

  private static void types(Statement s, List<CatalogObject> out) throws SQLException {
    // PostgreSQL 17 keeps a domain's NOT NULL as a constraint ('n') too; typnotnull says it.
    query(
        s,
        "SELECT n.nspname || '.' || t.typname, t.oid, t.typtype,"
            + " quote_ident(n.nspname) || '.' || quote_ident(t.typname), quote_ident(t.typname),"
            + " CASE t.typtype"
            + "  WHEN 'e' THEN 'AS ENUM (' || (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)"
            + "    FROM pg_enum e WHERE e.enumtypid = t.oid) || ')'"
            + "  WHEN 'd' THEN 'AS ' || format_type(t.typbasetype, t.typtypmod)"
            + "    || COALESCE(' DEFAULT ' || t.typdefault, '') || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END"
            + "    || COALESCE((SELECT string_agg(' CONSTRAINT ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid), ''"
            + "      ORDER BY c.conname) FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype <> 'n'), '')"
            + "  WHEN 'c' THEN 'AS (' || (SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod),"
            + "    ', ' ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) || ')'"
            + " END,"
            // The user types it is made of (an array's element type for an array), so a revert
            // creates and drops types in dependency order.
            + " COALESCE((SELECT string_agg(DISTINCT r.oid::text, ',' ORDER BY r.oid::text) FROM pg_type u"
            + "  JOIN pg_type r ON r.oid = "
            + elementType("u")
            + "  JOIN pg_namespace rn ON rn.oid = r.typnamespace"
            + "  WHERE (u.oid = t.typbasetype OR u.oid IN (SELECT a.atttypid FROM pg_attribute a"
            + "   WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)) AND "
            + userSchema("rn")
            + "), '')"
            // A domain's parts, which ALTER DOMAIN sets back one by one: its default, NOT NULL, and
            // each constraint as name US definition, RS between them (ASCII's unit and record
            // separators, which no identifier and no printed expression holds).
            + ", format_type(t.typbasetype, t.typtypmod), COALESCE(t.typdefault, ''), t.typnotnull,"
            + " COALESCE((SELECT string_agg(quote_ident(c.conname) || chr(31) || pg_get_constraintdef(c.oid), chr(30)"
            + "  ORDER BY c.conname) FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype <> 'n'), '')"
            + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE "
            + USER_SCHEMA
            + " AND (t.typtype IN ('e', 'd')"
            + "  OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c'))"
            + " AND "
            + notFromExtension("pg_type", "t.oid"),
        rs ->
            out.add(
                new CatalogObject(
                    Kind.TYPE,
                    rs.getString(1),
                    rs.getString(2),
                    (rs.getString(3).equals("d") ? "DOMAIN " : "TYPE ")
                        + rs.getString(4)
                        + " "
                        + rs.getString(6),
                    Map.of(
                        "sql",
                        rs.getString(4),
                        "typtype",
                        rs.getString(3),
                        "nameSql",
                        rs.getString(5),
                        "body",
                        rs.getString(6),
                        "reads",
                        rs.getString(7),
                        "baseType",
                        rs.getString(3).equals("d") ? rs.getString(8) : "",
                        "default",
                        rs.getString(9),
                        "notNull",
                        Boolean.toString(rs.getBoolean(10)),
                        "constraints",
                        rs.getString(11)))));
  }

  private static void sequences(Statement s, List<CatalogObject> out) throws SQLException {
    query(
        s,
        "SELECT n.nspname || '.' || c.relname, c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname),"
            + " format('AS %s INCREMENT BY %s MINVALUE %s MAXVALUE %s START WITH %s%s', format_type(q.seqtypid, NULL),"
            + "  q.seqincrement, q.seqmin, q.seqmax, q.seqstart, CASE WHEN q.seqcycle THEN ' CYCLE' ELSE '' END),"
            + " (SELECT quote_ident(rn.nspname) || '.' || quote_ident(rc.relname) || '.' || quote_ident(ra.attname)"
            + "  FROM pg_depend d JOIN pg_class rc ON rc.oid = d.refobjid JOIN pg_namespace rn ON rn.oid = rc.relnamespace"
            + "  JOIN pg_attribute ra ON ra.attrelid = d.refobjid AND ra.attnum = d.refobjsubid"
            + "  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'a' LIMIT 1),"
            + " quote_ident(n.nspname), quote_ident(c.relname),"
            + RELATION_COLUMNS
            + ", q.seqcache"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence q ON q.seqrelid = c.oid"
            + " WHERE c.relkind = 'S' AND "
            + USER_SCHEMA
            + " AND "
            + notFromExtension("pg_class", "c.oid")
            // Identity sequences belong to their column, whose definition says GENERATED ... AS
            // IDENTITY.
            + " AND NOT "
            + identitySequence("c"),
        rs -> {
          Map<String, String> details = new HashMap<>();
          details.put("sql", rs.getString(3));
          details.put("body", rs.getString(4));
          details.put("schemaSql", rs.getString(6));
          details.put("nameSql", rs.getString(7));
          if (rs.getString(5) != null) {
            details.put("ownedBy", rs.getString(5));
          }
          String afterCreate = relationColumns(rs, 8, details);
          // How many values it hands out at a time, when not one: ALTER SEQUENCE ... CACHE.
          String cache = rs.getString(19);
          if (!cache.equals("1")) {
            afterCreate = afterCreate + "\n-- cache " + cache;
            details.put("afterCreate", afterCreate);
          }
          details.put("cache", cache);
          out.add(
              new CatalogObject(
                  Kind.SEQUENCE,
                  rs.getString(1),
                  rs.getString(2),
                  "SEQUENCE "
                      + rs.getString(3)
                      + " "
                      + rs.getString(4)
                      + (rs.getString(5) == null ? "" : " OWNED BY " + rs.getString(5))
                      + afterCreate,
                  details));
        });
  }

  private static void tables(Statement s, List<CatalogObject> out) throws SQLException {
    query(
        s,
        "SELECT n.nspname || '.' || c.relname, c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname),"
            + " c.relkind, c.relfilenode, quote_ident(n.nspname), quote_ident(c.relname), c.relispartition,"
            + " COALESCE(pg_get_expr(c.relpartbound, c.oid), ''),"
            + " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) ELSE '' END,"
            + " h.inhparent, quote_ident(pn.nspname) || '.' || quote_ident(p.relname),"
            // All the tables it inherits from, in order.
            + " COALESCE((SELECT string_agg(i.inhparent::text, ',' ORDER BY i.inhseqno)"
            + "  FROM pg_inherits i WHERE i.inhrelid = c.oid), ''),"
            // Its indexes of its parent's indexes, which the index snapshot leaves to the parent's,
            // a line each: the oid, a space, the name. A detach leaves them as its own.
            + " COALESCE((SELECT string_agg(x.indexrelid::text || ' ' || quote_ident(xn.nspname) || '.'"
            + "  || quote_ident(xc.relname), E'\\n' ORDER BY xc.relname) FROM pg_index x"
            + "  JOIN pg_class xc ON xc.oid = x.indexrelid JOIN pg_namespace xn ON xn.oid = xc.relnamespace"
            + "  WHERE x.indrelid = c.oid AND EXISTS (SELECT 1 FROM pg_inherits xh WHERE xh.inhrelid = x.indexrelid)), ''),"
            + RELATION_COLUMNS
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            // A partition's one parent, or the first table it inherits from.
            + " LEFT JOIN pg_inherits h ON h.inhrelid = c.oid AND h.inhseqno = 1"
            + " LEFT JOIN pg_class p ON p.oid = h.inhparent LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace"
            + " WHERE c.relkind IN ('r', 'p') AND "
            + USER_SCHEMA
            + " AND "
            + notFromExtension("pg_class", "c.oid"),
        rs -> {
          boolean partitioned = rs.getString(4).equals("p");
          boolean partition = rs.getBoolean(8);
          String definition =
              (partitioned ? "PARTITIONED TABLE " : "TABLE ")
                  + rs.getString(3)
                  + (partition ? " PARTITION OF " + rs.getString(12) + " " + rs.getString(9) : "")
                  + (partitioned ? " PARTITION BY " + rs.getString(10) : "");
          Map<String, String> details = new HashMap<>();
          String afterCreate = relationColumns(rs, 15, details);
          details.put("sql", rs.getString(3));
          details.put("relfilenode", rs.getString(5));
          details.put("schemaSql", rs.getString(6));
          details.put("nameSql", rs.getString(7));
          details.put("partitioned", String.valueOf(partitioned));
          details.put("partition", String.valueOf(partition));
          if (rs.getString(11) != null) {
            details.put("parentIdentity", rs.getString(11));
            details.put("parentIdentities", rs.getString(13));
          }
          if (partition) {
            details.put("parentSql", rs.getString(12));
            details.put("bound", rs.getString(9));
            details.put("parentsIndexes", rs.getString(14));
          }
          out.add(
              new CatalogObject(
                  Kind.TABLE, rs.getString(1), rs.getString(2), definition + afterCreate, details));
        });
  }

  private static void columns(Statement s, List<CatalogObject> out) throws SQLException {
    query(
        s,
        "SELECT n.nspname || '.' || c.relname || '.' || a.attname, c.oid || '.' || a.attnum,"
            + " quote_ident(a.attname), format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid),"
            + " a.attidentity, a.attgenerated, quote_ident(n.nspname) || '.' || quote_ident(c.relname), n.nspname || '.' || c.relname,"
            + " c.oid, a.attnum,"
            // Only a collation other than the type's default, as pg_dump prints it.
            + " (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co"
            + "  JOIN pg_namespace cn ON cn.oid = co.collnamespace JOIN pg_type ty ON ty.oid = a.atttypid"
            + "  WHERE co.oid = a.attcollation AND a.attcollation <> ty.typcollation),"
            // The type it is of, an array's element type for an array, to tell it from another
            // type of the same name.
            + " "
            + elementType("ty")
            + ","
            // Who holds privileges on the column itself (GRANT SELECT (c) ON t), and its comment.
            + grantLines("a.attacl")
            + ", COALESCE(quote_literal(col_description(c.oid, a.attnum)), ''),"
            // Its statistics target, storage and compression when not the defaults, its type's
            // storage, and its options (n_distinct), one a line as SET takes them.
            + " CASE WHEN a.attstattarget IS NULL OR a.attstattarget < 0 THEN ''"
            + "  ELSE a.attstattarget::text END,"
            + " CASE WHEN a.attstorage = ty.typstorage THEN '' ELSE "
            + storageName("a.attstorage")
            + " END, "
            + storageName("ty.typstorage")
            + ","
            + " CASE a.attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' ELSE '' END,"
            + " CASE WHEN a.attoptions IS NULL THEN '' ELSE (SELECT string_agg("
            + optionAssignment("o")
            + ", E'\\n' ORDER BY o) FROM unnest(a.attoptions) o) END,"
            // An identity column's sequence, by name (the sequence snapshot leaves it out).
            + " COALESCE((SELECT quote_ident(sc.relname) FROM pg_depend sd JOIN pg_class sc ON sc.oid = sd.objid"
            + "  WHERE sd.classid = 'pg_class'::regclass AND sd.refclassid = 'pg_class'::regclass"
            + "  AND sd.refobjid = c.oid AND sd.refobjsubid = a.attnum AND sd.deptype = 'i' AND sc.relkind = 'S'), '')"
            + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_type ty ON ty.oid = a.atttypid"
            + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
            + " WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND "
            + USER_SCHEMA
            + " AND "
            + notFromExtension("pg_class", "c.oid"),
        rs -> {
          String type = rs.getString(4);
          boolean notNull = rs.getBoolean(5);
          String defaultExpression = rs.getString(6) == null ? "" : rs.getString(6);
          String identity = rs.getString(7);
          String generated = rs.getString(8);
          String collation = rs.getString(13) == null ? "" : rs.getString(13);
          StringBuilder definition = new StringBuilder(rs.getString(3)).append(' ').append(type);
          if (!collation.isEmpty()) {
            definition.append(" COLLATE ").append(collation);
          }
          if ("a".equals(identity) || "d".equals(identity)) {
            definition
                .append(" GENERATED ")
                .append("a".equals(identity) ? "ALWAYS" : "BY DEFAULT")
                .append(" AS IDENTITY");
          } else if ("s".equals(generated)) {
            definition
                .append(" GENERATED ALWAYS AS (")
                .append(defaultExpression)
                .append(") STORED");
          } else if (!defaultExpression.isEmpty()) {
            definition.append(" DEFAULT ").append(defaultExpression);
          }
          if (notNull) {
            definition.append(" NOT NULL");
          }
          Map<String, String> details = new HashMap<>();
          details.put("sql", rs.getString(3));
          details.put("type", type);
          details.put("collation", collation);
          details.put("notNull", String.valueOf(notNull));
          details.put("default", "s".equals(generated) ? "" : defaultExpression);
          details.put("identity", String.valueOf("a".equals(identity) || "d".equals(identity)));
          details.put("generated", String.valueOf("s".equals(generated)));
          details.put(
              "identityKind",
              "a".equals(identity) ? "ALWAYS" : "d".equals(identity) ? "BY DEFAULT" : "");
          details.put("expression", "s".equals(generated) ? defaultExpression : "");
          details.put("table", rs.getString(10));
          details.put("tableSql", rs.getString(9));
          details.put("tableIdentity", rs.getString(11));
          details.put("position", rs.getString(12));
          details.put("typeIdentity", rs.getString(14));
          // Its own grants and comment after its definition, as a table's: CREATE and ADD COLUMN
          // give none.
          String grants = rs.getString(15);
          String comment = rs.getString(16);
          StringBuilder afterCreate = new StringBuilder();
          grants.lines().forEach(g -> afterCreate.append("\n-- granted ").append(g));
          if (!comment.isEmpty()) {
            afterCreate.append("\n-- comment ").append(comment);
          }
          // An identity's sequence by name, which ALTER SEQUENCE ... RENAME changes.
          if (!rs.getString(22).isEmpty()) {
            afterCreate.append("\n-- identity sequence ").append(rs.getString(22));
          }
          // Its statistics target, storage, compression and options: ALTER COLUMN sets them.
          String statistics = rs.getString(17);
          String storage = rs.getString(18);
          String compression = rs.getString(20);
          String options = rs.getString(21);
          if (!statistics.isEmpty()) {
            afterCreate.append("\n-- statistics ").append(statistics);
          }
          if (!storage.isEmpty()) {
            afterCreate.append("\n-- storage ").append(storage);
          }
          if (!compression.isEmpty()) {
            afterCreate.append("\n-- compression ").append(compression);
          }
          if (!options.isEmpty()) {
            afterCreate.append("\n-- with ").append(String.join(", ", options.lines().toList()));
          }
          details.put("statistics", statistics);
          details.put("storage", storage);
          details.put("typeStorage", rs.getString(19));
          details.put("compression", compression);
          details.put("options", options);
          details.put("grants", grants);
          details.put("comment", comment);
          details.put("afterCreate", afterCreate.toString());
          details.put("identitySequence", rs.getString(22));
          out.add(
              new CatalogObject(
                  Kind.COLUMN,
                  rs.getString(1),
                  rs.getString(2),
                  definition.append(afterCreate).toString(),
                  details));
        });
  }

  private static void constraints(Statement s, List<CatalogObject> out) throws SQLException {
    // PostgreSQL 18 also keeps NOT NULL as constraints ('n'); the column's definition already says
    // NOT NULL.
    query(
        s,
        "SELECT n.nspname || '.' || c.relname || '.' || k.conname, k.oid, quote_ident(k.conname), pg_get_constraintdef(k.oid),"
            + " k.contype, quote_ident(n.nspname) || '.' || quote_ident(c.relname), n.nspname || '.' || c.relname, c.oid,"
            + " COALESCE((SELECT quote_ident(ni.nspname) || '.' || quote_ident(i.relname) FROM pg_class i"
            + "   JOIN pg_namespace ni ON ni.oid = i.relnamespace WHERE i.oid = k.conindid AND k.contype IN ('p', 'u', 'x')), '')"
            + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            // A partition's copy of its parent's constraint comes and goes with it.
            + " WHERE k.contype <> 'n' AND k.conparentid = 0 AND "
            + USER_SCHEMA
            + " AND "
            + notFromExtension("pg_class", "c.oid"),
        rs ->
            out.add(
                new CatalogObject(
                    Kind.CONSTRAINT,
                    rs.getString(1),
                    rs.getString(2),
                    "CONSTRAINT "
                        + rs.getString(3)
                        + " ON "
                        + rs.getString(6)
                        + " "
                        + rs.getString(4),
                    Map.of(
                        "sql",
                        rs.getString(3),
                        "body",
                        rs.getString(4),
                        "type",
                        rs.getString(5),
                        "tableSql",
                        rs.getString(6),
                        "table",
                        rs.getString(7),
                        "tableIdentity",
                        rs.getString(8),
                        "index",
                        rs.getString(9)))));
  }

  private static void indexes(Statement s, List<CatalogObject> out) throws SQLException {
    query(
        s,
        "SELECT n.nspname || '.' || i.relname, i.oid, pg_get_indexdef(i.oid),"
            + " quote_ident(n.nspname) || '.' || quote_ident(i.relname), tn.nspname || '.' || t.relname, t.oid,"
            + " EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid AND k.contype IN ('p', 'u', 'x')),"
            + " quote_ident(i.relname)"
            + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace"
            + " JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace"
            + " WHERE t.relkind IN ('r', 'p', 'm') AND "
            // A partition's index of its parent's index comes and goes with it.
            + "NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.oid) AND "
            + USER_SCHEMA
            + " AND "
            + notFromExtension("pg_class", "t.oid"),
        rs ->
            out.add(
                new CatalogObject(
                    Kind.INDEX,
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    Map.of(
                        "sql",
                        rs.getString(4),
                        "table",
                        rs.getString(5),
                        "tableIdentity",
                        rs.getString(6),
                        "constraint",
                        String.valueOf(rs.getBoolean(7)),
                        "nameSql",
                        rs.getString(8)))));
  }

  private static void views(Statement s, List<CatalogObject> out) throws SQLException {
    query(
        s,
        "SELECT n.nspname || '.' || c.relname, c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname),"
            + " c.relkind, pg_get_viewdef(c.oid, true),"
            // The views it reads, so a revert drops and creates them in dependency order.
            + " COALESCE((SELECT string_agg(DISTINCT d.refobjid::text, ',' ORDER BY d.refobjid::text)"
            + "  FROM pg_rewrite r JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid"
            + "  JOIN pg_class rc ON rc.oid = d.refobjid AND d.refclassid = 'pg_class'::regclass"
            + "  WHERE r.ev_class = c.oid AND d.refobjid <> c.oid AND rc.relkind IN ('v', 'm')), ''),"
            + RELATION_COLUMNS
            // Its columns' own grants, a line each: the column, a tab, then the grant.
            + ", COALESCE((SELECT string_agg(quote_ident(va.attname) || E'\\t' || l.line, E'\\n'"
            + "  ORDER BY va.attnum, l.n) FROM pg_attribute va CROSS JOIN LATERAL unnest(string_to_array("
            + grantLines("va.attacl")
            + ", E'\\n')) WITH ORDINALITY l(line, n)"
            + "  WHERE va.attrelid = c.oid AND va.attnum > 0 AND va.attacl IS NOT NULL), '')"
            // Its columns' comments, a line each: the column, a tab, then the comment as a
            // literal.
            + ", COALESCE((SELECT string_agg(quote_ident(va.attname) || E'\\t'"
            + "  || quote_literal(vd.description), E'\\n' ORDER BY va.attnum)"
            + "  FROM pg_attribute va JOIN pg_description vd ON vd.objoid = c.oid"
            + "  AND vd.classoid = 'pg_class'::regclass AND vd.objsubid = va.attnum"
            + "  WHERE va.attrelid = c.oid AND va.attnum > 0), '')"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('v', 'm') AND "
            + USER_SCHEMA
            + " AND "
            + notFromExtension("pg_class", "c.oid"),
        rs -> {
          boolean materialized = rs.getString(4).equals("m");
          Map<String, String> details = new HashMap<>();
          details.put("sql", rs.getString(3));
          details.put("body", rs.getString(5));
          details.put("reads", rs.getString(6));
          String columnGrants = rs.getString(18);
          details.put("columnGrants", columnGrants);
          String columnComments = rs.getString(19);
          details.put("columnComments", columnComments);
          StringBuilder afterCreate = new StringBuilder(relationColumns(rs, 7, details));
          columnGrants
              .lines()
              .forEach(
                  g -> afterCreate.append("\n-- granted on column ").append(g.replace('\t', ' ')));
          columnComments
              .lines()
              .forEach(
                  c -> afterCreate.append("\n-- comment on column ").append(c.replace('\t', ' ')));
          details.put("afterCreate", afterCreate.toString());
          out.add(
              new CatalogObject(
                  materialized ? Kind.MATERIALIZED_VIEW : Kind.VIEW,
                  rs.getString(1),
                  rs.getString(2),
                  (materialized ? "MATERIALIZED VIEW " : "VIEW ")
                      + rs.getString(3)
                      + " AS "
                      + rs.getString(5)
                      + afterCreate,
                  details));
        });
  }

  private static void functions(Statement s, List<CatalogObject> out) throws SQLException {
    query(
        s,
        "SELECT n.nspname || '.' || p.proname || '(' || a.arguments || ')', p.oid,"
            + " pg_get_functiondef(p.oid), quote_ident(n.nspname) || '.' || quote_ident(p.proname)"
            + "  || '(' || a.arguments || ')', p.prokind,"
            + " quote_ident(n.nspname), quote_ident(p.proname), a.arguments,"
            + " COALESCE(p.proargnames::text, ''), p.pronargdefaults,"
            // Its owner when not the role that ran the migrations, and who else may EXECUTE it
            // (PUBLIC first, then by name), the default ACL when it has none: the grantor aside.
            + " CASE WHEN pg_get_userbyid(p.proowner) = current_user THEN ''"
            + "  ELSE quote_ident(pg_get_userbyid(p.proowner)) END,"
            + executeGrantees("COALESCE(p.proacl, acldefault('f', p.proowner))", "p.proowner")
            + ","
            // What uses it, which stops a DROP FUNCTION without CASCADE: one line each, the
            // identity of the view, column or other object it is or belongs to, and what it is.
            + " COALESCE((SELECT string_agg(CASE d.classid"
            + "   WHEN 'pg_rewrite'::regclass THEN (SELECT r.ev_class::text FROM pg_rewrite r WHERE r.oid = d.objid)"
            + "   WHEN 'pg_attrdef'::regclass THEN (SELECT ad.adrelid || '.' || ad.adnum FROM pg_attrdef ad WHERE ad.oid = d.objid)"
            + "   WHEN 'pg_class'::regclass THEN d.objid || CASE WHEN d.objsubid > 0 THEN '.' || d.objsubid ELSE '' END"
            + "   ELSE d.objid::text END || ' ' || pg_describe_object(d.classid, d.objid, d.objsubid), E'\\n'"
            + "  ORDER BY pg_describe_object(d.classid, d.objid, d.objsubid)) FROM pg_depend d"
            + "  WHERE d.refclassid = 'pg_proc'::regclass AND d.refobjid = p.oid AND d.deptype = 'n'), ''),"
            // Its schema and name as the catalog has them, and where a routine this query leaves
            // out (an aggregate, an extension's, a system one) shares the name: in its schema
            // (true), only in others (false) or nowhere (null). kit matches a statement's routines
            // by name, and a shared name may mean the other.
            + " n.nspname, p.proname,"
            + " (SELECT bool_or(q.pronamespace = p.pronamespace) FROM pg_proc q"
            + "  JOIN pg_namespace qn ON qn.oid = q.pronamespace"
            + "  WHERE q.proname = p.proname AND q.oid <> p.oid AND NOT (q.prokind IN ('f', 'p') AND "
            + userSchema("qn")
            + " AND "
            + notFromExtension("pg_proc", "q.oid")
            + ")),"
            + " COALESCE(quote_literal(obj_description(p.oid, 'pg_proc')), '')"
            + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            // Its identity arguments, which its name, its SQL name and a detail read: computed once
            // (OFFSET 0 keeps the planner from copying the call into each of them).
            + " CROSS JOIN LATERAL (SELECT pg_get_function_identity_arguments(p.oid) AS arguments"
            + "  OFFSET 0) a"
            + " WHERE p.prokind IN ('f', 'p') AND "
            + USER_SCHEMA
            + " AND "
            + notFromExtension("pg_proc", "p.oid"),
        rs -> {
          String functiondef = rs.getString(3).strip();
          String owner = rs.getString(11);
          String grants = rs.getString(12);
          String comment = rs.getString(17);
          out.add(
              new CatalogObject(
                  Kind.FUNCTION,
                  rs.getString(1),
                  rs.getString(2),
                  functiondef + privileges(owner, grants, comment),
                  Map.ofEntries(
                      Map.entry("sql", rs.getString(4)),
                      Map.entry("procedure", String.valueOf(rs.getString(5).equals("p"))),
                      Map.entry("schemaSql", rs.getString(6)),
                      Map.entry("nameSql", rs.getString(7)),
                      Map.entry("arguments", rs.getString(8)),
                      Map.entry("argumentNames", rs.getString(9)),
                      Map.entry("defaults", rs.getString(10)),
                      Map.entry("functiondef", functiondef),
                      Map.entry("owner", owner),
                      Map.entry("grants", grants),
                      Map.entry("comment", comment),
                      Map.entry("dependants", rs.getString(13)),
                      Map.entry("schema", rs.getString(14)),
                      Map.entry("object", rs.getString(15)),
                      Map.entry("unrecordedNamesake", namesake(rs.getObject(16))))));
        });
  }

  /**
   * Who other than {@code owner} may execute a function whose ACL is {@code acl}, one a line, such
   * as {@code PUBLIC} or {@code reporting WITH GRANT OPTION}: PUBLIC first, then by name, the
   * grantor aside.
   */
  private static String executeGrantees(String acl, String owner) {
    return " COALESCE((SELECT string_agg(g.grantee || CASE WHEN g.grantable THEN ' WITH GRANT OPTION' ELSE '' END,"
        + "   E'\\n' ORDER BY g.grantee <> 'PUBLIC', g.grantee COLLATE \"C\")"
        + "  FROM (SELECT CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(x.grantee)) END"
        + "   AS grantee, bool_or(x.is_grantable) AS grantable"
        + "   FROM aclexplode("
        + acl
        + ") x"
        + "   WHERE x.grantee <> "
        + owner
        + " AND x.privilege_type = 'EXECUTE' GROUP BY 1) g), '')";
  }

  /**
   * Where a routine the snapshot leaves out shares a function's name: {@code schema} (in its own),
   * {@code elsewhere} (only in other schemas) or the empty string.
   */
  private static String namesake(@Nullable Object inOwnSchema) {
    if (inOwnSchema == null) {
      return "";
    }
    return Boolean.TRUE.equals(inOwnSchema) ? "schema" : "elsewhere";
  }

  /**
   * A table's, view's or sequence's owner, grants, comment and row level security as comment lines
   * after its definition, so that comparing definitions compares them too; none for a new table's
   * (owned by the role that ran the migrations, granted to nobody else, without a comment). Puts
   * them in {@code details} too: {@code owner}, {@code grants}, {@code comment} and {@code
   * afterCreate}, the lines themselves.
   *
   * @param rs a row of {@link #RELATION_COLUMNS}' columns, from {@code column} on: its owner,
   *     quoted, or empty for the role that ran the migrations; who other than its owner holds what,
   *     one a line, such as {@code SELECT TO reporting}; its schema, its name, where a namesake is;
   *     its comment, quoted, or empty; whether row level security is enabled, and forced; its
   *     storage parameters or options, one a line; whether it is unlogged; a table's replica
   *     identity ({@code FULL}, {@code NOTHING}, {@code USING INDEX <index>}), or empty
   */
  private static String relationColumns(ResultSet rs, int column, Map<String, String> details)
      throws SQLException {
    details.put("schema", rs.getString(column + 2));
    details.put("object", rs.getString(column + 3));
    details.put("unrecordedNamesake", namesake(rs.getObject(column + 4)));
    StringBuilder lines =
        new StringBuilder(
            ownerGrantsComment(
                rs.getString(column), rs.getString(column + 1), rs.getString(column + 5), details));
    boolean rowSecurity = rs.getBoolean(column + 6);
    boolean forced = rs.getBoolean(column + 7);
    if (rowSecurity) {
      lines.append("\n-- row level security enabled");
    }
    if (forced) {
      lines.append("\n-- row level security forced");
    }
    details.put("rowSecurity", String.valueOf(rowSecurity));
    details.put("forceRowSecurity", String.valueOf(forced));
    String options = rs.getString(column + 8);
    if (!options.isEmpty()) {
      lines.append("\n-- with ").append(String.join(", ", options.lines().toList()));
    }
    boolean unlogged = rs.getBoolean(column + 9);
    if (unlogged) {
      lines.append("\n-- unlogged");
    }
    String replicaIdentity = rs.getString(column + 10);
    if (!replicaIdentity.isEmpty()) {
      lines.append("\n-- replica identity ").append(replicaIdentity);
    }
    details.put("options", options);
    details.put("unlogged", String.valueOf(unlogged));
    details.put("replicaIdentity", replicaIdentity);
    details.put("afterCreate", lines.toString());
    return lines.toString();
  }

  /**
   * A table's, view's, sequence's or schema's owner, grants and comment as comment lines, none for
   * what CREATE gives it; puts them in {@code details} too ({@code owner}, {@code grants}, {@code
   * comment}).
   *
   * @param owner its owner, quoted, or empty for the role that ran the migrations
   * @param grants who other than its owner holds what, one a line, such as {@code SELECT TO
   *     reporting}
   * @param comment its comment, quoted, or empty
   */
  private static String ownerGrantsComment(
      String owner, String grants, String comment, Map<String, String> details) {
    StringBuilder lines = new StringBuilder();
    if (!owner.isEmpty()) {
      lines.append("\n-- owned by ").append(owner);
    }
    grants.lines().forEach(g -> lines.append("\n-- granted ").append(g));
    if (!comment.isEmpty()) {
      lines.append("\n-- comment ").append(comment);
    }
    details.put("owner", owner);
    details.put("grants", grants);
    details.put("comment", comment);
    return lines.toString();
  }

  /**
   * A function's owner, grants and comment as comment lines after its definition, so that comparing
   * definitions compares them too; none for the defaults a new function gets (owned by the role
   * that ran the migrations, EXECUTE granted to PUBLIC, no comment).
   *
   * @param owner its owner, quoted, or empty for the role that ran the migrations
   * @param grants who other than its owner may execute it, one a line, such as {@code PUBLIC}
   * @param comment its comment, quoted, or empty
   */
  private static String privileges(String owner, String grants, String comment) {
    return (owner.isEmpty() ? "" : "\n-- owned by " + owner)
        + (grants.equals(DEFAULT_GRANTS)
            ? ""
            : "\n-- EXECUTE granted to "
                + (grants.isEmpty()
                    ? "its owner only"
                    : String.join(", ", grants.lines().toList())))
        + (comment.isEmpty() ? "" : "\n-- comment " + comment);
  }

  private static void triggers(Statement s, List<CatalogObject> out) throws SQLException {
    query(
        s,
        "SELECT n.nspname || '.' || c.relname || '.' || g.tgname, g.oid, pg_get_triggerdef(g.oid, true),"
            + " quote_ident(g.tgname), quote_ident(n.nspname) || '.' || quote_ident(c.relname),"
            + " g.tgenabled"
            + " FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            // A partition's clone of its parent's trigger comes and goes with it.
            + " WHERE NOT g.tgisinternal AND g.tgparentid = 0 AND "
            + USER_SCHEMA
            + " AND "
            + notFromExtension("pg_class", "c.oid"),
        rs -> {
          // Whether it fires, as ALTER TABLE ... ENABLE or DISABLE TRIGGER says; CREATE TRIGGER
          // makes it fire (origin).
          String enabled =
              switch (rs.getString(6)) {
                case "D" -> "DISABLE";
                case "R" -> "ENABLE REPLICA";
                case "A" -> "ENABLE ALWAYS";
                default -> "ENABLE";
              };
          String afterCreate =
              enabled.equals("ENABLE") ? "" : "\n-- " + enabled.toLowerCase(Locale.ROOT);
          out.add(
              new CatalogObject(
                  Kind.TRIGGER,
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3) + afterCreate,
                  Map.of(
                      "sql",
                      rs.getString(4),
                      "tableSql",
                      rs.getString(5),
                      "enabled",
                      enabled,
                      "afterCreate",
                      afterCreate)));
        });
  }

  private static void policies(Statement s, List<CatalogObject> out) throws SQLException {
    query(
        s,
        "SELECT n.nspname || '.' || c.relname || '.' || p.polname, p.oid, quote_ident(p.polname),"
            + " quote_ident(n.nspname) || '.' || quote_ident(c.relname), c.oid,"
            + " 'CREATE POLICY ' || quote_ident(p.polname) || ' ON ' || quote_ident(n.nspname) || '.'"
            + "  || quote_ident(c.relname) || ' AS ' || CASE WHEN p.polpermissive THEN 'PERMISSIVE'"
            + "  ELSE 'RESTRICTIVE' END || ' FOR ' || CASE p.polcmd WHEN 'r' THEN 'SELECT'"
            + "  WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END"
            // Its roles, PUBLIC first, then by name.
            + "  || ' TO ' || (SELECT string_agg(CASE WHEN r = 0 THEN 'PUBLIC'"
            + "   ELSE quote_ident(pg_get_userbyid(r)) END, ', '"
            + "   ORDER BY r <> 0, pg_get_userbyid(r) COLLATE \"C\") FROM unnest(p.polroles) r)"
            + "  || COALESCE(' USING (' || pg_get_expr(p.polqual, p.polrelid) || ')', '')"
            + "  || COALESCE(' WITH CHECK (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')', '')"
            + " FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE "
            + USER_SCHEMA
            + " AND "
            + notFromExtension("pg_class", "c.oid"),
        rs ->
            out.add(
                new CatalogObject(
                    Kind.POLICY,
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(6),
                    Map.of(
                        "sql",
                        rs.getString(3),
                        "tableSql",
                        rs.getString(4),
                        "tableIdentity",
                        rs.getString(5)))));
  }

  /**
   * The default privileges of each role, everywhere and in each user schema: what PostgreSQL grants
   * on the tables, sequences, functions, types or schemas that role creates. One object each, its
   * grant lines the owner's too ({@code SELECT TO reporting}, the role that runs the migrations as
   * {@code CURRENT_USER}). Details: {@code role} (quoted, or empty for the migration role), {@code
   * namespace} (the schema's identity, 0 for everywhere), {@code objects} ({@code TABLES}), {@code
   * grants}, and {@code implicit}, what PostgreSQL grants when there is no entry (its built-in
   * defaults everywhere, nothing in a schema).
   */
  private static void defaultPrivileges(Statement s, List<CatalogObject> out) throws SQLException {
    query(
        s,
        "SELECT d.defaclrole || ':' || d.defaclnamespace || ':' || d.defaclobjtype::text,"
            + " CASE WHEN d.defaclrole = "
            + MIGRATION_ROLE
            + " THEN '' ELSE pg_get_userbyid(d.defaclrole) END,"
            + " CASE WHEN d.defaclrole = "
            + MIGRATION_ROLE
            + " THEN '' ELSE quote_ident(pg_get_userbyid(d.defaclrole)) END,"
            + " COALESCE(n.nspname, ''), d.defaclnamespace, d.defaclobjtype,"
            + grantLines("d.defaclacl", "NULL")
            + ", CASE WHEN d.defaclnamespace = 0 THEN"
            + grantLines("acldefault(" + builtInType("d.defaclobjtype") + ", d.defaclrole)", "NULL")
            + " ELSE '' END"
            + " FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace"
            + " WHERE d.defaclnamespace = 0 OR ("
            + USER_SCHEMA
            + ")",
        rs -> {
          String role = rs.getString(2);
          String schema = rs.getString(4);
          String objects =
              switch (rs.getString(6)) {
                case "r" -> "TABLES";
                case "S" -> "SEQUENCES";
                case "f" -> "FUNCTIONS";
                case "T" -> "TYPES";
                case "n" -> "SCHEMAS";
                case "L" -> "LARGE OBJECTS";
                default -> "OBJECTS OF TYPE " + rs.getString(6);
              };
          String name =
              (role.isEmpty() ? "" : "for role " + role + " ")
                  + "on "
                  + objects.toLowerCase(Locale.ROOT)
                  + (schema.isEmpty() ? "" : " in schema " + schema);
          String grants = rs.getString(7);
          StringBuilder definition = new StringBuilder("DEFAULT PRIVILEGES ").append(name);
          grants.lines().forEach(g -> definition.append("\n-- granted ").append(g));
          out.add(
              new CatalogObject(
                  Kind.DEFAULT_PRIVILEGES,
                  name,
                  rs.getString(1),
                  definition.toString(),
                  Map.of(
                      "role",
                      rs.getString(3),
                      "namespace",
                      rs.getString(5),
                      "objects",
                      objects,
                      "grants",
                      grants,
                      "implicit",
                      rs.getString(8))));
        });
  }

  private interface Row {
    void read(ResultSet rs) throws SQLException;
  }

  private static void query(Statement s, String sql, Row row) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        row.read(rs);
      }
    }
  }
}
