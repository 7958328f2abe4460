package dev.kit;

import dev.kit.layout.RepositoryLayout;
import dev.kit.layout.ServiceLayout;
import dev.kit.model.ArgoCd;
import dev.kit.model.Backups;
import dev.kit.model.DatabaseHost;
import dev.kit.model.Environment;
import dev.kit.model.Kit;
import dev.kit.model.PlanetScale;
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
import tools.jackson.dataformat.yaml.YAMLMapper;

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

  private static final String PLUGIN = "barman-cloud.cloudnative-pg.io";

  /** Where a service's folder holds its CNPG Cluster. */
  private static final String CLUSTER = "manifests/database/cluster.yaml";

  /** Where a service's folder holds its PlanetScale Workspace. */
  private static final String WORKSPACE = "manifests/database/workspace.yaml";

  /** Where a service's folder holds its migrations' {@code atlas.sum}. */
  private static final String SUM = "migrations/atlas.sum";

  /**
   * Built on first use: only a retired service's manifests are read, and building it loads hundreds
   * of classes.
   */
  private static final class Yaml {
    private static final YAMLMapper MAPPER = YAMLMapper.builder().build();
  }

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
    if (!environments.isEmpty()) {
      previousPlatform(repository, kit, plan);
    }
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
          && (environments.isEmpty() || !leftBehind(new File(services.toFile(), service)))) {
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
            null)) {
          leaving.putIfAbsent(service, folder);
          strandedByRetirement(plan, service, folder, RepositoryLayout.service(service));
        }
      } else if (!environments.isEmpty() && (!onDisk || leftBehind(folder.toFile()))) {
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
            still);
        stranded(plan, service, folder);
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
              null)) {
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
   * @param moved the described service whose own folder's database the description's environments
   *     left behind, or null
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
      @Nullable Service moved) {
    String path = layout.deployedFile(ServiceLayout.RETIRED);
    Optional<byte[]> generated = generated(deployed.resolve(ServiceLayout.RETIRED));
    boolean theirs =
        generated.isEmpty()
            && Files.exists(deployed.resolve(ServiceLayout.RETIRED), LinkOption.NOFOLLOW_LINKS);
    // One written when the service left the description is stale once it is back, with
    // environments: one of them may run that database now.
    Optional<byte[]> kept =
        moved != null && generated.isPresent() && !isMoved(service, generated.get())
            ? Optional.empty()
            : generated;
    Optional<RetiredServiceRenderer.Moved> movedHow = Optional.empty();
    if (moved != null) {
      Heir heir = heir(kit, moved, deployed);
      sharedArchives(kit, moved, deployed, heir, plan);
      if (heir.adopted().isPresent()) {
        plan.warn(heir.adopted().get());
        return false; // the environment's Application manages the database now: nothing to retire
      }
      movedHow =
          Optional.of(
              new RetiredServiceRenderer.Moved(
                  kit.repository().argoCd().namespace(), heir.maybe()));
    }
    Optional<RetiredServiceRenderer.Retired> retired =
        retired(kit, service, deployed, layout, environment, described, movedHow);
    Optional<RetiredWorkspaceRenderer.Retired> workspace =
        retired.isPresent()
            ? Optional.empty()
            : retiredWorkspace(kit, service, deployed, layout, environment, described, movedHow);
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
    if (moved == null && namespace.isPresent() && !namespace.get().isEmpty()) {
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
   * Whether a service's own folder holds what kit generated there without environments (its
   * database's manifest, the team's manifests beside them) or the {@code RETIRED.md} it wrote for
   * it; java.io's stats, as {@link #plan} asks for every described service.
   */
  private static boolean leftBehind(File folder) {
    return new File(folder, ServiceLayout.MANIFESTS).exists()
        || new File(folder, ServiceLayout.RETIRED).exists();
  }

  /**
   * Warns about the team's own manifests left in a service's own {@code manifests/} once the
   * description has environments: no Application kit generates syncs that folder any more (each
   * environment's syncs {@code envs/<environment>/manifests/}), so they are no longer deployed.
   */
  private static void stranded(FilePlan.Builder plan, String service, Path folder) {
    List<String> theirs = theirs(folder.resolve(ServiceLayout.MANIFESTS));
    if (theirs.isEmpty()) {
      return;
    }
    plan.warn(
        "services["
            + service
            + "]: no Application syncs services/"
            + service
            + "/manifests/ now that the description has environments, so your "
            + (theirs.size() == 1 ? "manifest there is" : "manifests there are")
            + " no longer deployed: "
            + String.join(", ", theirs)
            + "; move "
            + (theirs.size() == 1 ? "it" : "them")
            + " to each environment's services/"
            + service
            + "/envs/<environment>/manifests/app/");
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
  private static List<String> theirs(Path manifests) {
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

  /** Whether a {@code RETIRED.md} kit wrote is the one for a database environments left behind. */
  private static boolean isMoved(String service, byte[] retired) {
    return new String(retired, StandardCharsets.UTF_8)
        .contains("\n# Retired: " + service + RetiredServiceRenderer.WITHOUT_ENVIRONMENTS + "\n");
  }

  /**
   * Which environment runs the database a service's own folder named, now that the description has
   * environments.
   *
   * @param adoptedBy an environment that deploys the same object (kind, name and namespace) to the
   *     same cluster, whose Application manages it now
   * @param adopted the warning for it
   * @param maybe an environment that deploys the same object to a cluster Argo CD names the other
   *     way (a name against a server URL), so kit cannot tell
   */
  private record Heir(
      Optional<String> adoptedBy, Optional<String> adopted, Optional<String> maybe) {
    static final Heir NONE = new Heir(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * The heir of the database {@code folder}'s manifest names: an environment of {@code service}
   * whose Application deploys an object of the same kind, name and namespace to the cluster the
   * folder's Application deployed to (its {@code application.yaml}'s destination; the repository's
   * without one, as an ApplicationSet's template has it). Clusters compare as Argo CD names them, a
   * name never with a URL, as validation does.
   */
  private static Heir heir(Kit kit, Service service, Path folder) {
    boolean cnpg = true;
    Optional<JsonNode> object = manifest(folder.resolve(CLUSTER));
    if (object.isEmpty()) {
      cnpg = false;
      object = manifest(folder.resolve(WORKSPACE));
    }
    if (object.isEmpty()) {
      return Heir.NONE;
    }
    String name = object.get().path("metadata").path("name").asString("");
    String namespace = object.get().path("metadata").path("namespace").asString("");
    ArgoCd argo = kit.repository().argoCd();
    Optional<JsonNode> application = manifest(folder.resolve(ServiceLayout.APPLICATION));
    String was = "server " + argo.destinationServer();
    String app = argoApp(argo.namespace(), service.name());
    if (application.isPresent()) {
      JsonNode destination = application.get().path("spec").path("destination");
      was =
          destination.path("name").isString()
              ? "name " + destination.path("name").asString()
              : "server " + destination.path("server").asString(argo.destinationServer());
      JsonNode metadata = application.get().path("metadata");
      app =
          argoApp(
              metadata.path("namespace").asString(argo.namespace()),
              metadata.path("name").asString(service.name()));
    }
    Optional<String> maybe = Optional.empty();
    for (Environment environment : kit.environments()) {
      String env = environment.name();
      if (!service.existsIn(env)) {
        continue;
      }
      Service there = service.in(env);
      DatabaseHost host = there.database().host();
      boolean same =
          cnpg
              ? host instanceof DatabaseHost.CloudNativePg && there.clusterName().equals(name)
              : host instanceof PlanetScale
                  && PlanetScaleModule.workspaceName(service.name()).equals(name);
      if (!same || !environment.namespace(there.namespace()).equals(namespace)) {
        continue;
      }
      String is =
          environment.destinationName().isPresent()
              ? "name " + environment.destinationName().get()
              : "server " + environment.destinationServer().orElse(argo.destinationServer());
      if (is.equals(was)) {
        return new Heir(
            Optional.of(env),
            Optional.of(adopted(kit, service.name(), env, cnpg, name, namespace, app, application)),
            Optional.empty());
      }
      if (maybe.isEmpty() && is.startsWith("name ") != was.startsWith("name ")) {
        maybe = Optional.of(env); // a name and a URL: kit cannot tell
      }
    }
    return new Heir(Optional.empty(), Optional.empty(), maybe);
  }

  /**
   * Warns about each environment whose Cluster would archive WAL where the Cluster of {@code
   * folder}'s manifest, from before the environments, archived: Barman Cloud joins the path and the
   * server name (the cluster's, as kit sets none) and refuses to archive a second cluster into a
   * folder one filled, even once that cluster is gone. Validation compares the environments' own
   * archives; only the disk has the one from before. The heir archives there as the same cluster.
   */
  private static void sharedArchives(
      Kit kit, Service service, Path folder, Heir heir, FilePlan.Builder plan) {
    Optional<JsonNode> cluster = manifest(folder.resolve(CLUSTER));
    if (cluster.isEmpty()) {
      return;
    }
    JsonNode metadata = cluster.get().path("metadata");
    JsonNode legacy = cluster.get().path("spec").path("backup").path("barmanObjectStore");
    JsonNode configuration = legacy;
    String serverName = legacy.path("serverName").asString("");
    if (legacy.isMissingNode()) {
      Optional<JsonNode> store = manifest(folder.resolve("manifests/database/objectstore.yaml"));
      if (store.isEmpty()) {
        return;
      }
      configuration = store.get().path("spec").path("configuration");
      for (JsonNode plugin : cluster.get().path("spec").path("plugins")) {
        if (PLUGIN.equals(plugin.path("name").asString(""))) {
          serverName = plugin.path("parameters").path("serverName").asString("");
        }
      }
    }
    if (serverName.isEmpty()) {
      serverName = metadata.path("name").asString("");
    }
    String path = configuration.path("destinationPath").asString("");
    String endpoint = configuration.path("endpointURL").asString("");
    for (Environment environment : kit.environments()) {
      String env = environment.name();
      if (!service.existsIn(env) || heir.adoptedBy().equals(Optional.of(env))) {
        continue;
      }
      Service there = service.in(env);
      if (!(there.database().host() instanceof DatabaseHost.CloudNativePg)
          || there.database().backups().isEmpty()) {
        continue;
      }
      Backups backups = there.database().backups().get();
      if (!withoutTrailingSlashes(backups.destinationPath()).equals(withoutTrailingSlashes(path))
          || !backups.endpointUrl().orElse("").equals(endpoint)
          || !there.clusterName().equals(serverName)) {
        continue;
      }
      String base = withoutTrailingSlashes(backups.destinationPath()) + "/";
      plan.warn(
          "environments["
              + env
              + "].services["
              + service.name()
              + "].database.backups.destinationPath: "
              + backups.destinationPath()
              + " with server name "
              + serverName
              + " is where CNPG Cluster "
              + metadata.path("name").asString("")
              + " in namespace "
              + metadata.path("namespace").asString("")
              + ", from before the environments, archives WAL; Barman Cloud refuses to archive a"
              + " second cluster into it, even once that one is gone, so "
              + (heir.maybe().equals(Optional.of(env))
                  ? "unless environment " + env + "'s cluster is the one it runs on, "
                  : "")
              + "give environment "
              + env
              + " a path of its own: .in(\""
              + env
              + "\", s -> s.database(db -> db.backups(b -> b.destinationPath(\""
              + base
              + env
              + "/\"))))");
    }
  }

  private static String withoutTrailingSlashes(String path) {
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(0, end);
  }

  /**
   * The warning for a service's own database that an environment's Application manages now: the
   * Application from before must go without its objects, or its prune, and a cascading delete,
   * would remove what the environment's syncs now.
   */
  private static String adopted(
      Kit kit,
      String service,
      String environment,
      boolean cnpg,
      String name,
      String namespace,
      String app,
      Optional<JsonNode> application) {
    ArgoCd argo = kit.repository().argoCd();
    String delete = "argocd app delete " + app + " --cascade=false";
    if (application.isEmpty() && argo.delivery() == ArgoCd.Delivery.APPLICATION_SET) {
      String set = applicationSet(kit, Optional.empty());
      delete =
          "kubectl -n "
              + argo.namespace()
              + " delete applicationsets.argoproj.io "
              + set
              + " --cascade=orphan` (once for all its services: a plain delete deletes every"
              + " Application it made, with its objects), then `"
              + delete;
    }
    return "services["
        + service
        + "]: now runs per environment, so kit deleted the manifests it generated in services/"
        + service
        + "/ without environments; environment "
        + environment
        + " deploys the same "
        + (cnpg ? "CNPG Cluster " : "Crossplane Workspace ")
        + name
        + " in namespace "
        + namespace
        + " to the same cluster, so its Application "
        + argoApp(argo.namespace(), service + "-" + environment)
        + " manages it now. Before merging, delete the Application from before without its"
        + " objects, `"
        + delete
        + "`: its prune, or a cascading delete, would remove objects the environment's Application"
        + " syncs now";
  }

  /**
   * Warns, with environments, about what was applied from kit's platform files from before them,
   * {@code platform/*.yaml}, which this generation deletes (each environment has its own folder):
   * it all stays in Argo CD. The root Application applied from {@code platform/root.yaml} keeps
   * following the repository, and its {@code platform/*.yaml} matches every environment's platform
   * files too, as Argo CD's directory globs let {@code *} cross {@code /}; the operators'
   * Applications, an ApplicationSet and the AppProject stay unmanaged.
   */
  private static void previousPlatform(RepositoryRoot repository, Kit kit, FilePlan.Builder plan) {
    Path platform = repository.path().resolve(RepositoryLayout.PLATFORM);
    if (!Files.isDirectory(platform, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    ArgoCd argo = kit.repository().argoCd();
    Optional<JsonNode> root = Optional.empty();
    List<String> applications = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (String file : names(platform)) {
      if (!file.endsWith(".yaml")) {
        continue; // an environment's folder, mostly: every generation with environments lists
      }
      Optional<JsonNode> synced = manifest(platform.resolve(file));
      if (synced.isEmpty()) {
        continue;
      }
      String kind = synced.get().path("kind").asString("");
      String named = synced.get().path("metadata").path("name").asString("");
      if (file.equals("root.yaml") && kind.equals("Application")) {
        root = synced;
      } else if (kind.equals("Application")) {
        applications.add(named);
      } else if (kind.equals("ApplicationSet")) {
        others.add(
            "ApplicationSet "
                + named
                + " (`kubectl -n "
                + argo.namespace()
                + " delete applicationsets.argoproj.io "
                + named
                + " --cascade=orphan`, which leaves the services' Applications as their"
                + " RETIRED.md says)");
      } else if (kind.equals("AppProject")) {
        others.add(
            "AppProject " + named + " (`argocd proj delete " + named + "` once it is empty)");
      }
    }
    if (root.isEmpty() && applications.isEmpty() && others.isEmpty()) {
      return;
    }
    StringBuilder warning = new StringBuilder("environments: ");
    String include = "";
    if (root.isPresent()) {
      JsonNode metadata = root.get().path("metadata");
      String name =
          argoApp(
              metadata.path("namespace").asString(argo.namespace()),
              metadata.path("name").asString(""));
      include =
          root.get().path("spec").path("source").path("directory").path("include").asString("");
      warning.append(
          "kit deleted platform/root.yaml, the root from before the environments, but root"
              + " Application ");
      warning.append(name).append(" that was applied from it stays in Argo CD, following ");
      warning.append(
          root.get().path("spec").path("source").path("targetRevision").asString("the repository"));
      if (include.contains(RepositoryLayout.platformFile("*.yaml"))) {
        warning.append(
            ", and its include platform/*.yaml matches each environment's platform/<environment>/"
                + " files too (Argo CD's directory globs let * cross /), argocd-cm.yaml and the"
                + " Crossplane provider's folder among them: it would sync them into Argo CD's own"
                + " cluster");
      }
      warning
          .append(". Before merging, delete it without its objects, `argocd app delete ")
          .append(name)
          .append(" --cascade=false`, then apply each environment's root with its Argo CD,")
          .append(" `kubectl apply -f platform/<environment>/root.yaml`.");
    } else {
      warning.append(
          "kit deleted the platform's files from before the environments, platform/*.yaml (each"
              + " environment has its own folder now), but what was applied from them stays in"
              + " Argo CD.");
    }
    if (!applications.isEmpty() || !others.isEmpty()) {
      warning.append(root.isPresent() ? " What it synced stays, unmanaged: " : " Unmanaged now: ");
      if (!applications.isEmpty()) {
        warning
            .append("Application")
            .append(applications.size() == 1 ? " " : "s ")
            .append(String.join(", ", applications))
            .append(
                " (delete each without its objects, `argocd app delete <name> --cascade=false`,"
                    + " once an environment's installs the same on that cluster)");
        if (!others.isEmpty()) {
          warning.append("; ");
        }
      }
      warning.append(String.join("; ", others));
      if (include.contains(RepositoryLayout.SERVICES + "/")) {
        warning.append(
            "; and the services' Applications from before: delete each as the service's"
                + " RETIRED.md says, or without its objects where an environment's Application"
                + " runs the service on the same cluster now");
      }
      warning.append('.');
    }
    plan.warn(warning.toString());
  }

  /**
   * The names in {@code folder}, sorted. The names a service folder may have are ASCII, so their
   * String order is the byte order NIO's paths sort in.
   */
  private static List<String> names(Path folder) {
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
   * What the folder's generated manifests say a retired service left running; empty without a
   * generated Cluster.
   */
  private static Optional<RetiredServiceRenderer.Retired> retired(
      Kit kit,
      String service,
      Path folder,
      ServiceLayout layout,
      Optional<String> environment,
      boolean described,
      Optional<RetiredServiceRenderer.Moved> moved) {
    Optional<JsonNode> cluster = manifest(folder.resolve(CLUSTER));
    if (cluster.isEmpty()) {
      return Optional.empty();
    }
    Optional<JsonNode> store = manifest(folder.resolve("manifests/database/objectstore.yaml"));
    Optional<JsonNode> application = manifest(folder.resolve(ServiceLayout.APPLICATION));
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
            moved));
  }

  /**
   * What the folder's generated Workspace says a retired PlanetScale service left running; empty
   * without one. Every name comes from the manifest, not from how kit names things today: the
   * module it carries names the branch, the app's Secret and whether the branch is protected.
   */
  private static Optional<RetiredWorkspaceRenderer.Retired> retiredWorkspace(
      Kit kit,
      String service,
      Path folder,
      ServiceLayout layout,
      Optional<String> environment,
      boolean described,
      Optional<RetiredServiceRenderer.Moved> moved) {
    Optional<JsonNode> workspace = manifest(folder.resolve(WORKSPACE));
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
    Optional<JsonNode> application = manifest(folder.resolve(ServiceLayout.APPLICATION));
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
            moved));
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
    ArgoCd argo = kit.repository().argoCd();
    // Argo CD objects of an environment carry its name: orders-prod, shop-services-prod.
    String suffix = environment.map(env -> "-" + env).orElse("");
    if (application.isPresent()) {
      JsonNode metadata = application.get().path("metadata");
      return Optional.of(
          argoApp(
              metadata.path("namespace").asString(argo.namespace()),
              metadata.path("name").asString(service + suffix)));
    }
    if (argo.delivery() == ArgoCd.Delivery.APPLICATION_SET) {
      return Optional.empty();
    }
    return Optional.of(argoApp(argo.namespace(), service + suffix));
  }

  /** The ApplicationSet that generates a service's Application. */
  private static String applicationSet(Kit kit, Optional<String> environment) {
    return kit.repository().name() + "-services" + environment.map(env -> "-" + env).orElse("");
  }

  /**
   * How the {@code argocd} CLI names an Application: bare in its control-plane namespace, else
   * {@code namespace/name}.
   */
  private static String argoApp(String namespace, String name) {
    return "argocd".equals(namespace) ? name : namespace + "/" + name;
  }

  /** A manifest kit generated, parsed; empty when the file is missing, not kit's, or not YAML. */
  private static Optional<JsonNode> manifest(Path file) {
    // No lambda: every generation asks for each service's database (PROFILE.md, section 16.3).
    Optional<byte[]> bytes = generated(file);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Yaml.MAPPER.readTree(bytes.get()));
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  /** The bytes of a regular file (no link) that carries kit's header; empty otherwise. */
  private static Optional<byte[]> generated(Path file) {
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
