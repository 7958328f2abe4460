package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.input.ValidatedKit;
import dev.kit.migration.MigrationDirectory;
import dev.kit.testing.ColdJvm;
import dev.kit.testing.FullService;
import dev.kit.testing.Validations;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What rendering a full CloudNativePG service costs a fresh JVM beyond writing its files: every
 * class the render loads is listed by a child JVM ({@code -Xlog:class+load}). Reading a Jackson
 * annotation at run time generates a {@code Proxy} class for it (~20 ms cold for the first), and
 * each lambda or method reference the render reaches spins a hidden class (~0.5 ms cold each);
 * PROFILE.md, section 16.2.
 */
class ColdRenderTest {

  private static final String RENDERING = "rendering";

  /** The child JVM: validates {@link FullService}, then renders it once. */
  public static void main(String[] args) {
    MigrationDirectory migrations = FullService.migrations();
    ValidatedKit kit = Validations.validated(FullService.kit(), Map.of("orders", migrations));
    System.out.println(RENDERING);
    int[] files = new int[1];
    // The path a generation takes: each service's files handed over as they are rendered.
    new KitRenderer("test").render(kit, (service, part) -> files[0] += part.size(), s -> true);
    System.out.println("files: " + files[0]);
  }

  /** The classes the child JVM loaded while rendering, in order; one child serves every test. */
  private static List<String> loaded;

  private static synchronized List<String> classesLoadedByRendering()
      throws IOException, InterruptedException {
    if (loaded != null) {
      return loaded;
    }
    List<String> lines = ColdJvm.run(ColdRenderTest.class);
    assertThat(lines).contains(RENDERING).anyMatch(line -> line.startsWith("files: "));
    loaded =
        ColdJvm.classesLoaded(
            lines.subList(lines.indexOf(RENDERING), lines.size()),
            BlockYaml.class.getName(),
            CnpgClusterRenderer.class.getName());
    return loaded;
  }

  @Test
  void render_readsNoAnnotation_forAFullCloudNativePgService()
      throws IOException, InterruptedException {
    assertThat(classesLoadedByRendering())
        .filteredOn(c -> c.startsWith("jdk.proxy") || c.startsWith("sun.reflect.annotation."))
        // Asked for a class's annotations, it loads where there are none too; parsing one loads
        // the others.
        .filteredOn(c -> !c.equals("sun.reflect.annotation.AnnotationParser"))
        .isEmpty();
  }

  @Test
  void render_spinsNoLambdaClassOfTheRenderer_forAFullCloudNativePgService()
      throws IOException, InterruptedException {
    assertThat(classesLoadedByRendering())
        .filteredOn(
            c ->
                (c.startsWith("dev.kit.render.") || c.startsWith("dev.kit.provider."))
                    && c.contains("$$Lambda"))
        .filteredOn(c -> !c.startsWith(ColdRenderTest.class.getName())) // the sink's
        .isEmpty();
  }
}
