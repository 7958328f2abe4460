package dev.kit.render;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The fields of the Atlas operator's {@code db.atlasgo.io/v1alpha1} AtlasMigration and AtlasSchema
 * that kit writes: both connect through {@code credentials}, built from CNPG's Secret and {@code
 * -rw} Service.
 */
record AtlasOperatorResource(String apiVersion, String kind, ObjectMetadata metadata, Spec spec) {

  static final String API_VERSION = "db.atlasgo.io/v1alpha1";

  /** One spec type for both kinds: each leaves the other's fields null. */
  record Spec(
      Credentials credentials,
      @Nullable Integer backoffLimit,
      @Nullable Dir dir,
      @Nullable String revisionsSchema,
      @Nullable String baseline,
      @Nullable Schema schema,
      @Nullable String txMode,
      DevDatabase devDB,
      String devURL) {}

  record Credentials(
      String scheme,
      String host,
      Integer port,
      String user,
      PasswordFrom passwordFrom,
      String database,
      Map<String, String> parameters) {}

  record PasswordFrom(SecretKeyRef secretKeyRef) {}

  record SecretKeyRef(String name, String key) {}

  record Dir(ConfigMapRef configMapRef) {}

  record ConfigMapRef(String name) {}

  record Schema(@Nullable String sql) {}

  /** The pod the operator runs as its dev database; {@code devURL} then says how to reach it. */
  record DevDatabase(PodTemplate.Spec spec) {}
}
