package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.model.ArgoCd;
import dev.kit.model.DeclarativeSchema;
import dev.kit.model.HelmChart;
import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Platform;
import dev.kit.model.Resources;
import dev.kit.model.Restore;
import dev.kit.model.S3Credentials;
import dev.kit.model.Service;
import dev.kit.testing.Validations;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A refused value that may hold a credential (a pasted {@code password=...}, a signed URL) is
 * named, not quoted, by every rule's message, as messages reach build logs; its path does not carry
 * it either.
 */
class RefusedValuesNotShownValidationTest {

  private static final String SECRET = "hunter2Secret";
  private static final String KEY_VALUE = "password=" + SECRET;
  private static final String SIGNED_URL = "https://x.example/?sig=" + SECRET;

  private static final MigrationDirectory ONE_FILE =
      new MigrationDirectory(
          List.of(
              new MigrationFile(
                  "20250101000000_init.sql", "SELECT 1;\n".getBytes(StandardCharsets.UTF_8))));

  private static List<String> violations(Kit kit) {
    List<String> violations =
        Validations.of(
                kit,
                s -> Optional.of(ONE_FILE),
                s -> Optional.of("CREATE TABLE t (id int);\n".getBytes(StandardCharsets.UTF_8)))
            .stream()
            .map(Violation::toString)
            .toList();
    // Lower-cased too: a fix's example may be the value made into a name.
    assertThat(violations)
        .noneMatch(v -> v.toLowerCase(Locale.ROOT).contains(SECRET.toLowerCase(Locale.ROOT)));
    return violations;
  }

  private static Kit.Builder shop() {
    return Kit.builder().repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"));
  }

  private static List<String> orders(UnaryOperator<Service.Builder> orders) {
    return violations(
        shop().service("orders", s -> orders.apply(s.database(db -> db.storage("1Gi")))).build());
  }

  @Test
  void validate_showsNoServiceName_inAnyPathOrMessage_whenItMayHoldACredential() {
    // ServiceRules, NameCollisions, SchemaRules, RepositoryRules and what they pass it to.
    List<String> violations =
        violations(
            shop()
                .environment("dev", e -> e)
                .service(
                    KEY_VALUE,
                    s ->
                        s.database(db -> db.storage("1Gi").schema("Sales"))
                            .declarativeSchema(DeclarativeSchema.of("schema.sql"))
                            .in("dev", d -> d.label("tier", "a b")))
                .build());
    assertThat(violations).isNotEmpty().noneMatch(v -> v.contains("password"));
    assertThat(violations)
        .contains(
            "services.name: the name (not shown, as it may hold a credential) is not a DNS-1035"
                + " label (lower-case letters, digits and '-', starting with a letter and ending"
                + " with a letter or digit) (use a short lower-case name such as \"orders\"; it"
                + " names the folder, the objects and the Application)");
  }

  @Test
  void validate_showsNoServiceName_inBackupArchives_whenItMayHoldACredential() {
    // BackupArchives: the service, its cluster's server name and the fix name the service.
    List<String> violations =
        violations(
            shop()
                .environment("dev", e -> e)
                .environment("prod", e -> e)
                .service(
                    KEY_VALUE,
                    s ->
                        s.namespace("orders")
                            .database(
                                db ->
                                    db.storage("1Gi")
                                        .backups(
                                            "s3://acme-b/x/",
                                            b ->
                                                b.credentials(
                                                    S3Credentials.fromSecret(
                                                        "s", "ACCESS", "SECRET")))))
                .build());
    assertThat(violations)
        .contains(
            "environments[prod].services.database.backups.destinationPath: \"s3://acme-b/x/\" with"
                + " the server name (not shown, as it may hold a credential) is the WAL archive of"
                + " the service (not shown, as it may hold a credential) in environment \"dev\" too;"
                + " Barman Cloud refuses to archive a second cluster into it (give each environment"
                + " its own path with an override on the service (not shown, as it may hold a"
                + " credential), such as .in(\"prod\", s -> s.database(db -> db.backups(b ->"
                + " b.destinationPath(\"s3://acme-b/x/prod/\")))))");
  }

  @Test
  void validate_showsNoRefusedValue_inMigrationRules_whenItMayHoldACredential() {
    // MigrationRules: a folder, a schema or a baseline
    assertThat(orders(s -> s.migrations(m -> m.directory(KEY_VALUE).revisionsSchema(KEY_VALUE))))
        .containsExactly(
            "services[orders].migrations.directory: the folder (not shown, as it may hold a"
                + " credential) has characters that atlas.hcl's file:// URL cannot hold as written (a"
                + " space, quote, '%', '?', '#', '$' or non-ASCII letter) (rename the folder with"
                + " letters, digits, '.', '_', '-' and '/' only, such as \"db/migrations\")",
            "services[orders].migrations.revisionsSchema: the schema (not shown, as it may hold a"
                + " credential) is not a schema name (use a lower-case identifier such as"
                + " \"atlas_schema_revisions\")");
    assertThat(orders(s -> s.migrations(m -> m.directory("../" + KEY_VALUE))))
        .containsExactly(
            "services[orders].migrations.directory: the folder (not shown, as it may hold a"
                + " credential) is not a folder inside services/orders/ (use a relative path without"
                + " '..', such as \"migrations\")");
    assertThat(orders(s -> s.migrations(m -> m.baseline(KEY_VALUE))))
        .containsExactly(
            "services[orders].migrations.baseline: the version (not shown, as it may hold a"
                + " credential) is not the version of any migration file (use the version of an existing"
                + " migration, the part of its name before the first '_')");
  }

  @Test
  void validate_showsNoRefusedValue_inPatchRules_whenItMayHoldACredential() {
    // PatchRules: a patch's path
    assertThat(
            orders(
                s ->
                    s.patch(Patch.set(Patch.Target.CLUSTER, KEY_VALUE, "x"))
                        .patch(
                            Patch.set(Patch.Target.CLUSTER, "/metadata/name/" + KEY_VALUE, "x"))))
        .containsExactly(
            "services[orders].patches[0].path: the path (not shown, as it may hold a credential)"
                + " is not a JSON Pointer (start it with '/', such as \"/spec/primaryUpdateStrategy\")",
            "services[orders].patches[1].path: the path (not shown, as it may hold a credential)"
                + " would change the object's identity (apiVersion, kind, metadata.name and"
                + " metadata.namespace are kit's; set names through the DSL)");
  }

  @Test
  void validate_showsNoKeyOfAPatchValue_inItsPath_whenItMayHoldACredential() {
    // JsonValues and CredentialLiterals walk a patch's value: a key is a path segment there.
    assertThat(
            orders(
                s ->
                    s.patch(
                        Patch.set(
                            Patch.Target.CLUSTER,
                            "/metadata/annotations",
                            Map.of(KEY_VALUE, "AKIAIOSFODNN7EXAMPLE")))))
        .containsExactly(
            "services[orders].patches[0].value: holds an AWS access key id, which would be"
                + " committed to Git in the generated files (keep it in a Secret and reference it,"
                + " such as valueFrom.secretKeyRef for an environment variable)",
            "services[orders].patches[0].path: \"/metadata/annotations\" would replace or remove"
                + " every annotation, kit's sync wave and sync options with them (patch a single"
                + " other key instead, such as /metadata/annotations/example.com~1owner ('/' in a"
                + " key is written ~1))");
  }

  @Test
  void validate_showsNoRefusedValue_inPlatformRules_whenItMayHoldACredential() {
    // PlatformRules: a chart's version or namespace, or an extra kind
    assertThat(
            violations(
                shop()
                    .platform(
                        Platform.builder()
                            .cloudnativePg(
                                HelmChart.of(
                                    "https://cloudnative-pg.github.io/charts",
                                    "cloudnative-pg",
                                    KEY_VALUE,
                                    KEY_VALUE))
                            .allowKind(KEY_VALUE, "Ingress")
                            .build())
                    .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
                    .build()))
        .containsExactly(
            "repository.argoCd.project: the platform's AppProject would restrict Argo CD's"
                + " \"default\" project, which every other Application uses (give the services a project"
                + " of their own, such as ArgoCd.builder().project(\"shop\"))",
            "platform.cloudnativePg.version: the version (not shown, as it may hold a credential)"
                + " is not a pinned chart version (use an exact version such as \"0.29.0\", so every"
                + " sync installs the same chart)",
            "platform.cloudnativePg.namespace: the namespace (not shown, as it may hold a"
                + " credential) is not a DNS-1123 label (lower-case letters, digits and '-', starting"
                + " and ending with a letter or digit) (use a namespace such as \"cnpg-system\")",
            "platform.extraKinds: the kind (not shown, as it may hold a credential) is not"
                + " group/Kind (use allowKind(\"networking.k8s.io\", \"Ingress\"), with \"\" for core"
                + " kinds)");
  }

  @Test
  void validate_showsNoRefusedValue_inRepositoryRules_whenItMayHoldACredential() {
    // RepositoryRules and NameCollisions: the repository's name, revision or Argo CD version, or a
    // namespace
    assertThat(
            violations(
                Kit.builder()
                    .repository(
                        KEY_VALUE,
                        r ->
                            r.gitUrl("https://github.com/acme/shop.git")
                                .targetRevision("main " + KEY_VALUE)
                                .argoCd(
                                    ArgoCd.builder()
                                        .version(KEY_VALUE)
                                        .delivery(ArgoCd.Delivery.APPLICATION_SET)
                                        .build()))
                    .service(
                        "orders",
                        s ->
                            s.namespace(KEY_VALUE)
                                .withoutMigrations()
                                .database(db -> db.storage("1Gi")))
                    .build()))
        .containsExactly(
            "repository.name: the name (not shown, as it may hold a credential) is not a label"
                + " value (up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter"
                + " or digit) (it becomes the app.kubernetes.io/part-of label; use a short name such as"
                + " \"shop\")",
            "repository.targetRevision: the revision (not shown, as it may hold a credential) is"
                + " not a Git revision (use a branch, tag or commit such as \"main\")",
            "services[orders].namespace: the namespace (not shown, as it may hold a credential) is"
                + " not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a"
                + " letter or digit) (use a lower-case namespace such as \"orders\")",
            "repository.name: the name (not shown, as it may hold a credential) makes the"
                + " ApplicationSet of that name and a suffix, which is not a DNS-1123 label (lower-case"
                + " letters, digits and '-', starting and ending with a letter or digit) (use a"
                + " lower-case name of at most 54 letters, digits and '-', such as \"shop\")",
            "repository.argoCd.version: the version (not shown, as it may hold a credential) is"
                + " not an Argo CD version (use major.minor, such as \"3.5\" or \"2.9\")",
            "services[orders].namespace: the namespace (not shown, as it may hold a credential)"
                + " differs from the service name, but the ApplicationSet's directory generator names"
                + " the namespace after the folder (use namespace(\"orders\"), or deliver with"
                + " APPLICATION_PER_SERVICE or APP_OF_APPS)");
  }

  @Test
  void validate_showsNoRefusedValue_inSchemaRules_whenItMayHoldACredential() {
    // SchemaRules: a schema file
    assertThat(
            orders(s -> s.withoutMigrations().declarativeSchema(DeclarativeSchema.of(SIGNED_URL))))
        .containsExactly(
            "services[orders].declarativeSchema.file: the file (not shown, as it may hold a"
                + " credential) is not a .sql file inside services/orders/ (use a relative path without"
                + " '..', such as \"schema.sql\")");
  }

  @Test
  void validate_showsNoRefusedValue_inServiceRules_whenItMayHoldACredential() {
    // ServiceRules: a namespace or a label key
    assertThat(orders(s -> s.withoutMigrations().namespace(KEY_VALUE).label(KEY_VALUE, "x")))
        .containsExactly(
            "services[orders].namespace: the namespace (not shown, as it may hold a credential) is"
                + " not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a"
                + " letter or digit) (use a lower-case namespace such as \"orders\")",
            "services[orders].labels: the key (not shown, as it may hold a credential) is not a"
                + " label key (an optional DNS prefix and '/', then up to 63 letters, digits, '-', '_'"
                + " or '.', starting and ending with a letter or digit) (rename the label)");
  }

  @Test
  void validate_showsNoRefusedValue_inSharedChecks_whenItMayHoldACredential() {
    // Violations and ResourceLimits: a quantity or a resource name
    assertThat(
            orders(
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage(KEY_VALUE)
                                    .resources(
                                        new Resources(
                                            Map.of("cpu", KEY_VALUE, KEY_VALUE, "1"), Map.of())))))
        .containsExactly(
            "services[orders].database.storage.size: the value (not shown, as it may hold a"
                + " credential) is not a Kubernetes quantity (use a number with an optional unit, such"
                + " as \"20Gi\", \"512Mi\" or \"500m\")",
            "services[orders].database.resources.requests.cpu: the value (not shown, as it may"
                + " hold a credential) is not a Kubernetes quantity (use a number with an optional unit,"
                + " such as \"20Gi\", \"512Mi\" or \"500m\")",
            "services[orders].database.resources.requests: the name (not shown, as it may hold a"
                + " credential) is not a resource the API server knows (use \"cpu\", \"memory\","
                + " \"ephemeral-storage\", \"hugepages-<size>\" such as \"hugepages-2Mi\", or an"
                + " extended resource such as \"example.com/gpu\")");
  }

  @Test
  void validate_showsNoRefusedValue_inDatabaseRules_whenItMayHoldACredential() {
    // DatabaseRules: a database's names, backups or restore
    assertThat(
            orders(
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.clusterName(KEY_VALUE)
                                    .parameter(KEY_VALUE, "1")
                                    .extension(KEY_VALUE)
                                    .schema(KEY_VALUE)
                                    .bootstrap(KEY_VALUE, KEY_VALUE))))
        .containsExactly(
            "services[orders].database.clusterName: the name (not shown, as it may hold a"
                + " credential) is not a DNS-1035 label (lower-case letters, digits and '-', starting"
                + " with a letter and ending with a letter or digit) (CNPG derives <cluster>-rw, -ro,"
                + " -r, -app and -ca from it; use at most 50 characters such as \"orders-cluster\")",
            "services[orders].database.parameters: the name (not shown, as it may hold a"
                + " credential) is not a PostgreSQL parameter name (use the lower-case name from"
                + " postgresql.conf)",
            "services[orders].database.bootstrap.database: the name (not shown, as it may hold a"
                + " credential) is not a usable database name (use a lower-case identifier such as"
                + " \"orders\" (not postgres or template0/1))",
            "services[orders].database.bootstrap.owner: the name (not shown, as it may hold a"
                + " credential) is not a usable role name (use a lower-case identifier such as"
                + " \"orders\" (not postgres or streaming_replica))",
            "services[orders].database.extensions: the name (not shown, as it may hold a"
                + " credential) is not an extension name (use the name CREATE EXTENSION takes, such as"
                + " \"vector\")",
            "services[orders].database.schemas: the name (not shown, as it may hold a credential)"
                + " is not a usable schema name (use a lower-case identifier such as \"reporting\" (not"
                + " pg_* or information_schema))");
    assertThat(
            orders(
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.backups(
                                    "s3://acme/orders/",
                                    b ->
                                        b.credentials(S3Credentials.inheritFromPodIdentity())
                                            .retentionPolicy(KEY_VALUE)
                                            .schedule(" 0 0 2 * * * " + KEY_VALUE)))))
        .containsExactly(
            "services[orders].database.backups.retentionPolicy: the value (not shown, as it may"
                + " hold a credential) is not a retention policy (use a number and d, w or m, such as"
                + " \"30d\")",
            "services[orders].database.backups.schedule: the schedule (not shown, as it may hold a"
                + " credential) has spaces before or after it, which kit would write into the"
                + " ScheduledBackup as they are (CNPG refuses them around an @ schedule) (write it"
                + " without them)");
    assertThat(
            orders(
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.backups(
                                    "s3://acme/orders/",
                                    b ->
                                        b.credentials(
                                            S3Credentials.inheritFromIamRole(KEY_VALUE))))))
        .containsExactly(
            "services[orders].database.backups.credentials.roleArn: the value (not shown, as it"
                + " may hold a credential) is not an IAM role ARN (use arn:aws:iam::<12-digit account"
                + " id>:role/<name>, the role IRSA lets service account orders-cluster assume)");
    assertThat(
            orders(
                s ->
                    s.withoutMigrations()
                        .database(db -> db.restore(Restore.fromService(KEY_VALUE)))))
        .containsExactly(
            "services[orders].database.restore.source: there is no service of that name (not"
                + " shown, as it may hold a credential) (name a service of this description, or use"
                + " Restore.fromObjectStore(...))");
    assertThat(
            orders(
                s ->
                    s.withoutMigrations()
                        .database(db -> db.restore(Restore.fromObjectStore("store", KEY_VALUE)))))
        .containsExactly(
            "services[orders].database.restore.serverName: the value (not shown, as it may hold a"
                + " credential) is not a DNS-1035 label (lower-case letters, digits and '-', starting"
                + " with a letter and ending with a letter or digit) (use the name of the cluster that"
                + " took the backups)",
            "services[orders].database.bootstrap: is missing; a restore from an ObjectStore must"
                + " name the database and owner in the backups, or CNPG creates an empty database"
                + " \"app\" and points orders-cluster-app at it (add bootstrap(\"<database>\","
                + " \"<owner>\") as the cluster had them)");
  }

  @Test
  void validate_showsNoRefusedValue_inCnpgClusterRules_whenItMayHoldACredential() {
    // CnpgClusterRules: a wal_level or boolean parameter's value
    assertThat(
            orders(
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.parameter("wal_level", KEY_VALUE)
                                    .parameter("wal_log_hints", SIGNED_URL))))
        .containsExactly(
            "services[orders].database.parameters[wal_level]: the value (not shown, as it may hold"
                + " a credential) is not a wal_level (logical, replica or minimal) (use \"logical\""
                + " (CNPG's default) or \"replica\")",
            "services[orders].database.parameters[wal_log_hints]: the value (not shown, as it may"
                + " hold a credential) is not a PostgreSQL boolean (use \"on\" or \"off\")");
  }

  @Test
  void validate_showsNoRefusedValue_inEnvironmentRules_whenItMayHoldACredential() {
    // EnvironmentRules: an environment's revision or namespace rule, or an undeclared environment
    assertThat(
            violations(
                shop()
                    .environment(
                        "dev",
                        e ->
                            e.destinationServer("https://dev.k8s.acme.io")
                                .targetRevision(KEY_VALUE + " x")
                                .namespaceRule(KEY_VALUE))
                    .service(
                        "orders",
                        s ->
                            s.database(db -> db.storage("1Gi"))
                                .onlyIn(KEY_VALUE)
                                .in(KEY_VALUE, o -> o))
                    .build()))
        .containsExactly(
            "environments[dev].targetRevision: the revision (not shown, as it may hold a"
                + " credential) is not a Git revision (use a branch, tag or commit such as \"release\")",
            "environments[dev].namespaceRule: the rule (not shown, as it may hold a credential)"
                + " does not contain {namespace} (put every service in a namespace of its own, such as"
                + " \"{namespace}-dev\")",
            "environments.services[orders]: overrides environment of that name (not shown, as it"
                + " may hold a credential), but it declares dev (declare it with"
                + " Kit.builder().environment(...) or remove in(...))",
            "services[orders].onlyIn: names environment of that name (not shown, as it may hold a"
                + " credential), but it declares dev (declare it with Kit.builder().environment(...) or"
                + " remove it from onlyIn(...))");
  }

  @Test
  void validate_showsNoRefusedValue_inMonitoringRules_whenItMayHoldACredential() {
    // MonitoringRules: a selector label's key
    assertThat(orders(s -> s.withoutMigrations().monitoring(m -> m.selectorLabel(KEY_VALUE, "x"))))
        .containsExactly(
            "services[orders].monitoring.selectorLabels: the key (not shown, as it may hold a"
                + " credential) is not a label key (an optional DNS prefix and '/', then up to 63"
                + " letters, digits, '-', '_' or '.', starting and ending with a letter or digit) (use"
                + " the label your Prometheus selects on, such as \"release\")");
  }
}
