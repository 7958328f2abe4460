package dev.kit.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.status.testing.Shop;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Pod Security levels as admission enforces them, on the pods kit generates and on ones that
 * break the rules.
 */
class PodSecurityLevelsTest {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  @Test
  void violations_areNone_forEveryPodTheSampleGenerates_atRestricted() {
    GeneratedTree tree =
        GeneratedTree.of(new Shop().describe(), Shop.plan(), Optional.empty(), Optional.of("prod"));
    List<JsonNode> pods =
        tree.all().stream().flatMap(o -> PodSecurityLevels.podSpecs(o).stream()).toList();

    // the Jobs of orders, payments and inventory, the apps of payments and inventory, catalog's
    // Atlas dev database
    assertThat(pods).hasSize(6);
    assertThat(pods)
        .allSatisfy(pod -> assertThat(PodSecurityLevels.violations(pod, "restricted")).isEmpty());
  }

  @Test
  void violations_nameEachBrokenControl_atBaselineAndRestricted() {
    JsonNode pod =
        YAML.readTree(
            """
        hostPID: true
        securityContext:
          runAsUser: 0
        volumes:
          - name: data
            hostPath: {path: /var/lib/data}
          - name: nfs
            nfs: {server: nfs.local, path: /export}
        containers:
          - name: app
            image: app:1
            ports:
              - containerPort: 8080
                hostPort: 8080
            securityContext:
              privileged: true
              capabilities:
                add: [NET_ADMIN, CHOWN]
        """);

    assertThat(PodSecurityLevels.violations(pod, "privileged")).isEmpty();
    assertThat(PodSecurityLevels.violations(pod, "baseline"))
        .containsExactly(
            "hostPID: true",
            "volume data is a hostPath",
            "container app: privileged",
            "container app: hostPort 8080",
            "container app: adds capability NET_ADMIN");
    assertThat(PodSecurityLevels.violations(pod, "restricted"))
        .containsExactly(
            "hostPID: true",
            "volume data is a hostPath",
            "volume nfs is a nfs",
            "container app: privileged",
            "container app: hostPort 8080",
            "container app: adds capability NET_ADMIN",
            "container app: adds capability CHOWN",
            "container app: allowPrivilegeEscalation is not false",
            "container app: does not drop ALL capabilities",
            "container app: runAsNonRoot is not true",
            "container app: runAsUser 0",
            "container app: no RuntimeDefault or Localhost seccompProfile");
  }
}
