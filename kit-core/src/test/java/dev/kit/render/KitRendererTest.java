package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.input.ValidatedKit;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KitRendererTest {

  @Test
  void render_acceptsOnlyAValidatedKit() {
    var renders =
        Arrays.stream(KitRenderer.class.getDeclaredMethods())
            .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getName().equals("render"))
            .toList();

    assertThat(renders)
        .isNotEmpty()
        .allSatisfy(
            render ->
                assertThat(render.getParameterTypes()[0])
                    .as(render.toString())
                    .isEqualTo(ValidatedKit.class));
  }
}
