package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.model.ArgoCd;
import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Patch;
import dev.kit.model.Platform;
import dev.kit.model.Repository;
import dev.kit.model.Resources;
import dev.kit.model.Service;
import dev.kit.model.SslMode;
import dev.kit.model.TxMode;
import dev.kit.testing.Validations;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class KitValidatorTest {

  private static final String INIT = "20250101120000_init.sql";
  private static final byte[] SQL =
      "CREATE TABLE orders (id bigint PRIMARY KEY);\n".getBytes(StandardCharsets.UTF_8);

  /**
   * DatabaseRules.CLUSTER_NAME_MAX, spelled out so that changing the limit is a visible change here
   * too.
   */
  private static final int CLUSTER_NAME_MAX = 50;

  private static final String DNS1123_LABEL =
      "is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit)";
  private static final String DNS1035_LABEL =
      "is not a DNS-1035 label (lower-case letters, digits and '-', starting with a letter and ending with a letter or digit)";
  private static final String DNS1123_SUBDOMAIN =
      "is not a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')";
  private static final String LABEL_KEY =
      "is not a label key (an optional DNS prefix and '/', then up to 63 letters, "
          + "digits, '-', '_' or '.', starting and ending with a letter or digit)";
  private static final String LABEL_VALUE =
      "is not a label value (up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)";

  // --- fixtures ---------------------------------------------------------------------------------

  private static Function<Service, Optional<MigrationDirectory>> files(MigrationFile... files) {
    return service -> Optional.of(new MigrationDirectory(List.of(files)));
  }

  private static final Function<Service, Optional<MigrationDirectory>> ONE_MIGRATION =
      files(new MigrationFile(INIT, SQL));

  private static Repository.Builder shop() {
    return Repository.builder("shop")
        .gitUrl("https://github.com/acme/shop.git")
        .targetRevision("main");
  }

  private static Service.Builder orders() {
    return Service.builder("orders").database(db -> db.storage("10Gi"));
  }

  private static List<String> validate(
      Kit kit, Function<Service, Optional<MigrationDirectory>> migrationsOf) {
    return Validations.of(kit, migrationsOf).stream().map(Violation::toString).toList();
  }

  private static List<String> repositoryViolations(UnaryOperator<Repository.Builder> repository) {
    return validate(
        Kit.builder()
            .repository(repository.apply(shop()).build())
            .service(orders().build())
            .build(),
        ONE_MIGRATION);
  }

  private static List<String> serviceViolations(Service service) {
    return serviceViolations(service, ONE_MIGRATION);
  }

  private static List<String> serviceViolations(
      Service service, Function<Service, Optional<MigrationDirectory>> migrationsOf) {
    return validate(
        Kit.builder().repository(shop().build()).service(service).build(), migrationsOf);
  }

  private static List<String> databaseViolations(UnaryOperator<Database.Builder> database) {
    return serviceViolations(
        Service.builder("orders").database(db -> database.apply(db.storage("10Gi"))).build());
  }

  private static List<String> migrationViolations(
      UnaryOperator<Migrations.Builder> migrations,
      Function<Service, Optional<MigrationDirectory>> migrationsOf) {
    return serviceViolations(orders().migrations(migrations).build(), migrationsOf);
  }

  private static List<String> patchViolations(Service.Builder service) {
    return serviceViolations(service.build());
  }

  /** A valid DNS-1035 label of exactly {@code length} characters. */
  private static String nameOfLength(int length) {
    return "orders" + "x".repeat(length - "orders".length());
  }

  // --- whole description ------------------------------------------------------------------------

  @Test
  void validate_returnsNoViolations_whenEveryFeatureIsUsedCorrectly() {
    Kit kit =
        Kit.builder()
            .repository(
                "shop",
                r ->
                    r.gitUrl("git@github.com:acme/shop.git")
                        .targetRevision("v1.2.0")
                        .argoCd(
                            ArgoCd.builder()
                                .namespace("argocd")
                                .project("shop.team")
                                .destinationServer("https://10.0.0.1:6443")
                                .build()))
            .service(
                "orders",
                s ->
                    s.namespace("shop")
                        .label("team", "checkout")
                        .label("acme.com/cost-center", "")
                        .database(
                            db ->
                                db.clusterName("orders-db")
                                    .instances(3)
                                    .postgresMajor(17)
                                    .imageName(
                                        "ghcr.io/cloudnative-pg/postgresql:17.10-system-trixie")
                                    .storage("20Gi", "fast-ssd")
                                    .walStorage("5Gi", "fast-ssd")
                                    .resources(
                                        Resources.requests("500m", "1Gi").withLimits("2", "2Gi"))
                                    .parameter("max_connections", "200")
                                    .parameter("pg_stat_statements.max", "10000")
                                    .bootstrap("orders", "orders_owner")
                                    .superuserAccess(true)
                                    .antiAffinity("topology.kubernetes.io/zone"))
                        .migrations(
                            m ->
                                m.directory("db/migrations")
                                    .atlasImage(
                                        "arigaio/atlas@sha256:" + "0123456789abcdef".repeat(4))
                                    .revisionsSchema("atlas_schema_revisions")
                                    .baseline("20250101120000")
                                    .txMode(TxMode.ALL)
                                    .sslMode(SslMode.REQUIRE)
                                    .backoffLimit(0)
                                    .activeDeadlineSeconds(1)
                                    .resources(
                                        Resources.requests("50m", "64Mi")
                                            .withLimits(null, "256Mi")))
                        .patch(
                            Patch.set(
                                Patch.Target.CLUSTER, "/spec/primaryUpdateStrategy", "supervised"))
                        .patch(
                            Patch.set(
                                Patch.Target.MIGRATION_JOB, "/metadata/labels/team", "checkout"))
                        .patch(
                            Patch.remove(
                                Patch.Target.APPLICATION, "/spec/syncPolicy/automated/prune")))
            .service(
                "billing",
                s ->
                    s.namespace("shop")
                        .database(db -> db.postgresMajor(16).storage("1.5Gi"))
                        .withoutMigrations()
                        .patch(
                            Patch.set(
                                Patch.Target.CLUSTER,
                                "/metadata/annotations/acme.com~1owner",
                                "billing")))
            .build();

    List<Violation> violations =
        Validations.of(
            kit,
            files(
                new MigrationFile(INIT, SQL),
                new MigrationFile("20250102120000_add-index.v2.sql", SQL),
                new MigrationFile(
                    "20250103120000_max.sql",
                    new byte[dev.kit.validate.MigrationRules.MIGRATION_FILE_MAX_BYTES])));

    assertThat(violations).isEmpty();
  }

  @Test
  void validate_reportsEveryViolationInDescriptionOrder_whenSeveralPartsAreWrong() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("github.com/acme/shop").targetRevision("main"))
            .service(
                "orders",
                s ->
                    s.database(db -> db.instances(0).storage("10GB"))
                        .migrations(m -> m.backoffLimit(-1))
                        .patch(Patch.remove(Patch.Target.CLUSTER, "/kind")))
            .service("billing", s -> s.namespace("Billing").database(db -> db.storage("0")))
            .build();

    List<String> violations = validate(kit, ONE_MIGRATION);

    assertThat(violations).hasSize(7);
    assertThat(violations)
        .containsExactly(
            "repository.gitUrl: \"github.com/acme/shop\" is not a Git URL (use https://host/org/repo.git or git@host:org/repo.git)",
            "services[orders].database.instances: 0 is less than 1 (use 1 for a single instance, 3 for a primary and two replicas)",
            "services[orders].database.storage.size: \"10GB\" is not a Kubernetes quantity (try \"10Gi\")",
            "services[orders].migrations.backoffLimit: -1 is negative (use 0 for no retries, or a small number such as 3)",
            "services[orders].patches[0].path: \"/kind\" would change the object's identity "
                + "(apiVersion, kind, metadata.name and metadata.namespace are kit's; set names through the DSL)",
            "services[billing].namespace: \"Billing\" "
                + DNS1123_LABEL
                + " (use a lower-case namespace such as \"billing\")",
            "services[billing].database.storage.size: \"0\" is not greater than zero (use a positive amount such as \"1Gi\")");
  }

  @Test
  void validate_returnsUnmodifiableList_whenViolationsAreFound() {
    List<Violation> violations =
        Validations.of(Kit.builder().repository(shop().build()).build(), ONE_MIGRATION);

    assertThat(violations).hasSize(1);
    assertThat(violations).isUnmodifiable();
  }

  // --- repository -------------------------------------------------------------------------------

  @Nested
  class RepositoryRules {

    @Test
    void validate_reportsName_whenNameIsNotALabelValue() {
      assertThat(
              validate(
                  Kit.builder()
                      .repository(
                          Repository.builder("Shop Inc")
                              .gitUrl("https://github.com/acme/shop.git")
                              .build())
                      .service(orders().build())
                      .build(),
                  ONE_MIGRATION))
          .containsExactly(
              "repository.name: \"Shop Inc\" "
                  + LABEL_VALUE
                  + " (it becomes the app.kubernetes.io/part-of label; use a short name such as \"shop\")");
    }

    @Test
    void validate_reportsName_whenNameIsEmpty() {
      assertThat(
              validate(
                  Kit.builder()
                      .repository(
                          Repository.builder("").gitUrl("https://github.com/acme/shop.git").build())
                      .service(orders().build())
                      .build(),
                  ONE_MIGRATION))
          .containsExactly(
              "repository.name: \"\" is empty (it becomes the app.kubernetes.io/part-of label; use a short name such as \"shop\")");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "github.com/acme/shop",
          "ftp://github.com/acme/shop.git",
          "",
          "https://github.com/acme/my shop.git"
        })
    void validate_reportsGitUrl_whenUrlIsNotAGitUrl(String gitUrl) {
      assertThat(repositoryViolations(r -> r.gitUrl(gitUrl)))
          .containsExactly(
              "repository.gitUrl: \""
                  + gitUrl
                  + "\" is not a Git URL (use https://host/org/repo.git or git@host:org/repo.git)");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "https://github.com/acme/shop.git",
          "http://git.internal/acme/shop",
          "git@github.com:acme/shop.git",
          "ssh://git@github.com/acme/shop.git",
          "git://git.internal/shop.git"
        })
    void validate_acceptsGitUrl_whenUrlIsHttpsSshOrScpLike(String gitUrl) {
      assertThat(repositoryViolations(r -> r.gitUrl(gitUrl))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "https://bot:s3cret@github.com/acme/shop.git",
          "ssh://git:pw@github.com/acme/shop.git",
          "https://ghp_token@github.com/acme/shop.git"
        })
    void validate_reportsCredentials_whenUrlHoldsUserAndPassword(String gitUrl) {
      assertThat(repositoryViolations(r -> r.gitUrl(gitUrl)))
          .containsExactly(
              "repository.gitUrl: contains credentials "
                  + "(remove them; Argo CD reads repository credentials from a Secret, never from the Application)");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "https://x-access-token:ghp_QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ@github.com/acme/shop.git\n",
          "https://x:ghp_QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ@github.com/acme/my shop.git",
          "oauth2:ghp_QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ@gitlab.com/acme/shop.git"
        })
    void validate_reportsCredentialsWithoutTheUrl_whenUrlWithCredentialsIsAlsoMalformed(
        String gitUrl) {
      List<String> violations = repositoryViolations(r -> r.gitUrl(gitUrl));
      assertThat(violations)
          .containsExactly(
              "repository.gitUrl: contains credentials "
                  + "(remove them; Argo CD reads repository credentials from a Secret, never from the Application)");
      assertThat(String.join("\n", violations)).doesNotContain("ghp_");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "main branch", "main\n"})
    void validate_reportsTargetRevision_whenRevisionIsBlankOrHasWhitespace(String revision) {
      assertThat(repositoryViolations(r -> r.targetRevision(revision)))
          .containsExactly(
              "repository.targetRevision: \""
                  + revision
                  + "\" is not a Git revision (use a branch, tag or commit such as \"main\")");
    }

    @Test
    void validate_reportsArgoCdNamespace_whenNamespaceIsNotADnsLabel() {
      assertThat(repositoryViolations(r -> r.argoCd(ArgoCd.builder().namespace("Argo_CD").build())))
          .containsExactly(
              "repository.argoCd.namespace: \"Argo_CD\" "
                  + DNS1123_LABEL
                  + " (use the namespace Argo CD runs in, usually \"argocd\")");
    }

    @Test
    void validate_reportsArgoCdProject_whenProjectIsNotADnsSubdomain() {
      assertThat(
              repositoryViolations(r -> r.argoCd(ArgoCd.builder().project("My Project").build())))
          .containsExactly(
              "repository.argoCd.project: \"My Project\" "
                  + DNS1123_SUBDOMAIN
                  + " (use the name of an Argo CD AppProject such as \"default\")");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "http://kubernetes.default.svc",
          "kubernetes.default.svc",
          "https://",
          "https://host name"
        })
    void validate_reportsDestinationServer_whenServerIsNotAnHttpsUrl(String server) {
      assertThat(
              repositoryViolations(
                  r -> r.argoCd(ArgoCd.builder().destinationServer(server).build())))
          .containsExactly(
              "repository.argoCd.destinationServer: \""
                  + server
                  + "\" is not an https URL "
                  + "(use the cluster's API server URL, or \"https://kubernetes.default.svc\" for Argo CD's own cluster)");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "https://kubernetes.default.svc",
          "https://10.0.0.1:6443",
          "https://api.example.com/k8s/clusters/c-1"
        })
    void validate_acceptsDestinationServer_whenServerIsAnHttpsUrl(String server) {
      assertThat(
              repositoryViolations(
                  r -> r.argoCd(ArgoCd.builder().destinationServer(server).build())))
          .isEmpty();
    }
  }

  // --- services ---------------------------------------------------------------------------------

  @Nested
  class ServiceRules {

    @Test
    void validate_reportsServices_whenThereAreNone() {
      assertThat(validate(Kit.builder().repository(shop().build()).build(), ONE_MIGRATION))
          .containsExactly(
              "services: the description has no services (add one with Kit.builder().service(...))");
    }

    @Test
    void validate_reportsServiceOnce_whenNameIsDefinedTwice() {
      Kit kit =
          Kit.builder()
              .repository(shop().build())
              .service(orders().build())
              .service(orders().build())
              .build();

      assertThat(validate(kit, ONE_MIGRATION))
          .containsExactly("services[orders]: is defined twice (give each service a unique name)");
    }

    @Test
    void validate_reportsName_whenNameIsNotADns1035Label() {
      assertThat(
              serviceViolations(
                  Service.builder("1orders").database(db -> db.storage("10Gi")).build()))
          .containsExactly(
              "services[1orders].name: \"1orders\" "
                  + DNS1035_LABEL
                  + " (use a short lower-case name such as \"orders\"; it names the folder, the objects and the Application)");
    }

    @Test
    void validate_reportsNameAndNamespace_whenNameHasUpperCase() {
      assertThat(
              serviceViolations(
                  Service.builder("Orders").database(db -> db.storage("10Gi")).build()))
          .containsExactly(
              "services[Orders].name: \"Orders\" "
                  + DNS1035_LABEL
                  + " (use a short lower-case name such as \"orders\"; it names the folder, the objects and the Application)",
              "services[Orders].namespace: \"Orders\" "
                  + DNS1123_LABEL
                  + " (use a lower-case namespace such as \"orders\")");
    }

    @Test
    void validate_neverReadsMigrations_whenNameCouldEscapeTheServicesFolder() {
      Service service =
          Service.builder("../evil").namespace("evil").database(db -> db.storage("10Gi")).build();

      List<String> violations =
          serviceViolations(
              service,
              s -> {
                throw new AssertionError("read the migrations of " + s.name());
              });

      assertThat(violations)
          .containsExactly(
              "services[../evil].name: \"../evil\" "
                  + DNS1035_LABEL
                  + " (use a short lower-case name such as \"orders\"; it names the folder, the objects and the Application)");
    }

    @Test
    void validate_reportsName_whenNameIsLongerThan63() {
      String name = nameOfLength(64);

      assertThat(
              serviceViolations(
                  Service.builder(name)
                      .namespace("orders")
                      .database(db -> db.storage("10Gi"))
                      .build()))
          .containsExactly(
              "services["
                  + name
                  + "].name: \""
                  + name
                  + "\" is 64 characters, more than 63 "
                  + "(use a short lower-case name such as \"orders\"; it names the folder, the objects and the Application)");
    }

    @Test
    void validate_reportsJobAndClusterNames_whenNameMakesBothTooLong() {
      String name = nameOfLength(56);

      assertThat(
              serviceViolations(Service.builder(name).database(db -> db.storage("10Gi")).build()))
          .containsExactly(
              "services["
                  + name
                  + "].name: \""
                  + name
                  + "\" makes the migration Job name \""
                  + name
                  + "-migrate\" "
                  + "64 characters, more than 63 (shorten the service name to at most 55 characters)",
              "services["
                  + name
                  + "].name: \""
                  + name
                  + "\" makes the CNPG cluster name \""
                  + name
                  + "-cluster\" "
                  + "64 characters, more than "
                  + CLUSTER_NAME_MAX
                  + " (shorten the service name to at most "
                  + (CLUSTER_NAME_MAX - 8)
                  + " characters)");
    }

    @Test
    void validate_reportsClusterName_whenNameMakesOnlyTheClusterNameTooLong() {
      String name = nameOfLength(CLUSTER_NAME_MAX - "-cluster".length() + 1);

      assertThat(
              serviceViolations(Service.builder(name).database(db -> db.storage("10Gi")).build()))
          .containsExactly(
              "services["
                  + name
                  + "].name: \""
                  + name
                  + "\" makes the CNPG cluster name \""
                  + name
                  + "-cluster\" "
                  + (CLUSTER_NAME_MAX + 1)
                  + " characters, more than "
                  + CLUSTER_NAME_MAX
                  + " (shorten the service name to at most "
                  + (CLUSTER_NAME_MAX - 8)
                  + " characters)");
    }

    @Test
    void validate_reportsOnlyJobName_whenClusterNameIsSetExplicitly() {
      String name = nameOfLength(56);

      assertThat(
              serviceViolations(
                  Service.builder(name)
                      .database(db -> db.clusterName("orders-db").storage("10Gi"))
                      .build()))
          .containsExactly(
              "services["
                  + name
                  + "].name: \""
                  + name
                  + "\" makes the migration Job name \""
                  + name
                  + "-migrate\" "
                  + "64 characters, more than 63 (shorten the service name to at most 55 characters)");
    }

    @Test
    void validate_acceptsName_whenDerivedNamesJustFit() {
      assertThat(
              serviceViolations(
                  Service.builder(nameOfLength(CLUSTER_NAME_MAX - "-cluster".length()))
                      .database(db -> db.storage("10Gi"))
                      .build()))
          .isEmpty();
    }

    @Test
    void validate_reportsNamespace_whenNamespaceIsNotADnsLabel() {
      assertThat(serviceViolations(orders().namespace("Orders_NS").build()))
          .containsExactly(
              "services[orders].namespace: \"Orders_NS\" "
                  + DNS1123_LABEL
                  + " (use a lower-case namespace such as \"orders\")");
    }

    @Test
    void validate_reportsNamespace_whenKubernetesOrArgoCdOwnsIt() {
      String fence =
          ", not a service's: the service would sync its ConfigMaps, Deployments and Jobs there"
              + " (give the service a namespace of its own, such as \"orders\")";
      assertThat(serviceViolations(orders().namespace("kube-system").build()))
          .containsExactly(
              "services[orders].namespace: \"kube-system\" is Kubernetes' own (kube- namespaces"
                  + " hold the cluster's system objects)"
                  + fence);
      assertThat(serviceViolations(orders().namespace("argocd").build()))
          .containsExactly(
              "services[orders].namespace: \"argocd\" is where Argo CD runs"
                  + " (repository.argoCd.namespace)"
                  + fence);
    }

    @Test
    void validate_reportsNamespace_whenThePlatformInstallsAnOperatorThere() {
      Kit kit =
          Kit.builder()
              .repository(shop().build())
              .platform(Platform.defaults())
              .service(orders().namespace("cnpg-system").build())
              .build();

      assertThat(validate(kit, ONE_MIGRATION))
          .contains(
              "services[orders].namespace: \"cnpg-system\" is where the platform installs"
                  + " cloudnative-pg (platform.cloudnativePg), not a service's: the service would"
                  + " sync its ConfigMaps, Deployments and Jobs there, and the platform's AppProject"
                  + " would let every service's Application do so (give the service a namespace of"
                  + " its own, such as \"orders\")");
    }

    @Test
    void validate_reportsNamespace_whenNamespaceIsEmpty() {
      assertThat(serviceViolations(orders().namespace("").build()))
          .containsExactly(
              "services[orders].namespace: \"\" is empty (use a lower-case namespace such as \"orders\")");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "app.kubernetes.io/name",
          "app.kubernetes.io/part-of",
          "app.kubernetes.io/component",
          "app.kubernetes.io/managed-by"
        })
    void validate_reportsLabel_whenKeyIsReservedForKit(String key) {
      assertThat(serviceViolations(orders().label(key, "mine").build()))
          .containsExactly(
              "services[orders].labels["
                  + key
                  + "]: is a label kit sets itself (remove it, or use a label key of your own)");
    }

    @Test
    void validate_reportsLabel_whenKeyIsArgoCdsTrackingLabel() {
      assertThat(serviceViolations(orders().label("app.kubernetes.io/instance", "mine").build()))
          .containsExactly(
              "services[orders].labels[app.kubernetes.io/instance]: is the label Argo CD's label"
                  + " tracking sets to the Application's name (remove it, or use a label key of"
                  + " your own)");
    }

    @Test
    void validate_reportsLabelKey_whenKeyHasASpace() {
      assertThat(serviceViolations(orders().label("team name", "checkout").build()))
          .containsExactly(
              "services[orders].labels[team name]: key \"team name\" "
                  + LABEL_KEY
                  + " (rename the label)");
    }

    @Test
    void validate_reportsLabelKey_whenPrefixIsNotASubdomain() {
      assertThat(serviceViolations(orders().label("Acme.com/team", "checkout").build()))
          .containsExactly(
              "services[orders].labels[Acme.com/team]: key \"Acme.com/team\" has a prefix that "
                  + DNS1123_SUBDOMAIN
                  + " (rename the label)");
    }

    @Test
    void validate_reportsLabelValue_whenValueHasASpace() {
      assertThat(serviceViolations(orders().label("team", "check out").build()))
          .containsExactly(
              "services[orders].labels[team]: \"check out\" "
                  + LABEL_VALUE
                  + " (shorten or simplify the value)");
    }

    @Test
    void validate_reportsLabelValue_whenValueIsLongerThan63() {
      String value = "v".repeat(64);

      assertThat(serviceViolations(orders().label("team", value).build()))
          .containsExactly(
              "services[orders].labels[team]: \""
                  + value
                  + "\" "
                  + LABEL_VALUE
                  + " (shorten or simplify the value)");
    }

    @Test
    void validate_reportsClusterName_whenTwoServicesShareACluster() {
      Kit kit =
          Kit.builder()
              .repository(shop().build())
              .service(
                  "orders",
                  s -> s.namespace("shop").database(db -> db.clusterName("shared").storage("10Gi")))
              .service(
                  "billing",
                  s -> s.namespace("shop").database(db -> db.clusterName("shared").storage("10Gi")))
              .build();

      assertThat(validate(kit, ONE_MIGRATION))
          .containsExactly(
              "services[billing].database.clusterName: cluster \"shared\" in namespace \"shop\" is also the cluster of service "
                  + "\"orders\" (give one of them another clusterName or namespace)");
    }

    @Test
    void validate_namesNoValueAMessageMayNotQuote_whenTwoServicesShareACluster() {
      String namespace = "password=nsSecret";
      String cluster = "token=clusterSecret";
      Kit kit =
          Kit.builder()
              .repository(shop().build())
              .service(
                  "token=hunter2Secret",
                  s ->
                      s.namespace(namespace)
                          .database(db -> db.clusterName(cluster).storage("10Gi")))
              .service(
                  "billing",
                  s ->
                      s.namespace(namespace)
                          .database(db -> db.clusterName(cluster).storage("10Gi")))
              .build();

      List<String> violations = validate(kit, ONE_MIGRATION);
      assertThat(violations)
          .contains(
              "services[billing].database.clusterName: the cluster (not shown, as it may hold a"
                  + " credential) in the namespace (not shown, as it may hold a credential) is also"
                  + " the cluster of the service (not shown, as it may hold a credential) (give one"
                  + " of them another clusterName or namespace)");
      assertThat(String.join("\n", violations))
          .doesNotContain("hunter2Secret", "nsSecret", "clusterSecret");
    }

    @Test
    void validate_reportsClusterName_whenExplicitNameEqualsAnotherServicesDefault() {
      Kit kit =
          Kit.builder()
              .repository(shop().build())
              .service("orders", s -> s.namespace("shop").database(db -> db.storage("10Gi")))
              .service(
                  "billing",
                  s ->
                      s.namespace("shop")
                          .database(db -> db.clusterName("orders-cluster").storage("10Gi")))
              .build();

      assertThat(validate(kit, ONE_MIGRATION))
          .containsExactly(
              "services[billing].database.clusterName: cluster \"orders-cluster\" in namespace \"shop\" is also the cluster of "
                  + "service \"orders\" (give one of them another clusterName or namespace)");
    }

    @Test
    void validate_acceptsSameClusterName_whenNamespacesDiffer() {
      Kit kit =
          Kit.builder()
              .repository(shop().build())
              .service("orders", s -> s.database(db -> db.clusterName("db").storage("10Gi")))
              .service("billing", s -> s.database(db -> db.clusterName("db").storage("10Gi")))
              .build();

      assertThat(validate(kit, ONE_MIGRATION)).isEmpty();
    }
  }

  // --- database ---------------------------------------------------------------------------------

  @Nested
  class DatabaseRules {

    @Test
    void validate_reportsClusterName_whenLongerThanTheMaximum() {
      String cluster = "c".repeat(CLUSTER_NAME_MAX + 1);

      assertThat(databaseViolations(db -> db.clusterName(cluster)))
          .containsExactly(
              "services[orders].database.clusterName: \""
                  + cluster
                  + "\" is "
                  + (CLUSTER_NAME_MAX + 1)
                  + " characters, more than "
                  + CLUSTER_NAME_MAX
                  + " (CNPG derives <cluster>-rw, -ro, -r, -app and -ca from it; use at most "
                  + CLUSTER_NAME_MAX
                  + " characters such as \"orders-cluster\")");
    }

    @Test
    void validate_acceptsClusterName_whenExactlyTheMaximum() {
      assertThat(databaseViolations(db -> db.clusterName("c".repeat(CLUSTER_NAME_MAX)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders.db", "1db", "Orders", "db-"})
    void validate_reportsClusterName_whenNotADns1035Label(String cluster) {
      assertThat(databaseViolations(db -> db.clusterName(cluster)))
          .containsExactly(
              "services[orders].database.clusterName: \""
                  + cluster
                  + "\" "
                  + DNS1035_LABEL
                  + " (CNPG derives <cluster>-rw, -ro, -r, -app and -ca from it; use at most "
                  + CLUSTER_NAME_MAX
                  + " characters such as \"orders-cluster\")");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void validate_reportsInstances_whenLessThanOne(int instances) {
      assertThat(databaseViolations(db -> db.instances(instances)))
          .containsExactly(
              "services[orders].database.instances: "
                  + instances
                  + " is less than 1 (use 1 for a single instance, 3 for a primary and two replicas)");
    }

    @Test
    void validate_reportsPostgresMajor_whenKitHasNoImageForIt() {
      assertThat(databaseViolations(db -> db.postgresMajor(14)))
          .containsExactly(
              "services[orders].database.postgresMajor: PostgreSQL 14 is not a major kit knows "
                  + "(use one of [15, 16, 17, 18], or set imageName(...) to a CNPG operand image)");
    }

    @Test
    void validate_acceptsUnknownMajor_whenImageNameIsSet() {
      assertThat(
              databaseViolations(
                  db -> db.postgresMajor(14).imageName("ghcr.io/cloudnative-pg/postgresql:14.18")))
          .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "Not An Image",
          "ghcr.io/cloudnative-pg/postgresql:",
          "GHCR.io/CNPG/postgresql:17"
        })
    void validate_reportsImageName_whenNotAnImageReference(String image) {
      assertThat(databaseViolations(db -> db.imageName(image)))
          .singleElement()
          .asString()
          .startsWith(
              "services[orders].database.imageName: \"" + image + "\" is not an image reference")
          .endsWith(
              "(use registry/repository:tag, such as \"ghcr.io/cloudnative-pg/postgresql:17.11-standard-trixie\")");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "ghcr.io/cloudnative-pg/postgresql",
          "ghcr.io/cloudnative-pg/postgresql:latest",
          "ghcr.io/cloudnative-pg/postgresql@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
        })
    void validate_reportsImageName_whenTagIsMissingOrLatest(String image) {
      assertThat(databaseViolations(db -> db.imageName(image)))
          .containsExactly(
              "services[orders].database.imageName: \""
                  + image
                  + "\" has no version tag "
                  + "(CNPG reads the PostgreSQL major from the tag; use a tag such as \"17.11-standard-trixie\")");
    }

    @Test
    void validate_reportsImageName_whenTagDoesNotStartWithAMajor() {
      assertThat(
              databaseViolations(
                  db -> db.imageName("ghcr.io/cloudnative-pg/postgresql:bookworm-17")))
          .containsExactly(
              "services[orders].database.imageName: tag \"bookworm-17\" does not start with a PostgreSQL major version "
                  + "(CNPG reads the major from the tag; use a tag such as \"17.11-standard-trixie\")");
    }

    @Test
    void validate_reportsImageName_whenTagMajorDiffersFromPostgresMajor() {
      assertThat(
              databaseViolations(
                  db -> db.imageName("ghcr.io/cloudnative-pg/postgresql:16.14-system-trixie")))
          .containsExactly(
              "services[orders].database.imageName: tag \"16.14-system-trixie\" is PostgreSQL 16 but postgresMajor is 17 "
                  + "(set postgresMajor(16) or use a PostgreSQL 17 image)");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "ghcr.io/cloudnative-pg/postgresql:17",
          "ghcr.io/cloudnative-pg/postgresql:17.10-system-trixie",
          "localhost:5000/postgresql:17-bookworm@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
        })
    void validate_acceptsImageName_whenTagStartsWithTheMajor(String image) {
      assertThat(databaseViolations(db -> db.imageName(image))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"10GB, 10Gi", "10gi, 10Gi", "512 Mi, 512Mi", "1.5GiB, 1.5Gi", "2kb, 2Ki"})
    void validate_suggestsQuantity_whenSizeIsACommonMistake(String size, String suggestion) {
      assertThat(
              serviceViolations(Service.builder("orders").database(db -> db.storage(size)).build()))
          .containsExactly(
              "services[orders].database.storage.size: \""
                  + size
                  + "\" is not a Kubernetes quantity (try \""
                  + suggestion
                  + "\")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "10 GB please", "1.2.3"})
    void validate_reportsGenericFix_whenSizeHasNoLikelyMeaning(String size) {
      assertThat(
              serviceViolations(Service.builder("orders").database(db -> db.storage(size)).build()))
          .containsExactly(
              "services[orders].database.storage.size: \""
                  + size
                  + "\" is not a Kubernetes quantity "
                  + "(use a number with an optional unit, such as \"20Gi\", \"512Mi\" or \"500m\")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0Gi", "0.0Mi", "-1Gi", "+0"})
    void validate_reportsSize_whenNotGreaterThanZero(String size) {
      assertThat(
              serviceViolations(Service.builder("orders").database(db -> db.storage(size)).build()))
          .containsExactly(
              "services[orders].database.storage.size: \""
                  + size
                  + "\" is not greater than zero (use a positive amount such as \"1Gi\")");
    }

    @Test
    void validate_reportsStorageClass_whenNotADnsSubdomain() {
      assertThat(
              serviceViolations(
                  Service.builder("orders").database(db -> db.storage("10Gi", "Fast SSD")).build()))
          .containsExactly(
              "services[orders].database.storage.storageClass: \"Fast SSD\" "
                  + DNS1123_SUBDOMAIN
                  + " (use the name of a StorageClass in the cluster)");
    }

    @Test
    void validate_reportsWalStorageSize_whenNotAQuantity() {
      assertThat(databaseViolations(db -> db.walStorage("5GB")))
          .containsExactly(
              "services[orders].database.walStorage.size: \"5GB\" is not a Kubernetes quantity (try \"5Gi\")");
    }

    @Test
    void validate_reportsWalStorageClass_whenNotADnsSubdomain() {
      assertThat(databaseViolations(db -> db.walStorage("5Gi", "fast_ssd")))
          .containsExactly(
              "services[orders].database.walStorage.storageClass: \"fast_ssd\" "
                  + DNS1123_SUBDOMAIN
                  + " (use the name of a StorageClass in the cluster)");
    }

    @Test
    void validate_reportsEachResource_whenRequestsAndLimitsAreNotQuantities() {
      assertThat(
              databaseViolations(
                  db -> db.resources(Resources.requests("half", "1Gi").withLimits("0", "2gb"))))
          .containsExactly(
              "services[orders].database.resources.requests.cpu: \"half\" is not a Kubernetes quantity "
                  + "(use a number with an optional unit, such as \"20Gi\", \"512Mi\" or \"500m\")",
              "services[orders].database.resources.limits.cpu: \"0\" is not greater than zero (use a positive amount such as \"1Gi\")",
              "services[orders].database.resources.limits.memory: \"2gb\" is not a Kubernetes quantity (try \"2Gi\")");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"Max_Connections", "max-connections", "1param", "a.b.c", "shared buffers"})
    void validate_reportsParameter_whenNameIsNotAPostgresParameterName(String name) {
      assertThat(databaseViolations(db -> db.parameter(name, "1")))
          .containsExactly(
              "services[orders].database.parameters["
                  + name
                  + "]: \""
                  + name
                  + "\" is not a PostgreSQL parameter name "
                  + "(use the lower-case name from postgresql.conf)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"port", "listen_addresses", "ssl", "archive_command", "log_directory"})
    void validate_reportsParameter_whenCnpgFixesIt(String name) {
      assertThat(databaseViolations(db -> db.parameter(name, "x")))
          .containsExactly(
              "services[orders].database.parameters["
                  + name
                  + "]: CNPG manages "
                  + name
                  + " itself and rejects the Cluster if it is set (remove it)");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"postgres", "template0", "template1", "Orders", "orders-db", "1orders", ""})
    void validate_reportsBootstrapDatabase_whenNameIsReservedOrNotAnIdentifier(String database) {
      assertThat(databaseViolations(db -> db.bootstrap(database, "orders")))
          .containsExactly(
              "services[orders].database.bootstrap.database: \""
                  + database
                  + "\" is not a usable database name "
                  + "(use a lower-case identifier such as \"orders\" (not postgres or template0/1))");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "streaming_replica", "Owner", "owner!"})
    void validate_reportsBootstrapOwner_whenRoleIsReservedOrNotAnIdentifier(String owner) {
      assertThat(databaseViolations(db -> db.bootstrap("orders", owner)))
          .containsExactly(
              "services[orders].database.bootstrap.owner: \""
                  + owner
                  + "\" is not a usable role name "
                  + "(use a lower-case identifier such as \"orders\" (not postgres or streaming_replica))");
    }

    @Test
    void validate_suggestsIdentifierFromServiceName_whenServiceNameHasAHyphen() {
      assertThat(
              serviceViolations(
                  Service.builder("order-api")
                      .database(db -> db.storage("10Gi").bootstrap("app", "app-owner"))
                      .build()))
          .containsExactly(
              "services[order-api].database.bootstrap.owner: \"app-owner\" is not a usable role name "
                  + "(use a lower-case identifier such as \"order_api\" (not postgres or streaming_replica))");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zone key", "-zone", "zone-", ""})
    void validate_reportsAntiAffinityTopologyKey_whenNotALabelKey(String key) {
      assertThat(databaseViolations(db -> db.antiAffinity(key)))
          .containsExactly(
              "services[orders].database.antiAffinityTopologyKey: \""
                  + key
                  + "\" "
                  + LABEL_KEY
                  + " (use a node label such as \"topology.kubernetes.io/zone\" or \"kubernetes.io/hostname\")");
    }

    @Test
    void validate_reportsAntiAffinityTopologyKey_whenPrefixIsNotASubdomain() {
      assertThat(databaseViolations(db -> db.antiAffinity("Topology.Kubernetes.io/zone")))
          .containsExactly(
              "services[orders].database.antiAffinityTopologyKey: \"Topology.Kubernetes.io/zone\" has a prefix that "
                  + DNS1123_SUBDOMAIN
                  + " (use a node label such as \"topology.kubernetes.io/zone\" or \"kubernetes.io/hostname\")");
    }
  }

  // --- migrations -------------------------------------------------------------------------------

  // --- images ----------------------------------------------------------------------------------

  /** Image references with a registry password or a token in them, each a valid reference. */
  private static final String[] IMAGES_WITH_CREDENTIALS = {
    "robot:hunter2@ghcr.io/acme/orders:1.0.0",
    "ghcr.io/acme/orders:ghp_QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ",
    "ghcr.io/cloudnative-pg/postgresql:17.5-glpat-QQQQQQQQQQQQQQQQQQQQ"
  };

  @Test
  void validate_refusesImagesWithoutQuotingThem_whenTheyHoldCredentials() {
    for (String image : IMAGES_WITH_CREDENTIALS) {
      List<String> violations =
          serviceViolations(
              Service.builder("orders")
                  .database(db -> db.storage("10Gi").imageName(image))
                  .migrations(m -> m.atlasImage(image))
                  .app(image, a -> a)
                  .build());
      String fix =
          " (remove them; a reference has no place for them: give the cluster the registry's"
              + " credentials in an image pull Secret)";
      assertThat(violations)
          .as(image)
          .containsExactly(
              "services[orders].database.imageName: contains credentials" + fix,
              "services[orders].migrations.atlasImage: contains credentials" + fix,
              "services[orders].app.image: contains credentials" + fix);
      assertThat(String.join("\n", violations)).doesNotContain("hunter2", "QQQQ");
    }
  }

  @Nested
  class MigrationRules {

    @ParameterizedTest
    @ValueSource(
        strings = {"../x", "/abs", "a/../../x", "..", ".", "x/..", "", " ", "db\\migrations"})
    void validate_reportsDirectory_whenItLeavesTheServiceFolder(String directory) {
      List<String> violations =
          migrationViolations(
              m -> m.directory(directory),
              s -> {
                throw new AssertionError("read " + directory);
              });

      assertThat(violations)
          .containsExactly(
              "services[orders].migrations.directory: \""
                  + directory
                  + "\" is not a folder inside services/orders/ "
                  + "(use a relative path without '..', such as \"migrations\")");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "migrations",
          "db/migrations",
          "./migrations",
          "a/../migrations",
          "..migrations"
        })
    void validate_acceptsDirectory_whenItStaysInsideTheServiceFolder(String directory) {
      assertThat(migrationViolations(m -> m.directory(directory), ONE_MIGRATION)).isEmpty();
    }

    @Test
    void validate_reportsDirectory_whenItDoesNotExist() {
      assertThat(migrationViolations(m -> m, s -> Optional.empty()))
          .containsExactly(
              "services[orders].migrations.directory: services/orders/migrations does not exist "
                  + "(create it with your first migration, or call withoutMigrations() on the service)");
    }

    @Test
    void validate_neverReadsMigrations_whenServiceHasNone() {
      assertThat(
              serviceViolations(
                  orders().withoutMigrations().build(),
                  s -> {
                    throw new AssertionError("read the migrations of " + s.name());
                  }))
          .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "20250101120000_add orders.sql",
          "20250101120000_größe.sql",
          "20250101120000_a+b.sql",
          // Kubernetes refuses a key starting with "..", though Atlas reads it as a migration.
          "..20250101120000_x.sql"
        })
    void validate_reportsFile_whenNameIsNotAConfigMapKey(String name) {
      assertThat(migrationViolations(m -> m, files(new MigrationFile(name, SQL))))
          .containsExactly(
              "services[orders].migrations.files["
                  + name
                  + "]: the name is not a ConfigMap key (letters, digits, '_', '-' and '.', not starting"
                  + " with '..') (rename it to <version>_<description>.sql, such as"
                  + " 20250101120000_create_orders.sql)");
    }

    @Test
    void validate_reportsFile_whenNameIsLongerThanAConfigMapKey() {
      String name = "20250101120000_" + "x".repeat(235) + ".sql";

      assertThat(migrationViolations(m -> m, files(new MigrationFile(name, SQL))))
          .containsExactly(
              "services[orders].migrations.files["
                  + name
                  + "]: the name has 254 characters, and a ConfigMap key at most 253 "
                  + "(rename it to <version>_<description>.sql, such as 20250101120000_create_orders.sql)");
    }

    @Test
    void validate_reportsFile_whenVersionIsEmpty() {
      assertThat(migrationViolations(m -> m, files(new MigrationFile("_x.sql", SQL))))
          .containsExactly(
              "services[orders].migrations.files[_x.sql]: the name has no version before its first '_' "
                  + "(rename it to <version>_<description>.sql, such as 20250101120000_create_orders.sql)");
    }

    @Test
    void validate_reportsLaterFile_whenTwoFilesShareAVersion() {
      Function<Service, Optional<MigrationDirectory>> twins =
          files(
              new MigrationFile("20250101120000_b.sql", SQL),
              new MigrationFile("20250101120000_a.sql", SQL));

      assertThat(migrationViolations(m -> m, twins))
          .containsExactly(
              "services[orders].migrations.files[20250101120000_b.sql]: has version 20250101120000 like 20250101120000_a.sql; "
                  + "Atlas records one revision per version (give it a new version, e.g. run 'mvn kit:new-migration')");
    }

    @Test
    void validate_reportsFile_whenLargerThanOneConfigMap() {
      byte[] tooLarge = new byte[dev.kit.validate.MigrationRules.MIGRATION_FILE_MAX_BYTES + 1];

      assertThat(migrationViolations(m -> m, files(new MigrationFile(INIT, tooLarge))))
          .containsExactly(
              "services[orders].migrations.files[20250101120000_init.sql]: is 1032193 bytes; one file must fit in one ConfigMap "
                  + "(at most 1032192 bytes) (split it into several migrations)");
    }

    @Test
    void validate_acceptsFile_whenExactlyTheLargestSize() {
      byte[] largest = new byte[dev.kit.validate.MigrationRules.MIGRATION_FILE_MAX_BYTES];

      assertThat(migrationViolations(m -> m, files(new MigrationFile(INIT, largest)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-01", "20250101120001", "init"})
    void validate_reportsBaseline_whenNoFileHasThatVersion(String baseline) {
      assertThat(migrationViolations(m -> m.baseline(baseline), ONE_MIGRATION))
          .containsExactly(
              "services[orders].migrations.baseline: version \""
                  + baseline
                  + "\" is not the version of any migration file "
                  + "(use the version of an existing migration, the part of its name before the first '_')");
    }

    @Test
    void validate_reportsBaseline_whenItsFileIsACheckpoint() {
      MigrationFile checkpoint =
          new MigrationFile(
              "20250201120000_checkpoint.sql",
              "-- atlas:checkpoint\n\nCREATE TABLE t (id bigint);\n"
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      MigrationFile next =
          new MigrationFile(
              "20250301120000_more.sql",
              "ALTER TABLE t ADD COLUMN n text;\n"
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));

      assertThat(
              migrationViolations(
                  m -> m.baseline("20250201120000"),
                  files(new MigrationFile(INIT, SQL), checkpoint, next)))
          .containsExactly(
              "services[orders].migrations.baseline: version \"20250201120000\" is the checkpoint"
                  + " 20250201120000_checkpoint.sql, which Atlas skips once a baseline is set, so it"
                  + " would report the baseline not found (use the version of a migration that is not"
                  + " a checkpoint)");
    }

    @Test
    void validate_acceptsBaseline_whenAFileHasThatVersion() {
      assertThat(migrationViolations(m -> m.baseline("20250101120000"), ONE_MIGRATION)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"arigaio atlas", "Arigaio/Atlas:1.2.3", "arigaio/atlas:", ""})
    void validate_reportsAtlasImage_whenNotAnImageReference(String image) {
      assertThat(migrationViolations(m -> m.atlasImage(image), ONE_MIGRATION))
          .singleElement()
          .asString()
          .startsWith(
              "services[orders].migrations.atlasImage: \"" + image + "\" is not an image reference")
          .endsWith("(use repository:tag, such as \"arigaio/atlas:1.2.3\")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"arigaio/atlas", "arigaio/atlas:latest"})
    void validate_reportsAtlasImage_whenNotPinned(String image) {
      assertThat(migrationViolations(m -> m.atlasImage(image), ONE_MIGRATION))
          .containsExactly(
              "services[orders].migrations.atlasImage: \""
                  + image
                  + "\" is not pinned "
                  + "(use a version tag or digest, such as \"arigaio/atlas:1.2.3\", so every sync runs the same Atlas)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Atlas-Revisions", "1revisions", ""})
    void validate_reportsRevisionsSchema_whenNotASchemaName(String schema) {
      assertThat(migrationViolations(m -> m.revisionsSchema(schema), ONE_MIGRATION))
          .containsExactly(
              "services[orders].migrations.revisionsSchema: \""
                  + schema
                  + "\" is not a schema name "
                  + "(use a lower-case identifier such as \"atlas_schema_revisions\")");
    }

    @Test
    void validate_reportsBackoffLimit_whenNegative() {
      assertThat(migrationViolations(m -> m.backoffLimit(-1), ONE_MIGRATION))
          .containsExactly(
              "services[orders].migrations.backoffLimit: -1 is negative (use 0 for no retries, or a small number such as 3)");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -5})
    void validate_reportsActiveDeadlineSeconds_whenLessThanOne(int seconds) {
      assertThat(migrationViolations(m -> m.activeDeadlineSeconds(seconds), ONE_MIGRATION))
          .containsExactly(
              "services[orders].migrations.activeDeadlineSeconds: "
                  + seconds
                  + " is not positive (use a deadline in seconds, such as 900)");
    }

    @Test
    void validate_reportsMigrationResources_whenNotQuantities() {
      assertThat(
              migrationViolations(
                  m -> m.resources(Resources.requests("50 m", "64Mi").withLimits(null, "256MB")),
                  ONE_MIGRATION))
          .containsExactly(
              "services[orders].migrations.resources.requests.cpu: \"50 m\" is not a Kubernetes quantity (try \"50m\")",
              "services[orders].migrations.resources.limits.memory: \"256MB\" is not a Kubernetes quantity (try \"256Mi\")");
    }
  }

  // --- patches ----------------------------------------------------------------------------------

  @Nested
  class PatchRules {

    @ParameterizedTest
    @ValueSource(strings = {"spec/instances", "", "/spec/a~2b", "/spec~"})
    void validate_reportsPath_whenNotAJsonPointer(String path) {
      assertThat(patchViolations(orders().patch(Patch.set(Patch.Target.CLUSTER, path, "x"))))
          .containsExactly(
              "services[orders].patches[0].path: \""
                  + path
                  + "\" is not a JSON Pointer "
                  + "(start it with '/', such as \"/spec/primaryUpdateStrategy\")");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "/kind",
          "/apiVersion",
          "/metadata",
          "/metadata/name",
          "/metadata/namespace",
          "/metadata/name/0"
        })
    void validate_reportsPath_whenItChangesTheObjectsIdentity(String path) {
      assertThat(patchViolations(orders().patch(Patch.remove(Patch.Target.CLUSTER, path))))
          .containsExactly(
              "services[orders].patches[0].path: \""
                  + path
                  + "\" would change the object's identity "
                  + "(apiVersion, kind, metadata.name and metadata.namespace are kit's; set names through the DSL)");
    }

    /** A service with {@code patch} in a description whose Platform writes the AppProject. */
    private List<String> applicationPatchViolations(Patch patch) {
      Kit kit =
          Kit.builder()
              .repository(shop().argoCd(ArgoCd.builder().project("shop").build()).build())
              .platform(dev.kit.model.Platform.defaults())
              .service(orders().patch(patch).build())
              .build();
      return validate(kit, ONE_MIGRATION);
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "/spec/destination/namespace|would send the Application to a destination the AppProject"
              + " \"shop\" kit writes does not list (the services' namespaces on their cluster),"
              + " and Argo CD refuses it (set the namespace with namespace(...) on the service, the"
              + " cluster with ArgoCd.builder().destinationServer(...) or an environment's"
              + " destinationServer(...) or destinationName(...))",
          "/spec/destination|would send the Application to a destination the AppProject \"shop\""
              + " kit writes does not list (the services' namespaces on their cluster), and Argo CD"
              + " refuses it (set the namespace with namespace(...) on the service, the cluster with"
              + " ArgoCd.builder().destinationServer(...) or an environment's destinationServer(...)"
              + " or destinationName(...))",
          "/spec/source/repoURL|would sync a repository the AppProject \"shop\" kit writes does"
              + " not permit: it lists the repository's gitUrl only (set the repository's"
              + " gitUrl(...))",
          "/spec/source/path|would sync another folder than services/orders/manifests, where kit"
              + " writes the service's manifests (put your own manifests under"
              + " services/orders/manifests/app/, which the Application syncs too)",
          "/spec/project|would move the Application out of the AppProject \"shop\", which kit"
              + " writes for the services' namespaces and kinds (set the project with"
              + " ArgoCd.builder().project(...), or an environment's project(...))",
          "/spec/source|would replace the Application's source, which kit builds with the"
              + " AppProject \"shop\" it writes (patch a single other field, such as"
              + " /spec/syncPolicy/syncOptions/-)",
          "/spec|would replace the Application's spec, which kit builds with the AppProject"
              + " \"shop\" it writes (patch a single other field, such as"
              + " /spec/syncPolicy/syncOptions/-)",
          "/spec/sources|would make the Application multi-source: Argo CD then ignores its"
              + " source, services/orders/manifests, and the AppProject \"shop\" kit writes"
              + " permits the repository's gitUrl only (put your own manifests under"
              + " services/orders/manifests/app/, which the Application syncs too; for a chart"
              + " from another repository, write an Application of your own)",
          "/spec/sources/0/repoURL|would make the Application multi-source: Argo CD then ignores"
              + " its source, services/orders/manifests, and the AppProject \"shop\" kit writes"
              + " permits the repository's gitUrl only (put your own manifests under"
              + " services/orders/manifests/app/, which the Application syncs too; for a chart"
              + " from another repository, write an Application of your own)"
        })
    void validate_reportsApplicationPatch_whenTheAppProjectKitWritesWouldRefuseIt(
        String path, String problem) {
      assertThat(applicationPatchViolations(Patch.set(Patch.Target.APPLICATION, path, "other")))
          .containsExactly("services[orders].patches[0].path: \"" + path + "\" " + problem);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "/spec/syncPolicy/syncOptions/-",
          "/spec/source/directory/exclude",
          "/spec/source/targetRevision",
          "/spec/destinations"
        })
    void validate_acceptsApplicationPatch_whenTheAppProjectDoesNotReadIt(String path) {
      assertThat(applicationPatchViolations(Patch.set(Patch.Target.APPLICATION, path, "x")))
          .isEmpty();
    }

    @Test
    void validate_acceptsApplicationDestinationPatch_whenKitWritesNoAppProject() {
      assertThat(
              patchViolations(
                  orders()
                      .patch(
                          Patch.set(
                              Patch.Target.APPLICATION, "/spec/destination/namespace", "other"))))
          .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "/kinds",
          "/metadata/labels/team",
          "/metadata/namespaces",
          "/spec/metadata/name",
          "/metadata/annotations/a~1b"
        })
    void validate_acceptsPath_whenItOnlyResemblesAnIdentityPath(String path) {
      assertThat(patchViolations(orders().patch(Patch.set(Patch.Target.CLUSTER, path, "x"))))
          .isEmpty();
    }

    @Test
    void validate_reportsPath_whenItChangesKitsSyncOptionsOrWave() {
      assertThat(
              patchViolations(
                  orders()
                      .patch(
                          Patch.remove(
                              Patch.Target.CLUSTER,
                              "/metadata/annotations/argocd.argoproj.io~1sync-options"))
                      .patch(
                          Patch.set(
                              Patch.Target.CLUSTER,
                              "/metadata/annotations/argocd.argoproj.io~1sync-wave",
                              "5"))))
          .containsExactly(
              "services[orders].patches[0].path: \"/metadata/annotations/argocd.argoproj.io~1sync-options\" would change"
                  + " kit's Argo CD sync options: Prune=false,Delete=false on the Cluster, ObjectStore and Workspace is what"
                  + " keeps a removed line from deleting a database (leave argocd.argoproj.io/sync-options to kit; patch a"
                  + " single other key instead, such as /metadata/annotations/example.com~1owner ('/' in a key is written ~1))",
              "services[orders].patches[1].path: \"/metadata/annotations/argocd.argoproj.io~1sync-wave\" would change"
                  + " kit's sync wave, which orders the database, its migration and the application (a Cluster after the"
                  + " migration's wave hangs the sync) (leave argocd.argoproj.io/sync-wave to kit; patch a single other key"
                  + " instead, such as /metadata/annotations/example.com~1owner ('/' in a key is written ~1))");
    }

    @Test
    void validate_reportsPath_whenItReplacesEveryAnnotationOrLabel() {
      assertThat(
              patchViolations(
                  orders()
                      .patch(
                          Patch.set(
                              Patch.Target.CLUSTER,
                              "/metadata/annotations",
                              Map.of("example.com/owner", "orders-team")))
                      .patch(Patch.remove(Patch.Target.MIGRATION_JOB, "/metadata/labels"))))
          .containsExactly(
              "services[orders].patches[0].path: \"/metadata/annotations\" would replace or remove every annotation,"
                  + " kit's sync wave and sync options with them (patch a single other key instead, such as"
                  + " /metadata/annotations/example.com~1owner ('/' in a key is written ~1))",
              "services[orders].patches[1].path: \"/metadata/labels\" would replace or remove every label, kit's"
                  + " app.kubernetes.io labels with them, by which kit:status and Argo CD find the service's objects"
                  + " (add labels with Service.Builder.label(key, value), or patch a single other key such as"
                  + " /metadata/labels/team)");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "/metadata/annotations/argocd.argoproj.io~1hook",
          "/metadata/annotations/argocd.argoproj.io~1hook-delete-policy",
          "/metadata/annotations/argocd.argoproj.io~1sync-wave/0",
          "/metadata/labels/app.kubernetes.io~1name",
          "/metadata/labels/app.kubernetes.io~1component",
          "/metadata/labels/app.kubernetes.io~1instance"
        })
    void validate_reportsPath_whenItChangesAnAnnotationOrLabelArgoCdReads(String path) {
      assertThat(patchViolations(orders().patch(Patch.set(Patch.Target.MIGRATION_JOB, path, "x"))))
          .singleElement(InstanceOfAssertFactories.STRING)
          .startsWith("services[orders].patches[0].path: \"" + path + "\" would change ");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "/metadata/annotations/example.com~1owner",
          "/metadata/annotations/argocd.argoproj.io~1sync-options-x",
          "/metadata/annotations/argocd.argoproj.io~01sync-wave",
          "/metadata/labels/app.kubernetes.io~1version",
          "/spec/template/metadata/annotations"
        })
    void validate_acceptsPath_whenItAddsOneOtherAnnotationOrLabel(String path) {
      assertThat(patchViolations(orders().patch(Patch.set(Patch.Target.CLUSTER, path, "x"))))
          .isEmpty();
    }

    @Test
    void validate_reportsFixedParameter_whenAPatchSetsItOnTheCluster() {
      assertThat(
              patchViolations(
                  orders()
                      .patch(
                          Patch.set(
                              Patch.Target.CLUSTER,
                              "/spec/postgresql/parameters/archive_mode",
                              "off"))
                      .patch(
                          Patch.set(
                              Patch.Target.CLUSTER,
                              "/spec/postgresql",
                              Map.of(
                                  "parameters",
                                  Map.of("work_mem", "8MB", "synchronous_standby_names", "*"))))
                      .patch(
                          Patch.remove(
                              Patch.Target.CLUSTER, "/spec/postgresql/parameters/archive_mode"))))
          .containsExactly(
              "services[orders].patches[0].path: CNPG manages archive_mode itself and rejects the Cluster if it is set"
                  + " (remove it)",
              "services[orders].patches[1].value[synchronous_standby_names]: CNPG manages synchronous_standby_names"
                  + " itself and rejects the Cluster if it is set (remove it: CNPG derives it from"
                  + " spec.postgresql.synchronous (Patch.set(Patch.Target.CLUSTER, \"/spec/postgresql/synchronous\","
                  + " Map.of(\"method\", \"any\", \"number\", 1))))");
    }

    @ParameterizedTest
    @EnumSource(names = {"MIGRATION_JOB", "MIGRATIONS_CONFIGMAP"})
    void validate_reportsTarget_whenServiceHasNoMigrations(Patch.Target target) {
      Service.Builder service =
          orders()
              .withoutMigrations()
              .patch(Patch.set(Patch.Target.CLUSTER, "/spec/description", "orders"))
              .patch(Patch.set(target, "/spec/backoffLimit", 1));

      assertThat(patchViolations(service))
          .containsExactly(
              "services[orders].patches[1].target: "
                  + target
                  + " is not generated for a service without migrations (remove the patch, or give the service migrations)");
    }

    @Test
    void validate_reportsApplicationTarget_whenTheApplicationSetGeneratesTheApplication() {
      Kit kit =
          Kit.builder()
              .repository(
                  shop()
                      .argoCd(ArgoCd.builder().delivery(ArgoCd.Delivery.APPLICATION_SET).build())
                      .build())
              .service(
                  orders()
                      .patch(
                          Patch.remove(
                              Patch.Target.APPLICATION, "/spec/syncPolicy/automated/prune"))
                      .build())
              .build();

      assertThat(validate(kit, ONE_MIGRATION))
          .containsExactly(
              "services[orders].patches[0].target: APPLICATION is not generated for a service without an Application of its own "
                  + "(delivery APPLICATION_PER_SERVICE or APP_OF_APPS) (remove the patch, or give the service an Application of "
                  + "its own (delivery APPLICATION_PER_SERVICE or APP_OF_APPS))");
    }

    @Test
    void validate_reportsPathAndTarget_whenBothAreWrong() {
      assertThat(
              patchViolations(
                  orders()
                      .withoutMigrations()
                      .patch(Patch.remove(Patch.Target.MIGRATION_JOB, "/metadata/name"))))
          .containsExactly(
              "services[orders].patches[0].path: \"/metadata/name\" would change the object's identity "
                  + "(apiVersion, kind, metadata.name and metadata.namespace are kit's; set names through the DSL)",
              "services[orders].patches[0].target: MIGRATION_JOB is not generated for a service without migrations "
                  + "(remove the patch, or give the service migrations)");
    }
  }

  @org.junit.jupiter.api.Nested
  class ByteQuantities {
    @Test
    void validate_suggestsMi_whenStorageOrMemoryUsesMilli() {
      Kit kit =
          Kit.builder()
              .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
              .service(
                  "orders",
                  s ->
                      s.withoutMigrations()
                          .database(
                              db ->
                                  db.storage("512m")
                                      .resources(dev.kit.model.Resources.requests("500m", "256m"))))
              .build();

      assertThat(Validations.of(kit, any -> Optional.empty()))
          .extracting(Violation::toString)
          .containsExactly(
              "services[orders].database.storage.size: \"512m\" is 512 thousandths of a byte (try \"512Mi\")",
              "services[orders].database.resources.requests.memory: \"256m\" is 256 thousandths of a byte (try \"256Mi\")");
    }

    @Test
    void validate_suggestsAUnit_whenASizeIsAPlainNumberOrBelowOneMebibyte() {
      Kit kit =
          Kit.builder()
              .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
              .service(
                  "orders",
                  s ->
                      s.withoutMigrations()
                          .database(
                              db ->
                                  db.storage("20")
                                      .walStorage("512Ki")
                                      .resources(
                                          dev.kit.model.Resources.requests("500m", "256")
                                              .withLimits(null, "1Mi"))))
              .build();

      assertThat(Validations.of(kit, any -> Optional.empty()))
          .extracting(Violation::toString)
          .containsExactly(
              "services[orders].database.storage.size: \"20\" is 20 bytes, less than 1Mi (try \"20Gi\")",
              "services[orders].database.walStorage.size: \"512Ki\" is less than 1Mi (try \"512Gi\")",
              "services[orders].database.resources.requests.memory: \"256\" is 256 bytes, less than 1Mi (try \"256Mi\")");
    }
  }
}
