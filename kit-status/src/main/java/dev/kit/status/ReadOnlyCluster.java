package dev.kit.status;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cluster as kit reads it: get, list and a pod's log, nothing else, so neither goal can change
 * what it looks at. Objects come back as JSON trees whatever their kind. Every failure becomes a
 * {@link ClusterAccessException} whose one line names what kit tried and what to do.
 */
final class ReadOnlyCluster {

  /** The built-in kinds kit reads, by {@code apiVersion/kind}: plural and whether namespaced. */
  private static final Map<String, Resource> BUILT_IN =
      Map.ofEntries(
          Map.entry("v1/Pod", new Resource("pods", true)),
          Map.entry("v1/Secret", new Resource("secrets", true)),
          Map.entry("v1/ConfigMap", new Resource("configmaps", true)),
          Map.entry("v1/Service", new Resource("services", true)),
          Map.entry("v1/ServiceAccount", new Resource("serviceaccounts", true)),
          Map.entry("v1/Namespace", new Resource("namespaces", false)),
          Map.entry("apps/v1/Deployment", new Resource("deployments", true)),
          Map.entry("apps/v1/StatefulSet", new Resource("statefulsets", true)),
          Map.entry("batch/v1/Job", new Resource("jobs", true)),
          Map.entry("storage.k8s.io/v1/StorageClass", new Resource("storageclasses", false)),
          Map.entry(
              "apiextensions.k8s.io/v1/CustomResourceDefinition",
              new Resource("customresourcedefinitions", false)));

  private static final Pattern FORBIDDEN =
      Pattern.compile(
          "User \"([^\"]*)\" cannot ([a-z]+) resource \"([^\"]+)\"(?: in API group \"([^\"]*)\")?(?: in the namespace \"([^\"]+)\")?");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private record Resource(String plural, boolean namespaced) {}

  /** An installed custom resource: its plural, scope and the versions it serves. */
  record Crd(
      String name,
      String group,
      String kind,
      String plural,
      boolean namespaced,
      List<String> versions) {}

  private final KubernetesClient client;
  private final String target;
  private volatile @Nullable Map<String, Crd> crds;

  /**
   * @param client the client, which this class only reads through
   * @param target how messages name the cluster, such as {@code https://10.0.0.1:6443 (context
   *     prod)}
   */
  ReadOnlyCluster(KubernetesClient client, String target) {
    this.client = client;
    this.target = target;
  }

  /** How messages name the cluster. */
  String target() {
    return target;
  }

  /** The installed CRDs by {@code group/Kind}; read once. */
  Map<String, Crd> crds() {
    Map<String, Crd> read = crds;
    if (read == null) {
      java.util.TreeMap<String, Crd> byKind = new java.util.TreeMap<>();
      for (JsonNode crd :
          list("apiextensions.k8s.io/v1", "CustomResourceDefinition", "", Map.of())) {
        JsonNode spec = crd.path("spec");
        List<String> versions =
            spec.path("versions").values().stream()
                .filter(v -> v.path("served").asBoolean(true))
                .map(v -> v.path("name").asString())
                .toList();
        Crd each =
            new Crd(
                crd.path("metadata").path("name").asString(),
                spec.path("group").asString(),
                spec.path("names").path("kind").asString(),
                spec.path("names").path("plural").asString(),
                "Namespaced".equals(spec.path("scope").asString()),
                versions);
        byKind.put(each.group() + "/" + each.kind(), each);
      }
      read = Map.copyOf(byKind);
      crds = read;
    }
    return read;
  }

  /** Whether {@code kind} is built into Kubernetes (needs no CRD). */
  static boolean builtIn(String apiVersion, String kind) {
    return BUILT_IN.containsKey(apiVersion + "/" + kind);
  }

  /**
   * Whether the cluster serves {@code apiVersion} {@code kind}: a built-in kind, or a CRD serving
   * that version.
   */
  boolean serves(String apiVersion, String kind) {
    return context(apiVersion, kind).isPresent();
  }

  /** The object, or empty when it does not exist (or its kind is not installed). */
  Optional<JsonNode> get(String apiVersion, String kind, String namespace, String name) {
    Optional<ResourceDefinitionContext> context = context(apiVersion, kind);
    if (context.isEmpty()) {
      return Optional.empty();
    }
    GenericKubernetesResource found =
        call(
            "get",
            resource(context.get()),
            namespace,
            () ->
                namespace.isEmpty()
                    ? client.genericKubernetesResources(context.get()).withName(name).get()
                    : client
                        .genericKubernetesResources(context.get())
                        .inNamespace(namespace)
                        .withName(name)
                        .get());
    return Optional.ofNullable(found).map(this::tree);
  }

  /**
   * The objects of a kind in {@code namespace} (every namespace's, for a cluster-wide kind, when
   * empty) carrying all of {@code labels}, sorted by name; none when the kind is not installed.
   */
  List<JsonNode> list(
      String apiVersion, String kind, String namespace, Map<String, String> labels) {
    Optional<ResourceDefinitionContext> context = context(apiVersion, kind);
    if (context.isEmpty()) {
      return List.of();
    }
    List<GenericKubernetesResource> items =
        call(
            "list",
            resource(context.get()),
            namespace,
            () -> {
              var operation = client.genericKubernetesResources(context.get());
              var scoped = namespace.isEmpty() ? operation : operation.inNamespace(namespace);
              return labels.isEmpty()
                  ? scoped.list().getItems()
                  : scoped.withLabels(labels).list().getItems();
            });
    return items.stream()
        .map(this::tree)
        .sorted(Comparator.comparing(item -> item.path("metadata").path("name").asString()))
        .toList();
  }

  /**
   * The last {@code lines} lines of the log of a pod's {@code container}: named, since a pod with a
   * sidecar has more than one and the API server answers 400 without a name.
   */
  String log(String namespace, String pod, String container, int lines) {
    return call(
        "get",
        "pods/log",
        namespace,
        () ->
            client
                .pods()
                .inNamespace(namespace)
                .withName(pod)
                .inContainer(container)
                .tailingLines(lines)
                .getLog());
  }

  private Optional<ResourceDefinitionContext> context(String apiVersion, String kind) {
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    Resource builtIn = BUILT_IN.get(apiVersion + "/" + kind);
    if (builtIn != null) {
      return Optional.of(
          new ResourceDefinitionContext.Builder()
              .withGroup(group)
              .withVersion(version)
              .withKind(kind)
              .withPlural(builtIn.plural())
              .withNamespaced(builtIn.namespaced())
              .build());
    }
    Crd crd = crds().get(group + "/" + kind);
    if (crd == null || !crd.versions().contains(version)) {
      return Optional.empty();
    }
    return Optional.of(
        new ResourceDefinitionContext.Builder()
            .withGroup(group)
            .withVersion(version)
            .withKind(kind)
            .withPlural(crd.plural())
            .withNamespaced(crd.namespaced())
            .build());
  }

  /** {@code jobs.batch}, {@code pods}: how {@code kubectl auth can-i} names a resource. */
  private static String resource(ResourceDefinitionContext context) {
    return context.getPlural() + (context.getGroup().isEmpty() ? "" : "." + context.getGroup());
  }

  private <T> T call(String verb, String resource, String namespace, Supplier<T> read) {
    try {
      return read.get();
    } catch (KubernetesClientException e) {
      throw translate(e, verb, resource, namespace);
    }
  }

  /**
   * One line for what went wrong reading {@code resource} with {@code verb} in {@code namespace}
   * (empty: cluster-wide).
   */
  ClusterAccessException translate(
      KubernetesClientException e, String verb, String resource, String namespace) {
    String where = namespace.isEmpty() ? "" : " in namespace " + namespace;
    Throwable unreachable = networkCause(e);
    if (e.getCode() == 401) {
      return new ClusterAccessException(
          "kit: "
              + target
              + " rejected the credentials (401 Unauthorized) when kit tried to "
              + verb
              + " "
              + resource
              + where
              + ": log in again or refresh the token of this context (kubectl get namespaces"
              + " fails the same way until then)",
          401,
          e);
    }
    if (e.getCode() == 403) {
      String message =
          e.getStatus() == null || e.getStatus().getMessage() == null
              ? ""
              : e.getStatus().getMessage();
      Matcher forbidden = FORBIDDEN.matcher(message);
      String who =
          forbidden.find() ? "user \"" + forbidden.group(1) + "\"" : "the user of this context";
      return new ClusterAccessException(
          "kit: forbidden: "
              + who
              + " cannot "
              + verb
              + " "
              + resource
              + where
              + " (403): grant it, for example with the read-only ClusterRole in kit's README (\"Live status\"); check with"
              + " kubectl auth can-i "
              + verb
              + " "
              + resource
              + (namespace.isEmpty() ? "" : " -n " + namespace),
          403,
          e);
    }
    if (unreachable != null) {
      return new ClusterAccessException(
          "kit: cannot reach "
              + target
              + ": "
              + describe(unreachable)
              + "; is the cluster running and the context right? (kubectl config current-context, -Dkit.context=<name>)",
          0,
          e);
    }
    String message =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    return new ClusterAccessException(
        "kit: "
            + target
            + " failed to "
            + verb
            + " "
            + resource
            + where
            + (e.getCode() > 0 ? " (" + e.getCode() + ")" : "")
            + ": "
            + message,
        e.getCode(),
        e);
  }

  /**
   * The network failure behind {@code e}: the most telling cause (HTTP clients wrap the socket's in
   * their own).
   */
  private static @Nullable Throwable networkCause(Throwable e) {
    Throwable io = null;
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException
          || cause instanceof UnknownHostException
          || cause instanceof SSLException
          || cause instanceof TimeoutException) {
        return cause;
      }
      if (io == null
          && cause instanceof IOException
          && !(cause instanceof KubernetesClientException)) {
        io = cause;
      }
    }
    return io;
  }

  private static String describe(Throwable cause) {
    if (cause instanceof UnknownHostException) {
      return "unknown host " + cause.getMessage();
    }
    if (cause instanceof ConnectException) {
      return "connection refused";
    }
    if (cause instanceof SSLException) {
      return "TLS failed (" + cause.getMessage() + ")";
    }
    if (cause instanceof TimeoutException) {
      return "no answer in time";
    }
    String message = cause.getMessage() == null ? "" : cause.getMessage();
    return message.contains("Connection refused")
        ? "connection refused"
        : cause.getClass().getSimpleName() + (message.isEmpty() ? "" : " (" + message + ")");
  }

  private JsonNode tree(GenericKubernetesResource resource) {
    return JSON.readTree(client.getKubernetesSerialization().asJson(resource));
  }
}
