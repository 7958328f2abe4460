package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Resources;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViolationsTest {

  @Test
  void resources_refusesANameTheApiServerDoesNot_withTheValidOnes() {
    Violations violations = new Violations();
    violations.resources(
        "app.resources",
        new Resources(
            Map.of(
                "cpus", "1",
                "Memory", "1Gi",
                "cpu", "1",
                "ephemeral-storage", "1Gi",
                "hugepages-2Mi", "4Mi",
                "nvidia.com/gpu", "1"),
            Map.of("kubernetes.io/gpu", "1", "hugepages-x", "1", "requests.example.com/x", "1")));

    assertThat(violations.list())
        .extracting(Violation::path)
        .containsExactlyInAnyOrder(
            "app.resources.requests.cpus",
            "app.resources.requests.Memory",
            "app.resources.limits.kubernetes.io/gpu",
            "app.resources.limits.hugepages-x",
            "app.resources.limits.requests.example.com/x");
    assertThat(violations.list().get(0).toString())
        .endsWith(
            "is not a resource the API server knows (use \"cpu\", \"memory\", \"ephemeral-storage\","
                + " \"hugepages-<size>\" such as \"hugepages-2Mi\", or an extended resource such as"
                + " \"example.com/gpu\")");
  }
}
