package dev.kit.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kit.plan.GeneratedHeader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
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
 * order → YAML. An object's keys go {@code apiVersion, kind, metadata, spec}, then the rest sorted;
 * nested maps put {@code name, namespace} first, then the rest sorted; lists keep model order.
 * {@link BlockYaml} writes the YAML in one pass, byte for byte what the YAML library writes
 * (quoting, literal blocks, escapes), so any string (SQL included) round-trips; the library itself
 * writes only what {@link BlockYaml} leaves to it (rare characters and shapes). Where YAML 1.1
 * readers (Kubernetes, Argo CD) would read the library's output differently, kit quotes the string
 * itself ({@link DoubleQuotedScalars}).
 */
final class ManifestYaml {

  /**
   * YAML 1.1 readers (PyYAML, older Go YAML) turn an unquoted {@code 2026-11-22T23:00:00Z} into a
   * timestamp; Kubernetes wants the string, so such values are quoted.
   */
  private static final Pattern YAML11_TIMESTAMP =
      Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt\\s].*)?");

  /**
   * go-yaml v2 (Kubernetes, Argo CD) reads these as numbers once '_' is dropped: 1_000, 0x1F, 0o17,
   * 0b101, .NaN.
   */
  private static final Pattern YAML11_INT =
      Pattern.compile("[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[0-9]+)");

  private static final Pattern YAML11_FLOAT =
      Pattern.compile(
          "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

  private ManifestYaml() {}

  /**
   * Whether a YAML 1.1 reader would read this plain one-line value as a timestamp or a number: then
   * it is quoted.
   */
  static boolean yaml11Value(String text) {
    // A timestamp starts with a digit: most values need not run the expression.
    boolean digitFirst = !text.isEmpty() && text.charAt(0) >= '0' && text.charAt(0) <= '9';
    return (digitFirst && YAML11_TIMESTAMP.matcher(text).matches()) || yaml11Number(text);
  }

  private static boolean yaml11Number(String text) {
    if (text.isEmpty() || "0123456789+-.".indexOf(text.charAt(0)) < 0) {
      return false; // go-yaml v2 tries numbers only for these first characters
    }
    String digits = text.replace("_", "");
    return YAML11_INT.matcher(digits).matches() || YAML11_FLOAT.matcher(digits).matches();
  }

  /** The object as a mutable JSON tree, for patching. */
  static ObjectNode tree(Object object) {
    return (ObjectNode) valueTree(object);
  }

  /**
   * A JSON tree of an object or a patch value (strings, numbers, booleans, lists and maps): {@link
   * ObjectTrees} builds it, and data binding only what that does not know.
   */
  static JsonNode valueTree(Object value) {
    try {
      return value == null ? JsonNodeFactory.instance.nullNode() : ObjectTrees.tree(value);
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
      for (String key : BlockYaml.orderedKeys(object, firstKeys)) {
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
