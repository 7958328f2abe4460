package dev.kit.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kit.plan.GeneratedHeader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * The one serializer for Kubernetes objects: typed object → JSON tree → (patches) → canonical key
 * order → YAML; an object no patch targets skips the tree ({@link #objectFile}). An object's keys
 * go {@code apiVersion, kind, metadata, spec}, then the rest sorted; nested maps put {@code name,
 * namespace} first, then the rest sorted; lists keep model order. {@link BlockYaml} writes the YAML
 * in one pass, byte for byte what the YAML library writes (quoting, literal blocks, escapes), so
 * any string (SQL included) round-trips; the library itself writes only what {@link BlockYaml}
 * leaves to it (rare characters and shapes). Where YAML 1.1 readers (Kubernetes, Argo CD) would
 * read the library's output differently, kit quotes the string itself ({@link
 * DoubleQuotedScalars}).
 */
final class ManifestYaml {

  /** The characters go-yaml v2 tries a number or a timestamp for, when a scalar starts with one. */
  static final String NUMBER_START = "0123456789+-.";

  private ManifestYaml() {}

  /**
   * Whether a YAML 1.1 reader would read this plain one-line value as a timestamp or a number: then
   * it is quoted. Scanned by hand rather than matched by regular expressions: every one-line value
   * of every manifest asks, and the expressions were 7 % of a warm render. {@code BlockYamlTest}
   * holds the scan equal to the expressions it replaced over every short string.
   */
  static boolean yaml11Value(String text) {
    return yaml11Timestamp(text) || yaml11Number(text);
  }

  /**
   * PyYAML's and older go-yaml's timestamp, {@code [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt\s].*)?}: a
   * date, alone or followed by a time ({@code 2026-11-22T23:00:00Z}); Kubernetes wants the string.
   */
  private static boolean yaml11Timestamp(String text) {
    int length = text.length();
    // Each run of digits must be as long as the expression allows: it cannot stop inside a run.
    if (digitsEnd(text, 0) != 4 || length == 4 || text.charAt(4) != '-') {
      return false;
    }
    int monthEnd = digitsEnd(text, 5);
    if (monthEnd - 5 < 1
        || monthEnd - 5 > 2
        || monthEnd == length
        || text.charAt(monthEnd) != '-') {
      return false;
    }
    int end = digitsEnd(text, monthEnd + 1);
    if (end - monthEnd - 1 < 1 || end - monthEnd - 1 > 2) {
      return false;
    }
    if (end == length) {
      return true;
    }
    if ("Tt \t\n\u000B\f\r".indexOf(text.charAt(end)) < 0) {
      return false;
    }
    // The rest is the expression's ".*", which stops at a line terminator.
    for (int i = end + 1; i < length; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether go-yaml v2 (Kubernetes, Argo CD) reads this as a number once '_' is dropped: {@code
   * [-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[0-9]+)} (1_000, 0x1F, 0o17, 0b101) or {@code
   * [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)}.
   */
  static boolean yaml11Number(String text) {
    if (text.isEmpty() || NUMBER_START.indexOf(text.charAt(0)) < 0) {
      return false;
    }
    String number = text.indexOf('_') < 0 ? text : text.replace("_", "");
    int length = number.length();
    int start = length > 0 && (number.charAt(0) == '+' || number.charAt(0) == '-') ? 1 : 0;
    if (start == length) {
      return false;
    }
    if (number.charAt(start) == '0' && start + 1 < length) {
      String digits =
          switch (number.charAt(start + 1)) {
            case 'x', 'X' -> "0123456789abcdefABCDEF";
            case 'o', 'O' -> "01234567";
            case 'b', 'B' -> "01";
            default -> null;
          };
      if (digits != null) {
        return start + 2 < length && onlyOf(number, start + 2, digits);
      }
    }
    int fraction;
    if (number.charAt(start) == '.') {
      String word = number.substring(start + 1);
      if (word.equals("inf") || word.equals("Inf") || word.equals("INF")) {
        return true;
      }
      if (start == 0 && (word.equals("nan") || word.equals("NaN") || word.equals("NAN"))) {
        return true;
      }
      fraction = digitsEnd(number, start + 1);
      if (fraction == start + 1) {
        return false; // a dot needs a digit after it when none came before
      }
    } else {
      fraction = digitsEnd(number, start);
      if (fraction == start) {
        return false;
      }
      if (fraction < length && number.charAt(fraction) == '.') {
        fraction = digitsEnd(number, fraction + 1);
      }
    }
    return exponentEnds(number, fraction);
  }

  /**
   * Whether {@code text} ends at {@code from} or with an exponent there, {@code [eE][-+]?[0-9]+}.
   */
  private static boolean exponentEnds(String text, int from) {
    int length = text.length();
    if (from == length) {
      return true;
    }
    if (text.charAt(from) != 'e' && text.charAt(from) != 'E') {
      return false;
    }
    int digits = from + 1;
    if (digits < length && (text.charAt(digits) == '+' || text.charAt(digits) == '-')) {
      digits++;
    }
    int end = digitsEnd(text, digits);
    return end > digits && end == length;
  }

  /** Where the run of ASCII digits starting at {@code from} ends. */
  static int digitsEnd(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  private static boolean onlyOf(String text, int from, String allowed) {
    for (int i = from; i < text.length(); i++) {
      if (allowed.indexOf(text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The object as a mutable JSON tree, for patching. */
  static ObjectNode tree(Object object) {
    return (ObjectNode) valueTree(object);
  }

  /**
   * A JSON tree of an object or a patch value (strings, numbers, booleans, lists and maps): {@link
   * ObjectTrees} builds it, and data binding only what that does not know.
   */
  static JsonNode valueTree(@Nullable Object value) {
    if (value == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    try {
      return ObjectTrees.tree(value);
    } catch (ObjectTrees.Unsupported e) {
      return dataBoundTree(value);
    }
  }

  /** The tree Jackson data binding builds: what {@link ObjectTrees} must equal. */
  static JsonNode dataBoundTree(Object value) {
    return DataBinding.TREES.valueToTree(value);
  }

  /** Data binding, loaded on first use: the manifests kit renders do not need it. */
  private static final class DataBinding {
    private static final JsonMapper TREES =
        JsonMapper.builder()
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();
  }

  /** The generated header naming {@code source}, as a file starts with it. */
  static byte[] header(String source) {
    return GeneratedHeader.line(source).getBytes(StandardCharsets.UTF_8);
  }

  /** The file: {@code header} (from {@link #header}), then the object in canonical order. */
  static byte[] file(byte[] header, ObjectNode object) {
    byte[] file = BlockYaml.file(header, object);
    if (file != null) {
      return file;
    }
    byte[] yaml = libraryYaml(object).getBytes(StandardCharsets.UTF_8);
    byte[] whole = Arrays.copyOf(header, header.length + yaml.length);
    System.arraycopy(yaml, 0, whole, header.length, yaml.length);
    return whole;
  }

  /**
   * The file of {@code object}, which no patch changes: {@link BlockYaml} writes one of kit's
   * records straight from its fields, without a tree; anything it does not know goes through the
   * tree and {@link #file(byte[], ObjectNode)}. The same bytes either way.
   */
  static byte[] objectFile(byte[] header, Object object) {
    byte[] file = object instanceof Record record ? BlockYaml.file(header, record) : null;
    return file != null ? file : file(header, tree(object));
  }

  /** The object's {@code metadata.name} (empty when it has none), read without its tree. */
  static String name(Object object) {
    if (object instanceof Record record
        && ObjectTrees.value(record, "metadata") instanceof Record metadata
        && ObjectTrees.value(metadata, "name") instanceof String name) {
      return name;
    }
    return tree(object).path("metadata").path("name").asString();
  }

  /**
   * The tree in canonical order as the YAML library writes it, every string through the library but
   * those {@link DoubleQuotedScalars} must write: what {@link #file} must equal.
   */
  static String libraryYaml(ObjectNode object) {
    return DoubleQuotedScalars.write(
        canonical(object, BlockYaml.ROOT_FIRST_KEYS), Library.MAPPER::writeValueAsString);
  }

  /** The YAML library, loaded on first use. */
  private static final class Library {
    private static final StringQuotingChecker QUOTING =
        new StringQuotingChecker.Default() {
          private static final long serialVersionUID = 1L;

          @Override
          public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || yaml11Value(value);
          }

          @Override
          public boolean needToQuoteName(String name) {
            return super.needToQuoteName(name) || yaml11Number(name);
          }
        };

    private static final YAMLMapper MAPPER =
        YAMLMapper.builder(YAMLFactory.builder().stringQuotingChecker(QUOTING).build())
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
            .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
            .disable(YAMLWriteFeature.SPLIT_LINES)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();
  }

  private static JsonNode canonical(JsonNode node, List<String> firstKeys) {
    if (node instanceof ObjectNode object) {
      ObjectNode ordered = JsonNodeFactory.instance.objectNode();
      for (String key : BlockYaml.orderedKeys(object.propertyNames(), firstKeys)) {
        ordered.set(key, canonical(object.get(key), BlockYaml.FIRST_KEYS));
      }
      return ordered;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode ordered = JsonNodeFactory.instance.arrayNode(array.size());
      array.forEach(element -> ordered.add(canonical(element, BlockYaml.FIRST_KEYS)));
      return ordered;
    }
    return node;
  }
}
