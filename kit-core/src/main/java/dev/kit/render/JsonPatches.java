package dev.kit.render;

import dev.kit.model.Patch;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies the escape-hatch {@link Patch}es (JSON Patch add, replace, remove) to a rendered object.
 */
final class JsonPatches {

  private JsonPatches() {}

  /**
   * Applies {@code patch} to {@code root}.
   *
   * @return why the patch could not be applied, or {@code null} when it was
   */
  static @Nullable String apply(ObjectNode root, Patch patch) {
    List<String> tokens = patch.tokens();
    JsonNode parent = root;
    for (int i = 0; i < tokens.size() - 1; i++) {
      String token = tokens.get(i);
      JsonNode child = child(parent, token);
      if (child == null || child.isNull()) {
        if (patch.op() != Patch.Op.ADD || !(parent instanceof ObjectNode object)) {
          return "nothing at " + pointer(tokens, i + 1);
        }
        child = object.putObject(token);
      }
      if (!child.isContainer()) {
        return pointer(tokens, i + 1)
            + " is a "
            + child.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
            + ", not an object or list";
      }
      parent = child;
    }
    String last = tokens.get(tokens.size() - 1);
    if (parent instanceof ObjectNode object) {
      switch (patch.op()) {
        case ADD -> object.set(last, ManifestYaml.valueTree(patch.value()));
        case REPLACE -> {
          if (!object.has(last)) {
            return "nothing at " + patch.path() + " to replace; use Patch.set to add it";
          }
          object.set(last, ManifestYaml.valueTree(patch.value()));
        }
        case REMOVE -> {
          if (object.remove(last) == null) {
            return "nothing at " + patch.path() + " to remove";
          }
        }
      }
      return null;
    }
    ArrayNode array = (ArrayNode) parent;
    if (patch.op() == Patch.Op.ADD && last.equals("-")) {
      array.add(ManifestYaml.valueTree(patch.value()));
      return null;
    }
    int index = index(last);
    int bound = patch.op() == Patch.Op.ADD ? array.size() : array.size() - 1;
    if (index < 0 || index > bound) {
      return "index "
          + last
          + " is outside the list at "
          + pointer(tokens, tokens.size() - 1)
          + " (size "
          + array.size()
          + ")";
    }
    switch (patch.op()) {
      case ADD -> array.insert(index, ManifestYaml.valueTree(patch.value()));
      case REPLACE -> array.set(index, ManifestYaml.valueTree(patch.value()));
      case REMOVE -> array.remove(index);
    }
    return null;
  }

  private static @Nullable JsonNode child(JsonNode parent, String token) {
    if (parent instanceof ArrayNode array) {
      int index = index(token);
      return index >= 0 && index < array.size() ? array.get(index) : null;
    }
    return parent.get(token);
  }

  private static int index(String token) {
    return token.matches("0|[1-9][0-9]{0,8}") ? Integer.parseInt(token) : -1;
  }

  private static String pointer(List<String> tokens, int count) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      sb.append('/').append(tokens.get(i).replace("~", "~0").replace("/", "~1"));
    }
    return sb.toString();
  }
}
