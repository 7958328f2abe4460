package dev.kit.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.testing.AllStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SecretKeyTest {

  @Test
  void isKeyName_agreesWithTheRegularExpression_forEveryShortKey() {
    // Kubernetes's IsConfigMapKey: the characters, and not ".", ".." or a "..<anything>" prefix.
    Pattern secretKey = Pattern.compile("(?!\\.\\.)(?!\\.$)[-._a-zA-Z0-9]+");
    List<String> mismatches = new ArrayList<>();
    for (String key : AllStrings.upTo("aZ09-._/ é", 4)) {
      if (SecretKey.isKeyName(key) != secretKey.matcher(key).matches()) {
        mismatches.add(key);
      }
    }
    assertThat(mismatches).isEmpty();
  }
}
