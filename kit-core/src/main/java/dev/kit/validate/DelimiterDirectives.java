package dev.kit.validate;

import dev.kit.migration.AtlasFileDirectives;
import dev.kit.migration.MigrationFile;
import dev.kit.migration.SqlScript;
import java.util.Optional;

/**
 * A migration's first line {@code -- atlas:delimiter} that Atlas cannot read (no delimiter after
 * it, or nothing after the line), so {@code atlas migrate apply} fails in the cluster. The rules
 * are Atlas's, as {@link SqlScript} splits a file for lint and {@code kit:verify}.
 */
final class DelimiterDirectives {

  private DelimiterDirectives() {}

  /**
   * The violation of {@code file}'s delimiter line, if Atlas would refuse it.
   *
   * @param migrationsPath the path of the service's migrations, such as {@code
   *     services[orders].migrations}
   */
  static Optional<Violation> check(String migrationsPath, MigrationFile file) {
    if (!AtlasFileDirectives.mayHave(file, "delimiter")) {
      return Optional.empty(); // most files: a byte scan of the header, nothing decoded or copied
    }
    try {
      SqlScript.parse(file.content());
      return Optional.empty();
    } catch (IllegalArgumentException atlasRefuses) {
      return Optional.of(
          new Violation(
              MigrationRules.filePath(migrationsPath, file),
              "Atlas refuses the file's '-- atlas:delimiter' line: " + atlasRefuses.getMessage(),
              "write the delimiter after the directive, such as '-- atlas:delimiter -- end', and"
                  + " the statements on the lines after it"));
    }
  }
}
