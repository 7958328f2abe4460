package dev.kit.render;

import static dev.kit.render.PodTemplate.EnvVar.fromSecret;
import static dev.kit.render.PodTemplate.EnvVar.literal;

import dev.kit.model.App;
import dev.kit.model.Kit;
import dev.kit.model.Role;
import dev.kit.model.SecretKey;
import dev.kit.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Renders the service's application: a {@code Deployment} under the Pod Security "restricted"
 * profile and a ClusterIP {@code Service}, at wave 0 (no annotation), so they apply after the
 * migration Job. The database settings come from CNPG's {@code <cluster>-app} Secret; for the
 * pooler kit builds them itself. No {@code fsGroup}: the pod mounts only an {@code emptyDir}
 * (world-writable) and Secret files (world-readable), and it would make kubelet change the
 * ownership of every volume a patch adds.
 */
final class AppRenderer {

  static final String COMPONENT = "app";
  private static final String CA_MOUNT = Connection.CA_MOUNT;

  /**
   * pgJDBC defaults to sslmode=prefer, which does not check the server; it reads the PEM CA file
   * itself.
   */
  private static final String JDBC_TLS = "sslmode=verify-full&sslrootcert=" + CA_MOUNT + "/ca.crt";

  /**
   * Without a CA file, pgJDBC verifies the server against Java's trusted roots through its
   * DefaultJavaSSLFactory (https://jdbc.postgresql.org/documentation/ssl/).
   */
  private static final String JDBC_TLS_SYSTEM_ROOTS =
      "sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory";

  private static final int STARTUP_PERIOD_SECONDS = 5;
  private static final int STARTUP_FAILURE_THRESHOLD = 60;

  private AppRenderer() {}

  static KubeDeployment deployment(Kit kit, Service service) {
    App app = service.app().orElseThrow();
    Connection connection = DatabaseProviders.connection(kit, service);
    Map<String, String> selector =
        Map.of(KitLabels.NAME, service.name(), KitLabels.COMPONENT, COMPONENT);

    // Every connection's settings ask to verify the server (libpq's PGSSLMODE and PGSSLROOTCERT,
    // JDBC_URL's query) against the connection's CA (CNPG: only ca.crt of <cluster>-ca, never
    // ca.key), or without one against the system's trusted roots.
    List<PodTemplate.VolumeMount> mounts = new ArrayList<>();
    List<PodTemplate.Volume> volumes = new ArrayList<>();
    if (connection.ca().isPresent()) {
      SecretKey ca = connection.ca().get();
      mounts.add(new PodTemplate.VolumeMount("db-ca", CA_MOUNT, true));
      volumes.add(PodTemplate.Volume.secretKey("db-ca", ca.name(), ca.key(), "ca.crt"));
    }
    mounts.add(new PodTemplate.VolumeMount("tmp", "/tmp", null));
    volumes.add(PodTemplate.Volume.emptyDir("tmp"));

    PodTemplate.Container container =
        new PodTemplate.Container(
            service.name(),
            app.image(),
            null,
            environment(connection, app, loginSecret(service, app, connection)),
            List.of(new PodTemplate.ContainerPort("http", app.port())),
            KubeResources.of(app.resources()),
            httpProbe(app.readinessPath()),
            httpProbe(app.livenessPath()),
            startupProbe(app.livenessPath()),
            PodTemplate.ContainerSecurityContext.RESTRICTED,
            mounts);
    PodTemplate.Spec pod =
        new PodTemplate.Spec(
            false,
            List.of(container),
            null,
            PodTemplate.SecurityContext.restricted(app.runAsUser(), app.runAsGroup()),
            volumes);
    PodTemplate template =
        new PodTemplate(
            ObjectMetadata.builder()
                .withLabels(KitLabels.podLabels(service, COMPONENT))
                .withAnnotations(
                    new TreeMap<>(DatabaseProviders.of(service).appPodAnnotations(kit, service)))
                .build(),
            pod);
    return new KubeDeployment(
        ObjectMetadata.builder()
            .withName(service.name())
            .withNamespace(service.namespace())
            .withLabels(KitLabels.of(kit, service, COMPONENT))
            .build(),
        new KubeDeployment.Spec(app.replicas(), new KubeDeployment.Selector(selector), template));
  }

  static KubeService service(Kit kit, Service service) {
    return new KubeService(
        ObjectMetadata.builder()
            .withName(service.name())
            .withNamespace(service.namespace())
            .withLabels(KitLabels.of(kit, service, COMPONENT))
            .build(),
        new KubeService.Spec(
            List.of(new KubeService.Port("http", 80, "http")),
            Map.of(KitLabels.NAME, service.name(), KitLabels.COMPONENT, COMPONENT)));
  }

  /**
   * The Secret the app's user and password come from: the managed role's it connects as, or the
   * connection's.
   */
  private static String loginSecret(Service service, App app, Connection connection) {
    if (app.connectAs().isPresent()) {
      for (Role role : service.database().roles()) {
        if (role.name().equals(app.connectAs().get()) && role.passwordSecret().isPresent()) {
          return role.passwordSecret().get();
        }
      }
    }
    return connection.appSecret();
  }

  /**
   * The database settings, by reference to the connection's Secret only (CNPG's app Secret) and,
   * for a managed role the app connects as, to that role's Secret for its user and password: no
   * secret value is ever written. A value built from others ({@code $(NAME)}) is expanded by
   * kubelet from the variables listed before it.
   */
  private static List<PodTemplate.EnvVar> environment(
      Connection connection, App app, String login) {
    String secret = connection.appSecret();
    String rootCert = connection.ca().isPresent() ? CA_MOUNT + "/ca.crt" : "system";
    String jdbcTls = connection.ca().isPresent() ? JDBC_TLS : JDBC_TLS_SYSTEM_ROOTS;
    List<PodTemplate.EnvVar> env = new ArrayList<>();
    switch (app.connection()) {
      case URI -> {
        // The Secret's uri has no sslmode, so libpq and pgx would use prefer, which checks
        // nothing; their PG* variables fill in what a URI leaves out.
        env.add(fromSecret("DATABASE_URL", secret, "uri"));
        env.add(literal("PGSSLMODE", "verify-full"));
        env.add(literal("PGSSLROOTCERT", rootCert));
        jdbcFromSecret(env, secret, jdbcTls);
      }
      case PARTS -> {
        env.add(fromSecret("PGHOST", secret, "host"));
        env.add(fromSecret("PGPORT", secret, "port"));
        env.add(fromSecret("PGDATABASE", secret, "dbname"));
        env.add(fromSecret("PGUSER", login, "username"));
        env.add(fromSecret("PGPASSWORD", login, "password"));
        env.add(literal("PGSSLMODE", "verify-full"));
        env.add(literal("PGSSLROOTCERT", rootCert));
        if (login.equals(secret)) {
          jdbcFromSecret(env, secret, jdbcTls);
        } else {
          // The Secret's jdbc-uri holds the owner's user and password: the role's go in instead,
          // which must need no escaping in a URL (as CNPG's own generated passwords).
          env.add(
              literal(
                  "JDBC_URL",
                  "jdbc:postgresql://$(PGHOST):$(PGPORT)/$(PGDATABASE)"
                      + "?user=$(PGUSER)&password=$(PGPASSWORD)&"
                      + jdbcTls));
        }
      }
      case POOLER -> {
        // CNPG's Secret names the -rw service only; the pooler's Service is <cluster>-pooler-rw on
        // 5432, and PgBouncer presents the cluster's server certificate, which lists the pooler's
        // names (PoolerRenderer).
        String host = connection.appHost().orElseThrow();
        String port = Integer.toString(connection.appPort());
        env.add(literal("PGHOST", host));
        env.add(literal("PGPORT", port));
        env.add(fromSecret("PGDATABASE", secret, "dbname"));
        env.add(fromSecret("PGUSER", login, "username"));
        env.add(fromSecret("PGPASSWORD", login, "password"));
        env.add(literal("PGSSLMODE", "verify-full"));
        env.add(literal("PGSSLROOTCERT", rootCert));
        // CNPG generates alphanumeric passwords (go-password's Generate(64, 10, 0, false, true)),
        // so they need no escaping in a URL. No DATABASE_URL: kit takes that name only from a
        // secretKeyRef, and libpq and pgx connect from the PG* variables alone.
        env.add(
            literal(
                "JDBC_URL",
                "jdbc:postgresql://"
                    + host
                    + ":"
                    + port
                    + "/$(PGDATABASE)"
                    + "?user=$(PGUSER)&password=$(PGPASSWORD)&"
                    + jdbcTls));
      }
    }
    return env;
  }

  /**
   * {@code JDBC_URL}: the Secret's {@code jdbc-uri} (which always has a query, and no sslmode) made
   * to verify the server.
   */
  private static void jdbcFromSecret(List<PodTemplate.EnvVar> env, String secret, String jdbcTls) {
    env.add(fromSecret("CNPG_JDBC_URI", secret, "jdbc-uri"));
    env.add(literal("JDBC_URL", "$(CNPG_JDBC_URI)&" + jdbcTls));
  }

  private static PodTemplate.@Nullable Probe httpProbe(Optional<String> path) {
    return path.isPresent() ? PodTemplate.Probe.httpGet(path.get(), "http") : null;
  }

  /**
   * On the liveness path, up to 5 minutes (60 x 5 s) for the app to start listening: kubelet holds
   * the liveness probe until it passes, so its 3 x 10 s cannot restart a slow start in a loop.
   */
  private static PodTemplate.@Nullable Probe startupProbe(Optional<String> livenessPath) {
    return livenessPath.isPresent()
        ? new PodTemplate.Probe(
            new PodTemplate.HttpGet(livenessPath.get(), "http"),
            null,
            STARTUP_PERIOD_SECONDS,
            STARTUP_FAILURE_THRESHOLD)
        : null;
  }
}
