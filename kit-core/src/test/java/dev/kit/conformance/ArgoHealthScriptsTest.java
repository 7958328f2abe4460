package dev.kit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.testing.ArgoLuaHealth;
import dev.kit.testing.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The Lua interpreter kit's health tests use runs Argo CD's own health scripts to Argo CD's own
 * expectations: every case of the vendored {@code health_test.yaml} of each kind kit's output gates
 * on, status and message. (The vendored {@code _.crossplane.io} script and its test disagree
 * upstream at that commit, so it is left out.)
 */
class ArgoHealthScriptsTest {

  private static final Path SCRIPTS = TestData.resolve("conformance/argocd-health");
  private static final List<String> KINDS =
      List.of(
          "postgresql.cnpg.io/Cluster",
          "db.atlasgo.io/AtlasMigration",
          "db.atlasgo.io/AtlasSchema",
          "cert-manager.io/Certificate");

  /** One case of an upstream {@code health_test.yaml}. */
  record Case(Path folder, String input, String status, String message) {
    @Override
    public String toString() {
      return SCRIPTS.relativize(folder) + " " + input;
    }
  }

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (String kind : KINDS) {
      Path test = SCRIPTS.resolve(kind).resolve("health_test.yaml");
      for (JsonNode entry : ArgoLuaHealth.yaml(test).path("tests")) {
        JsonNode expected = entry.path("healthStatus");
        cases.add(
            new Case(
                test.getParent(),
                entry.path("inputPath").asString(),
                expected.path("status").asString(),
                expected.path("message").asString("")));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void upstreamScript_returnsArgoCdsExpectedHealth_forItsTestData(Case c) {
    ArgoLuaHealth.Result result =
        ArgoLuaHealth.run(c.folder().resolve("health.lua"), c.folder().resolve(c.input()));

    assertThat(result).isEqualTo(new ArgoLuaHealth.Result(c.status(), c.message()));
  }

  @Test
  void cases_coverEveryExpectationOfEachKind() {
    assertThat(cases().count()).isEqualTo(17);
  }
}
