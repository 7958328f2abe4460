package dev.kit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.kit.conformance.GeneratedObjects.Manifest;
import dev.kit.testing.SourceTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every pod the kit's output makes Kubernetes run (the migration Jobs of every golden case and of
 * the sample, the generated apps, the Atlas operator's dev databases, plus the sample's own
 * Deployment, which the same Application syncs) passes the Pod Security "restricted" profile, so
 * the manifests work in namespaces labelled {@code pod-security.kubernetes.io/enforce: restricted}.
 */
class PodSecurityRestrictedTest {

  static Stream<Manifest> workloads() {
    List<Manifest> workloads =
        new ArrayList<>(
            GeneratedObjects.objects().stream()
                .filter(m -> PodSecurityRestricted.hasPodTemplate(m.object()))
                .toList());
    Manifest sampleDeployment = GeneratedObjects.sampleDeployment();
    if (workloads.stream().noneMatch(m -> m.file().equals(sampleDeployment.file()))) {
      workloads.add(sampleDeployment); // the user's, synced by the same Application
    }
    return workloads.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("workloads")
  void podSpec_passesRestrictedProfile_forEveryWorkload(Manifest workload) {
    List<String> problems = PodSecurityRestricted.check(workload.where(), workload.object());
    if (!problems.isEmpty()) {
      fail(
          "Pod Security restricted violations in "
              + workload.where()
              + ":\n  "
              + String.join("\n  ", problems));
    }
  }

  @Test
  void workloads_includeEveryGeneratedWorkloadAndTheSampleDeployment_whenCollected() {
    List<Manifest> workloads = workloads().toList();
    List<Manifest> objects = GeneratedObjects.objects();
    long jobs = objects.stream().filter(m -> m.kind().equals("Job")).count();
    long deployments = objects.stream().filter(m -> m.kind().equals("Deployment")).count();
    long devDatabases =
        objects.stream().filter(m -> m.object().at("/spec/devDB/spec").isObject()).count();
    System.out.printf(
        "PodSecurityRestrictedTest: %d pod specs checked (%d generated Jobs, %d generated Deployments, "
            + "%d Atlas operator dev databases, the sample's own Deployment)%n",
        workloads.size(), jobs, deployments, devDatabases);

    assertThat(jobs).as("migration Jobs").isPositive();
    assertThat(workloads).filteredOn(m -> m.kind().equals("Job")).hasSize((int) jobs);
    assertThat(workloads)
        .filteredOn(m -> m.kind().equals("Deployment"))
        .hasSizeGreaterThanOrEqualTo((int) deployments);
    assertThat(devDatabases).as("Atlas operator dev databases").isPositive();
    assertThat(workloads).filteredOn(m -> m.kind().startsWith("Atlas")).hasSize((int) devDatabases);
    assertThat(workloads)
        .extracting(Manifest::where)
        .contains("samples:services/orders/envs/prod/manifests/app/deployment.yaml");
  }

  @Test
  void generatedObjects_carryContainersOnlyInKnownPodTemplates_whenScanned() {
    // A new kind with containers (a Pooler template, a CronJob) must be added to the check, not
    // skipped silently.
    List<String> unchecked =
        GeneratedObjects.objects().stream()
            .filter(
                m -> !PodSecurityRestricted.hasPodTemplate(m.object()) && hasContainers(m.object()))
            .map(Manifest::toString)
            .toList();

    assertThat(unchecked).as("objects with containers outside a known pod template").isEmpty();
  }

  /**
   * One weakening per row, applied to a generated migration Job, and the check that must catch it.
   */
  static Stream<Arguments> weakenings() {
    JsonNodeFactory n = JsonNodeFactory.instance;
    String pod = "/spec/template/spec";
    String container = pod + "/containers/0";
    return Stream.of(
        Arguments.of(pod + "/securityContext/runAsNonRoot", null, "runAsNonRoot"),
        Arguments.of(pod + "/securityContext/runAsNonRoot", n.booleanNode(false), "runAsNonRoot"),
        Arguments.of(pod + "/securityContext/runAsUser", n.numberNode(0), "runAsUser"),
        Arguments.of(pod + "/securityContext/seccompProfile", null, "seccompProfile_restricted"),
        Arguments.of(
            pod + "/securityContext/seccompProfile/type",
            n.stringNode("Unconfined"),
            "seccompProfile_baseline"),
        Arguments.of(pod + "/hostNetwork", n.booleanNode(true), "hostNamespaces"),
        Arguments.of(pod + "/hostPID", n.booleanNode(true), "hostNamespaces"),
        Arguments.of(pod + "/hostIPC", n.booleanNode(true), "hostNamespaces"),
        Arguments.of(
            pod + "/volumes/0",
            volume("hostPath", n.objectNode().put("path", "/var/run")),
            "hostPathVolumes"),
        Arguments.of(
            pod + "/volumes/0",
            volume("nfs", n.objectNode().put("server", "nfs").put("path", "/")),
            "restrictedVolumes"),
        Arguments.of(
            container + "/securityContext/allowPrivilegeEscalation",
            null,
            "allowPrivilegeEscalation"),
        Arguments.of(
            container + "/securityContext/allowPrivilegeEscalation",
            n.booleanNode(true),
            "allowPrivilegeEscalation"),
        Arguments.of(container + "/securityContext/privileged", n.booleanNode(true), "privileged"),
        Arguments.of(
            container + "/securityContext/capabilities/drop",
            n.arrayNode().add("NET_RAW"),
            "capabilities_restricted"),
        Arguments.of(
            container + "/securityContext/capabilities/add",
            n.arrayNode().add("SYS_ADMIN"),
            "capabilities_restricted"),
        Arguments.of(
            container + "/securityContext/runAsNonRoot", n.booleanNode(false), "runAsNonRoot"),
        Arguments.of(
            container + "/securityContext/seccompProfile",
            n.objectNode().put("type", "Unconfined"),
            "seccompProfile_baseline"),
        Arguments.of(
            container + "/securityContext/procMount", n.stringNode("Unmasked"), "procMount"),
        Arguments.of(
            container + "/securityContext/seLinuxOptions",
            n.objectNode().put("type", "spc_t"),
            "seLinuxOptions"),
        Arguments.of(
            container + "/securityContext/appArmorProfile",
            n.objectNode().put("type", "Unconfined"),
            "appArmorProfile"),
        Arguments.of(
            container + "/ports",
            n.arrayNode().add(n.objectNode().put("containerPort", 80).put("hostPort", 80)),
            "hostPorts"),
        Arguments.of(
            pod + "/securityContext/sysctls",
            n.arrayNode().add(n.objectNode().put("name", "kernel.msgmax").put("value", "1")),
            "sysctls"),
        Arguments.of(
            "/spec/template/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1atlas",
            n.stringNode("unconfined"),
            "appArmorProfile"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("weakenings")
  void check_reportsTheCheck_whenJobIsWeakened(String pointer, JsonNode value, String check) {
    ObjectNode job = minimalJob();
    UpstreamSchemaTest.plant(job, pointer, value);

    assertThat(PodSecurityRestricted.check("job.yaml", job))
        .anySatisfy(
            problem ->
                assertThat(problem)
                    .startsWith("job.yaml: $.spec.template")
                    .contains("[" + check + "]"));
  }

  @Test
  void check_acceptsContainerLevelSettings_whenPodLevelOnesAreAbsent() {
    ObjectNode job = minimalJob();
    JsonNodeFactory n = JsonNodeFactory.instance;
    ObjectNode podContext = (ObjectNode) job.at("/spec/template/spec/securityContext");
    podContext.remove("runAsNonRoot");
    podContext.remove("seccompProfile");
    ObjectNode context = (ObjectNode) job.at("/spec/template/spec/containers/0/securityContext");
    context.put("runAsNonRoot", true);
    context.set(
        "seccompProfile",
        n.objectNode().put("type", "Localhost").put("localhostProfile", "profiles/atlas.json"));
    context.set(
        "capabilities",
        n.objectNode()
            .set("drop", n.arrayNode().add("ALL"))
            .set("add", n.arrayNode().add("NET_BIND_SERVICE")));

    assertThat(PodSecurityRestricted.check("job.yaml", job)).isEmpty();
  }

  private static ObjectNode minimalJob() {
    Path file =
        SourceTree.testResources()
            .resolve("golden/minimal/services/orders/manifests/migrations/job.yaml");
    ObjectNode job =
        (ObjectNode)
            GeneratedObjects.read(new GeneratedObjects.Root("golden", file.getParent()), file)
                .get(0)
                .object()
                .deepCopy();
    assertThat(PodSecurityRestricted.check("job.yaml", job)).as("the unmodified Job").isEmpty();
    return job;
  }

  private static ObjectNode volume(String type, ObjectNode source) {
    ObjectNode volume = JsonNodeFactory.instance.objectNode().put("name", "migrations");
    volume.set(type, source);
    return volume;
  }

  private static boolean hasContainers(JsonNode node) {
    if (node.isObject()) {
      if (node.path("containers").isArray()) {
        return true;
      }
      for (JsonNode child : node) {
        if (hasContainers(child)) {
          return true;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        if (hasContainers(child)) {
          return true;
        }
      }
    }
    return false;
  }
}
