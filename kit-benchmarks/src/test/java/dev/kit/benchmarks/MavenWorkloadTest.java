package dev.kit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.KitDescription;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Maven project of the user's-path measurement describes exactly the Workload the other
 * benchmarks run.
 */
class MavenWorkloadTest {

  @TempDir Path project;

  @Test
  void write_describesTheWorkload_whenTheDescriptionIsCompiledAndCalled() throws Exception {
    Workload workload = new Workload(3);
    MavenWorkload.write(project, workload, "9.9.9");
    Path source = project.resolve("src/test/java/com/example/fleet/FleetServices.java");
    Path classes = Files.createDirectories(project.resolve("target/test-classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();

    int exit =
        javac.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            source.toString());

    assertThat(exit).as("javac exit").isZero();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      KitDescription description =
          (KitDescription)
              loader.loadClass(MavenWorkload.DESCRIPTION).getConstructor().newInstance();
      assertThat(description.describe()).isEqualTo(workload.kit());
    }
  }

  @Test
  void write_declaresKitAtTheGivenVersion_andWritesTheMigrations() throws IOException {
    MavenWorkload.write(project, new Workload(2), "9.9.9");

    String pom = Files.readString(project.resolve("pom.xml"));
    assertThat(pom)
        .containsPattern(
            "<artifactId>kit-core</artifactId>\\s*<version>9\\.9\\.9</version>\\s*<scope>test</scope>")
        .containsPattern(
            "<artifactId>kit-maven-plugin</artifactId>\\s*<version>9\\.9\\.9</version>");
    try (var files = Files.list(project.resolve("services/svc-00002/migrations"))) {
      assertThat(files.toList()).hasSize(Workload.MIGRATIONS_PER_SERVICE);
    }
    assertThat(List.of(project.resolve("services").toFile().list()))
        .containsExactlyInAnyOrder("svc-00001", "svc-00002");
  }
}
