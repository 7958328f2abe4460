package dev.kit.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the strings that YAML 1.1 readers would change as double-quoted scalars with escapes,
 * kit's own rather than the library's. The YAML library follows YAML 1.2, where NEL (U+0085), LS
 * (U+2028) and PS (U+2029) are ordinary characters, so it writes them raw, even inside literal
 * blocks and double quotes; go-yaml (Kubernetes, Argo CD) and SnakeYAML 1.x read each as a line
 * break, so the string that reaches the cluster is another one, or the file does not parse. A byte
 * order mark is escaped too: a reader may skip it. Such a string (key or value) goes through the
 * serializer as a short placeholder, which is then replaced by {@link #quoted}: every character
 * outside printable ASCII that either YAML version treats specially becomes an escape both read the
 * same way. Strings without those characters are left to the serializer, byte for byte as before.
 */
final class DoubleQuotedScalars {

  /**
   * The YAML library writes a key longer than this in the explicit {@code ? key} form; so does kit.
   */
  private static final int IMPLICIT_KEY_MAX = 128;

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** One string taken out of the tree. */
  private record Taken(String text, String token) {}

  private DoubleQuotedScalars() {}

  /**
   * Serializes {@code tree} with {@code serializer}, writing strings that need it as escaped
   * double-quoted scalars. {@code tree} (a copy the caller owns) is changed: such strings become
   * placeholders.
   *
   * @throws IllegalArgumentException when a string holds an unpaired surrogate, which no UTF-8 file
   *     can carry
   */
  static String write(JsonNode tree, Function<JsonNode, String> serializer) {
    if (!anyNeedsQuoting(tree)) {
      return serializer.apply(tree);
    }
    String prefix = uniquePrefix(tree);
    List<Taken> taken = new ArrayList<>();
    take(tree, prefix, taken);
    return splice(serializer.apply(tree), taken);
  }

  /**
   * Whether kit must write {@code text} itself: it holds a character a YAML 1.1 reader would not
   * read back.
   */
  static boolean needsQuoting(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        continue;
      }
      if (c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
        return true;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            "a string holds an unpaired surrogate (U+"
                + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
                + "), which UTF-8 cannot encode: \""
                + text.substring(0, Math.min(text.length(), 40))
                + "\"");
      }
    }
    return false;
  }

  /**
   * {@code text} as a one-line YAML double-quoted scalar that YAML 1.1 and 1.2 readers read back to
   * exactly {@code text}: printable ASCII and printable non-ASCII stay, everything else is an
   * escape.
   */
  static String quoted(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\0' -> out.append("\\0");
        case '\u0007' -> out.append("\\a");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\u000B' -> out.append("\\v");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        case '\u001B' -> out.append("\\e");
        default -> {
          if ((c >= 0x20 && c < 0x7F)
              || (c >= 0xA0
                  && !Character.isSurrogate(c)
                  && c != '\u2028'
                  && c != '\u2029'
                  && c != '\uFEFF'
                  && c != '\uFFFE'
                  && c != '\uFFFF')) {
            out.append(c);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c)
                .append(
                    text.charAt(++i)); // a character outside the BMP, printable in both versions
          } else if (c < 0x100) {
            out.append("\\x")
                .append(HEX[c >> 4])
                .append(HEX[c & 0xF]); // other C0 and C1 controls, DEL, NEL
          } else if (Character.isSurrogate(c)) {
            throw new IllegalArgumentException(
                "a string holds an unpaired surrogate, which UTF-8 cannot encode");
          } else {
            out.append("\\u")
                .append(HEX[c >> 12])
                .append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static boolean anyNeedsQuoting(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        if (needsQuoting(field.getKey()) || anyNeedsQuoting(field.getValue())) {
          return true;
        }
      }
      return false;
    }
    if (node instanceof ArrayNode array) {
      for (JsonNode element : array) {
        if (anyNeedsQuoting(element)) {
          return true;
        }
      }
      return false;
    }
    return node.isString() && needsQuoting(node.asString());
  }

  /**
   * A placeholder prefix no key or string of the tree contains, so a placeholder is found only
   * where it was put.
   */
  private static String uniquePrefix(JsonNode tree) {
    String prefix = "kit-quoted-";
    while (contains(tree, prefix)) {
      prefix += "x";
    }
    return prefix;
  }

  private static boolean contains(JsonNode node, String part) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        if (field.getKey().contains(part) || contains(field.getValue(), part)) {
          return true;
        }
      }
      return false;
    }
    if (node instanceof ArrayNode array) {
      for (JsonNode element : array) {
        if (contains(element, part)) {
          return true;
        }
      }
      return false;
    }
    return node.isString() && node.asString().contains(part);
  }

  private static void take(JsonNode node, String prefix, List<Taken> taken) {
    if (node instanceof ObjectNode object) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
      boolean renamed = fields.stream().anyMatch(f -> needsQuoting(f.getKey()));
      if (renamed) {
        object.removeAll(); // rebuilt below in the same order, keys replaced by placeholders
      }
      for (Map.Entry<String, JsonNode> field : fields) {
        String key = field.getKey();
        JsonNode value = field.getValue();
        if (needsQuoting(key)) {
          key = token(prefix, key, taken);
        }
        if (value.isString() && needsQuoting(value.asString())) {
          object.put(key, token(prefix, value.asString(), taken));
        } else {
          take(value, prefix, taken);
          if (renamed) {
            object.set(key, value);
          }
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode element = array.get(i);
        if (element.isString() && needsQuoting(element.asString())) {
          array.set(i, token(prefix, element.asString(), taken));
        } else {
          take(element, prefix, taken);
        }
      }
    }
  }

  private static String token(String prefix, String text, List<Taken> taken) {
    // The final '.' keeps placeholder 1 from matching the start of placeholder 10.
    String token = prefix + taken.size() + ".";
    taken.add(new Taken(text, token));
    return token;
  }

  /**
   * The YAML with each placeholder, a plain scalar written exactly once, replaced by its quoted
   * string.
   */
  private static String splice(String yaml, List<Taken> taken) {
    StringBuilder out = new StringBuilder(yaml);
    // From the last placeholder in the text to the first, so earlier offsets stay valid.
    List<int[]> found = new ArrayList<>(taken.size());
    for (int t = 0; t < taken.size(); t++) {
      String token = taken.get(t).token();
      int at = yaml.indexOf(token);
      if (at < 0 || yaml.indexOf(token, at + 1) >= 0) {
        throw new IllegalStateException(
            "kit's YAML writer lost track of a quoted string: " + token);
      }
      found.add(new int[] {at, t});
    }
    found.sort((a, b) -> Integer.compare(b[0], a[0]));
    for (int[] f : found) {
      Taken t = taken.get(f[1]);
      int at = f[0];
      int end = at + t.token().length();
      if (at > 0 && (yaml.charAt(at - 1) == '"' || yaml.charAt(at - 1) == '\'')) {
        throw new IllegalStateException(
            "the YAML library quoted kit's placeholder "
                + t.token()
                + "; kit cannot put its string there");
      }
      String quoted = quoted(t.text());
      boolean key = end < yaml.length() && yaml.charAt(end) == ':';
      if (key && quoted.length() > IMPLICIT_KEY_MAX) {
        int column = at - (yaml.lastIndexOf('\n', at) + 1);
        out.replace(at, end, "? " + quoted + "\n" + " ".repeat(column));
      } else {
        out.replace(at, end, quoted);
      }
    }
    return out.toString();
  }
}
