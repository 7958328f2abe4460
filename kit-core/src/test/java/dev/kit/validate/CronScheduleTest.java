package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.testing.AllStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

  /** The regular expressions the schedule check used before it scanned by hand. */
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private static final Pattern STEP = Pattern.compile("[1-9][0-9]*");
  private static final Pattern VALUE = Pattern.compile("[0-9]{1,2}");

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
    assertThat(CronSchedule.problem(" @every 1h30m ")).isEmpty();
    assertThat(CronSchedule.problem("@sometimes"))
        .contains("has 1 fields; CNPG's schedule has six, seconds first");
  }

  /** The message the check gave for {@code fields}, the one at {@code position} varied. */
  private static Optional<String> problemByRegex(List<String> fields, int position) {
    String[] names = {"second", "minute", "hour", "day of month", "month", "day of week"};
    int[] min = {0, 0, 0, 1, 1, 0};
    int[] max = {59, 59, 23, 31, 12, 6};
    if (fields.get(position).isEmpty()) {
      return Optional.of("has 5 fields; CNPG's schedule has six, seconds first");
    }
    int i = position;
    for (String part : fields.get(i).split(",", -1)) {
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        String step = part.substring(slash + 1);
        if (!STEP.matcher(step).matches()) {
          return Optional.of(names[i] + " step \"" + step + "\" is not a positive number");
        }
      }
      if (range.equals("*")
          || (range.equals("?") && min[i] == 1 && names[i].startsWith("day"))
          || (range.equals("?") && names[i].equals("day of week"))) {
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
    }
    return Optional.empty();
  }
}
