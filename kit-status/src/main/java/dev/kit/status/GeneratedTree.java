package dev.kit.status;

import dev.kit.layout.RepositoryLayout;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Service;
import dev.kit.plan.FilePlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What kit generated for a description, as objects: the one class that reads kit-core (its {@link
 * FilePlan} and a few model accessors), so the rest of the status works on Kubernetes objects alone
 * and a new kind or database provider needs no change here. Every YAML file of the plan is parsed;
 * the objects under {@code services/<name>/} belong to that service, the rest to the platform.
 */
final class GeneratedTree {

  /** Workload kinds read from the team's own manifests, for the app column. */
  private static final List<String> OWN_WORKLOADS = List.of("Deployment", "StatefulSet");

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  /**
   * One service's part of the tree.
   *
   * @param name the service
   * @param namespace where its objects run
   * @param objects what kit generated for it (its Application included), then the workloads of its
   *     own manifests
   * @param application its Argo CD Application (for an ApplicationSet, the one the set makes for
   *     it)
   * @param migrationsPath the repository-relative folder of its migrations, such as {@code
   *     services/orders/migrations}
   * @param migrations its migration files as the cluster got them (file name to SQL), from the
   *     planned ConfigMaps
   * @param schemaFile the repository-relative declarative schema file its AtlasSchema carries, such
   *     as {@code services/catalog/schema.sql}; empty without a declarative schema
   */
  record ServiceTree(
      String name,
      String namespace,
      List<PlannedObject> objects,
      Optional<PlannedObject> application,
      String migrationsPath,
      SortedMap<String, String> migrations,
      Optional<String> schemaFile) {

    /** The newest migration version, or empty without migrations. */
    Optional<String> newestVersion() {
      return migrations.isEmpty() ? Optional.empty() : Optional.of(version(migrations.lastKey()));
    }

    /** The file of migration {@code version}, if the service has it. */
    Optional<String> fileOf(String version) {
      return migrations.keySet().stream().filter(file -> version(file).equals(version)).findFirst();
    }

    private static String version(String file) {
      int end = file.indexOf('_');
      return end < 0 ? file.substring(0, file.length() - ".sql".length()) : file.substring(0, end);
    }
  }

  private final List<ServiceTree> services;
  private final List<PlannedObject> platform;
  private final Optional<String> environment;
  private @Nullable Map<String, Set<String>> servicesByGroup;

  private GeneratedTree(
      List<ServiceTree> services, List<PlannedObject> platform, Optional<String> environment) {
    this.services = List.copyOf(services);
    this.platform = List.copyOf(platform);
    this.environment = environment;
  }

  /** The environment whose tree this is, when the description has environments. */
  Optional<String> environment() {
    return environment;
  }

  /**
   * The tree of {@code plan}, rendered from {@code kit}; with a {@code repository}, also the
   * Deployments and StatefulSets of each service's own manifests (the files kit did not generate).
   */
  static GeneratedTree of(
      Kit description, FilePlan plan, Optional<Path> repository, Optional<String> environment) {
    if (!description.environments().isEmpty() && environment.isEmpty()) {
      throw new IllegalArgumentException(
          "the description has environments "
              + description.environments().stream().map(dev.kit.model.Environment::name).toList()
              + ": say which one this cluster runs (kit.environment, or "
              + "ClusterStatus.environment(name))");
    }
    if (description.environments().isEmpty() && environment.isPresent()) {
      throw new IllegalArgumentException(
          "the description has no environments, so there is no environment \""
              + environment.get()
              + "\": leave kit.environment out");
    }
    // In an environment, its view of the description and its folders; otherwise the description and
    // services/<svc>/.
    Kit kit = environment.map(description::in).orElse(description);
    String platformRoot = RepositoryLayout.platformFolder(environment.orElse(null)) + "/";
    List<PlannedObject> platform = new ArrayList<>();
    // Its subfolders too: what a platform Application syncs to the cluster, such as a Crossplane
    // provider package.
    for (String path : plan.paths()) {
      if (path.startsWith(platformRoot) && path.endsWith(".yaml")) {
        objects(Optional.empty(), path, plan.text(path), true, "").forEach(platform::add);
      }
    }
    List<ServiceTree> services = new ArrayList<>();
    for (Service service : kit.services()) {
      String folder = RepositoryLayout.SERVICES + "/" + service.name() + "/";
      String root =
          environment
                  .map(env -> RepositoryLayout.service(service.name(), env).deployed())
                  .orElse(RepositoryLayout.SERVICES + "/" + service.name())
              + "/";
      List<PlannedObject> objects = new ArrayList<>();
      SortedMap<String, String> migrations = new TreeMap<>();
      for (String path : plan.paths()) {
        if (path.startsWith(root) && path.endsWith(".yaml")) {
          for (PlannedObject object :
              objects(
                  Optional.of(service.name()), path, plan.text(path), true, service.namespace())) {
            objects.add(object);
            if (object.kind().equals("ConfigMap")) {
              object
                  .body()
                  .path("data")
                  .forEachEntry(
                      (key, value) -> {
                        if (key.endsWith(".sql")) {
                          migrations.put(key, value.asString());
                        }
                      });
            }
          }
        }
      }
      repository.ifPresent(
          repo -> objects.addAll(ownWorkloads(service, repo, root + "manifests", plan)));
      Optional<PlannedObject> application =
          objects.stream()
              .filter(o -> o.kind().equals("Application") && o.group().equals("argoproj.io"))
              .findFirst()
              .or(
                  () ->
                      applicationFromSet(
                          service.name(),
                          environment.map(env -> service.name() + "-" + env).orElse(service.name()),
                          platform));
      String migrationsPath =
          folder + service.migrations().map(Migrations::directory).orElse("migrations");
      services.add(
          new ServiceTree(
              service.name(),
              service.namespace(),
              objects,
              application,
              migrationsPath,
              migrations,
              service.declarativeSchema().map(schema -> folder + schema.file())));
    }
    return new GeneratedTree(services, platform, environment);
  }

  List<ServiceTree> services() {
    return services;
  }

  /**
   * The platform's objects: operators' Applications, the AppProject, the root, {@code argocd-cm},
   * and what its subfolders hold (a Crossplane provider package and its config).
   */
  List<PlannedObject> platform() {
    return platform;
  }

  /** Every object: the platform's, then each service's. */
  List<PlannedObject> all() {
    List<PlannedObject> all = new ArrayList<>(platform);
    services.forEach(service -> all.addAll(service.objects()));
    return all;
  }

  /** {@code names} with the services first, in the description's order. */
  List<String> servicesInOrder(Set<String> names) {
    List<String> ordered =
        services.stream()
            .map(ServiceTree::name)
            .filter(names::contains)
            .collect(Collectors.toCollection(ArrayList::new));
    names.stream().filter(n -> !ordered.contains(n)).forEach(ordered::add);
    return ordered;
  }

  /** The services whose generated objects are in {@code groups}, or need a kind of them. */
  List<String> servicesNeeding(List<String> groups) {
    Map<String, Set<String>> byGroup = servicesByGroup();
    Set<String> users = new TreeSet<>();
    for (String group : groups) {
      users.addAll(byGroup.getOrDefault(group, Set.of()));
    }
    return servicesInOrder(users);
  }

  /**
   * Each API group to the services whose generated objects are in it or need a kind of it; built on
   * first use, since reading what an object needs runs a regex over module text and a doctor run
   * asks for several groups.
   */
  private synchronized Map<String, Set<String>> servicesByGroup() {
    if (servicesByGroup == null) {
      Map<String, Set<String>> byGroup = new HashMap<>();
      for (ServiceTree service : services) {
        for (PlannedObject object : service.objects()) {
          if (!object.generated()) {
            continue;
          }
          byGroup.computeIfAbsent(object.group(), g -> new HashSet<>()).add(service.name());
          for (Needs.KindUse kind : KindReaders.of(object).needs(object).kinds()) {
            byGroup.computeIfAbsent(kind.group(), g -> new HashSet<>()).add(service.name());
          }
        }
      }
      servicesByGroup = byGroup;
    }
    return servicesByGroup;
  }

  /** The platform's Application whose {@code spec.source.<field>} is {@code value}, if any. */
  Optional<PlannedObject> platformApplication(String field, String value) {
    return platform.stream()
        .filter(
            o ->
                o.kind().equals("Application")
                    && o.body().path("spec").path("source").path(field).asString("").equals(value))
        .findFirst();
  }

  /**
   * With an ApplicationSet, kit's template names each service's Application after its folder, in
   * the set's namespace.
   */
  private static Optional<PlannedObject> applicationFromSet(
      String service, String name, List<PlannedObject> platform) {
    return platform.stream()
        .filter(o -> o.kind().equals("ApplicationSet"))
        .findFirst()
        .map(
            set -> {
              ObjectNode body = JsonNodeFactory.instance.objectNode();
              body.put("apiVersion", "argoproj.io/v1alpha1");
              body.put("kind", "Application");
              body.putObject("metadata").put("name", name).put("namespace", set.namespace());
              return new PlannedObject(
                  Optional.of(service),
                  set.path(),
                  "argoproj.io/v1alpha1",
                  "Application",
                  set.namespace(),
                  name,
                  true,
                  body);
            });
  }

  private static List<PlannedObject> ownWorkloads(
      Service service, Path repository, String manifests, FilePlan plan) {
    Path dir = repository.resolve(manifests);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<PlannedObject> workloads = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .sorted()
              .toList()) {
        String path = repository.relativize(file).toString().replace('\\', '/');
        if (plan.contains(path)) {
          continue;
        }
        try {
          // Argo CD puts an object without a namespace into the Application's destination: the
          // service's namespace.
          objects(
                  Optional.of(service.name()),
                  path,
                  Files.readString(file, StandardCharsets.UTF_8),
                  false,
                  service.namespace())
              .stream()
              .filter(o -> OWN_WORKLOADS.contains(o.kind()) && o.group().equals("apps"))
              .forEach(workloads::add);
        } catch (JacksonException e) {
          // Not YAML kit can read: Argo CD reports it when it syncs; the status has nothing to say
          // about it.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
    return workloads;
  }

  private static List<PlannedObject> objects(
      Optional<String> service,
      String path,
      String text,
      boolean generated,
      String defaultNamespace) {
    List<PlannedObject> objects = new ArrayList<>();
    for (JsonNode body : YAML.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll()) {
      if (body == null || !body.isObject() || !body.path("kind").isString()) {
        continue;
      }
      JsonNode metadata = body.path("metadata");
      objects.add(
          new PlannedObject(
              service,
              path,
              body.path("apiVersion").asString(),
              body.path("kind").asString(),
              metadata.path("namespace").asString(defaultNamespace),
              metadata.path("name").asString(""),
              generated,
              body));
    }
    return objects;
  }
}
