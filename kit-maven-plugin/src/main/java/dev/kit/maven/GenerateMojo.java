package dev.kit.maven;

import dev.kit.Generator;
import dev.kit.write.WriteReport;
import java.util.List;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes the generated files under {@code services/} from the repository's kit description. It compiles
 * the test sources first (the description lives there), so {@code mvn kit:generate} works from a clean
 * checkout. Only changed files are written; generated files the description no longer produces are
 * deleted; a file without the kit header is never overwritten.
 */
@Mojo(name = "generate", threadSafe = true, requiresDependencyResolution = ResolutionScope.TEST)
@Execute(phase = LifecyclePhase.TEST_COMPILE)
public final class GenerateMojo extends DescriptionMojo {

  /** Skips {@code kit:generate}. */
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
    WriteReport report = generator.generate(description.kit());
    report.warnings().forEach(warning -> getLog().warn("kit: " + warning));
    getLog().info("kit: " + report + " (from " + description.className() + ")");
    log("created", report.created());
    log("updated", report.updated());
    log("deleted", report.deleted());
  }

  private void log(String what, List<String> paths) {
    paths.forEach(path -> getLog().info("  " + what + " " + path));
  }
}
