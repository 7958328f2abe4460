package dev.kit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.conformance.GeneratedObjects.Manifest;
import dev.kit.testing.TestData;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every generated object through a Kubernetes API: fabric8's mock server in CRUD mode, with the
 * upstream CRDs from {@code test-data/crds/} registered. Each object is decoded by the Kubernetes
 * client (typed model for core kinds, {@link GenericKubernetesResource} for custom resources),
 * created, read back and compared with the file: the body (spec, data, ...) must be equal and so
 * must the metadata kit writes. The mock validates no schema (that is {@link UpstreamSchemaTest}'s
 * job); this proves the objects survive the client's model and the API round trip unchanged, and
 * that the CRDs name every kind kit writes.
 */
@EnableKubernetesMockClient(crud = true)
class ApiRoundTripTest {

  /** Injected by the mock server extension. */
  static KubernetesMockServer server;

  static KubernetesClient client;

  private static final JsonMapper JSON = new JsonMapper();
  private static final Set<String> SERVER_OWNED_METADATA =
      Set.of(
          "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink");

  private static final List<String> registered = new ArrayList<>();

  @BeforeAll
  static void registerUpstreamCrds() throws IOException {
    Path crds = TestData.resolve("crds");
    try (Stream<Path> files = Files.walk(crds)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          CustomResourceDefinition crd =
              client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
          client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
          registered.add(crd.getSpec().getGroup() + "/" + crd.getSpec().getNames().getKind());
        }
      }
    }
  }

  static Stream<Manifest> objects() {
    return GeneratedObjects.objects().stream();
  }

  @Test
  void crds_areRegistered_whenLoadedFromShared() {
    assertThat(registered)
        .contains(
            "postgresql.cnpg.io/Cluster",
            "postgresql.cnpg.io/Pooler",
            "postgresql.cnpg.io/ScheduledBackup",
            "barmancloud.cnpg.io/ObjectStore",
            "argoproj.io/Application",
            "db.atlasgo.io/AtlasMigration",
            "monitoring.coreos.com/PodMonitor",
            "monitoring.coreos.com/PrometheusRule");
    assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems())
        .hasSize(registered.size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("objects")
  void object_readsBackUnchanged_whenCreatedThroughTheApi(Manifest manifest) {
    boolean core = !manifest.apiVersion().contains(".");
    if (!core) {
      String group = manifest.apiVersion().substring(0, manifest.apiVersion().indexOf('/'));
      assertThat(registered)
          .as(
              "%s: no CRD in test-data/crds defines %s %s",
              manifest.where(), manifest.apiVersion(), manifest.kind())
          .contains(group + "/" + manifest.kind());
    }
    HasMetadata decoded = client.getKubernetesSerialization().unmarshal(text(manifest));
    assertThat(decoded)
        .as("decoded %s", manifest.where())
        .isInstanceOf(core ? HasMetadata.class : GenericKubernetesResource.class);
    if (core) {
      assertThat(decoded)
          .as("%s decodes to fabric8's typed model", manifest.where())
          .isNotInstanceOf(GenericKubernetesResource.class);
    }

    HasMetadata created = client.resource(decoded).create();
    HasMetadata readBack = client.resource(decoded).get();

    assertThat(readBack).as("%s read back", manifest.where()).isNotNull();
    assertThat(readBack.getMetadata().getUid())
        .as("stored by the server")
        .isEqualTo(created.getMetadata().getUid())
        .isNotBlank();
    assertThat(differences(manifest.object(), tree(readBack)))
        .as("%s after the round trip", manifest.where())
        .isEmpty();
    client.resource(readBack).delete();
  }

  @Test
  void create_fails_whenTheKindHasNoRegisteredCrd() {
    GenericKubernetesResource unknown =
        client
            .getKubernetesSerialization()
            .unmarshal(
                """
        apiVersion: postgresql.cnpg.io/v1
        kind: Clusterr
        metadata:
          name: typo
          namespace: orders
        spec:
          instances: 1
        """);

    assertThatThrownBy(() -> client.resource(unknown).create())
        .isInstanceOf(KubernetesClientException.class);
  }

  @Test
  void differences_namePathAndBothValues_whenBodyOrMetadataDiffer() {
    Manifest cluster =
        GeneratedObjects.objects().stream()
            .filter(m -> m.kind().equals("Cluster"))
            .findFirst()
            .orElseThrow();
    ObjectNode changed = (ObjectNode) cluster.object().deepCopy();
    UpstreamSchemaTest.plant(changed, "/spec/instances", JSON.getNodeFactory().numberNode(99));
    UpstreamSchemaTest.plant(
        changed,
        "/metadata/labels/app.kubernetes.io~1managed-by",
        JSON.getNodeFactory().stringNode("helm"));
    UpstreamSchemaTest.plant(
        changed, "/metadata/resourceVersion", JSON.getNodeFactory().stringNode("42"));

    assertThat(differences(cluster.object(), changed))
        .containsExactlyInAnyOrder(
            "$.metadata.labels: expected "
                + cluster.object().at("/metadata/labels")
                + " but was "
                + changed.at("/metadata/labels"),
            "$.spec: expected "
                + cluster.object().path("spec")
                + " but was "
                + changed.path("spec"));
  }

  /**
   * What differs between the file and the stored object: every top-level field but metadata and
   * status, and the metadata kit writes (name, namespace, labels, annotations); the server's own
   * metadata is ignored but must not replace kit's.
   */
  static List<String> differences(JsonNode expected, JsonNode actual) {
    List<String> differences = new ArrayList<>();
    Set<String> fields = new TreeSet<>(expected.propertyNames());
    fields.addAll(actual.propertyNames());
    fields.remove("status");
    fields.remove("metadata");
    for (String field : fields) {
      if (!expected.path(field).equals(actual.path(field))) {
        differences.add(
            "$." + field + ": expected " + expected.path(field) + " but was " + actual.path(field));
      }
    }
    JsonNode expectedMeta = expected.path("metadata");
    JsonNode actualMeta = actual.path("metadata");
    Set<String> metaFields = new TreeSet<>(expectedMeta.propertyNames());
    metaFields.addAll(actualMeta.propertyNames());
    metaFields.removeAll(SERVER_OWNED_METADATA);
    for (String field : metaFields) {
      if (!expectedMeta.path(field).equals(actualMeta.path(field))) {
        differences.add(
            "$.metadata."
                + field
                + ": expected "
                + expectedMeta.path(field)
                + " but was "
                + actualMeta.path(field));
      }
    }
    return differences;
  }

  private static JsonNode tree(HasMetadata object) {
    return JSON.readTree(client.getKubernetesSerialization().asJson(object));
  }

  private static String text(Manifest manifest) {
    try {
      return Files.readString(manifest.file());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
