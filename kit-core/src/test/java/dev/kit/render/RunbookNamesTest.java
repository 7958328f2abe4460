package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.render.RunbookCitations.Citation;
import dev.kit.render.RunbookCitations.Kind;
import dev.kit.testing.SourceTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every Kubernetes name a generated RUNBOOK.md cites exists: in every golden case and in the
 * sample, each name the runbook puts in a command or backticks (see {@link RunbookCitations}) is
 * the {@code metadata.name} (or {@code metadata.namespace}) of an object of that kind in the
 * service's generated manifests ({@code services/<service>/manifests/**} and {@code
 * application.yaml}) or in the repository's {@code platform/}, a name those manifests reference (a
 * Secret the user provides, an ObjectStore recovered from), a name CNPG creates from a Cluster or a
 * Pooler, an Application an ApplicationSet generates for the service, or an operator's own
 * Deployment and namespace: as the platform's Helm chart names it, or as the operator's own install
 * instructions do when there is no platform. An on-call engineer who copies a command gets a real
 * object.
 */
class RunbookNamesTest {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  /** A {@code name = "..."} attribute of an OpenTofu module. */
  private static final Pattern MODULE_NAME =
      Pattern.compile("(?m)^\\s*name\\s*=\\s*\"([a-z0-9][a-z0-9-]*)\"");

  /**
   * The CNPG operator as its release manifest installs it (Helm names the Deployment after the
   * release).
   */
  static final String OPERATOR_NAMESPACE = "cnpg-system";

  static final String OPERATOR_DEPLOYMENT = "cnpg-controller-manager";

  /**
   * The Atlas operator as its documented Helm install names it: release and namespace {@code
   * atlas-operator}.
   */
  static final String ATLAS_OPERATOR = "atlas-operator";

  /**
   * The annotation naming a Workspace's OpenTofu workspace, and the ClusterProviderConfig whose
   * backend's {@code secret_suffix} ends each state Secret's name.
   */
  private static final String EXTERNAL_NAME = "crossplane.io/external-name";

  private static final String PROVIDER_CONFIG = "planetscale";

  static Stream<Arguments> runbooks() {
    List<Arguments> runbooks = new ArrayList<>();
    for (Path services : servicesRoots()) {
      for (Path service : deployed(services)) {
        Path runbook = service.resolve("RUNBOOK.md");
        if (Files.isRegularFile(runbook)) {
          runbooks.add(Arguments.of(where(runbook), runbook));
        }
      }
    }
    return runbooks.stream();
  }

  @Test
  void runbooks_areFound_inEveryGoldenCaseAndTheSample() {
    List<Path> roots = servicesRoots();
    assertThat(roots).anySatisfy(root -> assertThat(root.toString()).contains("samples"));
    for (Path services : roots) {
      assertThat(deployed(services))
          .as("services of %s", services)
          .isNotEmpty()
          .allSatisfy(service -> assertThat(service.resolve("RUNBOOK.md")).isRegularFile());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runbooks")
  void citedNames_existInTheGeneratedManifests_forEveryRunbook(String where, Path runbook) {
    String text = read(runbook);
    List<Citation> citations = RunbookCitations.extract(text);

    assertThat(citations)
        .as("%s cites no names: the extraction is broken", where)
        .hasSizeGreaterThan(10);
    assertThat(problems(where, text, KnownNames.of(runbook.getParent())))
        .as("names %s cites", where)
        .isEmpty();
  }

  @Test
  void problems_nameTheFileAndTheName_whenARunbookCitesAnUnknownName() {
    Path runbook = SourceTree.testResources().resolve("golden/minimal/services/orders/RUNBOOK.md");
    String wrong =
        read(runbook)
            .replace("logs job/orders-migrate", "logs job/orders-migrations")
            .replace(
                "`kubectl -n orders get pvc -l cnpg.io/cluster=orders-cluster`",
                "`kubectl -n order get pvc -l cnpg.io/cluster=orders-db`");

    List<String> problems =
        problems(
            "golden/minimal:services/orders/RUNBOOK.md", wrong, KnownNames.of(runbook.getParent()));

    assertThat(problems)
        .hasSize(3)
        .allSatisfy(p -> assertThat(p).startsWith("golden/minimal:services/orders/RUNBOOK.md:"));
    assertThat(String.join("\n", problems))
        .contains(
            "JOB orders-migrations (namespace orders)", "NAMESPACE order", "CLUSTER orders-db");
  }

  @Test
  void problems_reportAName_whenItExistsOnlyAsAnotherKind() {
    Path service = SourceTree.testResources().resolve("golden/minimal/services/orders");
    String runbook =
        "```sh\nkubectl -n orders port-forward svc/orders-migrate 5432:5432\nkubectl cnpg status orders-cluster-rw -n orders\n```\n";

    assertThat(problems("test", runbook, KnownNames.of(service)))
        .containsExactly(
            "test:2: SERVICE orders-migrate (namespace orders)",
            "test:3: CLUSTER orders-cluster-rw (namespace orders)");
  }

  @Test
  void extract_findsNamesInCommandsAndBackticks_andSkipsPlaceholders() {
    String runbook =
        String.join(
            "\n",
            "| Argo CD Application | `orders` (namespace `argocd`, project `default`) |",
            "| Secrets | `db-app` (keys `uri`, `host`), `db-ca` (cluster CA) |",
            "Credentials: Secrets `s3-keys` and `s3-token`; storage class `fast`; bypass with `svc/db-rw`.",
            "Cluster `db` and ConfigMap `orders-migrations` (`-2`, `-3`), in `db-rw.shop.svc`.",
            "```sh",
            "argocd app sync argocd-apps/orders       # sync",
            "PGPASSWORD=\"$(kubectl -n shop get secret db-app -o jsonpath='{.data.password}' | base64 -d)\" \\",
            "kubectl cnpg psql db -n shop -- -d orders -c 'SELECT 1 FROM t -n x'",
            "kubectl cnpg logs cluster db -n shop --tail 100",
            "kubectl cnpg promote db <replica-instance> -n shop",
            "kubectl -n shop get deployments pooler-rw pooler-ro",
            "kubectl -n shop get pods -l cnpg.io/cluster=db,job-name=orders-migrate",
            "kubectl -n shop logs <instance> -c postgres --previous",
            "kubectl -n shop get clusters.postgresql.cnpg.io db -o jsonpath='{.status.a} {.status.b}'",
            "kubectl --namespace=shop rollout status deployment/orders",
            "kubectl get storageclass fast",
            "```",
            "```sql",
            "ALTER TABLE kubectl DROP COLUMN IF EXISTS note;",
            "```",
            "");

    assertThat(RunbookCitations.extract(runbook))
        .extracting(Citation::toString)
        .containsExactly(
            "line 1: APPLICATION orders",
            "line 1: NAMESPACE argocd",
            "line 2: SECRET db-app",
            "line 2: ANY db-ca",
            "line 3: SECRET s3-keys",
            "line 3: SECRET s3-token",
            "line 3: STORAGE_CLASS fast",
            "line 3: SERVICE db-rw",
            "line 4: CLUSTER db",
            "line 4: CONFIG_MAP orders-migrations",
            "line 4: NAMESPACE shop",
            "line 4: SERVICE db-rw (namespace shop)",
            "line 6: NAMESPACE argocd-apps",
            "line 6: APPLICATION orders (namespace argocd-apps)",
            "line 7: NAMESPACE shop",
            "line 7: SECRET db-app (namespace shop)",
            "line 8: NAMESPACE shop",
            "line 8: CLUSTER db (namespace shop)",
            "line 9: NAMESPACE shop",
            "line 9: CLUSTER db (namespace shop)",
            "line 10: NAMESPACE shop",
            "line 10: CLUSTER db (namespace shop)",
            "line 11: NAMESPACE shop",
            "line 11: DEPLOYMENT pooler-rw (namespace shop)",
            "line 11: DEPLOYMENT pooler-ro (namespace shop)",
            "line 12: NAMESPACE shop",
            "line 12: CLUSTER db",
            "line 12: JOB orders-migrate",
            "line 13: NAMESPACE shop",
            "line 14: NAMESPACE shop",
            "line 14: CLUSTER db (namespace shop)",
            "line 15: NAMESPACE shop",
            "line 15: DEPLOYMENT orders (namespace shop)",
            "line 16: STORAGE_CLASS fast");
  }

  /**
   * One line per cited name that no object of its kind carries, as {@code <where>:<line>: <kind>
   * <name>}.
   */
  static List<String> problems(String where, String runbook, KnownNames known) {
    List<String> problems = new ArrayList<>();
    for (Citation citation : RunbookCitations.extract(runbook)) {
      boolean inNamespace =
          citation.namespace() == null || known.namespaces.contains(citation.namespace());
      if (!known.contains(citation.kind(), citation.name()) || !inNamespace) {
        problems.add(
            where
                + ":"
                + citation.line()
                + ": "
                + citation.kind()
                + " "
                + citation.name()
                + (citation.namespace() == null
                    ? ""
                    : " (namespace " + citation.namespace() + ")"));
      }
    }
    return problems;
  }

  /**
   * The names one service's runbook may cite, by kind. {@link Kind#ANY} accepts a name of any kind.
   * A restore is proposed as a new service {@code <service>-restore}; its cluster exists once that
   * is merged.
   */
  static final class KnownNames {
    private final Map<Kind, Set<String>> names = new EnumMap<>(Kind.class);
    private final Set<String> namespaces = new HashSet<>();
    private final List<Pattern> instances = new ArrayList<>();
    private final List<Pattern> volumes = new ArrayList<>();

    /** Whether the service has a provider-opentofu Workspace. */
    private boolean workspace;

    static KnownNames of(Path serviceDir) {
      KnownNames known = new KnownNames();
      // With environments the folder is services/<svc>/envs/<env>, and the platform is
      // platform/<env>.
      boolean environment = serviceDir.getParent().getFileName().toString().equals("envs");
      Path serviceFolder = environment ? serviceDir.getParent().getParent() : serviceDir;
      String service = serviceFolder.getFileName().toString();
      known.add(Kind.CLUSTER, service + "-restore-cluster");
      for (JsonNode object : objects(serviceDir)) {
        known.object(object);
      }
      // A PlanetScale module names the branch's roles, its PgBouncer, its backup policy and the
      // Secrets it writes.
      Path module = serviceDir.resolve("database/main.tf");
      if (Files.isRegularFile(module)) {
        Matcher name = MODULE_NAME.matcher(read(module));
        while (name.find()) {
          known.add(Kind.ANY, name.group(1)).add(Kind.SECRET, name.group(1));
        }
      }
      Path platform = serviceFolder.getParent().getParent().resolve("platform");
      if (environment) {
        platform = platform.resolve(serviceDir.getFileName().toString());
      }
      Set<String> charts = new HashSet<>();
      if (Files.isDirectory(platform)) {
        for (JsonNode object : yamlDocuments(yamlFiles(platform))) {
          known.object(object);
          known.platform(object, service, charts);
        }
      }
      // An operator the platform does not install is where its own install instructions put it.
      if (!charts.contains("cloudnative-pg")) {
        known.namespaces.add(OPERATOR_NAMESPACE);
        known.add(Kind.DEPLOYMENT, OPERATOR_DEPLOYMENT);
      }
      // Crossplane where its install instructions put it, with the PlanetScale token the platform
      // team creates there.
      if (!charts.contains("crossplane") && known.workspace) {
        known.namespaces.add("crossplane-system");
        known.add(Kind.SECRET, "planetscale-service-token");
      }
      if (!charts.contains(ATLAS_OPERATOR)) {
        known.namespaces.add(ATLAS_OPERATOR);
        known.add(Kind.DEPLOYMENT, ATLAS_OPERATOR);
      }
      return known;
    }

    /**
     * A platform object: a Helm chart's Application installs a Deployment named as the chart's
     * {@code fullname} helper names it, in the Application's destination namespace; an
     * ApplicationSet over {@code services/*} generates an Application named after the service
     * folder, in its own namespace.
     */
    private void platform(JsonNode object, String service, Set<String> charts) {
      JsonNode spec = object.path("spec");
      String kind = object.path("kind").asString("");
      if (kind.equals("Application") && spec.path("source").path("chart").isString()) {
        JsonNode source = spec.path("source");
        String chart = source.path("chart").asString();
        charts.add(chart);
        // Argo CD passes the Application's name as the release name unless helm.releaseName says
        // otherwise.
        String release =
            source
                .path("helm")
                .path("releaseName")
                .asString(object.path("metadata").path("name").asString());
        JsonNode values = source.path("helm").path("valuesObject");
        String fullname = values.path("fullnameOverride").asString("");
        if (fullname.isEmpty()) {
          String name =
              values.path("nameOverride").asString("").isEmpty()
                  ? chart
                  : values.path("nameOverride").asString();
          fullname = release.contains(name) ? release : release + "-" + name;
        }
        add(Kind.DEPLOYMENT, fullname);
        namespaces.add(spec.path("destination").path("namespace").asString(""));
      } else if (kind.equals("ApplicationSet")) {
        String template = spec.path("template").path("metadata").path("name").asString("");
        if (template.equals("{{.path.basename}}")) {
          add(Kind.APPLICATION, service);
        } else if (template.startsWith("{{index .path.segments 1}}")) {
          add(Kind.APPLICATION, template.replace("{{index .path.segments 1}}", service));
        }
      }
    }

    private void object(JsonNode object) {
      String kind = object.path("kind").asString("");
      String name = object.path("metadata").path("name").asString("");
      String namespace = object.path("metadata").path("namespace").asString("");
      if (!namespace.isEmpty()) {
        namespaces.add(namespace);
      }
      switch (kind) {
        case "Cluster" -> {
          add(Kind.CLUSTER, name);
          // CNPG's Services and Secrets for every cluster; the superuser Secret only when asked
          // for.
          add(Kind.SERVICE, name + "-rw", name + "-ro", name + "-r");
          add(Kind.SECRET, name + "-app", name + "-ca");
          if (object.path("spec").path("enableSuperuserAccess").asBoolean(false)) {
            add(Kind.SECRET, name + "-superuser");
          }
          instances.add(Pattern.compile(Pattern.quote(name) + "-[0-9]+"));
          volumes.add(Pattern.compile(Pattern.quote(name) + "-[0-9]+(-wal)?"));
          for (String storage : List.of("storage", "walStorage")) {
            String storageClass =
                object.path("spec").path(storage).path("storageClass").asString("");
            if (!storageClass.isEmpty()) {
              add(Kind.STORAGE_CLASS, storageClass);
            }
          }
        }
        // CNPG runs a Pooler as a Deployment and a Service of the Pooler's name.
        case "Pooler" -> add(Kind.POOLER, name).add(Kind.DEPLOYMENT, name).add(Kind.SERVICE, name);
        case "Job" -> add(Kind.JOB, name);
        case "ConfigMap" -> add(Kind.CONFIG_MAP, name);
        case "Secret" -> add(Kind.SECRET, name);
        case "Service" -> add(Kind.SERVICE, name);
        case "Deployment" -> add(Kind.DEPLOYMENT, name);
        case "ObjectStore" -> add(Kind.OBJECT_STORE, name);
        case "ScheduledBackup" -> add(Kind.SCHEDULED_BACKUP, name);
        case "PodMonitor" -> add(Kind.POD_MONITOR, name);
        case "PrometheusRule" -> add(Kind.PROMETHEUS_RULE, name);
        case "AtlasMigration" -> add(Kind.ATLAS_MIGRATION, name);
        case "AtlasSchema" -> add(Kind.ATLAS_SCHEMA, name);
        case "Application" -> add(Kind.APPLICATION, name);
        case "ApplicationSet" -> add(Kind.APPLICATION_SET, name);
        case "Namespace" -> namespaces.add(name);
        // provider-opentofu writes the module's outputs into the Workspace's connection Secret;
        // the kubernetes backend keeps the state of its external name (its OpenTofu workspace).
        case "Workspace" -> {
          workspace = true;
          add(Kind.ANY, name)
              .add(
                  Kind.SECRET,
                  object.path("spec").path("writeConnectionSecretToRef").path("name").asString(""));
          String external =
              object.path("metadata").path("annotations").path(EXTERNAL_NAME).asString("");
          if (!external.isEmpty()) {
            add(Kind.SECRET, "tfstate-" + external + "-" + PROVIDER_CONFIG);
          }
        }
        default -> add(Kind.ANY, name);
      }
      references(object);
    }

    /**
     * Names the object points at: Secrets by key selector, volume or managed role, ObjectStores
     * recovered from.
     */
    private void references(JsonNode node) {
      if (node.isObject()) {
        if (node.path("name").isString() && node.path("key").isString() && node.size() <= 3) {
          add(Kind.SECRET, node.path("name").asString());
        }
        if (node.path("secretName").isString()) {
          add(Kind.SECRET, node.path("secretName").asString());
        }
        // A CNPG managed role's password: a Secret by name (LocalObjectReference).
        if (node.path("passwordSecret").path("name").isString()) {
          add(Kind.SECRET, node.path("passwordSecret").path("name").asString());
        }
        if (node.path("barmanObjectName").isString()) {
          add(Kind.OBJECT_STORE, node.path("barmanObjectName").asString());
        }
        node.properties().forEach(e -> references(e.getValue()));
      } else if (node.isArray()) {
        node.forEach(this::references);
      }
    }

    private KnownNames add(Kind kind, String... more) {
      names.computeIfAbsent(kind, k -> new HashSet<>()).addAll(List.of(more));
      return this;
    }

    boolean contains(Kind kind, String name) {
      return switch (kind) {
        case NAMESPACE -> namespaces.contains(name);
        case POD -> instances.stream().anyMatch(p -> p.matcher(name).matches());
        case PVC -> volumes.stream().anyMatch(p -> p.matcher(name).matches());
        case ANY ->
            names.values().stream().anyMatch(s -> s.contains(name))
                || namespaces.contains(name)
                || instances.stream().anyMatch(p -> p.matcher(name).matches());
        default -> names.getOrDefault(kind, Set.of()).contains(name);
      };
    }
  }

  /** Every YAML document of the service's application.yaml and of its manifests/ tree. */
  static List<JsonNode> objects(Path serviceDir) {
    List<Path> files = new ArrayList<>();
    if (Files.isRegularFile(serviceDir.resolve("application.yaml"))) {
      files.add(serviceDir.resolve("application.yaml"));
    }
    Path manifests = serviceDir.resolve("manifests");
    if (Files.isDirectory(manifests)) {
      files.addAll(yamlFiles(manifests));
    }
    List<JsonNode> objects = yamlDocuments(files);
    assertThat(objects).as("objects in %s", serviceDir).isNotEmpty();
    return objects;
  }

  private static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<JsonNode> yamlDocuments(List<Path> files) {
    List<JsonNode> objects = new ArrayList<>();
    for (Path file : files) {
      try (MappingIterator<JsonNode> documents =
          YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
        while (documents.hasNext()) {
          JsonNode document = documents.next();
          if (document != null && document.isObject() && !document.isEmpty()) {
            objects.add(document);
          }
        }
      }
    }
    return objects;
  }

  /** Each golden case's services/, sorted, then the sample's. */
  static List<Path> servicesRoots() {
    List<Path> roots = new ArrayList<>();
    for (Path goldenCase : directories(SourceTree.testResources().resolve("golden"))) {
      roots.add(goldenCase.resolve("services"));
    }
    roots.add(
        Path.of(System.getProperty("basedir", "."))
            .toAbsolutePath()
            .resolve("../samples/services")
            .normalize());
    return roots;
  }

  private static String where(Path runbook) {
    Path folder = runbook.getParent();
    while (!folder.getParent().getFileName().toString().equals("services")) {
      folder = folder.getParent();
    }
    Path root = folder.getParent().getParent();
    String rootName =
        root.getFileName().toString().equals("samples")
            ? "samples"
            : "golden/" + root.getFileName();
    return rootName
        + ":services/"
        + folder.getFileName()
        + "/"
        + folder.relativize(runbook).toString().replace('\\', '/');
  }

  /**
   * The folders services deploy from: each service's, or with environments each of its envs/<env>/.
   */
  private static List<Path> deployed(Path services) {
    List<Path> folders = new ArrayList<>();
    for (Path service : directories(services)) {
      Path envs = service.resolve("envs");
      folders.addAll(Files.isDirectory(envs) ? directories(envs) : List.of(service));
    }
    return folders;
  }

  private static List<Path> directories(Path dir) {
    assertThat(dir).isDirectory();
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
