package dev.kit.render;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a {@code v1} ConfigMap that kit writes; null means unset. An empty map is held as
 * null, so its accessor returns null and it is not written. A value of {@code data} is a String or
 * a migration's {@link AsciiLines}.
 */
record KubeConfigMap(
    String apiVersion,
    String kind,
    ObjectMetadata metadata,
    @Nullable Map<String, ? extends CharSequence> data,
    @Nullable Map<String, String> binaryData) {

  /** An empty map is held as null, as {@link ObjectMetadata} holds it. */
  KubeConfigMap {
    data = ObjectMetadata.nullIfEmpty(data);
    binaryData = ObjectMetadata.nullIfEmpty(binaryData);
  }

  KubeConfigMap(
      ObjectMetadata metadata,
      @Nullable Map<String, ? extends CharSequence> data,
      @Nullable Map<String, String> binaryData) {
    this("v1", "ConfigMap", metadata, data, binaryData);
  }
}
