package dev.kit.render;

import java.util.Map;

/**
 * The fields of a {@code v1} ConfigMap that kit writes; null means unset (so does an empty map:
 * pass null).
 */
record KubeConfigMap(
    String apiVersion,
    String kind,
    ObjectMetadata metadata,
    Map<String, String> data,
    Map<String, String> binaryData) {

  KubeConfigMap(ObjectMetadata metadata, Map<String, String> data, Map<String, String> binaryData) {
    this("v1", "ConfigMap", metadata, data, binaryData);
  }
}
