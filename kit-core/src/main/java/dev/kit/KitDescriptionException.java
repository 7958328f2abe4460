package dev.kit;

import org.jspecify.annotations.Nullable;

/**
 * A {@link KitDescription} could not be found, created or described; the message names the class
 * and the fix, such as {@code Found 2 kit descriptions in target/test-classes: ... Choose one with
 * ... -Dkit.description=...}.
 */
public final class KitDescriptionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public KitDescriptionException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
