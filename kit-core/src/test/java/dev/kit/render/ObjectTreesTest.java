package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * kit's own object → tree builds the tree Jackson data binding builds, for every object of every
 * golden case.
 */
class ObjectTreesTest {

  static Stream<String> cases() {
    return GoldenObjects.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void tree_equalsDataBinding_forEveryObjectOfEachGoldenCase(String name) {
    List<Object> objects = GoldenObjects.of(name);
    objects.forEach(ObjectTreesTest::assertSameTree);
    for (Kit view : GoldenObjects.views(name)) {
      for (Service service : view.services()) {
        for (Patch patch : service.patches()) {
          if (patch.value() != null) {
            assertSameTree(patch.value());
          }
        }
      }
    }
    assertThat(objects).isNotEmpty();
  }

  @Test
  void tree_equalsDataBinding_forValuesAndModelShapes() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("int", 3);
    nested.put("long", 5_000_000_000L);
    nested.put("double", 1.5);
    nested.put("bool", false);
    nested.put("empty", "");
    nested.put("list", Arrays.asList("a", null, 2, List.of(), Map.of()));
    nested.put("map", new TreeMap<>(Map.of("b", List.of(Map.of("c", true)))));
    List<Object> values =
        List.of(
            "text",
            7,
            -1L,
            0.25,
            true,
            List.of(),
            Map.of(),
            nested,
            new ArgoApplication.Helm("release", nested),
            PrometheusRule.rule("Alert", "up == 0", "5m", Map.of("severity", "page"), Map.of()),
            new CnpgCluster.PluginConfiguration("barman", true, Map.of("a", "b")),
            new ObjectMetaBuilder()
                .withName("n")
                .withLabels(Map.of())
                .withAnnotations(Map.of("a", ""))
                .build(),
            new ObjectMetaBuilder().withName("").withNamespace("ns").build(),
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("c")
                .endMetadata()
                .withData(Map.of("k", ""))
                .build(),
            new Quantity("500", "m"),
            new Quantity("1Gi"),
            new IntOrString(8080),
            new IntOrString("http"),
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("d")
                .addToAdditionalProperties("extra", List.of(1, "x"))
                .endMetadata()
                .withNewSpec()
                .withReplicas(0)
                .withNewTemplate()
                .withNewSpec()
                .addToContainers(
                    new ContainerBuilder()
                        .withName("app")
                        .withArgs(List.of())
                        .withNewResources()
                        .addToLimits("cpu", new Quantity("1"))
                        .endResources()
                        .withNewReadinessProbe()
                        .withNewHttpGet()
                        .withPort(new IntOrString(8080))
                        .withPath("/")
                        .endHttpGet()
                        .endReadinessProbe()
                        .build())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build());
    List<String> checked = new ArrayList<>();
    for (Object value : values) {
      assertSameTree(value);
      checked.add(value.getClass().getSimpleName());
    }
    assertThat(checked).hasSize(values.size());
  }

  @Test
  void tree_leavesOutEmptyMaps_ofKitsRecords() {
    ObjectMetadata metadata =
        ObjectMetadata.builder()
            .withName("c")
            .withLabels(Map.of())
            .withAnnotations(Map.of())
            .build();
    JsonNode configMap = assertSameTree(new KubeConfigMap(metadata, Map.of(), Map.of()));
    JsonNode resources = assertSameTree(new KubeResources(Map.of(), Map.of("cpu", "1")));

    assertThat(configMap.toString())
        .isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}");
    assertThat(resources.toString()).isEqualTo("{\"requests\":{\"cpu\":\"1\"}}");
  }

  @Test
  void tree_isLeftToDataBinding_whenTheShapeIsUnknown() {
    Map<String, Object> nullValue = new LinkedHashMap<>();
    nullValue.put("a", null);
    for (Object value :
        List.of(
            nullValue,
            new java.math.BigDecimal("1.50"),
            Patch.Op.ADD,
            new java.util.concurrent.atomic.AtomicInteger(3),
            new Typed("a"),
            List.of(new Typed("b")))) {
      assertThatThrownBy(() -> ObjectTrees.tree(value))
          .as("%s", value)
          .isInstanceOf(ObjectTrees.Unsupported.class);
      assertThat(ManifestYaml.valueTree(value)).isEqualTo(ManifestYaml.dataBoundTree(value));
    }
  }

  /** A type id, which data binding writes and {@link ObjectTrees} does not. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
  record Typed(String a) {}

  /**
   * The object's tree, which kit built without falling back to data binding, and which equals data
   * binding's.
   */
  private static JsonNode assertSameTree(Object object) {
    JsonNode direct = ObjectTrees.tree(object);
    assertThat(direct)
        .as("%s", object.getClass().getName())
        .isEqualTo(ManifestYaml.dataBoundTree(object));
    return direct;
  }
}
