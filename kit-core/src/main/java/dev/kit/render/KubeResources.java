package dev.kit.render;

import dev.kit.model.Resources;
import java.util.Map;
import java.util.TreeMap;

/**
 * A container's Kubernetes {@code resources}: requests and limits as the quantities the model holds
 * (validation checked them), written as they are; null means unset.
 */
record KubeResources(Map<String, String> limits, Map<String, String> requests) {

  static KubeResources of(Resources resources) {
    return new KubeResources(quantities(resources.limits()), quantities(resources.requests()));
  }

  private static Map<String, String> quantities(Map<String, String> values) {
    return values.isEmpty() ? null : new TreeMap<>(values);
  }
}
