package dev.kit.validate;

import dev.kit.model.Resources;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes rejects a container whose request is above its limit ("must be less than or equal to
 * ... limit", {@code ValidateResourceRequirements}), and so does CloudNativePG's webhook for a
 * Cluster ({@code validateResources}); the Job, the Deployment and the Cluster would each fail at
 * sync time.
 */
final class ResourceLimits {

  private ResourceLimits() {}

  /**
   * The requests above their limits.
   *
   * @param path the resources' path, such as {@code services[orders].app.resources}
   */
  static List<Violation> check(String path, Resources resources) {
    List<Violation> violations = new ArrayList<>();
    resources
        .requests()
        .forEach(
            (name, request) -> {
              String limit = resources.limits().get(name);
              if (limit != null
                  && KubernetesNames.isQuantity(request)
                  && KubernetesNames.isQuantity(limit)
                  && amount(request).compareTo(amount(limit)) > 0) {
                violations.add(
                    new Violation(
                        path + ".requests." + name,
                        "\""
                            + request
                            + "\" is more than the limit \""
                            + limit
                            + "\"; Kubernetes rejects a request above its limit",
                        "raise the limit to at least the request, or lower the request"));
              }
            });
    return violations;
  }

  /**
   * The amount of a valid Kubernetes quantity (CPU cores, or bytes), as fabric8's parser reads it.
   */
  static BigDecimal amount(String quantity) {
    return new Quantity(quantity).getNumericalAmount();
  }
}
