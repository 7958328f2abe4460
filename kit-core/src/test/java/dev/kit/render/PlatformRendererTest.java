package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.model.ArgoCd;
import dev.kit.model.HelmChart;
import dev.kit.model.Kit;
import dev.kit.model.Platform;
import dev.kit.model.Restore;
import dev.kit.model.S3Credentials;
import dev.kit.plan.FilePlan;
import dev.kit.testing.ArgoSyncOrder;
import dev.kit.testing.TestData;
import dev.kit.testing.Validations;
import dev.kit.validate.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What {@code platform/} installs for the services: cert-manager before the Barman Cloud plugin,
 * pinned charts, the project.
 */
class PlatformRendererTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path repo;

  private static Kit kit(Platform platform, boolean barmanPlugin) {
    Kit.Builder kit =
        Kit.builder()
            .repository(
                "shop",
                r ->
                    r.gitUrl("https://github.com/acme/shop.git")
                        .argoCd(
                            ArgoCd.builder()
                                .project("shop")
                                .delivery(ArgoCd.Delivery.APP_OF_APPS)
                                .build()))
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                barmanPlugin
                                    ? db.storage("1Gi")
                                        .backups(
                                            "s3://acme-backups/orders/",
                                            b ->
                                                b.credentials(
                                                    S3Credentials.inheritFromPodIdentity()))
                                    : db.storage("1Gi")));
    if (platform != null) {
      kit.platform(platform);
    }
    return kit.build();
  }

  private Path generate(Kit kit) {
    Generator.forRepository(repo).generate(kit);
    return repo.resolve("platform");
  }

  @Test
  void render_installsCertManagerBeforeTheBarmanCloudPlugin_whenAServiceArchivesThroughIt()
      throws IOException {
    Path platform = generate(kit(Platform.defaults(), true));

    JsonNode certManager = YAML.readTree(platform.resolve("cert-manager.yaml").toFile());
    assertThat(certManager.path("spec").path("source").path("repoURL").asString())
        .isEqualTo("https://charts.jetstack.io");
    assertThat(certManager.path("spec").path("source").path("chart").asString())
        .isEqualTo("cert-manager");
    assertThat(certManager.path("spec").path("source").path("targetRevision").asString())
        .isEqualTo(Platform.CERT_MANAGER.version());
    // The chart installs its CRDs only when asked; the plugin's Certificates and Issuer need them.
    assertThat(
            certManager
                .path("spec")
                .path("source")
                .path("helm")
                .path("valuesObject")
                .path("crds")
                .path("enabled")
                .asBoolean())
        .isTrue();
    assertThat(certManager.path("spec").path("destination").path("namespace").asString())
        .isEqualTo("cert-manager");

    List<String> order;
    try (var files = Files.list(platform)) {
      order =
          ArgoSyncOrder.of(
                  files
                      .filter(
                          f ->
                              !List.of("root.yaml", "argocd-cm.yaml")
                                  .contains(f.getFileName().toString()))
                      .sorted()
                      .toList())
              .stream()
              .map(s -> s.wave() + " " + s.kind() + " " + s.name())
              .toList();
    }
    assertThat(order)
        .containsExactly(
            "-20 AppProject shop",
            "-16 Application cert-manager",
            "-15 Application cloudnative-pg",
            "-14 Application plugin-barman-cloud");
  }

  @Test
  void render_pointsTheRootAtArgoCdsOwnCluster_whenTheServicesRunOnAnother() throws IOException {
    Kit kit =
        Kit.builder()
            .repository(
                "shop",
                r ->
                    r.gitUrl("https://github.com/acme/shop.git")
                        .argoCd(
                            ArgoCd.builder()
                                .destinationServer("https://workloads.k8s.acme.io:6443")
                                .delivery(ArgoCd.Delivery.APP_OF_APPS)
                                .build()))
            .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
            .build();
    Path platform = generate(kit);

    // The root syncs Applications, which Argo CD reads only in its own namespace on its own
    // cluster.
    assertThat(
            YAML.readTree(platform.resolve("root.yaml").toFile())
                .path("spec")
                .path("destination")
                .path("server")
                .asString())
        .isEqualTo(ArgoCd.IN_CLUSTER);
    assertThat(
            YAML.readTree(repo.resolve("services/orders/application.yaml").toFile())
                .path("spec")
                .path("destination")
                .path("server")
                .asString())
        .isEqualTo("https://workloads.k8s.acme.io:6443");
  }

  @Test
  void render_installsNoCertManager_whenTheDescriptionSaysTheClusterHasIt() {
    Path platform = generate(kit(Platform.builder().existingCertManager().build(), true));

    assertThat(platform.resolve("plugin-barman-cloud.yaml")).isRegularFile();
    assertThat(platform.resolve("cert-manager.yaml")).doesNotExist();
  }

  @Test
  void render_installsNoCertManager_whenNoServiceUsesTheBarmanCloudPlugin() {
    Path platform = generate(kit(Platform.defaults(), false));

    assertThat(platform.resolve("plugin-barman-cloud.yaml")).doesNotExist();
    assertThat(platform.resolve("cert-manager.yaml")).doesNotExist();
  }

  @Test
  void
      render_installsNoBarmanCloudPlugin_forARestoreFromInTreeBackups_butDoesForOneFromThePlugins() {
    Kit.Builder kit =
        Kit.builder()
            .repository(
                "shop",
                r ->
                    r.gitUrl("https://github.com/acme/shop.git")
                        .argoCd(ArgoCd.builder().project("shop").build()))
            .platform(Platform.defaults())
            .service(
                "ledger",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .backups(
                                        "s3://acme-backups/ledger/",
                                        b ->
                                            b.credentials(S3Credentials.inheritFromPodIdentity())
                                                .legacyInTree())));
    Kit.Builder restored =
        kit.service(
            "audit",
            s ->
                s.withoutMigrations()
                    .namespace("ledger")
                    .database(db -> db.storage("1Gi").restore(Restore.fromService("ledger"))));

    assertThat(generate(restored.build()).resolve("plugin-barman-cloud.yaml")).doesNotExist();

    Path platform =
        generate(
            kit.service(
                    "archive",
                    s ->
                        s.withoutMigrations()
                            .database(
                                db ->
                                    db.storage("1Gi")
                                        .bootstrap("archive", "archive")
                                        .restore(
                                            Restore.fromObjectStore(
                                                "legacy-backups", "archive-2024"))))
                .build());
    assertThat(platform.resolve("plugin-barman-cloud.yaml")).isRegularFile();
  }

  @Test
  void validate_namesTheCertManagerChart_whenItsVersionIsNotPinned() {
    Kit kit =
        kit(
            Platform.builder()
                .certManager(
                    HelmChart.of(
                        "https://charts.jetstack.io", "cert-manager", "latest", "cert-manager"))
                .build(),
            true);

    assertThat(
            Validations.of(kit, s -> Optional.empty()).stream().map(Violation::toString).toList())
        .containsExactly(
            "platform.certManager.version: \"latest\" is not a pinned chart version "
                + "(use an exact version such as \"0.29.0\", so every sync installs the same chart)");
  }

  @Test
  void validate_namesTheCrossplaneChart_whenItsVersionIsNotPinned() {
    Kit kit =
        kit(
            Platform.builder()
                .crossplane(
                    HelmChart.of(
                        "https://charts.crossplane.io/stable",
                        "crossplane",
                        "^2.0.0",
                        "crossplane-system"))
                .build(),
            true);

    assertThat(
            Validations.of(kit, s -> Optional.empty()).stream().map(Violation::toString).toList())
        .singleElement()
        .asString()
        .startsWith("platform.crossplane.version: \"^2.0.0\" is not a pinned chart version");
  }

  @Test
  void plan_warns_whenTheServicesProjectHasNoPlatformToRenderIt() {
    Kit kit =
        Kit.builder()
            .repository(
                "shop",
                r ->
                    r.gitUrl("https://github.com/acme/shop.git")
                        .argoCd(ArgoCd.builder().project("shop").build()))
            .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
            .build();

    assertThat(Generator.forRepository(repo).plan(kit).warnings())
        .containsExactly(
            "repository.argoCd.project: kit writes the AppProject \"shop\" only with a Platform, and Argo CD refuses the "
                + "services' Applications until it exists; create it yourself, or add .platform(Platform.defaults())");
  }

  @Test
  void plan_doesNotWarnAboutTheProject_whenItIsArgoCdsDefaultOrThePlatformRendersIt() {
    UnaryOperator<Kit.Builder> orders =
        k -> k.service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")));
    Kit defaultProject =
        orders
            .apply(
                Kit.builder().repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git")))
            .build();
    Kit withPlatform =
        orders
            .apply(
                Kit.builder()
                    .repository(
                        "shop",
                        r ->
                            r.gitUrl("https://github.com/acme/shop.git")
                                .argoCd(
                                    ArgoCd.builder()
                                        .project("shop")
                                        .delivery(ArgoCd.Delivery.APP_OF_APPS)
                                        .build()))
                    .platform(Platform.defaults()))
            .build();

    FilePlan plan = Generator.forRepository(repo).plan(defaultProject);
    assertThat(plan.warnings()).isEmpty();
    assertThat(Generator.forRepository(repo).plan(withPlatform).warnings()).isEmpty();
  }

  /**
   * The ObjectStores kit writes are validated against the vendored v0.14.0 CRD, which
   * test-data/crds/SOURCES.md records as what plugin-barman-cloud chart 0.7.0 ships (chart 0.6.0
   * ships v0.12.0, whose CRD rejects lz4 data compression): the pinned chart must be that one, or
   * the validation proves nothing about what the cluster runs.
   */
  @Test
  void barmanCloudChart_shipsTheObjectStoreCrdTheConformanceTestsUse() throws IOException {
    String sources = Files.readString(TestData.resolve("crds/SOURCES.md"));
    Matcher chart =
        Pattern.compile(
                "Helm chart `plugin-barman-cloud` ([0-9.]+) \\(.*?\\)\\s+ships plugin (v[0-9.]+); its ObjectStore "
                    + "CRD spec is identical to the v0\\.14\\.0 file",
                Pattern.DOTALL)
            .matcher(sources);

    assertThat(chart.find())
        .as("crds/SOURCES.md names the chart whose CRD equals the vendored one")
        .isTrue();
    assertThat(Platform.BARMAN_CLOUD.version()).isEqualTo(chart.group(1));
  }
}
