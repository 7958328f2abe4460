package dev.kit.render;

import dev.kit.model.Bootstrap;
import dev.kit.model.DeclarativeSchema;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Service;
import dev.kit.model.TxMode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;

/**
 * Renders the Atlas operator path: an {@code AtlasMigration} (versioned migrations from the migrations
 * ConfigMap) or an {@code AtlasSchema} (declarative), at wave -1 like the Job. Argo CD 2.10+ has health
 * checks for both, so the wave gate waits until the schema is applied. The password stays in CNPG's Secret.
 */
final class AtlasOperatorRenderer {

  private AtlasOperatorRenderer() {}

  static AtlasOperatorResource migration(Kit kit, Service service, Migrations m) {
    return new AtlasOperatorResource(
        AtlasOperatorResource.API_VERSION,
        "AtlasMigration",
        metadata(kit, service, service.migrationJobName(), MigrationsRenderer.COMPONENT),
        new AtlasOperatorResource.Spec(
            credentials(kit, service, m.sslMode().value()),
            new AtlasOperatorResource.Dir(new AtlasOperatorResource.ConfigMapRef(service.migrationsConfigMapName(1))),
            m.revisionsSchema(),
            m.baseline().orElse(null),
            null,
            null));
  }

  static AtlasOperatorResource schema(Kit kit, Service service, DeclarativeSchema schema, String sql) {
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
            new AtlasOperatorResource.Schema(sql),
            schema.txMode().map(TxMode::flag).orElse(null)));
  }

  private static ObjectMeta metadata(Kit kit, Service service, String name, String component) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(service.namespace())
        .addToAnnotations(SyncWave.ANNOTATION, SyncWave.MIGRATION.annotationValue())
        .withLabels(KitLabels.of(kit, service, component))
        .build();
  }

  /** CNPG's {@code -rw} Service and {@code -app} Secret: the same database and role the Job's {@code uri} names. */
  private static AtlasOperatorResource.Credentials credentials(Kit kit, Service service, String sslMode) {
    Bootstrap bootstrap = kit.applicationDatabase(service);
    return new AtlasOperatorResource.Credentials(
        "postgres",
        service.clusterName() + "-rw." + service.namespace(),
        5432,
        bootstrap.owner(),
        new AtlasOperatorResource.PasswordFrom(new AtlasOperatorResource.SecretKeyRef(service.clusterName() + "-app", "password")),
        bootstrap.database(),
        Map.of("sslmode", sslMode));
  }
}
