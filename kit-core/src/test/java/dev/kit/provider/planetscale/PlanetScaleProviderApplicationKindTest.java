package dev.kit.provider.planetscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.model.ArgoCd;
import dev.kit.model.Kit;
import dev.kit.model.Platform;
import dev.kit.plan.FilePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The provider package and its ClusterProviderConfig go where Crossplane runs, the environment's
 * cluster, through a platform Application of their folder; the root, on Argo CD's cluster, only
 * syncs that Application.
 */
class PlanetScaleProviderApplicationKindTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path repo;

  private static Kit kit() {
    return Kit.builder()
        .repository(
            "shop",
            r ->
                r.gitUrl("https://github.com/acme/shop.git")
                    .targetRevision("main")
                    .argoCd(
                        ArgoCd.builder()
                            .project("shop")
                            .delivery(ArgoCd.Delivery.APP_OF_APPS)
                            .build()))
        .platform(Platform.defaults())
        .environment("dev", e -> e.destinationServer("https://dev.k8s.acme.io").project("shop-dev"))
        .environment(
            "prod",
            e -> e.destinationName("prod-eu").targetRevision("release").project("shop-prod"))
        .service(
            "orders",
            s ->
                s.withoutMigrations()
                    .database(db -> db.planetScale(ps -> ps.organization("acme").database("shop")))
                    .in(
                        "dev",
                        dev ->
                            dev.database(
                                db ->
                                    db.planetScale(
                                        ps -> ps.branch("orders-dev").production(false)))))
        .build();
  }

  private FilePlan plan() {
    return Generator.forRepository(repo).plan(kit());
  }

  private static JsonNode object(FilePlan plan, String path) {
    return YAML.readTree(plan.text(path));
  }

  @Test
  void render_syncsTheProviderFolderToTheEnvironmentsCluster_afterCrossplane() {
    FilePlan plan = plan();
    for (String environment : new String[] {"dev", "prod"}) {
      String platform = "platform/" + environment + "/";
      JsonNode application = object(plan, platform + "planetscale-provider.yaml");
      JsonNode crossplane = object(plan, platform + "crossplane.yaml");
      JsonNode root = object(plan, platform + "root.yaml");

      assertThat(application.path("kind").asString()).isEqualTo("Application");
      assertThat(application.path("metadata").path("name").asString())
          .isEqualTo("planetscale-provider-" + environment);
      assertThat(application.path("metadata").path("namespace").asString()).isEqualTo("argocd");
      assertThat(
              application
                  .path("metadata")
                  .path("annotations")
                  .path("argocd.argoproj.io/sync-wave")
                  .asString())
          .isEqualTo("-14");
      assertThat(crossplane.path("metadata").path("annotations").toString()).contains("\"-15\"");
      assertThat(application.path("metadata").path("labels"))
          .isEqualTo(crossplane.path("metadata").path("labels"));
      assertThat(application.path("spec").path("destination"))
          .isEqualTo(crossplane.path("spec").path("destination"))
          .isNotEqualTo(root.path("spec").path("destination"));
      assertThat(application.path("spec").path("project"))
          .isEqualTo(crossplane.path("spec").path("project"));
      assertThat(application.path("spec").path("syncPolicy"))
          .isEqualTo(crossplane.path("spec").path("syncPolicy"));
      JsonNode source = application.path("spec").path("source");
      JsonNode rootSource = root.path("spec").path("source");
      assertThat(source.path("repoURL")).isEqualTo(rootSource.path("repoURL"));
      assertThat(source.path("targetRevision")).isEqualTo(rootSource.path("targetRevision"));
      assertThat(source.path("path").asString()).isEqualTo(platform + "planetscale-provider");
      assertThat(source.has("directory")).as("a plain directory, no recursion").isFalse();

      assertThat(plan.paths())
          .contains(
              platform + "planetscale-provider/provider-opentofu.yaml",
              platform + "planetscale-provider/planetscale-providerconfig.yaml")
          .doesNotContain(
              platform + "provider-opentofu.yaml", platform + "planetscale-providerconfig.yaml");
    }
    assertThat(
            object(plan, "platform/prod/planetscale-provider.yaml")
                .path("spec")
                .path("destination")
                .path("name")
                .asString())
        .isEqualTo("prod-eu");
  }

  @Test
  void generate_deletesTheFilesAtTheirOldPlace_whichCarryKitsHeader() throws IOException {
    Generator.forRepository(repo).generate(kit());
    Path platform = repo.resolve("platform/prod");
    // Where an earlier kit wrote them, with its header.
    Files.copy(
        platform.resolve("planetscale-provider/provider-opentofu.yaml"),
        platform.resolve("provider-opentofu.yaml"));
    Files.copy(
        platform.resolve("planetscale-provider/planetscale-providerconfig.yaml"),
        platform.resolve("planetscale-providerconfig.yaml"));

    Generator.forRepository(repo).generate(kit());

    assertThat(platform.resolve("provider-opentofu.yaml")).doesNotExist();
    assertThat(platform.resolve("planetscale-providerconfig.yaml")).doesNotExist();
    assertThat(platform.resolve("planetscale-provider/provider-opentofu.yaml")).exists();
  }
}
