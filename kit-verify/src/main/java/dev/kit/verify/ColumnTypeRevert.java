package dev.kit.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Setting a column's type back, as {@code format_type} prints both: without {@code USING} where
 * PostgreSQL has an assignment cast (an explicit cast to {@code varchar(n)} truncates silently; an
 * assignment cast fails instead), and whether the old type is narrower than the new one, so that
 * values written since may not fit.
 *
 * <pre>{@code
 * ColumnTypeRevert r = new ColumnTypeRevert("character varying(50)", "text");
 * r.using("name");   // Optional.empty(): text to varchar has an assignment cast
 * r.narrower();      // true
 * }</pre>
 *
 * @param oldType the type before the reverted migration
 * @param newType the type after it
 */
record ColumnTypeRevert(String oldType, String newType) {

  private static final Pattern MODIFIERS = Pattern.compile("\\(([0-9, ]+)\\)");
  private static final List<String> STRINGS =
      List.of("text", "character varying", "character", "bpchar");
  // Wider types come later; every pair has at least an assignment cast.
  private static final Map<String, Integer> NUMBERS =
      Map.of(
          "smallint", 1, "integer", 2, "bigint", 3, "real", 4, "double precision", 5, "numeric", 6);
  private static final List<String> TIMESTAMPS =
      List.of("timestamp without time zone", "timestamp with time zone");

  /**
   * The {@code USING} clause to set {@code column} back, or empty where an assignment cast exists:
   * to a string type (PostgreSQL's I/O conversion), within the numeric types, between timestamp
   * types, or to the same type with other modifiers.
   */
  Optional<String> using(String column) {
    String from = base(newType);
    String to = base(oldType);
    boolean assignable =
        from.equals(to)
            || STRINGS.contains(to)
            || (NUMBERS.containsKey(from) && NUMBERS.containsKey(to))
            || (TIMESTAMPS.contains(from) && TIMESTAMPS.contains(to));
    return assignable ? Optional.empty() : Optional.of(column + "::" + oldType);
  }

  /**
   * Whether the old type holds less than the new one: a smaller length, precision or scale, a
   * smaller number type or a float that rounds the new exact one, a bounded string where the new
   * one is unbounded or not a string, or a type the new one reaches only by an explicit cast that
   * may fail (text to an enum, an integer or a uuid).
   */
  boolean narrower() {
    String from = base(newType);
    String to = base(oldType);
    List<Integer> toModifiers = modifiers(oldType);
    List<Integer> fromModifiers = modifiers(newType);
    if (from.equals(to)) {
      if (toModifiers.isEmpty()) {
        return false;
      }
      if (fromModifiers.isEmpty()) {
        return true;
      }
      for (int i = 0; i < Math.min(toModifiers.size(), fromModifiers.size()); i++) {
        if (toModifiers.get(i) < fromModifiers.get(i)) {
          return true;
        }
      }
      return false;
    }
    if (NUMBERS.containsKey(from) && NUMBERS.containsKey(to)) {
      // A float rounds what an exact type holds beyond its mantissa: real's 24 bits, double's 53.
      boolean rounds =
          (to.equals("real") && !from.equals("smallint"))
              || (to.equals("double precision")
                  && (from.equals("bigint") || from.equals("numeric")));
      return rounds || NUMBERS.get(to) < NUMBERS.get(from) || !toModifiers.isEmpty();
    }
    if (STRINGS.contains(to)) {
      return !toModifiers.isEmpty();
    }
    return !(TIMESTAMPS.contains(from) && TIMESTAMPS.contains(to));
  }

  /**
   * The type without its modifiers: {@code timestamp(3) without time zone} to {@code timestamp
   * without time zone}.
   */
  private static String base(String type) {
    return MODIFIERS.matcher(type).replaceAll("").replaceAll("\\s+", " ").strip();
  }

  private static List<Integer> modifiers(String type) {
    Matcher m = MODIFIERS.matcher(type);
    List<Integer> numbers = new ArrayList<>();
    if (m.find()) {
      for (String n : m.group(1).split(",")) {
        numbers.add(Integer.parseInt(n.strip()));
      }
    }
    return numbers;
  }
}
