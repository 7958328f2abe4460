package dev.kit.lint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The severity of each lint rule: its default, or what the configuration says.
 *
 * <pre>{@code
 * LintSettings settings = LintSettings.parse(Map.of("SET_NOT_NULL", "error", "CREATE_WITHOUT_IF_NOT_EXISTS", "off"));
 * settings.severity(LintRule.SET_NOT_NULL); // ERROR
 * }</pre>
 */
public final class LintSettings {

  private final Map<LintRule, LintRule.Severity> severities;

  private LintSettings(Map<LintRule, LintRule.Severity> severities) {
    this.severities = severities;
  }

  /** Every rule at its default severity. */
  public static LintSettings defaults() {
    return new LintSettings(new EnumMap<>(LintRule.class));
  }

  /**
   * Severities by rule id ({@code DROP_TABLE}) or Atlas code ({@code DS102}): {@code error}, {@code
   * warning} or {@code off}, in any case.
   *
   * @throws IllegalArgumentException naming every unknown rule or severity, and the valid ones
   */
  public static LintSettings parse(Map<String, String> configured) {
    Map<LintRule, LintRule.Severity> severities = new EnumMap<>(LintRule.class);
    List<String> problems = new ArrayList<>();
    configured.forEach(
        (id, value) -> {
          LintRule rule = rule(id);
          LintRule.Severity severity = severity(value);
          if (rule == null) {
            problems.add(
                "unknown lint rule '"
                    + id
                    + "' (rules: "
                    + Arrays.toString(LintRule.values())
                    + ")");
          } else if (severity == null) {
            problems.add(
                "lint rule "
                    + id
                    + ": unknown severity '"
                    + value
                    + "' (use error, warning or off)");
          } else {
            severities.put(rule, severity);
          }
        });
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new LintSettings(severities);
  }

  /** The severity of {@code rule}. */
  public LintRule.Severity severity(LintRule rule) {
    return severities.getOrDefault(rule, rule.defaultSeverity());
  }

  /** The rule with id or Atlas code {@code id}, or null. */
  static @Nullable LintRule rule(String id) {
    String wanted = id.strip();
    for (LintRule rule : LintRule.values()) {
      if (rule.name().equalsIgnoreCase(wanted)
          || rule.atlasCode().filter(code -> code.equalsIgnoreCase(wanted)).isPresent()) {
        return rule;
      }
    }
    return null;
  }

  private static LintRule.@Nullable Severity severity(@Nullable String value) {
    return switch (value == null ? "" : value.strip().toLowerCase(Locale.ROOT)) {
      case "error" -> LintRule.Severity.ERROR;
      case "warning", "warn" -> LintRule.Severity.WARNING;
      case "off", "ignore" -> LintRule.Severity.OFF;
      default -> null;
    };
  }
}
