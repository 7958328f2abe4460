package dev.kit.conformance;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import tools.jackson.databind.JsonNode;

/**
 * Kubernetes and Argo CD decode manifests with go-yaml v2 (through sigs.k8s.io/yaml), a YAML 1.1
 * reader, while kit writes and reads with a YAML 1.2 library. An unquoted scalar the two read
 * differently (a string {@code 1_000}, {@code 0x1F}, {@code 0o17} or {@code .NaN} that go-yaml v2
 * turns into a number) reaches the API server with another type or value than kit meant. This finds
 * every such plain scalar in a file.
 */
final class Yaml11Scalars {

  private static final Set<String> BOOLS =
      Set.of(
          "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE",
          "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF");
  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
  private static final Set<String> SPECIAL_FLOATS =
      Set.of(
          ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan",
          ".NaN", ".NAN");

  /** go-yaml v2's yamlStyleFloat. */
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

  private Yaml11Scalars() {}

  /**
   * What go-yaml v2 resolves a plain scalar to: "str", "bool", "null", "int" or "float"
   * (resolve.go).
   */
  static String goYamlV2Type(String plain) {
    if (BOOLS.contains(plain)) {
      return "bool";
    }
    if (NULLS.contains(plain)) {
      return "null";
    }
    if (SPECIAL_FLOATS.contains(plain)) {
      return "float";
    }
    char first = plain.charAt(0);
    if (!(Character.isDigit(first) || first == '+' || first == '-' || first == '.')) {
      return "str";
    }
    String digits = plain.replace("_", "");
    if (isGoInteger(digits)) {
      return "int";
    }
    if (FLOAT.matcher(digits).matches()) {
      return "float";
    }
    return "str";
  }

  /**
   * Go's strconv.ParseInt/ParseUint with base 0: sign, then 0x/0o/0b prefixes, a leading-0 octal,
   * or decimal.
   */
  private static boolean isGoInteger(String text) {
    String s = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
    int radix = 10;
    if (s.length() > 2 && s.charAt(0) == '0' && "xXoObB".indexOf(s.charAt(1)) >= 0) {
      radix =
          switch (Character.toLowerCase(s.charAt(1))) {
            case 'x' -> 16;
            case 'o' -> 8;
            default -> 2;
          };
      s = s.substring(2);
    } else if (s.length() > 1 && s.charAt(0) == '0') {
      radix = 8;
      s = s.substring(1);
    }
    if (s.isEmpty() || s.startsWith("+") || s.startsWith("-")) {
      return false;
    }
    try {
      new BigInteger(s, radix); // rejects any character that is not a digit of the radix
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** What kit's YAML reader makes of the same plain scalar. */
  static String kitType(String plain) {
    JsonNode value = GeneratedObjects.YAML.readTree("k: " + plain + "\n").path("k");
    if (value.isString()) {
      return "str";
    }
    if (value.isBoolean()) {
      return "bool";
    }
    if (value.isNull()) {
      return "null";
    }
    return value.isIntegralNumber() ? "int" : "float";
  }

  /**
   * Every plain scalar of the text (keys and values) that go-yaml v2 and kit read as different
   * types.
   */
  static List<String> check(String where, String text) {
    List<String> problems = new ArrayList<>();
    for (Event event : new Parse(LoadSettings.builder().build()).parseString(text)) {
      if (event instanceof ScalarEvent scalar && scalar.isPlain() && !scalar.getValue().isEmpty()) {
        String value = scalar.getValue();
        String kubernetes = goYamlV2Type(value);
        String kit = kitType(value);
        if (!kubernetes.equals(kit)) {
          int line = scalar.getStartMark().map(m -> m.getLine() + 1).orElse(0);
          problems.add(
              where
                  + ":"
                  + line
                  + ": [yaml11] plain scalar '"
                  + value
                  + "' is "
                  + kit
                  + " to kit but "
                  + kubernetes
                  + " to Kubernetes' YAML 1.1 decoder (go-yaml v2); it must be quoted");
        }
      }
    }
    return problems;
  }
}
