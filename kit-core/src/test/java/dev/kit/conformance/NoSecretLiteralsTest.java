package dev.kit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.kit.conformance.GeneratedObjects.GeneratedFile;
import dev.kit.conformance.GeneratedObjects.Manifest;
import dev.kit.golden.GoldenPlans;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generated files are committed to Git and shown in pull requests, so they must never hold a
 * credential: the database URL comes from CNPG's {@code <cluster>-app} Secret and the CA from
 * {@code <cluster>-ca}, by reference only.
 */
class NoSecretLiteralsTest {

  /** Environment variables that carry credentials or a URL that may contain them. */
  private static final Pattern CREDENTIAL_ENV =
      Pattern.compile(
          "PASSWORD|PASSWD|SECRET|TOKEN|KEY|CREDENTIAL|DATABASE_URL|^PGUSER$|_URI$|_DSN$");

  static Stream<GeneratedFile> files() {
    return GeneratedObjects.generatedFiles().stream();
  }

  static Stream<Manifest> objects() {
    return GeneratedObjects.objects().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void file_containsNoSecretLiteral_forEveryGeneratedFile(GeneratedFile file) {
    List<String> findings = SecretLiterals.scanText(file.where(), file.text());
    if (!findings.isEmpty()) {
      fail("secret-looking literals in " + file.where() + ":\n  " + String.join("\n  ", findings));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("objects")
  void object_holdsNoSecretOrLiteralCredential_forEveryGeneratedObject(Manifest manifest) {
    assertThat(SecretLiterals.scanObject(manifest.where(), manifest.object())).isEmpty();
  }

  @Test
  void generatedFiles_includeEveryObjectFileAndAtlasHcl_whenCollected() {
    List<GeneratedFile> files = GeneratedObjects.generatedFiles();
    long objectFiles =
        GeneratedObjects.roots().stream()
            .mapToLong(r -> GeneratedObjects.objectFiles(r).size())
            .sum();
    long hcl =
        files.stream().filter(f -> f.file().getFileName().toString().equals("atlas.hcl")).count();
    long runbooks =
        files.stream().filter(f -> f.file().getFileName().toString().equals("RUNBOOK.md")).count();
    long sums =
        files.stream().filter(f -> f.file().getFileName().toString().equals("atlas.sum")).count();
    long modules =
        files.stream().filter(f -> f.file().getFileName().toString().endsWith(".tf")).count();
    System.out.printf(
        "NoSecretLiteralsTest: %d generated files scanned (%d object files, %d atlas.hcl, %d RUNBOOK.md, %d atlas.sum,"
            + " %d OpenTofu modules)%n",
        files.size(), objectFiles, hcl, runbooks, sums, modules);

    assertThat(files.size()).isEqualTo((int) (objectFiles + hcl + runbooks + sums + modules));
    assertThat(modules).as("OpenTofu modules (PlanetScale)").isPositive();
    assertThat(hcl).as("atlas.hcl files").isPositive();
    assertThat(runbooks).as("RUNBOOK.md files").isPositive();
    assertThat(sums).as("atlas.sum files").isPositive();
  }

  @Test
  void generatedFiles_includeEveryFileKitPlans_forEveryGoldenCase() {
    Set<Path> scanned =
        GeneratedObjects.generatedFiles().stream()
            .map(f -> f.file().toAbsolutePath().normalize())
            .collect(Collectors.toSet());
    List<String> missing = new ArrayList<>();
    GoldenPlans.byCaseFolder()
        .forEach(
            (folder, plan) ->
                plan.paths().stream()
                    .filter(
                        path ->
                            !scanned.contains(folder.resolve(path).toAbsolutePath().normalize()))
                    .forEach(path -> missing.add(folder.getFileName() + ":" + path)));

    assertThat(missing).as("generated files the secret scan does not read").isEmpty();
  }

  /** The keys of CNPG's app Secret, which a connection Secret of the team's holds too. */
  private static final Set<String> CONNECTION_KEYS =
      Set.of("uri", "jdbc-uri", "host", "port", "dbname", "username", "password");

  @Test
  void credentials_comeOnlyFromTheClusterSecrets_inEveryGeneratedWorkload() {
    List<Manifest> objects = GeneratedObjects.objects();
    Map<Path, String> clusterByService =
        objects.stream()
            .filter(m -> m.kind().equals("Cluster"))
            .collect(Collectors.toMap(NoSecretLiteralsTest::serviceDir, Manifest::name));
    // The Secrets of the Cluster's managed roles, whose user and password an app may connect with
    // (App.connectAs): the Cluster names them, kit writes none.
    Map<Path, Set<String>> roleSecretsByService = new HashMap<>();
    for (Manifest cluster : objects) {
      if (cluster.kind().equals("Cluster")) {
        Set<String> secrets = new TreeSet<>();
        for (JsonNode role : cluster.object().at("/spec/managed/roles")) {
          if (role.at("/passwordSecret/name").isString()) {
            secrets.add(role.at("/passwordSecret/name").asString());
          }
        }
        roleSecretsByService.put(serviceDir(cluster), secrets);
      }
    }
    List<Manifest> workloads =
        objects.stream().filter(m -> PodSecurityRestricted.hasPodTemplate(m.object())).toList();
    assertThat(workloads).filteredOn(m -> m.kind().equals("Job")).isNotEmpty();
    for (Manifest workload : workloads) {
      // Without a Cluster, the database is one kit does not run: its connection Secret is the
      // team's.
      String cluster = clusterByService.get(serviceDir(workload));
      JsonNode pod =
          workload
              .object()
              .at(PodSecurityRestricted.POD_TEMPLATE_PATHS.get(workload.kind()) + "/spec");

      Set<String> referenced = new TreeSet<>();
      List<String> problems = new ArrayList<>();
      for (String list : List.of("initContainers", "containers")) {
        for (JsonNode container : pod.path(list)) {
          String name = container.path("name").asString();
          if (container.has("envFrom")) {
            problems.add(
                name + ": envFrom imports every key of a Secret or ConfigMap; name the keys");
          }
          for (JsonNode env : container.path("env")) {
            JsonNode secretRef = env.at("/valueFrom/secretKeyRef");
            if (secretRef.isObject()) {
              referenced.add(
                  secretRef.path("name").asString() + "/" + secretRef.path("key").asString());
            } else if (CREDENTIAL_ENV.matcher(env.path("name").asString()).find()) {
              problems.add(
                  name + ": " + env.path("name").asString() + " does not come from a secretKeyRef");
            }
          }
        }
      }
      for (JsonNode volume : pod.path("volumes")) {
        JsonNode secret = volume.path("secret");
        if (secret.isObject()) {
          if (secret.path("items").isEmpty()) {
            problems.add(
                "secret volume "
                    + volume.path("name").asString()
                    + " mounts every key; project named items");
          }
          secret
              .path("items")
              .forEach(
                  item ->
                      referenced.add(
                          secret.path("secretName").asString()
                              + "/"
                              + item.path("key").asString()));
        }
        for (JsonNode source : volume.at("/projected/sources")) {
          if (source.has("secret")) {
            problems.add(
                "projected volume "
                    + volume.path("name").asString()
                    + " has secret source "
                    + source.at("/secret/name").asString());
          }
        }
      }

      assertThat(problems).as("credential handling in %s", workload.where()).isEmpty();
      if (cluster == null) {
        // one connection Secret, by the keys of CNPG's app Secret; any other Secret only for a CA
        // certificate
        Set<String> secrets = new TreeSet<>();
        referenced.stream()
            .filter(ref -> CONNECTION_KEYS.contains(ref.substring(ref.indexOf('/') + 1)))
            .forEach(ref -> secrets.add(ref.substring(0, ref.indexOf('/'))));
        assertThat(secrets)
            .as("connection Secrets %s reads", workload.where())
            .hasSizeLessThanOrEqualTo(1);
        assertThat(referenced)
            .as("Secret keys %s reads", workload.where())
            .allSatisfy(
                ref ->
                    assertThat(
                            secrets.contains(ref.substring(0, ref.indexOf('/')))
                                || (!ref.endsWith("/ca.key") && !ref.endsWith("/tls.key")))
                        .as(ref)
                        .isTrue());
        if (workload.kind().equals("Job")) {
          assertThat(secrets).as("connection Secrets %s reads", workload.where()).hasSize(1);
          assertThat(referenced)
              .as("Secret keys %s reads", workload.where())
              .contains(secrets.iterator().next() + "/uri");
        }
        continue;
      }
      if (workload.kind().equals("Job")) {
        assertThat(referenced)
            .as("Secret keys %s reads", workload.where())
            .contains(cluster + "-app/uri");
      }
      // the app Secret's keys by name, of the CA Secret only ca.crt (never ca.key or tls.key), and
      // a managed role's user and password
      Set<String> roleSecrets = roleSecretsByService.getOrDefault(serviceDir(workload), Set.of());
      assertThat(referenced)
          .as("Secret keys %s reads", workload.where())
          .allSatisfy(
              ref ->
                  assertThat(
                          ref.startsWith(cluster + "-app/")
                              || ref.equals(cluster + "-ca/ca.crt")
                              || (roleSecrets.contains(ref.substring(0, ref.indexOf('/')))
                                  && (ref.endsWith("/username") || ref.endsWith("/password"))))
                      .as(ref)
                      .isTrue());
    }
  }

  @Test
  void atlasHcl_readsTheDatabaseUrlFromTheEnvironment_inEveryFile() {
    List<GeneratedFile> hcl =
        GeneratedObjects.generatedFiles().stream()
            .filter(f -> f.file().getFileName().toString().equals("atlas.hcl"))
            .toList();
    assertThat(hcl).isNotEmpty();
    for (GeneratedFile file : hcl) {
      List<String> urls =
          file.text()
              .lines()
              .map(String::trim)
              .filter(l -> l.startsWith("url ") || l.startsWith("url="))
              .toList();
      assertThat(urls)
          .as("url lines of %s", file.where())
          .isNotEmpty()
          .allSatisfy(line -> assertThat(line).contains("getenv(\"DATABASE_URL\")"));
    }
  }

  static Stream<Arguments> plantedSecrets() {
    return Stream.of(
        Arguments.of("password: hunter2hunter2", "password-field"),
        Arguments.of("  \"password\": \"s3cr3t\"", "password-field"),
        Arguments.of("    password   = \"hunter2\"", "password-field"),
        Arguments.of("  service_token = \"pscale_tkn_hunter2\"", "private-key-assignment"),
        Arguments.of("export PGPASSWORD=hunter2", "pgpassword"),
        Arguments.of("  PGPASSWORD: \"hunter2\"", "pgpassword"),
        Arguments.of(
            "url = \"postgres://app:s3cr3t@orders-cluster-rw:5432/app\"", "url-credentials"),
        Arguments.of(
            "- postgresql://orders:hunter2@db/orders?sslmode=verify-full", "url-credentials"),
        Arguments.of("kind: Secret", "secret-kind"),
        Arguments.of("  ca.key: |\n    -----BEGIN " + "EC PRIVATE KEY-----", "pem-block"),
        Arguments.of("  key.pem: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t", "base64-pem-block"),
        Arguments.of("aws_access_key_id = AKIA" + "ABCDEFGHIJKLMNOP", "aws-access-key-id"),
        Arguments.of("token: ghp_" + "a1b2c3d4e5".repeat(4), "github-token"),
        Arguments.of("TOKEN=glpat-" + "abcdefghij".repeat(2), "gitlab-token"),
        Arguments.of("webhook: xoxb-" + "1234567890-abcdef", "slack-token"),
        Arguments.of("api_key: " + "Zm9vYmFyYmF6cXV4".repeat(2), "private-key-assignment"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("plantedSecrets")
  void scanText_flagsTheRule_whenASecretIsPlanted(String line, String rule) {
    String text = "# Code generated by kit from test. DO NOT EDIT.\napiVersion: v1\n" + line + "\n";

    List<String> findings = SecretLiterals.scanText("planted.yaml", text);

    assertThat(findings)
        .anySatisfy(f -> assertThat(f).startsWith("planted.yaml:").contains("[" + rule + "]"));
    assertThat(String.join("\n", findings))
        .as("findings are masked")
        .doesNotContain("hunter2", "s3cr3t", "ABCDEFGHIJKLMNOP");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "- $(DATABASE_URL)?sslmode=verify-full&sslrootcert=/etc/kit/db-ca/ca.crt",
        "  url = \"${getenv(\"DATABASE_URL\")}?sslmode=verify-full&sslrootcert=/etc/kit/db-ca/ca.crt\"",
        "  dev = \"docker://postgres/17/dev\"",
        "    server: https://prod.k8s.acme.internal:6443",
        "    repoURL: git@github.com:acme/payments.git",
        "    repoURL: https://github.com/acme/shop.git",
        "              secretKeyRef:",
        "            secretName: orders-cluster-ca",
        "        kit.dev/migrations: h1:MNelXhdXK6Ftw6hOHEldcUZ0MSAEQ/kkC3klfvTW+mw=",
        "    ALTER TABLE users ADD COLUMN password_hash text NOT NULL;",
        "            - name: PGPASSWORD",
        "#   psql \"host=$PGHOST password=$PGPASSWORD\"",
        "    password   = local.migrator_pass",
        "  value     = planetscale_postgres_branch_role.app.password"
      })
  void scanText_findsNothing_whenTextOnlyReferencesSecrets(String line) {
    assertThat(SecretLiterals.scanText("safe.yaml", line + "\n")).isEmpty();
  }

  @Test
  void scanObject_flagsLiteralsAndSecrets_whenPlantedInAnObject() {
    JsonNodeFactory n = JsonNodeFactory.instance;
    ObjectNode job =
        (ObjectNode)
            GeneratedObjects.objects().stream()
                .filter(m -> m.kind().equals("Job"))
                .findFirst()
                .orElseThrow()
                .object()
                .deepCopy();
    UpstreamSchemaTest.plant(
        job,
        "/spec/template/spec/containers/0/env/0",
        n.objectNode().put("name", "DB_PASSWORD").put("value", "not-from-a-secret"));
    ObjectNode secret = n.objectNode().put("apiVersion", "v1").put("kind", "Secret");

    assertThat(SecretLiterals.scanObject("job.yaml", job))
        .containsExactly(
            "job.yaml: $.spec.template.spec.containers[0].env[0].value: [env-literal] DB_PASSWORD has a literal value; use valueFrom.secretKeyRef");
    assertThat(SecretLiterals.scanObject("secret.yaml", secret))
        .anySatisfy(f -> assertThat(f).contains("[secret-kind]"));
  }

  /**
   * The folder a service deploys from: {@code services/<svc>}, or with environments {@code
   * services/<svc>/envs/<env>}.
   */
  private static Path serviceDir(Manifest manifest) {
    Path relative = manifest.root().services().relativize(manifest.file());
    Path service = manifest.root().services().resolve(relative.getName(0));
    return relative.getNameCount() > 3 && relative.getName(1).toString().equals("envs")
        ? service.resolve("envs").resolve(relative.getName(2))
        : service;
  }
}
