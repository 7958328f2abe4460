package dev.kit.status;

import tools.jackson.databind.JsonNode;

/**
 * Reads one kind of object from the cluster: what {@code kit:status} says about it, and what {@code
 * kit:doctor} must find in the cluster before it can run. One small class per kind, listed once in
 * {@link KindReaders}; a new kind (a database provider's {@code Workspace}, say) is one more
 * reader, and without one an object is still reported present, missing, or failing its {@code
 * Ready} condition.
 */
interface KindReader {

  /** Whether this reader reads {@code object}. */
  boolean reads(PlannedObject object);

  /**
   * The column the object's finding goes under; by default from its {@code
   * app.kubernetes.io/component} label.
   */
  default Column column(PlannedObject object) {
    return switch (object.label("app.kubernetes.io/component").orElse("")) {
      case "pooler" -> Column.POOLERS;
      case "migrations" -> Column.MIGRATIONS;
      case "app" -> Column.APP;
      default -> Column.DATABASE;
    };
  }

  /**
   * What the live object says; {@code live} exists (a missing object is reported by {@link
   * Inspection#missing}).
   */
  Finding read(PlannedObject object, JsonNode live, Inspection inspection);

  /** What the object needs from the cluster that the tree does not create. */
  default Needs needs(PlannedObject object) {
    return Needs.NONE;
  }
}
