package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.model.App;
import dev.kit.model.Backups;
import dev.kit.model.Compression;
import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.Monitoring;
import dev.kit.model.Patch;
import dev.kit.model.Restore;
import dev.kit.model.S3Credentials;
import dev.kit.model.SecretKey;
import dev.kit.model.Service;
import dev.kit.testing.Validations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Exact messages of the day-2 rules: backups, restore, pooler, app, monitoring, patch targets. */
class DayTwoValidationTest {

  private static List<String> violations(Kit kit) {
    return Validations.of(kit, s -> Optional.empty()).stream().map(Violation::toString).toList();
  }

  private static Kit kit(UnaryOperator<Service.Builder> orders) {
    return Kit.builder()
        .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
        .service("orders", s -> orders.apply(s.withoutMigrations()))
        .build();
  }

  private static Kit backups(UnaryOperator<Backups.Builder> backups) {
    return kit(
        s ->
            s.database(
                db ->
                    db.storage("1Gi")
                        .backups(
                            "s3://acme-backups/orders/",
                            b ->
                                backups.apply(
                                    b.credentials(S3Credentials.inheritFromPodIdentity())))));
  }

  @Test
  void validate_reportsBackupsWithoutCredentials_withTheOtherProblems() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "o1",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("10GB")
                                    .backups("s3://acme-bkt/o1/", b -> b.schedule("0 0 2 * * *"))))
            .service(
                "o2",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .backups("s3://acme-bkt/o2/", b -> b.retentionPolicy("7d"))))
            .build();

    assertThat(violations(kit))
        .filteredOn(violation -> violation.contains("credentials") || violation.contains("10GB"))
        .extracting(violation -> violation.substring(0, violation.indexOf(':')))
        .containsExactly(
            "services[o1].database.storage.size",
            "services[o1].database.backups.credentials",
            "services[o2].database.backups.credentials");
    assertThat(violations(kit))
        .contains(
            "services[o2].database.backups.credentials: is not set: Barman Cloud needs them to"
                + " write to the bucket (call credentials(S3Credentials.fromSecret(\"<secret>\","
                + " \"ACCESS_KEY_ID\", \"ACCESS_SECRET_KEY\")),"
                + " credentials(S3Credentials.inheritFromIamRole(roleArn)) or"
                + " credentials(S3Credentials.inheritFromPodIdentity()))");
  }

  @Test
  void validate_acceptsAFullDayTwoService() {
    assertThat(
            violations(
                kit(
                    s ->
                        s.database(
                                db ->
                                    db.storage("1Gi")
                                        .instances(2)
                                        .pooler(p -> p.readOnly(true))
                                        .backups(
                                            "s3://acme-backups/orders/",
                                            b ->
                                                b.credentials(
                                                        S3Credentials.fromSecret("s3", "ID", "KEY"))
                                                    .schedule("0 30 1 * * MON-FRI")
                                                    .retentionPolicy("30d")))
                            .app(
                                "ghcr.io/acme/orders:1.0.0",
                                a -> a.connection(App.Connection.POOLER))
                            .monitoring(m -> m.selectorLabel("release", "prometheus")))))
        .isEmpty();
  }

  @Test
  void validate_reportsDestinationPath_whenNotS3() {
    assertThat(
            violations(
                kit(
                    s ->
                        s.database(
                            db ->
                                db.storage("1Gi")
                                    .backups(
                                        "gs://bucket/orders",
                                        b ->
                                            b.credentials(
                                                S3Credentials.inheritFromPodIdentity()))))))
        .containsExactly(
            "services[orders].database.backups.destinationPath: \"gs://bucket/orders\" is not an S3 path "
                + "(use s3://<bucket>/<folder>/, such as \"s3://acme-backups/orders/\")");
  }

  @Test
  void validate_reportsDestinationPathAsCredentials_whenItHoldsASignedQuery() {
    String signature = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    List<String> violations =
        violations(
            backups(
                b ->
                    b.destinationPath(
                        "s3://acme-backups/orders/?X-Amz-Date=20240101T000000Z&X-Amz-Signature="
                            + signature)));

    assertThat(violations)
        .containsExactly(
            "services[orders].database.backups.destinationPath: contains credentials (remove them and give the keys"
                + " with S3Credentials.fromSecret(...))");
    assertThat(String.join("\n", violations)).doesNotContain(signature);
  }

  @Test
  void validate_reportsDestinationPathWithoutQuotingIt_whenItHoldsAQuery() {
    String session = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    List<String> violations =
        violations(
            backups(
                b ->
                    b.destinationPath(
                        "s3://acme-backups/orders/?X-Amz-Date=20240101T000000Z&session="
                            + session)));

    assertThat(violations)
        .containsExactly(
            "services[orders].database.backups.destinationPath: has a query string, which is no part of an S3"
                + " path and may carry a signed URL's credentials (not shown) (use s3://<bucket>/<folder>/"
                + " without '?', and give the keys with S3Credentials.fromSecret(...))");
    assertThat(String.join("\n", violations)).doesNotContain(session);
  }

  @Test
  void validate_reportsDestinationPathAsCredentials_whenItsQueryHoldsAnAccessKeyId() {
    String keyId = "AKIA" + "IOSFODNN7EXAMPLE";
    List<String> violations =
        violations(
            backups(
                b ->
                    b.destinationPath(
                        "s3://acme-backups/orders/?X-Amz-Credential="
                            + keyId
                            + "%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=0f1e")));

    assertThat(violations)
        .containsExactly(
            "services[orders].database.backups.destinationPath: contains credentials (remove them and give the keys"
                + " with S3Credentials.fromSecret(...))");
    assertThat(String.join("\n", violations)).doesNotContain(keyId);
  }

  @Test
  void validate_reportsDestinationPathNotS3WithoutQuotingIt_whenItHoldsAKeyAndValue() {
    List<String> violations =
        violations(backups(b -> b.destinationPath("gs://acme-backups/orders/sig=0f1e2d3c4b5a")));

    assertThat(violations)
        .containsExactly(
            "services[orders].database.backups.destinationPath: the path (not shown, as it may hold a"
                + " credential) is not an S3 path (use s3://<bucket>/<folder>/, such as"
                + " \"s3://acme-backups/orders/\")");
    assertThat(String.join("\n", violations)).doesNotContain("0f1e2d3c4b5a");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0 2 * * *|\"0 2 * * *\" has 5 fields; CNPG's schedule has six, seconds first (add the seconds first: \"0 0 2 * * *\")",
        "0 0 25 * * *|\"0 0 25 * * *\" hour \"25\" is not a value from 0 to 23 (use six fields, seconds first, such as \"0 0 2 * * *\" (02:00 every day))",
        "0 0 2 * * FUNDAY|\"0 0 2 * * FUNDAY\" day of week \"FUNDAY\" is not a value from 0 to 6 (use six fields, seconds first, such as \"0 0 2 * * *\" (02:00 every day))",
        "0 */0 * * * *|\"0 */0 * * * *\" minute step \"0\" is not a positive number (use six fields, seconds first, such as \"0 0 2 * * *\" (02:00 every day))",
        "0 0 2 * * ,|\"0 0 2 * * ,\" day of week \",\" names no value, so the backup never runs (use six fields, seconds first, such as \"0 0 2 * * *\" (02:00 every day))"
      })
  void validate_reportsSchedule_whenNotASixFieldCron(String schedule, String message) {
    assertThat(violations(backups(b -> b.schedule(schedule))))
        .containsExactly("services[orders].database.backups.schedule: " + message);
  }

  @Test
  void validate_reportsSchedule_whenSpacesSurroundIt() {
    assertThat(violations(backups(b -> b.schedule("@daily "))))
        .containsExactly(
            "services[orders].database.backups.schedule: \"@daily \" has spaces before or after it,"
                + " which kit would write into the ScheduledBackup as they are (CNPG refuses them"
                + " around an @ schedule) (write it without them: \"@daily\")");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0 0 2 * * *",
        "0 ? 02 * * *",
        "*/30 * * * * *",
        "0 0 0 1 JAN-MAR ?",
        "0 0 3 * * SUN,WED",
        "@daily",
        "@every 6h30m"
      })
  void validate_acceptsSchedules_thatCnpgAccepts(String schedule) {
    assertThat(violations(backups(b -> b.schedule(schedule)))).isEmpty();
  }

  @Test
  void validate_reportsDataCompressionAndRetention_whenBarmanRejectsThem() {
    assertThat(
            violations(
                backups(
                    b ->
                        b.dataCompression(Compression.ZSTD)
                            .walCompression(Compression.ZSTD)
                            .retentionPolicy("30 days"))))
        .containsExactly(
            "services[orders].database.backups.dataCompression: zstd is for WAL only; Barman Cloud cannot compress base backups "
                + "with it (use GZIP, BZIP2, LZ4 or SNAPPY for data)",
            "services[orders].database.backups.retentionPolicy: \"30 days\" is not a retention policy (use a number and d, w or m, such as \"30d\")");
  }

  @Test
  void validate_reportsSecretReferences_whenNotNamesAndKeys() {
    assertThat(
            violations(
                kit(
                    s ->
                        s.database(
                            db ->
                                db.storage("1Gi")
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b ->
                                            b.credentials(
                                                    S3Credentials.fromSecret(
                                                        "Bad_Secret", "ID", "a key"))
                                                .endpointUrl("minio:9000"))))))
        .containsExactly(
            "services[orders].database.backups.endpointUrl: \"minio:9000\" is not an http(s) URL (use the S3 endpoint, such as \"https://minio.storage:9000\")",
            "services[orders].database.backups.credentials.accessKeyId.name: \"Bad_Secret\" is not a DNS-1123 subdomain "
                + "(lower-case letters, digits, '-' and '.') (use the name of a Secret in the namespace)",
            "services[orders].database.backups.credentials.secretAccessKey.name: \"Bad_Secret\" is not a DNS-1123 subdomain "
                + "(lower-case letters, digits, '-' and '.') (use the name of a Secret in the namespace)",
            "services[orders].database.backups.credentials.secretAccessKey.key: the value (not shown, as it may hold a "
                + "credential) is not a Secret key (use the name of the key in the Secret: letters, digits, '-', '_' and '.', such as "
                + "\"ACCESS_KEY_ID\")");
  }

  @Test
  void validate_refusesWithoutShowingThem_secretNamesWithAQueryOrACredential() {
    List<String> violations =
        violations(
            backups(
                b ->
                    b.credentials(
                        new S3Credentials.Keys(
                            new SecretKey("orders-s3?sig=hunter2Secret", "ID"),
                            new SecretKey("orders-s3?hunter2Secret", "KEY"),
                            Optional.empty()))));
    assertThat(violations)
        .containsExactly(
            "services[orders].database.backups.credentials.accessKeyId.name: contains credentials, not a"
                + " Secret name (use the name of a Secret in the namespace, and keep the credential in it)",
            "services[orders].database.backups.credentials.secretAccessKey.name: the name (not shown, as it"
                + " may hold a credential) is not a DNS-1123 subdomain (lower-case letters, digits, '-'"
                + " and '.') (use the name of a Secret in the namespace)");
    assertThat(String.join("\n", violations)).doesNotContain("hunter2Secret");
  }

  @Test
  void validate_refusesWithoutShowingThem_credentialsPassedAsSecretKeys() {
    String keyId = "AKIA" + "IOSFODNN7EXAMPLE";
    String secretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    List<String> violations =
        violations(
            backups(b -> b.credentials(S3Credentials.fromSecret("orders-s3", keyId, secretKey))));
    assertThat(violations)
        .containsExactly(
            "services[orders].database.backups.credentials.accessKeyId.key: looks like an AWS access key id, not a key "
                + "name (use the name of the key in the Secret, such as \"ACCESS_KEY_ID\", and keep the credential in the "
                + "Secret)",
            "services[orders].database.backups.credentials.secretAccessKey.key: the value (not shown, as it may hold a "
                + "credential) is not a Secret key (use the name of the key in the Secret: letters, digits, '-', '_' and '.', such as "
                + "\"ACCESS_KEY_ID\")");
    assertThat(String.join("\n", violations)).doesNotContain(keyId, secretKey);
  }

  @Test
  void validate_refusesWithoutShowingIt_aCredentialPassedAsTheSecretName() {
    String keyId = "AKIA" + "IOSFODNN7EXAMPLE";
    List<String> violations =
        violations(
            backups(
                b ->
                    b.credentials(
                        S3Credentials.fromSecret(keyId, "ACCESS_KEY_ID", "ACCESS_SECRET_KEY"))));
    assertThat(violations)
        .containsExactly(
            "services[orders].database.backups.credentials.accessKeyId.name: looks like an AWS access key id, not a "
                + "Secret name (use the name of a Secret in the namespace, and keep the credential in it)",
            "services[orders].database.backups.credentials.secretAccessKey.name: looks like an AWS access key id, not a "
                + "Secret name (use the name of a Secret in the namespace, and keep the credential in it)");
    assertThat(String.join("\n", violations)).doesNotContain(keyId);
  }

  @Test
  void validate_showsNoNamespaceAMessageMayNotQuote_whenARestoreNamesAnotherServices() {
    String namespace = "password=nsSecret";
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "elsewhere",
                s ->
                    s.namespace(namespace)
                        .withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .backups(
                                        "s3://acme-backups/x/",
                                        b ->
                                            b.credentials(S3Credentials.inheritFromPodIdentity()))))
            .service(
                "c",
                s ->
                    s.withoutMigrations()
                        .database(
                            db -> db.storage("1Gi").restore(Restore.fromService("elsewhere"))))
            .build();

    List<String> violations = violations(kit);
    assertThat(violations)
        .contains(
            "services[c].database.restore.source: service \"elsewhere\" runs in namespace"
                + " \"<name not shown>\"; its ObjectStore is not visible from \"c\" (put the restored"
                + " service in namespace \"<name not shown>\")");
    assertThat(String.join("\n", violations)).doesNotContain("nsSecret");
  }

  @Test
  void validate_reportsRestore_whenTheSourceCannotBeRestoredFrom() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
            .service(
                "elsewhere",
                s ->
                    s.namespace("other")
                        .withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .backups(
                                        "s3://acme-backups/x/",
                                        b ->
                                            b.credentials(S3Credentials.inheritFromPodIdentity()))))
            .service(
                "a",
                s ->
                    s.withoutMigrations()
                        .database(db -> db.storage("1Gi").restore(Restore.fromService("orders"))))
            .service(
                "b",
                s ->
                    s.withoutMigrations()
                        .database(db -> db.storage("1Gi").restore(Restore.fromService("nope"))))
            .service(
                "c",
                s ->
                    s.namespace("orders")
                        .withoutMigrations()
                        .database(
                            db -> db.storage("1Gi").restore(Restore.fromService("elsewhere"))))
            .service(
                "d",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .bootstrap("app", "app")
                                    .restore(Restore.fromService("d"))))
            .build();

    assertThat(violations(kit))
        .containsExactly(
            "services[a].database.restore.source: service \"orders\" has no backups (give it backups(...), or use Restore.fromObjectStore(...))",
            "services[b].database.restore.source: there is no service \"nope\" (name a service of this description, or use Restore.fromObjectStore(...))",
            "services[c].database.restore.source: service \"elsewhere\" runs in namespace \"other\"; its ObjectStore is not visible from "
                + "\"orders\" (put the restored service in namespace \"other\")",
            "services[d].database.restore.source: a cluster cannot restore from its own backups (restore into a new service, such as \"d-restore\")");
  }

  @Test
  void validate_reportsBootstrap_whenAnObjectStoreRestoreNamesNoDatabase() {
    assertThat(
            violations(
                kit(
                    s ->
                        s.database(
                            db ->
                                db.storage("1Gi")
                                    .restore(
                                        Restore.fromObjectStore("old-store", "legacy-cluster"))))))
        .containsExactly(
            "services[orders].database.bootstrap: is missing; a restore from an ObjectStore must name the database and owner in the "
                + "backups, or CNPG creates an empty database \"app\" and points orders-cluster-app at it "
                + "(add bootstrap(\"<database>\", \"<owner>\") as cluster \"legacy-cluster\" had them)");
  }

  @Test
  void validate_rejectsARestore_thatWouldArchiveIntoTheFolderItRestoresFrom() {
    assertThat(
            violations(
                kit(
                    s ->
                        s.database(
                            db ->
                                db.storage("1Gi")
                                    .bootstrap("orders", "orders")
                                    .backups(
                                        "s3://acme-backups/orders",
                                        b -> b.credentials(S3Credentials.inheritFromPodIdentity()))
                                    .restore(
                                        Restore.fromObjectStore(
                                            "orders-cluster-backups", "orders-cluster"))))))
        .containsExactly(
            "services[orders].database.restore.serverName: the cluster would archive its WAL into the folder it "
                + "restores from (\"s3://acme-backups/orders\" with server name \"orders-cluster\"), which Barman Cloud "
                + "refuses as not empty (restore into a cluster of another name, such as clusterName(\"orders-cluster-2\"), "
                + "or give this cluster's backups another path)");
  }

  @Test
  void validate_rejectsARestoreIntoTheFolderItRestoresFrom_withoutQuotingAPathWithAKeyAndValue() {
    List<String> violations =
        violations(
            kit(
                s ->
                    s.database(
                        db ->
                            db.storage("1Gi")
                                .bootstrap("orders", "orders")
                                .backups(
                                    "s3://acme-backups/orders/sig=0f1e2d3c4b5a",
                                    b -> b.credentials(S3Credentials.inheritFromPodIdentity()))
                                .restore(
                                    Restore.fromObjectStore(
                                        "orders-cluster-backups", "orders-cluster")))));

    assertThat(violations)
        .containsExactly(
            "services[orders].database.restore.serverName: the cluster would archive its WAL into the folder it "
                + "restores from (the destinationPath (not shown, as it may hold a credential) with server name"
                + " \"orders-cluster\"), which Barman Cloud refuses as not empty (restore into a cluster of"
                + " another name, such as clusterName(\"orders-cluster-2\"), or give this cluster's backups"
                + " another path)");
    assertThat(String.join("\n", violations)).doesNotContain("0f1e2d3c4b5a");
  }

  @Test
  void validate_acceptsARestore_fromItsOwnObjectStoreUnderAnotherServerName() {
    assertThat(
            violations(
                kit(
                    s ->
                        s.database(
                            db ->
                                db.storage("1Gi")
                                    .clusterName("orders-cluster-2")
                                    .bootstrap("orders", "orders")
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b ->
                                            b.credentials(S3Credentials.inheritFromPodIdentity())
                                                .objectStoreName("orders-backups"))
                                    .restore(
                                        Restore.fromObjectStore(
                                            "orders-backups", "orders-cluster"))))))
        .isEmpty();
  }

  @Test
  void validate_reportsBootstrap_whenItDiffersFromTheRestoredServices() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .bootstrap("orders", "orders")
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b ->
                                            b.credentials(
                                                S3Credentials.fromSecret("s3", "ID", "KEY")))))
            .service(
                "same",
                s ->
                    s.namespace("orders")
                        .withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .bootstrap("orders", "orders")
                                    .restore(Restore.fromService("orders"))))
            .service(
                "other",
                s ->
                    s.namespace("orders")
                        .withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .bootstrap("ledger", "orders")
                                    .restore(Restore.fromService("orders"))))
            .build();

    assertThat(violations(kit))
        .containsExactly(
            "services[other].database.bootstrap: bootstrap(\"ledger\", \"orders\") is not what the backups of service \"orders\" hold "
                + "(database \"orders\" owned by \"orders\"): CNPG would create what is missing (an empty database, or a role that owns "
                + "none of the tables) and point other-cluster-app at it "
                + "(remove bootstrap(...); a restore from a service uses its database and owner)");
  }

  @Test
  void validate_reportsRestore_whenMajorsDifferOrRestoresFormACycle() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .postgresMajor(17)
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b ->
                                            b.credentials(
                                                S3Credentials.fromSecret("s3", "ID", "KEY")))))
            .service(
                "orders-16",
                s ->
                    s.namespace("orders")
                        .withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .postgresMajor(16)
                                    .restore(Restore.fromService("orders"))))
            .service(
                "a",
                s ->
                    s.namespace("orders")
                        .withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .restore(Restore.fromService("b"))
                                    .backups(
                                        "s3://acme-backups/a/",
                                        b ->
                                            b.credentials(
                                                S3Credentials.fromSecret("s3", "ID", "KEY")))))
            .service(
                "b",
                s ->
                    s.namespace("orders")
                        .withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .restore(Restore.fromService("a"))
                                    .backups(
                                        "s3://acme-backups/b/",
                                        b ->
                                            b.credentials(
                                                S3Credentials.fromSecret("s3", "ID", "KEY")))))
            .build();

    assertThat(violations(kit))
        .containsExactly(
            "services[orders-16].database.postgresMajor: 16 differs from PostgreSQL 17 of service \"orders\"; a physical backup "
                + "restores only into the same major (set postgresMajor(17), and upgrade the restored cluster afterwards)",
            "services[a].database.restore.source: service \"b\" restores, in the end, from \"a\" itself: no cluster in the chain "
                + "has data of its own (bootstrap one of them without restore(...))",
            "services[b].database.restore.source: service \"a\" restores, in the end, from \"b\" itself: no cluster in the chain "
                + "has data of its own (bootstrap one of them without restore(...))");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "orders-backups",
        "arn:aws:iam::12345:role/orders",
        "arn:aws:s3:::acme-backups",
        "arn:aws:iam::123456789012:user/orders",
        "arn:aws:iam::123456789012:role/"
      })
  void validate_reportsRoleArn_whenNotAnIamRoleArn(String arn) {
    assertThat(
            violations(
                kit(
                    s ->
                        s.database(
                            db ->
                                db.storage("1Gi")
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b ->
                                            b.credentials(
                                                S3Credentials.inheritFromIamRole(arn)))))))
        .containsExactly(
            "services[orders].database.backups.credentials.roleArn: \""
                + arn
                + "\" is not an IAM role ARN "
                + "(use arn:aws:iam::<12-digit account id>:role/<name>, the role IRSA lets service account orders-cluster assume)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:iam::123456789012:role/orders-backups",
        "arn:aws:iam::123456789012:role/db/backups/orders",
        "arn:aws-cn:iam::123456789012:role/orders",
        "arn:aws-us-gov:iam::123456789012:role/orders+backups@acme.com"
      })
  void validate_acceptsRoleArns_ofEveryAwsPartition(String arn) {
    assertThat(
            violations(
                kit(
                    s ->
                        s.database(
                            db ->
                                db.storage("1Gi")
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b ->
                                            b.credentials(
                                                S3Credentials.inheritFromIamRole(arn)))))))
        .isEmpty();
  }

  @Test
  void validate_reportsRestore_whenItNeedsASecondRoleOnTheServiceAccount() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
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
                                            b.credentials(
                                                S3Credentials.inheritFromIamRole(
                                                    "arn:aws:iam::123456789012:role/orders")))))
            .service(
                "orders-copy",
                s ->
                    s.namespace("orders")
                        .withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .restore(Restore.fromService("orders"))
                                    .backups(
                                        "s3://acme-backups/orders-copy/",
                                        b ->
                                            b.credentials(
                                                S3Credentials.inheritFromIamRole(
                                                    "arn:aws:iam::123456789012:role/orders-copy")))))
            .build();

    assertThat(violations(kit))
        .containsExactly(
            "services[orders-copy].database.restore.source: service \"orders\" backs up with IAM role "
                + "\"arn:aws:iam::123456789012:role/orders\" and this cluster with \"arn:aws:iam::123456789012:role/orders-copy\", "
                + "but service account orders-copy-cluster can assume one role (use one role that reads the source's backups "
                + "and writes this cluster's, or keys from a Secret for this cluster's backups)");
  }

  @Test
  void validate_reportsImageName_whenTheInTreeStoreNeedsBarmanCloudTheImageLacks() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .imageName(
                                        "ghcr.io/cloudnative-pg/postgresql:17.11-standard-trixie")
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b ->
                                            b.credentials(
                                                    S3Credentials.fromSecret("s3", "ID", "KEY"))
                                                .legacyInTree())))
            .service(
                "orders-restore",
                s ->
                    s.namespace("orders")
                        .withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .imageName(
                                        "ghcr.io/cloudnative-pg/postgresql:17.11-202608310816-minimal-trixie")
                                    .restore(Restore.fromService("orders"))))
            .service(
                "fine",
                s ->
                    s.namespace("orders")
                        .withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .imageName(
                                        "ghcr.io/cloudnative-pg/postgresql:17.11-system-trixie")
                                    .restore(Restore.fromService("orders"))))
            .build();

    assertThat(violations(kit))
        .containsExactly(
            "services[orders].database.imageName: \"ghcr.io/cloudnative-pg/postgresql:17.11-standard-trixie\" has no Barman Cloud, "
                + "which the in-tree barmanObjectStore runs inside the instances (use a system image such as "
                + "\"ghcr.io/cloudnative-pg/postgresql:17.11-system-trixie\", or back up through the plugin: drop legacyInTree())",
            "services[orders-restore].database.imageName: \"ghcr.io/cloudnative-pg/postgresql:17.11-202608310816-minimal-trixie\" has no "
                + "Barman Cloud, which recovery from the in-tree barmanObjectStore of service \"orders\" runs inside the instances "
                + "(use a system image such as \"ghcr.io/cloudnative-pg/postgresql:17.11-system-trixie\", or move the backups of "
                + "service \"orders\" to the plugin)");
  }

  @Test
  void validate_reportsPoolerAndApp_whenUnusable() {
    assertThat(
            violations(
                kit(
                    s ->
                        s.database(
                                db ->
                                    db.storage("1Gi")
                                        .pooler(p -> p.instances(0).parameter("Max-Conn", "1")))
                            .app(
                                "ghcr.io/acme/orders:latest",
                                a -> a.port(70000).replicas(-1).readinessPath("ready")))))
        .containsExactly(
            "services[orders].database.pooler.instances: 0 is less than 1 (use 1 or more; with 2 or more, a restart of one does not drop every connection)",
            "services[orders].database.pooler.parameters[Max-Conn]: \"Max-Conn\" is not a PgBouncer parameter CloudNativePG lets a "
                + "Pooler set; its webhook rejects the Pooler (use one from "
                + "https://cloudnative-pg.io/documentation/current/connection_pooling/#pgbouncer-configuration-options, "
                + "such as max_client_conn or default_pool_size)",
            "services[orders].app.image: \"ghcr.io/acme/orders:latest\" is not pinned (use a version tag or digest, so a sync deploys what was reviewed)",
            "services[orders].app.port: 70000 is not a TCP port (use a port from 1 to 65535, such as 8080)",
            "services[orders].app.replicas: -1 is negative (use 0 to stop the app, or 2 or more for availability)",
            "services[orders].app.readinessPath: \"ready\" is not an HTTP path (start it with '/', such as \"/ready\")");
  }

  @Test
  void validate_reportsRunAs_whenKubeletWouldRefuseThePod() {
    assertThat(
            violations(
                kit(
                    s ->
                        s.database(db -> db.storage("1Gi"))
                            .app("ghcr.io/acme/orders:1.0.0", a -> a.runAsUser(0).runAsGroup(-1)))))
        .containsExactly(
            "services[orders].app.runAsUser: 0 is root, and the pod runs with runAsNonRoot, so kubelet refuses to start it "
                + "(use a non-zero user id, such as the image's numeric USER or 10001)",
            "services[orders].app.runAsGroup: -1 is not a group id from 0 to 2147483647 (use the image's numeric group, or 10001)");
    assertThat(
            violations(
                kit(
                    s ->
                        s.database(db -> db.storage("1Gi"))
                            .app("ghcr.io/acme/orders:1.0.0", a -> a.runAsUser(4_294_967_295L)))))
        .containsExactly(
            "services[orders].app.runAsUser: 4294967295 is not a user id from 1 to 2147483647 "
                + "(use a non-zero user id, such as the image's numeric USER or 10001)");
  }

  @Test
  void validate_reportsPoolerConnection_whenThereIsNoPooler() {
    assertThat(
            violations(
                kit(
                    s ->
                        s.database(db -> db.storage("1Gi"))
                            .app(
                                "ghcr.io/acme/orders:1.0.0",
                                a -> a.connection(App.Connection.POOLER)))))
        .containsExactly(
            "services[orders].app.connection: POOLER needs a pooler, and the database has none "
                + "(add database(db -> db.pooler(p -> p.instances(2))), or use Connection.URI)");
  }

  @Test
  void validate_reportsMonitoringThresholds_whenNotPositive() {
    assertThat(
            violations(
                kit(
                    s ->
                        s.database(db -> db.storage("1Gi"))
                            .monitoring(
                                m ->
                                    m.replicationLagThreshold(Duration.ZERO)
                                        .alertFor(Duration.ofMinutes(-1))
                                        .selectorLabel("release", "a b")))))
        .containsExactly(
            "services[orders].monitoring.replicationLagThreshold: PT0S is not a positive whole number of seconds (use a duration such as 30s)",
            "services[orders].monitoring.alertFor: PT-1M is negative (use Duration.ZERO to alert at once, or a duration such as 5 minutes)",
            "services[orders].monitoring.selectorLabels[release]: \"a b\" is not a label value (up to 63 letters, digits, '-', '_' or '.', "
                + "starting and ending with a letter or digit) (shorten or simplify the value)");
  }

  @Test
  void validate_reportsMonitoringSelectorLabel_whenItIsArgoCdsTrackingLabel() {
    assertThat(
            violations(
                kit(
                    s ->
                        s.database(db -> db.storage("1Gi"))
                            .monitoring(
                                m -> m.selectorLabel("app.kubernetes.io/instance", "prometheus")))))
        .containsExactly(
            "services[orders].monitoring.selectorLabels[app.kubernetes.io/instance]: is the label"
                + " Argo CD's label tracking sets to the Application's name (select on a label of"
                + " your own, such as \"release\")");
  }

  @Test
  void validate_reportsPatchTargets_thatAreNotGenerated() {
    assertThat(
            violations(
                kit(
                    s ->
                        s.database(db -> db.storage("1Gi"))
                            .patch(Patch.set(Patch.Target.POOLER, "/spec/instances", 3))
                            .patch(Patch.set(Patch.Target.SCHEDULED_BACKUP, "/spec/suspend", true))
                            .patch(Patch.set(Patch.Target.APP_DEPLOYMENT, "/spec/replicas", 3)))))
        .containsExactly(
            "services[orders].patches[0].target: POOLER is not generated for a service without a pooler (remove the patch, or give the service a pooler)",
            "services[orders].patches[1].target: SCHEDULED_BACKUP is not generated for a service without a backup schedule "
                + "(remove the patch, or give the service a backup schedule)",
            "services[orders].patches[2].target: APP_DEPLOYMENT is not generated for a service without a generated app "
                + "(remove the patch, or give the service a generated app)");
  }

  @Test
  void plan_warns_whenBackupsUseTheDeprecatedInTreeStore(@TempDir Path repo) {
    Kit kit =
        kit(
            s ->
                s.database(
                    db ->
                        db.storage("1Gi")
                            .primaryUpdateMethod(Database.PrimaryUpdateMethod.RESTART)
                            .backups(
                                "s3://acme-backups/orders/",
                                b ->
                                    b.credentials(S3Credentials.inheritFromPodIdentity())
                                        .legacyInTree())));

    assertThat(Generator.forRepository(repo).plan(kit).warnings())
        .containsExactly(
            "services[orders].database.backups: the in-tree barmanObjectStore is deprecated and CloudNativePG 1.31 removes it; "
                + "drop legacyInTree() to use the Barman Cloud plugin");
  }

  @Test
  void plan_warns_whenARestoreSourceTakesNoScheduledBackups(@TempDir Path repo) {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
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
                "orders-restore",
                s ->
                    s.namespace("orders")
                        .withoutMigrations()
                        .database(db -> db.storage("1Gi").restore(Restore.fromService("orders"))))
            .build();

    assertThat(Generator.forRepository(repo).plan(kit).warnings())
        .containsExactly(
            "services[orders-restore].database.restore: the backups of service \"orders\" have no schedule(...), so no"
                + " ScheduledBackup takes a base backup, and recovery fails without one; add schedule(...) to its"
                + " backups, or take one before this cluster starts: kubectl cnpg backup orders-cluster -n orders"
                + " --method plugin --plugin-name barman-cloud.cloudnative-pg.io");
  }

  @Test
  void validate_reportsSchedule_thatNeverRuns() {
    assertThat(violations(backups(b -> b.schedule("0 0 2 30 2 *"))))
        .containsExactly(
            "services[orders].database.backups.schedule: \"0 0 2 30 2 *\" never runs: no date has that day of the"
                + " month in those months (pick a day every month has, such as \"0 0 2 1 * *\" (02:00 on the 1st))");
  }

  @Test
  void validate_reportsBackupMaxAge_withoutRoomForTheBackupAfterTheWait() {
    assertThat(violations(monitoredBackups("0 0 2 * * SUN", Duration.ofHours(26))))
        .containsExactly(
            "services[orders].monitoring.lastBackupMaxAge: PT26H leaves less than PT2H for a backup to finish after"
                + " the longest wait between two scheduled backups, PT168H (schedule \"0 0 2 * * SUN\"): the alert"
                + " measures from the newest backup's end, so CnpgBackupTooOld would fire while a backup on schedule"
                + " is still running (set it to at least PT170H (the wait and two hours for the backup), or leave it"
                + " unset: kit then derives it from the schedule)");
    assertThat(violations(monitoredBackups("0 0 2 * * SUN", Duration.ofHours(169)))).hasSize(1);
    assertThat(violations(monitoredBackups("0 0 2 * * *", Duration.ofHours(24).plusMinutes(1))))
        .hasSize(1);
    assertThat(violations(monitoredBackups("0 0 2 * * *", Duration.ofHours(25).plusMinutes(59))))
        .hasSize(1);
    assertThat(violations(monitoredBackups("0 0 2 * * *", Duration.ofHours(26)))).isEmpty();
    assertThat(violations(monitoredBackups("0 0 2 * * SUN", Duration.ofHours(170)))).isEmpty();
  }

  @Test
  void validate_reportsArchiveFailureWindow_shorterThanTwoScrapes() {
    assertThat(
            violations(
                kit(
                    s ->
                        s.database(db -> db.storage("1Gi"))
                            .monitoring(m -> m.archiveFailureWindow(Duration.ofSeconds(59))))))
        .containsExactly(
            "services[orders].monitoring.archiveFailureWindow: PT59S is shorter than a minute (use at least 1"
                + " minute, such as 5 minutes: increase() needs two samples in the window, and at the usual 30s"
                + " scrape interval a shorter window rarely holds two, so CnpgWalArchivingFailing would never"
                + " fire)");
    assertThat(
            violations(
                kit(
                    s ->
                        s.database(db -> db.storage("1Gi"))
                            .monitoring(m -> m.archiveFailureWindow(Duration.ofMinutes(1))))))
        .isEmpty();
  }

  @Test
  void validate_acceptsTheDefaultBackupMaxAge_forAWeeklySchedule() {
    assertThat(violations(monitoredBackups("@weekly", null))).isEmpty();
  }

  /** Backups on {@code schedule}, monitored with {@code maxAge} (null: kit's default). */
  private static Kit monitoredBackups(String schedule, @Nullable Duration maxAge) {
    return kit(
        s ->
            s.database(
                    db ->
                        db.storage("1Gi")
                            .backups(
                                "s3://acme-backups/orders/",
                                b ->
                                    b.credentials(S3Credentials.inheritFromPodIdentity())
                                        .schedule(schedule)))
                .monitoring(m -> maxAge == null ? m : m.lastBackupMaxAge(maxAge)));
  }

  @Test
  void validate_refusesAPrometheusRulePatch_whenNoAlertCanFire() {
    assertThat(
            violations(
                kit(
                    s ->
                        s.database(db -> db.storage("1Gi"))
                            .monitoring(Monitoring.defaults())
                            .patch(
                                Patch.set(
                                    Patch.Target.PROMETHEUS_RULE, "/spec/groups/0/name", "x")))))
        .containsExactly(
            "services[orders].patches[0].target: PROMETHEUS_RULE is not generated for a service without replicas"
                + " or backups to alert on (remove the patch, or give the service replicas or backups to alert on)");
  }

  @Test
  void monitoringDefaults_areValid() {
    assertThat(
            violations(
                kit(s -> s.database(db -> db.storage("1Gi")).monitoring(Monitoring.defaults()))))
        .isEmpty();
  }
}
