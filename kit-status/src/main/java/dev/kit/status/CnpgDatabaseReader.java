package dev.kit.status;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A CloudNativePG {@code Database} (the extensions and schemas the migrations rely on): whether
 * CloudNativePG applied its current generation and each extension and schema, as kit's Argo CD
 * check for the kind reads {@code status.applied}, {@code message}, {@code observedGeneration} and
 * the per-item lists (CRD {@code postgresql.cnpg.io_databases}, which has no conditions).
 */
final class CnpgDatabaseReader implements KindReader {

  /** CloudNativePG's message when an extension or schema failed (its reconciler's error). */
  private static final String ITEMS_FAILED = "database object reconciliation failed";

  @Override
  public boolean reads(PlannedObject object) {
    return object.group().equals("postgresql.cnpg.io") && object.kind().equals("Database");
  }

  @Override
  public Finding read(PlannedObject object, JsonNode live, Inspection inspection) {
    JsonNode status = live.path("status");
    long generation = live.path("metadata").path("generation").asLong(0);
    String describe = "kubectl describe database " + object.name() + " -n " + object.namespace();
    String message = status.path("message").asString("");
    if (!status.path("applied").isBoolean()) {
      // CloudNativePG's SetAsUnknown leaves applied out with the reason it waits, such as a
      // replica cluster's "waiting for the cluster to become primary"
      return Inspection.finding(
          object,
          column(object),
          Health.PROGRESSING,
          "waiting for CloudNativePG" + (message.isEmpty() ? "" : ": " + message),
          "CloudNativePG applies the database once its Cluster is ready; if it stays so, "
              + describe,
          Inspection.facts("message", message));
    }
    boolean applied = status.path("applied").asBoolean();
    var facts =
        Inspection.facts(
            "applied",
            applied,
            "message",
            message,
            "generation",
            generation,
            "observedGeneration",
            status.path("observedGeneration").asLong(0));
    String primaryLog =
        "kubectl logs -n "
            + object.namespace()
            + " -l cnpg.io/cluster="
            + live.path("spec").path("cluster").path("name").asString("")
            + ",cnpg.io/instanceRole=primary -c postgres (the primary's instance manager applies"
            + " the database: its database_reconciler lines)";
    if (!applied) {
      // A failure sets applied and the message only (SetAsFailed): observedGeneration stays at
      // the last success, so it is Degraded whatever generation it reports. An extension or
      // schema that failed fails the whole database with a general message, and only then names
      // the cause: the per-item lists are rewritten only when the reconcile gets that far.
      String failedItem =
          message.isEmpty() || message.equals(ITEMS_FAILED) ? failedItem(status) : null;
      return Inspection.finding(
          object,
          column(object),
          Health.DEGRADED,
          failedItem != null
              ? failedItem
              : "not applied" + (message.isEmpty() ? "" : ": " + message),
          (failedItem != null
                  ? "an extension must be available in the Cluster's image, a schema's owner must"
                      + " exist; "
                  : "")
              + describe
              + " and "
              + primaryLog
              + " say more",
          facts);
    }
    if (status.path("observedGeneration").isNumber()
        && generation > 0
        && status.path("observedGeneration").asLong() < generation) {
      return Inspection.finding(
          object,
          column(object),
          Health.PROGRESSING,
          "waiting for CloudNativePG",
          "CloudNativePG has not applied generation " + generation + " yet",
          facts);
    }
    String failedItem = failedItem(status);
    if (failedItem != null) { // not written so by CloudNativePG, which fails the whole database
      return Inspection.finding(
          object,
          column(object),
          Health.DEGRADED,
          failedItem,
          "an extension must be available in the Cluster's image, a schema's owner must exist; "
              + primaryLog
              + " says more",
          facts);
    }
    return Inspection.finding(object, column(object), Health.HEALTHY, "applied", "", facts);
  }

  /** The first extension or schema CloudNativePG could not apply, with its message; else null. */
  private static @Nullable String failedItem(JsonNode status) {
    for (String list : new String[] {"extensions", "schemas"}) {
      for (JsonNode item : status.path(list).values()) {
        if (!item.path("applied").asBoolean(true)) {
          return list.substring(0, list.length() - 1)
              + " "
              + item.path("name").asString("")
              + ": "
              + item.path("message").asString("not applied");
        }
      }
    }
    return null;
  }
}
