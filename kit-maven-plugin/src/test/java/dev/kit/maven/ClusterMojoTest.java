package dev.kit.maven;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.model.Kit;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/**
 * The cluster goals refuse, before connecting, a {@code -Dkit.environment} that does not match the
 * description's environments, with the fix in the message.
 */
class ClusterMojoTest {

  private static Kit kit(boolean withEnvironments) {
    Kit.Builder kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")));
    if (withEnvironments) {
      kit.environment("dev", e -> e.destinationServer("https://dev.k8s.acme.io"))
          .environment("prod", e -> e.destinationName("prod-eu"));
    }
    return kit.build();
  }

  @Test
  void checkEnvironment_asksWhichOne_whenTheDescriptionHasEnvironmentsAndNoneIsGiven() {
    assertThatThrownBy(() -> ClusterMojo.checkEnvironment(kit(true), null))
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            "kit: the description has environments [dev, prod]: say which one this cluster runs"
                + " with -Dkit.environment=<one of them>");
  }

  @Test
  void checkEnvironment_namesTheEnvironments_whenTheGivenOneIsNotAmongThem() {
    assertThatThrownBy(() -> ClusterMojo.checkEnvironment(kit(true), "staging"))
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            "kit: -Dkit.environment=staging is not an environment of the description; use one of"
                + " [dev, prod]");
  }

  @Test
  void checkEnvironment_saysToLeaveItOut_whenTheDescriptionHasNoEnvironments() {
    assertThatThrownBy(() -> ClusterMojo.checkEnvironment(kit(false), "prod"))
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            "kit: -Dkit.environment=prod, but the description has no environments; leave"
                + " -Dkit.environment out");
  }

  @Test
  void checkEnvironment_passes_whenTheEnvironmentMatchesTheDescription() {
    assertThatCode(() -> ClusterMojo.checkEnvironment(kit(true), "prod"))
        .doesNotThrowAnyException();
    assertThatCode(() -> ClusterMojo.checkEnvironment(kit(false), null)).doesNotThrowAnyException();
  }

  @Test
  void write_namesTheParameterAndWhy_whenTheReportCannotBeWritten(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("taken"), "");
    java.io.File output = file.resolve("report.txt").toFile(); // its folder is a file

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClusterMojo.write(output, "report"))
        .isInstanceOf(org.apache.maven.plugin.MojoExecutionException.class)
        .hasMessage(
            "kit: -Dkit.output: cannot write the report: "
                + file
                + ": FileAlreadyExistsException (name a file you can write, or leave"
                + " -Dkit.output out)");
  }
}
