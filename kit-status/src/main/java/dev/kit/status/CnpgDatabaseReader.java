package dev.kit.status;

import tools.jackson.databind.JsonNode;

/**
 * A CloudNativePG {@code Database} (the extensions and schemas the migrations rely on): whether
 * CloudNativePG applied its current generation and each extension and schema, as kit's Argo CD
 * check for the kind reads {@code status.applied}, {@code message}, {@code observedGeneration} and
 * the per-item lists (CRD {@code postgresql.cnpg.io_databases}, which has no conditions).
 */
final class CnpgDatabaseReader implements KindReader {

  @Override
  public boolean reads(PlannedObject object) {
    return object.group().equals("postgresql.cnpg.io") && object.kind().equals("Database");
  }

  @Override
  public Finding read(PlannedObject object, JsonNode live, Inspection inspection) {
    JsonNode status = live.path("status");
    long generation = live.path("metadata").path("generation").asLong(0);
    String describe = "kubectl describe database " + object.name() + " -n " + object.namespace();
    if (!status.path("applied").isBoolean()) {
      return Inspection.finding(
          object,
          column(object),
          Health.PROGRESSING,
          "waiting for CloudNativePG",
          "CloudNativePG applies the database once its Cluster is ready; if it stays so, "
              + describe,
          Inspection.facts());
    }
    boolean applied = status.path("applied").asBoolean();
    String message = status.path("message").asString("");
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
    if (!applied) {
      return Inspection.finding(
          object,
          column(object),
          Health.DEGRADED,
          "not applied" + (message.isEmpty() ? "" : ": " + message),
          describe + " and the CloudNativePG operator's log say more",
          facts);
    }
    for (String list : new String[] {"extensions", "schemas"}) {
      for (JsonNode item : status.path(list).values()) {
        if (!item.path("applied").asBoolean(true)) {
          String itemMessage = item.path("message").asString("not applied");
          return Inspection.finding(
              object,
              column(object),
              Health.DEGRADED,
              list.substring(0, list.length() - 1)
                  + " "
                  + item.path("name").asString("")
                  + ": "
                  + itemMessage,
              "an extension must be available in the Cluster's image, a schema's owner must exist; "
                  + describe
                  + " shows CloudNativePG's events",
              facts);
        }
      }
    }
    return Inspection.finding(object, column(object), Health.HEALTHY, "applied", "", facts);
  }
}
