package dev.kit.provider.planetscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.PlanetScale;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reader of the branch's create-time attributes agrees with what {@link PlanetScaleModule}
 * writes: the attribute names live in one place, and a render that moves them breaks this test.
 */
class BranchReplacementReadTest {

  private static byte[] module(PlanetScale ps) {
    return PlanetScaleModule.render("ShopServices", "orders", "shop", 17, ps)
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void read_findsEveryCreateTimeAttribute_asTheModuleWritesThem() {
    PlanetScale ps =
        PlanetScale.builder()
            .organization("acme")
            .database("shop")
            .branch("main")
            .region("aws-eu-west-1")
            .parentBranch("base")
            .clusterSize("PS_10_AWS_ARM")
            .replicas(2)
            .parameter("max_connections", "200")
            .build();

    BranchReplacement.Branch branch = BranchReplacement.read(module(ps));

    assertThat(branch).isNotNull();
    assertThat(branch.name()).isEqualTo("main");
    assertThat(branch.values())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "name", "main",
                "major_version", "17",
                "region", "aws-eu-west-1",
                "parent_branch", "base"));
    assertThat(branch.values().keySet())
        .containsExactlyElementsOf(PlanetScaleModule.CREATE_TIME_ATTRIBUTES);
    assertThat(branch.preventDestroy()).isTrue();
  }

  @Test
  void read_isNull_forAFileThatIsNotKitsModule() {
    // only the lines kit writes are read: anything else is a file to say nothing about
    byte[] kits = module(PlanetScale.builder().organization("acme").database("shop").build());
    String text = new String(kits, StandardCharsets.UTF_8);

    assertThat(
            BranchReplacement.read(
                text.substring(text.indexOf('\n') + 1).getBytes(StandardCharsets.UTF_8)))
        .as("no header")
        .isNull();
    assertThat(
            BranchReplacement.read(
                text.replace("  name          = \"main\"", "  name = \"a\"\n  name = \"b\"")
                    .getBytes(StandardCharsets.UTF_8)))
        .as("an attribute twice")
        .isNull();
    assertThat(
            BranchReplacement.read(
                text.replace("  major_version", "  # major_version")
                    .getBytes(StandardCharsets.UTF_8)))
        .as("no major_version")
        .isNull();
  }
}
