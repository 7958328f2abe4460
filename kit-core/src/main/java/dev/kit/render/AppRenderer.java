package dev.kit.render;

import dev.kit.model.App;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

  private AppRenderer() {}

  static Deployment deployment(Kit kit, Service service) {
    App app = service.app().orElseThrow();
    Connection connection = DatabaseProviders.connection(kit, service);
    Map<String, String> selector =
        Map.of(KitLabels.NAME, service.name(), KitLabels.COMPONENT, COMPONENT);

    // Every connection verifies the server against the connection's CA (CNPG: only ca.crt of
    // <cluster>-ca, never
    // ca.key), or without one against the system's trusted roots.
    List<VolumeMount> mounts = new ArrayList<>();
    List<Volume> volumes = new ArrayList<>();
    connection
        .ca()
        .ifPresent(
            ca -> {
              mounts.add(
                  new VolumeMountBuilder()
                      .withName("db-ca")
                      .withMountPath(CA_MOUNT)
                      .withReadOnly(true)
                      .build());
              volumes.add(
                  new VolumeBuilder()
                      .withName("db-ca")
                      .withNewSecret()
                      .withSecretName(ca.name())
                      .addNewItem()
                      .withKey(ca.key())
                      .withPath("ca.crt")
                      .endItem()
                      .endSecret()
                      .build());
            });
    mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
    volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());

    Container container =
        new ContainerBuilder()
            .withName(service.name())
            .withImage(app.image())
            .addNewPort()
            .withName("http")
            .withContainerPort(app.port())
            .endPort()
            .withEnv(environment(connection, app))
            .withResources(ResourceRequirementsMapper.toKubernetes(app.resources()))
            .withReadinessProbe(app.readinessPath().map(AppRenderer::httpProbe).orElse(null))
            .withLivenessProbe(app.livenessPath().map(AppRenderer::httpProbe).orElse(null))
            .withNewSecurityContext()
            .withAllowPrivilegeEscalation(false)
            .withReadOnlyRootFilesystem(true)
            .withNewCapabilities()
            .withDrop("ALL")
            .endCapabilities()
            .endSecurityContext()
            .withVolumeMounts(mounts)
            .build();
    PodSpec pod =
        new PodSpecBuilder()
            .withAutomountServiceAccountToken(false)
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            // With runAsNonRoot alone, kubelet refuses an image whose USER is root or a name it
            // cannot check.
            .withRunAsUser(app.runAsUser())
            .withRunAsGroup(app.runAsGroup())
            .withNewSeccompProfile()
            .withType("RuntimeDefault")
            .endSeccompProfile()
            .endSecurityContext()
            .withVolumes(volumes)
            .build();
    pod.setContainers(new ArrayList<>(List.of(container)));
    // Assembled with setters: each nested builder level copies everything below it again (withX,
    // endX, build), which made the Deployment one of the costliest objects a service renders.
    PodTemplateSpec template = new PodTemplateSpec();
    template.setMetadata(
        new ObjectMetaBuilder().withLabels(KitLabels.podLabels(service, COMPONENT)).build());
    template.setSpec(pod);
    DeploymentSpec spec = new DeploymentSpec();
    spec.setReplicas(app.replicas());
    spec.setSelector(new LabelSelectorBuilder().withMatchLabels(selector).build());
    spec.setTemplate(template);
    Deployment deployment = new Deployment();
    deployment.setMetadata(
        new ObjectMetaBuilder()
            .withName(service.name())
            .withNamespace(service.namespace())
            .withLabels(KitLabels.of(kit, service, COMPONENT))
            .build());
    deployment.setSpec(spec);
    return deployment;
  }

  static io.fabric8.kubernetes.api.model.Service service(Kit kit, Service service) {
    return new ServiceBuilder()
        .withMetadata(
            new ObjectMetaBuilder()
                .withName(service.name())
                .withNamespace(service.namespace())
                .withLabels(KitLabels.of(kit, service, COMPONENT))
                .build())
        .withNewSpec()
        .withSelector(Map.of(KitLabels.NAME, service.name(), KitLabels.COMPONENT, COMPONENT))
        .addNewPort()
        .withName("http")
        .withPort(80)
        .withTargetPort(new IntOrString("http"))
        .endPort()
        .endSpec()
        .build();
  }

  /**
   * The database settings, by reference to the connection's Secret only (CNPG's app Secret): no
   * secret value is ever written. A value built from others ({@code $(NAME)}) is expanded by
   * kubelet from the variables listed before it.
   */
  private static List<EnvVar> environment(Connection connection, App app) {
    String secret = connection.appSecret();
    String rootCert = connection.ca().isPresent() ? CA_MOUNT + "/ca.crt" : "system";
    String jdbcTls = connection.ca().isPresent() ? JDBC_TLS : JDBC_TLS_SYSTEM_ROOTS;
    List<EnvVar> env = new ArrayList<>();
    switch (app.connection()) {
      case URI -> {
        env.add(fromSecret("DATABASE_URL", secret, "uri"));
        jdbcFromSecret(env, secret, jdbcTls);
      }
      case PARTS -> {
        env.add(fromSecret("PGHOST", secret, "host"));
        env.add(fromSecret("PGPORT", secret, "port"));
        env.add(fromSecret("PGDATABASE", secret, "dbname"));
        env.add(fromSecret("PGUSER", secret, "username"));
        env.add(fromSecret("PGPASSWORD", secret, "password"));
        env.add(literal("PGSSLMODE", "verify-full"));
        env.add(literal("PGSSLROOTCERT", rootCert));
        jdbcFromSecret(env, secret, jdbcTls);
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
        env.add(fromSecret("PGUSER", secret, "username"));
        env.add(fromSecret("PGPASSWORD", secret, "password"));
        env.add(literal("PGSSLMODE", "verify-full"));
        env.add(literal("PGSSLROOTCERT", rootCert));
        // CNPG generates alphanumeric passwords, so they need no escaping in a URL.
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
  private static void jdbcFromSecret(List<EnvVar> env, String secret, String jdbcTls) {
    env.add(fromSecret("CNPG_JDBC_URI", secret, "jdbc-uri"));
    env.add(literal("JDBC_URL", "$(CNPG_JDBC_URI)&" + jdbcTls));
  }

  private static EnvVar fromSecret(String name, String secret, String key) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey(key)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  private static EnvVar literal(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  private static Probe httpProbe(String path) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString("http"))
        .endHttpGet()
        .build();
  }
}
