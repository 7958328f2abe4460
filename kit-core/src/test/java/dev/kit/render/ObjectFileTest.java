package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kit.model.Patch;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An object written straight to YAML is byte for byte the file its JSON tree writes, and names the
 * same object, for every object of every golden case and for every string in every position.
 */
class ObjectFileTest {

  private static final byte[] HEADER = ManifestYaml.header("test");

  static Stream<String> cases() {
    return GoldenObjects.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void objectFile_equalsTheTreesFile_forEveryObjectOfEachGoldenCase(String name) {
    List<Object> objects = GoldenObjects.of(name);
    List<String> throughTheTree = new ArrayList<>();
    for (Object object : objects) {
      String tree = text(ManifestYaml.file(HEADER, ManifestYaml.tree(object)));
      String written = text(ManifestYaml.objectFile(HEADER, object));
      assertThat(written).as("%s", object.getClass().getSimpleName()).isEqualTo(tree);
      assertThat(ManifestYaml.name(object))
          .isEqualTo(ManifestYaml.tree(object).path("metadata").path("name").asString());
      if (!(object instanceof Record record) || BlockYaml.file(HEADER, record) == null) {
        throughTheTree.add(object.getClass().getSimpleName());
      }
    }
    // Only the raw-bytes case's migrations ConfigMap holds what the library writes.
    assertThat(throughTheTree).hasSizeLessThanOrEqualTo(1);
    assertThat(objects).hasSizeGreaterThan(throughTheTree.size());
  }

  /** A manifest with a map of any value for each position of BlockYamlTest's strings. */
  record Document(
      String apiVersion,
      String kind,
      Map<String, Object> metadata,
      Map<String, Object> data,
      Map<String, Object> spec,
      String zz,
      String a) {}

  @Test
  void objectFile_equalsTheTreesFile_forEveryStringInEveryPosition() {
    List<String> strings = new ArrayList<>(BlockYamlTest.SPECIAL);
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      strings.add(BlockYamlTest.randomText(random, i % 10 == 0 ? 300 : 12));
    }
    int direct = 0;
    int total = 0;
    for (int i = 0; i < strings.size(); i++) {
      String text = strings.get(i);
      String other = strings.get((i * 31 + 7) % strings.size());
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("name", text);
      metadata.put("namespace", other);
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("atlas.sum", "h1:abc=\n");
      data.put("20250101000000_a.sql", text);
      data.put(text, other);
      Map<String, Object> keyed = new LinkedHashMap<>();
      keyed.put("name", text);
      keyed.put(text.isEmpty() ? "k" : text, 1);
      Map<String, Object> spec = new TreeMap<>();
      spec.put(
          "items",
          List.of(
              text,
              other,
              Map.of("script", text, "name", other),
              keyed,
              Map.of("env", Map.of("values", List.of(text, Map.of("value", text))))));
      for (Document document :
          List.of(
              new Document("v1", "ConfigMap", metadata, data, null, null, null),
              new Document(null, null, null, null, spec, null, null),
              new Document(null, null, null, null, null, text, other))) {
        total++;
        direct += assertSameAsTheTree(document, text) ? 1 : 0;
      }
    }
    assertThat(direct).as("written straight, of %d", total).isGreaterThan(total * 2 / 3);
  }

  /** What the records of a manifest may hold besides strings, maps and records. */
  record Values(
      Integer port,
      Long big,
      Boolean flag,
      List<Object> items,
      Map<Object, Object> empty,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> omitted,
      ObjectMetadata metadata,
      Document nested) {}

  @Test
  void objectFile_equalsTheTreesFile_forEveryShapeARecordHolds() {
    Values none = new Values(null, null, null, null, null, null, null, null);
    Values values =
        new Values(
            8080,
            5_000_000_000L,
            false,
            Arrays.asList(1, true, "x", Map.of(), none, "a\nb"),
            Map.of(),
            Map.of(),
            ObjectMetadata.builder().withName("n").withLabels(Map.of()).build(),
            new Document("v1", "K", Map.of("name", "m"), null, Map.of(), null, ""));

    assertThat(assertSameAsTheTree(values, "values")).as("written straight").isTrue();
  }

  @Test
  void objectFile_goesThroughTheTree_whenTheObjectHoldsWhatOnlyTheTreeKnows() {
    List<Object> withNull = new ArrayList<>();
    withNull.add(null);
    Map<Object, Object> nullValue = new LinkedHashMap<>();
    nullValue.put("a", null);
    for (Values values :
        List.of(
            new Values(null, null, null, List.of(new Quantity("500m")), null, null, null, null),
            new Values(null, null, null, withNull, null, null, null, null),
            new Values(null, null, null, List.of(1.5), null, null, null, null),
            new Values(null, null, null, List.of(List.of("a")), null, null, null, null),
            new Values(null, null, null, List.of(Patch.Op.ADD), null, null, null, null),
            new Values(null, null, null, null, nullValue, null, null, null),
            new Values(null, null, null, null, Map.of(1, "a"), null, null, null),
            new Values(null, null, null, null, null, null, null, null))) {
      assertThat(assertSameAsTheTree(values, values.toString())).as("%s", values).isFalse();
    }
  }

  /** Property names each key rule is about: a YAML 1.1 word, a number, indicators, spaces. */
  record Keys(
      String apiVersion,
      String kind,
      Map<String, Object> metadata,
      @JsonProperty("on") String on,
      @JsonProperty("y") String y,
      @JsonProperty("1x") String number,
      @JsonProperty("~a") String tilde,
      @JsonProperty("a: b") String colonSpace,
      @JsonProperty("a:") String colonLast,
      @JsonProperty("a #b") String comment,
      @JsonProperty("-a") String dash,
      @JsonProperty("- a") String dashSpace,
      @JsonProperty("? a") String question,
      @JsonProperty("*a") String alias,
      @JsonProperty("a b") String space,
      @JsonProperty("it's") String quote,
      @JsonProperty("a\"b") String doubleQuote,
      @JsonProperty("[a]") String flow) {}

  @Test
  void objectFile_quotesARecordsKeysAsTheTreeDoes_whenAPropertyNameNeedsQuoting() {
    Keys keys =
        new Keys(
            "v1",
            "K",
            Map.of("name", "n"),
            "1",
            "2",
            "3",
            "4",
            "5",
            "6",
            "7",
            "8",
            "9",
            "10",
            "11",
            "12",
            "13",
            "14",
            "15");

    assertThat(assertSameAsTheTree(keys, "keys")).as("written straight").isTrue();
  }

  /**
   * Whether the object was written straight; either way its file equals its tree's file, and so
   * does its name.
   */
  private static boolean assertSameAsTheTree(Record object, String text) {
    String tree = text(ManifestYaml.file(HEADER, ManifestYaml.tree(object)));
    byte[] direct = BlockYaml.file(HEADER, object);
    if (direct != null) {
      assertThat(text(direct)).as("%s", text.replace("\n", "\\n")).isEqualTo(tree);
    }
    assertThat(text(ManifestYaml.objectFile(HEADER, object))).isEqualTo(tree);
    assertThat(ManifestYaml.name(object))
        .isEqualTo(ManifestYaml.tree(object).path("metadata").path("name").asString());
    return direct != null;
  }

  private static String text(byte[] file) {
    return new String(file, StandardCharsets.UTF_8);
  }
}
