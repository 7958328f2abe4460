package dev.kit.maven;

import dev.kit.verify.VerifyOptions;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * The goals that start an embedded PostgreSQL ({@code kit:verify}, {@code kit:new-migration -Drevert}): they
 * resolve the PostgreSQL binaries for the service's major through Maven, and keep the servers' files in one
 * work folder.
 */
abstract class EmbeddedPostgresMojo extends DescriptionMojo {

  @Component
  private RepositorySystem repositorySystem;

  @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
  private RepositorySystemSession repositorySession;

  @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true, required = true)
  private List<RemoteRepository> repositories;

  /** Where the extracted binaries, the data directories and the server logs go. */
  @Parameter(defaultValue = "${project.build.directory}/kit-verify", required = true)
  private File workDirectory;

  /** What a run on the embedded PostgreSQL needs: binaries, lint settings and the work folder. */
  VerifyOptions verifyOptions() throws MojoFailureException {
    return new VerifyOptions(
        MavenPostgresBinaries.of(repositorySystem, repositorySession, repositories), lintSettings(), workDirectory.toPath());
  }
}
