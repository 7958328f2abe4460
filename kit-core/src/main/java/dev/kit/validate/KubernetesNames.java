package dev.kit.validate;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The syntax rules Kubernetes (and so CNPG and Argo CD) applies to names, labels and quantities.
 * Names, labels and quantities are scanned by hand rather than matched with regular expressions:
 * every service has dozens of them, and in a cold JVM matching was a fifth of validation's work and
 * some 100 JIT compiles of {@code java.util.regex} (PROFILE.md, section 14). {@code
 * KubernetesNamesTest} compares each scan with the regular expression it replaces on every short
 * string.
 */
final class KubernetesNames {

  static final int LABEL_MAX = 63;
  static final int SUBDOMAIN_MAX = 253;

  private static final Pattern BYTE_UNIT_MISTAKE =
      Pattern.compile("(?i)^(\\d+(\\.\\d+)?)([kmgtpe])i?b$");
  private static final Pattern LOWER_BINARY_UNIT =
      Pattern.compile("(?i)^(\\d+(\\.\\d+)?)([kmgtpe])i$");

  private KubernetesNames() {}

  /** Why {@code value} is not a DNS-1123 label (namespaces, most object names), or empty. */
  static Optional<String> dns1123Label(String value) {
    if (value.isEmpty()) {
      return Optional.of("is empty");
    }
    if (value.length() > LABEL_MAX) {
      return Optional.of("is " + value.length() + " characters, more than " + LABEL_MAX);
    }
    if (!isDns1123Label(value, 0, value.length())) {
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
    if (!isLowerLetter(value.charAt(0)) || !isDns1123Label(value, 0, value.length())) {
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
    if (!isDns1123Subdomain(value)) {
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
    if (name.length() > LABEL_MAX || !isLabelName(name)) {
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
    if (value.length() > LABEL_MAX || !isLabelName(value)) {
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

  /** Whether {@code value} is a lower-case SQL identifier of at most 63 characters. */
  static boolean isSqlIdentifier(String value) {
    return value.length() <= LABEL_MAX && isSqlIdentifier(value, 0, value.length());
  }

  /** Whether {@code value[from, to)} is {@code [a-z_][a-z0-9_]*}. */
  static boolean isSqlIdentifier(String value, int from, int to) {
    if (from >= to || isDigit(value.charAt(from))) {
      return false;
    }
    for (int at = from; at < to; at++) {
      char c = value.charAt(at);
      if (!isLowerLetter(c) && !isDigit(c) && c != '_') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code value[from, to)} is a DNS-1123 label's syntax, {@code
   * [a-z0-9]([-a-z0-9]*[a-z0-9])?}, whatever its length.
   */
  static boolean isDns1123Label(String value, int from, int to) {
    if (from >= to || value.charAt(from) == '-' || value.charAt(to - 1) == '-') {
      return false;
    }
    for (int at = from; at < to; at++) {
      char c = value.charAt(at);
      if (!isLowerLetter(c) && !isDigit(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code value} is DNS-1123 labels joined by '.', whatever its length. */
  static boolean isDns1123Subdomain(String value) {
    int from = 0;
    for (int dot = value.indexOf('.'); dot >= 0; dot = value.indexOf('.', from)) {
      if (!isDns1123Label(value, from, dot)) {
        return false;
      }
      from = dot + 1;
    }
    return isDns1123Label(value, from, value.length());
  }

  /**
   * Whether the API server takes {@code name} as a container's resource: {@code cpu}, {@code
   * memory}, {@code ephemeral-storage}, {@code hugepages-<quantity>}, or an extended resource, a
   * qualified {@code domain/name} outside {@code kubernetes.io} and not starting {@code requests.}.
   */
  static boolean isContainerResourceName(String name) {
    if (name.equals("cpu") || name.equals("memory") || name.equals("ephemeral-storage")) {
      return true;
    }
    if (name.startsWith("hugepages-")) {
      return isQuantity(name.substring("hugepages-".length()));
    }
    // An extended resource is a qualified name, as a label key is, with its prefix required.
    return name.indexOf('/') >= 0
        && !name.startsWith("requests.")
        && !name.contains("kubernetes.io/")
        && labelKey(name).isEmpty();
  }

  /** Whether {@code value} is {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}. */
  private static boolean isLabelName(String value) {
    if (value.isEmpty()
        || !isAsciiLetterOrDigit(value.charAt(0))
        || !isAsciiLetterOrDigit(value.charAt(value.length() - 1))) {
      return false;
    }
    for (int at = 1; at < value.length() - 1; at++) {
      char c = value.charAt(at);
      if (!isAsciiLetterOrDigit(c) && c != '-' && c != '_' && c != '.') {
        return false;
      }
    }
    return true;
  }

  // The ASCII character classes of the grammars this package scans by hand, in one place.

  static boolean isAsciiLetterOrDigit(char c) {
    return isAsciiLetter(c) || isDigit(c);
  }

  static boolean isAsciiLetter(char c) {
    return isLowerLetter(c) || (c >= 'A' && c <= 'Z');
  }

  static boolean isLowerAlphanumeric(char c) {
    return isLowerLetter(c) || isDigit(c);
  }

  static boolean isLowerLetter(char c) {
    return c >= 'a' && c <= 'z';
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
