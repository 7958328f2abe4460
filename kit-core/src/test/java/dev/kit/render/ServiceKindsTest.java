package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.ArgoCd;
import dev.kit.model.Kit;
import dev.kit.model.Patch;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceKindsTest {

  @Test
  void of_findsOneKind_forEveryPatchTarget() {
    Arrays.stream(Patch.Target.values())
        .forEach(
            target ->
                assertThat(ServiceKinds.all())
                    .filteredOn(kind -> kind.target().equals(Optional.of(target)))
                    .as(target.name())
                    .hasSize(1));
  }

  @Test
  void of_listsWhatAMinimalServiceGenerates_inRenderOrder() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service("orders", s -> s.database(db -> db.storage("1Gi")))
            .build();

    assertThat(ServiceKinds.of(kit, kit.services().get(0)))
        .map(ServiceKind::file)
        .containsExactly(
            "application.yaml",
            "manifests/database/cluster.yaml",
            "manifests/app/",
            "manifests/migrations/configmap.yaml",
            "manifests/migrations/job.yaml",
            "migrations/atlas.sum",
            "atlas.hcl",
            "RUNBOOK.md");
  }

  @Test
  void of_leavesOutTheApplication_whenTheApplicationSetGeneratesIt() {
    Kit kit =
        Kit.builder()
            .repository(
                "shop",
                r ->
                    r.gitUrl("https://github.com/acme/shop.git")
                        .argoCd(ArgoCd.builder().delivery(ArgoCd.Delivery.APPLICATION_SET).build()))
            .service("orders", s -> s.database(db -> db.storage("1Gi")))
            .build();

    assertThat(ServiceKinds.of(kit, kit.services().get(0)))
        .noneMatch(ApplicationKind.class::isInstance);
  }
}
