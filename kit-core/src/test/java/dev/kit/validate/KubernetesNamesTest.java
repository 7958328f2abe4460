package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.testing.AllStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KubernetesNamesTest {

  private static final String NOT_DNS1123_LABEL =
      "is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit)";
  private static final String NOT_DNS1035_LABEL =
      "is not a DNS-1035 label (lower-case letters, digits and '-', starting with a letter and ending with a letter or digit)";
  private static final String NOT_SUBDOMAIN =
      "is not a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')";
  private static final String NOT_LABEL_KEY =
      "is not a label key (an optional DNS prefix and '/', then up to 63 letters, "
          + "digits, '-', '_' or '.', starting and ending with a letter or digit)";
  private static final String NOT_LABEL_VALUE =
      "is not a label value (up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)";

  // --- quantities -------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1", "1.5", "500m", "20Gi", "1e3", "+1", ".5", "-1", "1.", "1E", "2k", "5E-3", "100n", "1Ei"
      })
  void isQuantity_returnsTrue_whenValueIsAQuantity(String value) {
    assertThat(KubernetesNames.isQuantity(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"10GB", "1.2.3", "Gi", "", " 1", "1 ", "10gi", "2K", "1e", "1iB", ".", "1Gi1"})
  void isQuantity_returnsFalse_whenValueIsNotAQuantity(String value) {
    assertThat(KubernetesNames.isQuantity(value)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "10GB, 10Gi",
    "10gi, 10Gi",
    "512 Mi, 512Mi",
    "1.5GiB, 1.5Gi",
    "2kb, 2Ki",
    "10mb, 10Mi",
    "3 TB, 3Ti",
    "50 m, 50m"
  })
  void quantitySuggestion_returnsLikelyQuantity_whenValueIsACommonMistake(
      String value, String suggestion) {
    assertThat(KubernetesNames.quantitySuggestion(value)).contains(suggestion);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "", "10Gi", "1.2.3", "Gi", "hi", "10 GB please"})
  void quantitySuggestion_returnsEmpty_whenNoFixIsLikely(String value) {
    assertThat(KubernetesNames.quantitySuggestion(value)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "0.5", "500m", "20Gi", "1e3", "1e-3", "+1", ".5", "10"})
  void isPositiveQuantity_returnsTrue_whenQuantityIsGreaterThanZero(String value) {
    assertThat(KubernetesNames.isPositiveQuantity(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0Gi", "0.0", "+0", "-1", "-1Gi", "0e3", "abc", ""})
  void isPositiveQuantity_returnsFalse_whenQuantityIsZeroNegativeOrInvalid(String value) {
    assertThat(KubernetesNames.isPositiveQuantity(value)).isFalse();
  }

  /** Kubernetes' quantity syntax as a regular expression, which the scanner must agree with. */
  private static final Pattern QUANTITY =
      Pattern.compile(
          "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d+)?");

  @Test
  void isQuantity_agreesWithTheRegularExpression_forEveryShortString() {
    // Every string of up to 4 characters over the quantity's characters and a few near misses
    // (a non-ASCII digit, a letter that is no unit, a space).
    List<String> mismatches = new ArrayList<>();
    for (String value : AllStrings.upTo("09+-.eEiKMmnukGTPx \u0663", 4)) {
      boolean quantity = QUANTITY.matcher(value).matches();
      if (KubernetesNames.isQuantity(value) != quantity) {
        mismatches.add("isQuantity(" + value + ")");
      }
      boolean positive =
          quantity
              && !value.startsWith("-")
              && value
                  .replaceFirst("^[+]?", "")
                  .replaceFirst("([eE][+-]?\\d+|[A-Za-z]+)$", "")
                  .chars()
                  .anyMatch(c -> c >= '1' && c <= '9');
      if (KubernetesNames.isPositiveQuantity(value) != positive) {
        mismatches.add("isPositiveQuantity(" + value + ")");
      }
    }
    assertThat(mismatches).isEmpty();
  }

  // --- the scanners against the regular expressions they replace ---------------------------------

  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL_NAME =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern SQL_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

  @Test
  void namesAndLabels_agreeWithTheRegularExpressions_forEveryShortString() {
    // Every string of up to 4 characters over each character class's edges and near misses
    // (upper case, '/', a space, a non-ASCII letter and digit), and of up to 6 over the
    // separators, where the rules about first and last characters and empty parts bite.
    List<String> values = new ArrayList<>(AllStrings.upTo("az09-._AZ/ é\u0663", 4));
    values.addAll(AllStrings.upTo("a0-._/", 6));
    List<String> mismatches = new ArrayList<>();
    for (String value : values) {
      if (KubernetesNames.isDns1123Label(value, 0, value.length())
          != DNS1123_LABEL.matcher(value).matches()) {
        mismatches.add("isDns1123Label(" + value + ")");
      }
      if (KubernetesNames.dns1035Label(value, 63).isEmpty()
          != (!value.isEmpty() && DNS1035_LABEL.matcher(value).matches())) {
        mismatches.add("dns1035Label(" + value + ")");
      }
      if (KubernetesNames.isDns1123Subdomain(value) != DNS1123_SUBDOMAIN.matcher(value).matches()) {
        mismatches.add("isDns1123Subdomain(" + value + ")");
      }
      if (KubernetesNames.labelValue(value).isEmpty()
          != (value.isEmpty() || LABEL_NAME.matcher(value).matches())) {
        mismatches.add("labelValue(" + value + ")");
      }
      if (!KubernetesNames.labelKey(value).equals(labelKeyByRegex(value))) {
        mismatches.add("labelKey(" + value + ")");
      }
      if (KubernetesNames.isSqlIdentifier(value) != SQL_IDENTIFIER.matcher(value).matches()) {
        mismatches.add("isSqlIdentifier(" + value + ")");
      }
    }
    assertThat(mismatches).isEmpty();
  }

  /** {@link KubernetesNames#labelKey} as it was with regular expressions, messages included. */
  private static Optional<String> labelKeyByRegex(String key) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty()) {
        return Optional.of("has a prefix that is empty");
      }
      if (!DNS1123_SUBDOMAIN.matcher(prefix).matches()) {
        return Optional.of("has a prefix that " + NOT_SUBDOMAIN);
      }
    }
    if (name.isEmpty() || name.length() > 63 || !LABEL_NAME.matcher(name).matches()) {
      return Optional.of(NOT_LABEL_KEY);
    }
    return Optional.empty();
  }

  // --- DNS names --------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"orders", "a", "0day", "a-b", "a--b", "x1"})
  void dns1123Label_returnsEmpty_whenValueIsALabel(String value) {
    assertThat(KubernetesNames.dns1123Label(value)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Orders", "-a", "a-", "a.b", "a_b", "a b", "ä"})
  void dns1123Label_explainsSyntax_whenValueIsNotALabel(String value) {
    assertThat(KubernetesNames.dns1123Label(value)).contains(NOT_DNS1123_LABEL);
  }

  @Test
  void dns1123Label_saysEmpty_whenValueIsEmpty() {
    assertThat(KubernetesNames.dns1123Label("")).contains("is empty");
  }

  @Test
  void dns1123Label_givesLength_whenValueIsLongerThan63() {
    assertThat(KubernetesNames.dns1123Label("a".repeat(63))).isEmpty();
    assertThat(KubernetesNames.dns1123Label("a".repeat(64)))
        .contains("is 64 characters, more than 63");
  }

  @ParameterizedTest
  @ValueSource(strings = {"orders", "a", "a-b", "x1"})
  void dns1035Label_returnsEmpty_whenValueIsALabel(String value) {
    assertThat(KubernetesNames.dns1035Label(value, 63)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0day", "1", "Orders", "-a", "a-", "a.b"})
  void dns1035Label_explainsSyntax_whenValueIsNotALabel(String value) {
    assertThat(KubernetesNames.dns1035Label(value, 63)).contains(NOT_DNS1035_LABEL);
  }

  @Test
  void dns1035Label_givesLength_whenValueIsLongerThanTheMaximum() {
    assertThat(KubernetesNames.dns1035Label("a".repeat(59), 59)).isEmpty();
    assertThat(KubernetesNames.dns1035Label("a".repeat(60), 59))
        .contains("is 60 characters, more than 59");
    assertThat(KubernetesNames.dns1035Label("", 59)).contains("is empty");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "shop.team", "a.b-c.d", "0.0"})
  void dns1123Subdomain_returnsEmpty_whenValueIsASubdomain(String value) {
    assertThat(KubernetesNames.dns1123Subdomain(value)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"A", "a..b", ".a", "a.", "a_b", "a.-b", "my project"})
  void dns1123Subdomain_explainsSyntax_whenValueIsNotASubdomain(String value) {
    assertThat(KubernetesNames.dns1123Subdomain(value)).contains(NOT_SUBDOMAIN);
  }

  @Test
  void dns1123Subdomain_givesLength_whenValueIsLongerThan253() {
    String label = "a".repeat(63);
    String longest = String.join(".", label, label, label, "a".repeat(61));

    assertThat(longest).hasSize(253);
    assertThat(KubernetesNames.dns1123Subdomain(longest)).isEmpty();
    assertThat(KubernetesNames.dns1123Subdomain(longest + "a"))
        .contains("is 254 characters, more than 253");
    assertThat(KubernetesNames.dns1123Subdomain("")).contains("is empty");
  }

  // --- labels -----------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "team",
        "a",
        "Team_Name.v2",
        "app.kubernetes.io/name",
        "example.com/a-b_c.d",
        "topology.kubernetes.io/zone"
      })
  void labelKey_returnsEmpty_whenKeyIsALabelKey(String key) {
    assertThat(KubernetesNames.labelKey(key)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "team name", "-team", "team-", "_team", "a/", "a/b/c", "team!"})
  void labelKey_explainsSyntax_whenNameIsNotALabelName(String key) {
    assertThat(KubernetesNames.labelKey(key)).contains(NOT_LABEL_KEY);
  }

  @Test
  void labelKey_explainsSyntax_whenNameIsLongerThan63() {
    assertThat(KubernetesNames.labelKey("example.com/" + "n".repeat(63))).isEmpty();
    assertThat(KubernetesNames.labelKey("example.com/" + "n".repeat(64))).contains(NOT_LABEL_KEY);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "Example.com/team | has a prefix that " + NOT_SUBDOMAIN,
        "ex_ample.com/team | has a prefix that " + NOT_SUBDOMAIN,
        "/team | has a prefix that is empty"
      })
  void labelKey_explainsPrefix_whenPrefixIsNotASubdomain(String key, String problem) {
    assertThat(KubernetesNames.labelKey(key)).contains(problem);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "checkout", "v1.2.3", "A_b-C.d", "0"})
  void labelValue_returnsEmpty_whenValueIsALabelValue(String value) {
    assertThat(KubernetesNames.labelValue(value)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"check out", "-x", "x-", ".x", "a/b", "ä"})
  void labelValue_explainsSyntax_whenValueIsNotALabelValue(String value) {
    assertThat(KubernetesNames.labelValue(value)).contains(NOT_LABEL_VALUE);
  }

  @Test
  void labelValue_explainsSyntax_whenValueIsLongerThan63() {
    assertThat(KubernetesNames.labelValue("v".repeat(63))).isEmpty();
    assertThat(KubernetesNames.labelValue("v".repeat(64))).contains(NOT_LABEL_VALUE);
  }

  // --- SQL identifiers --------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"orders", "_x", "a1", "atlas_schema_revisions"})
  void isSqlIdentifier_returnsTrue_whenValueIsALowerCaseIdentifier(String value) {
    assertThat(KubernetesNames.isSqlIdentifier(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Orders", "1a", "a-b", "a b", "a.b", "\"orders\""})
  void isSqlIdentifier_returnsFalse_whenValueIsNotALowerCaseIdentifier(String value) {
    assertThat(KubernetesNames.isSqlIdentifier(value)).isFalse();
  }

  @Test
  void isSqlIdentifier_returnsFalse_whenLongerThan63() {
    assertThat(KubernetesNames.isSqlIdentifier("a".repeat(63))).isTrue();
    assertThat(KubernetesNames.isSqlIdentifier("a".repeat(64))).isFalse();
  }
}
