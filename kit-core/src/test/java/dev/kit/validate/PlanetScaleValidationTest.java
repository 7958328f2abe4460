package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.App;
import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Monitoring;
import dev.kit.model.PlanetScale;
import dev.kit.model.Restore;
import dev.kit.model.S3Credentials;
import dev.kit.model.Service;
import dev.kit.model.SslMode;
import dev.kit.testing.Validations;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A PlanetScale database: CloudNativePG's options refused with their PlanetScale counterpart, its
 * own options checked.
 */
class PlanetScaleValidationTest {

  private static List<String> violations(UnaryOperator<Database.Builder> database) {
    return serviceViolations(s -> s.withoutMigrations().database(database));
  }

  private static List<String> serviceViolations(UnaryOperator<Service.Builder> service) {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service("orders", service)
            .build();
    return Validations.of(kit, s -> Optional.empty()).stream().map(Violation::toString).toList();
  }

  /** {@code service}'s violations with one environment, prod, that it may override. */
  private static List<String> prodViolations(UnaryOperator<Service.Builder> service) {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .environment("prod", e -> e.destinationServer("https://prod.k8s.acme.io"))
            .service("orders", service)
            .build();
    return Validations.of(kit, s -> Optional.empty()).stream().map(Violation::toString).toList();
  }

  private static Database.Builder planetScale(Database.Builder db) {
    return db.planetScale(ps -> ps.organization("acme").database("shop"));
  }

  @Test
  void validate_acceptsAPlanetScaleDatabase_withEveryOption() {
    assertThat(
            violations(
                db ->
                    db.planetScale(
                        ps ->
                            ps.organization("acme")
                                .database("shop")
                                .branch("main")
                                .clusterSize("PS_10_AWS_ARM")
                                .region("aws-eu-west-1")
                                .replicas(2)
                                .parameter("max_connections", "200")
                                .bouncer(b -> b.size("PGB_10"))
                                .backupPolicy(p -> p.at("02:00")))))
        .isEmpty();
  }

  @Test
  void validate_refusesAStateNameTheBackendCannotLabel() {
    String namespace = "n".repeat(50);
    assertThat(
            serviceViolations(
                s ->
                    s.namespace(namespace)
                        .withoutMigrations()
                        .database(PlanetScaleValidationTest::planetScale)))
        .containsExactly(
            "services[orders].database: the Workspace's OpenTofu workspace \""
                + namespace
                + ".orders-database\" has 66 characters, and the kubernetes state backend labels its Secret"
                + " with it (at most 63) (shorten the namespace or the service name by 3 characters, or"
                + " moduleOnly() to apply the module from your own pipeline)");
  }

  @Test
  void validate_refusesTwoServicesOnOneBranch_andOneBackupPolicyDeclaredTwice() {
    UnaryOperator<Service.Builder> service =
        s ->
            s.withoutMigrations()
                .database(
                    db ->
                        db.planetScale(
                            ps ->
                                ps.organization("acme")
                                    .database("shop")
                                    .branch("main")
                                    .backupPolicy(p -> p.at("02:00"))));
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service("orders", service)
            .service("billing", service)
            .build();
    assertThat(
            Validations.of(kit, s -> Optional.empty()).stream().map(Violation::toString).toList())
        .containsExactly(
            "services[billing].database.planetScale.branch: branch \"acme/shop/main\" is also service \"orders\"'s,"
                + " and each service's module creates and owns its branch (give service \"billing\" its own branch:"
                + " planetScale(ps -> ps.branch(\"billing\")), or keep both services' tables in one service)",
            "services[billing].database.planetScale.backupPolicy: backup policy \"kit\" of database \"acme/shop\" is"
                + " also declared by service \"orders\", and a backup policy belongs to the database, not a branch"
                + " (declare it in one service only, or name this one: backupPolicy(p -> p.name(\"billing\")))");
  }

  @Test
  void validate_refusesAnAdoptedBranchsCreationAttributes_andABadId() {
    assertThat(
            violations(
                db ->
                    db.planetScale(
                        ps ->
                            ps.organization("acme")
                                .database("shop")
                                .adoptBranch("main branch")
                                .region("aws-eu-west-1")
                                .parentBranch("staging"))))
        .containsExactly(
            "services[orders].database.planetScale.adoptBranch: \"main branch\" is not a PlanetScale branch ID"
                + " (use the id of GET https://api.planetscale.com/v1/organizations/acme/databases/shop/branches/main"
                + " (letters and digits, such as \"ru00w3vqvfr9\"), not the branch's name)",
            "services[orders].database.planetScale.region: region(...) is set on an adopted branch, which keeps the"
                + " region it was created in (remove region(...): a different region would make Terraform replace"
                + " the branch. Set for the whole service, it belongs in the in(...) of the environments whose"
                + " branch the module creates; for a branch the module should create, add createBranch())",
            "services[orders].database.planetScale.parentBranch: parentBranch(...) is set on an adopted branch, which"
                + " keeps the parent it was created from (remove parentBranch(...): a different parent would make"
                + " Terraform replace the branch. Set for the whole service, it belongs in the in(...) of the"
                + " environments whose branch the module creates; for a branch the module should create, add"
                + " createBranch())");
    assertThat(
            violations(
                db ->
                    db.planetScale(
                        ps ->
                            ps.organization("acme").database("shop").adoptBranch("ru00w3vqvfr9"))))
        .isEmpty();
  }

  @Test
  void validate_refusesTwoServicesAdoptingOneBranch_underTwoNames() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.planetScale(
                                    ps ->
                                        ps.organization("acme")
                                            .database("shop")
                                            .adoptBranch("ru00w3vqvfr9"))))
            .service(
                "billing",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.planetScale(
                                    ps ->
                                        ps.organization("acme")
                                            .database("shop")
                                            .branch("billing")
                                            .adoptBranch("ru00w3vqvfr9"))))
            .build();
    assertThat(
            Validations.of(kit, s -> Optional.empty()).stream().map(Violation::toString).toList())
        .containsExactly(
            "services[billing].database.planetScale.adoptBranch: adopts the branch service \"orders\" adopts"
                + " (\"acme/shop ID ru00w3vqvfr9\"), and each service's module owns its branch (adopt each service's"
                + " own branch by its ID, or let this service's module create one: remove adoptBranch(...))");
  }

  @Test
  void validate_saysOnce_whenTwoServicesAdoptOneBranchUnderOneName() {
    UnaryOperator<Service.Builder> adopted =
        s ->
            s.withoutMigrations()
                .database(
                    db ->
                        db.planetScale(
                            ps ->
                                ps.organization("acme")
                                    .database("shop")
                                    .adoptBranch("ru00w3vqvfr9")));
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service("orders", adopted)
            .service("billing", adopted)
            .build();

    assertThat(
            Validations.of(kit, s -> Optional.empty()).stream().map(Violation::toString).toList())
        .singleElement()
        .asString()
        .startsWith(
            "services[billing].database.planetScale.branch: branch \"acme/shop/main\" is also service"
                + " \"orders\"'s");
  }

  @Test
  void validate_refusesCloudNativePgOptions_withTheirPlanetScaleCounterpart() {
    assertThat(
            violations(
                db ->
                    planetScale(db)
                        .instances(3)
                        .storage("1Gi")
                        .parameter("max_connections", "200")
                        .pooler(p -> p.instances(2))
                        .backups(
                            "s3://acme-backups/orders/",
                            b -> b.credentials(S3Credentials.inheritFromPodIdentity()))
                        .restore(Restore.fromService("billing"))))
        .containsExactly(
            "services[orders].database.instances: instances(...) configures a CloudNativePG Cluster, but the database is PlanetScale "
                + "Postgres, which kit does not run (remove instances(...); PlanetScale's replicas are planetScale(ps -> ps.replicas(2)))",
            "services[orders].database.storage: storage(...) configures a CloudNativePG Cluster, but the database is PlanetScale "
                + "Postgres, which kit does not run (remove storage(...); PlanetScale sizes storage with the cluster: "
                + "planetScale(ps -> ps.clusterSize(\"PS_10_AWS_ARM\")))",
            "services[orders].database.parameters: parameters(...) configures a CloudNativePG Cluster, but the database is "
                + "PlanetScale Postgres, which kit does not run (move them into planetScale(ps -> ps.parameter(\"max_connections\", \"200\")))",
            "services[orders].database.backups: backups(...) configures CloudNativePG's backups, but the database is PlanetScale "
                + "Postgres, which kit does not run (remove backups(...); PlanetScale backs the branch up: "
                + "planetScale(ps -> ps.backupPolicy(p -> p.every(1, DAY).keep(30, DAY))))",
            "services[orders].database.restore: restore(...) bootstraps a CloudNativePG Cluster, but the database is PlanetScale "
                + "Postgres, which kit does not run (remove restore(...); restore into a new PlanetScale branch from a backup "
                + "(backup_id) or a point in time (restore_point): RUNBOOK.md, Backups and restore)",
            "services[orders].database.pooler: pooler(...) is a CloudNativePG Pooler, but the database is PlanetScale Postgres, "
                + "which kit does not run (remove pooler(...); PlanetScale runs PgBouncer on port 6432, a dedicated one with "
                + "planetScale(ps -> ps.bouncer(b -> b.size(\"PGB_10\"))))");
  }

  @Test
  void validate_refusesMonitoring_withPlanetScalesOwn() {
    assertThat(
            serviceViolations(
                s ->
                    s.withoutMigrations()
                        .database(PlanetScaleValidationTest::planetScale)
                        .monitoring(Monitoring.builder().build())))
        .singleElement()
        .asString()
        .endsWith(
            "(remove monitoring(...); PlanetScale monitors the branch (its console's metrics and Insights))");
  }

  @Test
  void validate_refusesWhatNeedsAKnownHost_orACloudNativePgPooler() {
    assertThat(
            serviceViolations(
                s ->
                    s.database(PlanetScaleValidationTest::planetScale)
                        .migrations(m -> m.engine(Migrations.Engine.OPERATOR))
                        .app(
                            "ghcr.io/acme/orders:1.0.0", a -> a.connection(App.Connection.POOLER))))
        .anySatisfy(
            v ->
                assertThat(v)
                    .startsWith(
                        "services[orders].migrations.engine: the Atlas operator connects to a host"))
        .anySatisfy(
            v ->
                assertThat(v)
                    .startsWith(
                        "services[orders].app.connection: POOLER needs a CloudNativePG database, and the database is PlanetScale Postgres"));
  }

  @Test
  void validate_namesEachBadPlanetScaleOption_withTheFix() {
    assertThat(
            violations(
                db ->
                    db.planetScale(
                        ps ->
                            ps.organization("Acme Corp")
                                .database("shop")
                                .branch("main")
                                .clusterSize("ps-10")
                                .replicas(-1)
                                .parameter("wal", "x", "1")
                                .appRoles(List.of())
                                .passwordRotation(-1)
                                .bouncer(b -> b.name("a-very-long-bouncer").target("everywhere"))
                                .backupPolicy(
                                    p ->
                                        p.every(1, PlanetScale.BackupPolicy.Unit.YEAR)
                                            .at("25:00")))))
        .containsExactly(
            "services[orders].database.planetScale.organization: \"Acme Corp\" is not a PlanetScale name (use lower-case letters, "
                + "digits, '-' and '_': your PlanetScale organization's slug, such as \"acme\")",
            "services[orders].database.planetScale.clusterSize: \"ps-10\" is not a cluster size (use a size SKU from PlanetScale's "
                + "list, such as \"PS_10_AWS_ARM\")",
            "services[orders].database.planetScale.replicas: -1 replicas, which PlanetScale refuses (use 0 (a "
                + "single node) or 2 to 8 (high availability))",
            "services[orders].database.planetScale.parameters.wal: \"wal\" is not a parameter namespace (use pgconf (PostgreSQL's "
                + "settings, parameter(name, value)), pgbouncer or patroni)",
            "services[orders].database.planetScale.appRoles: the app role inherits no role, so it can read and write nothing "
                + "(leave appRoles(...) out for pg_read_all_data and pg_write_all_data, or name the roles it needs)",
            "services[orders].database.planetScale.passwordRotation: -1 rotations (use 0 or more: raise it by one to rotate "
                + "the roles' passwords)",
            "services[orders].database.planetScale.bouncer.name: \"a-very-long-bouncer\" is not a bouncer name (use at most 12 "
                + "lower-case letters, digits and '-', such as \"app\")",
            "services[orders].database.planetScale.bouncer.target: \"everywhere\" is not a bouncer target (use one of "
                + "[primary, replica, replica_az_affinity])",
            "services[orders].database.planetScale.backupPolicy.every: every 1 year (back up at least once a month: a positive "
                + "number of hours, days, weeks or months)",
            "services[orders].database.planetScale.backupPolicy.at: \"25:00\" is not a time of day (use HH:MM, such as \"02:00\")");
  }

  @Test
  void validate_refusesAPlanetScalePassword_inAParameter_withoutShowingIt() {
    String password = "pscale_pw_" + "aB3".repeat(14);
    List<String> found =
        violations(
            db ->
                db.planetScale(
                    ps ->
                        ps.organization("acme")
                            .database("shop")
                            .parameter("pgbouncer", "auth_query_x", password)));
    assertThat(found)
        .containsExactly(
            "services[orders].database.planetScale.parameters.pgbouncer.auth_query_x: holds a PlanetScale"
                + " credential, which would be committed to Git in the generated files (remove it and keep"
                + " the credential in a Secret)");
  }

  @Test
  void validate_refusesCredentialsWhereASizeABranchIdOrAPolicyNameBelongs_withoutShowingThem() {
    String awsKeyId = "AKIAIOSFODNN7EXAMPLE";
    String token = "pscale_tkn_" + "aB3".repeat(14);
    String url = "postgresql://app:hunter2@db/x";
    List<String> found =
        violations(
            db ->
                db.planetScale(
                    ps ->
                        ps.organization("acme")
                            .database("shop")
                            .clusterSize(awsKeyId)
                            .adoptBranch(token)
                            .bouncer(b -> b.size(awsKeyId).target(token))
                            .backupPolicy(p -> p.name(url).at(url))));
    assertThat(found)
        .containsExactly(
            "services[orders].database.planetScale.adoptBranch: looks like a PlanetScale credential, not a"
                + " PlanetScale branch ID (use the id of GET https://api.planetscale.com/v1/organizations/acme/"
                + "databases/shop/branches/main (letters and digits, such as \"ru00w3vqvfr9\"), not the branch's"
                + " name)",
            "services[orders].database.planetScale.clusterSize: looks like an AWS access key id, not a cluster"
                + " size (use a size SKU from PlanetScale's list, such as \"PS_10_AWS_ARM\")",
            "services[orders].database.planetScale.bouncer.target: looks like a PlanetScale credential, not a"
                + " bouncer target (use one of [primary, replica, replica_az_affinity])",
            "services[orders].database.planetScale.bouncer.size: looks like an AWS access key id, not a bouncer"
                + " size (use PGB_5, PGB_10, PGB_20, PGB_40, PGB_80 or PGB_160)",
            "services[orders].database.planetScale.backupPolicy.name: looks like a URL with a password, not a"
                + " backup policy name (use a short name without a URL, such as \"daily\")",
            "services[orders].database.planetScale.backupPolicy.at: looks like a URL with a password, not a"
                + " time of day (use HH:MM, such as \"02:00\")");
    assertThat(String.join("\n", found))
        .doesNotContain(awsKeyId)
        .doesNotContain("pscale_tkn")
        .doesNotContain("hunter2");
  }

  @Test
  void validate_refusesWithoutShowingIt_aSizeOrParameterNameWithAKeyAndValue() {
    List<String> found =
        violations(
            db ->
                db.planetScale(
                    ps ->
                        ps.organization("acme")
                            .database("shop")
                            .clusterSize("password=hunter2Secret")
                            .parameter("pgconf", "password=hunter2Secret", "1")));
    assertThat(found)
        .containsExactly(
            "services[orders].database.planetScale.clusterSize: the value (not shown, as it may hold a"
                + " credential) is not a cluster size (use a size SKU from PlanetScale's list, such as"
                + " \"PS_10_AWS_ARM\")",
            "services[orders].database.planetScale.parameters.pgconf: the value (not shown, as it may"
                + " hold a credential) is not a parameter name (use the lower-case name, such as"
                + " \"max_connections\")");
    assertThat(String.join("\n", found)).doesNotContain("hunter2Secret");
  }

  @Test
  void validate_refusesWithoutShowingIt_aSizeWithCredentialsNoShapeNames() {
    assertThat(
            violations(
                db ->
                    db.planetScale(
                        ps ->
                            ps.organization("acme")
                                .database("shop")
                                .clusterSize("PS_10?access_token=hunter2Secret"))))
        .containsExactly(
            "services[orders].database.planetScale.clusterSize: contains credentials, not a cluster"
                + " size (use a size SKU from PlanetScale's list, such as \"PS_10_AWS_ARM\")");
  }

  @Test
  void validate_neverShowsACredential_whenTwoServicesShareAPolicyNameOrABranchId() {
    String token = "pscale_tkn_" + "aB3".repeat(14);
    UnaryOperator<Service.Builder> service =
        s ->
            s.withoutMigrations()
                .database(
                    db ->
                        db.planetScale(
                            ps ->
                                ps.organization("acme")
                                    .database("shop")
                                    .branch("main")
                                    .adoptBranch("x:" + token)
                                    .backupPolicy(p -> p.name(token))));
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service("orders", service)
            .service(
                "billing",
                s -> service.apply(s).database(db -> db.planetScale(ps -> ps.branch("billing"))))
            .build();
    List<String> found =
        Validations.of(kit, s -> Optional.empty()).stream().map(Violation::toString).toList();
    assertThat(found).anyMatch(v -> v.contains("adopts the branch service \"orders\" adopts"));
    assertThat(found).anyMatch(v -> v.contains("is also declared by service \"orders\""));
    assertThat(String.join("\n", found)).doesNotContain("pscale_tkn");
  }

  @Test
  void validate_refusesABackupPolicyNameThatBreaksTheRunbook_quotingIt() {
    assertThat(
            violations(
                db ->
                    db.planetScale(
                        ps ->
                            ps.organization("acme")
                                .database("shop")
                                .backupPolicy(p -> p.name("x`\n## injected")))))
        .containsExactly(
            "services[orders].database.planetScale.backupPolicy.name: \"x`\n## injected\" is not a backup"
                + " policy name (use a short name without a URL, such as \"daily\")");
  }

  @Test
  void validate_neverShowsACredential_inANameItRefuses() {
    String github = "ghp_" + "A".repeat(36);
    List<String> found =
        violations(
            db ->
                db.planetScale(
                    ps ->
                        ps.organization(github)
                            .database("shop")
                            .appRoles(List.of(github))
                            .bouncer(b -> b.name(github))));
    assertThat(found)
        .containsExactly(
            "services[orders].database.planetScale.organization: looks like a GitHub token, not a PlanetScale"
                + " name (use lower-case letters, digits, '-' and '_': your PlanetScale organization's slug,"
                + " such as \"acme\")",
            "services[orders].database.planetScale.appRoles: looks like a GitHub token, not a role name (use a"
                + " PostgreSQL role such as \"pg_read_all_data\")",
            "services[orders].database.planetScale.bouncer.name: looks like a GitHub token, not a bouncer name"
                + " (use at most 12 lower-case letters, digits and '-', such as \"app\")");
    assertThat(String.join("\n", found)).doesNotContain(github);
  }

  @Test
  void validate_refusesACredential_asAParameterNamespaceOrName_withoutShowingIt() {
    String github = "ghp_" + "a".repeat(36);
    List<String> found =
        violations(
            db ->
                db.planetScale(
                    ps ->
                        ps.organization("acme")
                            .database("shop")
                            .parameter("pgconf", github, "1")
                            .parameter(github + "-x", "work_mem", "4MB")));
    assertThat(found)
        .containsExactlyInAnyOrder(
            "services[orders].database.planetScale.parameters.pgconf: looks like a GitHub token, not a"
                + " parameter name (use the lower-case name, such as \"max_connections\")",
            "services[orders].database.planetScale.parameters: looks like a GitHub token, not a parameter"
                + " namespace (use pgconf (PostgreSQL's settings, parameter(name, value)), pgbouncer or patroni)");
    assertThat(String.join("\n", found)).doesNotContain(github);
  }

  @Test
  void validate_refusesReplicasPlanetScaleRefuses_whenNeitherASingleNodeNorTwoToEight() {
    for (int accepted : new int[] {0, 2, 8}) {
      assertThat(
              violations(
                  db ->
                      db.planetScale(
                          ps -> ps.organization("acme").database("shop").replicas(accepted))))
          .as("replicas(%d)", accepted)
          .isEmpty();
    }
    assertThat(
            violations(
                db -> db.planetScale(ps -> ps.organization("acme").database("shop").replicas(1))))
        .containsExactly(
            "services[orders].database.planetScale.replicas: 1 replica, which PlanetScale refuses (use 0 (a single "
                + "node) or 2 to 8 (high availability))");
    assertThat(
            violations(
                db -> db.planetScale(ps -> ps.organization("acme").database("shop").replicas(9))))
        .containsExactly(
            "services[orders].database.planetScale.replicas: 9 replicas, which PlanetScale refuses (use 0 (a single "
                + "node) or 2 to 8 (high availability))");
  }

  @Test
  void validate_refusesBootstrap_sincePlanetScaleNamesTheDatabase() {
    assertThat(violations(db -> planetScale(db).bootstrap("orders", "orders")))
        .singleElement()
        .asString()
        .startsWith(
            "services[orders].database.bootstrap: bootstrap(...) names a database CloudNativePG creates");
  }

  @Test
  void validate_refusesAPostgresMajorPlanetScaleDoesNotRun_evenOnAnAdoptedBranch() {
    for (int accepted : new int[] {17, 18}) {
      assertThat(violations(db -> planetScale(db).postgresMajor(accepted)))
          .as("postgresMajor(%d)", accepted)
          .isEmpty();
    }
    String refused =
        "services[orders].database.postgresMajor: PostgreSQL 16, which PlanetScale Postgres does not run"
            + " (it runs 17 and 18) (use postgresMajor(17) or postgresMajor(18))";
    assertThat(violations(db -> planetScale(db).postgresMajor(16))).containsExactly(refused);
    // A major kit does not know is told as that, once.
    assertThat(violations(db -> planetScale(db).postgresMajor(12)))
        .singleElement()
        .asString()
        .startsWith(
            "services[orders].database.postgresMajor: PostgreSQL 12 is not a major kit knows");
    // Atlas's dev database runs the description's major, whatever the adopted branch runs.
    assertThat(
            violations(
                db ->
                    db.postgresMajor(16)
                        .planetScale(
                            ps ->
                                ps.organization("acme")
                                    .database("shop")
                                    .adoptBranch("ru00w3vqvfr9"))))
        .containsExactly(refused);
  }

  @Test
  void validate_refusesAPostgresMajorPlanetScaleDoesNotRun_inAnEnvironmentsOverride() {
    assertThat(
            prodViolations(
                s ->
                    s.withoutMigrations()
                        .database(PlanetScaleValidationTest::planetScale)
                        .in("prod", p -> p.database(db -> db.postgresMajor(15)))))
        .contains(
            "environments[prod].services[orders].database.postgresMajor: PostgreSQL 15, which PlanetScale"
                + " Postgres does not run (it runs 17 and 18) (use postgresMajor(17) or postgresMajor(18))");
  }

  @Test
  void validate_refusesSslModeDisable_sincePlanetScaleRequiresTls() {
    String refused =
        "services[orders].migrations.sslMode: sslmode=disable connects without TLS, and PlanetScale refuses"
            + " every connection without it (leave sslMode(...) out for verify-full (PlanetScale's"
            + " certificates are publicly trusted))";
    assertThat(
            serviceViolations(
                s ->
                    s.database(PlanetScaleValidationTest::planetScale)
                        .migrations(m -> m.sslMode(SslMode.DISABLE))))
        .contains(refused);
    for (SslMode accepted :
        new SslMode[] {SslMode.REQUIRE, SslMode.VERIFY_CA, SslMode.VERIFY_FULL}) {
      assertThat(
              serviceViolations(
                  s ->
                      s.database(PlanetScaleValidationTest::planetScale)
                          .migrations(m -> m.sslMode(accepted))))
          .as("sslMode(%s)", accepted)
          .noneMatch(v -> v.contains("sslMode"));
    }
    assertThat(
            prodViolations(
                s ->
                    s.database(PlanetScaleValidationTest::planetScale)
                        .in("prod", p -> p.migrations(m -> m.sslMode(SslMode.DISABLE)))))
        .contains("environments[prod]." + refused);
  }

  /** A service's violations on a PlanetScale database, without migrations. */
  private static List<String> namedViolations(String name, UnaryOperator<PlanetScale.Builder> ps) {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                name,
                s ->
                    s.namespace("shop")
                        .withoutMigrations()
                        .database(
                            db ->
                                db.planetScale(
                                    p -> ps.apply(p.organization("acme").database("shop")))))
            .build();
    return Validations.of(kit, s -> Optional.empty()).stream().map(Violation::toString).toList();
  }

  @Test
  void validate_refusesAMigratorRoleNameOverPostgresLimit_whenModuleOnly() {
    String longest = "o".repeat(54);
    assertThat(namedViolations(longest, PlanetScale.Builder::moduleOnly)).isEmpty();
    String name = "o".repeat(55);
    assertThat(namedViolations(name, PlanetScale.Builder::moduleOnly))
        .containsExactly(
            "services["
                + name
                + "].name: \""
                + name
                + "\" makes the migrator role name \""
                + name
                + "-migrator\" 64 characters, more than 63 (shorten the service name to at most 54"
                + " characters)");
    // A name refused as a name is told once, not also through the role it makes.
    String refused = "o".repeat(64);
    assertThat(namedViolations(refused, PlanetScale.Builder::moduleOnly))
        .singleElement()
        .asString()
        .startsWith("services[" + refused + "].name: \"" + refused + "\" is ");
  }

  @Test
  void validate_saysOnlyTheStateName_whenTheWorkspacesStateNameAndTheMigratorRoleAreTooLong() {
    String name = "o".repeat(55);
    assertThat(namedViolations(name, ps -> ps))
        .singleElement()
        .asString()
        .startsWith(
            "services[" + name + "].database: the Workspace's OpenTofu workspace \"shop." + name);
  }
}
