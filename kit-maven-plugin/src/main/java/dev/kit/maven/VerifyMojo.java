package dev.kit.maven;

import dev.kit.Generator;
import dev.kit.KitDescriptions;
import dev.kit.lint.LintFinding;
import dev.kit.model.Kit;
import dev.kit.verify.MigrationVerification;
import dev.kit.verify.ServerStopException;
import dev.kit.verify.ServiceVerification;
import dev.kit.verify.VerifyOptions;
import dev.kit.verify.VerifyReport;
import java.time.Duration;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Applies every service's migrations to a real PostgreSQL of its cluster's major version (embedded,
 * from Maven Central; no Docker), the way the Atlas Job will: in order, one transaction per file
 * unless {@code -- atlas:txmode none}, as the database owner. A refused statement fails the build
 * with {@code file:line:column: ERROR: ...}; the catalog after every statement is linted; the whole
 * history is then replayed on a fresh database; each revert migration must restore what it reverts.
 * Services of one major share a server, one after another, each on a database named as its
 * cluster's, with the extensions and schemas its CNPG Database creates first. The binaries are
 * extracted once per release into a folder only the user can write to (kit/postgres in
 * $XDG_CACHE_HOME or ~/.cache, or {@code -Dkit.postgresCache}). Bind it to {@code verify} so CI
 * proves the SQL: {@code mvn kit:verify}.
 */
@Mojo(
    name = "verify",
    defaultPhase = LifecyclePhase.VERIFY,
    threadSafe = true,
    requiresDependencyResolution = ResolutionScope.TEST)
@Execute(phase = LifecyclePhase.TEST_COMPILE)
public final class VerifyMojo extends EmbeddedPostgresMojo {

  /** What to do when kit pins no binaries for a service's major or for this machine. */
  static final String SKIP_ADVICE =
      "skip this goal with -Dkit.verify.skip=true until kit pins binaries for it";

  /** Skips {@code kit:verify}. */
  @Parameter(property = "kit.verify.skip", defaultValue = "false")
  private boolean skip;

  @Override
  boolean skip() {
    return skip;
  }

  @Override
  String skipProperty() {
    return "kit.verify.skip";
  }

  @Override
  void run(Generator generator, KitDescriptions.Loaded description)
      throws MojoExecutionException, MojoFailureException {
    long began = System.nanoTime();
    VerifyReport report = verify(description.kit());
    report
        .servers()
        .forEach(
            server ->
                getLog()
                    .info(
                        "kit: PostgreSQL "
                            + server.version()
                            + " started in "
                            + seconds(server.startup())
                            + " (binaries, initdb and start-up)"));
    for (ServiceVerification service : report.services()) {
      getLog()
          .info(
              "kit: "
                  + service.service()
                  + (service.files() == 0 && !service.problems().isEmpty()
                      ? ": not applied on PostgreSQL "
                          + service.postgresVersion()
                          + "; the reason is below"
                      : service.error().isPresent()
                          ? ": failed on PostgreSQL "
                              + service.postgresVersion()
                              + " after "
                              + service.files()
                              + " migrations ("
                              + seconds(service.firstRun())
                              + "); the error is below"
                          : ": "
                              + service.files()
                              + " migrations, "
                              + service.statements()
                              + " statements on PostgreSQL "
                              + service.postgresVersion()
                              + " in "
                              + seconds(service.firstRun())
                              + "; replayed from an empty database in "
                              + seconds(service.replay())));
      service.notes().forEach(note -> getLog().info("kit: " + note));
      service.warnings().forEach(warning -> getLog().warn("kit: " + warning));
    }
    report.warnings().forEach(finding -> getLog().warn(finding.toString()));
    if (report.services().isEmpty()) {
      getLog().info("kit: no service has migration files to verify.");
    }
    String took = "kit: verify took " + seconds(Duration.ofNanos(System.nanoTime() - began)) + ".";
    if (!report.passed()) {
      getLog().info(took);
      // Silencing a rule helps only where a lint finding failed, not a refused statement or a
      // revert that does not restore.
      boolean linted =
          report.services().stream()
              .anyMatch(s -> s.findings().stream().anyMatch(LintFinding::isError));
      throw new MojoFailureException(
          "kit: the migrations do not pass on a real PostgreSQL:\n"
              + String.join("\n", report.failures())
              + "\nFix the migration"
              + (linted
                  ? " (or silence a lint rule for one statement with '-- kit:nolint RULE' above it)"
                  : "")
              + ", then run 'mvn kit:verify' again.");
    }
    getLog().info(took);
    getLog()
        .info(
            "kit: "
                + report.services().size()
                + (report.services().size() == 1 ? " service" : " services")
                + " verified: "
                + report.warnings().size()
                + " lint "
                + (report.warnings().size() == 1 ? "warning" : "warnings")
                + ".");
  }

  /** Runs {@code kit}'s migrations on the embedded PostgreSQL, with a server failure in words. */
  VerifyReport verify(Kit kit) throws MojoExecutionException, MojoFailureException {
    VerifyOptions options = verifyOptions();
    try {
      return MigrationVerification.forRepository(repository()).verify(kit, options);
    } catch (IllegalStateException e) {
      throw unpinnedBinaries(e, SKIP_ADVICE);
    } catch (ServerStopException e) {
      // The results are lost, and a server may still run; other I/O failures go to the
      // description goals' own handling.
      throw new MojoFailureException(
          "kit: "
              + e.getMessage()
              + ". Stop it (its data directory is under "
              + workDirectory()
              + "), then run 'mvn kit:verify' again.",
          e);
    }
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.2f s", duration.toMillis() / 1000.0);
  }
}
