package dev.kit.render;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.Map;

/** The fields of a CloudNativePG {@code postgresql.cnpg.io/v1} Cluster that kit writes; null means unset. */
record CnpgCluster(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

  static final String API_VERSION = "postgresql.cnpg.io/v1";
  static final String KIND = "Cluster";

  record Spec(
      Integer instances,
      String imageName,
      Boolean enableSuperuserAccess,
      Affinity affinity,
      StorageConfiguration storage,
      StorageConfiguration walStorage,
      ResourceRequirements resources,
      Postgresql postgresql,
      Bootstrap bootstrap) {}

  record Affinity(Boolean enablePodAntiAffinity, String topologyKey) {}

  record StorageConfiguration(String size, String storageClass) {}

  record Postgresql(Map<String, String> parameters) {}

  record Bootstrap(Initdb initdb) {}

  record Initdb(String database, String owner) {}
}
