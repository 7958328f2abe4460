package dev.kit.status;

import org.jspecify.annotations.Nullable;

/**
 * The cluster could not be read: no configuration, an unknown context, no connection, rejected
 * credentials or a missing permission. The message is one line that says what happened and what to
 * do; it never carries a stack trace's worth of detail, and never a credential.
 */
public final class ClusterAccessException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The HTTP status the API server answered with, or 0 when it did not answer. */
  private final int code;

  public ClusterAccessException(String message) {
    this(message, 0, null);
  }

  ClusterAccessException(String message, int code, @Nullable Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** Whether the API server refused the read for lack of a permission (403). */
  public boolean forbidden() {
    return code == 403;
  }

  /**
   * Whether the API server refused the credentials (401): every read fails so, and what fails tells
   * about the access, not about the object.
   */
  boolean credentialsRejected() {
    return code == 401;
  }
}
