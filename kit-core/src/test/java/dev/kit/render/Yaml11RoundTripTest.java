package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.model.Kit;
import dev.kit.plan.FilePlan;
import dev.kit.plan.GeneratedHeader;
import dev.kit.testing.Validations;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Kubernetes and Argo CD read manifests with go-yaml, a YAML 1.1 reader (as is SnakeYAML 1.x); kit
 * writes with a YAML 1.2 library. Every string kit writes, of every character class and in every
 * position, must read back to exactly that string in a YAML 1.1 parser (SnakeYAML 1.33) and in
 * kit's own reader.
 */
class Yaml11RoundTripTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final YAMLMapper KIT_READER = YAMLMapper.builder().build();

  /** One representative of each class of character a YAML writer or reader treats specially. */
  private static final Map<String, String> CLASSES = classes();

  private static Map<String, String> classes() {
    Map<String, String> classes = new LinkedHashMap<>();
    classes.put("NEL U+0085", "\u0085");
    classes.put("LS U+2028", "\u2028");
    classes.put("PS U+2029", "\u2029");
    classes.put("CR", "\r");
    classes.put("CRLF", "\r\n");
    classes.put("BOM U+FEFF", "\uFEFF");
    classes.put("NUL", "\0");
    classes.put("BEL", "\u0007");
    classes.put("ESC", "\u001B");
    classes.put("other C0", "\u0001\u001F");
    classes.put("DEL", "\u007F");
    classes.put("C1", "\u0080\u009F");
    classes.put("NBSP", "\u00A0");
    classes.put("noncharacters", "\uFFFE\uFFFF");
    classes.put("tab", "\t");
    classes.put("trailing space", " \n");
    classes.put("spaces only line", "\n   \n");
    classes.put("astral", "\uD83D\uDE00");
    classes.put("quotes and backslash", "\"'\\");
    classes.put("YAML indicators", ": # - | > & * ! % @ ` {}[],?");
    classes.put("document markers", "\n---\n...\n");
    classes.put("non-ASCII letters", "é中");
    return classes;
  }

  /**
   * The character in every place of a string: alone, first, inside, last, on a line of its own, in
   * long SQL.
   */
  private static final List<UnaryOperator<String>> PLACES =
      List.of(
          c -> c,
          c -> c + "x",
          c -> "x" + c + "y",
          c -> "x" + c,
          c -> " " + c + "\nsecond line\n",
          c -> "first\n" + c + "\nlast\n",
          c -> "first\nlast" + c,
          c -> c + "\n" + sql(),
          c -> sql() + c + sql(),
          c -> sql() + c,
          c -> sql().replace("\n", c + "\n"));

  private static String sql() {
    return "-- Creates orders.\nCREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  note text DEFAULT 'a: b # c'\n);\n"
        .repeat(4);
  }

  @Test
  void
      file_readsBackByteForByte_inAYaml11ParserAndKitsReader_forEveryCharacterClassInEveryPosition() {
    List<String> failures = new ArrayList<>();
    int cases = 0;
    for (Map.Entry<String, String> characterClass : CLASSES.entrySet()) {
      for (int place = 0; place < PLACES.size(); place++) {
        String text = PLACES.get(place).apply(characterClass.getValue());
        ObjectNode tree = everyPosition(text);
        String where = characterClass.getKey() + " in place " + place;
        check(
            where + ", kit-written",
            new String(
                ManifestYaml.file(ManifestYaml.header("test"), tree), StandardCharsets.UTF_8),
            text,
            failures);
        check(where + ", library-written", ManifestYaml.libraryYaml(tree), text, failures);
        cases++;
      }
    }
    assertThat(failures).as("of %d cases", cases).isEmpty();
  }

  @Test
  void write_leavesTreeAndOutputToTheSerializer_whenNoStringNeedsKitsQuoting() {
    ObjectNode tree = everyPosition(sql() + "é\t\r\n\u0001\uD83D\uDE00");
    ObjectNode before = tree.deepCopy();

    String yaml = DoubleQuotedScalars.write(tree, serialized -> "as serialized");

    assertThat(yaml).isEqualTo("as serialized");
    assertThat(tree).isEqualTo(before);
  }

  @Test
  void quoted_escapesEveryCharacterYaml11ReadsDifferently_whenWritingADoubleQuotedScalar() {
    assertThat(
            DoubleQuotedScalars.quoted(
                "a\u0085b\u2028c\u2029d\uFEFFe\r\n\t\0\u0007\u001B\u007F\u0099\"\\ é\uD83D\uDE00\uFFFE"))
        .isEqualTo(
            "\"a\\x85b\\u2028c\\u2029d\\uFEFFe\\r\\n\\t\\0\\a\\e\\x7F\\x99\\\"\\\\ é\uD83D\uDE00\\uFFFE\"");
  }

  @Test
  void file_writesAnExplicitKey_whenAQuotedKeyIsLongerThanAnImplicitKeyMayBe() {
    String key = "k\u2028" + "x".repeat(300);
    ObjectNode tree = NODES.objectNode();
    tree.putObject("data").put(key, "v").putObject("nested").put("a", "b");
    tree.putArray("items").addObject().put(key, "v").put("other", "w");
    tree.putObject("maps").putObject(key).put("a", "b");

    String yaml =
        new String(ManifestYaml.file(ManifestYaml.header("test"), tree), StandardCharsets.UTF_8);

    assertThat(yaml).contains("  ? \"k\\u2028xxx").contains("- ? \"k\\u2028xxx");
    Map<String, Object> read = snakeYaml11().load(yaml);
    assertThat(((Map<?, ?>) read.get("data")).get(key)).isEqualTo("v");
    assertThat(((Map<?, ?>) ((List<?>) read.get("items")).get(0)).get(key)).isEqualTo("v");
    assertThat(((Map<?, ?>) read.get("maps")).get(key)).isEqualTo(Map.of("a", "b"));
    assertThat(KIT_READER.readTree(yaml).path("data").path(key).asString()).isEqualTo("v");
  }

  @Test
  void file_quotesAPlaceholderLookalikeAsAnyOtherString_whenTheTreeAlreadyHoldsOne() {
    ObjectNode tree =
        NODES
            .objectNode()
            .put("a", "kit-quoted-0.")
            .put("b", "x\u2028y")
            .put("kit-quoted-1.", "kit-quoted-x0.");

    Map<String, Object> read =
        snakeYaml11()
            .load(
                new String(
                    ManifestYaml.file(ManifestYaml.header("test"), tree), StandardCharsets.UTF_8));

    assertThat(read)
        .containsEntry("a", "kit-quoted-0.")
        .containsEntry("b", "x\u2028y")
        .containsEntry("kit-quoted-1.", "kit-quoted-x0.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r", "\u0085", "\u2028", "\u2029"})
  void headerLine_rejectsTheSource_whenAYaml11ReaderWouldBreakTheCommentThere(String lineBreak) {
    assertThatThrownBy(() -> GeneratedHeader.line("com.acme.Shop" + lineBreak + "kind: Secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a header source is one line");
  }

  @Test
  void file_rejectsAnUnpairedSurrogate_whenUtf8CannotCarryIt() {
    ObjectNode tree = NODES.objectNode().put("a", "x\uD800y");

    assertThatThrownBy(() -> ManifestYaml.file(ManifestYaml.header("test"), tree))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unpaired surrogate");
  }

  /**
   * SQL files of each class reach the migrations ConfigMap, as Kubernetes reads it, byte for byte
   * (atlas.sum hashes bytes).
   */
  @Test
  void render_carriesEveryMigrationByteForByte_intoTheConfigMapAsAYaml11ParserReadsIt() {
    List<MigrationFile> files = new ArrayList<>();
    int version = 1;
    for (Map.Entry<String, String> characterClass : CLASSES.entrySet()) {
      String sql =
          "-- "
              + characterClass.getKey()
              + "\nSELECT 1;"
              + characterClass.getValue()
              + "\nSELECT '"
              + characterClass.getValue()
              + "';\n";
      files.add(
          new MigrationFile(
              String.format("%014d_class.sql", version++), sql.getBytes(StandardCharsets.UTF_8)));
    }
    files.add(
        new MigrationFile(
            String.format("%014d_crlf.sql", version),
            "SELECT 1;\r\nSELECT 2;\r\n".repeat(40).getBytes(StandardCharsets.UTF_8)));
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service("orders", s -> s.database(db -> db.storage("1Gi")))
            .build();

    FilePlan plan =
        new KitRenderer("test")
            .render(Validations.validated(kit, Map.of("orders", new MigrationDirectory(files))));

    Map<String, Object> configMap =
        snakeYaml11().load(plan.text("services/orders/manifests/migrations/configmap.yaml"));
    Map<?, ?> data = (Map<?, ?>) configMap.get("data");
    Map<?, ?> binary =
        configMap.get("binaryData") == null ? Map.of() : (Map<?, ?>) configMap.get("binaryData");
    for (MigrationFile file : files) {
      byte[] shipped =
          data.containsKey(file.name())
              ? ((String) data.get(file.name())).getBytes(StandardCharsets.UTF_8)
              : Base64.getMimeDecoder().decode((String) binary.get(file.name()));
      assertThat(shipped).as(file.name()).isEqualTo(file.content());
    }
  }

  /** The text as a ConfigMap value, a list item, a key, and deeper in lists of maps. */
  private static ObjectNode everyPosition(String text) {
    ObjectNode tree = NODES.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
    tree.putObject("metadata").put("name", "orders-migrations");
    tree.putObject("data").put("20250101000000_a.sql", text).put("atlas.sum", "h1:abc=\n");
    tree.putArray("list").add(text).add("after");
    tree.putObject("keys")
        .put(text.length() > 100 ? text.substring(0, 100) : text, "value")
        .put("z", "last");
    tree.putObject("spec").putArray("items").addObject().put("script", text).put("name", "first");
    return tree;
  }

  private static void check(String where, String yaml, String text, List<String> failures) {
    String key = text.length() > 100 ? text.substring(0, 100) : text;
    try {
      Map<String, Object> read = snakeYaml11().load(yaml);
      List<Object> found =
          List.of(
              ((Map<?, ?>) read.get("data")).get("20250101000000_a.sql"),
              ((List<?>) read.get("list")).get(0),
              ((Map<?, ?>) read.get("keys")).get(key) == null ? "<key lost>" : text,
              ((Map<?, ?>) ((List<?>) ((Map<?, ?>) read.get("spec")).get("items")).get(0))
                  .get("script"));
      found.stream()
          .filter(f -> !text.equals(f))
          .findFirst()
          .ifPresent(
              f ->
                  failures.add(
                      where
                          + ": SnakeYAML 1.33 read "
                          + escape(String.valueOf(f))
                          + " for "
                          + escape(text)));
    } catch (RuntimeException e) {
      failures.add(
          where
              + ": SnakeYAML 1.33 failed: "
              + e.getMessage().lines().findFirst().orElse("")
              + " in "
              + escape(yaml));
    }
    try {
      JsonNode read = KIT_READER.readTree(yaml);
      List<String> found =
          List.of(
              read.path("data").path("20250101000000_a.sql").asString(),
              read.path("list").path(0).asString(),
              read.path("keys").has(key) ? text : "<key lost>",
              read.at("/spec/items/0/script").asString());
      found.stream()
          .filter(f -> !text.equals(f))
          .findFirst()
          .ifPresent(
              f ->
                  failures.add(
                      where + ": kit's reader read " + escape(f) + " for " + escape(text)));
    } catch (RuntimeException e) {
      failures.add(
          where + ": kit's reader failed: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static Yaml snakeYaml11() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    return new Yaml(options);
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder();
    text.chars()
        .forEach(
            c ->
                out.append(
                    c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("<%04X>", c)));
    return out.toString();
  }
}
