package dev.kit.status;

import tools.jackson.databind.JsonNode;

/**
 * A CloudNativePG {@code Pooler}: its type and the ready PgBouncer pods of the Deployment the
 * operator makes for it (named after the Pooler), a failed {@code status.phase} with its reason,
 * and a paused PgBouncer ({@code spec.pgbouncer.paused}, phase {@code paused}), which waits for a
 * person (CRD {@code postgresql.cnpg.io_poolers}).
 */
final class PoolerReader implements KindReader {

  @Override
  public boolean reads(PlannedObject object) {
    return object.group().equals("postgresql.cnpg.io") && object.kind().equals("Pooler");
  }

  @Override
  public Column column(PlannedObject object) {
    return Column.POOLERS;
  }

  @Override
  public Finding read(PlannedObject object, JsonNode live, Inspection inspection) {
    String type = live.path("spec").path("type").asString("rw");
    String phase = live.path("status").path("phase").asString("");
    String reason = live.path("status").path("phaseReason").asString("");
    if (phase.equals("failed")) {
      return Inspection.finding(
          object,
          column(object),
          Health.DEGRADED,
          type + " failed" + (reason.isEmpty() ? "" : ": " + reason),
          "kubectl describe pooler " + object.name() + " -n " + object.namespace(),
          Inspection.facts("type", type, "phase", phase, "phaseReason", reason));
    }
    if (phase.equals("paused") || live.path("spec").path("pgbouncer").path("paused").asBoolean()) {
      return Inspection.finding(
          object,
          column(object),
          Health.SUSPENDED,
          type + " paused",
          "PgBouncer holds client connections while paused: unset spec.pgbouncer.paused (kubectl"
              + " patch pooler "
              + object.name()
              + " -n "
              + object.namespace()
              + " --type json -p '[{\"op\": \"remove\", \"path\": \"/spec/pgbouncer/paused\"}]')",
          Inspection.facts("type", type, "phase", phase, "paused", true));
    }
    return inspection
        .cluster()
        .get("apps/v1", "Deployment", object.namespace(), object.name())
        .map(
            deployment -> {
              WorkloadReader.Rollout rollout =
                  WorkloadReader.rollout(deployment, inspection.cluster());
              return Inspection.finding(
                  object,
                  column(object),
                  rollout.health(),
                  type
                      + " "
                      + rollout.ready()
                      + "/"
                      + rollout.desired()
                      + (rollout.why().isEmpty() ? "" : ": " + rollout.why()),
                  rollout.health() == Health.HEALTHY
                      ? ""
                      : "PgBouncer pods of "
                          + object.name()
                          + " are not all ready"
                          + " (kubectl get pods -l cnpg.io/poolerName="
                          + object.name()
                          + " -n "
                          + object.namespace()
                          + ")",
                  Inspection.facts(
                      "type",
                      type,
                      "phase",
                      phase,
                      "instances",
                      rollout.desired(),
                      "readyInstances",
                      rollout.ready()));
            })
        .orElseGet(
            () ->
                Inspection.finding(
                    object,
                    column(object),
                    Health.PROGRESSING,
                    type + " starting",
                    "CloudNativePG has not created its Deployment yet (it waits for the Cluster)",
                    Inspection.facts("type", type, "phase", phase)));
  }
}
