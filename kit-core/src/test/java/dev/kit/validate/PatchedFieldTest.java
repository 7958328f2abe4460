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

  @Test
  void value_followsAMapDown_whenThePatchSetsAParent() {
    assertThat(
            PatchedField.value(
                Patch.set(Patch.Target.CLUSTER, "/spec", Map.of("instances", 3)), INSTANCES))
        .isEqualTo(3);
    assertThat(PatchedField.value(Patch.set(Patch.Target.CLUSTER, "/spec/instances", 2), INSTANCES))
        .isEqualTo(2);
  }

  @Test
  void value_isNull_whenThePatchRemovesOrReplacesTheField() {
    assertThat(PatchedField.value(Patch.remove(Patch.Target.CLUSTER, "/spec"), INSTANCES)).isNull();
    assertThat(
            PatchedField.value(
                Patch.set(Patch.Target.CLUSTER, "/spec", Map.of("storage", Map.of())), INSTANCES))
        .isNull();
    assertThat(PatchedField.value(Patch.set(Patch.Target.CLUSTER, "/spec", "x"), INSTANCES))
        .isNull();
  }
}
