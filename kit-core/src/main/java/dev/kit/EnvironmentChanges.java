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
import dev.kit.plan.RepositoryRoot;
import dev.kit.provider.planetscale.PlanetScaleModule;
import dev.kit.render.RetiredServiceRenderer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What a change of the description's environments leaves of the layout before, which {@link
 * RetiredServices} retires. Environments added: what kit generated in {@code services/<service>/}
 * moves into {@code envs/<environment>/}, but the database those manifests named keeps running, the
 * team's own manifests there are no longer synced, and what was applied from {@code
 * platform/*.yaml}, the root above all, stays in Argo CD. Environments removed or renamed: an
 * environment's folder goes the same way. Either way another deployment of the service (an
 * environment, or its own folder) may deploy the very same database to the same cluster, whose
 * Application manages it now, so it is not retired; and a Cluster may archive into the folder of
 * one left behind.
 */
final class EnvironmentChanges {

  /** The file every environment's platform folder holds, kit's Argo CD health checks. */
  private static final String ARGOCD_CM = "argocd-cm.yaml";

  private EnvironmentChanges() {}

  /**
   * Whether a service's own folder holds what kit generated there without environments (its
   * database's manifest, the team's manifests beside them) or the {@code RETIRED.md} it wrote for
   * it; java.io's stats, as {@link RetiredServices#plan} asks for every described service.
   */
  static boolean leftBehind(File folder) {
    return new File(folder, ServiceLayout.MANIFESTS).exists()
        || new File(folder, ServiceLayout.RETIRED).exists();
  }

  /**
   * Warns about the team's own manifests left in a service's own {@code manifests/} once the
   * description has environments: no Application kit generates syncs that folder any more (each
   * environment's syncs {@code envs/<environment>/manifests/}), so they are no longer deployed.
   */
  static void stranded(FilePlan.Builder plan, String service, Path folder) {
    List<String> theirs = RetiredServices.theirs(folder.resolve(ServiceLayout.MANIFESTS));
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

  /** Whether a {@code RETIRED.md} kit wrote is the one for a database environments left behind. */
  static boolean isMoved(String service, byte[] retired) {
    return new String(retired, StandardCharsets.UTF_8)
        .contains("\n# Retired: " + service + RetiredServiceRenderer.WITHOUT_ENVIRONMENTS + "\n");
  }

  /**
   * Where the description deploys the service's database now, one of the places that may run the
   * one a retiring folder's manifest named.
   *
   * @param who how a warning names it: {@code environment prod}, or {@code services/orders/ (no
   *     environments)}
   * @param whoMarkdown how {@code RETIRED.md} names it, first in a sentence
   * @param environment the environment, or empty for the service's own folder
   * @param service the service as it is there
   * @param destination its cluster as Argo CD names it: {@code name prod-eu} or {@code server
   *     https://...}
   * @param namespace its namespace there
   * @param app its Application as {@code argocd app} names it
   */
  private record Deployment(
      String who,
      String whoMarkdown,
      Optional<String> environment,
      Service service,
      String destination,
      String namespace,
      String app) {}

  /**
   * Which deployment of the description runs, now, the database a retiring folder's manifest named.
   *
   * @param adoptedBy the deployment that deploys the same object (kind, name and namespace) to the
   *     same cluster, whose Application manages it now
   * @param adopted the warning for it
   * @param maybe a deployment of the same object to a cluster Argo CD names the other way (a name
   *     against a server URL), so kit cannot tell, as {@code RETIRED.md} says it
   * @param deleteOld the commands that delete the Application from before as retiring the database
   *     does (objects with {@code Delete=false} stay); empty when the folder names no database
   */
  record Heir(
      Optional<String> adoptedBy,
      Optional<String> adopted,
      Optional<RetiredServiceRenderer.MaybeHeir> maybe,
      Optional<String> deleteOld) {
    static final Heir NONE =
        new Heir(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * The heir of the database {@code folder}'s manifest names, when the service's environments
   * changed: with {@code gone} empty, the service's own folder from before the environments, and
   * each environment may run it; with {@code gone}, the folder of an environment the description no
   * longer has, and the service's own folder (without environments) or another environment may. One
   * does when it deploys an object of the same kind, name and namespace to the cluster the folder's
   * Application deployed to (its {@code application.yaml}'s destination; the repository's without
   * one, as an ApplicationSet's template has it). Clusters compare as Argo CD names them, a name
   * never with a URL, as validation does.
   *
   * @param left how the warning starts: where the service left and what kit deleted
   */
  static Heir heir(
      Kit kit,
      Service service,
      RetiredServices.LeftBehind folder,
      Optional<String> gone,
      String left) {
    boolean cnpg = folder.cluster().isPresent();
    Optional<JsonNode> object = cnpg ? folder.cluster() : folder.workspace();
    if (object.isEmpty()) {
      return Heir.NONE;
    }
    String name = object.get().path("metadata").path("name").asString("");
    String namespace = object.get().path("metadata").path("namespace").asString("");
    Optional<JsonNode> application = folder.application();
    String was = destination(kit, application);
    Optional<String> deleteOld =
        Optional.of(deleteOld(kit, service.name(), application, gone, false));
    Optional<RetiredServiceRenderer.MaybeHeir> maybe = Optional.empty();
    for (Deployment d : deployments(kit, service, gone.isPresent())) {
      DatabaseHost host = d.service().database().host();
      boolean same =
          cnpg
              ? host instanceof DatabaseHost.CloudNativePg && d.service().clusterName().equals(name)
              : host instanceof PlanetScale
                  && PlanetScaleModule.workspaceName(service.name()).equals(name);
      if (!same || !d.namespace().equals(namespace)) {
        continue;
      }
      if (d.destination().equals(was)) {
        return new Heir(
            Optional.of(d.who()),
            Optional.of(
                adopted(
                    left + "; " + d.who(),
                    (cnpg ? "CNPG Cluster " : "Crossplane Workspace ") + name,
                    namespace,
                    d.app(),
                    deleteOld(kit, service.name(), application, gone, true))),
            Optional.empty(),
            deleteOld);
      }
      if (maybe.isEmpty() && d.destination().startsWith("name ") != was.startsWith("name ")) {
        // A name and a URL: kit cannot tell.
        maybe =
            Optional.of(
                new RetiredServiceRenderer.MaybeHeir(
                    d.whoMarkdown(), deleteOld(kit, service.name(), application, gone, true)));
      }
    }
    return new Heir(Optional.empty(), Optional.empty(), maybe, deleteOld);
  }

  /**
   * The warning, when another service of the description deploys the CNPG Cluster {@code folder}'s
   * manifest named, of {@code service}, which left the description: the same Cluster (name and
   * namespace) to the same cluster, most likely {@code service} renamed with its namespace and
   * Cluster name kept. That service's Application manages the Cluster now, so there is nothing to
   * retire, and the Application from before must go without its objects.
   *
   * @param environment the environment {@code folder} deployed, or empty for the service's own
   */
  static Optional<String> adoptedByAnother(
      Kit kit, String service, RetiredServices.LeftBehind folder, Optional<String> environment) {
    Optional<JsonNode> cluster = folder.cluster();
    if (cluster.isEmpty()) {
      return Optional.empty();
    }
    String name = cluster.get().path("metadata").path("name").asString("");
    String namespace = cluster.get().path("metadata").path("namespace").asString("");
    String was = destination(kit, folder.application());
    for (Service other : kit.services()) {
      for (Deployment d : deployments(kit, other, true)) {
        if (d.service().database().host() instanceof DatabaseHost.CloudNativePg
            && d.service().clusterName().equals(name)
            && d.namespace().equals(namespace)
            && d.destination().equals(was)) {
          return Optional.of(
              adopted(
                  RetiredServiceRenderer.warningStart(service, environment, false, Optional.empty())
                      + "services["
                      + other.name()
                      + "]"
                      + (d.environment().isPresent()
                          ? " in environment " + d.environment().get()
                          : ""),
                  "CNPG Cluster " + name,
                  namespace,
                  d.app(),
                  deleteOld(kit, service, folder.application(), environment, true)));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The warning for a database that another deployment's Application {@code app} manages now, so
   * that nothing retires: {@code who} deploys the same {@code object} (its kind and name) in {@code
   * namespace} to the same cluster, and {@code deleteOld} removes the Application from before
   * without its objects.
   */
  private static String adopted(
      String who, String object, String namespace, String app, String deleteOld) {
    return who
        + " deploys the same "
        + object
        + " in namespace "
        + namespace
        + " to the same cluster, so its Application "
        + app
        + " manages it now and kit wrote no RETIRED.md. Before merging, delete the Application"
        + " from before without its objects, "
        + deleteOld
        + ": its prune, or a cascading delete, would remove objects "
        + app
        + " syncs now";
  }

  /** The cluster an Application from before deployed to, as Argo CD names it. */
  private static String destination(Kit kit, Optional<JsonNode> application) {
    ArgoCd argo = kit.repository().argoCd();
    if (application.isEmpty()) {
      return "server " + argo.destinationServer();
    }
    JsonNode destination = application.get().path("spec").path("destination");
    return destination.path("name").isString()
        ? "name " + destination.path("name").asString()
        : "server " + destination.path("server").asString(argo.destinationServer());
  }

  /**
   * Where the description deploys {@code service} now that may run a database a folder from before
   * the change named: each environment, and without environments its own folder when {@code
   * ownFolder}.
   */
  private static List<Deployment> deployments(Kit kit, Service service, boolean ownFolder) {
    ArgoCd argo = kit.repository().argoCd();
    List<Deployment> deployments = new ArrayList<>();
    if (kit.environments().isEmpty() && ownFolder) {
      deployments.add(
          new Deployment(
              "services/" + service.name() + "/ (no environments)",
              "`services/" + service.name() + "/`, without environments,",
              Optional.empty(),
              service,
              "server " + argo.destinationServer(),
              service.namespace(),
              RetiredServices.argoApp(argo.namespace(), service.name())));
    }
    for (Environment environment : kit.environments()) {
      String env = environment.name();
      if (!service.existsIn(env)) {
        continue;
      }
      Service there = service.in(env);
      deployments.add(
          new Deployment(
              "environment " + env,
              "Environment `" + env + "`",
              Optional.of(env),
              there,
              environment.destinationName().isPresent()
                  ? "name " + environment.destinationName().get()
                  : "server " + environment.destinationServer().orElse(argo.destinationServer()),
              environment.namespace(there.namespace()),
              RetiredServices.argoApp(argo.namespace(), service.name() + "-" + env)));
    }
    return deployments;
  }

  /**
   * The commands (in backticks) that delete the Application from before: with {@code keepObjects}
   * without its objects, else with those but the ones marked {@code Delete=false}. An
   * ApplicationSet's (with no {@code application.yaml}) goes first, leaving its Applications, or it
   * makes the Application again; a plain delete of it would delete each with its objects, through
   * the finalizer the ApplicationSet controller adds.
   */
  private static String deleteOld(
      Kit kit,
      String service,
      Optional<JsonNode> application,
      Optional<String> environment,
      boolean keepObjects) {
    ArgoCd argo = kit.repository().argoCd();
    String delete =
        "`argocd app delete "
            + RetiredServices.applicationName(kit, service, application, environment)
            + (keepObjects ? " --cascade=false`" : "`");
    if (application.isEmpty() && argo.delivery() == ArgoCd.Delivery.APPLICATION_SET) {
      delete =
          "`kubectl -n "
              + argo.namespace()
              + " delete applicationsets.argoproj.io "
              + RetiredServices.applicationSet(kit, environment)
              + " --cascade=orphan` (once for all its services: a plain delete deletes every"
              + " Application it made, with its objects), then "
              + delete;
    }
    return delete;
  }

  /**
   * Warns about each deployment whose Cluster would archive WAL where the Cluster of {@code
   * folder}'s manifest, which stays behind, archived: Barman Cloud joins the path and the server
   * name (the cluster's, as kit sets none) and refuses to archive a second cluster into a folder
   * one filled, even once that cluster is gone. Validation compares the description's own archives;
   * only the disk has the one from before. The heir archives there as the same cluster.
   */
  static void sharedArchives(
      Kit kit,
      Service service,
      RetiredServices.LeftBehind folder,
      Optional<String> gone,
      Heir heir,
      FilePlan.Builder plan) {
    Optional<JsonNode> cluster = folder.cluster();
    if (cluster.isEmpty()) {
      return;
    }
    JsonNode metadata = cluster.get().path("metadata");
    JsonNode legacy = cluster.get().path("spec").path("backup").path("barmanObjectStore");
    JsonNode configuration = legacy;
    String serverName = legacy.path("serverName").asString("");
    if (legacy.isMissingNode()) {
      Optional<JsonNode> store = folder.store();
      if (store.isEmpty()) {
        return;
      }
      configuration = store.get().path("spec").path("configuration");
      for (JsonNode plugin : cluster.get().path("spec").path("plugins")) {
        if (RetiredServices.PLUGIN.equals(plugin.path("name").asString(""))) {
          serverName = plugin.path("parameters").path("serverName").asString("");
        }
      }
    }
    if (serverName.isEmpty()) {
      serverName = metadata.path("name").asString("");
    }
    String path = configuration.path("destinationPath").asString("");
    String endpoint = configuration.path("endpointURL").asString("");
    for (Deployment d : deployments(kit, service, gone.isPresent())) {
      Service there = d.service();
      if (heir.adoptedBy().equals(Optional.of(d.who()))
          || !(there.database().host() instanceof DatabaseHost.CloudNativePg)
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
      boolean maybe = heir.maybe().isPresent() && heir.maybe().get().who().equals(d.whoMarkdown());
      String fix =
          d.environment().isPresent()
              ? "give "
                  + d.who()
                  + " a path of its own: .in(\""
                  + d.environment().get()
                  + "\", s -> s.database(db -> db.backups(b -> b.destinationPath(\""
                  + base
                  + d.environment().get()
                  + "/\"))))"
              : "give the service a path of its own: database(db -> db.backups(b ->"
                  + " b.destinationPath(\""
                  + base
                  + "<folder>/\")))";
      plan.warn(
          (d.environment().isPresent() ? "environments[" + d.environment().get() + "]." : "")
              + "services["
              + service.name()
              + "].database.backups.destinationPath: "
              + backups.destinationPath()
              + " with server name "
              + serverName
              + " is where CNPG Cluster "
              + metadata.path("name").asString("")
              + " in namespace "
              + metadata.path("namespace").asString("")
              + ", which stays behind, archives WAL; Barman Cloud refuses to archive a second"
              + " cluster into it, even once that one is gone, so "
              + (maybe ? "unless " + d.who() + " runs on that same cluster, " : "")
              + fix);
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
   * What was applied by hand, or synced by a root, from one of kit's platform folders, read from
   * the files kit wrote there: the root Application, the operators' Applications, and the rest (an
   * ApplicationSet, the AppProject) with the command that removes each.
   */
  private record Applied(Optional<JsonNode> root, List<String> applications, List<String> others) {

    boolean isEmpty() {
      return root.isEmpty() && applications.isEmpty() && others.isEmpty();
    }

    /** The root's {@code directory.include}, or empty. */
    String include() {
      return root.isEmpty()
          ? ""
          : root.get().path("spec").path("source").path("directory").path("include").asString("");
    }

    /** The root as {@code argocd app} names it. */
    String rootName(ArgoCd argo) {
      JsonNode metadata = root.orElseThrow().path("metadata");
      return RetiredServices.argoApp(
          metadata.path("namespace").asString(argo.namespace()),
          metadata.path("name").asString(""));
    }
  }

  /** What was applied from {@code folder}, whose entries are {@code names}. */
  private static Applied applied(Path folder, List<String> names, ArgoCd argo) {
    Optional<JsonNode> root = Optional.empty();
    List<String> applications = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (String file : names) {
      if (!file.endsWith(".yaml")) {
        continue; // an environment's folder, mostly: every generation with environments lists
      }
      Optional<JsonNode> synced = RetiredServices.manifest(folder.resolve(file));
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
    return new Applied(root, applications, others);
  }

  /**
   * Warns about what was applied from kit's platform files that this generation deletes: with
   * environments, those from before them ({@link #previousPlatform}); and those of each environment
   * that left the description ({@link #removedEnvironments}). {@code platform/} is listed once for
   * both.
   *
   * @param environments the names of the environments the description has now
   */
  static void platformLeftovers(
      RepositoryRoot repository, Kit kit, Set<String> environments, FilePlan.Builder plan) {
    Path platform = repository.path().resolve(RepositoryLayout.PLATFORM);
    if (!Files.isDirectory(platform, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    ArgoCd argo = kit.repository().argoCd();
    List<String> names = RetiredServices.names(platform);
    if (!environments.isEmpty()) {
      previousPlatform(platform, names, argo, plan);
    }
    removedEnvironments(platform, names, environments, argo, plan);
  }

  /**
   * Warns, with environments, about what was applied from kit's platform files from before them,
   * {@code platform/*.yaml}, which this generation deletes (each environment has its own folder):
   * it all stays in Argo CD. The root Application applied from {@code platform/root.yaml} keeps
   * following the repository, and its {@code platform/*.yaml} matches every environment's platform
   * files too, as Argo CD's directory globs let {@code *} cross {@code /}; the operators'
   * Applications, an ApplicationSet and the AppProject stay unmanaged.
   */
  private static void previousPlatform(
      Path platform, List<String> names, ArgoCd argo, FilePlan.Builder plan) {
    Applied applied = applied(platform, names, argo);
    if (applied.isEmpty()) {
      return;
    }
    StringBuilder warning = new StringBuilder("environments: ");
    String include = applied.include();
    if (applied.root().isPresent()) {
      String name = applied.rootName(argo);
      warning.append(
          "kit deleted platform/root.yaml, the root from before the environments, but root"
              + " Application ");
      warning.append(name).append(" that was applied from it stays in Argo CD, following ");
      warning.append(
          applied
              .root()
              .get()
              .path("spec")
              .path("source")
              .path("targetRevision")
              .asString("the repository"));
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
    unmanaged(warning, applied, "an environment's installs the same on that cluster");
    plan.warn(warning.toString());
  }

  /**
   * Warns about each environment that left the description (or every one, when it has none now)
   * whose platform folder, {@code platform/<environment>/}, this generation deletes: what was
   * applied from it stays in the Argo CD that runs that environment. Its root follows the
   * repository still and finds nothing to sync, which it does not prune (kit's roots never prune),
   * so the operators' Applications it synced keep their operators running, unmanaged; a person who
   * syncs it with pruning, or deletes one of them with Argo CD's default cascade, uninstalls an
   * operator, CloudNativePG's CRDs and every Cluster with them.
   */
  private static void removedEnvironments(
      Path platform,
      List<String> names,
      Set<String> environments,
      ArgoCd argo,
      FilePlan.Builder plan) {
    for (String environment : names) {
      // An environment's name has no dot (a DNS label), so a file such as root.yaml is none; its
      // platform folder holds kit's argocd-cm.yaml, which a provider's folder does not.
      if (environment.indexOf('.') >= 0 || environments.contains(environment)) {
        continue;
      }
      Path folder = platform.resolve(environment);
      if (RetiredServices.generated(folder.resolve(ARGOCD_CM)).isEmpty()) {
        continue;
      }
      Applied applied = applied(folder, RetiredServices.names(folder), argo);
      if (applied.isEmpty()) {
        continue;
      }
      String path = RepositoryLayout.platformFolder(environment) + "/";
      StringBuilder warning =
          new StringBuilder("environments[")
              .append(environment)
              .append("]: the environment left the description and kit deleted ")
              .append(path)
              .append(", but what was applied from it stays in the Argo CD that ran it.");
      if (applied.root().isPresent()) {
        String name = applied.rootName(argo);
        warning
            .append(" Its root Application ")
            .append(name)
            .append(" keeps following the repository and finds nothing to sync, without pruning")
            .append(" what it synced before (a sync with pruning would delete the operators'")
            .append(" Applications); delete it without its objects, `argocd app delete ")
            .append(name)
            .append(" --cascade=false`.");
      }
      unmanaged(warning, applied, "you no longer want the operator on that cluster");
      plan.warn(warning.toString());
    }
  }

  /**
   * The end of a platform warning: what a root synced, or what was applied beside it, stays
   * unmanaged, each with the command that removes it.
   *
   * @param when when an operator's Application may go
   */
  private static void unmanaged(StringBuilder warning, Applied applied, String when) {
    if (applied.applications().isEmpty() && applied.others().isEmpty()) {
      return;
    }
    warning.append(
        applied.root().isPresent() ? " What it synced stays, unmanaged: " : " Unmanaged now: ");
    if (!applied.applications().isEmpty()) {
      warning
          .append("Application")
          .append(applied.applications().size() == 1 ? " " : "s ")
          .append(String.join(", ", applied.applications()))
          .append(
              " (delete each without its objects, `argocd app delete <name> --cascade=false`,"
                  + " once ")
          .append(when)
          .append(
              ": a plain delete uninstalls the operator, and with CloudNativePG's CRDs every"
                  + " Cluster on that cluster)");
      if (!applied.others().isEmpty()) {
        warning.append("; ");
      }
    }
    warning.append(String.join("; ", applied.others()));
    if (applied.include().contains(RepositoryLayout.SERVICES + "/")) {
      warning.append(
          "; and the services' Applications from before: delete each as the service's"
              + " RETIRED.md says, or without its objects where an environment's Application"
              + " runs the service on the same cluster now");
    }
    warning.append('.');
  }
}
