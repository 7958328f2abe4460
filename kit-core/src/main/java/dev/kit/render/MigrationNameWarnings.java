package dev.kit.render;

import dev.kit.layout.RepositoryLayout;
import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a migrations folder's names make Atlas do that its author may not expect: run numbered files
 * out of number order, never apply a timestamped file after a version that is not a number, or
 * never read a file at all. Warnings, not violations: a history a database already applied keeps
 * the versions Atlas recorded, and renaming them makes Atlas apply the files again.
 */
final class MigrationNameWarnings {

  /** How many names a warning lists before it counts the rest. */
  private static final int LISTED = 3;

  /** The fewest digits of a timestamp version: yyyyMMddHHmm. */
  private static final int TIMESTAMP_DIGITS = 12;

  private MigrationNameWarnings() {}

  /** The warnings for {@code service}'s migrations folder {@code dir}, each naming path and fix. */
  static List<String> of(Service service, MigrationDirectory dir) {
    String path = "services[" + service.name() + "].migrations.files";
    String folder = RepositoryLayout.migrationsFolder(service).orElse("the migrations folder");
    List<String> warnings = new ArrayList<>();
    List<String> late = new ArrayList<>();
    List<String> outOfOrder = new ArrayList<>();
    List<String> notNumbers = new ArrayList<>();
    String notNumber = "";
    MigrationFile highest = null;
    for (MigrationFile file : dir.files()) {
      String version = file.version();
      if (version.isEmpty()) {
        continue; // a violation already
      }
      if (!isNumber(version)) {
        notNumber = notNumbers.isEmpty() ? version : notNumber;
        notNumbers.add(file.name());
      } else if (highest != null && compareVersions(version, highest.version()) < 0) {
        late.add(file.name());
        outOfOrder.add(file.name() + " after " + highest.name());
      } else {
        highest = file;
      }
    }
    if (!outOfOrder.isEmpty()) {
      warnings.add(
          path
              + "["
              + list(late)
              + "]: Atlas runs migrations in name order, which compares versions as text, not as"
              + " numbers, so it runs "
              + list(outOfOrder)
              + "; if no database has applied these files yet, give the versions one width"
              + " (002_alter.sql, 010_index.sql) or use kit:new-migration's timestamps; if one"
              + " has, keep the names (Atlas recorded these versions and would apply renamed"
              + " files again) and make sure this order is the one you want");
    }
    if (!notNumbers.isEmpty()) {
      warnings.add(
          path
              + "["
              + list(notNumbers)
              + "]: version \""
              + notNumber
              + "\" is not a number; Atlas compares versions as text"
              + (startsWithDigit(notNumber)
                  ? ", so it orders them by character, not by number"
                  : " and a letter sorts after every digit, so kit:new-migration cannot add a"
                      + " timestamped migration after it, and one added by hand is never applied"
                      + " on a database that applied it (Atlas takes a lower version as passed, or"
                      + " as added out of order)")
              + "; rename them to"
              + " <digits>_<description>.sql, such as 20240101000000_init.sql, before any database"
              + " applies them; Flyway files (V1__init.sql) are in Atlas's flyway format, while"
              + " kit runs Atlas's own: convert them with 'atlas migrate import', and on a database"
              + " that applied them record the new versions with 'atlas migrate set'");
    }
    List<String> nested = new ArrayList<>();
    List<String> misnamed = new ArrayList<>();
    for (String name : dir.ignored()) {
      if (name.indexOf('/') >= 0) {
        nested.add(name);
      } else if (!name.toLowerCase(Locale.ROOT).endsWith(".sql")) {
        misnamed.add(name); // one ending in .SQL is a violation
      }
    }
    if (!misnamed.isEmpty()) {
      warnings.add(
          path
              + "["
              + list(misnamed)
              + "]: Atlas reads only names ending in \".sql\", so it never runs "
              + (misnamed.size() == 1 ? "this file" : "these files")
              + " and atlas.sum leaves "
              + (misnamed.size() == 1 ? "it" : "them")
              + " out; rename a migration to <version>_<description>.sql, or move what is not one"
              + " out of "
              + folder
              + "/");
    }
    if (!nested.isEmpty()) {
      warnings.add(
          path
              + "["
              + list(nested)
              + "]: Atlas reads no subfolder of "
              + folder
              + "/, so it never runs "
              + (nested.size() == 1 ? "this file" : "these files")
              + " and atlas.sum leaves "
              + (nested.size() == 1 ? "it" : "them")
              + " out; move a migration up into "
              + folder
              + "/, or an archive of applied ones out of it");
    }
    return warnings;
  }

  /** Whether a version is ASCII digits only, as Atlas's own timestamps are. */
  static boolean isNumber(String version) {
    for (int i = 0; i < version.length(); i++) {
      char c = version.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWithDigit(String version) {
    return !version.isEmpty() && version.charAt(0) >= '0' && version.charAt(0) <= '9';
  }

  /**
   * Compares two digit versions as their author means them: as numbers, except two timestamps (12
   * digits or more, such as yyyyMMddHHmm and yyyyMMddHHmmss), whose text order is their time order
   * whatever their precision, and is the order Atlas runs them in.
   */
  static int compareVersions(String a, String b) {
    return a.length() >= TIMESTAMP_DIGITS && b.length() >= TIMESTAMP_DIGITS
        ? a.compareTo(b)
        : compareNumbers(a, b);
  }

  /** Compares two digit strings as numbers, of any length. */
  static int compareNumbers(String a, String b) {
    String x = withoutLeadingZeros(a);
    String y = withoutLeadingZeros(b);
    return x.length() != y.length() ? x.length() - y.length() : x.compareTo(y);
  }

  private static String withoutLeadingZeros(String digits) {
    int start = 0;
    while (start < digits.length() - 1 && digits.charAt(start) == '0') {
      start++;
    }
    return digits.substring(start);
  }

  /** The first few of {@code names}, and how many more. */
  private static String list(List<String> names) {
    String shown = String.join(", ", names.subList(0, Math.min(LISTED, names.size())));
    return names.size() <= LISTED ? shown : shown + " and " + (names.size() - LISTED) + " more";
  }
}
