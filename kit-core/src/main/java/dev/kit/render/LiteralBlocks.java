package dev.kit.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes long multi-line strings, the SQL in migrations ConfigMaps above all, as YAML literal blocks without
 * the YAML library's character-by-character analysis, which is a third of the time it takes to render a
 * service. Such a string goes through the serializer as a short placeholder and its block takes the
 * placeholder's place afterwards. Only strings the library writes as a plain {@code |} or {@code |-} block
 * take this path (printable ASCII and line feeds, no space before a line end, no leading space or blank
 * first line, at most one final line feed), each as a mapping value under a plain key; anything else, or a
 * placeholder not found exactly once where it belongs, is written by the library as before.
 */
final class LiteralBlocks {

  /** Shorter strings cost the library little; leaving them to it keeps this path to what matters. */
  static final int MIN_LENGTH = 256;

  private static final String PLACEHOLDER = "kit-literal-block-";

  /** The library opens a mapping value's block this many columns right of its key. */
  private static final int INDENT = 2;

  /** One string taken out of the tree. */
  private record Taken(ObjectNode parent, String field, String text, String token) {}

  private LiteralBlocks() {}

  /**
   * Serializes {@code tree} with {@code serializer}, writing fitting strings as literal blocks itself.
   * {@code tree} is changed while this runs and is as it was when it returns.
   */
  static String write(JsonNode tree, Function<JsonNode, String> serializer) {
    List<Taken> taken = new ArrayList<>();
    take(tree, taken);
    if (taken.isEmpty()) {
      return serializer.apply(tree);
    }
    String yaml;
    try {
      yaml = serializer.apply(tree);
    } finally {
      taken.forEach(t -> t.parent().put(t.field(), t.text()));
    }
    String spliced = splice(yaml, taken);
    return spliced != null ? spliced : serializer.apply(tree);
  }

  /** Whether the library would write {@code text} as a literal block with no indentation indicator and no {@code +}. */
  static boolean fits(String text) {
    int length = text.length();
    if (length < MIN_LENGTH || text.charAt(0) == ' ' || text.charAt(0) == '\n' || text.charAt(length - 1) == ' '
        || (text.charAt(length - 1) == '\n' && text.charAt(length - 2) == '\n')) {
      return false;
    }
    boolean multiLine = false;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        multiLine = true;
        if (text.charAt(i - 1) == ' ') {
          return false; // a space before a line break makes the library quote the string
        }
      } else if (c < 0x20 || c > 0x7E) {
        return false; // tabs, CR, controls and non-ASCII each have rules of their own in the library
      }
    }
    return multiLine;
  }

  private static void take(JsonNode node, List<Taken> taken) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        JsonNode value = field.getValue();
        if (value.isString() && fits(value.asString())) {
          taken.add(new Taken(object, field.getKey(), value.asString(), PLACEHOLDER + taken.size()));
        } else {
          take(value, taken);
        }
      }
      // Replaced after the loop: the properties are not changed while they are iterated.
      taken.stream().filter(t -> t.parent() == object).forEach(t -> object.put(t.field(), t.token()));
    } else if (node instanceof ArrayNode array) {
      array.forEach(element -> take(element, taken));
    }
  }

  /** The YAML with each placeholder line turned into its block; null when a placeholder is not where it belongs. */
  private static String splice(String yaml, List<Taken> taken) {
    record Found(int at, String text, String token) {}
    List<Found> found = new ArrayList<>(taken.size());
    for (Taken t : taken) {
      String line = ": " + t.token() + "\n";
      int at = yaml.indexOf(line);
      if (at < 0 || yaml.indexOf(line, at + 1) >= 0 || yaml.indexOf(t.token() + "\n") != at + 2) {
        return null;
      }
      found.add(new Found(at, t.text(), t.token()));
    }
    found.sort(Comparator.comparingInt(Found::at));
    StringBuilder out = new StringBuilder(yaml.length() + taken.stream().mapToInt(t -> t.text().length() * 9 / 8).sum());
    int copied = 0;
    for (Found f : found) {
      int lineStart = yaml.lastIndexOf('\n', f.at()) + 1;
      int column = keyColumn(yaml, lineStart, f.at());
      if (column < 0) {
        return null;
      }
      out.append(yaml, copied, f.at());
      block(out, f.text(), column + INDENT);
      copied = f.at() + 2 + f.token().length() + 1;
    }
    return out.append(yaml, copied, yaml.length()).toString();
  }

  /**
   * The column where the key of the line {@code [start, end)} begins, past indentation and sequence
   * indicators; -1 unless the key is simple: letters, digits and {@code _.-/}, plain or double-quoted (what
   * ConfigMap keys are).
   */
  private static int keyColumn(String yaml, int start, int end) {
    int at = start;
    while (at < end && yaml.charAt(at) == ' ') {
      at++;
    }
    while (at + 1 < end && yaml.charAt(at) == '-' && yaml.charAt(at + 1) == ' ') {
      at += 2;
    }
    if (at == end || end - at >= 128) {
      return -1;
    }
    // A key that YAML 1.1 would read as a number, such as a migration's file name, comes double-quoted.
    boolean quoted = end - at > 2 && yaml.charAt(at) == '"' && yaml.charAt(end - 1) == '"';
    for (int i = quoted ? at + 1 : at; i < (quoted ? end - 1 : end); i++) {
      char c = yaml.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-' || c == '/')) {
        return -1;
      }
    }
    return at - start;
  }

  /** {@code ": |"} (or {@code "|-"} without a final line feed), then each line indented, empty lines bare. */
  private static void block(StringBuilder out, String text, int indent) {
    boolean finalBreak = text.charAt(text.length() - 1) == '\n';
    out.append(finalBreak ? ": |\n" : ": |-\n");
    int end = finalBreak ? text.length() - 1 : text.length();
    int lineStart = 0;
    while (lineStart <= end) {
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0 || lineEnd > end) {
        lineEnd = end;
      }
      if (lineEnd > lineStart) {
        for (int i = 0; i < indent; i++) {
          out.append(' ');
        }
        out.append(text, lineStart, lineEnd);
      }
      out.append('\n');
      lineStart = lineEnd + 1;
    }
  }
}
