package dev.kit.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The schedule syntax of CNPG's ScheduledBackup: Go's robfig/cron with a seconds field, so six
 * fields (second minute hour day-of-month month day-of-week), or a descriptor such as
 * {@code @daily}. Fields, steps and values are scanned by hand rather than matched: every service
 * with backups has a schedule, and a cold JVM interprets, then compiles, regular expressions at a
 * cost this check does not need (PROFILE.md, section 14); {@code CronScheduleTest} compares both.
 */
final class CronSchedule {

  private record Field(String name, int min, int max, List<String> names) {}

  private static final List<Field> FIELDS =
      List.of(
          new Field("second", 0, 59, List.of()),
          new Field("minute", 0, 59, List.of()),
          new Field("hour", 0, 23, List.of()),
          new Field("day of month", 1, 31, List.of()),
          new Field(
              "month",
              1,
              12,
              List.of(
                  "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
                  "DEC")),
          new Field("day of week", 0, 6, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")));

  private static final Pattern DESCRIPTOR =
      Pattern.compile("@(yearly|annually|monthly|weekly|daily|midnight|hourly)");
  private static final Pattern EVERY =
      Pattern.compile("@every ([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+");

  private CronSchedule() {}

  /** Why {@code schedule} is not a schedule CNPG accepts, or empty. */
  static Optional<String> problem(String schedule) {
    String trimmed = schedule.trim();
    if (trimmed.startsWith("@")
        && (DESCRIPTOR.matcher(trimmed).matches() || EVERY.matcher(trimmed).matches())) {
      return Optional.empty();
    }
    List<String> fields = fields(trimmed);
    if (fields.size() != FIELDS.size()) {
      return Optional.of(
          "has " + fields.size() + " fields; CNPG's schedule has six, seconds first");
    }
    for (int i = 0; i < fields.size(); i++) {
      Optional<String> problem = fieldProblem(fields.get(i), FIELDS.get(i));
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> fieldProblem(String value, Field field) {
    for (String part : value.split(",", -1)) {
      String range = part;
      String step = null;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = part.substring(slash + 1);
        if (step.isEmpty() || step.charAt(0) == '0' || !isDigits(step)) {
          return Optional.of(field.name() + " step " + quoteOf(step) + " is not a positive number");
        }
      }
      if (range.equals("*")
          || (range.equals("?") && field.min() == 1 && field.name().startsWith("day"))
          || (range.equals("?") && field.name().equals("day of week"))) {
        continue;
      }
      String[] bounds = range.split("-", -1);
      if (bounds.length > 2) {
        return Optional.of(field.name() + " " + quoteOf(part) + " is not a value or range");
      }
      for (String bound : bounds) {
        Optional<Integer> number = number(bound, field);
        if (number.isEmpty()) {
          return Optional.of(
              field.name()
                  + " "
                  + quoteOf(bound)
                  + " is not a value from "
                  + field.min()
                  + " to "
                  + field.max());
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Integer> number(String value, Field field) {
    int index = field.names().indexOf(value.toUpperCase(Locale.ROOT));
    if (index >= 0) {
      return Optional.of(index + field.min());
    }
    if (value.isEmpty() || value.length() > 2 || !isDigits(value)) {
      return Optional.empty();
    }
    int n = Integer.parseInt(value);
    return n >= field.min() && n <= field.max() ? Optional.of(n) : Optional.empty();
  }

  /**
   * The fields of a trimmed schedule: what runs of whitespace ({@code \s} of a regular expression)
   * separate.
   */
  static List<String> fields(String trimmed) {
    List<String> fields = new ArrayList<>(6);
    int from = 0;
    while (from < trimmed.length()) {
      int end = from;
      while (end < trimmed.length() && !isWhitespace(trimmed.charAt(end))) {
        end++;
      }
      fields.add(trimmed.substring(from, end));
      from = end;
      while (from < trimmed.length() && isWhitespace(trimmed.charAt(from))) {
        from++;
      }
    }
    return fields;
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /** Whether {@code value} is ASCII digits only. */
  private static boolean isDigits(String value) {
    for (int at = 0; at < value.length(); at++) {
      if (value.charAt(at) < '0' || value.charAt(at) > '9') {
        return false;
      }
    }
    return true;
  }

  private static String quoteOf(String value) {
    return "\"" + value + "\"";
  }
}
