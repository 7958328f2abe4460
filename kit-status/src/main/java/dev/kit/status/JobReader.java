package dev.kit.status;

import dev.kit.migration.AtlasFileDirectives;
import dev.kit.model.TxMode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A {@code Job}, kit's migration Job in particular: failed, suspended, complete or running ({@code
 * status.conditions}, {@code active}), in Argo CD's order; when it failed and ran {@code atlas
 * migrate apply}, the failing migration file, line and error from the newest failed pod's log
 * ({@link AtlasApplyLog}). A completed Job that ran the migrations kit generated now (its pod
 * template's {@code kit.dev/migrations} annotation is the planned one) has applied the newest of
 * them.
 */
final class JobReader implements KindReader {

  /** What kit annotates the Job's pods with: a digest of the migrations it carries. */
  private static final String MIGRATIONS = "kit.dev/migrations";

  /** The migration Job's container in kit's template (kit-core's MigrationsRenderer). */
  private static final String ATLAS_CONTAINER = "atlas";

  /** Enough of Atlas's report to hold the failing file's statements and the error at its end. */
  private static final int LOG_LINES = 400;

  @Override
  public boolean reads(PlannedObject object) {
    return object.group().equals("batch") && object.kind().equals("Job");
  }

  @Override
  public Finding read(PlannedObject object, JsonNode live, Inspection inspection) {
    JsonNode status = live.path("status");
    String failed = condition(status, "Failed");
    String planned =
        object
            .body()
            .path("spec")
            .path("template")
            .path("metadata")
            .path("annotations")
            .path(MIGRATIONS)
            .asString("");
    String ran =
        live.path("spec")
            .path("template")
            .path("metadata")
            .path("annotations")
            .path(MIGRATIONS)
            .asString("");
    boolean current = planned.equals(ran);
    // Argo CD's order (gitops-engine health_job.go): Failed, then Suspended, then Complete or a
    // Suspended condition that is False (a resumed Job), which it calls Healthy.
    if (failed != null && !current) {
      // Its log names files and lines of an older set: the current files would mislead.
      return Inspection.finding(
          object,
          column(object),
          Health.DEGRADED,
          "failed on an older set of migrations: " + failed,
          "the next sync runs the Job again with the migrations kit generated now",
          Inspection.facts("phase", "Failed", "reason", failed, "current", false));
    }
    if (failed != null) {
      return failure(object, failed, inspection);
    }
    if (condition(status, "Suspended") != null) {
      return Inspection.finding(
          object,
          column(object),
          Health.SUSPENDED,
          "suspended",
          "spec.suspend holds the Job (a queue such as Kueue, or a person); it runs once resumed",
          Inspection.facts("phase", "Suspended"));
    }
    if (condition(status, "Complete") != null) {
      Optional<String> newest = inspection.service().newestVersion();
      if (!current) {
        return Inspection.finding(
            object,
            column(object),
            Health.PROGRESSING,
            "ran an older set of migrations",
            "the next sync runs the Job again with the migrations kit generated now",
            Inspection.facts("phase", "Complete", "current", false));
      }
      return Inspection.finding(
          object,
          column(object),
          Health.HEALTHY,
          newest.map(version -> version + " applied").orElse("complete"),
          "",
          Inspection.facts("phase", "Complete", "current", true, "version", newest));
    }
    int active = status.path("active").asInt(0);
    if (Inspection.condition(status, "Suspended") != null) {
      // Argo CD calls a resumed Job Healthy before it completes (health_job.go); kit says so too.
      return Inspection.finding(
          object,
          column(object),
          Health.HEALTHY,
          "resumed, " + (active > 0 ? "running" : "pending"),
          "",
          Inspection.facts("phase", active > 0 ? "Running" : "Pending", "resumed", true));
    }
    return Inspection.finding(
        object,
        column(object),
        Health.PROGRESSING,
        active > 0
            ? "running"
                + (status.path("failed").asInt(0) > 0
                    ? " (attempt " + (status.path("failed").asInt(0) + 1) + ")"
                    : "")
            : "pending",
        "the migrations are being applied; the app's wave waits for them",
        Inspection.facts(
            "phase",
            active > 0 ? "Running" : "Pending",
            "failedPods",
            status.path("failed").asInt(0)));
  }

  private Finding failure(PlannedObject object, String reason, Inspection inspection) {
    String logs =
        "kubectl logs job/"
            + object.name()
            + " -n "
            + object.namespace()
            + " -c "
            + container(object); // a sidecar listed first would be kubectl's default
    Optional<JsonNode> pod = newestFailedPod(object, inspection.cluster());
    Optional<AtlasApplyLog.Failure> atlas = Optional.empty();
    String logError = "";
    boolean forbidden = false;
    if (pod.isPresent()) {
      try {
        atlas =
            AtlasApplyLog.failure(
                inspection
                    .cluster()
                    .log(
                        object.namespace(),
                        pod.get().path("metadata").path("name").asString(),
                        container(object),
                        LOG_LINES));
      } catch (ClusterAccessException e) {
        // Without the log the Job still failed: say so, and leave the rest of the run alone. Only
        // rejected credentials stop it: every other read would fail the same way.
        if (e.credentialsRejected()) {
          throw e;
        }
        forbidden = e.forbidden();
        logError = String.valueOf(e.getMessage());
      }
    }
    if (atlas.isEmpty()) {
      return Inspection.finding(
          object,
          column(object),
          Health.DEGRADED,
          "Job failed: " + reason,
          forbidden
              // kubectl logs, as the same user, would be refused too.
              ? "kit could not read the log (forbidden: grant get pods/log in namespace "
                  + object.namespace()
                  + "); then "
                  + logs
                  + " shows why; fix it, then sync again"
              : logs
                  + " shows why"
                  + (logError.isEmpty() ? "" : " (kit could not read it: " + logError + ")")
                  + "; fix it, then sync again",
          Inspection.facts("phase", "Failed", "reason", reason, "logError", logError));
    }
    AtlasApplyLog.Failure failure = atlas.get();
    Located located = locate(failure, inspection.service(), txMode(object));
    return Inspection.finding(
        object,
        column(object),
        Health.DEGRADED,
        "failed: " + located.where() + failure.error(),
        located.fix() + "; " + logs + " has the whole run",
        Inspection.facts(
            "phase",
            "Failed",
            "reason",
            reason,
            "version",
            failure.version(),
            "file",
            located.file(),
            "line",
            located.line(),
            "error",
            failure.error()));
  }

  /** Where a failed statement is in the service's migrations, and what to do about it. */
  record Located(String where, Optional<String> file, Optional<Integer> line, String fix) {}

  /**
   * Where the failed statement is, and what the next run does with the file: by Atlas's rules under
   * the run's {@code --tx-mode} {@code global} and the file's {@code atlas:txmode}, PostgreSQL
   * rolls back a file (or the whole run) that runs in a transaction, so the next run starts it
   * over; only a file without one resumes at the failed statement.
   */
  static Located locate(
      AtlasApplyLog.Failure failure, GeneratedTree.ServiceTree service, TxMode global) {
    Optional<String> name = failure.version().flatMap(service::fileOf);
    if (failure.version().isEmpty() && AtlasApplyLog.isChecksumMismatch(failure.error())) {
      return new Located("", Optional.empty(), Optional.empty(), checksumFix(service));
    }
    if (name.isEmpty()) {
      return new Located(
          failure.version().map(v -> "version " + v + ": ").orElse(""),
          Optional.empty(),
          Optional.empty(),
          failure.version().isPresent()
              ? "the failing version is not among the migrations kit generated now"
              : "Atlas stopped before it ran a statement (the connection, atlas.sum, the revisions table)");
    }
    String file = service.migrationsPath() + "/" + name.get();
    String sql = Objects.requireNonNull(service.migrations().get(name.get()));
    Optional<Integer> line = AtlasApplyLog.line(sql, failure);
    String rerun =
        switch (txMode(sql, global, name.get())) {
          case NONE ->
              "Atlas resumes at the failed statement; the file runs without a transaction, so the"
                  + " statements before it stay applied";
          case ALL -> "the run was rolled back, and the next one applies every pending file again";
          case FILE ->
              "the file was rolled back, and the next run applies it from its first statement";
        };
    return new Located(
        file + line.map(l -> ":" + l).orElse("") + ": ",
        Optional.of(file),
        line,
        "correct the statement or the state it expects, then sync again: "
            + rerun
            + " (a migration that ran elsewhere must not change: add a new one instead)");
  }

  /**
   * What to do when Atlas refuses the migration directory because its files do not match {@code
   * atlas.sum}: kit writes that file, so a file changed after {@code mvn kit:generate}, or a
   * migration that already ran was edited (which {@code mvn kit:check}'s history guard refuses).
   */
  static String checksumFix(GeneratedTree.ServiceTree service) {
    return "the migrations do not match "
        + service.migrationsPath()
        + "/atlas.sum (a file changed after mvn kit:generate wrote it, or a migration that already"
        + " ran was edited): put back any applied migration that changed (mvn kit:check names it)"
        + " and make the change in a new one, run mvn kit:generate to rewrite atlas.sum, commit,"
        + " then sync again";
  }

  /** The mode Atlas ran the file in; the run's own when Atlas would have refused the file. */
  private static TxMode txMode(String sql, TxMode global, String name) {
    try {
      return AtlasFileDirectives.read(sql).txMode(global, name);
    } catch (IllegalArgumentException e) {
      return global;
    }
  }

  /** The mode Atlas's {@code --tx-mode} flag names; Atlas's default {@code file} for another. */
  private static TxMode txModeOf(String flag) {
    for (TxMode mode : TxMode.values()) {
      if (mode.flag().equals(flag)) {
        return mode;
      }
    }
    return TxMode.FILE;
  }

  /**
   * The {@code --tx-mode} the planned Job passes to Atlas; Atlas's default {@code file} without.
   */
  private static TxMode txMode(PlannedObject job) {
    JsonNode containers = job.body().path("spec").path("template").path("spec").path("containers");
    String name = container(job);
    for (JsonNode each : containers.values()) {
      if (!each.path("name").asString("").equals(name)) {
        continue;
      }
      List<JsonNode> args = List.copyOf(each.path("args").values());
      for (int i = 0; i + 1 < args.size(); i++) {
        if (args.get(i).asString("").equals("--tx-mode")) {
          return txModeOf(args.get(i + 1).asString(""));
        }
      }
    }
    return TxMode.FILE;
  }

  /**
   * The container that runs {@code atlas migrate apply}: {@code atlas} in the Job kit generates,
   * also where a patch added a container before it; else the first of the planned pod template.
   */
  private static String container(PlannedObject job) {
    JsonNode containers = job.body().path("spec").path("template").path("spec").path("containers");
    for (JsonNode each : containers.values()) {
      if (each.path("name").asString("").equals(ATLAS_CONTAINER)) {
        return ATLAS_CONTAINER;
      }
    }
    return containers.path(0).path("name").asString(ATLAS_CONTAINER);
  }

  private static Optional<JsonNode> newestFailedPod(PlannedObject job, ReadOnlyCluster cluster) {
    List<JsonNode> pods =
        cluster.list("v1", "Pod", job.namespace(), Map.of("job-name", job.name()));
    return pods.stream()
        .filter(pod -> pod.path("status").path("phase").asString("").equals("Failed"))
        .max(
            Comparator.comparing(
                    (JsonNode pod) -> pod.path("metadata").path("creationTimestamp").asString(""))
                .thenComparing(pod -> pod.path("metadata").path("name").asString()));
  }

  /** The reason (or message) of a true condition of {@code type}, or null. */
  private static @Nullable String condition(JsonNode status, String type) {
    JsonNode condition = Inspection.condition(status, type);
    if (condition == null || !condition.path("status").asString("").equals("True")) {
      return null;
    }
    String reason = condition.path("reason").asString("");
    return reason.isEmpty() ? condition.path("message").asString("") : reason;
  }
}
