package dev.kit.maven;

import dev.kit.Generator;
import dev.kit.KitDescriptions;
import dev.kit.model.Environment;
import dev.kit.model.Kit;
import dev.kit.plan.FilePlan;
import dev.kit.status.ClusterAccessException;
import dev.kit.status.ClusterStatus;
import dev.kit.write.IoReason;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.jspecify.annotations.Nullable;

/**
 * What {@code kit:status} and {@code kit:doctor} share: plan the description, connect to the
 * cluster the standard way (kubeconfig, {@code -Dkit.context} and {@code -Dkit.argoContext} for
 * Argo CD's own cluster, or the pod's service account), print the report (a table or JSON) to
 * standard output, and fail the build when it is not all good, so both run in CI and on-call
 * scripts.
 */
abstract class ClusterMojo extends DescriptionMojo {

  /**
   * The kubeconfig context of the environment's cluster, where the Applications deploy; by default
   * the current one.
   */
  @Parameter(property = "kit.context")
  private @Nullable String context;

  /**
   * The kubeconfig context of Argo CD's cluster, which holds the Applications, the AppProject and
   * {@code argocd-cm}; by default {@code kit.context}'s, for Argo CD in the environment's cluster.
   */
  @Parameter(property = "kit.argoContext")
  private @Nullable String argoContext;

  /**
   * The environment this cluster runs, when the description has environments (such as {@code
   * prod}).
   */
  @Parameter(property = "kit.environment")
  private @Nullable String environment;

  /** {@code text} (a table or lines, for people) or {@code json} (for machines). */
  @Parameter(property = "kit.format", defaultValue = "text")
  private String format;

  /** Also writes the report to this file (clean for machines, whatever else Maven prints). */
  @Parameter(property = "kit.output")
  private @Nullable File output;

  /** The repository root, where a service's own manifests are read from. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  private File repository;

  /**
   * Refuses, before connecting, a {@code -Dkit.environment} that the description does not have, or
   * none when it has environments: which files to compare with the cluster depends on it.
   */
  static void checkEnvironment(Kit kit, @Nullable String environment) throws MojoFailureException {
    List<String> names = new ArrayList<>();
    for (Environment each : kit.environments()) {
      names.add(each.name());
    }
    if (environment == null && !names.isEmpty()) {
      throw new MojoFailureException(
          "kit: the description has environments "
              + names
              + ": say which one this cluster runs with -Dkit.environment=<one of them>");
    }
    if (environment != null && names.isEmpty()) {
      throw new MojoFailureException(
          "kit: -Dkit.environment="
              + environment
              + ", but the description has no environments; leave -Dkit.environment out");
    }
    if (environment != null && !names.contains(environment)) {
      throw new MojoFailureException(
          "kit: -Dkit.environment="
              + environment
              + " is not an environment of the description; use one of "
              + names);
    }
  }

  /** A report: its text and JSON forms, whether all is well, and its one-line summary. */
  record Report(String text, String json, boolean good, String summary) {}

  /** Reads the cluster for this goal. */
  abstract Report read(ClusterStatus cluster, Kit kit, FilePlan plan);

  @Override
  final void run(Generator generator, KitDescriptions.Loaded description)
      throws MojoExecutionException, MojoFailureException {
    boolean json =
        switch (format.toLowerCase(Locale.ROOT)) {
          case "text" -> false;
          case "json" -> true;
          default ->
              throw new MojoFailureException(
                  "kit: -Dkit.format=" + format + " is not a format; use text or json");
        };
    checkEnvironment(description.kit(), environment);
    FilePlan plan = generator.plan(description.kit());
    // fabric8 warns once per kind that Argo CD's and Atlas's v1alpha1 APIs are "unstable": true,
    // and no news to a reader of kit's output. Maven's logger reads a level per logger from this
    // property (the user's own wins).
    System.getProperties()
        .putIfAbsent(
            "org.slf4j.simpleLogger.log.io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils",
            "error");
    Report report;
    try (ClusterStatus connected =
        ClusterStatus.connect(Optional.ofNullable(context), Optional.ofNullable(argoContext))
            .repository(repository.toPath())) {
      ClusterStatus cluster = environment == null ? connected : connected.environment(environment);
      report = read(cluster, description.kit(), plan);
    } catch (ClusterAccessException e) {
      throw new MojoFailureException(
          e.getMessage()); // one line with the fix; the client's stack is no help
    }
    String printed = json ? report.json() : report.text();
    // The report is the goal's output, not a log line: plain on standard output, in UTF-8 (it has ✓
    // and ✗).
    PrintStream out =
        new PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    out.print(printed);
    out.flush();
    if (output != null) {
      write(output, printed);
    }
    if (!report.good()) {
      throw new MojoFailureException("kit: " + report.summary());
    }
    getLog().info("kit: " + report.summary());
  }

  /** Writes the report to {@code output} ({@code -Dkit.output}), with its folders. */
  static void write(File output, String printed) throws MojoExecutionException {
    try {
      if (output.getParentFile() != null) {
        Files.createDirectories(output.getParentFile().toPath());
      }
      Files.writeString(output.toPath(), printed, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "kit: -Dkit.output: cannot write the report: "
              + IoReason.of(e)
              + " (name a file you can write, or leave -Dkit.output out)",
          e);
    }
  }
}
