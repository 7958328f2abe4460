package dev.kit.render;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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
      @Nullable Affinity affinity,
      @Nullable Certificates certificates,
      StorageConfiguration storage,
      @Nullable StorageConfiguration walStorage,
      @Nullable KubeResources resources,
      @Nullable Postgresql postgresql,
      @Nullable Bootstrap bootstrap,
      @Nullable Managed managed,
      @Nullable Boolean enablePDB,
      @Nullable String primaryUpdateStrategy,
      @Nullable String primaryUpdateMethod,
      @Nullable List<PluginConfiguration> plugins,
      @Nullable Backup backup,
      @Nullable List<ExternalCluster> externalClusters,
      @Nullable ServiceAccountTemplate serviceAccountTemplate) {}

  /**
   * The metadata CNPG gives the service account it creates for the instances, named after the
   * cluster.
   */
  record ServiceAccountTemplate(ObjectMetadata metadata) {}

  record Affinity(
      Boolean enablePodAntiAffinity, String topologyKey, @Nullable String podAntiAffinityType) {}

  /** Extra names for the server certificate CNPG issues, such as the Poolers' Services. */
  record Certificates(List<String> serverAltDNSNames) {}

  /** A CNPG-I plugin of the cluster, such as Barman Cloud as WAL archiver. */
  record PluginConfiguration(
      String name, @Nullable Boolean isWALArchiver, Map<String, String> parameters) {}

  /** The deprecated in-tree backup section. */
  record Backup(
      BarmanObjectStore.Configuration barmanObjectStore, @Nullable String retentionPolicy) {}

  /** A cluster to recover from: through the Barman Cloud plugin, or the in-tree object store. */
  record ExternalCluster(
      String name,
      @Nullable PluginConfiguration plugin,
      BarmanObjectStore.@Nullable Configuration barmanObjectStore) {}

  record StorageConfiguration(String size, @Nullable String storageClass) {}

  record Postgresql(Map<String, String> parameters) {}

  record Bootstrap(@Nullable Initdb initdb, @Nullable Recovery recovery) {}

  record Recovery(
      String source, String database, String owner, @Nullable RecoveryTarget recoveryTarget) {}

  record RecoveryTarget(String targetTime) {}

  record Initdb(String database, String owner) {}

  /** The roles CNPG manages beside the owner. */
  record Managed(List<RoleConfiguration> roles) {}

  /**
   * A managed role, in the order a reader looks for: what it is, how it logs in, what it belongs
   * to; an absent role has its name and {@code ensure} only.
   */
  record RoleConfiguration(
      String name,
      @Nullable String ensure,
      @Nullable String comment,
      @Nullable Boolean login,
      @Nullable PasswordSecret passwordSecret,
      @Nullable List<String> inRoles,
      @Nullable Integer connectionLimit,
      @Nullable String validUntil,
      @Nullable Boolean createdb,
      @Nullable Boolean createrole,
      @Nullable Boolean bypassrls,
      @Nullable Boolean inherit) {}

  record PasswordSecret(String name) {}
}
