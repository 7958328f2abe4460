package dev.kit.status;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A CloudNativePG {@code Cluster}: its phase and the reason, ready instances, the current primary
 * ({@code status} in cloudnative-pg {@code api/v1/cluster_types.go}, CRD {@code
 * test-data/crds/postgresql.cnpg.io}). The last backup and first recoverability point come from
 * {@code status.lastSuccessfulBackup} and {@code firstRecoverabilityPoint} only for in-tree Barman
 * Cloud backups: the CRD marks both deprecated and not set for backup plugins, whose {@code
 * ObjectStore} reports them instead ({@link BarmanObjectStoreReader}). A failing WAL archive or a
 * failed last backup leaves the phase healthy: its conditions ({@code ContinuousArchiving}, {@code
 * LastBackupSucceeded}) make it Degraded here, kit's backup check, which Argo CD does not make.
 */
final class CnpgClusterReader implements KindReader {

  private static final String HEALTHY = "Cluster in healthy state";
  private static final String WAITING_FOR_USER = "Waiting for user action";

  /**
   * False with reason ContinuousArchivingFailing when a WAL file was not archived, in-tree or by a
   * plugin (cloudnative-pg {@code internal/cmd/manager/walarchive}); True again on the next one.
   */
  private static final String ARCHIVING = "ContinuousArchiving";

  /**
   * False when the last backup failed, and also while one starts (reason {@code BackupStarted}).
   */
  private static final String LAST_BACKUP = "LastBackupSucceeded";

  private static final String BACKUP_STARTED = "BackupStarted";

  /**
   * The archiving error of an instance that is no longer the primary: a switchover passes, and the
   * new primary's next WAL file sets the condition again (walarchive's errSwitchoverInProgress).
   */
  private static final String SWITCHOVER = "switchover in progress";

  /** The reasons of the hibernation condition while the operator takes the pods down. */
  private static final Set<String> HIBERNATING =
      Set.of("DeletingPods", "WaitingPodsDeletion", "WaitingForHealthy");

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
    JsonNode archiving = failed(status, ARCHIVING);
    if (archiving != null && archiving.path("message").asString("").contains(SWITCHOVER)) {
      archiving = null;
    }
    JsonNode backup = failed(status, LAST_BACKUP);
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
            recoverableFrom,
            "archivingError",
            Optional.ofNullable(archiving).map(c -> c.path("message").asString("")),
            "backupError",
            Optional.ofNullable(backup).map(c -> c.path("message").asString("")));

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
      fix = hibernationFix(hibernationReason(status), live, object);
    } else if (phase.equals(HEALTHY)) {
      // Healthy whatever readyInstances says, as kit's Argo CD check and Argo CD's own call it; the
      // ready count below shows a replica that is not ready. Archiving and backups are kit's own
      // check: the phase stays healthy while they fail.
      long generation = live.path("metadata").path("generation").asLong(0);
      List<String> failures = new ArrayList<>();
      boolean current = false;
      List<String> refused = refusedRoles(live);
      List<String> waiting = waitingRoles(live);
      if (!refused.isEmpty()) {
        failures.add("managed roles CloudNativePG cannot reconcile: " + String.join(", ", refused));
        current = true;
      }
      if (archiving != null) {
        failures.add("WAL archiving failing: " + archiving.path("message").asString(""));
        current = !stale(archiving, generation);
      }
      if (backup != null) {
        failures.add("last backup failed: " + backup.path("message").asString(""));
        current |= !stale(backup, generation);
      }
      if (failures.isEmpty() && !waiting.isEmpty()) {
        // As kit's Argo CD check: the next wave's migrations grant to them.
        health = Health.PROGRESSING;
        parts.add("waiting for the managed roles " + String.join(", ", waiting));
        fix = rolesFix(live, object, waiting);
      } else if (failures.isEmpty()) {
        health = Health.HEALTHY;
      } else if (!current) {
        // As a Workspace's Synced: a failure reported for an older generation may be fixed already.
        health = Health.PROGRESSING;
        parts.addAll(failures);
        fix =
            "CloudNativePG reported this before generation "
                + generation
                + " of the spec; it reports again with the next WAL file or backup";
      } else {
        health = Health.DEGRADED;
        parts.addAll(failures);
        List<String> steps = new ArrayList<>();
        if (!refused.isEmpty()) {
          steps.add(
              "PostgreSQL refuses what the Cluster asks of a managed role: a dropRole(...) of a"
                  + " role that still owns objects or holds privileges needs them reassigned or"
                  + " revoked first (or keep the role); kubectl cnpg status "
                  + object.name()
                  + " -n "
                  + object.namespace()
                  + " lists the roles");
        }
        if (archiving != null) {
          steps.add(
              "kubectl cnpg status "
                  + object.name()
                  + " -n "
                  + object.namespace()
                  + " shows the archiving error (credentials, bucket, network); until a WAL file"
                  + " is archived the primary keeps it in pg_wal, and point-in-time recovery stops"
                  + " at the last one archived");
        }
        if (backup != null) {
          steps.add(
              "kubectl get backups -n "
                  + object.namespace()
                  + " shows the failed Backup and its error");
        }
        fix =
            (archiving == null && backup == null
                    ? "kit's Argo CD check says the same: "
                    : "kit's backup check, not Argo CD's (the phase stays healthy): ")
                + String.join("; ", steps);
      }
    } else if (phase.equals(WAITING_FOR_USER)) {
      health = Health.SUSPENDED;
      parts.add(phase(phase, reason));
      // Its documented steps (docs/src/rolling_update.md, supervised): a switchover to an updated
      // replica, or a restart of the primary alone; a restart of the cluster restarts every
      // instance.
      String instance = primary.isEmpty() ? "<current primary>" : primary;
      fix =
          "a supervised update waits for the primary: switch over with kubectl cnpg promote "
              + object.name()
              + " <updated replica> -n "
              + object.namespace()
              + ", or restart it in place with kubectl cnpg restart "
              + object.name()
              + " "
              + instance
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
    for (JsonNode role : spec.path("managed").path("roles").values()) {
      String secret = role.path("passwordSecret").path("name").asString("");
      if (!secret.isEmpty() && !role.path("ensure").asString("").equals("absent")) {
        secrets.add(
            new Needs.SecretUse(
                object.namespace(),
                secret,
                new TreeSet<>(List.of("password", "username")),
                "the Cluster "
                    + object.name()
                    + " (managed role "
                    + role.path("name").asString()
                    + ")",
                // CNPG reads the basic-auth format, and refuses a username that is not the role's.
                Optional.of("kubernetes.io/basic-auth"),
                Map.of("username", role.path("name").asString()),
                Map.of(
                    "cnpg.io/reload",
                    new Needs.Label(
                        "true",
                        "CloudNativePG applies a new password from an unlabelled Secret only at"
                            + " its next resync, while the pods that read the Secret get the new"
                            + " one at their next start and fail to log in until then"))));
      }
    }
    return new Needs(
        classes,
        secrets,
        SECRETS.stream().map(suffix -> object.name() + suffix).toList(),
        List.of());
  }

  /**
   * The managed roles in {@code status.managedRolesStatus.cannotReconcile}, each with PostgreSQL's
   * refusal, sorted: what the primary's instance manager could not do and retries to no end.
   */
  private static List<String> refusedRoles(JsonNode live) {
    List<String> refused = new ArrayList<>();
    if (!live.path("spec").path("managed").path("roles").isArray()) {
      return refused;
    }
    JsonNode cannot = live.path("status").path("managedRolesStatus").path("cannotReconcile");
    for (Map.Entry<String, JsonNode> role : cannot.properties()) {
      List<String> errors = new ArrayList<>();
      for (JsonNode error : role.getValue().values()) {
        errors.add(error.asString(""));
      }
      refused.add(role.getKey() + " (" + String.join("; ", errors) + ")");
    }
    refused.sort(null);
    return refused;
  }

  /**
   * The roles of {@code spec.managed.roles} CloudNativePG has not reconciled yet, in the spec's
   * order: a role kept that {@code byStatus} does not list reconciled, or one listed pending.
   */
  private static List<String> waitingRoles(JsonNode live) {
    JsonNode byStatus = live.path("status").path("managedRolesStatus").path("byStatus");
    Set<String> reconciled = new HashSet<>();
    for (JsonNode name : byStatus.path("reconciled").values()) {
      reconciled.add(name.asString(""));
    }
    Set<String> pending = new HashSet<>();
    for (JsonNode name : byStatus.path("pending-reconciliation").values()) {
      pending.add(name.asString(""));
    }
    List<String> waiting = new ArrayList<>();
    for (JsonNode role : live.path("spec").path("managed").path("roles").values()) {
      String name = role.path("name").asString("");
      boolean kept = !role.path("ensure").asString("").equals("absent");
      if (pending.contains(name) || (kept && !reconciled.contains(name))) {
        waiting.add(name);
      }
    }
    return waiting;
  }

  /**
   * What to look at while roles wait: the primary reconciles them about every minute, and a role
   * with a password waits for its Secret, which must be basic-auth with the role's name as {@code
   * username}.
   */
  private static String rolesFix(JsonNode live, PlannedObject object, List<String> waiting) {
    List<String> secrets = new ArrayList<>();
    for (JsonNode role : live.path("spec").path("managed").path("roles").values()) {
      String secret = role.path("passwordSecret").path("name").asString("");
      if (!secret.isEmpty() && waiting.contains(role.path("name").asString(""))) {
        secrets.add(secret);
      }
    }
    return "CloudNativePG reconciles managed roles on the primary about every minute"
        + (secrets.isEmpty()
            ? ""
            : "; a role with a password waits for its Secret: kubectl get secret "
                + String.join(" ", secrets)
                + " -n "
                + object.namespace()
                + " (type kubernetes.io/basic-auth, username the role's name)")
        + "; if it stays so, the operator's log on the primary says why (kubectl cnpg status "
        + object.name()
        + " -n "
        + object.namespace()
        + ")";
  }

  private static String phase(String phase, String reason) {
    return reason.isEmpty() ? phase : phase + ": " + reason;
  }

  /**
   * What the {@code cnpg.io/hibernation} condition says (cloudnative-pg {@code
   * pkg/reconciler/hibernation}), or empty.
   */
  private static String hibernation(JsonNode status) {
    JsonNode condition = Inspection.condition(status, "cnpg.io/hibernation");
    if (condition == null) {
      return "";
    }
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

  private static String hibernationReason(JsonNode status) {
    JsonNode condition = Inspection.condition(status, "cnpg.io/hibernation");
    return condition == null ? "" : condition.path("reason").asString("");
  }

  /**
   * What to do by the condition's reason. CloudNativePG removes the condition once the annotation
   * is off, so one still there with the annotation off means the operator has not caught up: it
   * wakes the cluster on its next reconcile, and "set it to off" would be wrong.
   */
  private static String hibernationFix(String reason, JsonNode live, PlannedObject object) {
    String annotation =
        live.path("metadata").path("annotations").path("cnpg.io/hibernation").asString("");
    if (reason.equals("WrongAnnotationValue")) {
      return "set the cnpg.io/hibernation annotation to on or off";
    }
    if (!annotation.equals("on")) {
      return "the annotation cnpg.io/hibernation is "
          + (annotation.isEmpty() ? "gone" : annotation)
          + ": the operator wakes the cluster on its next reconcile; if it stays so, kubectl cnpg"
          + " status "
          + object.name()
          + " -n "
          + object.namespace();
    }
    if (reason.equals("Hibernated")) {
      return "the annotation cnpg.io/hibernation: on keeps it down; set it to off to wake it";
    }
    if (HIBERNATING.contains(reason)) {
      return "the annotation cnpg.io/hibernation: on is taking it down (pods go, volumes stay);"
          + " set it to off to keep it up";
    }
    return "the annotation cnpg.io/hibernation is on; kubectl cnpg status "
        + object.name()
        + " -n "
        + object.namespace()
        + " says more";
  }

  /**
   * The condition of {@code type} when it reports a failure: False, and not a backup that is only
   * starting. Null otherwise.
   */
  private static @Nullable JsonNode failed(JsonNode status, String type) {
    JsonNode condition = Inspection.condition(status, type);
    if (condition == null
        || !condition.path("status").asString("").equals("False")
        || condition.path("reason").asString("").equals(BACKUP_STARTED)) {
      return null;
    }
    return condition;
  }

  /**
   * Whether the condition says it describes an older generation of the spec. CloudNativePG leaves
   * observedGeneration out of these conditions today; one that carries it is read like a
   * Workspace's Synced.
   */
  private static boolean stale(JsonNode condition, long generation) {
    return condition.path("observedGeneration").isNumber()
        && condition.path("observedGeneration").asLong() < generation;
  }
}
