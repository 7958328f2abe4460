package dev.kit.write;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/**
 * Why a file operation failed, in words, for a message: an {@link AccessDeniedException}'s own
 * message is only its path.
 *
 * <pre>{@code
 * IoReason.of(new AccessDeniedException("/repo/services/orders")); // "/repo/services/orders: permission denied"
 * }</pre>
 */
public final class IoReason {

  private IoReason() {}

  /** {@code e}'s message, with the reason a file system exception left out put into words. */
  public static String of(IOException e) {
    if (e instanceof FileSystemException f && f.getReason() == null) {
      String reason =
          e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
      return f.getFile() == null ? reason : f.getFile() + ": " + reason;
    }
    return String.valueOf(e.getMessage());
  }
}
