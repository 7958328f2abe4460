package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.model.ArgoCd;
import dev.kit.model.Database;
import dev.kit.model.ExistingDatabase;
import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.PlanetScale;
import dev.kit.model.Platform;
import dev.kit.model.S3Credentials;
import dev.kit.model.Service;
import dev.kit.model.TxMode;
import dev.kit.testing.Validations;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class EnvironmentValidationTest {

  private static final MigrationDirectory ONE_MIGRATION =
      new MigrationDirectory(
          List.of(
              new MigrationFile(
                  "20250101120000_init.sql",
                  "CREATE TABLE orders (id bigint PRIMARY KEY);\n"
                      .getBytes(StandardCharsets.UTF_8))));

  private static Kit.Builder shop() {
    return Kit.builder()
        .repository(
            "shop", r -> r.gitUrl("https://github.com/acme/shop.git").targetRevision("main"))
        .environment("dev", e -> e.destinationServer("https://dev.k8s.acme.io"))
        .environment("prod", e -> e.destinationName("prod-eu").targetRevision("release"));
  }

  private static List<String> violations(Kit kit) {
    return Validations.of(kit, service -> Optional.of(ONE_MIGRATION)).stream()
        .map(Violation::toString)
        .toList();
  }

  private static List<String> orders(UnaryOperator<Service.Builder> orders) {
    return violations(
        shop().service("orders", s -> orders.apply(s.database(db -> db.storage("5Gi")))).build());
  }

  @Test
  void validate_namesTheEnvironmentInThePath_whenOnlyAnOverrideIsWrong() {
    assertThat(orders(s -> s.in("prod", p -> p.database(db -> db.instances(0)))))
        .containsExactly(
            "environments[prod].services[orders].database.instances: 0 is less than 1 "
                + "(use 1 for a single instance, 3 for a primary and two replicas)");
  }

  @Test
  void validate_reportsOnce_whenTheServiceIsWrongInEveryEnvironment() {
    assertThat(
            orders(s -> s.database(db -> db.instances(0)).in("prod", p -> p.label("tier", "gold"))))
        .containsExactly(
            "services[orders].database.instances: 0 is less than 1 (use 1 for a single instance, 3 for a primary and two replicas)");
  }

  @Test
  void validate_rejectsAnOverride_ofAnEnvironmentThatDoesNotExist() {
    assertThat(orders(s -> s.in("staging", p -> p.database(db -> db.instances(3)))))
        .containsExactly(
            "environments[staging].services[orders]: overrides environment \"staging\", but it declares dev, prod "
                + "(declare it with Kit.builder().environment(\"staging\", e -> ...) or remove in(\"staging\", ...))");
  }

  @Test
  void validate_rejectsOnlyIn_anEnvironmentThatDoesNotExist() {
    assertThat(orders(s -> s.onlyIn("qa")))
        .containsExactly(
            "services[orders].onlyIn: names environment \"qa\", but it declares dev, prod "
                + "(declare it with Kit.builder().environment(\"qa\", e -> ...) or remove it from onlyIn(...))");
  }

  @Test
  void validate_rejectsOverrides_whenTheDescriptionHasNoEnvironments() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders",
                s ->
                    s.database(db -> db.storage("5Gi"))
                        .in("prod", p -> p.database(db -> db.instances(3))))
            .build();
    assertThat(violations(kit))
        .containsExactly(
            "environments[prod].services[orders]: overrides environment \"prod\", but the description declares none "
                + "(declare it with Kit.builder().environment(\"prod\", e -> ...) or remove in(\"prod\", ...))");
  }

  @Test
  void validate_rejectsAnOverride_thatMakesTheMigrationHistoryDiffer() {
    assertThat(
            orders(
                s ->
                    s.in(
                        "prod",
                        p ->
                            p.migrations(m -> m.baseline("20250101120000").txMode(TxMode.NONE))
                                .database(db -> db.postgresMajor(16))
                                .patch(
                                    Patch.set(
                                        Patch.Target.MIGRATIONS_CONFIGMAP,
                                        "/data/extra.sql",
                                        "SELECT 1;")))))
        .containsExactly(
            "environments[prod].services[orders].migrations.baseline: differs from the service's own (\"20250101120000\" here, "
                + "none in the other environments), so the migration history would differ between environments (set it on "
                + "the service for every environment, not in in(\"prod\", ...): every environment applies the same migration "
                + "files with the same atlas.sum)",
            "environments[prod].services[orders].migrations.txMode: differs from the service's own (NONE here, none in the "
                + "other environments), so the migration history would differ between environments (set it on the service "
                + "for every environment, not in in(\"prod\", ...): every environment applies the same migration files with "
                + "the same atlas.sum)",
            "environments[prod].services[orders].database.postgresMajor: differs from the service's own (16 here, 17 in the "
                + "other environments), so the migration history would differ between environments (set it on the service "
                + "for every environment, not in in(\"prod\", ...): every environment applies the same migration files with "
                + "the same atlas.sum)",
            "environments[prod].services[orders].patches: differs from the service's own (1 ConfigMap patch here, 0 ConfigMap "
                + "patches in the other environments), so the migration history would differ between environments (set it on "
                + "the service for every environment, not in in(\"prod\", ...): every environment applies the same migration "
                + "files with the same atlas.sum)");
  }

  @Test
  void validate_rejectsAnOverride_ofTheRolesTheMigrationsGrantTo_butNotOfTheirSettings() {
    assertThat(
            orders(
                s ->
                    s.database(db -> db.storage("5Gi").role("readers", r -> r))
                        .in(
                            "prod",
                            p ->
                                p.database(
                                    db ->
                                        db.role("readers", r -> r.connectionLimit(20))
                                            .dropRole("legacy_etl")))
                        .in("dev", d -> d.database(db -> db.withoutRole("readers")))))
        .containsExactly(
            "environments[dev].services[orders].database.roles: differs from the service's own"
                + " (none here, \"readers\" in the other environments), so the migration history would"
                + " differ between environments (set it on the service for every environment, not"
                + " in in(\"dev\", ...): every environment applies the same migration files with"
                + " the same atlas.sum)");
  }

  @Test
  void validate_rejectsAnOverride_ofTheExtensionsOrSchemasTheMigrationsRelyOn() {
    assertThat(
            orders(
                s ->
                    s.database(db -> db.storage("5Gi").extension("vector"))
                        .in(
                            "dev",
                            d -> d.database(db -> db.extension("pg_trgm").schema("reporting")))))
        .extracting(v -> v.substring(0, v.indexOf(':')))
        .containsExactly(
            "environments[dev].services[orders].database.extensions",
            "environments[dev].services[orders].database.schemas");
  }

  /**
   * The violations of orders on an existing database (Secret orders-db at orders.db.acme.internal,
   * then {@code own}), its database overridden in prod by {@code prod}.
   */
  private static List<String> existingOrdersOverriddenInProd(
      UnaryOperator<ExistingDatabase.Builder> own, UnaryOperator<Database.Builder> prod) {
    return violations(
        shop()
            .service(
                "orders",
                s ->
                    s.database(
                            db ->
                                db.bootstrap("orders", "orders_owner")
                                    .existing(
                                        e ->
                                            own.apply(
                                                e.secret("orders-db")
                                                    .host("orders.db.acme.internal"))))
                        .in("prod", p -> p.database(prod)))
            .build());
  }

  @Test
  void validate_rejectsAnOverride_thatMovesTheDatabaseToAnotherProvider() {
    assertThat(
            existingOrdersOverriddenInProd(
                e -> e, db -> db.planetScale(ps -> ps.organization("acme").database("shop"))))
        .contains(
            "environments[prod].services[orders].database.host: differs from the service's own (\"PlanetScale Postgres\" here, "
                + "\"an existing database\" in the other environments), so the migration history would differ between "
                + "environments (set it on the service for every environment, not in in(\"prod\", ...): every environment "
                + "applies the same migration files with the same atlas.sum)");
  }

  @Test
  void validate_rejectsAnOverride_ofTheSecretOrCaTheMigrationsConnectWith() {
    assertThat(
            existingOrdersOverriddenInProd(
                e -> e,
                db ->
                    db.existing(
                        e ->
                            e.secret("orders-prod-db")
                                .host("orders.db.acme.internal")
                                .ca("acme-db-ca", "ca.pem"))))
        .extracting(v -> v.substring(0, v.indexOf(':')))
        .containsExactly(
            "environments[prod].services[orders].database.existing.secret",
            "environments[prod].services[orders].database.existing.ca");
  }

  @Test
  void validate_neverShowsAUrl_inAnOverriddenSecretName() {
    List<String> found =
        existingOrdersOverriddenInProd(
            e -> e,
            db ->
                db.existing(
                    e ->
                        e.secret("postgresql://o:S3cr3t@db/orders")
                            .host("orders.db.acme.internal")));

    assertThat(found).isNotEmpty().noneMatch(v -> v.contains("S3cr3t"));
    assertThat(found)
        .anyMatch(
            v ->
                v.startsWith(
                    "environments[prod].services[orders].database.existing.secret: differs from the service's own "
                        + "(a connection string, not shown as it may carry a password here, \"orders-db\" in the other environments)"));
  }

  @Test
  void validate_neverShowsAToken_inAnOverriddenSecretOrCa() {
    String token = "ghp_" + "A".repeat(36);
    List<String> found =
        existingOrdersOverriddenInProd(
            e -> e,
            db ->
                db.existing(
                    e ->
                        e.secret(token)
                            .host("orders.db.acme.internal")
                            .ca("acme-db-ca", "AKIA" + "IOSFODNN7EXAMPLE")));

    assertThat(String.join("\n", found)).doesNotContain(token).doesNotContain("AKIAIOSFODNN7");
    assertThat(found)
        .contains(
            "environments[prod].services[orders].database.existing.secret: differs from the service's"
                + " own (a value (not shown, as it may hold a credential) here, \"orders-db\" in the"
                + " other environments), so the migration history would differ between environments"
                + " (set it on the service for every environment, not in in(\"prod\", ...): every"
                + " environment applies the same migration files with the same atlas.sum)");
  }

  @Test
  void validate_neverShowsAKeywordConnectionString_inAnOverriddenSecretOrCa() {
    List<String> found =
        existingOrdersOverriddenInProd(
            e -> e.ca("acme-db-ca", "ca.pem"),
            db ->
                db.existing(
                    e ->
                        e.secret("user=app password=hunter2Secret")
                            .host("orders.db.acme.internal")
                            .ca("password=hunter2Secret", "ca.pem")));

    assertThat(found)
        .filteredOn(v -> v.startsWith("environments[prod]"))
        .containsExactly(
            "environments[prod].services[orders].database.existing.secret: differs from the service's own (a connection "
                + "string, not shown as it may carry a password here, \"orders-db\" in the other environments), so the "
                + "migration history would differ between environments (set it on the service for every environment, "
                + "not in in(\"prod\", ...): every environment applies the same migration files with the same atlas.sum)",
            "environments[prod].services[orders].database.existing.ca: differs from the service's own (a connection "
                + "string, not shown as it may carry a password here, \"acme-db-ca\" with a key (not shown, as it may hold a credential) in the other "
                + "environments), so the migration history would differ between environments (set it on the service for "
                + "every environment, not in in(\"prod\", ...): every environment applies the same migration files with "
                + "the same atlas.sum)",
            "environments[prod].services[orders].database.existing.secret: holds a connection string, not shown as it "
                + "may carry a password (put the URL in key `uri` of the Secret, and pass the Secret's name here, such as "
                + "\"orders-db\")",
            "environments[prod].services[orders].database.existing.ca.secret: holds a connection string, not shown as "
                + "it may carry a password (pass the name of the Secret with the CA certificate; a URL belongs in key "
                + "`uri` of the Secret)");
    assertThat(String.join("\n", found)).doesNotContain("hunter2Secret");
  }

  @Test
  void validate_acceptsAnOverride_ofTheExistingDatabasesHostAndPort() {
    assertThat(
            violations(
                shop()
                    .service(
                        "orders",
                        s ->
                            s.database(
                                    db ->
                                        db.bootstrap("orders", "orders_owner")
                                            .existing(
                                                e ->
                                                    e.secret("orders-db")
                                                        .host("orders.dev.acme.internal")))
                                .in(
                                    "prod",
                                    p ->
                                        p.database(
                                            db ->
                                                db.existing(
                                                    e ->
                                                        e.secret("orders-db")
                                                            .host("orders.db.acme.internal")
                                                            .port(6432)))))
                    .build()))
        .isEmpty();
  }

  @Test
  void validate_rejectsTwoEnvironments_onOnePlanetScaleBranch() {
    assertThat(
            violations(
                shop()
                    .service(
                        "orders",
                        s ->
                            s.database(
                                db ->
                                    db.planetScale(ps -> ps.organization("acme").database("shop"))))
                    .build()))
        .containsExactly(
            "environments[prod].services[orders].database.planetScale.branch: \"acme/shop/main\" is also environment "
                + "\"dev\"'s, and each environment's module creates and owns its branch (give each environment its own branch: "
                + "in(\"prod\", p -> p.database(db -> db.planetScale(ps -> ps.branch(\"prod\")))), or onlyIn(...) one environment)");
  }

  @Test
  void validate_reportsOnlyTheDuplicate_whenAPlanetScaleEnvironmentIsDeclaredTwice() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .environment("dev", e -> e.destinationServer("https://dev.k8s.acme.io"))
            .environment("dev", e -> e.destinationServer("https://dev.k8s.acme.io"))
            .service(
                "orders",
                s ->
                    s.database(
                        db -> db.planetScale(ps -> ps.organization("acme").database("shop"))))
            .build();
    assertThat(violations(kit))
        .containsExactly(
            "environments[dev]: is declared twice (give each environment its own name)");
  }

  /** orders on PlanetScale with a daily backup policy, dev on a branch of its own. */
  private static Service.Builder ordersWithBackupPolicy(Service.Builder s) {
    return s.database(
            db ->
                db.planetScale(
                    ps ->
                        ps.organization("acme")
                            .database("shop")
                            .backupPolicy(p -> p.every(1, PlanetScale.BackupPolicy.Unit.DAY))))
        .in("dev", d -> d.database(db -> db.planetScale(ps -> ps.branch("dev"))));
  }

  @Test
  void validate_rejectsOneBackupPolicy_declaredByTwoEnvironmentsModules() {
    assertThat(violations(shop().service("orders", s -> ordersWithBackupPolicy(s)).build()))
        .containsExactly(
            "environments[prod].services[orders].database.planetScale.backupPolicy: backup policy \"kit\" of database "
                + "\"acme/shop\" is also environment \"dev\"'s, and a backup policy belongs to the database, not a branch, "
                + "so two environments' modules would own it (declare backupPolicy(...) in one environment's in(...) only, "
                + "and leave it out here: in(\"prod\", p -> p.database(db -> db.planetScale(ps -> ps.withoutBackupPolicy()))))");
  }

  @Test
  void validate_acceptsOneBackupPolicy_whenTheOtherEnvironmentLeavesItOut() {
    assertThat(
            violations(
                shop()
                    .service(
                        "orders",
                        s ->
                            ordersWithBackupPolicy(s)
                                .in(
                                    "dev",
                                    d ->
                                        d.database(
                                            db -> db.planetScale(ps -> ps.withoutBackupPolicy()))))
                    .build()))
        .isEmpty();
  }

  @Test
  void validate_rejectsOneBackupPolicy_declaredByAnotherServiceInAnotherEnvironment() {
    assertThat(
            violations(
                shop()
                    .service(
                        "orders",
                        s ->
                            s.onlyIn("dev")
                                .database(db -> db.planetScale(ps -> shopBranch(ps, "orders")))
                                .in(
                                    "dev",
                                    d ->
                                        d.database(
                                            db ->
                                                db.planetScale(
                                                    ps -> ps.backupPolicy(p -> p.at("02:00"))))))
                    .service(
                        "payments",
                        s ->
                            s.onlyIn("prod")
                                .database(db -> db.planetScale(ps -> shopBranch(ps, "payments")))
                                .in(
                                    "prod",
                                    d ->
                                        d.database(
                                            db ->
                                                db.planetScale(
                                                    ps -> ps.backupPolicy(p -> p.at("03:00"))))))
                    .build()))
        .containsExactly(
            "environments[prod].services[payments].database.planetScale.backupPolicy: backup policy \"kit\" of database "
                + "\"acme/shop\" is also environment \"dev\"'s (service \"orders\"), and a backup policy belongs to the "
                + "database, not a branch, so two environments' modules would own it (declare backupPolicy(...) in one "
                + "environment's in(...) only, and leave it out here: in(\"prod\", p -> p.database(db -> db.planetScale(ps -> "
                + "ps.withoutBackupPolicy()))))");
  }

  @Test
  void validate_reportsOneBackupPolicyOfTwoServicesOnce_whenBothDeclareItAsWritten() {
    assertThat(
            violations(
                shop()
                    .service(
                        "orders",
                        s ->
                            s.onlyIn("dev")
                                .database(
                                    db ->
                                        db.planetScale(
                                            ps ->
                                                shopBranch(ps, "orders")
                                                    .backupPolicy(p -> p.at("02:00")))))
                    .service(
                        "payments",
                        s ->
                            s.onlyIn("prod")
                                .database(
                                    db ->
                                        db.planetScale(
                                            ps ->
                                                shopBranch(ps, "payments")
                                                    .backupPolicy(p -> p.at("03:00")))))
                    .build()))
        .containsExactly(
            "services[payments].database.planetScale.backupPolicy: backup policy \"kit\" of database \"acme/shop\" is "
                + "also declared by service \"orders\", and a backup policy belongs to the database, not a branch (declare "
                + "it in one service only, or name this one: backupPolicy(p -> p.name(\"payments\")))");
  }

  private static PlanetScale.Builder shopBranch(PlanetScale.Builder ps, String branch) {
    return ps.organization("acme").database("shop").branch(branch);
  }

  @Test
  void validate_rejectsTwoEnvironments_onOneAdoptedBranch_withAFixThatCreatesTheOther() {
    assertThat(
            violations(
                shop()
                    .service(
                        "orders",
                        s ->
                            s.database(
                                db ->
                                    db.planetScale(
                                        ps ->
                                            ps.organization("acme")
                                                .database("shop")
                                                .adoptBranch("ru00w3vqvfr9"))))
                    .build()))
        .containsExactly(
            "environments[prod].services[orders].database.planetScale.branch: \"acme/shop/main\" is also environment "
                + "\"dev\"'s, and each environment's module creates and owns its branch (give each environment its own branch: "
                + "in(\"prod\", p -> p.database(db -> db.planetScale(ps -> ps.branch(\"prod\").createBranch()))), or onlyIn(...) one"
                + " environment)");
  }

  @Test
  void validate_neverShowsACredential_adoptedAsTwoEnvironmentsBranches() {
    String token = "pscale_tkn_" + "aB3".repeat(14);
    UnaryOperator<PlanetScale.Builder> adopted =
        ps -> ps.organization("acme").database("shop").adoptBranch(token);
    List<String> found =
        violations(
            shop()
                .service(
                    "orders",
                    s ->
                        s.database(db -> db.planetScale(adopted))
                            .in(
                                "dev",
                                p ->
                                    p.database(
                                        db ->
                                            db.planetScale(
                                                ps -> ps.branch("dev").production(false)))))
                .build());
    assertThat(found)
        .contains(
            "environments[prod].services[orders].database.planetScale.adoptBranch: the same branch ID"
                + " (not shown, as it may hold a credential) of database \"acme/shop\" is adopted as"
                + " branch \"main\" here and as \"dev\" in environment \"dev\", and an ID names one branch"
                + " (keep adoptBranch(...) in the environment whose branch it is, and add createBranch()"
                + " to the other's in(...) so that its module creates its own branch: in(\"prod\", p ->"
                + " p.database(db -> db.planetScale(ps -> ps.createBranch()))) or in(\"dev\", ...))");
    assertThat(String.join("\n", found)).doesNotContain("pscale_tkn");
  }

  @Test
  void validate_rejectsAnAdoptedBranchInherited_byAnotherEnvironmentsBranch() {
    UnaryOperator<PlanetScale.Builder> adopted =
        ps -> ps.organization("acme").database("shop").adoptBranch("ru00w3vqvfr9");
    assertThat(
            violations(
                shop()
                    .service(
                        "orders",
                        s ->
                            s.database(db -> db.planetScale(adopted))
                                .in(
                                    "dev",
                                    p ->
                                        p.database(
                                            db ->
                                                db.planetScale(
                                                    ps -> ps.branch("dev").production(false)))))
                    .build()))
        .containsExactly(
            "environments[prod].services[orders].database.planetScale.adoptBranch: branch ID \"ru00w3vqvfr9\" of"
                + " database \"acme/shop\" is adopted as branch \"main\" here and as \"dev\" in environment \"dev\","
                + " and an ID names one branch (keep adoptBranch(...) in the environment whose branch it is, and add"
                + " createBranch() to the other's in(...) so that its module creates its own branch: in(\"prod\", p ->"
                + " p.database(db -> db.planetScale(ps -> ps.createBranch()))) or in(\"dev\", ...))");
    assertThat(
            violations(
                shop()
                    .service(
                        "orders",
                        s ->
                            s.database(db -> db.planetScale(adopted))
                                .in(
                                    "dev",
                                    p ->
                                        p.database(
                                            db ->
                                                db.planetScale(
                                                    ps ->
                                                        ps.branch("dev")
                                                            .createBranch()
                                                            .parentBranch("main")
                                                            .production(false)))))
                    .build()))
        .isEmpty();
  }

  @Test
  void validate_acceptsAPlanetScaleBranch_perEnvironment() {
    assertThat(
            violations(
                shop()
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
                                                db.planetScale(
                                                    ps ->
                                                        ps.branch("main")
                                                            .production(true)
                                                            .clusterSize("PS_10_AWS_ARM")))))
                    .build()))
        .isEmpty();
  }

  @Test
  void validate_acceptsOverrides_ofSizingBackupsAppAndPatches() {
    assertThat(
            orders(
                s ->
                    s.app("ghcr.io/acme/orders:1.4.0", a -> a)
                        .in(
                            "prod",
                            p ->
                                p.database(
                                        db ->
                                            db.instances(3)
                                                .storage("50Gi")
                                                .pooler(pooler -> pooler.instances(2))
                                                .backups(
                                                    "s3://acme/orders/",
                                                    b ->
                                                        b.credentials(
                                                                S3Credentials
                                                                    .inheritFromPodIdentity())
                                                            .schedule("0 0 2 * * *")))
                                    .app(a -> a.image("ghcr.io/acme/orders:1.3.0").replicas(4))
                                    .monitoring(m -> m.selectorLabel("release", "prometheus"))
                                    .patch(
                                        Patch.set(
                                            Patch.Target.CLUSTER,
                                            "/spec/primaryUpdateStrategy",
                                            "supervised")))))
        .isEmpty();
  }

  @Test
  void validate_namesTheSharedServerWithoutShowingIt_whenItsUrlHasAQuery() {
    String server = "https://k8s.example.com?session=abc123secret";
    Kit kit =
        Kit.builder()
            .repository(
                "shop", r -> r.gitUrl("https://github.com/acme/shop.git").targetRevision("main"))
            .environment("dev", e -> e.destinationServer(server))
            .environment("staging", e -> e.destinationServer(server))
            .service("orders", s -> s.database(db -> db.storage("5Gi")))
            .build();
    List<String> violations = violations(kit);
    assertThat(violations)
        .containsExactly(
            "environments[staging].services[orders].namespace: service \"orders\" is in namespace"
                + " \"orders\" on server URL (not shown, as it may hold a credential) here and in"
                + " environment \"dev\", so two Argo CD Applications would own its objects (give"
                + " environment \"staging\" namespaces of its own with"
                + " namespaceRule(\"{namespace}-staging\"), or another destinationServer or"
                + " destinationName)");
    assertThat(String.join("\n", violations)).doesNotContain("abc123secret");
  }

  @Test
  void validate_refusesWithoutShowingIt_aDestinationServerWithCredentials() {
    String server = "https://admin:hunter2Secret@k8s.acme.io:6443";
    Kit kit =
        Kit.builder()
            .repository(
                "shop", r -> r.gitUrl("https://github.com/acme/shop.git").targetRevision("main"))
            .environment("dev", e -> e.destinationServer(server))
            .environment("staging", e -> e.destinationServer(server))
            .service("orders", s -> s.database(db -> db.storage("5Gi")))
            .build();
    List<String> violations = violations(kit);
    assertThat(violations)
        .containsExactly(
            "environments[dev].destinationServer: contains credentials (remove them; Argo CD reads cluster credentials "
                + "from a cluster Secret)",
            "environments[staging].destinationServer: contains credentials (remove them; Argo CD reads cluster "
                + "credentials from a cluster Secret)",
            "environments[staging].services[orders].namespace: service \"orders\" is in namespace \"orders\" on server "
                + "URL (not shown, as it may hold a credential) here and in environment \"dev\", so two Argo CD Applications would "
                + "own its objects (give environment \"staging\" namespaces of its own with "
                + "namespaceRule(\"{namespace}-staging\"), or another destinationServer or destinationName)");
    assertThat(String.join("\n", violations)).doesNotContain("hunter2Secret");
  }

  @Test
  void validate_showsNoClusterOrNamespaceAMessageMayNotQuote_whenTwoEnvironmentsShareThem() {
    String cluster = "token=clusterSecret";
    Kit kit =
        Kit.builder()
            .repository(
                "shop", r -> r.gitUrl("https://github.com/acme/shop.git").targetRevision("main"))
            .environment("dev", e -> e.destinationName(cluster))
            .environment("staging", e -> e.destinationName(cluster))
            .service(
                "orders", s -> s.namespace("password=nsSecret").database(db -> db.storage("5Gi")))
            .build();
    List<String> violations = violations(kit);
    assertThat(violations)
        .contains(
            "environments[staging].services[orders].namespace: service \"orders\" is in the"
                + " namespace (not shown, as it may hold a credential) on the cluster (not shown, as"
                + " it may hold a credential) here and in environment \"dev\", so two Argo CD"
                + " Applications would own its objects (give environment \"staging\" namespaces of"
                + " its own with namespaceRule(\"{namespace}-staging\"), or another destinationServer"
                + " or destinationName)");
    assertThat(String.join("\n", violations)).doesNotContain("clusterSecret", "nsSecret");
  }

  @Test
  void validate_refusesWithoutShowingIt_theRepositorysDestinationServerWithCredentials() {
    Kit kit =
        Kit.builder()
            .repository(
                "shop",
                r ->
                    r.gitUrl("https://github.com/acme/shop.git")
                        .argoCd(
                            ArgoCd.builder()
                                .destinationServer("https://admin:hunter2Secret@k8s.acme.io:6443")
                                .build()))
            .environment("dev", e -> e)
            .environment("staging", e -> e)
            .service("orders", s -> s.database(db -> db.storage("5Gi")))
            .build();
    List<String> violations = violations(kit);
    assertThat(violations)
        .containsExactly(
            "repository.argoCd.destinationServer: contains credentials (remove them; Argo CD reads cluster "
                + "credentials from a cluster Secret)",
            "environments[staging].services[orders].namespace: service \"orders\" is in namespace \"orders\" on the "
                + "repository's server URL (not shown, as it may hold a credential) here and in environment \"dev\", so two "
                + "Argo CD Applications would own its objects (give environment \"staging\" namespaces of its own with "
                + "namespaceRule(\"{namespace}-staging\"), or another destinationServer or destinationName)");
    assertThat(String.join("\n", violations)).doesNotContain("hunter2Secret");
  }

  @Test
  void validate_neverShowsAnEnvironmentsName_whenAMessageMayNotQuoteIt() {
    String name = "password=hunter2Secret";
    Kit kit =
        Kit.builder()
            .repository(
                "shop",
                r ->
                    r.gitUrl("https://github.com/acme/shop.git")
                        .argoCd(ArgoCd.builder().project("shop").build()))
            .platform(Platform.defaults())
            .environment("dev", e -> e)
            .environment(
                name,
                e ->
                    e.namespaceRule("prod")
                        .label("app.kubernetes.io/part-of", "other")
                        .label("tier", "a b"))
            .service("orders", s -> s.database(db -> db.storage("5Gi")).onlyIn("token=abc"))
            .build();
    List<String> violations = violations(kit);
    assertThat(violations)
        .containsExactly(
            "environments: the value (not shown, as it may hold a credential) is 22 characters,"
                + " more than 20 (name it like \"dev\", \"staging\" or \"prod\": it names folders"
                + " and ends Argo CD object names)",
            "environments.namespaceRule: \"prod\" does not contain {namespace} (put every service"
                + " in a namespace of its own, such as \"{namespace}-dev\")",
            "environments.labels[app.kubernetes.io/part-of]: is a label kit sets itself (remove it"
                + " from the environment's labels, or use a label key of your own)",
            "environments.labels[tier]: \"a b\" is not a label value (up to 63 letters, digits,"
                + " '-', '_' or '.', starting and ending with a letter or digit) (use a label value"
                + " such as \"dev\")",
            "environments.project: \"shop\" is also environment \"dev\"'s, and each environment's"
                + " platform writes its own AppProject of that name (set another project(...))",
            "services[orders].onlyIn: names environment of that name (not shown, as it may hold a"
                + " credential), but it declares dev, and 1 whose name is not shown (declare it with"
                + " Kit.builder().environment(...) or remove it from onlyIn(...))");
    assertThat(String.join("\n", violations)).doesNotContain("hunter2Secret");
  }

  @Test
  void validate_countsTheEnvironmentsItMayNotName_whenNoDeclaredNameIsShown() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .environment("password=hunter2Secret", e -> e)
            .environment("token=abc", e -> e)
            .service("orders", s -> s.database(db -> db.storage("5Gi")).onlyIn("stagign"))
            .build();

    List<String> onlyIn =
        violations(kit).stream().filter(v -> v.startsWith("services[orders].onlyIn")).toList();
    assertThat(onlyIn)
        .containsExactly(
            "services[orders].onlyIn: names environment \"stagign\", but it declares 2 whose names"
                + " are not shown (declare it with Kit.builder().environment(\"stagign\", e -> ...)"
                + " or remove it from onlyIn(...))");
    assertThat(String.join("\n", violations(kit))).doesNotContain("hunter2Secret", "token=abc");
  }

  @Test
  void validate_namesTheEnvironment_whenItsDestinationOrRevisionIsWrong() {
    Kit kit =
        Kit.builder()
            .repository(
                "shop",
                r ->
                    r.gitUrl("https://github.com/acme/shop.git")
                        .argoCd(ArgoCd.builder().project("shop").build()))
            .platform(Platform.defaults())
            .environment("dev", e -> e.destinationServer("http://dev").destinationName("dev"))
            .environment("Prod", e -> e.targetRevision("a b").namespaceRule("prod"))
            .environment("dev", e -> e)
            .service("orders", s -> s.database(db -> db.storage("5Gi")))
            .build();
    assertThat(violations(kit))
        .containsExactly(
            "environments[dev].destinationName: is set together with destinationServer (set one: Argo CD refuses an "
                + "Application whose destination has both)",
            "environments[dev].destinationServer: \"http://dev\" is not an https URL without credentials (use the cluster's "
                + "API server URL, such as \"https://prod.k8s.acme.io\")",
            "environments[Prod]: \"Prod\" "
                + "is not a DNS-1035 label (lower-case letters, digits and '-', starting with a "
                + "letter and ending with a letter or digit) (name it like \"dev\", \"staging\" or \"prod\": it names folders "
                + "and ends Argo CD object names)",
            "environments[Prod].targetRevision: \"a b\" is not a Git revision (use a branch, tag or commit such as \"release\")",
            "environments[Prod].namespaceRule: \"prod\" does not contain {namespace} (put every service in a namespace of its "
                + "own, such as \"{namespace}-Prod\")",
            "environments[Prod].project: \"shop\" is also environment \"dev\"'s, and each environment's platform writes its "
                + "own AppProject of that name (set project(\"shop-Prod\"))",
            "environments[dev]: is declared twice (give each environment its own name)");
  }

  @Test
  void validate_rejectsTwoEnvironments_puttingAServiceInOneNamespaceOfOneCluster() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .environment("dev", e -> e)
            .environment("staging", e -> e.destinationName("shared"))
            .environment("qa", e -> e.destinationName("shared").namespaceRule("{namespace}-qa"))
            .environment("prod", e -> e.destinationServer("https://kubernetes.default.svc"))
            .service("orders", s -> s.database(db -> db.storage("5Gi")))
            .service("billing", s -> s.database(db -> db.storage("5Gi")).onlyIn("dev"))
            .build();
    assertThat(violations(kit))
        .containsExactly(
            "environments[prod].services[orders].namespace: service \"orders\" is in namespace \"orders\" on server "
                + "\"https://kubernetes.default.svc\" here and in environment \"dev\", so two Argo CD Applications would "
                + "own its objects (give environment \"prod\" namespaces of its own with "
                + "namespaceRule(\"{namespace}-prod\"), or another destinationServer or destinationName)");
  }

  @Test
  void validate_namesTheOtherEnvironmentInTheFix_whenThisOnesNamespaceRuleIsTheSuggestion() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .environment("dev", e -> e.destinationName("shared").namespaceRule("{namespace}-prod"))
            .environment("prod", e -> e.destinationName("shared").namespaceRule("{namespace}-prod"))
            .service("orders", s -> s.database(db -> db.storage("5Gi")))
            .build();
    assertThat(violations(kit))
        .containsExactly(
            "environments[prod].services[orders].namespace: service \"orders\" is in namespace \"orders-prod\" on "
                + "cluster \"shared\" here and in environment \"dev\", so two Argo CD Applications would own its "
                + "objects (give environment \"dev\" namespaces of its own with namespaceRule(\"{namespace}-dev\"), "
                + "or another destinationServer or destinationName)");
  }

  @Test
  void validate_rejectsTwoEnvironments_onOneCluster_whenTheKitHasAPlatform() {
    Kit kit =
        Kit.builder()
            .repository(
                "shop",
                r ->
                    r.gitUrl("https://github.com/acme/shop.git")
                        .argoCd(ArgoCd.builder().project("shop").build()))
            .platform(Platform.defaults())
            .environment("dev", e -> e.project("shop-dev").namespaceRule("{namespace}-dev"))
            .environment("prod", e -> e.project("shop-prod"))
            .environment("staging", e -> e.destinationName("prod-eu").project("shop-staging"))
            .environment("eu", e -> e.destinationName("prod-eu").project("shop-eu"))
            .service("orders", s -> s.database(db -> db.storage("5Gi")))
            .build();
    assertThat(violations(kit))
        .containsExactly(
            "environments[prod].destinationServer: the repository's server \"https://kubernetes.default.svc\" is also "
                + "environment \"dev\"'s, and kit installs the platform's operators once per environment, so two Argo "
                + "CD Applications would install each operator's release there (give each environment its own cluster: "
                + "set destinationServer or destinationName in environment \"prod\")",
            "environments[eu].destinationName: cluster \"prod-eu\" is also environment \"staging\"'s, and kit "
                + "installs the platform's operators once per environment, so two Argo CD Applications would install "
                + "each operator's release there (give each environment its own cluster: set destinationServer or "
                + "destinationName in environment \"eu\")");
  }

  @Test
  void validate_namesTheValueAndTheFix_whenAnEnvironmentsClusterProjectOrLabelIsNotAName() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .environment(
                "dev",
                e -> e.destinationName("Dev_Cluster").project("shop dev").label("-tier", "a b"))
            .service("orders", s -> s.database(db -> db.storage("5Gi")))
            .build();
    String notAKey =
        "is not a label key (an optional DNS prefix and '/', then up to 63 letters, digits, '-', '_'"
            + " or '.', starting and ending with a letter or digit)";
    String notAValue =
        "is not a label value (up to 63 letters, digits, '-', '_' or '.', starting and ending with a"
            + " letter or digit)";
    assertThat(violations(kit))
        .containsExactly(
            "environments[dev].destinationName: \"Dev_Cluster\" is not a DNS-1123 subdomain (lower-case"
                + " letters, digits, '-' and '.') (use the cluster's name in Argo CD)",
            "environments[dev].project: \"shop dev\" is not a DNS-1123 subdomain (lower-case letters,"
                + " digits, '-' and '.') (use the name of an Argo CD AppProject)",
            "environments[dev].labels: \"-tier\" "
                + notAKey
                + " (use a label key such as \"tier\")",
            // Once, under the environment: not again under each service that the label reaches.
            "environments[dev].labels[-tier]: \"a b\" "
                + notAValue
                + " (use a label value such as \"dev\")");
  }

  @Test
  void validate_reportsAReservedLabelOnce_underTheEnvironmentThatSetsIt() {
    Kit kit =
        shop()
            .environment(
                "staging",
                e ->
                    e.destinationServer("https://staging.k8s.acme.io")
                        .label("app.kubernetes.io/part-of", "other"))
            .service("orders", s -> s.database(db -> db.storage("5Gi")))
            .service("payments", s -> s.database(db -> db.storage("5Gi")))
            .build();

    assertThat(violations(kit))
        .containsExactly(
            "environments[staging].labels[app.kubernetes.io/part-of]: is a label kit sets itself "
                + "(remove it from environment \"staging\"'s labels, or use a label key of your own)");
  }

  @Test
  void validate_reportsAServicesOwnReservedLabel_underTheService_whenTheEnvironmentSetsItToo() {
    Kit kit =
        shop()
            .environment(
                "staging",
                e ->
                    e.destinationServer("https://staging.k8s.acme.io")
                        .label("app.kubernetes.io/part-of", "other"))
            .service(
                "orders",
                s ->
                    s.database(db -> db.storage("5Gi"))
                        .in("staging", st -> st.label("app.kubernetes.io/part-of", "mine")))
            .build();

    assertThat(violations(kit))
        .containsExactly(
            "environments[staging].labels[app.kubernetes.io/part-of]: is a label kit sets itself "
                + "(remove it from environment \"staging\"'s labels, or use a label key of your own)",
            "environments[staging].services[orders].labels[app.kubernetes.io/part-of]: is a label kit"
                + " sets itself (remove it, or use a label key of your own)");
  }

  @Test
  void validate_checksTheNamespaceRule_throughEachService() {
    assertThat(
            violations(
                Kit.builder()
                    .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
                    .environment("dev", e -> e.namespaceRule("{namespace}_dev"))
                    .service("orders", s -> s.database(db -> db.storage("5Gi")))
                    .build()))
        .anySatisfy(
            v ->
                assertThat(v)
                    .startsWith("environments[dev].services[orders].namespace: \"orders_dev\""));
  }

  @Test
  void validate_namesTheEnvironment_whenAPatchOnlyThereDoesNotFit() {
    Kit kit =
        shop()
            .service(
                "orders",
                s ->
                    s.database(db -> db.storage("5Gi"))
                        .in(
                            "prod",
                            p -> p.patch(Patch.remove(Patch.Target.CLUSTER, "/spec/nothing/here"))))
            .build();
    assertThatThrownBy(() -> Validations.validated(kit, Map.of("orders", ONE_MIGRATION)))
        .isInstanceOf(KitValidationException.class)
        .hasMessageContaining(
            "  - environments[prod].services[orders].patches[0]: cannot remove /spec/nothing/here on the CLUSTER")
        .hasMessageContaining(
            "check the path against the object in services/orders/envs/prod/manifests/database/cluster.yaml");
  }

  @Test
  void build_namesTheEnvironment_whenAnOverrideChangesWhatTheServiceLacks() {
    assertThatThrownBy(
            () ->
                Service.builder("orders")
                    .database(db -> db.storage("5Gi"))
                    .in("dev", d -> d.app(a -> a.replicas(2)))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Service.builder(\"orders\").in(\"dev\", ...): Service.builder(\"orders\").app(customizer): no app to"
                + " change; use app(image, customizer) to add one");
  }

  @Test
  void build_refusesInsideAnOverride_anotherOverride() {
    assertThatThrownBy(
            () ->
                Service.builder("orders")
                    .database(db -> db.storage("5Gi"))
                    .in("prod", p -> p.in("dev", d -> d))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Service.builder(\"orders\").in(\"prod\", ...): an override cannot call in(...) or onlyIn(...); "
                + "call them on the service itself");
  }

  @Test
  void validate_acceptsANamespaceRule_whenAnApplicationSetDelivers() {
    assertThat(
            violations(
                Kit.builder()
                    .repository(
                        "shop",
                        r ->
                            r.gitUrl("https://github.com/acme/shop.git")
                                .argoCd(
                                    ArgoCd.builder()
                                        .delivery(ArgoCd.Delivery.APPLICATION_SET)
                                        .build()))
                    .environment("dev", e -> e.namespaceRule("{namespace}-dev"))
                    .service("orders", s -> s.database(db -> db.storage("5Gi")))
                    .build()))
        .isEmpty();
  }

  @Test
  void validate_rejectsOneApplicationName_madeByTwoEnvironments() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .environment("prod", e -> e.destinationServer("https://prod.k8s.acme.io"))
            .environment("eu-prod", e -> e.destinationServer("https://eu.k8s.acme.io"))
            .service("orders-eu", s -> s.database(db -> db.storage("5Gi")).onlyIn("prod"))
            .service("orders", s -> s.database(db -> db.storage("5Gi")))
            .build();
    assertThat(violations(kit))
        .containsExactly(
            "environments[eu-prod].services[orders]: Application \"orders-eu-prod\" in Argo CD's namespace is "
                + "service \"orders\"'s Application here and service \"orders-eu\"'s Application in environment "
                + "\"prod\", so the two environments' Argo CD objects would overwrite each other (rename service "
                + "\"orders\", service \"orders-eu\", environment \"eu-prod\" or environment \"prod\": kit names "
                + "Argo CD objects <name>-<environment>, so these two make one name)");
  }

  @Test
  void validate_rejectsOneRootName_madeByTwoEnvironments() {
    // "shop-root" in "eu-prod" and "shop-root-eu" in "prod": the service clashes with the root.
    Kit kit =
        Kit.builder()
            .repository(
                "shop",
                r ->
                    r.gitUrl("https://github.com/acme/shop.git")
                        .argoCd(ArgoCd.builder().delivery(ArgoCd.Delivery.APP_OF_APPS).build()))
            .environment("prod", e -> e.destinationServer("https://prod.k8s.acme.io"))
            .environment("eu-prod", e -> e.destinationServer("https://eu.k8s.acme.io"))
            .service("shop-root-eu", s -> s.database(db -> db.storage("5Gi")).onlyIn("prod"))
            .build();
    assertThat(violations(kit))
        .containsExactly(
            "environments[eu-prod]: Application \"shop-root-eu-prod\" in Argo CD's namespace is the platform's "
                + "root.yaml here and service \"shop-root-eu\"'s Application in environment \"prod\", so the two "
                + "environments' Argo CD objects would overwrite each other (rename service \"shop-root-eu\", "
                + "environment \"eu-prod\" or environment \"prod\": kit names Argo CD objects <name>-<environment>, "
                + "so these two make one name)");
  }

  @Test
  void validate_rejectsRepositoryName_whenTheRootsNameWithTheEnvironmentIsTooLong() {
    String repo = "r" + "y".repeat(52); // "<repo>-root" is 58 characters, "-staging" makes 66
    Kit kit =
        Kit.builder()
            .repository(
                repo,
                r ->
                    r.gitUrl("https://github.com/acme/shop.git")
                        .argoCd(ArgoCd.builder().delivery(ArgoCd.Delivery.APP_OF_APPS).build()))
            .environment("dev", e -> e.destinationServer("https://dev.k8s.acme.io"))
            .environment("staging", e -> e.destinationServer("https://staging.k8s.acme.io"))
            .service("orders", s -> s.database(db -> db.storage("5Gi")))
            .build();
    assertThat(violations(kit))
        .containsExactly(
            "repository.name: \""
                + repo
                + "\" makes Application \""
                + repo
                + "-root-staging\" in environment \"staging\", which is 66 characters, more than 63"
                + " (use a name of at most 50 characters, or a shorter environment name)");
  }

  @Test
  void validate_rejectsServiceName_whenItsApplicationNameWithTheEnvironmentIsTooLong() {
    String name = "o" + "x".repeat(58); // an existing database: no CNPG cluster name caps it
    Kit kit =
        shop()
            .service(
                name,
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.bootstrap("orders", "orders_owner")
                                    .existing(
                                        e ->
                                            e.secret("orders-db").host("orders.db.acme.internal"))))
            .build();
    assertThat(violations(kit))
        .containsExactly(
            "environments[prod].services["
                + name
                + "].name: \""
                + name
                + "\" makes the Application \""
                + name
                + "-prod\" in environment \"prod\", which is 64 characters, more than 63 (shorten the"
                + " service's name to at most 58 characters, or the environment's: the Application's"
                + " name is also the app.kubernetes.io/instance label of the objects it syncs)");
  }

  private static UnaryOperator<Service.Builder> ordersWithBackups(String path) {
    return s ->
        s.database(
            db ->
                db.backups(
                    path, b -> b.credentials(S3Credentials.fromSecret("s", "ACCESS", "SECRET"))));
  }

  @Test
  void validate_rejectsOneWalArchive_forAServiceInTwoEnvironments() {
    assertThat(orders(ordersWithBackups("s3://acme-b/x/")))
        .containsExactly(
            "environments[prod].services[orders].database.backups.destinationPath: "
                + "\"s3://acme-b/x/\" with server name \"orders-cluster\" is the WAL archive of "
                + "service \"orders\" in environment \"dev\" too; Barman Cloud refuses to archive a second cluster into it "
                + "(give each environment its own path with an override on service \"orders\", such as "
                + ".in(\"prod\", s -> s.database(db -> db.backups(b -> b.destinationPath(\"s3://acme-b/x/prod/\")))))");
  }

  @Test
  void validate_rejectsOneWalArchiveWithoutQuotingIt_whenThePathHoldsAKeyAndValue() {
    List<String> violations = orders(ordersWithBackups("s3://acme-b/sig=0f1e2d3c4b5a/"));
    assertThat(violations)
        .containsExactly(
            "environments[prod].services[orders].database.backups.destinationPath: "
                + "the destinationPath (not shown, as it may hold a credential) with server name \"orders-cluster\" is"
                + " the WAL archive of service \"orders\" in environment \"dev\" too; Barman Cloud refuses to archive"
                + " a second cluster into it (give each environment its own path with an override on service"
                + " \"orders\", such as .in(\"prod\", s -> s.database(db -> db.backups(b ->"
                + " b.destinationPath(\"s3://<bucket>/<folder>/prod/\")))))");
    assertThat(String.join("\n", violations)).doesNotContain("0f1e2d3c4b5a");
  }

  @Test
  void validate_reportsOnlyTheDuplicate_whenAnEnvironmentWithBackupsIsDeclaredTwice() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .environment("dev", e -> e.destinationServer("https://dev.k8s.acme.io"))
            .environment("dev", e -> e.destinationServer("https://dev.k8s.acme.io"))
            .service(
                "orders",
                s -> ordersWithBackups("s3://acme-b/x/").apply(s.database(db -> db.storage("5Gi"))))
            .build();
    assertThat(violations(kit))
        .containsExactly(
            "environments[dev]: is declared twice (give each environment its own name)");
  }

  @Test
  void validate_acceptsOneBackupsPath_whenAnEnvironmentOverridesIt() {
    assertThat(
            orders(
                s ->
                    ordersWithBackups("s3://acme-b/x")
                        .apply(s)
                        .in(
                            "prod",
                            p ->
                                p.database(
                                    db ->
                                        db.backups(
                                            "s3://acme-b/x/prod/",
                                            b ->
                                                b.credentials(
                                                    S3Credentials.fromSecret(
                                                        "s", "ACCESS", "SECRET")))))))
        .isEmpty();
  }

  private static UnaryOperator<Service.Builder> ordersWithMinio(String endpoint) {
    return s ->
        s.database(
            db ->
                db.backups(
                    "s3://backups/orders/",
                    b ->
                        b.endpointUrl(endpoint)
                            .credentials(S3Credentials.fromSecret("minio", "ACCESS", "SECRET"))));
  }

  /** Each environment's cluster runs its own MinIO, which an in-cluster host reaches. */
  @Test
  void validate_acceptsOnePath_onAnInClusterEndpoint_whenTheEnvironmentsAreOnTwoClusters() {
    assertThat(orders(ordersWithMinio("http://minio.minio.svc.cluster.local:9000"))).isEmpty();
    assertThat(orders(ordersWithMinio("http://minio.minio.svc:9000"))).isEmpty();
    assertThat(orders(ordersWithMinio("http://minio:9000"))).isEmpty();
  }

  @Test
  void validate_rejectsOnePath_onAnInClusterEndpoint_whenTheEnvironmentsShareACluster() {
    List<String> found =
        violations(
            Kit.builder()
                .repository(
                    "shop",
                    r -> r.gitUrl("https://github.com/acme/shop.git").targetRevision("main"))
                .environment("dev", e -> e.namespaceRule("{namespace}-dev"))
                .environment("prod", e -> e)
                .service(
                    "orders",
                    s ->
                        ordersWithMinio("http://minio.minio.svc:9000")
                            .apply(s.database(db -> db.storage("5Gi"))))
                .build());

    assertThat(found)
        .singleElement()
        .asString()
        .startsWith(
            "environments[prod].services[orders].database.backups.destinationPath:"
                + " \"s3://backups/orders/\" with server name \"orders-cluster\" is the WAL archive"
                + " of service \"orders\" in environment \"dev\" too");
  }

  @Test
  void validate_rejectsOnePath_onAPublicEndpoint_whenTheEnvironmentsAreOnTwoClusters() {
    assertThat(orders(ordersWithMinio("https://s3.eu.acme.io"))).hasSize(1);
  }

  @Test
  void validate_rejectsOneWalArchive_forTwoClustersOfOneNameInTwoNamespaces() {
    UnaryOperator<Service.Builder> shared =
        s ->
            s.withoutMigrations()
                .database(
                    db ->
                        db.storage("1Gi")
                            .clusterName("pg")
                            .backups(
                                "s3://acme-b/x",
                                b ->
                                    b.credentials(S3Credentials.inheritFromPodIdentity())
                                        .legacyInTree()));
    assertThat(
            violations(
                Kit.builder()
                    .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
                    .service("orders", shared)
                    .service("billing", s -> shared.apply(s.namespace("billing")))
                    .build()))
        .containsExactly(
            "services[billing].database.backups.destinationPath: "
                + "\"s3://acme-b/x\" with server name \"pg\" is the WAL archive of "
                + "service \"orders\" in namespace \"orders\" too; Barman Cloud refuses to archive a second cluster into it "
                + "(give service \"billing\" a path of its own, such as \"s3://acme-b/x/billing/\", or another clusterName)");
  }

  private static List<String> withRestore(UnaryOperator<Service.Builder> restore) {
    return violations(
        shop()
            .service(
                "orders",
                s ->
                    s.database(db -> db.storage("5Gi"))
                        .in(
                            "prod",
                            p ->
                                p.database(
                                    db ->
                                        db.backups(
                                            "s3://acme-b/orders/",
                                            b ->
                                                b.credentials(
                                                    S3Credentials.inheritFromPodIdentity())))))
            .service(
                "orders-restore",
                s ->
                    restore.apply(
                        s.namespace("orders")
                            .withoutMigrations()
                            .database(
                                db ->
                                    db.storage("5Gi")
                                        .restore(dev.kit.model.Restore.fromService("orders")))))
            .build());
  }

  @Test
  void validate_acceptsARestore_onlyInTheEnvironmentWhereTheSourceHasBackups() {
    assertThat(withRestore(s -> s.onlyIn("prod"))).isEmpty();
  }

  @Test
  void validate_rejectsARestore_inAnEnvironmentWhereTheSourceHasNoBackups() {
    assertThat(withRestore(s -> s))
        .containsExactly(
            "environments[dev].services[orders-restore].database.restore.source: service \"orders\" has no backups "
                + "(restore only where it has them, with onlyIn(...), or give it backups(...) there)");
  }
}
