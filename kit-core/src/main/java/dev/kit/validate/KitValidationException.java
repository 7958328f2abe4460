package dev.kit.validate;

import java.util.List;
import java.util.stream.Collectors;

/** A description that cannot be rendered, with every {@link Violation} found in one pass. */
public final class KitValidationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  public KitValidationException(List<Violation> violations) {
    super(message(violations));
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a validation failure needs at least one violation");
    }
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }

  private static String message(List<Violation> violations) {
    return violations.size()
        + (violations.size() == 1 ? " problem" : " problems")
        + " in the kit description; nothing was written:"
        + violations.stream().map(v -> "\n  - " + v).collect(Collectors.joining());
  }
}
