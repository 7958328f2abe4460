package dev.kit.render;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;

/**
 * The fields of a {@code v1} ConfigMap that kit writes; null means unset (so does an empty map:
 * pass null).
 */
record KubeConfigMap(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    Map<String, String> data,
    Map<String, String> binaryData) {

  KubeConfigMap(ObjectMeta metadata, Map<String, String> data, Map<String, String> binaryData) {
    this("v1", "ConfigMap", metadata, data, binaryData);
  }
}
