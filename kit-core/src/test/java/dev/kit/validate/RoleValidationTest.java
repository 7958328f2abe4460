package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.App;
import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import dev.kit.testing.Validations;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The roles CloudNativePG manages beside the owner: names, memberships, passwords, hosts. */
class RoleValidationTest {

  /** The violations of orders (database and owner "orders", no migrations), {@code service} on. */
  private static List<String> orders(UnaryOperator<Service.Builder> service) {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service("orders", s -> service.apply(s.withoutMigrations()))
            .build();
    return Validations.of(kit, s -> Optional.empty()).stream().map(Violation::toString).toList();
  }

  private static List<String> violations(UnaryOperator<Database.Builder> database) {
    return orders(
        s -> s.database(db -> database.apply(db.storage("1Gi").bootstrap("orders", "orders"))));
  }

  @Test
  void validate_acceptsGroupsLoginsDropsAndPredefinedRoles() {
    assertThat(
            violations(
                db ->
                    db.role("readers", r -> r.inRole("pg_read_all_data"))
                        .role(
                            "reporting",
                            r ->
                                r.login()
                                    .passwordSecret("orders-reporting")
                                    .inRole("readers")
                                    .inRole("orders")
                                    .connectionLimit(-1))
                        .role("maintenance", r -> r.inRole("pg_maintain").inRole("pg_checkpoint"))
                        .dropRole("legacy_etl")))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Reporting",
        "1st",
        "read-only",
        "pg_reader",
        "postgres",
        "streaming_replica",
        "cnpg_pooler_pgbouncer",
        "public",
        "current_user"
      })
  void validate_rejectsRoleNames_postgresOrCloudNativePgReserves_orThatNeedQuoting(String name) {
    assertThat(violations(db -> db.role(name, r -> r)))
        .singleElement()
        .asString()
        .startsWith("services[orders].database.roles[")
        .contains("is not a usable role name (use a lower-case identifier such as \"reporting\"");
  }

  @Test
  void validate_rejectsTheOwner_asAManagedRole() {
    assertThat(violations(db -> db.role("orders", r -> r.connectionLimit(5))))
        .containsExactly(
            "services[orders].database.roles[orders]: is the database's owner, whom CloudNativePG"
                + " makes at bootstrap, with its password in the orders-cluster-app Secret (remove"
                + " role(\"orders\"), or give the managed role another name)");
  }

  @Test
  void validate_rejectsMemberships_inRolesTheDatabaseDoesNotHave() {
    assertThat(
            violations(
                db ->
                    db.postgresMajor(15)
                        .role(
                            "reporting",
                            r ->
                                r.inRole("reporting")
                                    .inRole("readers")
                                    .inRole("pg_maintain")
                                    .inRole("pg_database_owner")
                                    .inRole("legacy"))
                        .dropRole("legacy")))
        .containsExactly(
            "services[orders].database.roles[reporting].inRoles[legacy]: is a role"
                + " dropRole(\"legacy\") drops (remove inRole(\"legacy\"), or keep the role with"
                + " role(\"legacy\", ...))",
            "services[orders].database.roles[reporting].inRoles[pg_database_owner]: is"
                + " pg_database_owner, which PostgreSQL gives no members: its one member is the"
                + " database's owner (remove inRole(\"pg_database_owner\"))",
            "services[orders].database.roles[reporting].inRoles[pg_maintain]: is a predefined role"
                + " from PostgreSQL 17, and the database is 15 (remove inRole(\"pg_maintain\"), or"
                + " raise postgresMajor(...))",
            "services[orders].database.roles[reporting].inRoles[readers]: \"readers\" is no role"
                + " of the database (declare it with role(\"readers\", r -> r), or use the owner or"
                + " a predefined role such as pg_read_all_data)",
            "services[orders].database.roles[reporting].inRoles[reporting]: makes the role a member"
                + " of itself (remove inRole(\"reporting\"))");
  }

  @Test
  void validate_rejectsACycleOfMemberships_once() {
    assertThat(
            violations(
                db ->
                    db.role("a", r -> r.inRole("b"))
                        .role("b", r -> r.inRole("c"))
                        .role("c", r -> r.inRole("a"))
                        .role("d", r -> r.inRole("a"))))
        .containsExactly(
            "services[orders].database.roles[a].inRoles: make a cycle of memberships, which"
                + " PostgreSQL refuses: a → b → c → a (remove one inRole(...) of the cycle)");
  }

  @Test
  void validate_rejectsAPassword_forARoleThatCannotLogIn_andASecretNameKubernetesRefuses() {
    assertThat(
            violations(
                db ->
                    db.role("readers", r -> r.passwordSecret("orders-readers"))
                        .role(
                            "reporting",
                            r -> r.login().passwordSecret("Orders_Reporting").connectionLimit(-2))))
        .containsExactly(
            "services[orders].database.roles[readers].passwordSecret: is set on a role that cannot"
                + " log in, which has no use for a password (add login(), or remove"
                + " passwordSecret(\"orders-readers\"))",
            "services[orders].database.roles[reporting].passwordSecret: \"Orders_Reporting\" is"
                + " not a DNS-1123 subdomain (lower-case letters, digits, '-' and '.') (use the name of a kubernetes.io/basic-auth Secret in namespace orders, such as"
                + " \"orders-reporting\")",
            "services[orders].database.roles[reporting].connectionLimit: is -2, which PostgreSQL"
                + " refuses (use a number of connections, or leave connectionLimit(...) out for no"
                + " limit)");
  }

  @Test
  void validate_rejectsAPasswordSecret_cnpgMakesOrAnotherRoleUses() {
    assertThat(
            violations(
                db ->
                    db.role("reporting", r -> r.login().passwordSecret("orders-cluster-app"))
                        .role("analytics", r -> r.login().passwordSecret("orders-bi"))
                        .role("dashboards", r -> r.login().passwordSecret("orders-bi"))))
        .containsExactly(
            "services[orders].database.roles[dashboards].passwordSecret: is orders-bi, role"
                + " analytics's too, and its username can name only one of them (give each role a"
                + " Secret of its own)",
            "services[orders].database.roles[reporting].passwordSecret: is orders-cluster-app, a"
                + " Secret CloudNativePG makes for the cluster and fills with another user (give"
                + " the role a Secret of its own, such as \"orders-reporting\")");
  }

  @Test
  void validate_rejectsRoles_onADatabaseKitDoesNotRun() {
    assertThat(
            violations(
                db ->
                    db.role("readers", r -> r)
                        .existing(e -> e.secret("orders-db").host("orders.db.acme.internal"))))
        .contains(
            "services[orders].database.roles: role(...) is a role CloudNativePG manages in its"
                + " Cluster, but the database is an existing database, which kit does not run"
                + " (remove role(...); whoever runs the database creates its roles)");
  }

  private static List<String> appViolations(
      UnaryOperator<Database.Builder> database, UnaryOperator<App.Builder> app) {
    return orders(
        s ->
            s.database(db -> database.apply(db.storage("1Gi")))
                .app("ghcr.io/acme/orders:1.4.2", app));
  }

  @Test
  void validate_acceptsAnAppThatConnectsAsALoginWithAPassword_overPartsOrThePooler() {
    UnaryOperator<Database.Builder> login =
        db ->
            db.pooler(p -> p.instances(2))
                .role("orders_app", r -> r.login().passwordSecret("orders-app-login"));

    assertThat(
            appViolations(login, a -> a.connection(App.Connection.PARTS).connectAs("orders_app")))
        .isEmpty();
    assertThat(
            appViolations(login, a -> a.connection(App.Connection.POOLER).connectAs("orders_app")))
        .isEmpty();
  }

  @Test
  void validate_rejectsAnAppThatConnectsAs_aRoleItCannotLogInAs_orOverTheOwnersUri() {
    assertThat(
            appViolations(
                db -> db, a -> a.connection(App.Connection.PARTS).connectAs("orders_app")))
        .containsExactly(
            "services[orders].app.connectAs: \"orders_app\" is no managed role of the database"
                + " (declare it, database(db -> db.role(\"orders_app\", r ->"
                + " r.login().passwordSecret(\"orders-orders-app\"))), or connect as the owner"
                + " (remove connectAs(...)))");
    assertThat(
            appViolations(
                db -> db.role("readers", r -> r).role("reporting", r -> r.login()),
                a -> a.connectAs("readers")))
        .containsExactly(
            "services[orders].app.connectAs: names role readers, which cannot log in (declare it"
                + " as a login with a password, database(db -> db.role(\"readers\", r ->"
                + " r.login().passwordSecret(\"orders-readers\"))))",
            "services[orders].app.connectAs: needs Connection.PARTS or POOLER: Connection.URI"
                + " takes the uri of orders-cluster-app, which is the owner's (add"
                + " connection(App.Connection.PARTS) to the app (or POOLER, with a pooler))");
    assertThat(
            appViolations(
                db -> db.role("reporting", r -> r.login()),
                a -> a.connection(App.Connection.PARTS).connectAs("reporting")))
        .containsExactly(
            "services[orders].app.connectAs: names role reporting, which has no password Secret to"
                + " connect with (declare it as a login with a password, database(db ->"
                + " db.role(\"reporting\", r -> r.login().passwordSecret(\"orders-reporting\"))))");
  }

  @Test
  void validate_rejectsAnAppThatConnectsAsARole_onADatabaseKitDoesNotRun() {
    assertThat(
            appViolations(
                db -> db.existing(e -> e.secret("orders-db").host("orders.db.acme.internal")),
                a -> a.connection(App.Connection.PARTS).connectAs("orders_app")))
        .contains(
            "services[orders].app.connectAs: names a role CloudNativePG manages, and the database"
                + " is an existing database (remove connectAs(...); the app connects as the user its"
                + " Secret names)");
  }
}
