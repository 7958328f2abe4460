package dev.kit;

import dev.kit.layout.RepositoryLayout;
import dev.kit.layout.ServiceLayout;
import dev.kit.model.ArgoCd;
import dev.kit.model.Environment;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import dev.kit.plan.FilePlan;
import dev.kit.plan.GeneratedHeader;
import dev.kit.plan.RepositoryRoot;
import dev.kit.provider.planetscale.PlanetScaleModule;
import dev.kit.render.RetiredServiceRenderer;
import dev.kit.render.RetiredWorkspaceRenderer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Services kit generated that the description no longer has. Argo CD never deletes their CNPG
 * Cluster and Barman Cloud ObjectStore ({@code Prune=false,Delete=false}), so the generation that
 * deletes their manifests warns, naming what keeps running, and writes {@code
 * services/<service>/RETIRED.md} with the steps to retire it deliberately, read from the manifests
 * it deletes; with environments, one in each environment's folder ({@code
 * services/<service>/envs/<environment>/RETIRED.md}), since each runs its Cluster on its own
 * cluster, and the same for a service that is still described but no longer in one of its
 * environments. Later generations keep that file as it is, without a warning, until the folder goes
 * (the last step) or the service comes back (then it is stale, and deleted). The user's migrations
 * stay, as always.
 *
 * <p>A description that gains environments moves what kit generated in a service's folder into
 * {@code envs/<environment>/}: the database the folder's manifests named keeps running just the
 * same, unless an environment's Application is known to manage it now (the same object on the same
 * cluster), so it retires the same way, with {@code services/<service>/RETIRED.md}; and the root
 * Application applied from {@code platform/root.yaml} stays in Argo CD, so the generation warns
 * about it.
 */
final class RetiredServices {

  static final String PLUGIN = "barman-cloud.cloudnative-pg.io";

  /** Where a service's folder holds its CNPG Cluster. */
  static final String CLUSTER = "manifests/database/cluster.yaml";

  /** Where a service's folder holds its PlanetScale Workspace. */
  static final String WORKSPACE = "manifests/database/workspace.yaml";

  /** Where a service's folder holds its migrations' {@code atlas.sum}. */
  private static final String SUM = "migrations/atlas.sum";

  private RetiredServices() {}

  /**
   * What the retired services leave to the generation.
   *
   * @param files their {@code RETIRED.md} files, with a warning for each retired now
   * @param namespaces the namespaces they deployed to, by environment ({@code ""} without
   *     environments): the AppProject keeps them while their {@code RETIRED.md} exists, since Argo
   *     CD deletes only what the project permits when their Application is deleted (a step of the
   *     file)
   */
  record Retirements(FilePlan files, Map<String, Set<String>> namespaces) {}

  /**
   * The {@code RETIRED.md} files of the folders under {@code services/} that hold kit's manifests
   * (or its {@code RETIRED.md}) but no service of {@code kit}, or no environment of that service,
   * with a warning for each service (or environment of one) retired now, and the namespaces they
   * deployed to.
   */
  static Retirements plan(RepositoryRoot repository, Kit kit, String source) {
    FilePlan.Builder plan = FilePlan.builder();
    Map<String, Set<String>> namespaces = new HashMap<>();
    Path services = repository.path().resolve(RepositoryLayout.SERVICES);
    if (!Files.isDirectory(services, LinkOption.NOFOLLOW_LINKS)) {
      return new Retirements(plan.build(), Map.of());
    }
    // Loops, not collectors: every generation runs this once, where each lambda and collector
    // costs a cold JVM classes (PROFILE.md, section 16.3).
    Map<String, Service> described = new HashMap<>();
    for (Service service : kit.services()) {
      described.put(service.name(), service);
    }
    Set<String> environments = new HashSet<>();
    for (Environment environment : kit.environments()) {
      environments.add(environment.name());
    }
    EnvironmentChanges.platformLeftovers(repository, kit, environments, plan);
    // java.io, not NIO, where it can: a cold JVM pays far less for it (PROFILE.md section 14). It
    // knows only the disk, not a zip archive's file system, say.
    boolean onDisk = services.getFileSystem() == FileSystems.getDefault();
    // The services that leave the description now, with the folder that held their manifests.
    Map<String, Path> leaving = new TreeMap<>();
    for (String service : names(services)) {
      if (!RepositoryLayout.isServiceFolder(service)) {
        continue; // no service of kit's could have written it
      }
      Service still = described.get(service);
      // A described service retires only environments, and mostly has no folder for them, or its
      // own folder's database once the description has environments: java.io's stat sees that
      // nothing is there (so no real folder either) without NIO's path and lstat.
      if (still != null
          && onDisk
          && !new File(services.toFile(), service + File.separator + RepositoryLayout.ENVIRONMENTS)
              .exists()
          && (environments.isEmpty()
              || !EnvironmentChanges.leftBehind(new File(services.toFile(), service)))) {
        continue;
      }
      Path folder = services.resolve(service);
      if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
        continue; // kit writes only real folders; a link is not kit's
      }
      if (still == null) {
        if (retire(
            plan,
            namespaces,
            kit,
            source,
            service,
            folder,
            RepositoryLayout.service(service),
            Optional.empty(),
            false,
            null,
            false)) {
          leaving.putIfAbsent(service, folder);
          strandedByRetirement(plan, service, folder, RepositoryLayout.service(service));
        }
      } else if (!environments.isEmpty()
          && (!onDisk || EnvironmentChanges.leftBehind(folder.toFile()))) {
        // Only where the folder still holds what the layout without environments left.
        retire(
            plan,
            namespaces,
            kit,
            source,
            service,
            folder,
            RepositoryLayout.service(service),
            Optional.empty(),
            true,
            still,
            true);
        EnvironmentChanges.stranded(plan, service, folder);
      }
      // With environments, each environment's Cluster runs on its own cluster: the steps go beside
      // its manifests, for a service that left the description and for one that left an environment
      // (onlyIn, or the environment went).
      for (String environment : environments(folder.resolve(RepositoryLayout.ENVIRONMENTS))) {
        if (still == null || !environments.contains(environment) || !still.existsIn(environment)) {
          Path deployed = folder.resolve(RepositoryLayout.ENVIRONMENTS).resolve(environment);
          if (retire(
              plan,
              namespaces,
              kit,
              source,
              service,
              deployed,
              RepositoryLayout.service(service, environment),
              Optional.of(environment),
              still != null,
              still,
              false)) {
            strandedByRetirement(
                plan, service, deployed, RepositoryLayout.service(service, environment));
            if (still == null) {
              leaving.putIfAbsent(service, deployed);
            }
          }
        }
      }
    }
    if (!leaving.isEmpty()) {
      renamed(services, kit, leaving, plan);
    }
    return new Retirements(plan.build(), namespaces);
  }

  /**
   * Warns about a described service whose migration history ({@code atlas.sum}) is the one of a
   * service that leaves the description now: most likely that service renamed, which gets a new,
   * empty database while the old one keeps the data. A service's name names its folder and its
   * objects, its Cluster's too.
   *
   * @param leaving each service that leaves now, with a folder of its manifests
   */
  private static void renamed(
      Path services, Kit kit, Map<String, Path> leaving, FilePlan.Builder plan) {
    Map<String, String> histories = new HashMap<>();
    for (Map.Entry<String, Path> left : leaving.entrySet()) {
      Optional<String> history =
          history(
              services.resolve(left.getKey()), left.getValue().resolve(ServiceLayout.MANIFESTS));
      if (history.isPresent()) {
        histories.putIfAbsent(history.get(), left.getKey());
      }
    }
    for (Service service : kit.services()) {
      Optional<String> history = firstLine(services.resolve(service.name()).resolve(SUM));
      String left = history.isPresent() ? histories.get(history.get()) : null;
      if (left == null) {
        continue;
      }
      plan.warn(
          "services["
              + service.name()
              + "]: its migrations are those of service "
              + left
              + " (the same atlas.sum), which left the description: if "
              + service.name()
              + " is "
              + left
              + " renamed, it gets a new, empty database, and the one of "
              + left
              + " keeps the data (its RETIRED.md says what keeps running); to keep that database,"
              + " keep the name "
              + left
              + " (a service's name names its folder and its objects, its Cluster's too), or copy"
              + " the data into the new one before you retire the old one");
    }
  }

  /**
   * The first line of a leaving service's {@code atlas.sum} (the hash of its whole history): its
   * own file when still there, else the copy its migrations ConfigMap carries.
   */
  private static Optional<String> history(Path folder, Path manifests) {
    Optional<String> own = firstLine(folder.resolve(SUM));
    if (own.isPresent()) {
      return own;
    }
    Optional<JsonNode> configMap = manifest(manifests.resolve("migrations/configmap.yaml"));
    if (configMap.isEmpty()) {
      return Optional.empty();
    }
    String sum = configMap.get().path("data").path("atlas.sum").asString("");
    int end = sum.indexOf('\n');
    return end > 0 ? Optional.of(sum.substring(0, end)) : Optional.empty();
  }

  /** The first line of a regular file (no link), or empty. */
  private static Optional<String> firstLine(Path file) {
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int end = text.indexOf('\n');
      return end > 0 ? Optional.of(text.substring(0, end)) : Optional.empty();
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
  }

  /**
   * Warnings for the described services whose database kit generated in their folder but no longer
   * plans ({@code planned} lacks the manifest): their provider changed, or they use an existing
   * database now. The generation deletes the manifest, but Argo CD never deletes the CNPG Cluster
   * or PlanetScale Workspace ({@code Prune=false,Delete=false}), which keeps running with its data.
   * The services {@code unchanged} names (the generation cache's) are not asked.
   */
  static List<String> databasesLeft(
      RepositoryRoot repository, Kit kit, Set<String> planned, Set<String> unchanged) {
    List<String> warnings = new ArrayList<>();
    for (Service service : kit.services()) {
      String name = service.name();
      if (!RepositoryLayout.isServiceFolder(name) || unchanged.contains(name)) {
        continue; // validation refuses a name that is no folder; a cached one did not move
      }
      if (kit.environments().isEmpty()) {
        databaseLeft(
            repository,
            "services[" + name + "]",
            RepositoryLayout.service(name),
            planned,
            warnings);
      }
      for (Environment environment : kit.environments()) {
        String env = environment.name();
        if (service.existsIn(env) && RepositoryLayout.isServiceFolder(env)) {
          databaseLeft(
              repository,
              "environments[" + env + "].services[" + name + "]",
              RepositoryLayout.service(name, env),
              planned,
              warnings);
        }
      }
    }
    return warnings;
  }

  private static void databaseLeft(
      RepositoryRoot repository,
      String path,
      ServiceLayout layout,
      Set<String> planned,
      List<String> warnings) {
    for (String file : List.of(CLUSTER, WORKSPACE)) {
      String manifest = layout.deployedFile(file);
      // java.io's stat first where it can: each service asks for one it does not plan, mostly
      // missing, and a cold JVM pays far less for it than for NIO's (PROFILE.md section 14).
      if (planned.contains(manifest)
          || (repository.path().getFileSystem() == FileSystems.getDefault()
              && !new File(repository.path().toFile(), manifest).exists())) {
        continue;
      }
      Optional<JsonNode> left = manifest(repository.path().resolve(manifest));
      if (left.isEmpty()) {
        continue;
      }
      JsonNode metadata = left.get().path("metadata");
      warnings.add(
          path
              + ".database: kit no longer generates "
              + (file.equals(CLUSTER) ? "CNPG Cluster " : "PlanetScale Workspace ")
              + metadata.path("name").asString("")
              + " in namespace "
              + metadata.path("namespace").asString("")
              + ", so it deleted "
              + manifest
              + ", but Argo CD never deletes the "
              + (file.equals(CLUSTER) ? "Cluster" : "Workspace, nor the branch it applied")
              + " (Prune=false,Delete=false): it keeps running with its data, which the database the"
              + " description names now does not have; copy the data over first if it matters"
              + " (README, \"Moving a service from CloudNativePG to PlanetScale\"), then delete it"
              + " by hand once nothing uses it");
    }
  }

  /**
   * {@code RETIRED.md} in {@code deployed} (a service's folder, or one environment's), written now
   * or kept.
   *
   * @param still the service as described, or null when it left the description
   * @param moved whether {@code deployed} is the service's own folder, which the description's new
   *     environments left behind
   * @return whether it retires a database now (with a warning)
   */
  private static boolean retire(
      FilePlan.Builder plan,
      Map<String, Set<String>> namespaces,
      Kit kit,
      String source,
      String service,
      Path deployed,
      ServiceLayout layout,
      Optional<String> environment,
      boolean described,
      @Nullable Service still,
      boolean moved) {
    String path = layout.deployedFile(ServiceLayout.RETIRED);
    Optional<byte[]> generated = generated(deployed.resolve(ServiceLayout.RETIRED));
    boolean theirs =
        generated.isEmpty()
            && Files.exists(deployed.resolve(ServiceLayout.RETIRED), LinkOption.NOFOLLOW_LINKS);
    // One written when the service left the description is stale once it is back, with
    // environments: one of them may run that database now.
    Optional<byte[]> kept =
        moved && generated.isPresent() && !EnvironmentChanges.isMoved(service, generated.get())
            ? Optional.empty()
            : generated;
    LeftBehind left = LeftBehind.read(deployed);
    Optional<RetiredServiceRenderer.Moved> movedHow = Optional.empty();
    // Where the environments changed (added, or this folder's gone), another deployment of the
    // service may run this very database now. A service that only left an environment (onlyIn)
    // has no other deployment of it: validation keeps environments on one cluster apart.
    Optional<RetiredServiceRenderer.MaybeHeir> maybeHeir = Optional.empty();
    if (still != null && (moved || !kit.environment(environment.orElse("")).isPresent())) {
      Optional<String> gone = moved ? Optional.empty() : environment;
      EnvironmentChanges.Heir heir =
          EnvironmentChanges.heir(
              kit, still, left, gone, RetiredServiceRenderer.left(service, environment, moved));
      EnvironmentChanges.sharedArchives(kit, still, left, gone, heir, plan);
      if (heir.adopted().isPresent()) {
        plan.warn(heir.adopted().get());
        return false; // another Application manages the database now: nothing to retire
      }
      maybeHeir = heir.maybe();
      if (moved && heir.deleteOld().isPresent()) {
        movedHow = Optional.of(new RetiredServiceRenderer.Moved(heir.deleteOld().get()));
      }
    } else if (still == null) {
      Optional<String> adopted =
          EnvironmentChanges.adoptedByAnother(kit, service, left, environment);
      if (adopted.isPresent()) {
        plan.warn(adopted.get());
        return false; // another service's Application manages the database now
      }
    }
    Optional<RetiredServiceRenderer.Retired> retired =
        retired(kit, service, left, layout, environment, described, movedHow, maybeHeir);
    Optional<RetiredWorkspaceRenderer.Retired> workspace =
        retired.isPresent()
            ? Optional.empty()
            : retiredWorkspace(
                kit, service, left, layout, environment, described, movedHow, maybeHeir);
    if (retired.isPresent()) {
      if (!theirs) {
        plan.add(
            path,
            RetiredServiceRenderer.render(source, retired.get()).getBytes(StandardCharsets.UTF_8));
      }
      plan.warn(RetiredServiceRenderer.warning(retired.get(), !theirs));
    } else if (workspace.isPresent()) {
      if (!theirs) {
        plan.add(
            path,
            RetiredWorkspaceRenderer.render(source, workspace.get())
                .getBytes(StandardCharsets.UTF_8));
      }
      plan.warn(RetiredWorkspaceRenderer.warning(workspace.get(), !theirs));
    } else if (kept.isPresent()) {
      plan.add(path, kept.get()); // retired by an earlier generation: as it was written then
    }
    // Ifs, not Optional's lambdas: this runs once per generation, cold (PROFILE.md, section 16.3).
    Optional<String> namespace = Optional.empty();
    if (retired.isPresent()) {
      namespace = Optional.of(retired.get().namespace());
    } else if (workspace.isPresent()) {
      namespace = Optional.of(workspace.get().namespace());
    } else if (kept.isPresent()) {
      namespace =
          RetiredServiceRenderer.namespaceIn(new String(kept.get(), StandardCharsets.UTF_8));
    }
    // A moved database's namespace was the AppProject's from before the environments, which kit
    // no longer writes.
    if (!moved && namespace.isPresent() && !namespace.get().isEmpty()) {
      String key = environment.isPresent() ? environment.get() : "";
      Set<String> there = namespaces.get(key);
      if (there == null) {
        there = new TreeSet<>();
        namespaces.put(key, there);
      }
      there.add(namespace.get());
    }
    return retired.isPresent() || workspace.isPresent();
  }

  /**
   * Warns, once, about the team's own manifests beside those of a service that leaves the
   * description (or an environment): they are no longer deployed once its Application goes, and the
   * last step of its {@code RETIRED.md}, deleting the folder, deletes them too.
   */
  private static void strandedByRetirement(
      FilePlan.Builder plan, String service, Path deployed, ServiceLayout layout) {
    List<String> theirs = theirs(deployed.resolve(ServiceLayout.MANIFESTS));
    if (theirs.isEmpty()) {
      return;
    }
    String manifests = layout.deployedFile(ServiceLayout.MANIFESTS) + "/";
    plan.warn(
        "services["
            + service
            + "]: your "
            + (theirs.size() == 1 ? "manifest" : "manifests")
            + " in "
            + manifests
            + " ("
            + String.join(", ", theirs)
            + (theirs.size() == 1
                ? ") goes with the Application that syncs it"
                : ") go with the Application that syncs them")
            + ", and deleting "
            + layout.deployed()
            + "/, the last step of its RETIRED.md, deletes "
            + (theirs.size() == 1 ? "it" : "them")
            + " too: move what you still need first");
  }

  /**
   * The team's files under {@code manifests} (not kit's, a link too), relative and sorted; kit's go
   * with this generation.
   */
  static List<String> theirs(Path manifests) {
    if (!Files.isDirectory(manifests, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<String> theirs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(manifests)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (!Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) && generated(file).isEmpty()) {
          theirs.add(manifests.relativize(file).toString().replace(File.separatorChar, '/'));
        }
      }
    } catch (IOException | UncheckedIOException e) {
      return List.of(); // the generation reads the folder again, and names what it cannot
    }
    theirs.sort(null);
    return theirs;
  }

  /**
   * The names in {@code folder}, sorted. The names a service folder may have are ASCII, so their
   * String order is the byte order NIO's paths sort in.
   */
  static List<String> names(Path folder) {
    String[] names = RepositoryRoot.namesThroughJavaIo(folder);
    if (names != null) {
      Arrays.sort(names);
      return Arrays.asList(names);
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  /** The environment folders under {@code envs} (real folders kit could have written), sorted. */
  private static List<String> environments(Path envs) {
    if (!Files.isDirectory(envs, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(envs)) {
      return entries
          .filter(folder -> Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS))
          .map(folder -> folder.getFileName().toString())
          .filter(RepositoryLayout::isServiceFolder)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + envs, e);
    }
  }

  /**
   * What a retiring folder's generated manifests say, each read once: its CNPG Cluster, or else its
   * PlanetScale Workspace, and, with one of them, its ObjectStore and Application.
   */
  record LeftBehind(
      Optional<JsonNode> cluster,
      Optional<JsonNode> workspace,
      Optional<JsonNode> store,
      Optional<JsonNode> application) {

    /** Reads {@code folder}: two stats where it names no database, as most retired folders. */
    static LeftBehind read(Path folder) {
      Optional<JsonNode> cluster = manifest(folder.resolve(CLUSTER));
      Optional<JsonNode> workspace =
          cluster.isPresent() ? Optional.empty() : manifest(folder.resolve(WORKSPACE));
      if (cluster.isEmpty() && workspace.isEmpty()) {
        return new LeftBehind(cluster, workspace, Optional.empty(), Optional.empty());
      }
      return new LeftBehind(
          cluster,
          workspace,
          cluster.isPresent()
              ? manifest(folder.resolve("manifests/database/objectstore.yaml"))
              : Optional.empty(),
          manifest(folder.resolve(ServiceLayout.APPLICATION)));
    }
  }

  /**
   * What the folder's generated manifests say a retired service left running; empty without a
   * generated Cluster.
   */
  private static Optional<RetiredServiceRenderer.Retired> retired(
      Kit kit,
      String service,
      LeftBehind left,
      ServiceLayout layout,
      Optional<String> environment,
      boolean described,
      Optional<RetiredServiceRenderer.Moved> moved,
      Optional<RetiredServiceRenderer.MaybeHeir> maybeHeir) {
    Optional<JsonNode> cluster = left.cluster();
    if (cluster.isEmpty()) {
      return Optional.empty();
    }
    Optional<JsonNode> store = left.store();
    Optional<JsonNode> application = left.application();
    JsonNode spec = cluster.get().path("spec");
    boolean plugin = false;
    for (JsonNode each : spec.path("plugins")) {
      plugin |= PLUGIN.equals(each.path("name").asString(""));
    }
    JsonNode legacy = spec.path("backup").path("barmanObjectStore");
    Optional<String> method =
        plugin
            ? Optional.of("plugin --plugin-name " + PLUGIN)
            : legacy.isMissingNode() ? Optional.empty() : Optional.of("barmanObjectStore");
    Optional<String> destination =
        store
            .map(s -> s.path("spec").path("configuration").path("destinationPath"))
            .or(() -> Optional.of(legacy.path("destinationPath")))
            .filter(JsonNode::isString)
            .map(JsonNode::asString);
    Optional<String> app = argoApp(kit, service, application, environment);
    Optional<String> applicationSet =
        app.isPresent() ? Optional.empty() : Optional.of(applicationSet(kit, environment));
    JsonNode metadata = cluster.get().path("metadata");
    return Optional.of(
        new RetiredServiceRenderer.Retired(
            service,
            metadata.path("name").asString(""),
            metadata.path("namespace").asString(""),
            spec.path("bootstrap").path("initdb").path("database").asString("app"),
            store
                .map(s -> s.path("metadata").path("name").asString(""))
                .filter(name -> !name.isEmpty()),
            method,
            destination,
            app,
            applicationSet,
            environment,
            described,
            layout.deployed(),
            moved,
            maybeHeir));
  }

  /**
   * What the folder's generated Workspace says a retired PlanetScale service left running; empty
   * without one. Every name comes from the manifest, not from how kit names things today: the
   * module it carries names the branch, the app's Secret and whether the branch is protected.
   */
  private static Optional<RetiredWorkspaceRenderer.Retired> retiredWorkspace(
      Kit kit,
      String service,
      LeftBehind left,
      ServiceLayout layout,
      Optional<String> environment,
      boolean described,
      Optional<RetiredServiceRenderer.Moved> moved,
      Optional<RetiredServiceRenderer.MaybeHeir> maybeHeir) {
    Optional<JsonNode> workspace = left.workspace();
    if (workspace.isEmpty()) {
      return Optional.empty();
    }
    JsonNode metadata = workspace.get().path("metadata");
    String name = metadata.path("name").asString("");
    String namespace = metadata.path("namespace").asString("");
    String externalName =
        metadata.path("annotations").path("crossplane.io/external-name").asString(name);
    JsonNode spec = workspace.get().path("spec");
    String module = spec.path("forProvider").path("module").asString("");
    // The kubernetes backend names the state tfstate-<tofu workspace>-<secret_suffix>: the
    // Workspace's external name, and the ClusterProviderConfig's name, which kit's suffix is.
    String stateSecret =
        "tfstate-"
            + externalName
            + "-"
            + spec.path("providerConfigRef").path("name").asString("planetscale");
    Optional<String> org = hclString(module, PlanetScaleModule.BRANCH_RESOURCE, "organization");
    Optional<String> database = hclString(module, PlanetScaleModule.BRANCH_RESOURCE, "database");
    Optional<String> branch = hclString(module, PlanetScaleModule.BRANCH_RESOURCE, "name");
    Optional<JsonNode> application = left.application();
    Optional<String> app = argoApp(kit, service, application, environment);
    return Optional.of(
        new RetiredWorkspaceRenderer.Retired(
            service,
            name,
            namespace,
            externalName,
            stateSecret,
            spec.path("writeConnectionSecretToRef").path("name").asString(name),
            hclString(module, "kubernetes_secret_v1", "name"),
            org.isPresent() && database.isPresent() && branch.isPresent()
                ? Optional.of(org.get() + "/" + database.get() + "/" + branch.get())
                : Optional.empty(),
            module.contains("prevent_destroy = true")
                || module.contains("deletion_protected = true"),
            module.contains("deletion_protected = true"),
            module.contains(PlanetScaleModule.IMPORT_OPENING),
            app,
            app.isPresent() ? Optional.empty() : Optional.of(applicationSet(kit, environment)),
            environment,
            described,
            layout.deployed(),
            moved,
            maybeHeir));
  }

  /**
   * The first {@code attribute = "value"} in the first {@code resource "<type>"} block of kit's
   * module, which writes one attribute a line; empty when there is none.
   */
  private static Optional<String> hclString(String module, String type, String attribute) {
    int block = module.indexOf("resource \"" + type + "\"");
    if (block < 0) {
      return Optional.empty();
    }
    for (String line : module.substring(block).split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith(attribute + " ") || trimmed.startsWith(attribute + "=")) {
        String value = trimmed.substring(attribute.length()).strip();
        if (value.startsWith("=")) {
          value = value.substring(1).strip();
          return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
              ? Optional.of(value.substring(1, value.length() - 1))
              : Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The Application as {@code argocd app} names it: the generated one's, or the one kit's delivery
   * names per service; empty when an ApplicationSet generates it.
   */
  private static Optional<String> argoApp(
      Kit kit, String service, Optional<JsonNode> application, Optional<String> environment) {
    if (application.isEmpty()
        && kit.repository().argoCd().delivery() == ArgoCd.Delivery.APPLICATION_SET) {
      return Optional.empty();
    }
    return Optional.of(applicationName(kit, service, application, environment));
  }

  /**
   * The service's Application as {@code argocd app} names it, whoever makes it: the generated
   * one's, or the name kit gives it (an ApplicationSet's too).
   */
  static String applicationName(
      Kit kit, String service, Optional<JsonNode> application, Optional<String> environment) {
    ArgoCd argo = kit.repository().argoCd();
    // Argo CD objects of an environment carry its name: orders-prod, shop-services-prod.
    String suffix = environment.isPresent() ? "-" + environment.get() : "";
    if (application.isPresent()) {
      JsonNode metadata = application.get().path("metadata");
      return argoApp(
          metadata.path("namespace").asString(argo.namespace()),
          metadata.path("name").asString(service + suffix));
    }
    return argoApp(argo.namespace(), service + suffix);
  }

  /** The ApplicationSet that generates a service's Application. */
  static String applicationSet(Kit kit, Optional<String> environment) {
    return kit.repository().name() + "-services" + environment.map(env -> "-" + env).orElse("");
  }

  /**
   * How the {@code argocd} CLI names an Application: bare in its control-plane namespace, else
   * {@code namespace/name}.
   */
  static String argoApp(String namespace, String name) {
    return "argocd".equals(namespace) ? name : namespace + "/" + name;
  }

  /** A manifest kit generated, parsed; empty when the file is missing, not kit's, or not YAML. */
  static Optional<JsonNode> manifest(Path file) {
    // No lambda: every generation asks for each service's database (PROFILE.md, section 16.3).
    Optional<byte[]> bytes = generated(file);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ReadYaml.MAPPER.readTree(bytes.get()));
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  /** The bytes of a regular file (no link) that carries kit's header; empty otherwise. */
  static Optional<byte[]> generated(Path file) {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile()) {
        return Optional.empty();
      }
      byte[] bytes = Files.readAllBytes(file);
      return GeneratedHeader.isPresent(bytes) ? Optional.of(bytes) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
