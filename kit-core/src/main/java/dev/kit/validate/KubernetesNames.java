package dev.kit.validate;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The syntax rules Kubernetes (and so CNPG and Argo CD) applies to names, labels and quantities.
 */
final class KubernetesNames {

  static final int LABEL_MAX = 63;
  static final int SUBDOMAIN_MAX = 253;

  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL_NAME =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern QUANTITY =
      Pattern.compile(
          "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d+)?");
  private static final Pattern SQL_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

  private KubernetesNames() {}

  /** Why {@code value} is not a DNS-1123 label (namespaces, most object names), or empty. */
  static Optional<String> dns1123Label(String value) {
    if (value.isEmpty()) {
      return Optional.of("is empty");
    }
    if (value.length() > LABEL_MAX) {
      return Optional.of("is " + value.length() + " characters, more than " + LABEL_MAX);
    }
    if (!DNS1123_LABEL.matcher(value).matches()) {
      return Optional.of(
          "is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit)");
    }
    return Optional.empty();
  }

  /**
   * Why {@code value} is not a DNS-1035 label (Service names: must start with a letter), or empty.
   */
  static Optional<String> dns1035Label(String value, int maxLength) {
    if (value.isEmpty()) {
      return Optional.of("is empty");
    }
    if (value.length() > maxLength) {
      return Optional.of("is " + value.length() + " characters, more than " + maxLength);
    }
    if (!DNS1035_LABEL.matcher(value).matches()) {
      return Optional.of(
          "is not a DNS-1035 label (lower-case letters, digits and '-', starting with a letter and ending with a letter or digit)");
    }
    return Optional.empty();
  }

  /** Why {@code value} is not a DNS-1123 subdomain (StorageClass, Argo CD project), or empty. */
  static Optional<String> dns1123Subdomain(String value) {
    if (value.isEmpty()) {
      return Optional.of("is empty");
    }
    if (value.length() > SUBDOMAIN_MAX) {
      return Optional.of("is " + value.length() + " characters, more than " + SUBDOMAIN_MAX);
    }
    if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      return Optional.of("is not a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')");
    }
    return Optional.empty();
  }

  /** Why {@code key} is not a label or annotation key ({@code [prefix/]name}), or empty. */
  static Optional<String> labelKey(String key) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      Optional<String> prefix = dns1123Subdomain(key.substring(0, slash));
      if (prefix.isPresent()) {
        return Optional.of("has a prefix that " + prefix.get());
      }
    }
    if (name.isEmpty() || name.length() > LABEL_MAX || !LABEL_NAME.matcher(name).matches()) {
      return Optional.of(
          "is not a label key (an optional DNS prefix and '/', then up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)");
    }
    return Optional.empty();
  }

  /** Why {@code value} is not a label value, or empty. */
  static Optional<String> labelValue(String value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.length() > LABEL_MAX || !LABEL_NAME.matcher(value).matches()) {
      return Optional.of(
          "is not a label value (up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)");
    }
    return Optional.empty();
  }

  static boolean isQuantity(String value) {
    return QUANTITY.matcher(value).matches();
  }

  /**
   * A likely meant quantity for a common mistake ({@code 10GB}, {@code 10gi}, {@code 10 Gi}), or
   * empty.
   */
  static Optional<String> quantitySuggestion(String value) {
    String compact = value.replace(" ", "");
    String fixed =
        compact
            .replaceFirst("(?i)^(\\d+(\\.\\d+)?)([kmgtpe])i?b$", "$1$3i")
            .replaceFirst("(?i)^(\\d+(\\.\\d+)?)([kmgtpe])i$", "$1$3i");
    if (fixed.length() > 1 && fixed.endsWith("i")) {
      char unit = Character.toUpperCase(fixed.charAt(fixed.length() - 2));
      fixed = fixed.substring(0, fixed.length() - 2) + unit + "i";
    }
    return !fixed.equals(value) && isQuantity(fixed) ? Optional.of(fixed) : Optional.empty();
  }

  /** Whether {@code value} is a quantity greater than zero (sizes and CPU counts). */
  static boolean isPositiveQuantity(String value) {
    if (!isQuantity(value) || value.startsWith("-")) {
      return false;
    }
    String digits = value.replaceFirst("^[+]?", "").replaceFirst("([eE][+-]?\\d+|[A-Za-z]+)$", "");
    return digits.chars().anyMatch(c -> c >= '1' && c <= '9');
  }

  static boolean isSqlIdentifier(String value) {
    return value.length() <= LABEL_MAX && SQL_IDENTIFIER.matcher(value).matches();
  }
}
