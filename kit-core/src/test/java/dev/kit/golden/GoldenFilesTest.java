package dev.kit.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.kit.Generator;
import dev.kit.plan.FilePlan;
import dev.kit.testing.ArgoSyncOrder;
import dev.kit.testing.SourceTree;
import dev.kit.testing.SyncWaveContract;
import dev.kit.write.Drift;
import dev.kit.write.PlanWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders each case under {@code src/test/resources/golden/<case>/} (a tiny repository: inputs plus
 * the expected generated files) and compares the plan with the files byte for byte. To accept new
 * output, run {@code ./mvnw -pl kit-core test -Dtest=GoldenFilesTest -Dkit.golden.update=true} and
 * review the diff.
 */
class GoldenFilesTest {

  static Path goldenRoot() {
    return SourceTree.testResources().resolve("golden");
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(goldenRoot())) {
      return dirs
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  static Stream<String> casesWithPlatform() throws IOException {
    return cases().filter(name -> GoldenCases.CASES.get(name).get().platform().isPresent());
  }

  static Stream<String> casesWithoutPlatform() throws IOException {
    return cases().filter(name -> GoldenCases.CASES.get(name).get().platform().isEmpty());
  }

  static FilePlan plan(String name) {
    return Generator.forRepository(goldenRoot().resolve(name))
        .source("dev.kit.golden.GoldenCases#" + name)
        .plan(GoldenCases.CASES.get(name).get());
  }

  @Test
  void cases_matchFolders_whenListed() throws IOException {
    assertThat(cases().toList()).containsExactlyInAnyOrderElementsOf(GoldenCases.CASES.keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void plan_equalsGoldenFiles_forEachCase(String name) throws IOException {
    Path dir = goldenRoot().resolve(name);
    FilePlan plan = plan(name);
    PlanWriter writer = new PlanWriter(dir);
    if (SourceTree.updateGoldens()) {
      writer.write(plan);
    }
    Drift drift = writer.compare(plan);
    if (drift.isEmpty()) {
      return;
    }
    List<String> problems = new ArrayList<>();
    drift.missing().forEach(p -> problems.add(p + ": missing"));
    drift.extra().forEach(p -> problems.add(p + ": generated before, no longer planned"));
    drift.conflicts().forEach(p -> problems.add(p + ": in the way"));
    for (String path : drift.stale()) {
      problems.add(
          path
              + ": "
              + firstDifference(
                  plan.text(path), Files.readString(dir.resolve(path), StandardCharsets.UTF_8)));
    }
    fail(
        "golden case "
            + name
            + " differs (update with -Dkit.golden.update=true and review):\n  "
            + String.join("\n  ", problems));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void syncWaveContract_holds_forEachCase(String name) throws IOException {
    try (Stream<Path> services = Files.list(goldenRoot().resolve(name).resolve("services"))) {
      for (Path service : services.toList()) {
        for (Path deployed : deployedFolders(service)) {
          SyncWaveContract.assertHolds(deployed.resolve("manifests"));
        }
      }
    }
  }

  /**
   * What a service deploys from: its folder, or with environments each {@code envs/<environment>/}.
   */
  static List<Path> deployedFolders(Path service) throws IOException {
    Path envs = service.resolve("envs");
    if (!Files.isDirectory(envs)) {
      return List.of(service);
    }
    try (Stream<Path> folders = Files.list(envs)) {
      return folders.sorted().toList();
    }
  }

  /**
   * Without a Platform kit installs no operators: {@code platform/} holds only what every tree has.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("casesWithoutPlatform")
  void platform_holdsNoOperators_forEachCaseWithoutPlatform(String name) throws IOException {
    assertThat(operatorFiles(goldenRoot().resolve(name).resolve("platform"))).isEmpty();
  }

  /**
   * What an app-of-apps root syncs ({@code platform/*.yaml} but itself and argocd-cm, plus every
   * service Application): the platform sorts before every service Application.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("casesWithPlatform")
  void platform_sortsBeforeEveryServiceApplication_forEachCaseWithPlatform(String name)
      throws IOException {
    Path root = goldenRoot().resolve(name);
    Path platform = root.resolve("platform");
    // The description's environments: a platform subfolder may also be a platform Application's.
    List<String> environments =
        GoldenCases.CASES.get(name).get().environments().stream()
            .map(dev.kit.model.Environment::name)
            .toList();
    if (environments.isEmpty()) {
      assertPlatformFirst(root, platform, null);
    }
    for (String environment : environments) {
      assertPlatformFirst(root, platform.resolve(environment), environment);
    }
  }

  /**
   * The Argo CD order of one platform folder and the service Applications of its environment (or of
   * none).
   */
  private static void assertPlatformFirst(Path root, Path platform, String environment)
      throws IOException {
    List<Path> files = new ArrayList<>(operatorFiles(platform));
    assertThat(files)
        .as("the operators and AppProject of %s, which has a Platform", platform)
        .isNotEmpty();
    try (Stream<Path> services = Files.list(root.resolve("services"))) {
      services
          .map(s -> environment == null ? s : s.resolve("envs").resolve(environment))
          .map(s -> s.resolve("application.yaml"))
          .filter(Files::isRegularFile)
          .sorted()
          .forEach(files::add);
    }
    List<ArgoSyncOrder.Step> order = ArgoSyncOrder.of(files);
    int lastPlatform = -1;
    int firstService = order.size();
    for (int i = 0; i < order.size(); i++) {
      if (order.get(i).file().startsWith(platform)) {
        lastPlatform = i;
      } else {
        firstService = Math.min(firstService, i);
      }
    }
    assertThat(lastPlatform)
        .as("platform objects in %s", order)
        .isGreaterThanOrEqualTo(0)
        .isLessThan(firstService);
    assertThat(order.get(0).kind())
        .as("the AppProject the services need comes first")
        .isEqualTo("AppProject");
  }

  /** {@code platform/*.yaml} but the root Application and argocd-cm, which every tree has. */
  private static List<Path> operatorFiles(Path platform) throws IOException {
    try (Stream<Path> files = Files.list(platform)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> !List.of("root.yaml", "argocd-cm.yaml").contains(f.getFileName().toString()))
          .sorted()
          .toList();
    }
  }

  /** The first line where the rendered text and the golden file differ, with both versions. */
  static String firstDifference(String actual, String expected) {
    String[] a = actual.split("\n", -1);
    String[] e = expected.split("\n", -1);
    for (int i = 0; i < Math.max(a.length, e.length); i++) {
      String al = i < a.length ? a[i] : "<end of file>";
      String el = i < e.length ? e[i] : "<end of file>";
      if (!al.equals(el)) {
        return "line " + (i + 1) + " differs\n    golden:   " + el + "\n    rendered: " + al;
      }
    }
    return "same lines, different bytes (line endings or encoding)";
  }
}
