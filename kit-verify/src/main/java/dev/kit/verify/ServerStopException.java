package dev.kit.verify;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A throwaway PostgreSQL that did not stop: the verification's results are lost and a {@code
 * postgres} process may still run, unlike any other I/O failure of a verification (a migrations
 * folder that cannot be read), which starts no server.
 */
public final class ServerStopException extends UncheckedIOException {

  private static final long serialVersionUID = 1L;

  ServerStopException(String message, IOException cause) {
    super(message, cause);
  }
}
