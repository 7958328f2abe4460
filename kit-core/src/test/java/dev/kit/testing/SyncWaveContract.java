package dev.kit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The DESIGN.md sync-wave contract, asserted on one service's manifests folder. */
public final class SyncWaveContract {

  private SyncWaveContract() {}

  /**
   * Asserts: the Cluster (when kit runs the database) comes before the migration Job and has a
   * lower wave; the Job is a Sync hook (never PreSync) with BeforeHookCreation and no TTL, and
   * comes before (with a lower wave than) every application object (the user's own, and kit's
   * generated app); annotations hold values Argo CD accepts.
   */
  public static void assertHolds(Path manifests) {
    List<ArgoSyncOrder.Step> steps = ArgoSyncOrder.of(manifests);
    // The database: a CNPG Cluster, or a Workspace that creates a PlanetScale branch; a database
    // kit does not run has
    // neither. Either is at a wave before the migrations.
    boolean hasCluster =
        steps.stream().anyMatch(s -> s.kind().equals("Cluster") || s.kind().equals("Workspace"));
    ArgoSyncOrder.Step cluster =
        hasCluster
            ? only(
                steps,
                steps.stream().anyMatch(s -> s.kind().equals("Cluster")) ? "Cluster" : "Workspace")
            : null;
    int clusterAt = steps.indexOf(cluster);
    for (ArgoSyncOrder.Step step : steps) {
      String wave = step.annotation("argocd.argoproj.io/sync-wave");
      if (wave != null) {
        assertThat(wave).as("sync-wave of %s is an integer", step).matches("-?[0-9]+");
      }
      ArgoSyncOrder.ALLOWED_VALUES.forEach(
          (key, allowed) -> {
            String value = step.annotation(key);
            if (value != null) {
              assertThat(List.of(value.split(",")))
                  .as("%s of %s", key, step)
                  .allMatch(allowed::contains);
            }
          });
    }
    List<ArgoSyncOrder.Step> migrationSteps =
        steps.stream()
            .filter(s -> List.of("Job", "AtlasMigration", "AtlasSchema").contains(s.kind()))
            .toList();
    if (migrationSteps.isEmpty()) {
      return; // a service without migrations
    }
    assertThat(migrationSteps).as("one migration step in %s", manifests).hasSize(1);
    ArgoSyncOrder.Step job = migrationSteps.get(0);
    if (job.kind().equals("Job")) {
      assertThat(job.phase()).as("migration Job hook of %s", manifests).isEqualTo("Sync");
      assertThat(job.annotation("argocd.argoproj.io/hook-delete-policy"))
          .isEqualTo("BeforeHookCreation");
      assertThat(job.object().path("spec").has("ttlSecondsAfterFinished"))
          .as("TTL on a hook Job")
          .isFalse();
    } else {
      // The Atlas operator's resources are plain resources with built-in health: gated by their
      // wave.
      assertThat(job.isHook()).as("%s is not a hook", job).isFalse();
    }
    int jobAt = steps.indexOf(job);
    if (hasCluster) {
      assertThat(cluster.wave()).as("%s wave below the Job's", cluster).isLessThan(job.wave());
      assertThat(clusterAt).as("%s before the Job in %s", cluster, steps).isLessThan(jobAt);
    }
    for (ArgoSyncOrder.Step step : steps) {
      JsonNode labels = step.object().path("metadata").path("labels");
      boolean generated = "kit".equals(labels.path("app.kubernetes.io/managed-by").asString(""));
      boolean application =
          !generated || "app".equals(labels.path("app.kubernetes.io/component").asString(""));
      if (application) {
        assertThat(steps.indexOf(step)).as("%s after the migration Job", step).isGreaterThan(jobAt);
        assertThat(step.wave()).as("%s wave above the Job's", step).isGreaterThan(job.wave());
      }
    }
  }

  private static ArgoSyncOrder.Step only(List<ArgoSyncOrder.Step> steps, String kind) {
    List<ArgoSyncOrder.Step> found = steps.stream().filter(s -> s.kind().equals(kind)).toList();
    assertThat(found).as("%s objects", kind).hasSize(1);
    return found.get(0);
  }
}
