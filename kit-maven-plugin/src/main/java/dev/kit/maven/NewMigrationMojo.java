package dev.kit.maven;

import dev.kit.Generator;
import dev.kit.KitDescriptions;
import dev.kit.MigrationTool;
import dev.kit.model.Kit;
import dev.kit.validate.KitValidationException;
import dev.kit.verify.MigrationVerification;
import dev.kit.verify.VerifyOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.jspecify.annotations.Nullable;

/**
 * Writes a new migration from kit's skeleton, named as {@code atlas migrate new} names it (the UTC
 * time, then the name: {@code mvn kit:new-migration -Dkit.name=add_users -Dkit.service=orders}
 * writes {@code services/orders/migrations/20250301120000_add_users.sql}), never overwriting a
 * file, then regenerates so {@code atlas.sum} and the migrations ConfigMap include it; {@code
 * kit:check} fails until it holds SQL. With {@code -Dkit.revert=20250215093000} it writes {@code
 * 20250301120000_revert_20250215093000.sql} instead, which reverses that migration as derived from
 * the catalog before and after it on a real PostgreSQL, listing what it cannot undo; {@code
 * kit:verify} then proves it. The old names -Dname, -Dservice and -Drevert still work, with a
 * warning.
 */
@Mojo(
    name = "new-migration",
    threadSafe = true,
    requiresDependencyResolution = ResolutionScope.TEST)
@Execute(phase = LifecyclePhase.TEST_COMPILE)
public final class NewMigrationMojo extends EmbeddedPostgresMojo {

  /**
   * What the migration does, such as {@code add_users}: lower-case letters, digits, '_' and '-'.
   */
  @Parameter(property = "kit.name")
  private @Nullable String name;

  /**
   * The version of a migration to reverse, such as {@code 20250215093000}, instead of a {@code
   * name}.
   */
  @Parameter(property = "kit.revert")
  private @Nullable String revert;

  /** The service to add it to; needed only when several services have migrations. */
  @Parameter(property = "kit.service")
  private @Nullable String service;

  /** Skips {@code kit:new-migration}. */
  @Parameter(property = "kit.skip", defaultValue = "false")
  private boolean skip;

  @Override
  boolean skip() {
    return skip;
  }

  @Override
  String skipProperty() {
    return "kit.skip";
  }

  @Override
  void run(Generator generator, KitDescriptions.Loaded description)
      throws MojoExecutionException, MojoFailureException {
    String newName = orOldName(name, "kit.name");
    String version = orOldName(revert, "kit.revert");
    Optional<String> target = Optional.ofNullable(orOldName(service, "kit.service"));
    if ((newName == null) == (version == null)) {
      throw new MojoFailureException(
          "kit:new-migration needs either -Dkit.name=<what it does> (such as add_users) for a "
              + "new migration, or -Dkit.revert=<version> to reverse an existing one; got "
              + (newName == null ? "neither" : "both")
              + ".");
    }
    if (version != null) {
      revert(description.className(), description.kit(), version.strip(), target);
      return;
    }
    Path file;
    try {
      file =
          MigrationTool.forRepository(repository())
              .source(description.className())
              .newMigration(
                  description.kit(),
                  target,
                  Objects.requireNonNull(
                      newName, "kit.name is set when kit.revert is not, checked above"),
                  Clock.systemUTC());
    } catch (KitValidationException e) {
      throw parameterFailure(
          e, Map.of("newMigration.name", "kit.name", "newMigration.service", "kit.service"));
    }
    getLog().info("kit: wrote " + file);
    getLog()
        .info(
            "kit: write the SQL, then run 'mvn kit:generate' to update atlas.sum and the ConfigMap");
  }

  /**
   * The parameters a revert's validation answers for: the version and the service. A clash of the
   * new file's clock stamp ({@code newMigration.name}) is not about -Dkit.revert and keeps its own
   * path.
   */
  static final Map<String, String> REVERT_PROPERTIES =
      Map.of("newMigration.revert", "kit.revert", "newMigration.service", "kit.service");

  /** How to revert {@code version} when kit cannot derive the revert on a server. */
  static String byHand(String version) {
    return "write the revert by hand: mvn kit:new-migration -Dkit.name=revert_"
        + version
        + ", then fill in the SQL that undoes it";
  }

  /** Writes the revert of {@code version}, derived on the embedded PostgreSQL, and says so. */
  void revert(String className, Kit kit, String version, Optional<String> service)
      throws MojoExecutionException, MojoFailureException {
    VerifyOptions options = verifyOptions();
    MigrationVerification.Revert written;
    try {
      written =
          MigrationVerification.forRepository(repository())
              .source(className)
              .revert(kit, service, version, options, Clock.systemUTC());
    } catch (KitValidationException e) {
      throw parameterFailure(e, REVERT_PROPERTIES);
    } catch (IllegalStateException e) {
      throw unpinnedBinaries(e, byHand(version));
    }
    getLog().info("kit: wrote " + written.file() + ", which reverts " + version);
    if (written.down().irreversible().isEmpty()) {
      getLog()
          .info(
              "kit: it undoes every change the catalog shows; review it, then run 'mvn kit:verify' to prove it");
    } else {
      getLog()
          .warn(
              "kit: it cannot undo "
                  + written.down().irreversible().size()
                  + " change(s), listed in the file:");
      written.down().irreversible().forEach(line -> getLog().warn("  " + line));
      getLog().warn("kit: review it, then run 'mvn kit:verify' to prove it restores the rest");
    }
  }
}
