package dev.kit.render;

import java.util.List;
import java.util.Map;

/**
 * The fields of a CloudNativePG {@code postgresql.cnpg.io/v1} Cluster that kit writes; null means
 * unset.
 */
record CnpgCluster(String apiVersion, String kind, ObjectMetadata metadata, Spec spec) {

  static final String API_VERSION = "postgresql.cnpg.io/v1";
  static final String KIND = "Cluster";

  record Spec(
      Integer instances,
      String imageName,
      Boolean enableSuperuserAccess,
      Affinity affinity,
      Certificates certificates,
      StorageConfiguration storage,
      StorageConfiguration walStorage,
      KubeResources resources,
      Postgresql postgresql,
      Bootstrap bootstrap,
      Boolean enablePDB,
      String primaryUpdateStrategy,
      String primaryUpdateMethod,
      List<PluginConfiguration> plugins,
      Backup backup,
      List<ExternalCluster> externalClusters,
      ServiceAccountTemplate serviceAccountTemplate) {}

  /**
   * The metadata CNPG gives the service account it creates for the instances, named after the
   * cluster.
   */
  record ServiceAccountTemplate(ObjectMetadata metadata) {}

  record Affinity(Boolean enablePodAntiAffinity, String topologyKey, String podAntiAffinityType) {}

  /** Extra names for the server certificate CNPG issues, such as the Poolers' Services. */
  record Certificates(List<String> serverAltDNSNames) {}

  /** A CNPG-I plugin of the cluster, such as Barman Cloud as WAL archiver. */
  record PluginConfiguration(String name, Boolean isWALArchiver, Map<String, String> parameters) {}

  /** The deprecated in-tree backup section. */
  record Backup(BarmanObjectStore.Configuration barmanObjectStore, String retentionPolicy) {}

  /** A cluster to recover from: through the Barman Cloud plugin, or the in-tree object store. */
  record ExternalCluster(
      String name, PluginConfiguration plugin, BarmanObjectStore.Configuration barmanObjectStore) {}

  record StorageConfiguration(String size, String storageClass) {}

  record Postgresql(Map<String, String> parameters) {}

  record Bootstrap(Initdb initdb, Recovery recovery) {}

  record Recovery(String source, String database, String owner, RecoveryTarget recoveryTarget) {}

  record RecoveryTarget(String targetTime) {}

  record Initdb(String database, String owner) {}
}
