package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.model.ArgoCd;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Platform;
import dev.kit.model.S3Credentials;
import dev.kit.testing.ArgoSyncOrder;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The operators' Applications sync before the services', in every delivery mode: a root Application
 * orders them by wave and waits for each to be healthy (the argocd-cm Application check), and where
 * no root can (one Application per service, applied by hand), kit says so and what to do.
 */
class PlatformOrderTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path repo;

  private Kit kit(ArgoCd.Delivery delivery, boolean platform) throws IOException {
    Path migrations = Files.createDirectories(repo.resolve("services/catalog/migrations"));
    Files.writeString(
        migrations.resolve("20250101120000_init.sql"), "CREATE TABLE IF NOT EXISTS t (id int);\n");
    Kit.Builder kit =
        Kit.builder()
            .repository(
                "shop",
                r ->
                    r.gitUrl("https://github.com/acme/shop.git")
                        .argoCd(
                            ArgoCd.builder()
                                .project(platform ? "shop" : "default")
                                .delivery(delivery)
                                .build()))
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b ->
                                            b.credentials(S3Credentials.inheritFromPodIdentity()))))
            .service(
                "catalog",
                s ->
                    s.database(db -> db.storage("1Gi"))
                        .migrations(m -> m.engine(Migrations.Engine.OPERATOR)));
    if (platform) {
      kit.platform(Platform.defaults());
    }
    return kit.build();
  }

  /** The files the root Application syncs: its directory include, less its exclude. */
  private List<Path> syncedByRoot() throws IOException {
    JsonNode directory =
        YAML.readTree(repo.resolve("platform/root.yaml").toFile())
            .path("spec")
            .path("source")
            .path("directory");
    PathMatcher include =
        FileSystems.getDefault().getPathMatcher("glob:" + directory.path("include").asString());
    PathMatcher exclude =
        FileSystems.getDefault().getPathMatcher("glob:" + directory.path("exclude").asString());
    try (Stream<Path> files = Files.walk(repo)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> include.matches(repo.relativize(f)) && !exclude.matches(repo.relativize(f)))
          .sorted()
          .toList();
    }
  }

  private static boolean platformApplication(ArgoSyncOrder.Step step) {
    return step.kind().equals("Application")
        && "platform"
            .equals(
                step.object()
                    .path("metadata")
                    .path("labels")
                    .path("app.kubernetes.io/component")
                    .asString(""));
  }

  @ParameterizedTest
  @EnumSource(
      value = ArgoCd.Delivery.class,
      names = {"APP_OF_APPS", "APPLICATION_SET"})
  void root_syncsThePlatformApplicationsBeforeTheServices_andWaitsForThem(ArgoCd.Delivery delivery)
      throws IOException {
    Generator.forRepository(repo).generate(kit(delivery, true));

    List<ArgoSyncOrder.Step> order = ArgoSyncOrder.of(syncedByRoot());
    List<ArgoSyncOrder.Step> platform =
        order.stream().filter(PlatformOrderTest::platformApplication).toList();
    List<ArgoSyncOrder.Step> services =
        order.stream()
            .filter(
                s ->
                    s.kind().equals("ApplicationSet")
                        || (s.kind().equals("Application") && !platformApplication(s)))
            .toList();

    assertThat(platform)
        .extracting(ArgoSyncOrder.Step::name)
        .contains("cloudnative-pg", "plugin-barman-cloud", "atlas-operator");
    assertThat(services).as("what delivers the services, in %s", order).isNotEmpty();
    int lastPlatformWave = platform.stream().mapToInt(ArgoSyncOrder.Step::wave).max().orElseThrow();
    assertThat(services)
        .allSatisfy(s -> assertThat(s.wave()).as("wave of %s", s).isGreaterThan(lastPlatformWave));
    // A wave waits only for what Argo CD can judge: without this check an Application is healthy at
    // once.
    assertThat(Files.readString(repo.resolve("platform/argocd-cm.yaml")))
        .contains("resource.customizations.health.argoproj.io_Application:");
  }

  @Test
  void plan_warns_whenOneApplicationPerServiceCannotOrderThePlatform() throws IOException {
    List<String> warnings =
        Generator.forRepository(repo)
            .plan(kit(ArgoCd.Delivery.APPLICATION_PER_SERVICE, true))
            .warnings();

    assertThat(warnings)
        .containsExactly(
            "repository.argoCd.delivery: with APPLICATION_PER_SERVICE nothing makes Argo CD sync "
                + "the platform's Applications (the operators) before the services'; apply platform/ first and wait until its "
                + "Applications are healthy (argocd app wait -l app.kubernetes.io/component=platform --health), or deliver with "
                + "APP_OF_APPS or APPLICATION_SET, whose root Application orders them");
  }

  @ParameterizedTest
  @EnumSource(
      value = ArgoCd.Delivery.class,
      names = {"APP_OF_APPS", "APPLICATION_SET"})
  void plan_doesNotWarn_whenARootOrdersThePlatform(ArgoCd.Delivery delivery) throws IOException {
    assertThat(Generator.forRepository(repo).plan(kit(delivery, true)).warnings()).isEmpty();
  }

  @Test
  void plan_doesNotWarnAboutOrder_withoutAPlatform() throws IOException {
    assertThat(
            Generator.forRepository(repo)
                .plan(kit(ArgoCd.Delivery.APPLICATION_PER_SERVICE, false))
                .warnings())
        .isEmpty();
  }
}
