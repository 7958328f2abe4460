package dev.kit.maven;

import dev.kit.Generator;
import dev.kit.KitDescriptions;
import dev.kit.MigrationTool;
import dev.kit.lint.LintFinding;
import dev.kit.migration.HistoryCheck;
import dev.kit.write.Drift;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.jspecify.annotations.Nullable;

/**
 * Fails the build when the files under {@code services/} are not what {@code kit:generate} would
 * write from the description: missing, stale, extra or in the way, and logs a unified diff of each;
 * and when a migration breaks a lint rule, holds no SQL, or changes the history of the base branch.
 * Writes nothing. Bind it (it runs in {@code verify} by default) so CI catches a description
 * changed without regenerating.
 */
@Mojo(
    name = "check",
    defaultPhase = LifecyclePhase.VERIFY,
    threadSafe = true,
    requiresDependencyResolution = ResolutionScope.TEST)
public final class CheckMojo extends DescriptionMojo {

  /**
   * The Git revision whose migrations must not change, such as {@code origin/main}; kit also warns
   * when a planned PlanetScale module would replace the branch this revision's module made. By
   * default the branch a pull request merges into: {@code origin/$GITHUB_BASE_REF} on GitHub
   * Actions, {@code origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME} on GitLab, else the remote's
   * default branch ({@code origin/HEAD}), else the current branch's upstream when that is another
   * branch; without one in the clone (or outside Git) the history guard is skipped with a warning
   * that says what to fetch or pass.
   */
  @Parameter(property = "kit.base")
  private @Nullable String base;

  /** Skips {@code kit:check}. */
  @Parameter(property = "kit.check.skip", defaultValue = "false")
  private boolean skip;

  @Override
  boolean skip() {
    return skip;
  }

  @Override
  String skipProperty() {
    return "kit.check.skip";
  }

  @Override
  void run(Generator generator, KitDescriptions.Loaded description) throws MojoFailureException {
    MigrationTool migrations =
        MigrationTool.forRepository(repository()).source(description.className());
    String lintFailure = lint(migrations, description);
    HistoryCheck history = migrations.checkHistory(description.kit(), Optional.ofNullable(base));
    history.skipped().ifPresent(why -> getLog().warn("kit: migration history not guarded: " + why));
    // Against the base too: a pull request's regenerated files are committed, so not stale.
    Drift drift =
        history.base().isPresent()
            ? generator.check(description.kit(), history.base().get())
            : generator.check(description.kit());
    drift.warnings().forEach(warning -> getLog().warn("kit: " + warning));
    if (!drift.isEmpty()) {
      DriftReport.diffLines(drift).forEach(getLog()::error);
    }
    if (!history.passed()) {
      // History first: regenerating would "fix" atlas.sum for an edited migration, and hide the
      // real problem.
      throw new MojoFailureException(
          DriftReport.historyFailure(history)
              + (drift.isEmpty()
                  ? ""
                  : "\n" + DriftReport.failure(drift, description.className())));
    }
    if (lintFailure != null) {
      throw new MojoFailureException(
          lintFailure
              + (drift.isEmpty()
                  ? ""
                  : "\n" + DriftReport.failure(drift, description.className())));
    }
    if (!drift.isEmpty()) {
      throw new MojoFailureException(DriftReport.failure(drift, description.className()));
    }
    getLog().info(DriftReport.upToDate(drift));
    history.base().ifPresent(b -> getLog().info("kit: migration history matches " + b + "."));
  }

  /**
   * Lints the migrations' text (kit:verify lints exactly, on a database); logs warnings, returns
   * the failure or null.
   */
  private @Nullable String lint(MigrationTool migrations, KitDescriptions.Loaded description)
      throws MojoFailureException {
    List<LintFinding> findings;
    try {
      findings = migrations.lint(description.kit(), lintSettings());
    } catch (IllegalArgumentException e) {
      return "kit: " + e.getMessage();
    }
    findings.stream().filter(f -> !f.isError()).forEach(f -> getLog().warn(f.toString()));
    List<String> errors =
        findings.stream().filter(LintFinding::isError).map(LintFinding::toString).toList();
    if (errors.isEmpty()) {
      getLog()
          .info(
              "kit: migration lint: "
                  + findings.size()
                  + (findings.size() == 1 ? " warning." : " warnings."));
      return null;
    }
    return "kit: migration lint found "
        + errors.size()
        + (errors.size() == 1 ? " error" : " errors")
        + ":\n"
        + String.join("\n", errors)
        + "\nMake the change safely, or silence one statement with '-- kit:nolint RULE' above it, or set the rule's "
        + "severity in <lint> of the kit-maven-plugin configuration.";
  }
}
