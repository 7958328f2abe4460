package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.plan.GeneratedHeader;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The literal blocks kit writes itself are byte for byte what the YAML library writes, wherever they sit. */
class LiteralBlocksTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Characters that matter to YAML, weighted towards line feeds and spaces; the last few never fit. */
  private static final String ALPHABET = "abcXYZ019 \n\n  :#-|>\"'{}[]%@`!&*?,.;=()_/\\\t\r\u00e9\ufeff";

  @Test
  void file_equalsTheLibrarysYaml_forRandomStringsInEveryPosition() {
    Random random = new Random(42);
    int fitting = 0;
    for (int i = 0; i < 3_000; i++) {
      String text = randomText(random, i % 7 == 0);
      fitting += LiteralBlocks.fits(text) ? 1 : 0;
      assertSameAsLibrary(configMap(text, randomText(random, false)), text);
      assertSameAsLibrary(inListItems(text), text);
      assertSameAsLibrary(NODES.objectNode().put("zz", text), text);
    }
    assertThat(fitting).as("strings that took kit's own path").isGreaterThan(500);
  }

  @Test
  void file_equalsTheLibrarysYaml_forSqlMigrations() {
    String sql = "-- Creates orders.\nCREATE TABLE orders (\n  id bigint PRIMARY KEY,\n\n  note text DEFAULT 'a: b # c'\n);\n"
        .repeat(8);
    assertThat(LiteralBlocks.fits(sql)).isTrue();
    assertThat(LiteralBlocks.fits(sql.strip())).isTrue();

    assertSameAsLibrary(configMap(sql, sql.strip()), sql);
    int[] serialized = {0};
    LiteralBlocks.write(configMap(sql, sql.strip()), tree -> {
      serialized[0]++;
      return ManifestYaml.libraryYaml((ObjectNode) tree);
    });
    assertThat(serialized[0]).as("serialized once, with placeholders, and no fallback").isEqualTo(1);
  }

  @Test
  void file_fallsBackToTheLibrary_whenAValueLooksLikeAPlaceholder() {
    String sql = "SELECT 1;\n".repeat(40);
    ObjectNode tree = configMap(sql, sql);
    tree.putObject("metadata").put("name", "kit-literal-block-0").putObject("labels").put("a", "kit-literal-block-1");

    assertSameAsLibrary(tree, sql);
  }

  @Test
  void fits_rejectsWhatTheLibraryWritesOtherwise() {
    String line = "x".repeat(300);
    assertThat(LiteralBlocks.fits(line)).as("one line is not a block").isFalse();
    assertThat(LiteralBlocks.fits(line + "\n\n")).as("kept final breaks need |+").isFalse();
    assertThat(LiteralBlocks.fits(" " + line + "\n")).as("a leading space needs an indentation indicator").isFalse();
    assertThat(LiteralBlocks.fits(line + " \nx\n")).as("a space before a break").isFalse();
    assertThat(LiteralBlocks.fits(line + "\tx\n")).as("a tab").isFalse();
    assertThat(LiteralBlocks.fits(line + "\r\nx\r\n")).as("CRLF").isFalse();
    assertThat(LiteralBlocks.fits(line + "\nx\n")).isTrue();
  }

  private static void assertSameAsLibrary(ObjectNode tree, String text) {
    byte[] expected = (GeneratedHeader.line("test") + ManifestYaml.libraryYaml(tree)).getBytes(StandardCharsets.UTF_8);
    assertThat(new String(ManifestYaml.file("test", tree), StandardCharsets.UTF_8))
        .as("%s", text.replace("\n", "\\n"))
        .isEqualTo(new String(expected, StandardCharsets.UTF_8));
  }

  private static ObjectNode configMap(String first, String second) {
    ObjectNode tree = NODES.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
    tree.putObject("metadata").put("name", "orders-migrations");
    tree.putObject("data").put("atlas.sum", "h1:abc=\n").put("20250101000000_a.sql", first).put("20250101000100_b.sql", second);
    return tree;
  }

  /** The string as the first and as a later key of mappings in sequences, one and two levels deep. */
  private static ObjectNode inListItems(String text) {
    ObjectNode tree = NODES.objectNode();
    ArrayNode items = tree.putObject("spec").putArray("items");
    items.addObject().put("script", text).put("name", "first");
    items.addObject().put("name", "second").put("script", text);
    items.addArray().addObject().put("deep", text).put("0x1F", text).put("1_000.sql", text);
    return tree;
  }

  private static String randomText(Random random, boolean anyCharacter) {
    int length = LiteralBlocks.MIN_LENGTH + random.nextInt(600) - 20;
    int alphabet = anyCharacter ? ALPHABET.length() : ALPHABET.length() - 5;
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(alphabet)));
    }
    if (random.nextInt(3) == 0) {
      // Most real files end with one line feed and have no space at a line's end: give the fast path its share.
      return text.toString().replace(" \n", "\n").strip() + "\n";
    }
    return text.toString();
  }
}
