package dev.kit.provider.planetscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import dev.kit.model.PlanetScale;
import dev.kit.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated module parses as HCL, and every resource's attributes are checked against the
 * provider's reference pages in {@code test-data/reference/planetscale-terraform/}: every required
 * attribute present, none the page does not list as required or optional.
 */
class PlanetScaleModuleTest {

  /**
   * Settable in the provider release kit pins but read-only on the vendored 1.8.0 pages: {@code
   * replicas} on a branch became settable in 1.21.0
   * (test-data/reference/planetscale-terraform/SOURCES.md). The only exception.
   */
  private static final Map<String, Set<String>> NEWER_THAN_PAGES =
      Map.of("planetscale_postgres_branch", Set.of("replicas"));

  /** Terraform's meta-arguments, valid in every resource block. */
  private static final Set<String> META_ARGUMENTS =
      Set.of("lifecycle", "depends_on", "count", "for_each", "provider");

  static PlanetScale minimal() {
    return PlanetScale.builder().organization("acme").database("shop").build();
  }

  static PlanetScale full() {
    return PlanetScale.builder()
        .organization("acme")
        .database("shop")
        .branch("main")
        .clusterSize("PS_10_AWS_ARM")
        .region("aws-eu-west-1")
        .parentBranch("staging")
        .replicas(2)
        .parameter("max_connections", "200")
        .parameter("pgbouncer", "default_pool_size", "100")
        .bouncer(b -> b.size("PGB_10").replicasPerCell(2).parameter("max_client_conn", "500"))
        .backupPolicy(
            p ->
                p.every(12, PlanetScale.BackupPolicy.Unit.HOUR)
                    .keep(2, PlanetScale.BackupPolicy.Unit.WEEK)
                    .at("02:30"))
        .build();
  }

  static PlanetScale moduleOnly() {
    return PlanetScale.builder()
        .organization("acme")
        .database("shop")
        .branch("dev")
        .production(false)
        .moduleOnly()
        .build();
  }

  /** A development branch made before kit, adopted by its ID. */
  static PlanetScale adopted() {
    return PlanetScale.builder()
        .organization("acme")
        .database("shop")
        .branch("dev")
        .production(false)
        .clusterSize("PS_10_AWS_ARM")
        .adoptBranch("ru00w3vqvfr9")
        .build();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("minimal", minimal()),
        Arguments.of("full", full()),
        Arguments.of("module-only", moduleOnly()),
        Arguments.of("adopted", adopted()));
  }

  private static String render(PlanetScale ps) {
    return PlanetScaleModule.render("com.acme.Shop", "orders", "orders", 17, ps);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String hcl) {
    try {
      return new HCLParser().parse(hcl);
    } catch (Exception e) {
      throw new AssertionError("not HCL: " + e.getMessage() + "\n" + hcl, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Map<String, Object>>> resources(Map<String, Object> hcl) {
    return (Map<String, Map<String, Map<String, Object>>>) hcl.get("resource");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void render_hasEveryRequiredAndOnlyDocumentedAttributes_forEveryResource(
      String name, PlanetScale ps) {
    Map<String, Object> hcl = parse(render(ps));
    List<String> problems = new ArrayList<>();
    resources(hcl)
        .forEach(
            (type, blocks) ->
                blocks.forEach(
                    (label, body) -> {
                      if (type.startsWith("planetscale_")) {
                        ReferencePage page = ReferencePage.resource(type);
                        Set<String> allowed = new TreeSet<>(page.required());
                        allowed.addAll(page.optional());
                        allowed.addAll(NEWER_THAN_PAGES.getOrDefault(type, Set.of()));
                        allowed.addAll(META_ARGUMENTS);
                        for (String attribute : body.keySet()) {
                          if (!allowed.contains(attribute)) {
                            problems.add(
                                type
                                    + "."
                                    + label
                                    + ": "
                                    + attribute
                                    + " is not a settable attribute on its reference page");
                          }
                        }
                        for (String required : page.required()) {
                          if (!body.containsKey(required)) {
                            problems.add(
                                type
                                    + "."
                                    + label
                                    + ": required attribute "
                                    + required
                                    + " is missing");
                          }
                        }
                      }
                    }));
    assertThat(problems).as(name).isEmpty();
  }

  @Test
  void render_writesEveryResourceKind_whenFull() {
    assertThat(resources(parse(render(full()))).keySet())
        .containsExactlyInAnyOrder(
            "planetscale_postgres_branch",
            "planetscale_postgres_branch_role",
            "planetscale_postgres_bouncer",
            "planetscale_postgres_backup_policy",
            "terraform_data",
            "kubernetes_secret_v1");
    assertThat(resources(parse(render(full()))).get("planetscale_postgres_branch_role").keySet())
        .containsExactlyInAnyOrder("migrator", "app");
  }

  @Test
  void render_writesOnlyBranchAndRoles_whenMinimal() {
    assertThat(resources(parse(render(minimal()))).keySet())
        .containsExactlyInAnyOrder(
            "planetscale_postgres_branch",
            "planetscale_postgres_branch_role",
            "terraform_data",
            "kubernetes_secret_v1");
  }

  @Test
  void render_replacesBothRolesOnTheRotation_evenBeforeTheFirst() {
    // Always written: a terraform_data being created (0 -> 1) would trigger no replacement.
    for (int rotation : new int[] {0, 3}) {
      PlanetScale ps = minimal().toBuilder().passwordRotation(rotation).build();
      Map<String, Map<String, Map<String, Object>>> resources = resources(parse(render(ps)));
      assertThat(resources.get("terraform_data").get("password_rotation"))
          .containsEntry("input", (double) rotation);
      assertThat(resources.get("planetscale_postgres_branch_role").keySet())
          .containsExactlyInAnyOrder("migrator", "app");
    }
    String hcl = render(minimal().toBuilder().passwordRotation(3).build());
    assertThat(hcl)
        .containsPattern(
            "successor       = \"postgres\"\n  lifecycle \\{\n    replace_triggered_by = \\[terraform_data.password_rotation]\n  }\n}")
        .containsPattern(
            "inherited_roles = \\[\"pg_read_all_data\", \"pg_write_all_data\"]\n  lifecycle \\{\n    replace_triggered_by = \\[terraform_data.password_rotation]\n  }\n}")
        .contains("required_version = \">= 1.4.0\"");
  }

  @Test
  void render_differsOnlyInTheRotationsInput_whenTheRotationIsRaised() {
    String before = render(minimal());
    String after = render(minimal().toBuilder().passwordRotation(1).build());
    assertThat(after).isEqualTo(before.replace("  input = 0\n", "  input = 1\n"));
  }

  @Test
  void render_protectsTheBranch_whenProduction() {
    Map<String, Object> branch =
        resources(parse(render(minimal()))).get("planetscale_postgres_branch").get("this");
    assertThat(branch).containsEntry("deletion_protected", true);
    assertThat(render(minimal())).containsPattern("lifecycle \\{\\s+prevent_destroy = true\\s+}");
  }

  @Test
  void render_leavesADevelopmentBranchDeletable_whenNotProduction() {
    String hcl = render(moduleOnly());
    // Written as false, not left out: production(false) must lift a protection set before.
    assertThat(resources(parse(hcl)).get("planetscale_postgres_branch").get("this"))
        .containsEntry("deletion_protected", false);
    assertThat(hcl).doesNotContain("prevent_destroy");
  }

  @Test
  void render_backsUpTheBranchesOfTheDeclaringBranchsKind_unlessThePolicyChooses() {
    PlanetScale dev =
        moduleOnly().toBuilder()
            .backupPolicy(p -> p.every(1, PlanetScale.BackupPolicy.Unit.DAY))
            .build();
    assertThat(resources(parse(render(dev))).get("planetscale_postgres_backup_policy").get("this"))
        .containsEntry("target", "development");
    // Chosen, and kept by an override that starts from the service's own branch.
    PlanetScale chosen = moduleOnly().toBuilder().backupPolicy(p -> p.production()).build();
    assertThat(chosen.backupPolicy().orElseThrow().target()).isEqualTo("production");
    PlanetScale main = dev.toBuilder().branch("main").production(true).build();
    assertThat(main.backupPolicy().orElseThrow().target()).isEqualTo("production");
    assertThat(
            minimal().toBuilder()
                .backupPolicy(p -> p.development())
                .build()
                .backupPolicy()
                .orElseThrow()
                .target())
        .isEqualTo("development");
  }

  @Test
  @SuppressWarnings("unchecked")
  void render_importsAnAdoptedBranch_withoutItsCreationAttributes_andNeverDestroysIt() {
    String hcl = render(adopted());
    Map<String, Object> parsed = parse(hcl);
    Map<String, Object> branch = resources(parsed).get("planetscale_postgres_branch").get("this");
    assertThat(branch)
        .containsEntry("name", "dev")
        .containsEntry("cluster_size", "PS_10_AWS_ARM")
        .doesNotContainKeys("major_version", "region", "parent_branch", "deletion_protected");
    assertThat(hcl)
        .containsPattern(
            "  # Adopted: the module did not create this branch, so it never destroys it.\n  lifecycle \\{\n    prevent_destroy = true\n  }\n}\n")
        .contains(
            "import {\n  to = planetscale_postgres_branch.this\n  id = jsonencode({ organization = \"acme\", database = \"shop\", id = \"ru00w3vqvfr9\" })\n}\n")
        .contains("required_version = \">= 1.6.0\"");
    // Without adoption, the module creates the branch: no import, Terraform 1.4 is enough.
    String created = render(adopted().toBuilder().createBranch().build());
    assertThat(created)
        .doesNotContain("import {")
        .doesNotContain("prevent_destroy")
        .contains("major_version = \"17\"")
        .contains("required_version = \">= 1.4.0\"");
  }

  @Test
  void render_keepsAProductionBranchsProtection_whenAdopted() {
    String hcl = render(minimal().toBuilder().adoptBranch("ru00w3vqvfr9").build());
    assertThat(hcl)
        .contains(
            "  deletion_protected = true\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n")
        .doesNotContain("# Adopted: the module did not create");
  }

  @Test
  @SuppressWarnings("unchecked")
  void render_givesTheAppRoleOnlyDataRoles_byDefault() {
    Map<String, Map<String, Object>> roles =
        resources(parse(render(minimal()))).get("planetscale_postgres_branch_role");
    assertThat((List<Object>) roles.get("app").get("inherited_roles"))
        .containsExactly("pg_read_all_data", "pg_write_all_data");
    assertThat((List<Object>) roles.get("migrator").get("inherited_roles"))
        .containsExactly("postgres");
  }

  @Test
  @SuppressWarnings("unchecked")
  void render_outputsTheMigrationsConnectionWithCnpgsKeys_passwordsSensitive() {
    Map<String, Map<String, Object>> outputs =
        (Map<String, Map<String, Object>>) parse(render(full())).get("output");
    assertThat(outputs.keySet())
        .containsExactlyInAnyOrder(
            "host", "port", "dbname", "username", "password", "uri", "jdbc-uri");
    assertThat(outputs.get("password")).containsEntry("sensitive", true);
    assertThat(outputs.get("uri")).containsEntry("sensitive", true);
    assertThat(outputs.get("jdbc-uri")).containsEntry("sensitive", true);
    assertThat(outputs.get("port")).containsEntry("value", "5432");
  }

  @Test
  void render_connectsTheAppThroughPgBouncer_andTheMigratorDirectly() {
    String hcl = render(full());
    assertThat(hcl)
        .contains(
            "app_user      = \"${planetscale_postgres_branch_role.app.username}|${planetscale_postgres_bouncer.app.name}\"");
    assertThat(hcl)
        .contains("@${local.host}:6432/${local.dbname}\"")
        .contains("@${local.host}:5432/${local.dbname}\"");
    assertThat(render(minimal()))
        .contains("app_user      = planetscale_postgres_branch_role.app.username");
  }

  @Test
  void render_writesTheAppSecret_always_andTheMigrationsSecret_whenModuleOnly() {
    assertThat(resources(parse(render(minimal()))).get("kubernetes_secret_v1").keySet())
        .containsExactly("app");
    assertThat(resources(parse(render(moduleOnly()))).get("kubernetes_secret_v1").keySet())
        .containsExactlyInAnyOrder("app", "migrations");
    assertThat(render(moduleOnly()))
        .contains("name      = \"orders-database\"")
        .contains("name      = \"orders-database-app\"");
  }

  @Test
  void render_pinsTheProvider() {
    assertThat(render(minimal()))
        .contains(
            "source  = \"planetscale/planetscale\"\n      version = \""
                + PlanetScaleModule.PROVIDER_VERSION
                + "\"");
  }

  @Test
  @SuppressWarnings("unchecked")
  void render_keepsAValueLiteral_whenItHoldsQuotesOrTemplateSequences() {
    PlanetScale ps =
        PlanetScale.builder()
            .organization("acme")
            .database("shop")
            .parameter("search_path", "\"$user\", ${public} %{x} \\")
            .build();
    Map<String, Object> branch =
        resources(parse(render(ps))).get("planetscale_postgres_branch").get("this");
    Map<String, Map<String, Object>> parameters =
        (Map<String, Map<String, Object>>) branch.get("parameters");
    // hcl4j unescapes quotes and backslashes but keeps HCL's template escapes ($${ and %%{ for a
    // literal ${ and %{, hashicorp/hcl hclsyntax/spec.md "Template Literals") as written: so they
    // must be there, doubled.
    assertThat(parameters.get("pgconf").get("search_path"))
        .isEqualTo("\"$user\", $${public} %%{x} \\");
  }

  @Test
  void render_isTheSameBytes_whenRunTwice() {
    assertThat(render(full())).isEqualTo(render(full()));
  }

  @Test
  void builder_namesMethodAndParameter_whenGivenNull() {
    assertThatThrownBy(() -> PlanetScale.builder().organization(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageStartingWith(
            "PlanetScale.Builder.organization(organization): organization is null; pass");
    assertThatThrownBy(() -> PlanetScale.builder().parameter("pgconf", "x", null))
        .hasMessageStartingWith(
            "PlanetScale.Builder.parameter(namespace, name, value): value is null; pass");
    assertThatThrownBy(() -> PlanetScale.Bouncer.builder().size(null))
        .hasMessageStartingWith("Bouncer.Builder.size(size): size is null; pass");
    assertThatThrownBy(() -> PlanetScale.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("organization(\"acme\")");
  }

  @Test
  void model_isImmutable_whenBuilt() {
    PlanetScale ps = full();
    assertThatThrownBy(() -> ps.parameters().put("x", Map.of()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ps.parameters().get("pgconf").put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ps.appRoles().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  /**
   * A provider reference page's settable attributes: the names under {@code ### Required} and
   * {@code ### Optional}.
   */
  record ReferencePage(Set<String> required, Set<String> optional, Set<String> readOnly) {

    static ReferencePage resource(String type) {
      String file =
          "reference/planetscale-terraform/resources/"
              + type.substring("planetscale_".length())
              + ".md";
      List<String> lines;
      try {
        lines = Files.readAllLines(TestData.resolve(file), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Set<String> required = new LinkedHashSet<>();
      Set<String> optional = new LinkedHashSet<>();
      Set<String> readOnly = new LinkedHashSet<>();
      Set<String> current = null;
      for (String line : lines) {
        if (line.startsWith("#")) {
          current =
              switch (line) {
                case "### Required" -> required;
                case "### Optional" -> optional;
                case "### Read-Only" -> readOnly;
                default -> null;
              };
        } else if (line.startsWith("<a id=")) {
          current = null;
        } else if (current != null && line.startsWith("- `")) {
          current.add(line.substring(3, line.indexOf('`', 3)));
        }
      }
      assertThat(required).as("required attributes on " + file).isNotEmpty();
      return new ReferencePage(required, optional, readOnly);
    }
  }

  @Test
  void referencePage_readsTheSchema_ofTheBranchPage() {
    ReferencePage page = ReferencePage.resource("planetscale_postgres_branch");
    assertThat(page.required()).containsExactly("database", "name", "organization");
    assertThat(page.optional())
        .contains("cluster_size", "deletion_protected", "major_version", "parameters", "region")
        .doesNotContain("replicas", "id");
    assertThat(page.readOnly()).contains("replicas", "id");
  }
}
