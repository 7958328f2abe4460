package dev.kit.maven;

import dev.kit.verify.ServerStartException;
import dev.kit.verify.VerifyOptions;
import java.io.File;
import java.util.List;
import java.util.Objects;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;
import org.jspecify.annotations.Nullable;

/**
 * The goals that start an embedded PostgreSQL ({@code kit:verify}, {@code kit:new-migration
 * -Dkit.revert}): they resolve the PostgreSQL binaries for the service's major through Maven,
 * extract them into a folder private to the user, and keep the servers' files in one work folder.
 */
abstract class EmbeddedPostgresMojo extends DescriptionMojo {

  @SuppressWarnings(
      "deprecation") // Maven 3.9 still injects @Component; JSR-330 injection is a change of its own
  @Component
  private RepositorySystem repositorySystem;

  @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
  private RepositorySystemSession repositorySession;

  @Parameter(
      defaultValue = "${project.remoteProjectRepositories}",
      readonly = true,
      required = true)
  private List<RemoteRepository> repositories;

  /** Where the servers' data directories (deleted when they stop) and logs go. */
  @Parameter(defaultValue = "${project.build.directory}/kit-verify", required = true)
  private File workDirectory;

  /**
   * Where the PostgreSQL binaries are extracted, once per release; kit makes the folder private to
   * the user, since it runs them. By default kit/postgres in the user's cache: $XDG_CACHE_HOME, or
   * ~/.cache.
   */
  @Parameter(property = "kit.postgresCache")
  private @Nullable File postgresCache;

  /** Where the servers' data directories and logs go. */
  File workDirectory() {
    return workDirectory;
  }

  /**
   * The failure for a server that could not start because kit pins no binaries for its major or for
   * this machine (a configuration to change, not a broken build), with {@code advice}, this goal's
   * way on.
   *
   * @throws MojoExecutionException wrapping {@code e} when the server failed for another reason
   */
  static MojoFailureException unpinnedBinaries(IllegalStateException e, String advice)
      throws MojoExecutionException {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnpinnedBinariesException unpinned) {
        return new MojoFailureException("kit: " + unpinnedMessage(e, unpinned) + "; " + advice, e);
      }
    }
    throw new MojoExecutionException("kit: " + e.getMessage(), e);
  }

  /**
   * {@code e}'s message; for a major kit pins no binaries for, each service the server was for is
   * named by the field to change, {@code services[orders].database.postgresMajor}.
   */
  private static String unpinnedMessage(
      IllegalStateException e, UnpinnedBinariesException unpinned) {
    if (!unpinned.ofMajor() || !(e instanceof ServerStartException start)) {
      return Objects.requireNonNullElse(e.getMessage(), e.toString());
    }
    StringBuilder fields = new StringBuilder();
    for (String service : start.services()) {
      fields
          .append(fields.isEmpty() ? "" : ", ")
          .append("services[")
          .append(service)
          .append("].database.postgresMajor");
    }
    return fields + ": " + unpinned.getMessage();
  }

  /** What a run on the embedded PostgreSQL needs: binaries, lint settings and the work folders. */
  VerifyOptions verifyOptions() throws MojoFailureException {
    VerifyOptions options =
        VerifyOptions.of(
                MavenPostgresBinaries.of(repositorySystem, repositorySession, repositories))
            .withLint(lintSettings())
            .withWorkDirectory(workDirectory.toPath());
    return postgresCache == null ? options : options.withBinariesCache(postgresCache.toPath());
  }
}
