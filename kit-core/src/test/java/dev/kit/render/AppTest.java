package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.model.App;
import dev.kit.model.Kit;
import dev.kit.plan.FilePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The generated app's Deployment: a numeric user kubelet can prove is not root, and a JDBC URL for
 * Java apps.
 */
class AppTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  @TempDir Path repo;

  private JsonNode deployment(App.Connection connection, UnaryOperator<App.Builder> app)
      throws IOException {
    Files.createDirectories(repo.resolve("services/orders"));
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(db -> db.storage("1Gi").pooler(p -> p.instances(2)))
                        .app("ghcr.io/acme/orders:1.4.2", a -> app.apply(a.connection(connection))))
            .build();
    FilePlan plan = Generator.forRepository(repo).source("test").plan(kit);
    return YAML.readTree(plan.text("services/orders/manifests/app/deployment.yaml"));
  }

  @Test
  void deployment_restartsOnAPasswordRotation_andCarriesNoAnnotationBeforeOne() throws IOException {
    Files.createDirectories(repo.resolve("services/orders"));
    for (int rotation : new int[] {0, 2}) {
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
                                              .passwordRotation(rotation)))
                          .app("ghcr.io/acme/orders:1.4.2", a -> a))
              .build();
      FilePlan plan = Generator.forRepository(repo).source("test").plan(kit);
      JsonNode metadata =
          YAML.readTree(plan.text("services/orders/manifests/app/deployment.yaml"))
              .at("/spec/template/metadata");
      if (rotation == 0) {
        assertThat(metadata.has("annotations")).isFalse();
      } else {
        assertThat(metadata.at("/annotations/kit.dev~1password-rotation").asString())
            .isEqualTo("2");
      }
    }
  }

  private static JsonNode env(JsonNode deployment, String name) {
    for (JsonNode env : deployment.at("/spec/template/spec/containers/0/env")) {
      if (env.path("name").asString().equals(name)) {
        return env;
      }
    }
    return MissingNode.getInstance();
  }

  @Test
  void deployment_runsAsANumericUserAndGroup_byDefault() throws IOException {
    JsonNode context =
        deployment(App.Connection.URI, a -> a).at("/spec/template/spec/securityContext");

    // runAsNonRoot alone: kubelet refuses an image whose USER is root or a name it cannot prove is
    // not root.
    assertThat(context.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(context.path("runAsUser").asLong()).isEqualTo(10001L);
    assertThat(context.path("runAsGroup").asLong()).isEqualTo(10001L);
    assertThat(context.has("fsGroup"))
        .as("no volume needs a group: /tmp is an emptyDir, the CA a Secret")
        .isFalse();
  }

  @Test
  void deployment_runsAsTheGivenUserAndGroup_whenSet() throws IOException {
    JsonNode context =
        deployment(App.Connection.URI, a -> a.runAsUser(1000).runAsGroup(3000))
            .at("/spec/template/spec/securityContext");

    assertThat(context.path("runAsUser").asLong()).isEqualTo(1000L);
    assertThat(context.path("runAsGroup").asLong()).isEqualTo(3000L);
  }

  @ParameterizedTest
  @EnumSource(
      value = App.Connection.class,
      names = {"URI", "PARTS"})
  void deployment_offersJdbcUrl_fromTheSecretsJdbcUri_verifiedAgainstTheClusterCa(
      App.Connection connection) throws IOException {
    JsonNode deployment = deployment(connection, a -> a);

    assertThat(env(deployment, "CNPG_JDBC_URI").at("/valueFrom/secretKeyRef"))
        .isEqualTo(YAML.readTree("{name: orders-cluster-app, key: jdbc-uri}"));
    // CNPG's jdbc-uri always has a query (user and password) and no sslmode; pgJDBC would default
    // to prefer.
    assertThat(env(deployment, "JDBC_URL").path("value").asString())
        .isEqualTo("$(CNPG_JDBC_URI)&sslmode=verify-full&sslrootcert=/etc/kit/db-ca/ca.crt");
    assertThat(deployment.at("/spec/template/spec/containers/0/volumeMounts"))
        .anySatisfy(
            mount -> assertThat(mount.path("mountPath").asString()).isEqualTo("/etc/kit/db-ca"));
  }

  @Test
  void deployment_offersJdbcUrlToThePooler_whenConnectingThroughThePooler() throws IOException {
    JsonNode deployment = deployment(App.Connection.POOLER, a -> a);

    // CNPG's Secret has no pooler URI (only uri, jdbc-uri and their fqdn- forms): built from the
    // same parts as PG*.
    assertThat(env(deployment, "JDBC_URL").path("value").asString())
        .isEqualTo(
            "jdbc:postgresql://orders-cluster-pooler-rw:5432/"
                + "$(PGDATABASE)?user=$(PGUSER)&password=$(PGPASSWORD)&sslmode=verify-full&sslrootcert=/etc/kit/db-ca/ca.crt");
  }

  @ParameterizedTest
  @EnumSource(App.Connection.class)
  void deployment_asksLibpqToVerifyTheServer_forEveryConnection(App.Connection connection)
      throws IOException {
    JsonNode deployment = deployment(connection, a -> a);

    // The Secret's uri has no sslmode: without PGSSLMODE libpq and pgx would use prefer.
    assertThat(env(deployment, "PGSSLMODE").path("value").asString()).isEqualTo("verify-full");
    assertThat(env(deployment, "PGSSLROOTCERT").path("value").asString())
        .isEqualTo("/etc/kit/db-ca/ca.crt");
  }

  @Test
  void deployment_offersNoDatabaseUrl_whenConnectingThroughThePooler() throws IOException {
    assertThat(env(deployment(App.Connection.POOLER, a -> a), "DATABASE_URL").isMissingNode())
        .isTrue();
  }

  @Test
  void deployment_addsAStartupProbeOnTheLivenessPath_whenOneIsSet() throws IOException {
    JsonNode container =
        deployment(App.Connection.URI, a -> a.livenessPath("/healthz"))
            .at("/spec/template/spec/containers/0");

    assertThat(container.path("startupProbe"))
        .isEqualTo(
            YAML.readTree(
                "{httpGet: {path: /healthz, port: http}, periodSeconds: 5, failureThreshold: 60}"));
    assertThat(container.path("livenessProbe"))
        .isEqualTo(YAML.readTree("{httpGet: {path: /healthz, port: http}}"));
  }

  @Test
  void deployment_hasNoStartupProbe_withoutALivenessPath() throws IOException {
    JsonNode container =
        deployment(App.Connection.URI, a -> a.readinessPath("/ready"))
            .at("/spec/template/spec/containers/0");

    assertThat(container.has("startupProbe")).isFalse();
    assertThat(container.has("livenessProbe")).isFalse();
  }

  @ParameterizedTest
  @EnumSource(App.Connection.class)
  void deployment_definesEveryVariable_beforeAValueThatExpandsIt(App.Connection connection)
      throws IOException {
    JsonNode deployment = deployment(connection, a -> a);

    // kubelet expands $(NAME) only from variables listed earlier; a later or missing one stays
    // literal text.
    List<String> defined = new ArrayList<>();
    for (JsonNode env : deployment.at("/spec/template/spec/containers/0/env")) {
      Matcher reference = REFERENCE.matcher(env.path("value").asString(""));
      while (reference.find()) {
        assertThat(defined)
            .as("%s refers to $(%s)", env.path("name").asString(), reference.group(1))
            .contains(reference.group(1));
      }
      defined.add(env.path("name").asString());
    }
    assertThat(defined).contains("JDBC_URL");
  }
}
