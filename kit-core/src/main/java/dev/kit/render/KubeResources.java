package dev.kit.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kit.model.Resources;
import java.util.Map;
import java.util.TreeMap;

/**
 * A container's Kubernetes {@code resources}: requests and limits as the quantities the model holds
 * (validation checked them), written as they are; an empty map is not written.
 */
record KubeResources(
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> limits,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> requests) {

  static KubeResources of(Resources resources) {
    return new KubeResources(quantities(resources.limits()), quantities(resources.requests()));
  }

  private static Map<String, String> quantities(Map<String, String> values) {
    return new TreeMap<>(values);
  }
}
