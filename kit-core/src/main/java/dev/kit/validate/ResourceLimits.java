package dev.kit.validate;

import dev.kit.model.Resources;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    for (Map.Entry<String, String> entry : resources.requests().entrySet()) {
      String name = entry.getKey();
      String request = entry.getValue();
      String limit = resources.limits().get(name);
      if (limit != null
          && KubernetesNames.isQuantity(request)
          && KubernetesNames.isQuantity(limit)
          && above(request, limit)) {
        violations.add(
            new Violation(
                path + ".requests" + Violations.member(name),
                "\""
                    + request
                    + "\" is more than the limit \""
                    + limit
                    + "\"; Kubernetes rejects a request above its limit",
                "raise the limit to at least the request, or lower the request"));
      }
    }
    return violations;
  }

  /**
   * Whether quantity {@code request} is above {@code limit}; false when an exponent is beyond what
   * a {@link BigDecimal} scale holds (such as {@code 1e99999999999}), which is left to the API
   * server rather than crashing validation.
   */
  private static boolean above(String request, String limit) {
    try {
      return amount(request).compareTo(amount(limit)) > 0;
    } catch (NumberFormatException | ArithmeticException beyondAScale) {
      return false;
    }
  }

  /**
   * The amount of a valid Kubernetes quantity (CPU cores, or bytes), exact: its number times its
   * suffix's power of 2 or 10, as Kubernetes compares quantities (fabric8's {@code
   * Quantity.getNumericalAmount} agrees except for {@code Ei}, which it computes through a double).
   * Computed here because validation reads every request and limit of every service, and fabric8's
   * parser (a regular expression, {@code BigDecimal.pow}, its classes) cost a cold run more.
   *
   * @throws IllegalArgumentException when {@code quantity} is not one ({@link
   *     KubernetesNames#isQuantity})
   */
  static BigDecimal amount(String quantity) {
    int end = KubernetesNames.numberEnd(quantity);
    if (end < 0) {
      throw new IllegalArgumentException("not a quantity: " + quantity);
    }
    BigDecimal number = new BigDecimal(quantity.substring(0, end));
    String suffix = quantity.substring(end);
    return switch (suffix) {
      case "" -> number;
      case "n" -> number.scaleByPowerOfTen(-9);
      case "u" -> number.scaleByPowerOfTen(-6);
      case "m" -> number.scaleByPowerOfTen(-3);
      case "k" -> number.scaleByPowerOfTen(3);
      case "M" -> number.scaleByPowerOfTen(6);
      case "G" -> number.scaleByPowerOfTen(9);
      case "T" -> number.scaleByPowerOfTen(12);
      case "P" -> number.scaleByPowerOfTen(15);
      case "E" -> number.scaleByPowerOfTen(18);
      case "Ki" -> number.multiply(BigDecimal.valueOf(1L << 10));
      case "Mi" -> number.multiply(BigDecimal.valueOf(1L << 20));
      case "Gi" -> number.multiply(BigDecimal.valueOf(1L << 30));
      case "Ti" -> number.multiply(BigDecimal.valueOf(1L << 40));
      case "Pi" -> number.multiply(BigDecimal.valueOf(1L << 50));
      case "Ei" -> number.multiply(BigDecimal.valueOf(1L << 60));
      default -> number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1))); // e3, E-2
    };
  }
}
