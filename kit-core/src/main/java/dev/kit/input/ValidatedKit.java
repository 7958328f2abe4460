package dev.kit.input;

import dev.kit.model.Kit;
import java.util.Objects;

/**
 * A description that passed validation, with the inputs it was validated against: the only thing
 * kit renders. {@code dev.kit.validate.Validation} creates it; a caller holding one knows every
 * rule held, patches included.
 */
public final class ValidatedKit {

  private final Kit kit;
  private final KitInputs inputs;

  /** For {@code Validation}, once every rule held for {@code kit} and {@code inputs}. */
  public ValidatedKit(Kit kit, KitInputs inputs) {
    this.kit = Objects.requireNonNull(kit, "kit");
    this.inputs = Objects.requireNonNull(inputs, "inputs");
  }

  public Kit kit() {
    return kit;
  }

  public KitInputs inputs() {
    return inputs;
  }
}
