package dev.kit.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The fields of a {@code v1} ConfigMap that kit writes; null means unset, and an empty map is not
 * written either.
 */
record KubeConfigMap(
    String apiVersion,
    String kind,
    ObjectMetadata metadata,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> data,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> binaryData) {

  KubeConfigMap(ObjectMetadata metadata, Map<String, String> data, Map<String, String> binaryData) {
    this("v1", "ConfigMap", metadata, data, binaryData);
  }
}
