package dev.kit.verify;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One schema object as PostgreSQL's catalog describes it, after a migration ran: what it is, its
 * name, what identifies it across a rename (the catalog's own ids), and its definition as
 * PostgreSQL prints it back, so comparing two snapshots is not fooled by comments, quoting or case
 * in the SQL that made them.
 *
 * <pre>{@code
 * CatalogObject status = snapshot.get("column public.orders.status").orElseThrow();
 * status.definition();          // "status text DEFAULT 'placed'::text NOT NULL"
 * status.detail("notNull");     // "true"
 * }</pre>
 *
 * @param kind what kind of object
 * @param name its qualified name, unquoted: {@code public.orders}, {@code public.orders.status},
 *     {@code public.total(integer)}
 * @param identity what stays the same when it is renamed (such as the table's oid and the column's
 *     number)
 * @param definition its definition as PostgreSQL prints it; two objects with equal definitions are
 *     the same
 * @param details facts the lint rules and the down migration read, such as {@code notNull} or
 *     {@code table}
 */
record CatalogObject(
    Kind kind, String name, String identity, String definition, Map<String, String> details) {

  /** The kinds of object kit compares. */
  enum Kind {
    SCHEMA("schema"),
    EXTENSION("extension"),
    TYPE("type"),
    SEQUENCE("sequence"),
    TABLE("table"),
    COLUMN("column"),
    CONSTRAINT("constraint"),
    INDEX("index"),
    VIEW("view"),
    MATERIALIZED_VIEW("materialized view"),
    FUNCTION("function"),
    TRIGGER("trigger"),
    POLICY("policy"),
    DEFAULT_PRIVILEGES("default privileges");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** How messages and keys name the kind, such as {@code materialized view}. */
    public String label() {
      return label;
    }
  }

  CatalogObject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(definition, "definition");
    details = Map.copyOf(new TreeMap<>(details));
  }

  /**
   * The key a snapshot files it under: {@code <kind> <name>}, such as {@code column
   * public.orders.status}.
   */
  String key() {
    return key(kind, name);
  }

  /** The key of an object of {@code kind} named {@code name}. */
  static String key(Kind kind, String name) {
    return kind.label() + " " + name;
  }

  /**
   * Its definition without the owner, grants and comment a snapshot appends to a table's, view's or
   * sequence's: what CREATE makes, which GRANT, OWNER TO and COMMENT leave as it is.
   */
  String shape() {
    return definition.substring(0, definition.length() - detail("afterCreate").length());
  }

  /** A detail, or the empty string. */
  String detail(String name) {
    return details.getOrDefault(name, "");
  }

  /** Whether a boolean detail is {@code true}. */
  boolean flag(String name) {
    return "true".equals(details.get(name));
  }
}
