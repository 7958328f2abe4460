package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.model.ArgoCd;
import dev.kit.model.DeclarativeSchema;
import dev.kit.model.HelmChart;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Patch;
import dev.kit.model.Platform;
import dev.kit.model.Resources;
import dev.kit.model.SslMode;
import dev.kit.model.TxMode;
import dev.kit.testing.Validations;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Exact messages of the Atlas operator, platform and delivery rules. */
class FleetValidationTest {

  private static final MigrationDirectory ONE_FILE =
      new MigrationDirectory(
          List.of(
              new MigrationFile(
                  "20250101000000_init.sql", "SELECT 1;\n".getBytes(StandardCharsets.UTF_8))));

  private static List<String> violations(Kit kit) {
    return Validations.of(
            kit,
            s -> Optional.of(ONE_FILE),
            s -> Optional.of("CREATE TABLE t (id int);\n".getBytes(StandardCharsets.UTF_8)))
        .stream()
        .map(Violation::toString)
        .toList();
  }

  private static Kit.Builder shop(ArgoCd argo) {
    return Kit.builder()
        .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git").argoCd(argo));
  }

  @Test
  void validate_reportsOperatorEngineLimits_txModeAndVerifiedTls() {
    Kit kit =
        shop(ArgoCd.defaults())
            .service(
                "orders",
                s ->
                    s.database(db -> db.storage("1Gi"))
                        .migrations(
                            m ->
                                m.engine(Migrations.Engine.OPERATOR)
                                    .txMode(TxMode.ALL)
                                    .sslMode(SslMode.VERIFY_FULL)))
            .build();

    assertThat(violations(kit))
        .containsExactly(
            "services[orders].migrations.txMode: the Atlas operator's AtlasMigration has no tx mode "
                + "(put \"-- atlas:txmode all\" on the first line of the files that need it, or use the job engine)",
            "services[orders].migrations.sslMode: verify-full needs the cluster CA, which the Atlas operator cannot mount "
                + "(use SslMode.REQUIRE with the operator engine, or the job engine to verify the server)");
  }

  @Test
  void validate_namesTheExistingDatabasesCa_whenTheOperatorWouldVerifyTheServer() {
    Kit kit =
        shop(ArgoCd.defaults())
            .service(
                "orders",
                s ->
                    s.database(
                            db ->
                                db.bootstrap("orders", "orders_owner")
                                    .existing(
                                        e ->
                                            e.secret("orders-db")
                                                .host("orders.db.acme.internal")
                                                .ca("acme-db-ca", "ca.crt")))
                        .migrations(
                            m -> m.engine(Migrations.Engine.OPERATOR).sslMode(SslMode.VERIFY_CA)))
            .service(
                "billing",
                s ->
                    s.database(
                            db ->
                                db.bootstrap("billing", "billing_owner")
                                    .existing(
                                        e ->
                                            e.secret("billing-db")
                                                .host("billing.db.acme.internal")))
                        .migrations(
                            m -> m.engine(Migrations.Engine.OPERATOR).sslMode(SslMode.VERIFY_FULL)))
            .build();

    assertThat(violations(kit))
        .containsExactly(
            "services[orders].migrations.sslMode: verify-ca needs the CA certificate of existing(...), in Secret "
                + "\"acme-db-ca\", which the Atlas operator cannot mount (use SslMode.REQUIRE with the operator engine, "
                + "or the job engine to verify the server)",
            "services[billing].migrations.sslMode: verify-full needs the server's CA among the system's trusted roots "
                + "of the Atlas operator's image, which kit neither sets nor checks (use SslMode.REQUIRE with the operator "
                + "engine, or the job engine to verify the server)");
  }

  @Test
  void validate_reportsTheJobsSettings_thatTheOperatorEngineHasNoPlaceFor() {
    Kit kit =
        shop(ArgoCd.defaults())
            .service(
                "orders",
                s ->
                    s.database(db -> db.storage("1Gi"))
                        .migrations(
                            m ->
                                m.engine(Migrations.Engine.OPERATOR)
                                    .atlasImage("arigaio/atlas:1.3.0")
                                    .activeDeadlineSeconds(600)
                                    .resources(Resources.requests("100m", "128Mi"))
                                    // Kept: the AtlasMigration has a backoffLimit of its own.
                                    .backoffLimit(5)))
            .build();

    assertThat(violations(kit))
        .containsExactly(
            "services[orders].migrations.atlasImage: the Atlas operator runs the Atlas of its own image, not"
                + " \"arigaio/atlas:1.3.0\" (remove atlasImage(...), or use the job engine)",
            "services[orders].migrations.activeDeadlineSeconds: the Atlas operator's AtlasMigration has no"
                + " deadline (remove activeDeadlineSeconds(...), or use the job engine)",
            "services[orders].migrations.resources: the Atlas operator runs Atlas in its own pod, whose resources"
                + " the AtlasMigration does not set (remove resources(...), or use the job engine)");
  }

  @Test
  void validate_saysTheOperatorEngineIgnoresAtlasImage_withoutQuotingAnImageWithCredentials() {
    Kit kit =
        shop(ArgoCd.defaults())
            .service(
                "orders",
                s ->
                    s.database(db -> db.storage("1Gi"))
                        .migrations(
                            m ->
                                m.engine(Migrations.Engine.OPERATOR)
                                    .atlasImage("robot:hunter2@arigaio/atlas:1.3.0")))
            .build();

    List<String> violations = violations(kit);
    assertThat(violations)
        .containsExactly(
            "services[orders].migrations.atlasImage: contains credentials (remove them; a reference has"
                + " no place for them: give the cluster the registry's credentials in an image pull"
                + " Secret)",
            "services[orders].migrations.atlasImage: the Atlas operator runs the Atlas of its own image, not"
                + " the one given (not shown, as it may hold a credential) (remove atlasImage(...), or"
                + " use the job engine)");
    assertThat(String.join("\n", violations)).doesNotContain("hunter2");
  }

  @Test
  void validate_refusesSchemasTheCnpgDatabaseMakes_withTheOperatorEngine_unlessBaselined() {
    Kit kit =
        shop(ArgoCd.defaults())
            .service(
                "orders",
                s ->
                    s.database(db -> db.storage("1Gi").schema("reporting").extension("vector"))
                        .migrations(m -> m.engine(Migrations.Engine.OPERATOR)))
            .build();

    assertThat(violations(kit))
        .containsExactly(
            "services[orders].database.schemas: the CNPG Database creates them before the Atlas operator's"
                + " first run, which Atlas then refuses (\"connected database is not clean: found schema\"):"
                + " the operator has no --allow-dirty (remove schema(...) and create the schema in the first"
                + " migration (CREATE SCHEMA IF NOT EXISTS ...), set baseline(...) to the version the database"
                + " already holds, or run migrations with the Job engine, which kit starts with --allow-dirty)");
  }

  @Test
  void validate_refusesNoRetries_withTheOperatorEngine() {
    Kit kit =
        shop(ArgoCd.defaults())
            .service(
                "orders",
                s ->
                    s.database(db -> db.storage("1Gi"))
                        .migrations(m -> m.engine(Migrations.Engine.OPERATOR).backoffLimit(0)))
            .build();

    assertThat(violations(kit))
        .containsExactly(
            "services[orders].migrations.backoffLimit: the Atlas operator reads a backoffLimit of 0 as no"
                + " limit, and retries for good (use 1 or more retries, or the job engine for none)");
  }

  @Test
  void validate_reportsOperatorEngine_whenTheHistoryNeedsSeveralConfigMaps() {
    MigrationDirectory big =
        new MigrationDirectory(
            List.of(
                new MigrationFile("1_a.sql", new byte[600 * 1024]),
                new MigrationFile("2_b.sql", new byte[600 * 1024])));
    Kit kit =
        shop(ArgoCd.defaults())
            .service(
                "orders",
                s ->
                    s.database(db -> db.storage("1Gi"))
                        .migrations(m -> m.engine(Migrations.Engine.OPERATOR)))
            .build();

    assertThat(Validations.of(kit, s -> Optional.of(big)).stream().map(Violation::toString))
        .containsExactly(
            "services[orders].migrations.engine: the history is "
                + big.configMapBytes()
                + " bytes, but an AtlasMigration reads one "
                + "ConfigMap (at most 921600) (use the job engine, which mounts several ConfigMaps, or squash old migrations)");
  }

  @Test
  void validate_reportsDeclarativeSchema_whenMissingUnsafeOrMixedWithMigrations() {
    Kit kit =
        shop(ArgoCd.defaults())
            .service(
                "a",
                s ->
                    s.database(db -> db.storage("1Gi"))
                        .declarativeSchema(DeclarativeSchema.of("../schema.sql")))
            .service(
                "b",
                s ->
                    s.database(db -> db.storage("1Gi"))
                        .declarativeSchema(DeclarativeSchema.of("schema.sql"))
                        .migrations(Migrations.defaults()))
            .build();

    assertThat(violations(kit))
        .containsExactly(
            "services[a].declarativeSchema.file: \"../schema.sql\" is not a .sql file inside services/a/ (use a relative path without '..', such as \"schema.sql\")",
            "services[b].declarativeSchema: a service has either versioned migrations or a declarative schema, not both "
                + "(remove migrations(...), or drop declarativeSchema(...))");
    assertThat(
            Validations.of(
                    shop(ArgoCd.defaults())
                        .service(
                            "c",
                            s ->
                                s.database(db -> db.storage("1Gi"))
                                    .declarativeSchema(DeclarativeSchema.of("schema.sql")))
                        .build(),
                    s -> Optional.empty(),
                    s -> Optional.empty())
                .stream()
                .map(Violation::toString))
        .containsExactly(
            "services[c].declarativeSchema.file: services/c/schema.sql does not exist (write the schema there as SQL "
                + "(CREATE TABLE ...), the state Atlas keeps the database in)");
  }

  @Test
  void validate_reportsDatabaseSchemas_thatTheDeclarativeSchemaDoesNotDeclare() {
    Kit kit =
        shop(ArgoCd.defaults())
            .service(
                "catalog",
                s ->
                    s.database(
                            db ->
                                db.storage("1Gi")
                                    .schema("reporting")
                                    .schema("audit")
                                    .schema("billing")
                                    .schema("staging"))
                        .declarativeSchema(DeclarativeSchema.of("schema.sql")))
            .build();
    String schema =
        "-- CREATE SCHEMA staging;\n"
            + "CREATE SCHEMA IF NOT EXISTS Reporting;\n"
            + "create schema \"audit\" AUTHORIZATION app;\n"
            + "CREATE SCHEMA \"Billing\";\n"
            + "CREATE TABLE reporting.t (id int);\n";

    assertThat(
            Validations.of(
                    kit,
                    s -> Optional.empty(),
                    s -> Optional.of(schema.getBytes(StandardCharsets.UTF_8)))
                .stream()
                .map(Violation::toString))
        .containsExactly(
            "services[catalog].database.schemas[billing]: is created by the CNPG Database, but schema.sql"
                + " (declarativeSchema) does not declare it: Atlas would plan DROP SCHEMA billing CASCADE, which the"
                + " Atlas operator refuses on its first run, so the sync never becomes healthy (declare it in the"
                + " schema file (CREATE SCHEMA IF NOT EXISTS billing;), or remove schema(\"billing\") from the"
                + " database)",
            "services[catalog].database.schemas[staging]: is created by the CNPG Database, but schema.sql"
                + " (declarativeSchema) does not declare it: Atlas would plan DROP SCHEMA staging CASCADE, which the"
                + " Atlas operator refuses on its first run, so the sync never becomes healthy (declare it in the"
                + " schema file (CREATE SCHEMA IF NOT EXISTS staging;), or remove schema(\"staging\") from the"
                + " database)");
  }

  @Test
  void validate_reportsUndeclaredSchemasOnce_andAnEnvironmentsOwnUnderTheEnvironment() {
    Kit kit =
        shop(ArgoCd.defaults())
            .environment("dev", e -> e.destinationServer("https://dev.k8s.acme.io"))
            .environment("prod", e -> e.destinationServer("https://prod.k8s.acme.io"))
            .service(
                "catalog",
                s ->
                    s.database(db -> db.storage("1Gi").schema("reporting").schema("billing"))
                        .declarativeSchema(DeclarativeSchema.of("schema.sql"))
                        .in("prod", p -> p.database(db -> db.schema("audit"))))
            .build();

    assertThat(
            Validations.of(
                    kit,
                    s -> Optional.empty(),
                    s -> Optional.of("CREATE SCHEMA reporting;\n".getBytes(StandardCharsets.UTF_8)))
                .stream()
                .map(Violation::path))
        .containsExactly(
            "services[catalog].database.schemas[billing]",
            "environments[prod].services[catalog].database.schemas",
            "environments[prod].services[catalog].database.schemas[audit]");
  }

  @Test
  void validate_reportsApplicationSetDelivery_whenANamespaceDiffersFromTheFolder() {
    Kit kit =
        shop(ArgoCd.builder().version("v2.x").delivery(ArgoCd.Delivery.APPLICATION_SET).build())
            .service(
                "orders",
                s ->
                    s.namespace("shop-orders")
                        .withoutMigrations()
                        .database(db -> db.storage("1Gi")))
            .build();

    assertThat(violations(kit))
        .containsExactly(
            "repository.argoCd.version: \"v2.x\" is not an Argo CD version (use major.minor, such as \"3.5\" or \"2.9\")",
            "services[orders].namespace: \"shop-orders\" differs from the service name, but the ApplicationSet's directory "
                + "generator names the namespace after the folder (use namespace(\"orders\"), or deliver with APPLICATION_PER_SERVICE or APP_OF_APPS)");
  }

  @Test
  void validate_reportsPlatform_whenItWouldFenceTheDefaultProjectOrChartsFloat() {
    Kit kit =
        shop(ArgoCd.defaults())
            .platform(
                Platform.builder()
                    .cloudnativePg(
                        HelmChart.of(
                            "https://cloudnative-pg.github.io/charts",
                            "cloudnative-pg",
                            "0.x",
                            "CNPG"))
                    .allowKind("networking.k8s.io", "ingress")
                    .build())
            .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
            .build();

    assertThat(violations(kit))
        .containsExactly(
            "repository.argoCd.project: the platform's AppProject would restrict Argo CD's \"default\" project, which every other "
                + "Application uses (give the services a project of their own, such as ArgoCd.builder().project(\"shop\"))",
            "platform.cloudnativePg.version: \"0.x\" is not a pinned chart version (use an exact version such as \"0.29.0\", "
                + "so every sync installs the same chart)",
            "platform.cloudnativePg.namespace: \"CNPG\" is not a DNS-1123 label (lower-case letters, digits and '-', starting and "
                + "ending with a letter or digit) (use a namespace such as \"cnpg-system\")",
            "platform.extraKinds[networking.k8s.io/ingress]: \"networking.k8s.io/ingress\" is not group/Kind "
                + "(use allowKind(\"networking.k8s.io\", \"Ingress\"), with \"\" for core kinds)");
  }

  @Test
  void validate_reportsChartRepoUrl_whenItHasTheOciScheme() {
    Kit kit =
        shop(ArgoCd.builder().project("shop").build())
            .platform(
                Platform.builder()
                    .cloudnativePg(
                        HelmChart.of(
                            "oci://ghcr.io/cloudnative-pg/charts",
                            "cloudnative-pg",
                            "0.29.0",
                            "cnpg-system"))
                    .atlasOperator(
                        HelmChart.of(
                            "ghcr.io/ariga/charts", "atlas-operator", "0.7.0", "atlas-operator"))
                    .build())
            .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
            .build();

    assertThat(violations(kit))
        .containsExactly(
            "platform.cloudnativePg.repoUrl: \"oci://ghcr.io/cloudnative-pg/charts\" has the oci://"
                + " scheme, which Argo CD reads as an OCI artifact source that ignores the chart (3.1"
                + " and later) or does not read (before) (write the registry without oci://, such as"
                + " \"ghcr.io/cloudnative-pg/charts\"; a private registry also needs an Argo CD"
                + " repository Secret of type helm with enableOCI \"true\" and its credentials)");
  }

  @Test
  void validate_reportsPlatformProject_whenItIsTheServicesProject() {
    Kit kit =
        shop(ArgoCd.builder().project("shop").build())
            .platform(Platform.builder().project("shop").build())
            .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
            .build();

    assertThat(violations(kit))
        .containsExactly(
            "platform.project: the operators install cluster-wide objects the services' AppProject \"shop\" forbids "
                + "(keep the platform in another project, such as \"default\")");
  }

  @Test
  void validate_leavesTheProjectsNameOut_whenAMessageMayNotQuoteIt() {
    Kit kit =
        shop(ArgoCd.builder().project("shop=hunter2Secret").build())
            .platform(Platform.builder().project("shop=hunter2Secret").build())
            .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
            .build();

    assertThat(violations(kit))
        .contains(
            "platform.project: the operators install cluster-wide objects the services' AppProject"
                + " forbids (keep the platform in another project, such as \"default\")");
    assertThat(String.join("\n", violations(kit))).doesNotContain("hunter2Secret");
  }

  @Test
  void validate_reportsPatchTargets_ofTheOperatorPath() {
    Kit kit =
        shop(ArgoCd.defaults())
            .service(
                "orders",
                s ->
                    s.database(db -> db.storage("1Gi"))
                        .patch(
                            Patch.set(
                                Patch.Target.ATLAS_MIGRATION, "/spec/execOrder", "linear-skip"))
                        .patch(Patch.set(Patch.Target.ATLAS_SCHEMA, "/spec/exclude", List.of("x"))))
            .build();

    assertThat(violations(kit))
        .containsExactly(
            "services[orders].patches[0].target: ATLAS_MIGRATION is not generated for a service without migrations on the operator engine "
                + "(remove the patch, or give the service migrations on the operator engine)",
            "services[orders].patches[1].target: ATLAS_SCHEMA is not generated for a service without a declarative schema "
                + "(remove the patch, or give the service a declarative schema)");
  }
}
