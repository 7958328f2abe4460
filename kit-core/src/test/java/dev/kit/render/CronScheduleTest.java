package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.testing.AllStrings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {

  /** The regular expressions the schedule check used before it scanned by hand. */
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  // robfig/cron reads numbers with strconv.Atoi: leading zeros are fine.
  private static final Pattern STEP = Pattern.compile("0*[1-9][0-9]*");
  private static final Pattern VALUE = Pattern.compile("0*[0-9]{1,2}");

  @Test
  void fields_agreeWithSplittingOnWhitespace_forEveryShortSchedule() {
    List<String> mismatches = new ArrayList<>();
    // Every string of up to 5 characters over a field's characters and every kind of
    // whitespace, trimmed as the check trims it.
    for (String value : AllStrings.upTo("0* \t\n\u000B\f\r\u00A0", 5)) {
      String trimmed = value.trim();
      List<String> expected = trimmed.isEmpty() ? List.of() : List.of(WHITESPACE.split(trimmed));
      if (!CronSchedule.fields(trimmed).equals(expected)) {
        mismatches.add(value);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void problem_agreesWithTheRegularExpressions_forEveryShortField() {
    List<String> mismatches = new ArrayList<>();
    // Every field of up to 4 characters over digits, steps, ranges, lists and near misses, in
    // each of the six positions.
    for (String field : AllStrings.upTo("019*/-,?x\u0663", 4)) {
      for (int position = 0; position < 6; position++) {
        List<String> fields = new ArrayList<>(List.of("0", "0", "2", "*", "*", "*"));
        fields.set(position, field);
        String schedule = String.join(" ", fields);
        if (!CronSchedule.problem(schedule).equals(problemByRegex(fields, position))) {
          mismatches.add(schedule);
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void problem_acceptsDescriptorsAndEvery_whenTheyStartWithAnAt() {
    assertThat(CronSchedule.problem("@daily")).isEmpty();
    assertThat(CronSchedule.problem("@every 1h30m")).isEmpty();
    assertThat(CronSchedule.problem("@sometimes"))
        .contains("has 1 fields; CNPG's schedule has six, seconds first");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0 0 2 * * *|PT24H",
        "0 0 2 * * SUN|PT168H",
        // Friday 02:00 to Monday 02:00.
        "0 30 1 * * MON-FRI|PT72H",
        "0 0 2,14 * * *|PT12H",
        "0 */15 * * * *|PT15M",
        "*/30 * * * * *|PT30S",
        // January 1 to February 1.
        "0 0 0 1 * *|PT744H",
        // Odd days: the 29th of a 30-day month to the 1st.
        "0 0 2 */2 * *|PT48H",
        // Either field restricted: the 1st OR a Monday.
        "0 0 2 1 * MON|PT168H",
        // Every fourth year.
        "0 0 0 29 2 *|PT35064H",
        "0 0 0 1 JAN-MAR ?|PT7344H",
        // robfig/cron v1.2.0, CNPG's: a stepped * still stars its field, so both day fields must
        // match.
        "0 0 0 1 * */2|PT3672H",
        "0 0 3 */2 * 1|PT504H",
        // The longest wait falls in a year layout 2000-2007 lacks (25 Dec 2019, a Wednesday).
        "0 0 0 1 11-12 3|PT7488H",
        "@hourly|PT1H",
        "@daily|PT24H",
        "@weekly|PT168H",
        "@monthly|PT744H",
        "@yearly|PT8784H",
        "@every 6h30m|PT6H30M",
        "@every 1.5h|PT1H30M",
        "@every 90m30s500ms|PT1H30M30S",
        "@every 10ms|PT1S"
      })
  void longestWait_isTheLongestTimeBetweenTwoRuns(String schedule, String wait) {
    assertThat(CronSchedule.longestWait(schedule)).contains(Duration.parse(wait));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0 0 0 30 2 *", "0 0 0 31 4,6,9,11 *", "0 0 0 31 APR ?"})
  void longestWait_isEmpty_whenTheScheduleNeverRuns(String schedule) {
    assertThat(CronSchedule.problem(schedule)).isEmpty();
    assertThat(CronSchedule.longestWait(schedule)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {" @weekly", "@daily ", " @every 6h ", " 0 0 2 * * *", "0 0 2 * * *\t"})
  void problem_refusesSpacesAroundTheSchedule(String schedule) {
    // CNPG's webhook refuses the three @ schedules (robfig/cron reads " @weekly" as one field
    // and "@daily " as an unknown descriptor); kit writes the schedule as given, so it refuses
    // padding around six fields too.
    assertThat(CronSchedule.problem(schedule))
        .contains(
            "has spaces before or after it, which kit would write into the ScheduledBackup as they"
                + " are (CNPG refuses them around an @ schedule)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0 ? 2 * * *|PT23H1M",
        "0 */05 * * * *|PT5M",
        "0 0 2 * * 1,|PT168H",
        "0 0 02 * * *|PT24H"
      })
  void problem_acceptsWhatRobfigCronReads_questionMarksLeadingZerosAndEmptyItems(
      String schedule, String wait) {
    assertThat(CronSchedule.problem(schedule)).isEmpty();
    assertThat(CronSchedule.longestWait(schedule)).contains(Duration.parse(wait));
  }

  @Test
  void problem_refusesWhatRobfigCronRefuses_beyondTheSyntax() {
    assertThat(CronSchedule.problem("0 0 5-2 * * *")).contains("hour range \"5-2\" runs backwards");
    assertThat(CronSchedule.problem("0 */00 * * * *"))
        .contains("minute step \"00\" is not a positive number");
    assertThat(CronSchedule.problem("0 0 024 * * *"))
        .contains("hour \"024\" is not a value from 0 to 23");
    assertThat(CronSchedule.problem("@every 9999999h"))
        .contains("is longer than Go's longest duration, about 292 years");
    assertThat(CronSchedule.problem("@every 2562047h")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0 0 , * * *|hour \",\" names no value, so the backup never runs",
        "0 0 2 * * ,|day of week \",\" names no value, so the backup never runs",
        ",, 0 2 * * *|second \",,\" names no value, so the backup never runs"
      })
  void problem_refusesAFieldOfOnlyCommas(String schedule, String problem) {
    // robfig/cron drops a list's empty items, so such a field allows no value and never runs.
    assertThat(CronSchedule.problem(schedule)).contains(problem);
  }

  /** The message the check gave for {@code fields}, the one at {@code position} varied. */
  private static Optional<String> problemByRegex(List<String> fields, int position) {
    String[] names = {"second", "minute", "hour", "day of month", "month", "day of week"};
    int[] min = {0, 0, 0, 1, 1, 0};
    int[] max = {59, 59, 23, 31, 12, 6};
    if (fields.get(position).isEmpty()) {
      return Optional.of(
          position == 0 || position == 5
              ? "has spaces before or after it, which kit would write into the ScheduledBackup as they"
                  + " are (CNPG refuses them around an @ schedule)"
              : "has 5 fields; CNPG's schedule has six, seconds first");
    }
    int i = position;
    if (fields.get(i).matches(",+")) {
      return Optional.of(
          names[i] + " \"" + fields.get(i) + "\" names no value, so the backup never runs");
    }
    for (String part : fields.get(i).split(",", -1)) {
      if (part.isEmpty()) {
        continue;
      }
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        String step = part.substring(slash + 1);
        if (!STEP.matcher(step).matches()) {
          return Optional.of(names[i] + " step \"" + step + "\" is not a positive number");
        }
      }
      if (range.equals("*") || range.equals("?")) {
        continue;
      }
      String[] bounds = range.split("-", -1);
      if (bounds.length > 2) {
        return Optional.of(names[i] + " \"" + part + "\" is not a value or range");
      }
      for (String bound : bounds) {
        boolean value =
            VALUE.matcher(bound).matches()
                && Integer.parseInt(bound) >= min[i]
                && Integer.parseInt(bound) <= max[i];
        if (!value) {
          return Optional.of(
              names[i] + " \"" + bound + "\" is not a value from " + min[i] + " to " + max[i]);
        }
      }
      if (bounds.length == 2 && Integer.parseInt(bounds[0]) > Integer.parseInt(bounds[1])) {
        return Optional.of(names[i] + " range \"" + range + "\" runs backwards");
      }
    }
    return Optional.empty();
  }
}
