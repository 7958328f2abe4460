package dev.kit.validate;

import dev.kit.migration.AtlasFileDirectives;
import dev.kit.migration.MigrationFile;
import dev.kit.model.TxMode;
import java.util.List;
import java.util.Optional;

/**
 * A migration's {@code -- atlas:txmode} directive that {@code atlas migrate apply} would refuse, so
 * the migration Job fails in the cluster: an unknown value, {@code all} in a file, two directives,
 * or any other mode under the service's {@code TxMode.ALL}. The rules are Atlas's, as {@link
 * AtlasFileDirectives} reads them for lint.
 */
final class TxModeDirectives {

  private TxModeDirectives() {}

  /**
   * The violation of {@code file}'s directive, if Atlas would refuse it.
   *
   * @param migrationsPath the path of the service's migrations, such as {@code
   *     services[orders].migrations}
   * @param global the service's tx mode
   */
  static Optional<Violation> check(String migrationsPath, MigrationFile file, TxMode global) {
    if (!AtlasFileDirectives.mayHave(file, "txmode")) {
      return Optional.empty(); // most files: a byte scan of the header, nothing decoded or copied
    }
    AtlasFileDirectives directives = AtlasFileDirectives.read(file);
    try {
      directives.txMode(global, file.name());
      return Optional.empty();
    } catch (IllegalArgumentException atlasRefuses) {
      List<String> modes = directives.values("txmode");
      String fix =
          modes.size() > 1
              ? "keep one \"-- atlas:txmode\" line"
              : global == TxMode.ALL
                  ? "remove the directive, or run the service with txMode(TxMode.FILE) so files may choose"
                  : "use \"-- atlas:txmode none\" (for statements such as CREATE INDEX CONCURRENTLY) or \"file\"";
      return Optional.of(
          new Violation(
              MigrationRules.filePath(migrationsPath, file),
              "Atlas refuses the file: " + atlasRefuses.getMessage(),
              fix));
    }
  }
}
