package dev.kit.maven;

import dev.kit.Generator;
import dev.kit.KitDescriptions;
import dev.kit.write.WriteReport;
import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes the generated files under {@code services/} from the repository's kit description. It
 * compiles the test sources first (the description lives there), so {@code mvn kit:generate} works
 * from a clean checkout. Only changed files are written; generated files the description no longer
 * produces are deleted; a file without the kit header is never overwritten. Services whose inputs
 * and files are as its last run left them are not rendered again (the generation cache in {@code
 * target/kit-cache}).
 */
@Mojo(name = "generate", threadSafe = true, requiresDependencyResolution = ResolutionScope.TEST)
@Execute(phase = LifecyclePhase.TEST_COMPILE)
public final class GenerateMojo extends DescriptionMojo {

  /**
   * Where {@code kit:generate} keeps each service's fingerprint and the size and time of the files
   * it wrote, so a run that changes nothing renders nothing. Only this goal uses it ({@code
   * kit:check} always renders); deleting it (as {@code mvn clean} does) only makes the next run
   * render everything.
   */
  @Parameter(property = "kit.cacheDirectory", defaultValue = "${project.build.directory}/kit-cache")
  private File cacheDirectory;

  /** Renders every service on every run, without the cache, when {@code false}. */
  @Parameter(property = "kit.cache", defaultValue = "true")
  private boolean cache;

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
  void run(Generator generator, KitDescriptions.Loaded description) {
    Generator generating = cache ? generator.cache(cacheDirectory.toPath()) : generator;
    WriteReport report = generating.generate(description.kit());
    report.warnings().forEach(warning -> getLog().warn("kit: " + warning));
    getLog().info("kit: " + report + " (from " + description.className() + ")");
    if (!report.skippedServices().isEmpty()) {
      getLog()
          .info(
              "kit: "
                  + report.skippedServices().size()
                  + " unchanged services not rendered (cache "
                  + cacheDirectory
                  + ")");
    }
    log("created", report.created());
    log("updated", report.updated());
    log("deleted", report.deleted());
  }

  private void log(String what, List<String> paths) {
    paths.forEach(path -> getLog().info("  " + what + " " + path));
  }
}
