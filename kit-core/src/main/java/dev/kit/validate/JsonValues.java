package dev.kit.validate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks free-form values (patch values, Helm chart values) are JSON: what a Kubernetes object or a
 * Helm values file can hold, and what kit writes the same way on every machine. Anything else is
 * serialized by reflection, if at all: a {@code Path} becomes a machine's absolute path, an
 * arbitrary object its getters, {@code NaN} a YAML {@code .NaN} the API server refuses.
 */
final class JsonValues {

  private static final Set<Class<?>> NUMBERS =
      Set.of(
          Integer.class,
          Long.class,
          Short.class,
          Byte.class,
          BigInteger.class,
          BigDecimal.class,
          Double.class,
          Float.class);

  private JsonValues() {}

  /**
   * The violations of {@code value}, each at {@code path} plus the keys and indexes leading to it,
   * such as {@code platform.cloudnativePg.values[config][0]}.
   */
  static List<Violation> check(String path, @Nullable Object value) {
    List<Violation> violations = new ArrayList<>();
    check(path, value, Collections.newSetFromMap(new IdentityHashMap<>()), violations);
    return violations;
  }

  private static void check(
      String path, @Nullable Object value, Set<Object> containers, List<Violation> violations) {
    if (value == null || value instanceof Boolean) {
      return;
    }
    if (value instanceof String text) {
      if (!isUnicode(text)) {
        violations.add(
            new Violation(
                path,
                "is not valid Unicode text (an unpaired surrogate), which no YAML file can hold",
                "remove the broken character"));
      }
      return;
    }
    if (value instanceof Number number) {
      if (!NUMBERS.contains(number.getClass())) {
        violations.add(
            new Violation(
                path,
                "is a " + number.getClass().getName() + ", not a JSON number",
                "use an Integer, Long, Double or BigDecimal"));
      } else if (number instanceof Double || number instanceof Float) {
        double d = number.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          violations.add(
              new Violation(
                  path,
                  number
                      + " is not a JSON number; YAML would carry it as "
                      + (Double.isNaN(d) ? ".nan" : ".inf")
                      + " and the API server rejects it",
                  "use a finite number, or the text the field expects as a String"));
        }
      }
      return;
    }
    if (value instanceof List<?> || value instanceof Map<?, ?>) {
      if (!containers.add(value)) {
        violations.add(
            new Violation(path, "contains itself", "build the value as a tree, without cycles"));
        return;
      }
      if (value instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          check(path + "[" + i + "]", list.get(i), containers, violations);
        }
      } else {
        sorted((Map<?, ?>) value)
            .forEach(
                entry -> {
                  Object k = entry.getKey();
                  Object v = entry.getValue();
                  if (k instanceof String key) {
                    if (!isUnicode(key)) {
                      violations.add(
                          new Violation(
                              path,
                              "has a key that is not valid Unicode text (an unpaired surrogate)",
                              "remove the broken character"));
                    }
                    check(path + Violations.entry(key), v, containers, violations);
                  } else {
                    violations.add(
                        new Violation(
                            path + "[" + k + "]",
                            "has a "
                                + (k == null ? "null" : k.getClass().getName())
                                + " key; JSON object keys are strings",
                            "use String keys, such as String.valueOf(key)"));
                  }
                });
      }
      containers.remove(value);
      return;
    }
    violations.add(
        new Violation(
            path,
            "is a " + value.getClass().getName() + ", not a JSON value",
            "convert it to a String, Number, Boolean, List or Map, such as path.toString() or an enum's name()"));
  }

  /**
   * The entries by key, so messages come in the same order on every run ({@code Map.of} iterates in
   * a random one).
   */
  static List<Map.Entry<?, ?>> sorted(Map<?, ?> map) {
    List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
    entries.sort(java.util.Comparator.comparing(e -> String.valueOf(e.getKey())));
    return entries;
  }

  /** Whether every surrogate of {@code text} is half of a pair, so UTF-8 can carry it. */
  static boolean isUnicode(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
