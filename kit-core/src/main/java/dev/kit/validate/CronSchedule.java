package dev.kit.validate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The schedule syntax of CNPG's ScheduledBackup: Go's robfig/cron with a seconds field, so six
 * fields (second minute hour day-of-month month day-of-week), or a descriptor such as
 * {@code @daily}.
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

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern STEP = Pattern.compile("[1-9][0-9]*");
  private static final Pattern VALUE = Pattern.compile("[0-9]{1,2}");

  private CronSchedule() {}

  /** Why {@code schedule} is not a schedule CNPG accepts, or empty. */
  static Optional<String> problem(String schedule) {
    String trimmed = schedule.trim();
    if (DESCRIPTOR.matcher(trimmed).matches() || EVERY.matcher(trimmed).matches()) {
      return Optional.empty();
    }
    String[] fields = trimmed.isEmpty() ? new String[0] : WHITESPACE.split(trimmed);
    if (fields.length != FIELDS.size()) {
      return Optional.of(
          "has " + fields.length + " fields; CNPG's schedule has six, seconds first");
    }
    for (int i = 0; i < fields.length; i++) {
      Optional<String> problem = fieldProblem(fields[i], FIELDS.get(i));
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
        if (!STEP.matcher(step).matches()) {
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
    if (!VALUE.matcher(value).matches()) {
      return Optional.empty();
    }
    int n = Integer.parseInt(value);
    return n >= field.min() && n <= field.max() ? Optional.of(n) : Optional.empty();
  }

  private static String quoteOf(String value) {
    return "\"" + value + "\"";
  }
}
