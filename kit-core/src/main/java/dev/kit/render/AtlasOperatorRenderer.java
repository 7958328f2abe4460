package dev.kit.render;

import dev.kit.model.Bootstrap;
import dev.kit.model.DeclarativeSchema;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Service;
import dev.kit.model.TxMode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders the Atlas operator path: an {@code AtlasMigration} (versioned migrations from the
 * migrations ConfigMap) or an {@code AtlasSchema} (declarative), at wave -1 like the Job. Argo CD
 * 2.10+ has health checks for both, so the wave gate waits until the schema is applied. The
 * password stays in CNPG's Secret.
 */
final class AtlasOperatorRenderer {

  /**
   * How the operator reaches the dev database: it replaces the host with the pod's IP
   * (atlas-operator {@code internal/controller/devdb.go}). Trust authentication, so no password is
   * written, even a throwaway one.
   */
  static final String DEV_URL = "postgres://postgres@localhost:5432/postgres?sslmode=disable";

  /**
   * The {@code postgres} user of the official image, so kubelet can prove the pod runs as non-root.
   */
  private static final long POSTGRES_UID = 999L;

  private AtlasOperatorRenderer() {}

  /**
   * The AtlasMigration, reading the migrations from {@code configMap}, whose name changes with
   * them.
   */
  static AtlasOperatorResource migration(Kit kit, Service service, Migrations m, String configMap) {
    return new AtlasOperatorResource(
        AtlasOperatorResource.API_VERSION,
        "AtlasMigration",
        metadata(kit, service, service.migrationJobName(), MigrationsRenderer.COMPONENT),
        new AtlasOperatorResource.Spec(
            credentials(kit, service, m.sslMode().value()),
            // Only when the description sets another than the Job's default: left out, the operator
            // retries 20 times (5 s x n apart) before it stops, which a database restart needs.
            m.isBackoffLimitSet() ? m.backoffLimit() : null,
            new AtlasOperatorResource.Dir(new AtlasOperatorResource.ConfigMapRef(configMap)),
            m.revisionsSchema(),
            m.baseline().orElse(null),
            null,
            null,
            devDatabase(service),
            DEV_URL));
  }

  /** The AtlasSchema, its {@code sql} unset (null) when no schema file was read. */
  static AtlasOperatorResource schema(
      Kit kit, Service service, DeclarativeSchema schema, @Nullable String sql) {
    return new AtlasOperatorResource(
        AtlasOperatorResource.API_VERSION,
        "AtlasSchema",
        metadata(kit, service, service.name() + "-schema", "schema"),
        new AtlasOperatorResource.Spec(
            // The operator has no place for the cluster CA, so TLS is required but not verified.
            credentials(kit, service, "require"),
            null,
            null,
            null,
            null,
            new AtlasOperatorResource.Schema(sql),
            schema.txMode().map(TxMode::flag).orElse(null),
            devDatabase(service),
            DEV_URL));
  }

  /**
   * The dev database Atlas replays and plans on: PostgreSQL of the cluster's major, where the
   * operator would run {@code postgres:latest}; under the Pod Security "restricted" profile, like
   * everything kit deploys.
   */
  private static AtlasOperatorResource.DevDatabase devDatabase(Service service) {
    return new AtlasOperatorResource.DevDatabase(
        new PodTemplate.Spec(
            false,
            List.of(
                new PodTemplate.Container(
                    "postgres",
                    "postgres:" + service.database().postgresMajor(),
                    null,
                    List.of(PodTemplate.EnvVar.literal("POSTGRES_HOST_AUTH_METHOD", "trust")),
                    List.of(new PodTemplate.ContainerPort("postgres", 5432)),
                    null,
                    null,
                    null,
                    // Over TCP: the image's first-start server listens on the socket only, and
                    // would pass a socket check.
                    new PodTemplate.Probe(
                        null,
                        new PodTemplate.ExecAction(List.of("pg_isready", "-h", "127.0.0.1")),
                        2,
                        90),
                    // PostgreSQL writes its data directory in the image: no read-only root.
                    new PodTemplate.ContainerSecurityContext(
                        false, null, new PodTemplate.Capabilities(List.of("ALL"))),
                    null)),
            null,
            PodTemplate.SecurityContext.restricted(POSTGRES_UID, POSTGRES_UID),
            null));
  }

  private static ObjectMetadata metadata(Kit kit, Service service, String name, String component) {
    return ObjectMetadata.builder()
        .withName(name)
        .withNamespace(service.namespace())
        .addToAnnotations(SyncWave.ANNOTATION, SyncWave.MIGRATION.annotationValue())
        .withLabels(KitLabels.of(kit, service, component))
        .build();
  }

  /**
   * The connection's host and Secret (CNPG: the {@code -rw} Service and {@code -app} Secret): the
   * database and role the Job's {@code uri} names.
   */
  private static AtlasOperatorResource.Credentials credentials(
      Kit kit, Service service, String sslMode) {
    Bootstrap bootstrap = kit.applicationDatabase(service);
    Connection connection = DatabaseProviders.connection(kit, service);
    return new AtlasOperatorResource.Credentials(
        "postgres",
        connection.host(),
        connection.migrationPort(),
        bootstrap.owner(),
        new AtlasOperatorResource.PasswordFrom(
            new AtlasOperatorResource.SecretKeyRef(connection.migrationSecret(), "password")),
        bootstrap.database(),
        Map.of("sslmode", sslMode));
  }
}
