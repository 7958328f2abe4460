package dev.kit.status;

import dev.kit.model.Kit;
import dev.kit.plan.FilePlan;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/**
 * The live state of what kit generated, read from a cluster: {@link #status} (each service's
 * Application, database, migrations, poolers and app) and {@link #doctor} (what the tree needs from
 * the cluster before it syncs). It only reads (get, list and a failed migration pod's log); it
 * never creates, changes or deletes anything.
 *
 * <pre>{@code
 * Kit kit = new ShopServices().describe();
 * FilePlan plan = Generator.forRepository(Path.of(".")).plan(kit);
 * try (ClusterStatus cluster = ClusterStatus.connect(Optional.empty())) {   // kubeconfig, current context
 *   StatusReport report = cluster.status(kit, plan);
 *   System.out.print(report.table());                                    // or report.json()
 *   System.exit(report.healthy() ? 0 : 1);
 * }
 * }</pre>
 */
public final class ClusterStatus implements AutoCloseable {

  /** Reads of one service at a time per thread; the reads wait on the network, not the CPU. */
  private static final int PARALLEL_SERVICES = 8;

  /** The clients {@link #connect} made, which {@link #close} closes; none for {@link #of}. */
  private final List<KubernetesClient> owned;

  /** The environment's cluster: everything an Application deploys, operators included. */
  private final ReadOnlyCluster cluster;

  /** Argo CD's cluster: the Applications, the AppProject and {@code argocd-cm}. */
  private final ReadOnlyCluster argoCd;

  private final Clock clock;
  private final Optional<Path> repository;
  private final Optional<String> environment;

  private ClusterStatus(
      List<KubernetesClient> owned,
      ReadOnlyCluster cluster,
      ReadOnlyCluster argoCd,
      Clock clock,
      Optional<Path> repository,
      Optional<String> environment) {
    this.owned = List.copyOf(owned);
    this.cluster = cluster;
    this.argoCd = argoCd;
    this.clock = clock;
    this.repository = repository;
    this.environment = environment;
  }

  /**
   * Connects the standard way: the kubeconfig ({@code KUBECONFIG}, {@code -Dkubeconfig}, else
   * {@code ~/.kube/config}) with its current context or {@code context}, else the pod's service
   * account inside a cluster; Argo CD runs in the same cluster. Nothing is read yet; the first read
   * reports a cluster that cannot be reached.
   *
   * @throws ClusterAccessException when there is no configuration, or {@code context} is not in it
   */
  public static ClusterStatus connect(Optional<String> context) {
    Objects.requireNonNull(
        context,
        "connect(context): context is null; pass Optional.empty() for the current context");
    return connect(context, Optional.empty());
  }

  /**
   * Connects as {@link #connect(Optional)} to the environment's cluster ({@code context}), where
   * the Applications deploy, and to Argo CD's cluster ({@code argoContext}), which holds the
   * Applications, the AppProject and {@code argocd-cm}; an empty {@code argoContext} is {@code
   * context}'s cluster.
   *
   * @throws ClusterAccessException when there is no configuration, or a context is not in it
   */
  public static ClusterStatus connect(Optional<String> context, Optional<String> argoContext) {
    Objects.requireNonNull(
        context,
        "connect(context, argoContext): context is null; pass Optional.empty() for the current"
            + " context");
    Objects.requireNonNull(
        argoContext,
        "connect(context, argoContext): argoContext is null; pass Optional.empty() when Argo CD"
            + " runs in the environment's cluster");
    Config config = configure(context, "kit.context");
    KubernetesClient client = client(config);
    ReadOnlyCluster cluster = new ReadOnlyCluster(client, target(config));
    if (argoContext.isEmpty() || argoContext.equals(context)) {
      return new ClusterStatus(
          List.of(client),
          cluster,
          cluster,
          Clock.system(ZoneId.systemDefault()),
          Optional.empty(),
          Optional.empty());
    }
    Config argoConfig;
    try {
      argoConfig = configure(argoContext, "kit.argoContext");
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    KubernetesClient argoClient = client(argoConfig);
    return new ClusterStatus(
        List.of(client, argoClient),
        cluster,
        new ReadOnlyCluster(argoClient, target(argoConfig)),
        Clock.system(ZoneId.systemDefault()),
        Optional.empty(),
        Optional.empty());
  }

  /** Reads through {@code client}, which the caller configured and closes. */
  public static ClusterStatus of(KubernetesClient client) {
    Objects.requireNonNull(
        client, "of(client): client is null; pass a KubernetesClient, or use connect(context)");
    return of(client, client);
  }

  /**
   * Reads the environment's cluster through {@code client} and Argo CD's (its Applications,
   * AppProject and {@code argocd-cm}) through {@code argoClient}; the caller configured both and
   * closes them.
   */
  public static ClusterStatus of(KubernetesClient client, KubernetesClient argoClient) {
    Objects.requireNonNull(
        client,
        "of(client, argoClient): client is null; pass a client of the environment's cluster");
    Objects.requireNonNull(
        argoClient,
        "of(client, argoClient): argoClient is null; pass a client of Argo CD's cluster, or use"
            + " of(client) when Argo CD runs in the environment's cluster");
    ReadOnlyCluster cluster = new ReadOnlyCluster(client, target(client.getConfiguration()));
    return new ClusterStatus(
        List.of(),
        cluster,
        argoClient == client
            ? cluster
            : new ReadOnlyCluster(argoClient, target(argoClient.getConfiguration())),
        Clock.system(ZoneId.systemDefault()),
        Optional.empty(),
        Optional.empty());
  }

  /** A copy that tells times ({@code 6h ago}) by {@code clock} and in its zone. */
  public ClusterStatus clock(Clock clock) {
    Objects.requireNonNull(
        clock, "clock(clock): clock is null; pass Clock.systemDefaultZone() or a fixed clock");
    return new ClusterStatus(owned, cluster, argoCd, clock, repository, environment);
  }

  /**
   * A copy that also reports the Deployments and StatefulSets a team keeps in a service's {@code
   * manifests/} beside kit's files, read from the repository at {@code root}.
   */
  public ClusterStatus repository(Path root) {
    Objects.requireNonNull(
        root, "repository(root): root is null; pass the folder that holds services/");
    return new ClusterStatus(
        owned, cluster, argoCd, clock, Optional.of(root.toAbsolutePath().normalize()), environment);
  }

  /**
   * A copy for a description with environments: this cluster runs environment {@code name}, whose
   * tree ({@code services/<svc>/envs/<name>/}, {@code platform/<name>/}) it is compared with; the
   * table gets an env column.
   */
  public ClusterStatus environment(String name) {
    Objects.requireNonNull(
        name,
        "environment(name): name is null; pass the environment this cluster runs, such as prod");
    return new ClusterStatus(owned, cluster, argoCd, clock, repository, Optional.of(name));
  }

  /**
   * Each service of {@code kit} as the cluster reports it: what kit generated ({@code plan})
   * compared with what is there, object by object.
   *
   * @throws ClusterAccessException when the cluster cannot be read
   */
  public StatusReport status(Kit kit, FilePlan plan) {
    GeneratedTree tree =
        GeneratedTree.of(
            Objects.requireNonNull(kit, "status(kit, plan): kit is null"),
            Objects.requireNonNull(
                plan, "status(kit, plan): plan is null; pass Generator.plan(kit)"),
            repository,
            environment);
    // One read of each cluster first, so one that cannot be read fails once, before any service.
    cluster.crds();
    argoCd.crds();
    Moments moments = new Moments(clock);
    List<ServiceStatus> rows = parallel(tree.services(), service -> inspect(service, moments));
    return new StatusReport(rows, tree.environment());
  }

  /**
   * What the tree of {@code kit} needs from the cluster, and whether it is there.
   *
   * @throws ClusterAccessException when the cluster cannot be read
   */
  public DoctorReport doctor(Kit kit, FilePlan plan) {
    GeneratedTree tree =
        GeneratedTree.of(
            Objects.requireNonNull(kit, "doctor(kit, plan): kit is null"),
            Objects.requireNonNull(
                plan, "doctor(kit, plan): plan is null; pass Generator.plan(kit)"),
            repository,
            environment);
    return new DoctorReport(new Doctor(cluster, argoCd, tree).run());
  }

  /** Closes the clients {@link #connect} made. */
  @Override
  public void close() {
    owned.forEach(KubernetesClient::close);
  }

  private ServiceStatus inspect(GeneratedTree.ServiceTree service, Moments moments) {
    Optional<JsonNode> application =
        service
            .application()
            .flatMap(app -> argoCd.get(app.apiVersion(), app.kind(), app.namespace(), app.name()));
    Inspection inspection = new Inspection(cluster, argoCd, moments, service, application);
    List<PlannedObject> objects = new ArrayList<>();
    service.application().ifPresent(objects::add);
    service.objects().stream()
        .filter(o -> service.application().map(app -> !app.equals(o)).orElse(true))
        .forEach(objects::add);
    List<Finding> findings = new ArrayList<>();
    for (PlannedObject object : objects) {
      KindReader reader = KindReaders.of(object);
      Optional<JsonNode> live =
          service.application().filter(object::equals).isPresent()
              ? application
              : inspection
                  .clusterOf(object)
                  .get(object.apiVersion(), object.kind(), object.namespace(), object.name());
      // Argo CD reads an object being deleted before, and instead of, the check of its kind.
      findings.add(
          live.map(
                  found ->
                      PendingDeletion.of(object, found, reader.column(object), moments)
                          .orElseGet(() -> reader.read(object, found, inspection)))
              .orElseGet(() -> inspection.missing(object, reader.column(object))));
    }
    return new ServiceStatus(service.name(), service.namespace(), findings);
  }

  private static <T, R> List<R> parallel(List<T> items, java.util.function.Function<T, R> work) {
    if (items.size() <= 1) {
      return items.stream().map(work).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_SERVICES, items.size()));
    try {
      List<Future<R>> futures =
          items.stream().map(item -> pool.submit(() -> work.apply(item))).toList();
      List<R> results = new ArrayList<>();
      for (Future<R> future : futures) {
        results.add(future.get());
      }
      return results;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterAccessException("kit: interrupted while reading the cluster");
    } finally {
      pool.shutdownNow();
    }
  }

  private static KubernetesClient client(Config config) {
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * How messages name a cluster kit connected to: {@code the Kubernetes API at
   * https://10.0.0.1:6443 (context prod)}.
   */
  private static String target(Config config) {
    String context = config.getCurrentContext() == null ? "" : config.getCurrentContext().getName();
    return "the Kubernetes API at "
        + config.getMasterUrl().replaceFirst("/$", "")
        + (context.isEmpty() ? "" : " (context " + context + ")");
  }

  /**
   * The client configuration, checked for what fabric8 would silently get wrong: a context that is
   * not there, which the message names as the parameter {@code property} sets.
   */
  static Config configure(Optional<String> context, String property) {
    Config config = Config.autoConfigure(context.orElse(null));
    List<String> names =
        config.getContexts() == null
            ? List.of()
            : config.getContexts().stream().map(NamedContext::getName).sorted().toList();
    String files = String.join(", ", Config.getKubeconfigFilenames());
    if (context.isPresent() && !names.contains(context.get())) {
      throw new ClusterAccessException(
          "kit: context \""
              + context.get()
              + "\" is not in the kubeconfig "
              + (config.getFile() == null
                  ? "(none found at " + files + ")"
                  : config.getFile().getPath())
              + (names.isEmpty() ? "" : "; its contexts: " + String.join(", ", names))
              + "; pass -D"
              + property
              + "=<one of them>, or leave it out "
              + (property.equals("kit.context")
                  ? "for the current context"
                  : "when Argo CD runs in kit.context's cluster"));
    }
    boolean inCluster = System.getenv("KUBERNETES_SERVICE_HOST") != null;
    boolean masterSet =
        System.getProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY) != null
            || System.getenv("KUBERNETES_MASTER") != null;
    if (config.getFile() == null && !inCluster && !masterSet) {
      throw new ClusterAccessException(
          "kit: no Kubernetes configuration: no kubeconfig at "
              + files
              + " and not running inside a cluster; create one (kubectl config, your cloud's get-credentials command),"
              + " or set KUBECONFIG or -Dkubeconfig=<file>");
    }
    // A cluster that is down should fail in seconds, not after fabric8's ten backed-off retries.
    config.setRequestRetryBackoffLimit(1);
    config.setConnectionTimeout(10_000);
    return config;
  }
}
