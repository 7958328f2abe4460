package dev.kit.status;

import dev.kit.model.TxMode;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The Atlas operator's {@code AtlasMigration} and {@code AtlasSchema}: the {@code Ready}
 * condition's reason and message, the last applied version, and whether the operator has reconciled
 * the current generation (CRDs in {@code test-data/crds/db.atlasgo.io}); the same states kit's Argo
 * CD health check tells apart. A failed statement in an AtlasMigration's message is located in the
 * service's migrations like the Job's; in an AtlasSchema's, it is one of the declarative schema
 * file's.
 */
final class AtlasOperatorReader implements KindReader {

  @Override
  public boolean reads(PlannedObject object) {
    return object.group().equals("db.atlasgo.io")
        && (object.kind().equals("AtlasMigration") || object.kind().equals("AtlasSchema"));
  }

  @Override
  public Finding read(PlannedObject object, JsonNode live, Inspection inspection) {
    JsonNode status = live.path("status");
    long generation = live.path("metadata").path("generation").asLong(0);
    long observed = status.path("observedGeneration").asLong(generation);
    String applied = status.path("lastAppliedVersion").asString("");
    JsonNode ready = null;
    for (JsonNode condition : status.path("conditions").values()) {
      if (condition.path("type").asString("").equals("Ready")) {
        ready = condition;
      }
    }
    String reason = ready == null ? "" : ready.path("reason").asString("");
    // The quoted statement's password literals masked: the message is printed (and in the JSON).
    String message =
        ready == null
            ? ""
            : AtlasApplyLog.masked(
                ready.path("message").asString("").lines().findFirst().orElse(""));
    var facts =
        Inspection.facts(
            "reason",
            reason,
            "message",
            message,
            "lastAppliedVersion",
            applied,
            "generation",
            generation,
            "observedGeneration",
            observed);
    if (observed < generation) {
      return Inspection.finding(
          object,
          column(object),
          Health.PROGRESSING,
          "waiting for the Atlas operator",
          "the operator has not reconciled generation " + generation + " yet",
          facts);
    }
    if (ready == null) {
      return Inspection.finding(
          object,
          column(object),
          Health.PROGRESSING,
          "waiting for the Atlas operator",
          "no Ready condition yet; if it stays so, check the operator (mvn kit:doctor)",
          facts);
    }
    boolean isMigration = object.kind().equals("AtlasMigration");
    if (ready.path("status").asString("").equals("True")) {
      Optional<String> newest = inspection.service().newestVersion();
      if (isMigration && newest.isPresent() && applied.compareTo(newest.get()) < 0) {
        return Inspection.finding(
            object,
            column(object),
            Health.PROGRESSING,
            applied + " applied, " + newest.get() + " pending",
            "the operator applies the newer migrations on its next reconcile; if it does not, check the operator (mvn kit:doctor)",
            facts);
      }
      return Inspection.finding(
          object,
          column(object),
          Health.HEALTHY,
          isMigration ? (applied.isEmpty() ? "applied" : applied + " applied") : "schema applied",
          "",
          facts);
    }
    String said = reason + (message.isEmpty() ? "" : ": " + message);
    switch (reason) {
      case "Reconciling", "GettingDevDB" -> {
        return Inspection.finding(
            object,
            column(object),
            Health.PROGRESSING,
            "applying (" + reason + ")",
            "the operator is applying " + (isMigration ? "the migrations" : "the schema"),
            facts);
      }
      case "ApprovalPending" -> {
        return Inspection.finding(
            object,
            column(object),
            Health.SUSPENDED,
            "waiting for approval",
            "approve the plan in Atlas Cloud (" + approval(object, status) + ")",
            facts);
      }
      default -> {
        Optional<AtlasApplyLog.Failure> failure = AtlasApplyLog.failureIn(message);
        if (failure.isPresent() && !isMigration) {
          // Its "version" is Atlas's name for the desired state ("schema"), which the operator
          // replays on its dev database to plan: no migration of the service's failed.
          String file =
              inspection
                  .service()
                  .schemaFile()
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "an AtlasSchema kit generated carries the service's schema file"));
          return Inspection.finding(
              object,
              column(object),
              Health.DEGRADED,
              "failed: a statement of the desired schema, on the operator's dev database: "
                  + failure.get().error(),
              "correct the statement in "
                  + file
                  + " (kit writes it into "
                  + object.path()
                  + "), run mvn kit:generate and sync again; kubectl describe atlasschema "
                  + object.name()
                  + " -n "
                  + object.namespace()
                  + " has the operator's message",
              facts);
        }
        if (failure.isPresent()) {
          // An AtlasMigration has no tx mode (its CRD has none): Atlas's default, a transaction
          // per file, unless a file's directive says otherwise.
          JobReader.Located located =
              JobReader.locate(failure.get(), inspection.service(), TxMode.FILE);
          return Inspection.finding(
              object,
              column(object),
              Health.DEGRADED,
              "failed: " + located.where() + failure.get().error(),
              located.fix()
                  + "; kubectl describe "
                  + object.kind().toLowerCase(java.util.Locale.ROOT)
                  + " "
                  + object.name()
                  + " -n "
                  + object.namespace()
                  + " has the operator's message",
              facts);
        }
        if (isMigration && AtlasApplyLog.isChecksumMismatch(message)) {
          return Inspection.finding(
              object,
              column(object),
              Health.DEGRADED,
              "failed: " + said,
              JobReader.checksumFix(inspection.service())
                  + "; kubectl describe atlasmigration "
                  + object.name()
                  + " -n "
                  + object.namespace()
                  + " has the operator's message",
              facts);
        }
        return Inspection.finding(
            object,
            column(object),
            Health.DEGRADED,
            "failed: " + said,
            "kubectl describe "
                + object.kind().toLowerCase(java.util.Locale.ROOT)
                + " "
                + object.name()
                + " -n "
                + object.namespace()
                + " and the operator's log say more",
            facts);
      }
    }
  }

  /**
   * Where to approve: an AtlasMigration's {@code status.approvalUrl}; an AtlasSchema has none, but
   * its plan's Atlas Cloud page ({@code planLink}) or else the plan's URL ({@code planURL}).
   */
  private static String approval(PlannedObject object, JsonNode status) {
    if (object.kind().equals("AtlasMigration")) {
      return status.path("approvalUrl").asString("its approval URL");
    }
    String link = status.path("planLink").asString("");
    return link.isEmpty() ? status.path("planURL").asString("its plan's URL") : link;
  }
}
