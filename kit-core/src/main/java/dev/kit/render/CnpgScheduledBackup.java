package dev.kit.render;

import org.jspecify.annotations.Nullable;

/** The fields of a CNPG {@code postgresql.cnpg.io/v1} ScheduledBackup that kit writes. */
record CnpgScheduledBackup(String apiVersion, String kind, ObjectMetadata metadata, Spec spec) {

  static final String KIND = "ScheduledBackup";

  record Spec(
      ClusterReference cluster,
      String schedule,
      @Nullable String method,
      @Nullable PluginConfiguration pluginConfiguration,
      @Nullable String backupOwnerReference,
      @Nullable Boolean immediate) {}

  record ClusterReference(String name) {}

  record PluginConfiguration(String name) {}
}
