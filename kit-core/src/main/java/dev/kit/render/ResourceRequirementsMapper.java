package dev.kit.render;

import dev.kit.model.Resources;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.Map;
import java.util.TreeMap;

/** Maps the model's {@link Resources} to Kubernetes {@code resources}. */
final class ResourceRequirementsMapper {

  private ResourceRequirementsMapper() {}

  static ResourceRequirements toKubernetes(Resources resources) {
    ResourceRequirementsBuilder builder = new ResourceRequirementsBuilder();
    if (!resources.requests().isEmpty()) {
      builder.withRequests(quantities(resources.requests()));
    }
    if (!resources.limits().isEmpty()) {
      builder.withLimits(quantities(resources.limits()));
    }
    return builder.build();
  }

  private static Map<String, Quantity> quantities(Map<String, String> values) {
    Map<String, Quantity> quantities = new TreeMap<>();
    values.forEach((k, v) -> quantities.put(k, new Quantity(v)));
    return quantities;
  }
}
