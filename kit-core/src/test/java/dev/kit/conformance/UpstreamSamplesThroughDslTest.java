package dev.kit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Resources;
import dev.kit.model.Service;
import dev.kit.plan.FilePlan;
import dev.kit.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The CloudNativePG examples users write by hand, expressed through the DSL: the rendered spec equals the
 * upstream spec. Fields the DSL does not model go through the escape hatch; each test pins that list, so
 * the gap stays visible (and shrinks as the DSL grows).
 */
class UpstreamSamplesThroughDslTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  /** Fields kit always writes as policy: a pinned image (CNPG's default floats) and superuser access stated. */
  private static final List<String> KIT_POLICY_FIELDS = List.of("/spec/enableSuperuserAccess", "/spec/imageName");

  @TempDir Path repo;

  private static JsonNode upstream(String file, String kind) throws IOException {
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class)
        .readValues(SharedData.resolve("conformance/upstream-samples/cloudnative-pg").resolve(file).toFile())) {
      for (JsonNode doc : docs.readAll()) {
        if (doc != null && kind.equals(doc.path("kind").asString())) {
          return doc;
        }
      }
    }
    throw new AssertionError("no " + kind + " in " + file);
  }

  private JsonNode renderCluster(UnaryOperator<Service.Builder> service) {
    Kit kit = Kit.builder()
        .repository("upstream", r -> r.gitUrl("https://github.com/cloudnative-pg/cloudnative-pg.git"))
        .service("example", s -> service.apply(s.withoutMigrations()))
        .build();
    FilePlan plan = Generator.forRepository(repo).plan(kit);
    return YAML.readTree(plan.text("services/example/manifests/database/cluster.yaml"));
  }

  /** JSON pointers where two specs differ (values that differ, or fields only one side has). */
  private static TreeSet<String> differences(JsonNode expected, JsonNode actual, String at) {
    TreeSet<String> diffs = new TreeSet<>();
    if (expected instanceof ObjectNode e && actual instanceof ObjectNode a) {
      TreeSet<String> keys = new TreeSet<>(e.propertyNames());
      keys.addAll(a.propertyNames());
      for (String key : keys) {
        diffs.addAll(differences(e.get(key), a.get(key), at + "/" + key));
      }
    } else if (expected == null || actual == null || !expected.equals(actual)) {
      diffs.add(at);
    }
    return diffs;
  }

  @Test
  void clusterExample_isExpressedByTheDslAlone() throws IOException {
    JsonNode upstream = upstream("cluster-example.yaml", "Cluster");

    JsonNode rendered = renderCluster(s -> s.database(db -> db.clusterName("cluster-example").instances(3).storage("1Gi")));

    assertThat(rendered.at("/metadata/name").asString()).isEqualTo("cluster-example");
    assertThat(differences(upstream.get("spec"), rendered.get("spec"), "/spec")).containsExactlyElementsOf(KIT_POLICY_FIELDS);
  }

  @Test
  void clusterExampleFull_needsTheEscapeHatchOnlyForFieldsTheDslDoesNotModel() throws IOException {
    JsonNode upstream = upstream("cluster-example-full.yaml", "Cluster");
    JsonNode spec = upstream.get("spec");
    // What the DSL does not model (yet): each goes through a Patch, copied from the upstream value.
    List<String> escapeHatch = List.of(
        "/spec/description",
        "/spec/startDelay",
        "/spec/stopDelay",
        "/spec/primaryUpdateStrategy",
        "/spec/postgresql/pg_hba",
        "/spec/bootstrap/initdb/secret",
        "/spec/superuserSecret",
        "/spec/backup", // the deprecated in-tree barmanObjectStore; the DSL will model the Barman Cloud plugin instead
        "/spec/nodeMaintenanceWindow");
    List<Patch> patches = new ArrayList<>();
    for (String path : escapeHatch) {
      patches.add(Patch.set(Patch.Target.CLUSTER, path, YAML.treeToValue(spec.at(path.substring("/spec".length())), Object.class)));
    }

    JsonNode rendered = renderCluster(s -> {
      s.database(db -> db
          .clusterName("cluster-example-full")
          .instances(3)
          .postgresMajor(18)
          .imageName("ghcr.io/cloudnative-pg/postgresql:18.4-system-trixie")
          .parameter("shared_buffers", "256MB")
          .parameter("pg_stat_statements.max", "10000")
          .parameter("pg_stat_statements.track", "all")
          .parameter("auto_explain.log_min_duration", "10s")
          .bootstrap("app", "app")
          .superuserAccess(true)
          .storage("1Gi", "standard")
          .resources(Resources.requests("1", "512Mi").withLimits("2", "1Gi"))
          .antiAffinity("failure-domain.beta.kubernetes.io/zone"));
      patches.forEach(s::patch);
      return s;
    });

    assertThat(differences(spec, rendered.get("spec"), "/spec")).isEmpty();
    Map<String, Integer> counts = Map.of("dsl", countLeaves(spec) - countLeaves(spec, escapeHatch), "escapeHatch", countLeaves(spec, escapeHatch));
    System.out.printf("cluster-example-full: %d spec fields through the DSL, %d through the escape hatch (%s)%n",
        counts.get("dsl"), counts.get("escapeHatch"), escapeHatch);
    assertThat(counts).containsEntry("dsl", 17).containsEntry("escapeHatch", 22);
  }

  private static int countLeaves(JsonNode node) {
    if (node.isObject()) {
      int n = 0;
      for (JsonNode child : node) {
        n += countLeaves(child);
      }
      return n;
    }
    return 1; // a scalar or a list counts as one field
  }

  private static int countLeaves(JsonNode spec, List<String> paths) {
    return paths.stream().mapToInt(p -> countLeaves(spec.at(p.substring("/spec".length())))).sum();
  }
}
