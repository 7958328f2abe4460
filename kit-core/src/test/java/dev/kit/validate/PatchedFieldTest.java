package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Patch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PatchedFieldTest {

  private static final List<String> INSTANCES = List.of("spec", "instances");

  @Test
  void reaches_isTrue_whenThePatchIsTheFieldOrAParent() {
    assertThat(PatchedField.reaches(List.of("spec", "instances"), INSTANCES)).isTrue();
    assertThat(PatchedField.reaches(List.of("spec"), INSTANCES)).isTrue();
    assertThat(PatchedField.reaches(List.of("spec", "instances", "x"), INSTANCES)).isFalse();
    assertThat(PatchedField.reaches(List.of("spec", "storage"), INSTANCES)).isFalse();
  }

  /** What {@code patch} leaves at spec.instances, its tokens read as a caller reads them. */
  private static Object value(Patch patch) {
    return PatchedField.value(patch, patch.tokens(), INSTANCES);
  }

  @Test
  void value_followsAMapDown_whenThePatchSetsAParent() {
    assertThat(value(Patch.set(Patch.Target.CLUSTER, "/spec", Map.of("instances", 3))))
        .isEqualTo(3);
    assertThat(value(Patch.set(Patch.Target.CLUSTER, "/spec/instances", 2))).isEqualTo(2);
  }

  @Test
  void value_isNull_whenThePatchRemovesOrReplacesTheField() {
    assertThat(value(Patch.remove(Patch.Target.CLUSTER, "/spec"))).isNull();
    assertThat(value(Patch.set(Patch.Target.CLUSTER, "/spec", Map.of("storage", Map.of()))))
        .isNull();
    assertThat(value(Patch.set(Patch.Target.CLUSTER, "/spec", "x"))).isNull();
  }
}
