package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.plan.GeneratedHeader;
import dev.kit.testing.AllStrings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * kit's one-pass YAML writer writes byte for byte what the YAML library writes, for every string in
 * every position.
 */
class BlockYamlTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * Strings each YAML rule is about: YAML 1.1 booleans, nulls, numbers and timestamps, indicators,
   * spaces, breaks.
   */
  static final List<String> SPECIAL =
      List.of(
          "",
          " ",
          "  ",
          "a",
          "yes",
          "Yes",
          "YES",
          "no",
          "on",
          "On",
          "off",
          "OFF",
          "y",
          "Y",
          "n",
          "N",
          "true",
          "True",
          "false",
          "null",
          "Null",
          "NULL",
          "~",
          "~x",
          "x~",
          "0x1F",
          "0X1f",
          "0o17",
          "0b101",
          "1e3",
          "1E3",
          "1e-3",
          "1.5e+3",
          ".inf",
          "-.inf",
          "+.Inf",
          ".nan",
          ".NaN",
          "1_000",
          "1_0.5",
          "+1",
          "-1",
          "1.5",
          "1.",
          ".5",
          "-",
          ".",
          "+",
          "+-",
          "0",
          "00",
          "01",
          "007",
          "-0",
          "0.0",
          "1e",
          "e3",
          "1a",
          "1 2",
          "12:30",
          "1:2:3",
          "2026-01-01",
          "2026-1-1",
          "2026-01-01T10:00:00Z",
          "2026-01-01 10:00",
          "2026-01-01x",
          "a: b",
          "a:b",
          "a :b",
          "a:",
          "a::",
          "::",
          ":",
          ": a",
          ":a",
          "a #b",
          "a#b",
          "#a",
          "#",
          "-a",
          "- a",
          "-- a",
          "? a",
          "?a",
          "?",
          "a?",
          "a ?",
          "---",
          "...",
          "--- a",
          "...a",
          "a ---",
          "----",
          " a",
          "a ",
          " a ",
          "'a'",
          "\"a\"",
          "a'b",
          "a\"b",
          "a\\b",
          "\\",
          "'",
          "\"",
          "[a]",
          "a[b",
          "{a}",
          "a}b",
          "a,b",
          ",",
          "&a",
          "a&b",
          "*a",
          "!a",
          "!",
          "|a",
          "|",
          ">a",
          ">",
          "%a",
          "@a",
          "`a",
          "a|b",
          "a>b",
          "@",
          "=",
          "<<",
          "a b c",
          "a  b",
          "kit-quoted-0.",
          "x".repeat(127),
          "x".repeat(128),
          "y".repeat(300),
          "a\nb",
          "a\n",
          "a\n\n",
          "a\n\n\n",
          "\n",
          "\n\n",
          "\na",
          "\n a",
          " a\nb",
          "a \nb",
          "a\n b",
          "a\nb ",
          "a\n\nb\n",
          "a\n \nb",
          "a: b\n# c\n",
          "- a\n- b\n",
          "'\n'",
          "\"\n\"",
          "\\\n",
          "---\n",
          "yes\n",
          "1\n",
          "a\u0085b",
          "a\u2028b",
          "a\u2029",
          "\uFEFFx",
          "x\uFEFF\ny",
          "\u0085",
          "é",
          "aé",
          "a\tb",
          "\t",
          "a\rb",
          "a\r\nb\r\n",
          "\u00A0",
          "a\u00A0",
          "\u0007",
          "\uD83D\uDE00",
          "-- Creates orders.\nCREATE TABLE orders (\n  id bigint PRIMARY KEY,\n\n  note text DEFAULT 'a: b # c'\n);\n");

  /** Every character class that matters to YAML, weighted towards spaces and breaks. */
  static final String ALPHABET = "abcXYZ019  \n\n:#-|>\"'{}[]%@`!&*?,.;=()_/\\~+";

  @Test
  void write_equalsTheLibrarysYaml_forEveryStringInEveryPosition() {
    List<String> strings = new ArrayList<>(SPECIAL);
    Random random = new Random(42);
    for (int i = 0; i < 4_000; i++) {
      strings.add(randomText(random, i % 10 == 0 ? 300 : 12));
    }
    for (int i = 0; i < SPECIAL.size(); i++) {
      for (int j = 0; j < SPECIAL.size(); j += 7) {
        strings.add(SPECIAL.get(i) + SPECIAL.get(j)); // each rule next to another
      }
    }
    int fast = 0;
    int total = 0;
    for (int i = 0; i < strings.size(); i++) {
      String text = strings.get(i);
      String other = strings.get((i * 31 + 7) % strings.size());
      for (ObjectNode tree : positions(text, other)) {
        total++;
        fast += assertSameAsLibrary(tree, text) ? 1 : 0;
      }
    }
    // A key with a line feed (a third of the random strings also serve as keys) is the library's to
    // write.
    assertThat(fast).as("documents kit wrote itself, of %d", total).isGreaterThan(total * 2 / 3);
  }

  @Test
  void write_equalsTheLibrarysYaml_forNestedShapes() {
    ObjectNode tree = NODES.objectNode();
    tree.put("spec", "first?")
        .put("kind", "K")
        .put("apiVersion", "v1")
        .put("zeta", 1)
        .put("alpha", true);
    ObjectNode metadata = tree.putObject("metadata");
    metadata.putObject("labels").put("b", "2").put("a", "x");
    metadata.put("namespace", "ns").put("name", "n").putObject("empty");
    ArrayNode list = tree.putArray("items");
    list.add("plain").add(7).add(false).add(-12L).addObject();
    ObjectNode item = list.addObject().put("z", 1).put("name", "first key");
    item.putArray("nested")
        .addObject()
        .put("namespace", "x")
        .put("name", "y")
        .putArray("deeper")
        .add("d");
    item.putArray("none");
    item.putObject("map").putObject("inner").put("sql", "SELECT 1;\nSELECT 2;\n");
    list.addObject().putObject("onlyMap").put("k", "v");
    tree.putArray("emptyList");

    assertThat(assertSameAsLibrary(tree, "nested")).as("written by kit").isTrue();
  }

  @Test
  void write_leavesToTheLibrary_whatItDoesNotKnow() {
    assertThat(write(NODES.objectNode().put("a", 1.5))).as("a float").isNull();
    assertThat(write(NODES.objectNode().putNull("a"))).as("a null").isNull();
    assertThat(write(NODES.objectNode().put("a", "é"))).as("non-ASCII").isNull();
    ObjectNode nested = NODES.objectNode();
    nested.putArray("a").addArray().add("x");
    assertThat(write(nested)).as("a sequence in a sequence").isNull();
    assertThat(write(NODES.objectNode())).as("an empty document").isNull();

    for (ObjectNode tree :
        List.of(NODES.objectNode().put("a", 1.5), NODES.objectNode().putNull("a"), nested)) {
      assertSameAsLibrary(tree, tree.toString());
    }
  }

  /**
   * The rule {@code needToQuoteValue} and {@code yaml11Value} followed as regular expressions,
   * before they became hand scans: the scans must agree with it on every string.
   */
  private static final class RegexRule {
    private static final Set<String> RESERVED =
        Set.of(
            "false", "False", "FALSE", "n", "N", "no", "No", "NO", "null", "Null", "NULL", "on",
            "On", "ON", "off", "Off", "OFF", "true", "True", "TRUE", "y", "Y", "yes", "Yes", "YES");
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?[0-9]*(\\.[0-9]*)?");
    private static final Pattern JSON_INT = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern JSON_FLOAT =
        Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]*)?([eE][-+]?[0-9]+)?|-?\\.inf|\\.nan");
    private static final Pattern YAML11_TIMESTAMP =
        Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt\\s].*)?");
    private static final Pattern YAML11_INT =
        Pattern.compile("[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[0-9]+)");
    private static final Pattern YAML11_FLOAT =
        Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    static boolean needToQuoteValue(String text) {
      if (RESERVED.contains(text) || text.charAt(0) == '~') {
        return true;
      }
      int length = text.length();
      for (int i = 0; i < length; i++) {
        switch (text.charAt(i)) {
          case '[', ']', '{', '}', ',' -> {
            return true;
          }
          case '#' -> {
            if (i == 0 || text.charAt(i - 1) == ' ') {
              return true;
            }
          }
          case ':' -> {
            if (i == length - 1 || text.charAt(i + 1) == ' ') {
              return true;
            }
          }
          default -> {}
        }
      }
      if ("0123456789+-.".indexOf(text.charAt(0)) >= 0
          && (PLAIN_NUMBER.matcher(text).matches()
              || JSON_INT.matcher(text).matches()
              || JSON_FLOAT.matcher(text).matches())) {
        return true;
      }
      return yaml11Value(text);
    }

    static boolean yaml11Value(String text) {
      boolean digitFirst = !text.isEmpty() && text.charAt(0) >= '0' && text.charAt(0) <= '9';
      return (digitFirst && YAML11_TIMESTAMP.matcher(text).matches()) || yaml11Number(text);
    }

    static boolean yaml11Number(String text) {
      if (text.isEmpty() || "0123456789+-.".indexOf(text.charAt(0)) < 0) {
        return false;
      }
      String digits = text.replace("_", "");
      return YAML11_INT.matcher(digits).matches() || YAML11_FLOAT.matcher(digits).matches();
    }
  }

  @Test
  void needToQuoteValue_agreesWithTheRegularExpressions_forEveryShortString() {
    // Number shapes (signs, dots, exponents, '_', the 0x/0o/0b prefixes, inf and nan) up to 5
    // characters, and every string of the test's corpus.
    List<String> strings = new ArrayList<>(AllStrings.upTo("07+-._eExob ", 5));
    strings.addAll(AllStrings.upTo(".+-_infINFaA0", 5));
    strings.addAll(AllStrings.upTo("19:#,~ [", 4));
    strings.addAll(SPECIAL);
    List<String> mismatches = new ArrayList<>();
    for (String text : strings) {
      if (!text.isEmpty() && BlockYaml.needToQuoteValue(text) != RegexRule.needToQuoteValue(text)) {
        mismatches.add("needToQuoteValue(" + text + ")");
      }
      if (ManifestYaml.yaml11Value(text) != RegexRule.yaml11Value(text)) {
        mismatches.add("yaml11Value(" + text + ")");
      }
      if (ManifestYaml.yaml11Number(text) != RegexRule.yaml11Number(text)) {
        mismatches.add("yaml11Number(" + text + ")");
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void yaml11Value_agreesWithTheRegularExpression_forEveryDateShape() {
    // A timestamp is 8 characters or more: runs of 0 to 5 digits between the separators, then
    // every tail of up to 3 characters of the time separators, line terminators and others.
    List<String> runs = List.of("", "1", "12", "123", "1234", "12345");
    List<String> tails = AllStrings.upTo("T \t\n\r\u000B\u0085\u2028x-", 3);
    List<String> mismatches = new ArrayList<>();
    int checked = 0;
    for (String year : runs) {
      for (String first : List.of("-", "_", "")) {
        for (String month : runs.subList(0, 4)) {
          for (String second : List.of("-", " ")) {
            for (String day : runs.subList(0, 4)) {
              for (String tail : tails) {
                String text = year + first + month + second + day + tail;
                checked++;
                if (ManifestYaml.yaml11Value(text) != RegexRule.yaml11Value(text)) {
                  mismatches.add(text);
                }
              }
            }
          }
        }
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(checked).isGreaterThan(500_000);
  }

  @Test
  void file_isTheSameBytes_whenTheThreadsWriterWroteALargerOrAbandonedFileBefore() {
    ObjectNode small = NODES.objectNode().put("kind", "K");
    ObjectNode large = NODES.objectNode();
    large.putObject("data").put("sql", "SELECT 1;\n".repeat(200_000)); // beyond what is kept
    ObjectNode abandoned = NODES.objectNode().put("a", "x".repeat(10_000)).put("b", 1.5);
    String first = write(small);

    assertThat(write(large)).isEqualTo("data:\n  sql: |\n" + "    SELECT 1;\n".repeat(200_000));
    assertThat(write(abandoned)).as("a float: the library's").isNull();
    assertThat(write(small)).isEqualTo(first).isEqualTo("kind: K\n");
  }

  /** Whether kit wrote it itself; either way the file equals the library's YAML. */
  private static boolean assertSameAsLibrary(ObjectNode tree, String text) {
    String expected = GeneratedHeader.line("test") + ManifestYaml.libraryYaml(tree.deepCopy());
    String fast = write(tree.deepCopy());
    assertThat(
            new String(
                ManifestYaml.file(ManifestYaml.header("test"), tree.deepCopy()),
                StandardCharsets.UTF_8))
        .as("%s", text.replace("\n", "\\n"))
        .isEqualTo(expected);
    if (fast != null) {
      assertThat(GeneratedHeader.line("test") + fast)
          .as("%s", text.replace("\n", "\\n"))
          .isEqualTo(expected);
    }
    return fast != null;
  }

  /**
   * The string as a value, a key, a sequence item, the first and a later key of a sequence item's
   * mapping, nested.
   */
  private static List<ObjectNode> positions(String text, String other) {
    List<ObjectNode> trees = new ArrayList<>();
    ObjectNode configMap = NODES.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
    configMap.putObject("metadata").put("name", text).put("namespace", other);
    configMap
        .putObject("data")
        .put("atlas.sum", "h1:abc=\n")
        .put("20250101000000_a.sql", text)
        .put(text, other);
    trees.add(configMap);

    ObjectNode items = NODES.objectNode();
    ArrayNode list = items.putObject("spec").putArray("items");
    list.add(text).add(other);
    list.addObject().put("script", text).put("name", other);
    list.addObject().put("name", text).put(text.isEmpty() ? "k" : text, 1);
    list.addObject().putObject("env").putArray("values").add(text).addObject().put("value", text);
    trees.add(items);

    trees.add(NODES.objectNode().put("zz", text).put("a", other));
    return trees;
  }

  static String randomText(Random random, int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }

  /** kit's writer alone, without a header: null where it leaves the tree to the library. */
  private static String write(ObjectNode root) {
    byte[] file = BlockYaml.file(new byte[0], root);
    return file == null ? null : new String(file, StandardCharsets.UTF_8);
  }
}
