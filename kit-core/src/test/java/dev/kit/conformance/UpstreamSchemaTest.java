package dev.kit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.kit.conformance.GeneratedObjects.GeneratedFile;
import dev.kit.conformance.GeneratedObjects.Manifest;
import dev.kit.testing.SourceTree;
import dev.kit.testing.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every generated object against the real upstream schema of its apiVersion/kind (CRDs from {@code
 * test-data/crds/}, core kinds from {@code test-data/k8s-schemas/}), as strict as the API server's
 * field validation: unknown fields, wrong types, enums, formats and required fields all fail, each
 * failure naming the file, the JSON path and the rule.
 */
class UpstreamSchemaTest {

  private static UpstreamSchemas schemas;

  @BeforeAll
  static void loadSchemas() {
    schemas = UpstreamSchemas.load(TestData.dir());
  }

  static Stream<Manifest> objects() {
    return GeneratedObjects.objects().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("objects")
  void object_matchesUpstreamSchema_forEveryGeneratedObject(Manifest manifest) {
    List<String> problems = schemas.validate(manifest.where(), manifest.object());
    if (!problems.isEmpty()) {
      String source = schemas.source(key(manifest));
      fail(
          problems.size()
              + " schema violation(s) in "
              + manifest.where()
              + " ("
              + (source == null ? "no schema in test-data" : source)
              + "):\n  "
              + String.join("\n  ", problems));
    }
  }

  @Test
  void allObjects_areValidatedAndCoverEveryRenderedKind_whenRunTogether() {
    List<Manifest> objects = GeneratedObjects.objects();
    List<String> problems = new ArrayList<>();
    Map<String, Integer> perKind = new TreeMap<>();
    for (Manifest manifest : objects) {
      problems.addAll(schemas.validate(manifest.where(), manifest.object()));
      perKind.merge(key(manifest).toString(), 1, Integer::sum);
    }
    long files =
        GeneratedObjects.roots().stream()
            .mapToLong(r -> GeneratedObjects.objectFiles(r).size())
            .sum();
    System.out.printf(
        "UpstreamSchemaTest: validated %d objects in %d files of %d roots against %d known schemas; %d kinds covered: %s%n",
        objects.size(),
        files,
        GeneratedObjects.roots().size(),
        schemas.keys().size(),
        perKind.size(),
        perKind);

    assertThat(problems).as("schema violations").isEmpty();
    assertThat(objects).as("one object per generated file").hasSize((int) files);
    // every golden case and the sample hold at least an Application and a Cluster
    assertThat(objects.size())
        .as("objects validated")
        .isGreaterThanOrEqualTo(2 * GeneratedObjects.roots().size());
    assertThat(perKind.keySet())
        .as("kinds covered")
        .containsAll(
            List.of(
                "argoproj.io/v1alpha1/Application",
                "postgresql.cnpg.io/v1/Cluster",
                "v1/ConfigMap",
                "batch/v1/Job"));
  }

  static Stream<GeneratedFile> objectFiles() {
    return GeneratedObjects.roots().stream()
        .flatMap(r -> GeneratedObjects.objectFiles(r).stream().map(f -> new GeneratedFile(r, f)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("objectFiles")
  void file_readsTheSameUnderKubernetesYaml11_forEveryGeneratedObjectFile(GeneratedFile file) {
    assertThat(Yaml11Scalars.check(file.where(), file.text())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1_000", "0x1F", "0o17", "0b101", ".NaN", "1_2.5"})
  void yaml11Check_flagsPlainScalar_whenGoYamlV2ReadsANumber(String plain) {
    String text = "metadata:\n  labels:\n    build: " + plain + "\n";

    assertThat(Yaml11Scalars.check("planted.yaml", text))
        .singleElement()
        .asString()
        .startsWith("planted.yaml:3: [yaml11] plain scalar '" + plain + "' is str to kit but ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"1_000\"", "'0x1F'", "2025-01-01", "orders", "10s", "1:20", "\"on\""})
  void yaml11Check_acceptsScalar_whenBothReadersAgree(String scalar) {
    assertThat(Yaml11Scalars.check("safe.yaml", "value: " + scalar + "\nnumber: 3\nflag: true\n"))
        .isEmpty();
  }

  @Test
  void catalog_knowsEveryUpstreamKind_whenLoaded() {
    assertThat(schemas.keys().stream().map(Object::toString))
        .contains(
            "postgresql.cnpg.io/v1/Cluster",
            "postgresql.cnpg.io/v1/Pooler",
            "postgresql.cnpg.io/v1/ScheduledBackup",
            "postgresql.cnpg.io/v1/Backup",
            "postgresql.cnpg.io/v1/Database",
            "barmancloud.cnpg.io/v1/ObjectStore",
            "argoproj.io/v1alpha1/Application",
            "argoproj.io/v1alpha1/AppProject",
            "argoproj.io/v1alpha1/ApplicationSet",
            "db.atlasgo.io/v1alpha1/AtlasMigration",
            "db.atlasgo.io/v1alpha1/AtlasSchema",
            "v1/ConfigMap",
            "v1/Secret",
            "v1/Service",
            "v1/ServiceAccount",
            "v1/Namespace",
            "batch/v1/Job",
            "apps/v1/Deployment");
  }

  @Test
  void validate_namesPathAndRule_whenClusterHasTypoKeyAndPreSyncEnum() {
    ObjectNode cluster = golden("minimal/services/orders/manifests/database/cluster.yaml");
    ((ObjectNode) cluster.get("spec")).put("instancess", 3);
    ((ObjectNode) cluster.get("spec")).put("primaryUpdateStrategy", "PreSync");

    List<String> problems = schemas.validate("typo-cluster.yaml", cluster);

    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("typo-cluster.yaml: $.spec.instancess: [additionalProperties]")
                    .contains("instancess"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("typo-cluster.yaml: $.spec.primaryUpdateStrategy: [enum]")
                    .contains("unsupervised"));
    assertThat(problems).hasSize(2);
  }

  /**
   * One planted mistake per row: the file it starts from, where it goes, and what the report must
   * say.
   */
  static Stream<Arguments> violations() {
    String cluster = "database-full/services/payments/manifests/database/cluster.yaml";
    String job = "minimal/services/orders/manifests/migrations/job.yaml";
    String configMap = "raw-bytes/services/legacy/manifests/migrations/configmap.yaml";
    String application = "minimal/services/orders/application.yaml";
    JsonNodeFactory n = JsonNodeFactory.instance;
    return Stream.of(
        Arguments.of(cluster, "/spec/instances", n.stringNode("3"), "$.spec.instances", "type"),
        Arguments.of(cluster, "/spec/instances", n.numberNode(0), "$.spec.instances", "minimum"),
        Arguments.of(cluster, "/spec/instances", null, "$.spec.instances", "required"),
        Arguments.of(
            cluster,
            "/spec/startDelay",
            n.numberNode(3_000_000_000L),
            "$.spec.startDelay",
            "format"),
        Arguments.of(
            cluster,
            "/spec/resources/requests/cpu",
            n.booleanNode(true),
            "$.spec.resources.requests.cpu",
            "type"),
        Arguments.of(
            cluster,
            "/spec/resources/requests/cpu",
            n.stringNode("two"),
            "$.spec.resources.requests.cpu",
            "pattern"),
        Arguments.of(
            cluster,
            "/spec/storage/sise",
            n.stringNode("1Gi"),
            "$.spec.storage.sise",
            "additionalProperties"),
        Arguments.of(
            cluster,
            "/metadata/labelz",
            n.objectNode(),
            "$.metadata.labelz",
            "additionalProperties"),
        Arguments.of(cluster, "/metadata/namespace", null, "$.metadata.namespace", "required"),
        Arguments.of(
            cluster,
            "/metadata/name",
            n.stringNode("Ledger_DB"),
            "$.metadata.name",
            "dns1123Subdomain"),
        Arguments.of(
            cluster,
            "/metadata/labels/team",
            n.stringNode("a b"),
            "$.metadata.labels['team']",
            "labelValue"),
        Arguments.of(
            job,
            "/spec/template/spec/containers/0/bogus",
            n.stringNode("x"),
            "$.spec.template.spec.containers[0].bogus",
            "additionalProperties"),
        Arguments.of(job, "/spec/backoffLimit", n.stringNode("3"), "$.spec.backoffLimit", "type"),
        Arguments.of(
            job,
            "/spec/template/spec/restartPolicy",
            n.stringNode("Always"),
            "$.spec.template.spec.restartPolicy",
            "enum"),
        Arguments.of(
            job,
            "/spec/template/spec/containers/0/resources/requests/memory",
            n.stringNode("64MB"),
            "$.spec.template.spec.containers[0].resources.requests.memory",
            "quantity"),
        Arguments.of(
            job,
            "/spec/template/spec/containers/0/resources/requests/memory",
            n.stringNode("1Gi"),
            "$.spec.template.spec.containers[0].resources.requests.memory",
            "lessThanOrEqual"),
        Arguments.of(
            job,
            "/spec/template/spec/containers/0/volumeMounts/0/name",
            n.stringNode("sql"),
            "$.spec.template.spec.containers[0].volumeMounts[0].name",
            "reference"),
        Arguments.of(
            job,
            "/spec/template/metadata/labels/app.kubernetes.io~1name",
            n.stringNode("-orders"),
            "$.spec.template.metadata.labels['app.kubernetes.io/name']",
            "labelValue"),
        Arguments.of(
            configMap,
            "/binaryData/2_bom.sql",
            n.stringNode("not base64!"),
            "$.binaryData['2_bom.sql']",
            "format"),
        Arguments.of(configMap, "/data/atlas.sum", n.numberNode(42), "$.data['atlas.sum']", "type"),
        Arguments.of(
            configMap,
            "/data/1 spaced.sql",
            n.stringNode("SELECT 1;"),
            "$.data['1 spaced.sql']",
            "configKey"),
        Arguments.of(
            configMap,
            "/data/2_bom.sql",
            n.stringNode("SELECT 1;"),
            "$.binaryData['2_bom.sql']",
            "unique"),
        Arguments.of(application, "/spec/project", null, "$.spec.project", "required"),
        Arguments.of(
            application,
            "/spec/syncPolicy/retry/limit",
            n.stringNode("5"),
            "$.spec.syncPolicy.retry.limit",
            "type"),
        Arguments.of(
            application,
            "/spec/syncPolicy/automated/selfHael",
            n.booleanNode(true),
            "$.spec.syncPolicy.automated.selfHael",
            "additionalProperties"),
        Arguments.of(application, "/kind", n.stringNode("Applicaton"), "$", "apiVersion/kind"));
  }

  @ParameterizedTest(name = "{0} {1} = {2}")
  @MethodSource("violations")
  void validate_reportsPathAndRule_whenAMistakeIsPlanted(
      String file, String pointer, JsonNode value, String path, String rule) {
    ObjectNode object = golden(file);
    plant(object, pointer, value);

    List<String> problems = schemas.validate(file, object);

    assertThat(problems)
        .as("problems of %s with %s = %s", file, pointer, value)
        .anySatisfy(p -> assertThat(p).startsWith(file + ": " + path + ": [" + rule + "]"));
  }

  static Stream<Arguments> deploymentViolations() {
    JsonNodeFactory n = JsonNodeFactory.instance;
    return Stream.of(
        Arguments.of(
            "/spec/selector/matchLabels/app.kubernetes.io~1component",
            n.stringNode("db"),
            "$.spec.selector.matchLabels['app.kubernetes.io/component']",
            "selectorMatchesTemplate"),
        Arguments.of(
            "/spec/template/spec/containers/0/ports/0/name",
            n.stringNode("http-for-the-orders-api"),
            "$.spec.template.spec.containers[0].ports[0].name",
            "ianaSvcName"),
        Arguments.of(
            "/spec/template/spec/containers/0/ports/0/containerPort",
            n.numberNode(70000),
            "$.spec.template.spec.containers[0].ports[0].containerPort",
            "portRange"),
        Arguments.of("/spec/replicas", n.stringNode("2"), "$.spec.replicas", "type"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("deploymentViolations")
  void validate_appliesWorkloadRules_whenSampleDeploymentIsBroken(
      String pointer, JsonNode value, String path, String rule) {
    ObjectNode deployment = (ObjectNode) GeneratedObjects.sampleDeployment().object().deepCopy();
    assertThat(schemas.validate("deployment.yaml", deployment))
        .as("the sample's Deployment as committed")
        .isEmpty();
    plant(deployment, pointer, value);

    assertThat(schemas.validate("deployment.yaml", deployment))
        .anySatisfy(p -> assertThat(p).startsWith("deployment.yaml: " + path + ": [" + rule + "]"));
  }

  @Test
  void validate_requiresDns1035Name_whenKindIsService() {
    ObjectNode service =
        JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Service");
    service.putObject("metadata").put("name", "9lives").put("namespace", "orders");
    service.putObject("spec").putArray("ports").addObject().put("port", 80);

    assertThat(schemas.validate("service.yaml", service))
        .containsExactly(
            "service.yaml: $.metadata.name: [dns1035Label] Service name '9lives' must be a DNS-1035 label (start with a letter)");
  }

  @Test
  void validate_requiresServerSideApply_whenObjectOutgrowsTheLastAppliedAnnotation() {
    ObjectNode configMap = golden("minimal/services/orders/manifests/migrations/configmap.yaml");
    ((ObjectNode) configMap.get("data"))
        .put("20990101000000_big.sql", "-- padding\n".repeat(30_000));
    ObjectNode annotations = (ObjectNode) configMap.at("/metadata/annotations");
    annotations.remove("argocd.argoproj.io/sync-options");

    assertThat(schemas.validate("configmap.yaml", configMap))
        .singleElement()
        .asString()
        .startsWith(
            "configmap.yaml: $.metadata.annotations: [lastAppliedConfiguration] client-side apply");

    annotations.put("argocd.argoproj.io/sync-options", "ServerSideApply=true");
    assertThat(schemas.validate("configmap.yaml", configMap)).isEmpty();
  }

  @Test
  void validate_acceptsIntegerQuantity_whenFieldIsIntOrString() {
    ObjectNode cluster = golden("database-full/services/payments/manifests/database/cluster.yaml");
    plant(cluster, "/spec/resources/requests/cpu", JsonNodeFactory.instance.numberNode(2));

    assertThat(schemas.validate("cluster.yaml", cluster)).isEmpty();
  }

  @Test
  void validate_acceptsUnknownFields_whenSchemaPreservesThem() {
    ObjectNode application = golden("minimal/services/orders/application.yaml");
    JsonNodeFactory n = JsonNodeFactory.instance;
    // Argo CD's helm.valuesObject is x-kubernetes-preserve-unknown-fields: anything goes below it
    plant(
        application,
        "/spec/source/helm",
        n.objectNode()
            .set("valuesObject", n.objectNode().set("any", n.objectNode().put("nested", 1))));

    assertThat(schemas.validate("application.yaml", application)).isEmpty();
  }

  private static UpstreamSchemas.Key key(Manifest manifest) {
    return new UpstreamSchemas.Key(manifest.apiVersion(), manifest.kind());
  }

  private static ObjectNode golden(String relative) {
    Path file = SourceTree.testResources().resolve("golden").resolve(relative);
    GeneratedObjects.Root root = new GeneratedObjects.Root("golden", file.getParent());
    return (ObjectNode) GeneratedObjects.read(root, file).get(0).object().deepCopy();
  }

  /** Sets (or, for a null value, removes) the node at a JSON pointer whose parent exists. */
  static void plant(ObjectNode object, String pointer, JsonNode value) {
    JsonPointer at = JsonPointer.compile(pointer);
    JsonNode parent = object.at(at.head());
    String last = at.last().getMatchingProperty();
    if (parent instanceof ObjectNode map) {
      if (value == null) {
        assertThat(map.remove(last)).as("%s exists", pointer).isNotNull();
      } else {
        map.set(last, value);
      }
    } else if (parent instanceof ArrayNode list) {
      list.set(Integer.parseInt(last), value);
    } else {
      throw new IllegalArgumentException(
          "no parent for "
              + pointer
              + " in "
              + object.toString().lines().collect(Collectors.joining()));
    }
  }
}
