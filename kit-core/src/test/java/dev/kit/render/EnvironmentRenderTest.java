package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.model.ArgoCd;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Monitoring;
import dev.kit.model.S3Credentials;
import dev.kit.model.Service;
import dev.kit.plan.FilePlan;
import dev.kit.testing.Validations;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

class EnvironmentRenderTest {

  private static final ObjectMapper YAML = YAMLMapper.builder().build();

  private static final Map<String, MigrationDirectory> MIGRATIONS =
      Map.of(
          "orders",
          new MigrationDirectory(
              List.of(
                  new MigrationFile(
                      "20250101120000_init.sql",
                      "CREATE TABLE orders (id bigint PRIMARY KEY);\n"
                          .getBytes(StandardCharsets.UTF_8)),
                  new MigrationFile(
                      "20250102120000_status.sql",
                      "ALTER TABLE orders ADD COLUMN status text;\n"
                          .getBytes(StandardCharsets.UTF_8)))));

  private static Kit shop(
      ArgoCd.Delivery delivery, UnaryOperator<dev.kit.model.Database.Builder> prodDatabase) {
    return Kit.builder()
        .repository(
            "shop",
            r ->
                r.gitUrl("https://github.com/acme/shop.git")
                    .targetRevision("main")
                    .argoCd(ArgoCd.builder().delivery(delivery).build()))
        .environment(
            "dev",
            e -> e.destinationServer("https://dev.k8s.acme.io").namespaceRule("{namespace}-dev"))
        .environment("staging", e -> e.destinationServer("https://staging.k8s.acme.io"))
        .environment("prod", e -> e.destinationName("prod-eu").targetRevision("release"))
        .service(
            "orders",
            s -> s.database(db -> db.storage("5Gi")).in("prod", p -> p.database(prodDatabase)))
        .build();
  }

  private static FilePlan render(Kit kit) {
    return new KitRenderer("test").render(Validations.validated(kit, MIGRATIONS));
  }

  private static JsonNode yaml(FilePlan plan, String path) {
    return YAML.readTree(plan.text(path));
  }

  @Test
  void render_carriesTheSameMigrationFilesAndSum_inEveryEnvironment() {
    FilePlan plan = render(shop(ArgoCd.Delivery.APPLICATION_PER_SERVICE, db -> db.instances(3)));
    JsonNode dev =
        yaml(plan, "services/orders/envs/dev/manifests/migrations/configmap.yaml").get("data");
    for (String env : List.of("staging", "prod")) {
      JsonNode there =
          yaml(plan, "services/orders/envs/" + env + "/manifests/migrations/configmap.yaml")
              .get("data");
      assertThat(there).as(env).isEqualTo(dev);
    }
    assertThat(dev.propertyNames())
        .contains("20250101120000_init.sql", "20250102120000_status.sql", "atlas.sum", "atlas.hcl");
    assertThat(dev.get("atlas.sum").asString().getBytes(StandardCharsets.UTF_8))
        .isEqualTo(plan.content("services/orders/migrations/atlas.sum"));
    assertThat(dev.get("atlas.hcl").asString().getBytes(StandardCharsets.UTF_8))
        .isEqualTo(plan.content("services/orders/atlas.hcl"));
    assertThat(plan.paths())
        .filteredOn(p -> p.endsWith("atlas.sum") || p.endsWith("atlas.hcl"))
        .containsExactly("services/orders/atlas.hcl", "services/orders/migrations/atlas.sum");
  }

  @Test
  void render_changesOnlyProdFiles_whenOnlyProdSizingChanges() {
    FilePlan before = render(shop(ArgoCd.Delivery.APP_OF_APPS, db -> db.instances(3)));
    FilePlan after =
        render(shop(ArgoCd.Delivery.APP_OF_APPS, db -> db.instances(5).storage("50Gi")));
    assertThat(after.paths()).isEqualTo(before.paths());
    List<String> changed = new ArrayList<>();
    for (String path : after.paths()) {
      if (!Arrays.equals(before.content(path), after.content(path))) {
        changed.add(path);
      }
    }
    assertThat(changed)
        .containsExactly(
            "services/orders/envs/prod/RUNBOOK.md",
            "services/orders/envs/prod/manifests/database/cluster.yaml");
  }

  @Test
  void render_pointsEachApplication_atItsEnvironmentsClusterAndRevision() {
    FilePlan plan = render(shop(ArgoCd.Delivery.APPLICATION_PER_SERVICE, db -> db.instances(3)));
    JsonNode dev = yaml(plan, "services/orders/envs/dev/application.yaml");
    JsonNode prod = yaml(plan, "services/orders/envs/prod/application.yaml");
    assertThat(dev.at("/metadata/name").asString()).isEqualTo("orders-dev");
    assertThat(dev.at("/spec/destination").toString())
        .isEqualTo("{\"namespace\":\"orders-dev\",\"server\":\"https://dev.k8s.acme.io\"}");
    assertThat(dev.at("/spec/source/targetRevision").asString()).isEqualTo("main");
    assertThat(dev.at("/spec/source/path").asString())
        .isEqualTo("services/orders/envs/dev/manifests");
    assertThat(prod.at("/metadata/name").asString()).isEqualTo("orders-prod");
    assertThat(prod.at("/spec/destination").toString())
        .isEqualTo("{\"name\":\"prod-eu\",\"namespace\":\"orders\"}");
    assertThat(prod.at("/spec/source/targetRevision").asString()).isEqualTo("release");
    assertThat(plan.paths())
        .filteredOn(p -> p.startsWith("platform/"))
        .containsExactly(
            "platform/dev/argocd-cm.yaml",
            "platform/prod/argocd-cm.yaml",
            "platform/staging/argocd-cm.yaml");
  }

  @Test
  void render_writesTheSameArgocdCm_inEveryEnvironment_whenOnlyProdRunsTheAtlasOperator() {
    Kit kit =
        shop(ArgoCd.Delivery.APP_OF_APPS, db -> db).toBuilder()
            .service(
                "billing",
                s ->
                    s.database(db -> db.storage("5Gi"))
                        .migrations(m -> m.engine(Migrations.Engine.OPERATOR))
                        .onlyIn("prod"))
            .build();
    FilePlan plan =
        new KitRenderer("test")
            .render(
                Validations.validated(
                    kit,
                    Map.of(
                        "orders", MIGRATIONS.get("orders"), "billing", MIGRATIONS.get("orders"))));
    String prod = plan.text("platform/prod/argocd-cm.yaml");
    // One argocd-cm in Argo CD: applying dev's file after prod's must keep prod's Atlas check.
    assertThat(prod).contains("db.atlasgo.io_AtlasMigration");
    assertThat(plan.text("platform/dev/argocd-cm.yaml")).isEqualTo(prod);
    assertThat(plan.text("platform/staging/argocd-cm.yaml")).isEqualTo(prod);
  }

  @Test
  void render_leavesAServiceOut_ofTheEnvironmentsItIsNotIn() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .environment("dev", e -> e)
            .environment("prod", e -> e)
            .service("orders", s -> s.database(db -> db.storage("5Gi")).onlyIn("dev"))
            .build();
    assertThat(render(kit).paths())
        .filteredOn(p -> p.startsWith("services/"))
        .allMatch(p -> !p.contains("/envs/prod/"))
        .contains("services/orders/envs/dev/application.yaml");
  }

  @Test
  void render_dropsWhatAnOverrideClears_inThatEnvironmentOnly() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .environment("dev", e -> e.namespaceRule("{namespace}-dev"))
            .environment("prod", e -> e)
            .service(
                "orders",
                s ->
                    s.database(
                            db ->
                                db.storage("5Gi")
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b -> b.credentials(S3Credentials.inheritFromPodIdentity()))
                                    .pooler(p -> p.instances(2)))
                        .app("ghcr.io/acme/orders:1.4.2", a -> a.port(8080))
                        .monitoring(Monitoring.defaults())
                        .in(
                            "dev",
                            dev ->
                                dev.database(db -> db.withoutBackups().withoutPooler())
                                    .withoutApp()
                                    .withoutMonitoring()))
            .build();

    Service dev = kit.in("dev").service("orders").orElseThrow();
    assertThat(dev.database().backups()).isEmpty();
    assertThat(dev.database().pooler()).isEmpty();
    assertThat(dev.app()).isEmpty();
    assertThat(dev.monitoring()).isEmpty();
    List<String> paths = render(kit).paths();
    List<String> dropped =
        List.of(
            "manifests/database/objectstore.yaml",
            "manifests/database/pooler-rw.yaml",
            "manifests/app/deployment.yaml",
            "manifests/app/service.yaml",
            "manifests/monitoring/podmonitor.yaml",
            "manifests/monitoring/prometheusrule.yaml");
    for (String file : dropped) {
      assertThat(paths)
          .contains("services/orders/envs/prod/" + file)
          .doesNotContain("services/orders/envs/dev/" + file);
    }
  }

  @Test
  void render_writesAPlanetScaleModuleAndWorkspace_perEnvironment_andTheRunbookNamesItsOwn() {
    Kit kit =
        Kit.builder()
            .repository(
                "shop", r -> r.gitUrl("https://github.com/acme/shop.git").targetRevision("main"))
            .environment("dev", e -> e.destinationServer("https://dev.k8s.acme.io"))
            .environment("prod", e -> e.destinationName("prod-eu").targetRevision("release"))
            .service(
                "orders",
                s ->
                    s.database(
                            db ->
                                db.planetScale(
                                    ps ->
                                        ps.organization("acme")
                                            .database("shop")
                                            .branch("dev")
                                            .production(false)))
                        .in(
                            "prod",
                            p ->
                                p.database(
                                    db ->
                                        db.planetScale(ps -> ps.branch("main").production(true)))))
            .build();
    FilePlan plan = render(kit);
    assertThat(plan.paths())
        .contains(
            "services/orders/envs/dev/database/main.tf",
            "services/orders/envs/prod/database/main.tf")
        .doesNotContain("services/orders/database/main.tf");
    assertThat(plan.text("services/orders/envs/dev/database/main.tf")).contains("\"dev\"");
    assertThat(plan.text("services/orders/envs/prod/database/main.tf"))
        .contains("\"main\"")
        .doesNotContain("\"dev\"");
    for (String env : List.of("dev", "prod")) {
      String runbook = plan.text("services/orders/envs/" + env + "/RUNBOOK.md");
      assertThat(runbook)
          .as(env)
          .contains("`services/orders/envs/" + env + "/database/main.tf`")
          .doesNotContain("`services/orders/database/main.tf`");
    }
  }

  @Test
  void render_connectsEachEnvironment_toItsOwnExistingDatabaseHost() {
    Kit kit =
        Kit.builder()
            .repository(
                "shop", r -> r.gitUrl("https://github.com/acme/shop.git").targetRevision("main"))
            .environment("dev", e -> e.destinationServer("https://dev.k8s.acme.io"))
            .environment("prod", e -> e.destinationName("prod-eu").targetRevision("release"))
            .service(
                "orders",
                s ->
                    s.database(
                            db ->
                                db.bootstrap("orders", "orders_owner")
                                    .existing(
                                        e ->
                                            e.secret("orders-db").host("orders.dev.acme.internal")))
                        .app("ghcr.io/acme/orders:1.4.2", a -> a.port(8080))
                        .in(
                            "prod",
                            p ->
                                p.database(
                                    db ->
                                        db.existing(
                                            e ->
                                                e.secret("orders-db")
                                                    .host("orders.db.acme.internal")))))
            .build();
    FilePlan plan = render(kit);
    assertThat(plan.text("services/orders/envs/dev/RUNBOOK.md"))
        .contains("orders.dev.acme.internal")
        .doesNotContain("orders.db.acme.internal");
    assertThat(plan.text("services/orders/envs/prod/RUNBOOK.md"))
        .contains("orders.db.acme.internal")
        .doesNotContain("orders.dev.acme.internal");
    assertThat(plan.paths())
        .contains("services/orders/atlas.hcl")
        .noneMatch(path -> path.startsWith("services/orders/envs/") && path.endsWith("atlas.hcl"));
  }
}
