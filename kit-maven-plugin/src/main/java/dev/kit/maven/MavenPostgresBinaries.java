package dev.kit.maven;

import dev.kit.verify.PostgresBinaries;
import java.util.List;
import java.util.Objects;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Resolves the PostgreSQL binaries jar of a major through Maven, like any dependency: from the
 * local repository, or downloaded once from the project's repositories (Maven Central).
 */
final class MavenPostgresBinaries {

  private MavenPostgresBinaries() {}

  static PostgresBinaries of(
      RepositorySystem system,
      RepositorySystemSession session,
      List<RemoteRepository> repositories) {
    return PostgresBinaries.of(
        major -> {
          String coordinates = coordinates(major);
          try {
            return system
                .resolveArtifact(
                    session,
                    new ArtifactRequest(new DefaultArtifact(coordinates), repositories, null))
                .getArtifact()
                .getFile()
                .toPath();
          } catch (ArtifactResolutionException e) {
            throw new IllegalStateException(
                "cannot resolve the PostgreSQL "
                    + major
                    + " binaries "
                    + coordinates
                    + ": "
                    + e.getMessage(),
                e);
          }
        });
  }

  /**
   * The binaries of {@code major} for this machine.
   *
   * @throws UnpinnedBinariesException when kit pins none: the goal says what to do instead
   */
  static String coordinates(int major) {
    try {
      PostgresBinaries.artifactId();
    } catch (IllegalArgumentException e) {
      throw new UnpinnedBinariesException(
          Objects.requireNonNullElse(e.getMessage(), e.toString()), false, e);
    }
    try {
      return PostgresBinaries.coordinates(major);
    } catch (IllegalArgumentException e) {
      // This machine has binaries (checked above), so the major is what kit pins none for.
      throw new UnpinnedBinariesException(
          Objects.requireNonNullElse(e.getMessage(), e.toString()), true, e);
    }
  }
}
