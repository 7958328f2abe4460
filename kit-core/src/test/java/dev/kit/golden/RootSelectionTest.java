package dev.kit.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.plan.FilePlan;
import dev.kit.testing.ArgoGlob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The root Application's destination is Argo CD's own cluster, and an Application applies all it
 * selects to its one destination: what the root selects from the plan, by its include and exclude
 * as Argo CD matches them, is Argo CD's objects only; whatever belongs on an environment's cluster
 * (a Crossplane Provider, say) reaches it through a platform Application of its own. Checked with
 * Argo CD's glob (no separators) and with {@code /} as a separator, so a pattern holds in both.
 */
class RootSelectionTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  /** What Argo CD's cluster holds of kit's: the delivery objects. */
  private static final List<String> ARGO_CD_KINDS =
      List.of("Application", "ApplicationSet", "AppProject");

  /** Argo CD reads these files of a directory source ({@code manifestFile} in repository.go). */
  private static final List<String> MANIFEST_SUFFIXES =
      List.of(".yaml", ".yml", ".json", ".jsonnet");

  /** Every root of every golden case, once per glob reading. */
  static Stream<Arguments> roots() {
    List<Arguments> roots = new ArrayList<>();
    for (Map.Entry<Path, FilePlan> each : GoldenPlans.byCaseFolder().entrySet()) {
      for (String path : each.getValue().paths()) {
        if (path.startsWith("platform/") && path.endsWith("/root.yaml")) {
          String name = each.getKey().getFileName() + " " + path;
          roots.add(Arguments.of(name + " (Argo CD)", each.getValue(), path, argoCd()));
          roots.add(Arguments.of(name + " (/ separates)", each.getValue(), path, slash()));
        }
      }
    }
    assertThat(roots).as("golden cases with a root Application").isNotEmpty();
    return roots.stream();
  }

  private static Function<String, ArgoGlob> argoCd() {
    return ArgoGlob::argoCd;
  }

  private static Function<String, ArgoGlob> slash() {
    return ArgoGlob::withSlashSeparator;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("roots")
  void root_selectsArgoCdObjectsOnly_andEveryPlatformApplication(
      String name, FilePlan plan, String root, Function<String, ArgoGlob> glob) {
    List<String> selected = selected(plan, root, glob);

    for (String path : selected) {
      for (JsonNode object : objects(plan.text(path))) {
        assertThat(object.path("kind").asString())
            .as("kind in %s, which root %s applies to Argo CD's cluster", path, root)
            .isIn(ARGO_CD_KINDS);
        assertThat(object.path("apiVersion").asString()).startsWith("argoproj.io/");
      }
    }
    // Not too much left out: the folder's own files but the root itself and argocd-cm.
    String folder = root.substring(0, root.lastIndexOf('/') + 1);
    List<String> platformFiles =
        plan.paths().stream()
            .filter(p -> p.startsWith(folder) && p.indexOf('/', folder.length()) < 0)
            .filter(p -> !p.equals(root) && !p.equals(folder + "argocd-cm.yaml"))
            .toList();
    assertThat(selected).containsAll(platformFiles);
  }

  @Test
  void argoGlob_crossesSlashWithStar_onlyWithoutSeparators() {
    String nested = "platform/prod/planetscale-provider/provider-opentofu.yaml";
    assertThat(ArgoGlob.argoCd("platform/prod/*.yaml").matches(nested)).isTrue();
    assertThat(ArgoGlob.withSlashSeparator("platform/prod/*.yaml").matches(nested)).isFalse();
    assertThat(
            ArgoGlob.withSlashSeparator("{a,platform/prod/planetscale-provider/**}")
                .matches(nested))
        .isTrue();
    assertThat(ArgoGlob.argoCd("{a,platform/prod/planetscale-provider/**}").matches(nested))
        .isTrue();
    assertThat(
            ArgoGlob.argoCd("platform/prod/planetscale-provider/**")
                .matches("platform/prod/x.yaml"))
        .isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("roots")
  void root_leavesOutUsersApplicationYaml_belowAServicesFolder(
      String name, FilePlan plan, String root, Function<String, ArgoGlob> glob) {
    // platform/[<env>/]root.yaml: the root of services/<svc>/[envs/<env>/]application.yaml.
    String environment = root.substring("platform/".length(), root.lastIndexOf('/') + 1);
    String deployedFile = (environment.isEmpty() ? "" : "envs/" + environment) + "application.yaml";
    List<String> applications =
        plan.paths().stream()
            .filter(
                p ->
                    p.startsWith("services/")
                        && p.indexOf('/', "services/".length()) > 0
                        && p.substring(p.indexOf('/', "services/".length()) + 1)
                            .equals(deployedFile))
            .toList();
    // In each services/<svc>/[envs/<env>/]manifests/app/, the user's files named like (and
    // placed like) an Application's file.
    TreeSet<String> users = new TreeSet<>();
    for (String path : plan.paths()) {
      int manifests = path.indexOf("/manifests/");
      if (path.startsWith("services/") && manifests > 0) {
        String deployed = path.substring(0, manifests + 1);
        String application = deployed + "application.yaml";
        String below = application.substring(application.indexOf('/', "services/".length()) + 1);
        users.add(deployed + "manifests/app/application.yaml");
        users.add(deployed + "manifests/app/" + below);
        users.add(deployed + "manifests/app/" + application);
      }
    }
    List<String> candidates = new ArrayList<>(plan.paths());
    candidates.addAll(users);

    List<String> selected = selected(plan, candidates, root, glob);

    assertThat(users).isNotEmpty();
    assertThat(selected).doesNotContainAnyElementsOf(users);
    if (selected.stream().anyMatch(p -> p.startsWith("services/"))) {
      assertThat(selected).containsAll(applications);
    }
  }

  /** The plan's files the root syncs, as Argo CD walks its source with {@code glob}. */
  private static List<String> selected(
      FilePlan plan, String root, Function<String, ArgoGlob> glob) {
    return selected(plan, plan.paths(), root, glob);
  }

  /** Which of {@code paths} the root syncs, as Argo CD walks its source with {@code glob}. */
  private static List<String> selected(
      FilePlan plan, List<String> paths, String root, Function<String, ArgoGlob> glob) {
    JsonNode source = objects(plan.text(root)).get(0).path("spec").path("source");
    // Paths are matched relative to the source's path, which is the repository itself.
    assertThat(source.path("path").asString()).isEqualTo(".");
    JsonNode directory = source.path("directory");
    boolean recurse = directory.path("recurse").asBoolean(false);
    ArgoGlob include = glob.apply(directory.path("include").asString("**"));
    String excluded = directory.path("exclude").asString("");
    ArgoGlob exclude = excluded.isEmpty() ? null : glob.apply(excluded);
    return paths.stream()
        .filter(p -> recurse || p.indexOf('/') < 0)
        .filter(p -> MANIFEST_SUFFIXES.stream().anyMatch(p::endsWith))
        .filter(p -> exclude == null || !exclude.matches(p))
        .filter(include::matches)
        .toList();
  }

  private static List<JsonNode> objects(String yaml) {
    List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && doc.isObject() && !doc.isEmpty()) {
          objects.add(doc);
        }
      }
    }
    return objects;
  }
}
