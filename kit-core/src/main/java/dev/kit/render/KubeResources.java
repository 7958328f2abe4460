package dev.kit.render;

import dev.kit.model.Resources;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A container's Kubernetes {@code resources}: requests and limits as the quantities the model holds
 * (validation checked them), written as they are. An empty map is held as null, so its accessor
 * returns null and it is not written.
 */
record KubeResources(@Nullable Map<String, String> limits, @Nullable Map<String, String> requests) {

  /** An empty map is held as null, as {@link ObjectMetadata} holds it. */
  KubeResources {
    limits = ObjectMetadata.nullIfEmpty(limits);
    requests = ObjectMetadata.nullIfEmpty(requests);
  }

  static KubeResources of(Resources resources) {
    return new KubeResources(quantities(resources.limits()), quantities(resources.requests()));
  }

  private static Map<String, String> quantities(Map<String, String> values) {
    return new TreeMap<>(values);
  }
}
