package dev.kit.maven;

/**
 * kit pins no PostgreSQL binaries for a major or for this machine: a matter of the description's
 * cluster or of where the build runs, which each goal that starts a server answers with its own way
 * on.
 */
final class UnpinnedBinariesException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final boolean ofMajor;

  /**
   * @param ofMajor whether the major is what kit pins none for, rather than this machine
   */
  UnpinnedBinariesException(String message, boolean ofMajor, Throwable cause) {
    super(message, cause);
    this.ofMajor = ofMajor;
  }

  /** Whether the major is what kit pins no binaries for: a service's postgresMajor to change. */
  boolean ofMajor() {
    return ofMajor;
  }
}
