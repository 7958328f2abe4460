package dev.kit.validate;

import dev.kit.model.Patch;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one patch leaves at a field of its object, such as {@code [spec, instances]}: a patch of the
 * field, or of a map that holds it, sets it; a removal of it or of a parent removes it.
 */
final class PatchedField {

  private PatchedField() {}

  /**
   * Whether a patch at {@code tokens} sets or removes {@code field}: it is the field or a parent.
   */
  static boolean reaches(List<String> tokens, List<String> field) {
    return tokens.size() <= field.size() && field.subList(0, tokens.size()).equals(tokens);
  }

  /**
   * The value {@code patch}, whose path's {@code tokens} (the caller has them) {@link #reaches}
   * {@code field}, leaves there: its value followed down the maps to the field, or null when it
   * removes the field or sets a parent without it (a value for a parent replaces the parent).
   */
  static @Nullable Object value(Patch patch, List<String> tokens, List<String> field) {
    if (patch.op() == Patch.Op.REMOVE) {
      return null;
    }
    @Nullable Object value = patch.value();
    for (int at = tokens.size(); at < field.size(); at++) {
      if (!(value instanceof Map<?, ?> map)) {
        return null;
      }
      value = map.get(field.get(at));
    }
    return value;
  }
}
