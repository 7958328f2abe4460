package dev.kit.maven;

import dev.kit.model.Kit;
import dev.kit.plan.FilePlan;
import dev.kit.status.ClusterStatus;
import dev.kit.status.DoctorReport;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Checks, before the first sync or when one hangs, that the cluster has what the generated tree
 * needs: the CRDs, the platform's operators running, the storage classes, the Secrets it reads but
 * does not create (their keys), kit's health checks in {@code argocd-cm}, and namespaces whose Pod
 * Security level admits its pods. Each finding names the services it affects and the fix; fails
 * when one is wrong. Reads only.
 */
@Mojo(
    name = "doctor",
    threadSafe = true,
    requiresDependencyResolution = ResolutionScope.TEST,
    requiresProject = true)
@Execute(phase = LifecyclePhase.TEST_COMPILE)
public final class DoctorMojo extends ClusterMojo {

  /** Skips {@code kit:doctor}. */
  @Parameter(property = "kit.doctor.skip", defaultValue = "false")
  private boolean skip;

  @Override
  boolean skip() {
    return skip;
  }

  @Override
  String skipProperty() {
    return "kit.doctor.skip";
  }

  @Override
  Report read(ClusterStatus cluster, Kit kit, FilePlan plan) {
    DoctorReport report = cluster.doctor(kit, plan);
    return new Report(report.text(), report.json(), report.passed(), report.summary());
  }
}
