package dev.kit.render;

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

  record Spec(Configuration configuration, String retentionPolicy) {}

  record Configuration(
      String destinationPath,
      String endpointURL,
      SecretKeySelector endpointCA,
      S3Credentials s3Credentials,
      String serverName,
      Wal wal,
      Data data) {}

  record SecretKeySelector(String name, String key) {}

  record S3Credentials(
      SecretKeySelector accessKeyId,
      SecretKeySelector secretAccessKey,
      SecretKeySelector sessionToken,
      SecretKeySelector region,
      Boolean inheritFromIAMRole) {}

  record Wal(String compression) {}

  record Data(String compression) {}
}
