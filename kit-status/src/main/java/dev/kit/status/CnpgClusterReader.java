package dev.kit.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A CloudNativePG {@code Cluster}: its phase and the reason, ready instances, the current primary
 * ({@code status} in cloudnative-pg {@code api/v1/cluster_types.go}, CRD {@code
 * test-data/crds/postgresql.cnpg.io}). The last backup and first recoverability point come from
 * {@code status.lastSuccessfulBackup} and {@code firstRecoverabilityPoint} only for in-tree Barman
 * Cloud backups: the CRD marks both deprecated and not set for backup plugins, whose {@code
 * ObjectStore} reports them instead ({@link BarmanObjectStoreReader}).
 */
final class CnpgClusterReader implements KindReader {

  private static final String HEALTHY = "Cluster in healthy state";
  private static final String WAITING_FOR_USER = "Waiting for user action";

  /**
   * The phases that only a fix ends, as kit's own Argo CD health check (kit-core {@code
   * ArgoHealthChecks.CNPG_PHASES}) calls them Degraded; every other phase but the two above is on
   * its way (a test holds the two lists equal).
   */
  static final Set<String> FAILED_PHASES =
      Set.of(
          "Cluster is unrecoverable and needs manual intervention",
          "Unable to create required cluster objects",
          "Cluster has incomplete or invalid image catalog",
          "Cluster cannot execute instance online upgrade due to missing architecture binary",
          "Cluster cannot proceed to reconciliation due to an error while interacting with plugins",
          "Not enough disk space",
          "Instance Status Extraction Error: HTTP communication issue");

  /**
   * The Secrets CloudNativePG creates for a cluster, by suffix (its docs, "Connecting from an
   * application", "Certificates").
   */
  private static final List<String> SECRETS =
      List.of("-app", "-ca", "-replication", "-server", "-superuser");

  @Override
  public boolean reads(PlannedObject object) {
    return object.group().equals("postgresql.cnpg.io") && object.kind().equals("Cluster");
  }

  @Override
  public Finding read(PlannedObject object, JsonNode live, Inspection inspection) {
    JsonNode status = live.path("status");
    String phase = status.path("phase").asString("");
    String reason = status.path("phaseReason").asString("");
    // status.instances counts PVC groups, which may outnumber the instances (the CRD's words).
    int instances = live.path("spec").path("instances").asInt(1);
    int ready = status.path("readyInstances").asInt(0);
    String primary = status.path("currentPrimary").asString("");
    Optional<String> lastBackup =
        Optional.of(status.path("lastSuccessfulBackup").asString("")).filter(s -> !s.isEmpty());
    Optional<String> recoverableFrom =
        Optional.of(status.path("firstRecoverabilityPoint").asString("")).filter(s -> !s.isEmpty());
    Map<String, Object> facts =
        Inspection.facts(
            "phase",
            phase,
            "phaseReason",
            reason,
            "instances",
            instances,
            "readyInstances",
            ready,
            "currentPrimary",
            primary,
            "lastSuccessfulBackup",
            lastBackup,
            "firstRecoverabilityPoint",
            recoverableFrom);

    List<String> parts = new ArrayList<>();
    Health health;
    String fix = "";
    String hibernation = hibernation(status);
    if ("disabled"
        .equals(
            live.path("metadata")
                .path("annotations")
                .path("cnpg.io/reconciliationLoop")
                .asString(""))) {
      health = Health.SUSPENDED;
      parts.add("reconciliation disabled");
      fix =
          "the annotation cnpg.io/reconciliationLoop: disabled stops the operator; remove it to go on";
    } else if (phase.isEmpty()) {
      health = Health.PROGRESSING;
      parts.add("waiting for the CloudNativePG operator");
      fix =
          "the operator has not reconciled it yet; if it stays so, check the operator (mvn kit:doctor)";
    } else if (!hibernation.isEmpty()) {
      // As kit's Argo CD check: hibernated waits for a person, an invalid annotation value is a
      // mistake to fix.
      health =
          hibernation.equals("hibernated")
              ? Health.SUSPENDED
              : hibernation.startsWith("hibernation WrongAnnotationValue")
                  ? Health.DEGRADED
                  : Health.PROGRESSING;
      parts.add(hibernation);
      fix =
          health == Health.DEGRADED
              ? "set the cnpg.io/hibernation annotation to on or off"
              : "the annotation cnpg.io/hibernation: on keeps it down; set it to off to wake it";
    } else if (phase.equals(HEALTHY)) {
      // Healthy whatever readyInstances says, as kit's Argo CD check and Argo CD's own call it; the
      // ready count below shows a replica that is not ready.
      health = Health.HEALTHY;
    } else if (phase.equals(WAITING_FOR_USER)) {
      health = Health.SUSPENDED;
      parts.add(phase(phase, reason));
      fix =
          "a supervised update waits: kubectl cnpg promote "
              + object.name()
              + " <instance> -n "
              + object.namespace()
              + ", or kubectl cnpg restart "
              + object.name()
              + " -n "
              + object.namespace();
    } else if (FAILED_PHASES.contains(phase)) {
      health = Health.DEGRADED;
      parts.add(phase(phase, reason));
      fix =
          "kubectl cnpg status "
              + object.name()
              + " -n "
              + object.namespace()
              + " and the operator's log say more; RUNBOOK.md has the steps";
    } else {
      health = Health.PROGRESSING;
      parts.add(phase(phase, reason));
      fix = "the operator is on it; the Application waits for it";
    }
    parts.add(ready + "/" + instances + " ready");
    if (!primary.isEmpty()) {
      parts.add("primary " + primary);
    }
    lastBackup
        .flatMap(Moments::parse)
        .ifPresent(at -> parts.add("last backup " + inspection.moments().at(at)));
    if (health == Health.HEALTHY) {
      fix = "";
    }
    return Inspection.finding(object, column(object), health, String.join(", ", parts), fix, facts);
  }

  @Override
  public Needs needs(PlannedObject object) {
    JsonNode spec = object.body().path("spec");
    List<String> classes = new ArrayList<>();
    for (String volume : List.of("storage", "walStorage")) {
      if (spec.has(volume)) {
        classes.add(spec.path(volume).path("storageClass").asString(""));
      }
    }
    List<Needs.SecretUse> secrets = new ArrayList<>();
    SecretReferences.credentials(
        spec.path("backup").path("barmanObjectStore"),
        object.namespace(),
        "the Cluster " + object.name(),
        secrets);
    for (JsonNode external : spec.path("externalClusters").values()) {
      SecretReferences.credentials(
          external.path("barmanObjectStore"),
          object.namespace(),
          "the Cluster "
              + object.name()
              + " (external cluster "
              + external.path("name").asString()
              + ")",
          secrets);
    }
    return new Needs(
        classes,
        secrets,
        SECRETS.stream().map(suffix -> object.name() + suffix).toList(),
        List.of());
  }

  private static String phase(String phase, String reason) {
    return reason.isEmpty() ? phase : phase + ": " + reason;
  }

  /**
   * What the {@code cnpg.io/hibernation} condition says (cloudnative-pg {@code
   * pkg/reconciler/hibernation}), or empty.
   */
  private static String hibernation(JsonNode status) {
    for (JsonNode condition : status.path("conditions").values()) {
      if (condition.path("type").asString("").equals("cnpg.io/hibernation")) {
        String reason = condition.path("reason").asString("");
        if (condition.path("status").asString("").equals("True") && reason.equals("Hibernated")) {
          return "hibernated";
        }
        return "hibernation "
            + reason
            + (condition.path("message").asString("").isEmpty()
                ? ""
                : ": " + condition.path("message").asString(""));
      }
    }
    return "";
  }
}
