package dev.kit.render;

import org.jspecify.annotations.Nullable;

/**
 * The fields of a Barman Cloud plugin {@code barmancloud.cnpg.io/v1} ObjectStore that kit writes.
 * Its {@link Configuration} is also the shape of CNPG's deprecated in-tree {@code
 * barmanObjectStore}.
 */
record BarmanObjectStore(String apiVersion, String kind, ObjectMetadata metadata, Spec spec) {

  static final String API_VERSION = "barmancloud.cnpg.io/v1";
  static final String KIND = "ObjectStore";

  /**
   * The plugin's name in a Cluster's {@code plugins} and a ScheduledBackup's {@code
   * pluginConfiguration}.
   */
  static final String PLUGIN = "barman-cloud.cloudnative-pg.io";

  record Spec(Configuration configuration, @Nullable String retentionPolicy) {}

  record Configuration(
      String destinationPath,
      @Nullable String endpointURL,
      @Nullable SecretKeySelector endpointCA,
      S3Credentials s3Credentials,
      @Nullable String serverName,
      @Nullable Wal wal,
      @Nullable Data data) {}

  record SecretKeySelector(String name, String key) {}

  record S3Credentials(
      @Nullable SecretKeySelector accessKeyId,
      @Nullable SecretKeySelector secretAccessKey,
      @Nullable SecretKeySelector sessionToken,
      @Nullable SecretKeySelector region,
      @Nullable Boolean inheritFromIAMRole) {}

  record Wal(String compression) {}

  record Data(String compression) {}
}
