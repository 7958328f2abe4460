package dev.kit.maven;

import dev.kit.EnvironmentDiff;
import dev.kit.Generator;
import dev.kit.KitDescriptions;
import dev.kit.validate.KitValidationException;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.jspecify.annotations.Nullable;

/**
 * Prints what differs between two environments' rendered objects, per service and for the platform,
 * field by field, ignoring destinations and the names that carry the environment: {@code mvn
 * kit:diff -Dkit.from=staging -Dkit.to=prod}. Reads the migrations, writes nothing; compiles the
 * test sources first, like {@code kit:generate}.
 */
@Mojo(name = "diff", threadSafe = true, requiresDependencyResolution = ResolutionScope.TEST)
@Execute(phase = LifecyclePhase.TEST_COMPILE)
public final class DiffMojo extends DescriptionMojo {

  /** The environment to compare from, such as {@code staging}. */
  @Parameter(property = "kit.from")
  private @Nullable String from;

  /** The environment to compare to, such as {@code prod}. */
  @Parameter(property = "kit.to")
  private @Nullable String to;

  /** Skips {@code kit:diff}. */
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
  void run(Generator generator, KitDescriptions.Loaded description) throws MojoFailureException {
    if (from == null || to == null) {
      throw new MojoFailureException(
          "kit: name the two environments to compare: mvn kit:diff -Dkit.from=staging -Dkit.to=prod");
    }
    EnvironmentDiff diff;
    try {
      diff = generator.diff(description.kit(), from, to);
    } catch (KitValidationException e) {
      throw parameterFailure(e, Map.of("diff.from", "kit.from", "diff.to", "kit.to"));
    }
    diff.toString().lines().forEach(getLog()::info);
  }
}
