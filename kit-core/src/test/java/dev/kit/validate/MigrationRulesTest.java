package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MigrationRulesTest {

  /** The file-name rule as a regular expression, which the scanner must agree with. */
  private static final Pattern CONFIGMAP_KEY = Pattern.compile("[-._a-zA-Z0-9]+\\.sql");

  @Test
  void isConfigMapKey_agreesWithTheRegularExpression_forEveryShortName() {
    List<String> mismatches = new ArrayList<>();
    // Every stem of up to 3 characters before ".sql", ".sq" and "sql", plus all short names alone;
    // the alphabet has each allowed kind and near misses ('/', ' ', 'é', a non-ASCII digit).
    for (String stem : KubernetesNamesTest.strings("aZ0-._/ é\u0663sql", 3)) {
      for (String name : List.of(stem, stem + ".sql", stem + ".sq", stem + "sql", stem + ".SQL")) {
        boolean expected = CONFIGMAP_KEY.matcher(name).matches();
        if (MigrationRules.isConfigMapKey(name) != expected) {
          mismatches.add(name);
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void isConfigMapKey_refusesANameLongerThan253() {
    String longest = "1_" + "a".repeat(253 - 6) + ".sql";

    assertThat(longest).hasSize(253);
    assertThat(MigrationRules.isConfigMapKey(longest)).isTrue();
    assertThat(MigrationRules.isConfigMapKey("a" + longest)).isFalse();
  }
}
