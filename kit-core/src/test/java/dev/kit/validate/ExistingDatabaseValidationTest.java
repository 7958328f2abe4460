package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.App;
import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.Monitoring;
import dev.kit.model.Restore;
import dev.kit.model.S3Credentials;
import dev.kit.testing.Validations;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A database kit does not run: CloudNativePG's options on it are refused with the fix, its own
 * options checked.
 */
class ExistingDatabaseValidationTest {

  private static List<String> violations(UnaryOperator<Database.Builder> database) {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service("orders", s -> s.withoutMigrations().database(database))
            .build();
    return Validations.of(kit, s -> Optional.empty()).stream().map(Violation::toString).toList();
  }

  private static Database.Builder existing(Database.Builder db) {
    return db.bootstrap("orders", "orders_owner")
        .existing(e -> e.secret("orders-db").host("orders.db.acme.internal"));
  }

  @Test
  void validate_acceptsAnExistingDatabase_withASecretAHostAndItsName() {
    assertThat(violations(ExistingDatabaseValidationTest::existing)).isEmpty();
  }

  @Test
  void validate_refusesCloudNativePgOptions_onAnExistingDatabase() {
    assertThat(
            violations(
                db ->
                    existing(db)
                        .instances(3)
                        .storage("1Gi")
                        .pooler(p -> p.instances(2))
                        .backups(
                            "s3://acme-backups/orders/",
                            b -> b.credentials(S3Credentials.inheritFromPodIdentity()))
                        .restore(Restore.fromService("billing"))))
        .containsExactly(
            "services[orders].database.instances: instances(...) configures a CloudNativePG Cluster, but the database is an existing "
                + "database, which kit does not run (remove instances(...); whoever runs the database sizes and configures it)",
            "services[orders].database.storage: storage(...) configures a CloudNativePG Cluster, but the database is an existing "
                + "database, which kit does not run (remove storage(...); whoever runs the database sizes and configures it)",
            "services[orders].database.backups: backups(...) configures CloudNativePG's backups, but the database is an existing "
                + "database, which kit does not run (remove backups(...); whoever runs the database backs it up)",
            "services[orders].database.restore: restore(...) bootstraps a CloudNativePG Cluster, but the database is an existing "
                + "database, which kit does not run (remove restore(...); restore the database where it runs)",
            "services[orders].database.pooler: pooler(...) is a CloudNativePG Pooler, but the database is an existing database, "
                + "which kit does not run (remove pooler(...), and connect the app with Connection.URI or Connection.PARTS)");
  }

  @Test
  void validate_refusesPoolerConnection_withoutSuggestingAPooler_onAnExistingDatabase() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(ExistingDatabaseValidationTest::existing)
                        .app("ghcr.io/acme/orders:1.0.0", a -> a.connection(App.Connection.POOLER)))
            .build();

    // DatabaseRules refuses pooler(...) here, so the fix must not suggest adding one.
    assertThat(Validations.of(kit, s -> Optional.empty()).stream().map(Violation::toString))
        .containsExactly(
            "services[orders].app.connection: POOLER needs a CloudNativePG database, and the database is an existing "
                + "database (use Connection.URI or Connection.PARTS, which connect where the app's Secret says)");
  }

  @Test
  void validate_refusesMonitoring_onAnExistingDatabase() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(ExistingDatabaseValidationTest::existing)
                        .monitoring(Monitoring.defaults()))
            .build();

    assertThat(Validations.of(kit, s -> Optional.empty()).stream().map(Violation::toString))
        .containsExactly(
            "services[orders].monitoring: monitoring(...) watches a CloudNativePG Cluster, but the database is an existing database, "
                + "which kit does not run (remove monitoring(...); whoever runs the database monitors it)");
  }

  @Test
  void validate_refusesWithoutShowingThem_namesWithAQuery() {
    // A '?' may start a signed URL's query; an '=' is a connection string's (holdsUrl).
    List<String> found =
        violations(
            db ->
                db.bootstrap("orders", "orders_owner")
                    .existing(
                        e ->
                            e.secret("orders-db?hunter2Secret")
                                .host("db.acme.internal?hunter2Secret")
                                .ca("acme-ca?hunter2Secret", "ca.crt")));
    assertThat(found)
        .containsExactly(
            "services[orders].database.existing.secret: the value (not shown, as it may hold a"
                + " credential) is not a Secret name (use the lower-case name of the Secret in namespace"
                + " \"orders\", such as \"orders-db\")",
            "services[orders].database.existing.host: the value (not shown, as it may hold a"
                + " credential) is not a host name (use the server's lower-case host name as its"
                + " certificate names it, without a scheme or a port, such as \"orders.db.acme.internal\")",
            "services[orders].database.existing.ca.secret: the value (not shown, as it may hold a"
                + " credential) is not a Secret name (use the lower-case name of the Secret with the CA"
                + " certificate)");
    assertThat(String.join("\n", found)).doesNotContain("hunter2Secret");
  }

  @Test
  void validate_namesTheOption_whenTheSecretTheHostOrThePortIsWrong() {
    assertThat(
            violations(
                db ->
                    db.bootstrap("orders", "orders_owner")
                        .existing(
                            e ->
                                e.secret("Orders_DB")
                                    .host("orders.db.acme.internal:5432")
                                    .port(0)
                                    .ca("acme-ca", "ca/crt"))))
        .containsExactly(
            "services[orders].database.existing.secret: \"Orders_DB\" is not a Secret name (use the lower-case name of the Secret "
                + "in namespace \"orders\", such as \"orders-db\")",
            "services[orders].database.existing.host: \"orders.db.acme.internal:5432\" is not a host name (use the "
                + "server's lower-case host name as its certificate names it, without a scheme or a port, such as "
                + "\"orders.db.acme.internal\")",
            "services[orders].database.existing.port: 0 is not a TCP port (use the server's port, 5432 for PostgreSQL's)",
            "services[orders].database.existing.ca.key: the value (not shown, as it may hold a credential) is not a Secret key (use the "
                + "name of the key with the CA certificate: letters, digits, '-', '_' and '.', such as \"ca.crt\")");
  }

  @Test
  void validate_namesABadName_notAConnectionString_whenANameHasAStraySpace() {
    assertThat(
            violations(
                db ->
                    db.bootstrap("orders", "orders_owner")
                        .existing(
                            e ->
                                e.secret("orders-db ")
                                    .host(" orders.db.acme.internal")
                                    .ca("acme ca", "ca.crt"))))
        .containsExactly(
            "services[orders].database.existing.secret: \"orders-db \" is not a Secret name (use the lower-case name of "
                + "the Secret in namespace \"orders\", such as \"orders-db\")",
            "services[orders].database.existing.host: \" orders.db.acme.internal\" is not a host name (use the "
                + "server's lower-case host name as its certificate names it, without a scheme or a port, such as "
                + "\"orders.db.acme.internal\")",
            "services[orders].database.existing.ca.secret: \"acme ca\" is not a Secret name (use the lower-case name "
                + "of the Secret with the CA certificate)");
  }

  @Test
  void validate_refusesCaKey_thatKubernetesRefusesAsASecretKey() {
    assertThat(
            violations(
                db ->
                    db.bootstrap("orders", "orders_owner")
                        .existing(
                            e ->
                                e.secret("orders-db")
                                    .host("orders.db.acme.internal")
                                    .ca("acme-ca", ".."))))
        .containsExactly(
            "services[orders].database.existing.ca.key: the value (not shown, as it may hold a credential) is not a Secret key (use the "
                + "name of the key with the CA certificate: letters, digits, '-', '_' and '.', such as \"ca.crt\")");
  }

  @Test
  void validate_neverShowsAUrl_inTheSecretTheHostOrTheCa() {
    List<String> found =
        violations(
            db ->
                db.bootstrap("orders", "orders_owner")
                    .existing(
                        e ->
                            e.secret("postgresql://orders:S3cr3t@db.acme.internal/orders")
                                .host("postgres://orders:S3cr3t@db.acme.internal/orders")
                                .ca("orders:S3cr3t@db.acme.internal", "postgres://o:S3cr3t@db/x")));

    assertThat(found).noneMatch(v -> v.contains("S3cr3t"));
    assertThat(found)
        .containsExactly(
            "services[orders].database.existing.secret: holds a connection string, not shown as it may carry a password "
                + "(put the URL in key `uri` of the Secret, and pass the Secret's name here, such as \"orders-db\")",
            "services[orders].database.existing.host: holds a connection string, not shown as it may carry a password "
                + "(put the URL in key `uri` of the Secret, and pass the server's bare host name here, such as "
                + "\"orders.db.acme.internal\")",
            "services[orders].database.existing.ca.secret: holds a connection string, not shown as it may carry a password "
                + "(pass the name of the Secret with the CA certificate; a URL belongs in key `uri` of the Secret)",
            "services[orders].database.existing.ca.key: holds a connection string, not shown as it may carry a password "
                + "(pass the key of the CA certificate, such as \"ca.crt\"; a URL belongs in key `uri` of the Secret)");
  }

  @Test
  void validate_refusesACredential_asTheSecretTheHostOrTheCa_withoutShowingIt() {
    String gitlab = "glpat-abcdefghij0123456789";
    String slack = "xoxb-1234567890-abcdefghij";
    String awsKeyId = "AKIAIOSFODNN7EXAMPLE";
    String privateKey = "LS0tLS1CRUdJTiBQUklWQVRF";
    List<String> found =
        violations(
            db ->
                db.bootstrap("orders", "orders_owner")
                    .existing(e -> e.secret(gitlab).host(privateKey).ca(slack, awsKeyId)));

    assertThat(found)
        .containsExactly(
            "services[orders].database.existing.secret: looks like a GitLab token, not a Secret name (use the"
                + " lower-case name of the Secret in namespace \"orders\", such as \"orders-db\", and keep the"
                + " credential in it)",
            "services[orders].database.existing.host: looks like a private key, not a host name (use the"
                + " server's lower-case host name as its certificate names it, without a scheme or a port, such as"
                + " \"orders.db.acme.internal\")",
            "services[orders].database.existing.ca.secret: looks like a Slack token, not a Secret name (use the"
                + " lower-case name of the Secret with the CA certificate)",
            "services[orders].database.existing.ca.key: looks like an AWS access key id, not a key name (use the"
                + " name of the key with the CA certificate, such as \"ca.crt\", and keep the credential out of"
                + " the description)");
    assertThat(String.join("\n", found))
        .doesNotContain(gitlab)
        .doesNotContain(slack)
        .doesNotContain(awsKeyId)
        .doesNotContain(privateKey);
  }

  @Test
  void validate_namesNoCredentialSecret_inTheFixForAUrl() {
    String github = "ghp_" + "A".repeat(36);
    List<String> found =
        violations(
            db ->
                db.bootstrap("orders", "orders_owner")
                    .existing(e -> e.secret(github).host("postgres://db.acme.internal/orders")));

    assertThat(found)
        .contains(
            "services[orders].database.existing.host: holds a connection string, not shown as it may carry a"
                + " password (put the URL in key `uri` of the Secret, and pass the server's bare host name here,"
                + " such as \"orders.db.acme.internal\")");
    assertThat(String.join("\n", found)).doesNotContain(github);
  }

  @Test
  void validate_neverShowsAKeywordConnectionString_inTheSecretOrTheHost() {
    List<String> found =
        violations(
            db ->
                db.bootstrap("orders", "orders_owner")
                    .existing(
                        e ->
                            e.secret("dbname=orders user=app password=hunter2Secret")
                                .host("host=db.acme.internal password=hunter2Secret")));

    assertThat(found)
        .containsExactly(
            "services[orders].database.existing.secret: holds a connection string, not shown as it may carry a password "
                + "(put the URL in key `uri` of the Secret, and pass the Secret's name here, such as \"orders-db\")",
            "services[orders].database.existing.host: holds a connection string, not shown as it may carry a password "
                + "(put the URL in key `uri` of the Secret, and pass the server's bare host name here, such as "
                + "\"orders.db.acme.internal\")");
    assertThat(String.join("\n", found)).doesNotContain("hunter2Secret");
  }

  @Test
  void validate_namesTheSecretForTheUrl_whenOnlyTheHostHoldsOne() {
    assertThat(
            violations(
                db ->
                    db.bootstrap("orders", "orders_owner")
                        .existing(
                            e -> e.secret("orders-db").host("orders:S3cr3t@db.acme.internal"))))
        .containsExactly(
            "services[orders].database.existing.host: holds a connection string, not shown as it may carry a password "
                + "(put the URL in key `uri` of Secret \"orders-db\", and pass the server's bare host name here, such as "
                + "\"orders.db.acme.internal\")");
  }

  @Test
  void validate_asksForTheDatabaseAndOwner_ofAnExistingDatabase() {
    assertThat(
            violations(
                db -> db.existing(e -> e.secret("orders-db").host("orders.db.acme.internal"))))
        .containsExactly(
            "services[orders].database.bootstrap: an existing database has no default database and owner (name them: "
                + "bootstrap(\"orders\", \"orders_owner\"))");
  }

  @Test
  void build_needsNoStorage_forAnExistingDatabase() {
    assertThat(existing(Database.builder()).build().storage()).isEmpty();
  }

  @Test
  void validate_refusesExtensionsAndSchemas_onAnExistingDatabase() {
    assertThat(violations(db -> existing(db).extension("vector").schema("reporting")))
        .containsExactly(
            "services[orders].database.extensions: extension(...) makes a CloudNativePG Database that creates it, but the "
                + "database is an existing database, which kit does not run (remove extension(...); ask whoever runs the "
                + "database to CREATE EXTENSION it there (most need a superuser))",
            "services[orders].database.schemas: schema(...) makes a CloudNativePG Database that creates it, but the "
                + "database is an existing database, which kit does not run (remove schema(...); create the schema in the "
                + "first migration: CREATE SCHEMA IF NOT EXISTS ...)");
  }

  @Test
  void validate_namesTheExtensionOrSchema_whenPostgresqlWouldNotTakeIt() {
    assertThat(
            violations(
                db ->
                    db.storage("1Gi")
                        .extension("uuid-ossp")
                        .extension("Vector")
                        .schema("pg_reports")
                        .schema("reporting")))
        .containsExactly(
            "services[orders].database.extensions[Vector]: \"Vector\" is not an extension name (use the name CREATE EXTENSION takes, "
                + "such as \"vector\")",
            "services[orders].database.schemas[pg_reports]: \"pg_reports\" is not a usable schema name (use a lower-case identifier "
                + "such as \"reporting\" (not pg_* or information_schema))");
  }
}
