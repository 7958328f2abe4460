package dev.kit.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The schedule syntax of CNPG's ScheduledBackup: Go's robfig/cron v1.2.0 (CNPG's go.mod) with a
 * seconds field, so six fields (second minute hour day-of-month month day-of-week), or a descriptor
 * such as {@code @daily}. Fields, steps and values are scanned by hand rather than matched: every
 * service with backups has a schedule, and a cold JVM interprets, then compiles, regular
 * expressions at a cost this check does not need (PROFILE.md, section 14); {@code CronScheduleTest}
 * compares both.
 */
public final class CronSchedule {

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

  /**
   * Why kit refuses {@code schedule}; empty when it is a descriptor, an {@code @every} duration or
   * six fields that robfig/cron v1.2.0 reads without error. kit also refuses five fields, which
   * robfig/cron's default parser reads as six with the day of week left out, seconds first (so
   * {@code 0 2 * * *} runs two minutes past every hour), and spaces around the schedule, which kit
   * would write as they are ({@link #isPadded}).
   */
  public static Optional<String> problem(String schedule) {
    if (isPadded(schedule)) {
      // robfig/cron reads " @daily" as one field and "@daily " as an unknown descriptor.
      return Optional.of(
          "has spaces before or after it, which kit would write into the ScheduledBackup as they"
              + " are (CNPG refuses them around an @ schedule)");
    }
    if (schedule.startsWith("@") && DESCRIPTOR.matcher(schedule).matches()) {
      return Optional.empty();
    }
    if (schedule.startsWith("@") && EVERY.matcher(schedule).matches()) {
      return everyNanos(schedule).compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0
          ? Optional.of("is longer than Go's longest duration, about 292 years")
          : Optional.empty();
    }
    List<String> fields = fields(schedule);
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

  /** Whether {@code schedule} has whitespace before or after it, as {@link String#trim} drops. */
  public static boolean isPadded(String schedule) {
    return !schedule.trim().equals(schedule);
  }

  private static Optional<String> fieldProblem(String value, Field field) {
    if (value.replace(",", "").isEmpty()) {
      // robfig/cron drops the empty items and gives the field no value at all.
      return Optional.of(
          field.name() + " " + quoteOf(value) + " names no value, so the backup never runs");
    }
    for (String part : value.split(",", -1)) {
      if (part.isEmpty()) {
        continue; // robfig/cron splits a list with strings.FieldsFunc, which drops empty items
      }
      String range = part;
      String step = null;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = part.substring(slash + 1);
        if (!isDigits(step) || withoutLeadingZeros(step).equals("0")) {
          return Optional.of(field.name() + " step " + quoteOf(step) + " is not a positive number");
        }
      }
      // robfig/cron reads ? as * in every field.
      if (range.equals("*") || range.equals("?")) {
        continue;
      }
      String[] bounds = range.split("-", -1);
      if (bounds.length > 2) {
        return Optional.of(field.name() + " " + quoteOf(part) + " is not a value or range");
      }
      int previous = -1;
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
        if (number.get() < previous) {
          // robfig/cron: "beginning of range beyond end of range".
          return Optional.of(field.name() + " range " + quoteOf(range) + " runs backwards");
        }
        previous = number.get();
      }
    }
    return Optional.empty();
  }

  private static Optional<Integer> number(String value, Field field) {
    int index = field.names().indexOf(value.toUpperCase(Locale.ROOT));
    if (index >= 0) {
      return Optional.of(index + field.min());
    }
    if (!isDigits(value)) {
      return Optional.empty();
    }
    String digits = withoutLeadingZeros(value); // strconv.Atoi reads "05" as 5
    if (digits.length() > 2) {
      return Optional.empty();
    }
    int n = Integer.parseInt(digits);
    return n >= field.min() && n <= field.max() ? Optional.of(n) : Optional.empty();
  }

  /** robfig/cron's descriptors, as the six fields each stands for. */
  private static final Map<String, String> DESCRIPTORS =
      Map.of(
          "@yearly", "0 0 0 1 1 *",
          "@annually", "0 0 0 1 1 *",
          "@monthly", "0 0 0 1 * *",
          "@weekly", "0 0 0 * * 0",
          "@daily", "0 0 0 * * *",
          "@midnight", "0 0 0 * * *",
          "@hourly", "0 0 * * * *");

  /**
   * robfig/cron's mark of a field that starts with {@code *} or {@code ?}: in v1.2.0 whatever its
   * step ({@code *}{@code /2} too), where v3 drops it for a step above 1.
   */
  private static final long STAR = 1L << 63;

  /**
   * The days looked at when which days run depends on the calendar (a day of month, a month): from
   * 2001-01-01, a Monday, the 28 years after which dates fall on the same weekdays again (every
   * fourth year is a leap year from 1901 to 2099), and one year more for the wait across the end.
   */
  private static final int CALENDAR_DAYS = 29 * 365 + 7;

  private static final int MONDAY = 1;
  private static final int[] MONTH_DAYS = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  /**
   * The longest time between two runs of {@code schedule}, one {@link #problem} accepts, on the
   * operator's clock in UTC; empty when it never runs, as on 30 February. A backup-age alert
   * shorter than this fires before every late-enough backup is due.
   */
  public static Optional<Duration> longestWait(String schedule) {
    String trimmed = schedule.trim();
    if (trimmed.startsWith("@every")) {
      return Optional.of(every(trimmed));
    }
    List<String> fields = fields(DESCRIPTORS.getOrDefault(trimmed, trimmed));
    long hours = bits(fields.get(2), FIELDS.get(2));
    long minutes = bits(fields.get(1), FIELDS.get(1));
    long seconds = bits(fields.get(0), FIELDS.get(0));
    // A day's runs, as seconds of the day, in order: the first, the last, the longest gap between.
    int first = -1;
    int last = -1;
    long longest = 0;
    for (int hour = 0; hour < 24; hour++) {
      for (int minute = 0; minute < 60 && has(hours, hour); minute++) {
        for (int second = 0; second < 60 && has(minutes, minute); second++) {
          if (has(seconds, second)) {
            int time = (hour * 60 + minute) * 60 + second;
            if (first < 0) {
              first = time;
            } else {
              longest = Math.max(longest, time - last);
            }
            last = time;
          }
        }
      }
    }
    long daysOfMonth = bits(fields.get(3), FIELDS.get(3));
    long months = bits(fields.get(4), FIELDS.get(4));
    long daysOfWeek = bits(fields.get(5), FIELDS.get(5));
    boolean everyMonth = (months & 0x1FFEL) == 0x1FFEL;
    boolean everyDayOfMonth = (daysOfMonth & 0xFFFFFFFEL) == 0xFFFFFFFEL;
    // Every day of every month: only the day of the week tells days apart, so two weeks show
    // every wait.
    int days = everyMonth && everyDayOfMonth ? 14 : CALENDAR_DAYS;
    int previous = -1;
    int year = 2001;
    int month = 1;
    int dayOfMonth = 1;
    for (int day = 0; day < days; day++) {
      int dayOfWeek = (MONDAY + day) % 7;
      if (has(months, month) && runsOn(daysOfMonth, dayOfMonth, daysOfWeek, dayOfWeek)) {
        if (previous >= 0) {
          longest = Math.max(longest, (day - previous) * 86_400L - last + first);
        }
        previous = day;
      }
      if (dayOfMonth < monthDays(year, month)) {
        dayOfMonth++;
      } else {
        dayOfMonth = 1;
        month = month % 12 + 1;
        year += month == 1 ? 1 : 0;
      }
    }
    if (previous < 0) {
      return Optional.empty();
    }
    // Every date that runs comes again within the days looked at, so a second run was seen.
    return Optional.of(Duration.ofSeconds(longest));
  }

  /** robfig/cron: either day field starred means both must match, otherwise either may. */
  private static boolean runsOn(long daysOfMonth, int dayOfMonth, long daysOfWeek, int dayOfWeek) {
    boolean monthDay = has(daysOfMonth, dayOfMonth);
    boolean weekDay = has(daysOfWeek, dayOfWeek);
    return ((daysOfMonth & STAR) != 0 || (daysOfWeek & STAR) != 0)
        ? monthDay && weekDay
        : monthDay || weekDay;
  }

  private static int monthDays(int year, int month) {
    boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    return month == 2 && leap ? 29 : MONTH_DAYS[month - 1];
  }

  private static boolean has(long bits, int value) {
    return (bits >>> value & 1) != 0;
  }

  /** The values a field {@link #problem} accepts allows, bit n for value n, and {@link #STAR}. */
  private static long bits(String value, Field field) {
    long bits = 0;
    for (String part : value.split(",", -1)) {
      if (part.isEmpty()) {
        continue;
      }
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        String digits = withoutLeadingZeros(part.substring(slash + 1));
        // Any step past the field's width runs once, as 100 does.
        step = digits.length() > 2 ? 100 : Integer.parseInt(digits);
      }
      int low;
      int high;
      if (range.equals("*") || range.equals("?")) {
        low = field.min();
        high = field.max();
        bits |= STAR;
      } else {
        String[] bounds = range.split("-", -1);
        low = number(bounds[0], field).orElseThrow();
        high =
            bounds.length == 2
                ? number(bounds[1], field).orElseThrow()
                : slash >= 0 ? field.max() : low;
      }
      for (int at = low; at <= high; at += step) {
        bits |= 1L << at;
      }
    }
    return bits;
  }

  /**
   * The wait of {@code @every}: Go's duration, at least a second and cut to whole seconds, as
   * robfig/cron's {@code Every} does.
   */
  private static Duration every(String schedule) {
    long seconds = everyNanos(schedule).movePointLeft(9).setScale(0, RoundingMode.DOWN).longValue();
    return Duration.ofSeconds(Math.max(1, seconds));
  }

  /** The nanoseconds of an {@code @every} schedule's Go duration. */
  private static BigDecimal everyNanos(String schedule) {
    String goDuration = schedule.substring("@every".length()).trim();
    BigDecimal nanos = BigDecimal.ZERO;
    int at = 0;
    while (at < goDuration.length()) {
      int start = at;
      while (at < goDuration.length()
          && (Character.isDigit(goDuration.charAt(at)) || goDuration.charAt(at) == '.')) {
        at++;
      }
      BigDecimal amount = new BigDecimal(goDuration.substring(start, at));
      String unit = unitAt(goDuration, at);
      at += unit.length();
      nanos = nanos.add(amount.multiply(BigDecimal.valueOf(nanosOf(unit))));
    }
    return nanos;
  }

  private static long nanosOf(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      default -> 3_600_000_000_000L; // "h", the last unitAt finds
    };
  }

  private static String unitAt(String goDuration, int at) {
    for (String unit : List.of("ns", "us", "µs", "ms", "s", "m", "h")) {
      if (goDuration.startsWith(unit, at)) {
        return unit;
      }
    }
    throw new IllegalArgumentException("no unit at " + at + " of " + goDuration);
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
  /** {@code digits} without its leading zeros, or "0" when it is all zeros. */
  private static String withoutLeadingZeros(String digits) {
    int at = 0;
    while (at < digits.length() - 1 && digits.charAt(at) == '0') {
      at++;
    }
    return digits.substring(at);
  }

  /** Whether {@code value} is one or more ASCII digits. */
  private static boolean isDigits(String value) {
    if (value.isEmpty()) {
      return false;
    }
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
