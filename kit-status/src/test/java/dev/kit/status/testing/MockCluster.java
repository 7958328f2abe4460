package dev.kit.status.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Kubernetes API to read from: fabric8's mock API server in CRUD mode (objects created through it
 * are stored and served back like an API server does), with the upstream CRDs of {@code
 * test-data/crds/} registered and objects seeded from YAML, their {@code status} included; pod logs
 * are served as set. Used by kit-status's tests, the plugin's invoker ITs (through a kubeconfig)
 * and the sample's test.
 */
public final class MockCluster implements AutoCloseable {

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private MockCluster(KubernetesMockServer server) {
    this.server = server;
    this.client = server.createClient();
  }

  /** A started, empty server: no CRDs, no objects. */
  public static MockCluster empty() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init();
    return new MockCluster(server);
  }

  /** A started server with every CRD under {@code crds} (test-data/crds) registered. */
  public static MockCluster withCrds(Path crds) {
    MockCluster cluster = empty();
    try (Stream<Path> files = Files.walk(crds)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        cluster.createCrd(Files.readString(file, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cluster;
  }

  /**
   * Registers one CRD: its group, names, scope and versions as written; its schemas are left out,
   * since the mock server validates none and stores them slowly.
   */
  public MockCluster createCrd(String yaml) {
    CustomResourceDefinition crd =
        client.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class);
    crd.getSpec().getVersions().forEach(version -> version.setSchema(null));
    crd.getMetadata().setAnnotations(null);
    client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    return this;
  }

  /**
   * Removes the CRD named {@code name} (such as {@code scheduledbackups.postgresql.cnpg.io}), as if
   * never installed.
   */
  public MockCluster deleteCrd(String name) {
    client.apiextensions().v1().customResourceDefinitions().withName(name).delete();
    return this;
  }

  /**
   * Creates every object of every {@code .yaml} file under {@code dir} (documents separated by
   * {@code ---}), and serves each {@code logs/<namespace>/<pod>.log} as the log of that pod's
   * {@code atlas} container (a migration pod of kit's Job).
   */
  public MockCluster seed(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Path relative = dir.relativize(file);
        if (file.toString().endsWith(".yaml")) {
          seed(text);
        } else if (file.toString().endsWith(".log")
            && relative.getNameCount() == 3
            && relative.getName(0).toString().equals("logs")) {
          String pod = relative.getFileName().toString();
          log(
              relative.getName(1).toString(),
              pod.substring(0, pod.length() - ".log".length()),
              "atlas",
              text);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * Creates the objects of a YAML text, then writes each one's {@code status} as the controllers
   * would.
   */
  public MockCluster seed(String yaml) {
    for (String document : yaml.split("(?m)^---\\s*$")) {
      if (document.lines().allMatch(line -> line.isBlank() || line.trim().startsWith("#"))) {
        continue;
      }
      KubernetesResource parsed = client.getKubernetesSerialization().unmarshal(document);
      List<HasMetadata> objects =
          parsed instanceof KubernetesList list ? list.getItems() : List.of((HasMetadata) parsed);
      for (HasMetadata object : objects) {
        HasMetadata created = client.resource(object).create();
        if (hasStatus(object)) {
          object.getMetadata().setResourceVersion(created.getMetadata().getResourceVersion());
          client.resource(object).updateStatus();
        }
      }
    }
    return this;
  }

  /**
   * Serves {@code log} as the log of {@code container} in pod {@code pod} (what {@code kubectl logs
   * -c} would print).
   */
  public MockCluster log(String namespace, String pod, String container, String log) {
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/"
                + namespace
                + "/pods/"
                + pod
                + "/log?pretty=false&container="
                + container
                + "&tailLines=400")
        .andReturn(200, log)
        .always();
    return this;
  }

  /**
   * Answers GET {@code path} with {@code code} and {@code body} (a Kubernetes Status for an error),
   * every time.
   */
  public MockCluster answer(String path, int code, String body) {
    server.expect().get().withPath(path).andReturn(code, body).always();
    return this;
  }

  /** A client of this server. */
  public KubernetesClient client() {
    return client;
  }

  /** The server's URL, such as {@code http://localhost:34567}. */
  public String url() {
    return "http://" + server.getHostName() + ":" + server.getPort();
  }

  /**
   * Writes a kubeconfig whose current context {@code context} points at this server, and returns
   * its path.
   */
  public Path kubeconfig(Path file, String context) {
    String text =
        """
        apiVersion: v1
        kind: Config
        clusters:
          - name: mock
            cluster:
              server: %s
        users:
          - name: reader
            user:
              token: not-a-secret
        contexts:
          - name: %s
            context:
              cluster: mock
              user: reader
        current-context: %s
        """
            .formatted(url(), context, context);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** The requests the server received since the last call, as {@code METHOD path}, in order. */
  public List<String> requests() {
    List<String> requests = new ArrayList<>();
    try {
      for (RecordedRequest request = server.takeRequest(50, TimeUnit.MILLISECONDS);
          request != null;
          request = server.takeRequest(50, TimeUnit.MILLISECONDS)) {
        requests.add(request.getMethod() + " " + request.getPath());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return requests;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }

  private static boolean hasStatus(HasMetadata object) {
    if (object instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource generic) {
      return generic.getAdditionalProperties().containsKey("status");
    }
    try {
      return object.getClass().getMethod("getStatus").invoke(object) != null;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
