package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.ArgoCd;
import dev.kit.model.HelmChart;
import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Platform;
import dev.kit.model.S3Credentials;
import dev.kit.model.Service;
import dev.kit.testing.Validations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exact messages for free-form values (patch values, Helm values) that are not JSON, and for
 * credentials written into the description anywhere (URLs, values, environment variables): each
 * names the place and the Secret-based fix, and never the value itself.
 */
class FreeFormValuesValidationTest {

  private static final String AWS_KEY_ID = "AKIA" + "IOSFODNN7EXAMPLE";

  private static List<String> violations(Kit kit) {
    return Validations.of(kit, s -> Optional.empty()).stream().map(Violation::toString).toList();
  }

  /** A kit for repository shop, whose Applications Argo CD syncs as {@code argoCd} says. */
  private static Kit.Builder shop(ArgoCd argoCd) {
    return Kit.builder()
        .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git").argoCd(argoCd));
  }

  private static Kit.Builder shop() {
    return shop(ArgoCd.builder().build());
  }

  private static List<String> serviceViolations(UnaryOperator<Service.Builder> orders) {
    return violations(
        shop()
            .service(
                "orders",
                s -> orders.apply(s.withoutMigrations().database(db -> db.storage("1Gi"))))
            .build());
  }

  private static List<String> helmViolations(Map<String, Object> values) {
    HelmChart chart = Platform.CLOUDNATIVE_PG;
    for (Map.Entry<String, Object> value : values.entrySet()) {
      chart = chart.withValue(value.getKey(), value.getValue());
    }
    HelmChart withValues = chart;
    // A platform needs an AppProject of its own, not Argo CD's "default".
    return violations(
        shop(ArgoCd.builder().project("shop").build())
            .platform(Platform.builder().cloudnativePg(withValues).build())
            .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
            .build());
  }

  // --- not JSON
  // -----------------------------------------------------------------------------------

  @Test
  void validate_reportsProbePaths_whenTheyHoldCredentials_withoutQuotingThem() {
    String token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";

    List<String> violations =
        serviceViolations(
            s ->
                s.app(
                    "ghcr.io/acme/orders:1.0.0",
                    a ->
                        a.readinessPath("/ready?access_token=s3cr3t-value")
                            .livenessPath("/healthz/" + token)));

    assertThat(violations)
        .containsExactly(
            "services[orders].app.readinessPath: contains credentials, which would be committed to Git"
                + " in the Deployment (remove them; a kubelet probe sends no Secret, so serve the"
                + " endpoint without one)",
            "services[orders].app.livenessPath: contains credentials, which would be committed to Git"
                + " in the Deployment (remove them; a kubelet probe sends no Secret, so serve the"
                + " endpoint without one)");
    assertThat(String.join("\n", violations)).doesNotContain("s3cr3t-value").doesNotContain(token);
  }

  @Test
  void validate_neverShowsAnImageWithAQuery_refusedForItsFormat() {
    List<String> violations =
        serviceViolations(
            s ->
                s.app("ghcr.io/acme/orders:1.0?session=s3cr3tSess", a -> a)
                    .database(
                        db ->
                            db.storage("1Gi").imageName("ghcr.io/acme/pg:17?session=s3cr3tSess")));

    assertThat(violations)
        .anyMatch(v -> v.startsWith("services[orders].app.image: the reference (not shown"))
        .anyMatch(
            v -> v.startsWith("services[orders].database.imageName: the reference (not shown"));
    assertThat(String.join("\n", violations)).doesNotContain("s3cr3tSess");
  }

  @Test
  void validate_acceptsProbePaths_withAQueryThatHoldsNoCredential() {
    assertThat(
            serviceViolations(
                s ->
                    s.app(
                        "ghcr.io/acme/orders:1.0.0",
                        a -> a.readinessPath("/ready?deep=true").livenessPath("/healthz"))))
        .isEmpty();
  }

  @Test
  void validate_reportsPatchValue_whenItIsNaNOrInfinite() {
    assertThat(
            serviceViolations(
                s ->
                    s.patch(Patch.set(Patch.Target.CLUSTER, "/spec/x", Double.NaN))
                        .patch(
                            Patch.set(
                                Patch.Target.CLUSTER,
                                "/spec/y",
                                Map.of("ratio", List.of(1.5, Float.POSITIVE_INFINITY))))))
        .containsExactly(
            "services[orders].patches[0].value: NaN is not a JSON number; YAML would carry it as .nan and the API server rejects it "
                + "(use a finite number, or the text the field expects as a String)",
            "services[orders].patches[1].value[ratio][1]: Infinity is not a JSON number; YAML would carry it as .inf and the API server "
                + "rejects it (use a finite number, or the text the field expects as a String)");
  }

  @Test
  void validate_reportsPatchValue_whenANumberIsNotAJsonNumber() {
    assertThat(
            serviceViolations(
                s ->
                    s.patch(Patch.set(Patch.Target.CLUSTER, "/spec/instances", new AtomicLong(3)))))
        .containsExactly(
            "services[orders].patches[0].value: is a java.util.concurrent.atomic.AtomicLong, not a JSON number "
                + "(use an Integer, Long, Double or BigDecimal)");
  }

  @Test
  void validate_reportsHelmValues_whenTheyAreNotJson() {
    Map<String, Object> nested = new HashMap<>();
    nested.put("dir", Path.of("/var/lib/cnpg"));
    @SuppressWarnings("UnnecessaryStringBuilder") // a value that is not JSON, on purpose
    Object notJson = new StringBuilder("builder");
    nested.put("when", notJson);
    Map<Object, Object> numberKeys = new HashMap<>();
    numberKeys.put(1, "one");
    assertThat(helmViolations(Map.of("config", nested, "numbers", numberKeys, "ratio", Double.NaN)))
        .containsExactly(
            "platform.cloudnativePg.values[config][dir]: is a "
                + Path.of("/").getClass().getName()
                + ", not a JSON value (convert it to a String, Number, "
                + "Boolean, List or Map, such as path.toString() or an enum's name())",
            "platform.cloudnativePg.values[config][when]: is a java.lang.StringBuilder, not a JSON value (convert it to a String, Number, "
                + "Boolean, List or Map, such as path.toString() or an enum's name())",
            "platform.cloudnativePg.values[numbers][1]: has a java.lang.Integer key; JSON object keys are strings "
                + "(use String keys, such as String.valueOf(key))",
            "platform.cloudnativePg.values[ratio]: NaN is not a JSON number; YAML would carry it as .nan and the API server rejects it "
                + "(use a finite number, or the text the field expects as a String)");
  }

  @Test
  void validate_reportsHelmValues_whenAListContainsItself() {
    List<Object> list = new ArrayList<>();
    list.add("a");
    list.add(list);

    assertThat(helmViolations(Map.of("loop", list)))
        .containsExactly(
            "platform.cloudnativePg.values[loop][1]: contains itself (build the value as a tree, without cycles)");
  }

  @Test
  void validate_reportsValues_whenTextIsNotValidUnicode() {
    assertThat(
            serviceViolations(
                s ->
                    s.patch(
                        Patch.set(
                            Patch.Target.CLUSTER,
                            "/metadata/annotations/note",
                            "broken \uD800 text"))))
        .containsExactly(
            "services[orders].patches[0].value: is not valid Unicode text (an unpaired surrogate), which no YAML "
                + "file can hold (remove the broken character)");
  }

  @Test
  void validate_acceptsHelmValues_whenTheyAreJson() {
    assertThat(
            helmViolations(
                Map.of(
                    "replicaCount",
                    2,
                    "config",
                    Map.of("data", Map.of("INHERITED_LABELS", "team")),
                    "tolerations",
                    List.of(Map.of("key", "dedicated", "operator", "Exists")),
                    "ratio",
                    0.5,
                    "enabled",
                    true)))
        .isEmpty();
  }

  // --- credentials
  // ----------------------------------------------------------------------------------

  @Test
  void validate_reportsCredentials_inUrlsWithoutEchoingThem() {
    List<String> violations =
        violations(
            shop(ArgoCd.builder()
                    .project("shop")
                    .destinationServer("https://admin:hunter2@k8s.acme.internal:6443")
                    .build())
                .platform(
                    Platform.builder()
                        .cloudnativePg(
                            HelmChart.of(
                                "https://bot:hunter2@charts.acme.internal",
                                "cloudnative-pg",
                                "0.29.0",
                                "cnpg-system"))
                        .build())
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
                                                        S3Credentials.inheritFromPodIdentity())
                                                    .endpointUrl(
                                                        "https://minio:hunter2@minio.storage:9000"))))
                .service(
                    "payments",
                    s ->
                        s.withoutMigrations()
                            .database(
                                db ->
                                    db.storage("1Gi")
                                        .backups(
                                            "s3://"
                                                + AWS_KEY_ID
                                                + ":hunter2@acme-backups/payments/",
                                            b ->
                                                b.credentials(
                                                    S3Credentials.inheritFromPodIdentity()))))
                .build());

    assertThat(violations)
        .containsExactly(
            "repository.argoCd.destinationServer: contains credentials (remove them; Argo CD reads cluster credentials from a cluster Secret)",
            "services[orders].database.backups.endpointUrl: contains credentials (remove them and give the keys with "
                + "S3Credentials.fromSecret(\"<secret>\", \"ACCESS_KEY_ID\", \"ACCESS_SECRET_KEY\"))",
            "services[payments].database.backups.destinationPath: contains credentials (remove them and give the keys with "
                + "S3Credentials.fromSecret(...))",
            "platform.cloudnativePg.repoUrl: contains credentials (remove them; Argo CD reads Helm repository credentials from a "
                + "repository Secret)");
    assertThat(String.join("\n", violations)).doesNotContain("hunter2", AWS_KEY_ID);
  }

  @Test
  void validate_reportsCredentials_inAServerUrlWhosePasswordHoldsASpace() {
    String server = "https://admin:hunter 2@k8s.acme.io";
    List<String> violations =
        violations(
            shop(ArgoCd.builder().destinationServer(server).build())
                .environment("dev", e -> e.destinationServer(server))
                .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
                .build());

    assertThat(violations)
        .containsExactly(
            "repository.argoCd.destinationServer: contains credentials (remove them; Argo CD reads cluster "
                + "credentials from a cluster Secret)",
            "environments[dev].destinationServer: contains credentials (remove them; Argo CD reads cluster "
                + "credentials from a cluster Secret)");
    assertThat(String.join("\n", violations)).doesNotContain("hunter");
  }

  @Test
  void validate_reportsCredentials_inUrlsWithoutASchemeWithoutEchoingThem() {
    String token = "ghp_" + "Q".repeat(36);
    List<String> violations =
        violations(
            Kit.builder()
                .repository(
                    "shop",
                    r ->
                        r.gitUrl("oauth2:" + token + "@gitlab.com/acme/shop.git")
                            .argoCd(ArgoCd.builder().project("shop").build()))
                .environment("dev", e -> e.destinationServer("admin:hunter2@k8s.acme.io:6443"))
                .platform(
                    Platform.builder()
                        .cloudnativePg(
                            HelmChart.of(
                                "robot:hunter2@ghcr.io/acme/charts",
                                "cloudnative-pg",
                                "0.29.0",
                                "cnpg-system"))
                        .build())
                .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
                .build());

    assertThat(violations)
        .containsExactly(
            "repository.gitUrl: contains credentials (remove them; Argo CD reads repository credentials from a Secret, "
                + "never from the Application)",
            "platform.cloudnativePg.repoUrl: contains credentials (remove them; Argo CD reads Helm repository credentials "
                + "from a repository Secret)",
            "environments[dev].destinationServer: contains credentials (remove them; Argo CD reads cluster credentials "
                + "from a cluster Secret)");
    assertThat(String.join("\n", violations)).doesNotContain("hunter2", token);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ghp_QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ@github.com:acme/shop.git",
        "glpat-QQQQQQQQQQQQQQQQQQQQ@gitlab.com:acme/shop.git",
        "https://github.com/acme/ghp_QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ.git"
      })
  void validate_reportsCredentials_whenAGitUrlHoldsATokenAnywhere(String gitUrl) {
    List<String> violations =
        violations(
            Kit.builder()
                .repository("shop", r -> r.gitUrl(gitUrl))
                .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
                .build());

    assertThat(violations)
        .containsExactly(
            "repository.gitUrl: contains credentials (remove them; Argo CD reads repository credentials from a Secret, "
                + "never from the Application)");
    assertThat(String.join("\n", violations)).doesNotContain("QQQQ");
  }

  @Test
  void validate_reportsCredentials_whenAServerOrChartUrlHoldsATokenAnywhere() {
    String token = "glpat-" + "Q".repeat(20);
    List<String> violations =
        violations(
            shop(ArgoCd.builder()
                    .project("shop")
                    .destinationServer("https://k8s.acme.io/?token=" + token)
                    .build())
                .environment("dev", e -> e.destinationServer("https://dev.k8s.acme.io/" + token))
                .platform(
                    Platform.builder()
                        .cloudnativePg(
                            HelmChart.of(
                                "https://charts.acme.io/" + AWS_KEY_ID,
                                "cloudnative-pg",
                                "0.29.0",
                                "cnpg-system"))
                        .build())
                .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
                .build());

    assertThat(violations)
        .containsExactly(
            "repository.argoCd.destinationServer: contains credentials (remove them; Argo CD reads cluster credentials "
                + "from a cluster Secret)",
            "platform.cloudnativePg.repoUrl: contains credentials (remove them; Argo CD reads Helm repository credentials "
                + "from a repository Secret)",
            "environments[dev].destinationServer: contains credentials (remove them; Argo CD reads cluster credentials "
                + "from a cluster Secret)");
    assertThat(String.join("\n", violations)).doesNotContain(token, AWS_KEY_ID);
  }

  @Test
  void validate_reportsCredentials_whenAUrlsQueryNamesOne() {
    String secret = "s3cr3tValue";
    List<String> violations =
        violations(
            Kit.builder()
                .repository(
                    "shop",
                    r ->
                        r.gitUrl("https://github.com/acme/shop.git?access_token=" + secret)
                            .argoCd(
                                ArgoCd.builder()
                                    .project("shop")
                                    .destinationServer("https://k8s.acme.io/?token=" + secret)
                                    .build()))
                .environment(
                    "dev", e -> e.destinationServer("https://dev.k8s.acme.io/?Password=" + secret))
                .platform(
                    Platform.builder()
                        .cloudnativePg(
                            HelmChart.of(
                                "https://charts.acme.io/?ref=main&api_key=" + secret,
                                "cloudnative-pg",
                                "0.29.0",
                                "cnpg-system"))
                        .build())
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
                                                        S3Credentials.inheritFromPodIdentity())
                                                    .endpointUrl(
                                                        "https://minio:9000/?X-Amz-Signature="
                                                            + secret))))
                .build());

    assertThat(violations)
        .containsExactly(
            "repository.gitUrl: contains credentials (remove them; Argo CD reads repository credentials from a Secret, "
                + "never from the Application)",
            "repository.argoCd.destinationServer: contains credentials (remove them; Argo CD reads cluster credentials "
                + "from a cluster Secret)",
            "services[orders].database.backups.endpointUrl: contains credentials (remove them and give the keys with "
                + "S3Credentials.fromSecret(\"<secret>\", \"ACCESS_KEY_ID\", \"ACCESS_SECRET_KEY\"))",
            "platform.cloudnativePg.repoUrl: contains credentials (remove them; Argo CD reads Helm repository credentials "
                + "from a repository Secret)",
            "environments[dev].destinationServer: contains credentials (remove them; Argo CD reads cluster credentials "
                + "from a cluster Secret)");
    assertThat(String.join("\n", violations)).doesNotContain(secret);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://charts.acme.io/?ref=main",
        "https://charts.acme.io/?token=",
        "https://charts.acme.io/?token=$(HELM_TOKEN)",
        "https://charts.acme.io/tokens?x=1"
      })
  void validate_acceptsAUrlsQuery_whenItNamesNoCredentialOrOnlyReferencesOne(String repoUrl) {
    assertThat(helmViolationsFor(HelmChart.of(repoUrl, "cloudnative-pg", "0.29.0", "cnpg-system")))
        .isEmpty();
  }

  private static List<String> helmViolationsFor(HelmChart chart) {
    return violations(
        shop(ArgoCd.builder().project("shop").build())
            .platform(Platform.builder().cloudnativePg(chart).build())
            .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
            .build());
  }

  @Test
  void validate_reportsMalformedUrlsAndPathsWithoutQuotingThem_whenTheyHoldAQuery() {
    String secret = "s3cr3tValue";
    List<String> violations =
        violations(
            shop(ArgoCd.builder()
                    .project("shop")
                    .destinationServer("http://k8s.acme.io/?session=" + secret)
                    .build())
                .environment(
                    "dev", e -> e.destinationServer("http://dev.k8s.acme.io/?session=" + secret))
                .platform(
                    Platform.builder()
                        .cloudnativePg(
                            HelmChart.of(
                                "ftp://charts.acme.io/?session=" + secret,
                                "cloudnative-pg",
                                "0.29.0",
                                "cnpg-system"))
                        .barmanCloud(
                            HelmChart.of(
                                "oci://ghcr.io/acme/charts?session=" + secret,
                                "plugin-barman-cloud",
                                "0.5.0",
                                "cnpg-system"))
                        .build())
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
                                                        S3Credentials.inheritFromPodIdentity())
                                                    .endpointUrl("minio:9000/?session=" + secret)))
                            .app(
                                "ghcr.io/acme/orders:1.0.0",
                                a -> a.readinessPath("ready?session=" + secret)))
                .build());

    assertThat(violations)
        .containsExactly(
            "repository.argoCd.destinationServer: the URL (not shown, as it may hold a credential) is not"
                + " an https URL (use the cluster's API server URL, or \"https://kubernetes.default.svc\""
                + " for Argo CD's own cluster)",
            "services[orders].database.backups.endpointUrl: the URL (not shown, as it may hold a"
                + " credential) is not an http(s) URL (use the S3 endpoint, such as"
                + " \"https://minio.storage:9000\")",
            "services[orders].app.readinessPath: the path (not shown, as it may hold a credential) is not"
                + " an HTTP path (start it with '/', such as \"/ready\")",
            "platform.cloudnativePg.repoUrl: the URL (not shown, as it may hold a credential) is not a"
                + " Helm repository (use an https:// chart repository, or an OCI registry without oci://,"
                + " such as \"ghcr.io/cloudnative-pg/charts\")",
            "platform.barmanCloud.repoUrl: the URL (not shown, as it may hold a credential) has the"
                + " oci:// scheme, which Argo CD reads as an OCI artifact source that ignores the chart"
                + " (3.1 and later) or does not read (before) (write the registry without oci://; a"
                + " private registry also needs an Argo CD repository Secret of type helm with"
                + " enableOCI \"true\" and its credentials)",
            "environments[dev].destinationServer: the URL (not shown, as it may hold a credential) is not"
                + " an https URL without credentials (use the cluster's API server URL, such as"
                + " \"https://prod.k8s.acme.io\")");
    assertThat(String.join("\n", violations)).doesNotContain(secret);
  }

  @Test
  void validate_reportsAMalformedGitUrlWithoutQuotingIt_whenItHoldsAQuery() {
    List<String> violations =
        violations(
            Kit.builder()
                .repository("shop", r -> r.gitUrl("github.com/acme/shop.git?ref=abc123"))
                .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
                .build());

    assertThat(violations)
        .containsExactly(
            "repository.gitUrl: the URL (not shown, as it may hold a credential) is not a Git URL (use"
                + " https://host/org/repo.git or git@host:org/repo.git)");
  }

  @Test
  void validate_reportsLabelsAndParameters_thatCarryACredential_withoutEchoingThem() {
    // Longer than a label value may be, so that a label check after the credential's would quote
    // it.
    String token = "ghp_" + "Q".repeat(60);
    List<String> violations =
        violations(
            shop()
                .environment(
                    "dev",
                    e -> e.destinationServer("https://dev.k8s.acme.io").label("token", token))
                .service(
                    "orders",
                    s ->
                        s.label("api-token", token)
                            .label("db-password", "hunter2" + "x".repeat(60))
                            .withoutMigrations()
                            .database(
                                db ->
                                    db.storage("1Gi")
                                        .parameter("pgaudit.log_password", "hunter2")
                                        .parameter("anon.salt", token)
                                        .parameter("acme.dsn", "postgresql://app:hunter2@db/x")
                                        .pooler(
                                            p ->
                                                p.parameter(
                                                    "server_tls_key_file_password", "hunter2")))
                            .monitoring(m -> m.selectorLabel("release", token)))
                .service(
                    "payments",
                    s ->
                        s.withoutMigrations()
                            .database(
                                db ->
                                    db.planetScale(
                                        ps ->
                                            ps.organization("acme")
                                                .database("shop")
                                                .parameter("pgbouncer", "auth_password", "hunter2")
                                                .bouncer(
                                                    b -> b.parameter("auth_password", "hunter2")))))
                .build());

    assertThat(violations)
        .containsExactly(
            "services[orders].labels[api-token]: holds a literal api-token, which would be committed to Git in "
                + "the generated files (remove it and keep the credential in a Secret; anyone who may list the object "
                + "reads its labels)",
            "services[orders].labels[db-password]: holds a literal db-password, which would be committed to Git "
                + "in the generated files (remove it and keep the credential in a Secret; anyone who may list the "
                + "object reads its labels)",
            "services[orders].database.parameters[acme.dsn]: holds a URL with a password, which would be "
                + "committed to Git in the generated files (remove it and keep the credential in a Secret)",
            "services[orders].database.parameters[anon.salt]: holds a GitHub token, which would be committed to "
                + "Git in the generated files (remove it and keep the credential in a Secret)",
            "services[orders].database.parameters[pgaudit.log_password]: holds a literal pgaudit.log_password, "
                + "which would be committed to Git in the generated files (remove it and keep the credential in a "
                + "Secret)",
            "services[orders].database.pooler.parameters[server_tls_key_file_password]: holds a literal "
                + "server_tls_key_file_password, which would be committed to Git in the generated files (remove it and "
                + "keep the credential in a Secret)",
            "services[orders].database.pooler.parameters[server_tls_key_file_password]: "
                + "\"server_tls_key_file_password\" is not a PgBouncer parameter CloudNativePG lets a Pooler set; its "
                + "webhook rejects the Pooler (use one from "
                + "https://cloudnative-pg.io/documentation/current/connection_pooling/#pgbouncer-configuration-options, "
                + "such as max_client_conn or default_pool_size)",
            "services[orders].monitoring.selectorLabels[release]: holds a GitHub token, which would be committed "
                + "to Git in the generated files (remove it and keep the credential in a Secret; anyone who may list "
                + "the object reads its labels)",
            "services[payments].database.planetScale.parameters.pgbouncer.auth_password: holds a literal "
                + "auth_password, which would be committed to Git in the generated files (remove it and keep the "
                + "credential in a Secret)",
            "services[payments].database.planetScale.bouncer.parameters.auth_password: holds a literal "
                + "auth_password, which would be committed to Git in the generated files (remove it and keep the "
                + "credential in a Secret)",
            "environments[dev].labels[token]: holds a literal token, which would be committed to Git in the "
                + "generated files (remove it and keep the credential in a Secret; anyone who may list the object reads "
                + "its labels)");
    assertThat(String.join("\n", violations)).doesNotContain("hunter2", token);
  }

  @Test
  void validate_refusesAPasswordStartingWithADollar_inParameters_whichNothingExpands() {
    List<String> violations =
        violations(
            shop()
                .service(
                    "orders",
                    s ->
                        s.withoutMigrations()
                            .database(
                                db ->
                                    db.storage("1Gi")
                                        .parameter("pgaudit.log_password", "$ecretPw1")
                                        .pooler(p -> p.parameter("auth_password", "$(PW)"))))
                .service(
                    "payments",
                    s ->
                        s.withoutMigrations()
                            .database(
                                db ->
                                    db.planetScale(
                                        ps ->
                                            ps.organization("acme")
                                                .database("shop")
                                                .parameter("pgconf", "some_password", "$3cret")
                                                .bouncer(
                                                    b -> b.parameter("admin_password", "${PW}")))))
                .build());

    assertThat(violations)
        .contains(
            "services[orders].database.parameters[pgaudit.log_password]: holds a literal pgaudit.log_password, "
                + "which would be committed to Git in the generated files (remove it and keep the credential in a "
                + "Secret)",
            "services[orders].database.pooler.parameters[auth_password]: holds a literal auth_password, which"
                + " would be committed to Git in the generated files (remove it and keep the credential in a"
                + " Secret)",
            "services[payments].database.planetScale.parameters.pgconf.some_password: holds a literal "
                + "some_password, which would be committed to Git in the generated files (remove it and keep the "
                + "credential in a Secret)",
            "services[payments].database.planetScale.bouncer.parameters.admin_password: holds a literal "
                + "admin_password, which would be committed to Git in the generated files (remove it and keep the "
                + "credential in a Secret)");
    assertThat(String.join("\n", violations)).doesNotContain("ecretPw1", "3cret", "$(PW)", "${PW}");
  }

  @Test
  void validate_reportsUrlsWithCredentials_inLabelsParametersAndSecretNames_asInUrlFindsThem() {
    List<String> violations =
        serviceViolations(
            s ->
                s.label("dsn", "app:hunter2@db")
                    .database(
                        db ->
                            db.storage("1Gi")
                                .parameter(
                                    "acme.url", "https://x-access-token-hunter2@github.com/acme")
                                .backups(
                                    "s3://acme-backups/orders/",
                                    b ->
                                        b.credentials(
                                            S3Credentials.fromSecret(
                                                "minio:hunter2@s3", "ACCESS_KEY_ID", "SECRET")))));

    assertThat(violations)
        .containsExactly(
            "services[orders].labels[dsn]: holds a URL with a password, which would be committed to Git in the "
                + "generated files (remove it and keep the credential in a Secret; anyone who may list the object "
                + "reads its labels)",
            "services[orders].database.parameters[acme.url]: holds a URL with a password, which would be "
                + "committed to Git in the generated files (remove it and keep the credential in a Secret)",
            "services[orders].database.backups.credentials.accessKeyId.name: looks like a URL with a password, "
                + "not a Secret name (use the name of a Secret in the namespace, and keep the credential in it)",
            "services[orders].database.backups.credentials.secretAccessKey.name: looks like a URL with a "
                + "password, not a Secret name (use the name of a Secret in the namespace, and keep the credential "
                + "in it)");
    assertThat(String.join("\n", violations)).doesNotContain("hunter2");
  }

  @Test
  void validate_reportsPatchValues_thatCarryACredential() {
    List<String> violations =
        serviceViolations(
            s ->
                s.app("ghcr.io/acme/orders:1.0.0", a -> a)
                    .patch(
                        Patch.set(
                            Patch.Target.APP_DEPLOYMENT,
                            "/spec/template/spec/containers/0/env/-",
                            Map.of("name", "STRIPE_API_KEY", "value", "sk_live_hunter2")))
                    .patch(
                        Patch.set(
                            Patch.Target.APP_DEPLOYMENT,
                            "/spec/template/metadata/annotations/db-password",
                            "hunter2"))
                    .patch(
                        Patch.set(
                            Patch.Target.CLUSTER,
                            "/spec/env",
                            List.of(Map.of("name", "AWS_ACCESS_KEY_ID", "value", AWS_KEY_ID))))
                    .patch(
                        Patch.set(
                            Patch.Target.CLUSTER,
                            "/metadata/annotations/source",
                            "postgres://app:hunter2@db.acme.internal/app")));

    assertThat(violations)
        .containsExactly(
            "services[orders].patches[0].value[value]: sets environment variable STRIPE_API_KEY to a literal, which would be committed "
                + "to Git (read it from a Secret: {name: STRIPE_API_KEY, valueFrom: {secretKeyRef: {name: <secret>, key: <key>}}})",
            "services[orders].patches[1].value: holds a literal db-password, which would be committed to Git in the generated files "
                + "(keep it in a Secret and reference it, such as valueFrom.secretKeyRef for an environment variable)",
            "services[orders].patches[2].value[0][value]: sets environment variable AWS_ACCESS_KEY_ID to a literal, which would be "
                + "committed to Git (read it from a Secret: {name: AWS_ACCESS_KEY_ID, valueFrom: {secretKeyRef: {name: <secret>, key: <key>}}})",
            "services[orders].patches[3].value: holds a URL with a password, which would be committed to Git in the generated files "
                + "(keep it in a Secret and reference it, such as valueFrom.secretKeyRef for an environment variable)");
    assertThat(String.join("\n", violations)).doesNotContain("hunter2", AWS_KEY_ID);
  }

  @Test
  void validate_namesTheUnescapedKey_whenAPatchValueUnderAnEscapedKeyIsACredential() {
    assertThat(
            serviceViolations(
                s ->
                    s.patch(
                        Patch.set(
                            Patch.Target.CLUSTER,
                            "/metadata/annotations/acme.io~1db-password",
                            "hunter2"))))
        .containsExactly(
            "services[orders].patches[0].value: holds a literal acme.io/db-password, which would be"
                + " committed to Git in the generated files (keep it in a Secret and reference it,"
                + " such as valueFrom.secretKeyRef for an environment variable)");
  }

  @Test
  void validate_reportsHelmValues_thatCarryACredential() {
    List<String> violations =
        helmViolations(
            Map.of(
                "auth", Map.of("postgresPassword", "hunter2", "existingSecret", "cnpg-auth"),
                "extraEnv",
                    List.of(
                        Map.of("name", "GITHUB_TOKEN", "value", "ghp_" + "a1b2c3d4e5".repeat(4))),
                "tls", Map.of("key", "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIE...")));

    assertThat(violations)
        .containsExactly(
            "platform.cloudnativePg.values[auth][postgresPassword]: holds a literal postgresPassword, which would be committed to Git in the "
                + "generated files (keep it in a Secret and point the chart at it (most charts take an existingSecret value))",
            "platform.cloudnativePg.values[extraEnv][0][value]: sets environment variable GITHUB_TOKEN to a literal, which would be "
                + "committed to Git (read it from a Secret: {name: GITHUB_TOKEN, valueFrom: {secretKeyRef: {name: <secret>, key: <key>}}})",
            "platform.cloudnativePg.values[tls][key]: holds a private key, which would be committed to Git in the generated files "
                + "(keep it in a Secret and point the chart at it (most charts take an existingSecret value))");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "existingSecret",
        "passwordSecretName",
        "tokenSecretRef",
        "secretName",
        "keyId",
        "tokenTtl"
      })
  void validate_acceptsValues_thatOnlyReferenceASecret(String key) {
    assertThat(helmViolations(Map.of(key, "cnpg-credentials"))).isEmpty();
  }

  @Test
  void validate_acceptsEnvironmentVariables_thatComeFromASecretOrTheEnvironment() {
    assertThat(
            serviceViolations(
                s ->
                    s.app("ghcr.io/acme/orders:1.0.0", a -> a)
                        .patch(
                            Patch.set(
                                Patch.Target.APP_DEPLOYMENT,
                                "/spec/template/spec/containers/0/env/-",
                                Map.of(
                                    "name",
                                    "DB_PASSWORD",
                                    "valueFrom",
                                    Map.of(
                                        "secretKeyRef",
                                        Map.of("name", "orders-cluster-app", "key", "password")))))
                        .patch(
                            Patch.set(
                                Patch.Target.APP_DEPLOYMENT,
                                "/spec/template/spec/containers/0/env/-",
                                Map.of(
                                    "name", "PGPASSFILE_TOKEN_PATH", "value", "$(HOME)/.pgpass")))
                        .patch(
                            Patch.set(
                                Patch.Target.APP_DEPLOYMENT,
                                "/spec/template/spec/containers/0/env/-",
                                Map.of("name", "LOG_LEVEL", "value", "debug")))))
        .isEmpty();
  }
}
