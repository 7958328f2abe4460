package dev.kit.maven;

/**
 * kit pins no PostgreSQL binaries for a major or for this machine: a matter of the description's
 * cluster or of where the build runs, which each goal that starts a server answers with its own way
 * on.
 */
final class UnpinnedBinariesException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  UnpinnedBinariesException(String message, Throwable cause) {
    super(message, cause);
  }
}
