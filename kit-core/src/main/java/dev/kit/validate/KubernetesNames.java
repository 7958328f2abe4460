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
  private static final Pattern BYTE_UNIT_MISTAKE =
      Pattern.compile("(?i)^(\\d+(\\.\\d+)?)([kmgtpe])i?b$");
  private static final Pattern LOWER_BINARY_UNIT =
      Pattern.compile("(?i)^(\\d+(\\.\\d+)?)([kmgtpe])i$");
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

  /**
   * Whether {@code value} is a Kubernetes quantity: {@code
   * [+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?}, ASCII digits.
   */
  static boolean isQuantity(String value) {
    return numberEnd(value) >= 0;
  }

  /**
   * Where the number of quantity {@code value} ends and its suffix starts, or -1 when it is not a
   * quantity. Scanned by hand, since validation checks every resource of every service and a
   * regular expression costs a cold run more: no suffix starts with a digit or '.', so the longest
   * number is the only split.
   */
  static int numberEnd(String value) {
    int length = value.length();
    int at = length > 0 && (value.charAt(0) == '+' || value.charAt(0) == '-') ? 1 : 0;
    int integer = digitsEnd(value, at);
    int end = integer;
    if (end < length && value.charAt(end) == '.') {
      end = digitsEnd(value, end + 1);
      if (integer == at && end == integer + 1) {
        return -1; // "." without a digit on either side
      }
    } else if (integer == at) {
      return -1;
    }
    return isQuantitySuffix(value, end) ? end : -1;
  }

  private static boolean isQuantitySuffix(String value, int from) {
    int length = value.length() - from;
    if (length == 0) {
      return true;
    }
    char unit = value.charAt(from);
    if (length == 1 && "numkMGTPE".indexOf(unit) >= 0) {
      return true;
    }
    if (length == 2 && value.charAt(from + 1) == 'i' && "KMGTPE".indexOf(unit) >= 0) {
      return true;
    }
    if (unit != 'e' && unit != 'E') {
      return false;
    }
    int exponent = from + 1;
    if (exponent < value.length()
        && (value.charAt(exponent) == '+' || value.charAt(exponent) == '-')) {
      exponent++;
    }
    return exponent < value.length() && digitsEnd(value, exponent) == value.length();
  }

  /** The index after the ASCII digits that start at {@code from}. */
  private static int digitsEnd(String value, int from) {
    int at = from;
    while (at < value.length() && value.charAt(at) >= '0' && value.charAt(at) <= '9') {
      at++;
    }
    return at;
  }

  /**
   * A likely meant quantity for a common mistake ({@code 10GB}, {@code 10gi}, {@code 10 Gi}), or
   * empty.
   */
  static Optional<String> quantitySuggestion(String value) {
    String compact = value.replace(" ", "");
    String fixed =
        LOWER_BINARY_UNIT
            .matcher(BYTE_UNIT_MISTAKE.matcher(compact).replaceFirst("$1$3i"))
            .replaceFirst("$1$3i");
    if (fixed.length() > 1 && fixed.endsWith("i")) {
      char unit = Character.toUpperCase(fixed.charAt(fixed.length() - 2));
      fixed = fixed.substring(0, fixed.length() - 2) + unit + "i";
    }
    return !fixed.equals(value) && isQuantity(fixed) ? Optional.of(fixed) : Optional.empty();
  }

  /** Whether {@code value} is a quantity greater than zero (sizes and CPU counts). */
  static boolean isPositiveQuantity(String value) {
    int end = numberEnd(value);
    if (end < 0 || value.startsWith("-")) {
      return false;
    }
    for (int at = 0; at < end; at++) {
      if (value.charAt(at) >= '1' && value.charAt(at) <= '9') {
        return true;
      }
    }
    return false;
  }

  static boolean isSqlIdentifier(String value) {
    return value.length() <= LABEL_MAX && SQL_IDENTIFIER.matcher(value).matches();
  }
}
