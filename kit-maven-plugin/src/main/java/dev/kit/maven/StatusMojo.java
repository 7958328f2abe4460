package dev.kit.maven;

import dev.kit.model.Kit;
import dev.kit.plan.FilePlan;
import dev.kit.status.ClusterStatus;
import dev.kit.status.StatusReport;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Prints the live state of every service: its Argo CD Application, database, migrations, poolers
 * and app, as the cluster reports them against what kit generates, with what to do about each
 * object that is not healthy. Fails when a service is not healthy. Reads only (get, list, a failed
 * migration pod's log).
 */
@Mojo(
    name = "status",
    threadSafe = true,
    requiresDependencyResolution = ResolutionScope.TEST,
    requiresProject = true)
@Execute(phase = LifecyclePhase.TEST_COMPILE)
public final class StatusMojo extends ClusterMojo {

  /** Skips {@code kit:status}. */
  @Parameter(property = "kit.status.skip", defaultValue = "false")
  private boolean skip;

  @Override
  boolean skip() {
    return skip;
  }

  @Override
  String skipProperty() {
    return "kit.status.skip";
  }

  @Override
  Report read(ClusterStatus cluster, Kit kit, FilePlan plan) {
    StatusReport report = cluster.status(kit, plan);
    return new Report(report.table(), report.json(), report.healthy(), report.summary());
  }
}
