package dev.kit.maven;

import dev.kit.Generator;
import dev.kit.KitDescriptionException;
import dev.kit.KitDescriptions;
import dev.kit.lint.LintSettings;
import dev.kit.validate.KitValidationException;
import dev.kit.validate.Violation;
import dev.kit.write.IoReason;
import dev.kit.write.KitWriteException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.jspecify.annotations.Nullable;

/**
 * What the goals share: load the description from the project's test class path ({@link
 * KitDescriptions}), hand it to a {@link Generator} for the project's base directory, and turn
 * kit-core's exceptions into Maven's.
 */
abstract class DescriptionMojo extends AbstractMojo {

  /** The project whose test classes hold the description. */
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  /** This run of the goal: typed on the command line, or bound in a POM. */
  @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
  private MojoExecution execution;

  /** The build, whose user properties may still use a parameter's old name. */
  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  /**
   * The fully-qualified name of the class in {@code src/test/java} that implements {@code
   * dev.kit.KitDescription}, such as {@code com.acme.shop.ShopServices}. When not set, the kit uses
   * the only such class among the compiled test classes, and fails when there are none or several.
   */
  @Parameter(property = "kit.description")
  private @Nullable String description;

  /**
   * Migration lint severities: in the lint element, one element per rule id or Atlas code (such as
   * SET_NOT_NULL or DS102) whose value is {@code error} (fails the build), {@code warning} (logs)
   * or {@code off}.
   */
  @Parameter private @Nullable Map<String, String> lint;

  /** The repository root, which holds {@code services/}: the project's base directory. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  private File basedir;

  /**
   * The failure for a validation whose every violation is about a {@code -D} parameter, named as
   * the user typed it rather than as a problem of the description.
   *
   * @param properties each violation path a parameter answers for, to its property
   * @throws KitValidationException {@code e} itself when any violation is not a parameter's, for
   *     {@link #execute()} to report as a problem of the description
   */
  static MojoFailureException parameterFailure(
      KitValidationException e, Map<String, String> properties) {
    StringBuilder message = new StringBuilder("kit: ");
    for (Violation violation : e.violations()) {
      String property = properties.get(violation.path());
      if (property == null) {
        throw e;
      }
      if (message.length() > "kit: ".length()) {
        message.append("\n  ");
      }
      message
          .append("-D")
          .append(property)
          .append(": ")
          .append(violation.problem())
          .append(" (")
          .append(violation.fix())
          .append(')');
    }
    // Without the cause: Maven would append its message, the same problems again under "the kit
    // description", which these parameters are not part of.
    return new MojoFailureException(message.toString());
  }

  /**
   * How many modules of the build run this execution (its id, bound in their own POM or inherited),
   * leaving out those that turn it off with phase {@code none}.
   */
  private int boundModules() {
    String plugin = execution.getPlugin().getKey();
    int bound = 0;
    for (MavenProject module : session.getProjects()) {
      for (Plugin each : module.getBuildPlugins()) {
        if (each.getKey().equals(plugin) && runs(each)) {
          bound++;
          break;
        }
      }
    }
    return Math.max(bound, 1);
  }

  private boolean runs(Plugin plugin) {
    for (PluginExecution each : plugin.getExecutions()) {
      if (each.getId().equals(execution.getExecutionId())
          && each.getGoals().contains(execution.getGoal())
          && !"none".equals(each.getPhase())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip()) {
      getLog().info("kit: skipped (" + skipProperty() + "=true)");
      return;
    }
    Path testClasses = Path.of(project.getBuild().getTestOutputDirectory());
    // A goal typed on the command line runs in every module of the build; one bound in a POM runs
    // where it is bound: in one module it must find its description there, and bound in a parent
    // it runs in every module that inherits it, as on the command line.
    int modules =
        execution.getSource() == MojoExecution.Source.CLI
            ? session.getProjects().size()
            : boundModules();
    Optional<KitDescriptions.Loaded> found;
    try {
      // A goal run from the root of several modules runs in each: only those whose test class
      // path holds the description (the one named, or the only one) take part; the others say so,
      // and the build fails only when no module had one.
      found =
          modules > 1
              ? KitDescriptions.find(testClasspath(), testClasses, Optional.ofNullable(description))
              : Optional.of(
                  KitDescriptions.load(
                      testClasspath(), testClasses, Optional.ofNullable(description)));
    } catch (KitDescriptionException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    if (modules > 1
        // One tally per execution: a goal typed on the command line and one bound in a POM, or two
        // bound executions, run in the same modules and count apart.
        && ReactorTally.of(
                session.getRepositorySession(),
                getClass().getName()
                    + (execution.getSource() == MojoExecution.Source.CLI
                        ? " from the command line"
                        : " execution " + execution.getExecutionId()))
            .lastWithoutDescription(found.isPresent(), modules)) {
      throw new MojoFailureException(
          "kit: no module of this build holds "
              + (description == null || description.isBlank()
                  ? "a kit description"
                  : "the kit description " + description.strip())
              + " among its compiled test classes. The description lives in a module's"
              + " src/test/java, with dev.kit:kit-core as a test dependency; "
              + KitDescriptions.COMPILE_HINT
              + " Or run the goal in that module alone (-pl <module>).");
    }
    if (found.isEmpty()) {
      getLog()
          .info(
              "kit: no kit description in "
                  + project.getArtifactId()
                  + " ("
                  + testClasses
                  + "), skipped; the modules that hold one run the goal");
      return;
    }
    try (KitDescriptions.Loaded loaded = found.get()) {
      Generator generator = Generator.forRepository(basedir.toPath()).source(loaded.className());
      generator
          .recover()
          .ifPresent(getLog()::warn); // a run that stopped is finished (or undone) first, and said
      run(generator, loaded);
    } catch (KitDescriptionException | KitValidationException | KitWriteException e) {
      // Each message already names every problem with its fix.
      throw new MojoFailureException(e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw ioFailure(e);
    }
  }

  /** A file kit could not read or write, with why: the cause's message may be only its path. */
  static MojoExecutionException ioFailure(UncheckedIOException e) {
    IOException cause =
        Objects.requireNonNull(e.getCause(), "UncheckedIOException refuses a null cause");
    return new MojoExecutionException("kit: " + e.getMessage() + ": " + IoReason.of(cause), e);
  }

  /** The repository root: the project's base directory. */
  Path repository() {
    return basedir.toPath();
  }

  /** Whether this goal's skip parameter is set. */
  abstract boolean skip();

  /** The user property that sets {@link #skip()}, for the log. */
  abstract String skipProperty();

  /** Does this goal's work with the loaded description. */
  abstract void run(Generator generator, KitDescriptions.Loaded description)
      throws MojoExecutionException, MojoFailureException;

  /**
   * {@code value}, or the value of {@code property}'s old name, without {@code kit.}, with a
   * warning.
   */
  @Nullable String orOldName(@Nullable String value, String property) {
    return orOldName(value, property, session.getUserProperties(), getLog()::warn);
  }

  /**
   * {@code value} (set through {@code property}, such as {@code kit.name}), or when it is not set,
   * the user property of the old name without {@code kit.} ({@code -Dname}), which keeps working
   * with a warning that names the new one.
   */
  static @Nullable String orOldName(
      @Nullable String value, String property, Properties userProperties, Consumer<String> warn) {
    String oldName = property.substring("kit.".length());
    String old = userProperties.getProperty(oldName);
    if (old == null) {
      return value;
    }
    if (value != null) {
      warn.accept(
          "kit: -D" + oldName + "=" + old + " is ignored: -D" + property + "=" + value + " is set");
      return value;
    }
    warn.accept("kit: -D" + oldName + " is deprecated; use -D" + property + "=" + old);
    return old;
  }

  /** The configured lint severities. */
  LintSettings lintSettings() throws MojoFailureException {
    try {
      return lint == null ? LintSettings.defaults() : LintSettings.parse(lint);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(
          "kit: <lint> in the kit-maven-plugin configuration: " + e.getMessage(), e);
    }
  }

  private List<Path> testClasspath() throws MojoExecutionException {
    try {
      return project.getTestClasspathElements().stream().map(Path::of).toList();
    } catch (DependencyResolutionRequiredException e) {
      throw new MojoExecutionException(
          "kit: the test class path of " + project.getId() + " is not resolved", e);
    }
  }
}
