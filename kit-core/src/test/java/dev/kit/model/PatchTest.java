package dev.kit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PatchTest {

  @Test
  void set_copiesItsValue_soLaterChangesDoNotLeakIn() {
    List<Object> hba = new ArrayList<>(List.of("host all all 10.0.0.0/8 scram-sha-256"));
    Map<String, Object> monitoring = new HashMap<>(Map.of("enablePodMonitor", false));

    Patch list = Patch.set(Patch.Target.CLUSTER, "/spec/postgresql/pg_hba", hba);
    Patch map = Patch.set(Patch.Target.CLUSTER, "/spec/monitoring", monitoring);
    hba.add("host all all 0.0.0.0/0 trust");
    monitoring.put("enablePodMonitor", true);

    assertThat(list.value()).isEqualTo(List.of("host all all 10.0.0.0/8 scram-sha-256"));
    assertThat(map.value()).isEqualTo(Map.of("enablePodMonitor", false));
  }

  @Test
  void set_namesThePathAndTheFix_whenAValueIsNotJsonLike() {
    assertThatThrownBy(
            () ->
                Patch.set(
                    Patch.Target.MIGRATION_JOB,
                    "/spec/activeDeadlineSeconds",
                    Duration.ofMinutes(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Patch at /spec/activeDeadlineSeconds: a value must be a String, Number, Boolean, List or Map "
                + "(convert it, e.g. an enum with name()), got java.time.Duration");
    assertThatThrownBy(() -> Patch.set(Patch.Target.CLUSTER, "/spec/x", Map.of(1, "one")))
        .hasMessage("Patch at /spec/x: map keys must be strings, got 1");
  }

  @Test
  void tokens_unescapeEachReferenceToken_asRfc6901Says() {
    assertThat(
            Patch.remove(
                    Patch.Target.CLUSTER, "/metadata/annotations/argocd.argoproj.io~1sync-wave")
                .tokens())
        .containsExactly("metadata", "annotations", "argocd.argoproj.io/sync-wave");
    // ~01 is "~1", not "/": ~1 is unescaped first.
    assertThat(Patch.set(Patch.Target.CLUSTER, "/spec/a~01b/", "x").tokens())
        .containsExactly("spec", "a~1b", "");
  }
}
