package dev.kit.maven;

import dev.kit.Generator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes a new migration, {@code services/<service>/migrations/<UTC yyyyMMddHHmmss>_<name>.sql}, from kit's
 * skeleton (as {@code atlas migrate new} names it), never overwriting a file, then regenerates so
 * {@code atlas.sum} and the migrations ConfigMap include it:
 * {@code mvn kit:new-migration -Dname=add_users -Dservice=orders}.
 */
@Mojo(name = "new-migration", threadSafe = true, requiresDependencyResolution = ResolutionScope.TEST)
@Execute(phase = LifecyclePhase.TEST_COMPILE)
public final class NewMigrationMojo extends DescriptionMojo {

  /** What the migration does, such as {@code add_users}: lower-case letters, digits, '_' and '-'. */
  @Parameter(property = "name", required = true)
  private String name;

  /** The service to add it to; needed only when several services have migrations. */
  @Parameter(property = "service")
  private String service;

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
  void run(Generator generator, DescriptionLoader.Loaded description) {
    Path file = generator.newMigration(description.kit(), Optional.ofNullable(service), name, Clock.systemUTC());
    getLog().info("kit: wrote " + file);
    getLog().info("kit: write the SQL, then run 'mvn kit:generate' to update atlas.sum and the ConfigMap");
  }
}
