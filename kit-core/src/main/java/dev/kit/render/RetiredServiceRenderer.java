package dev.kit.render;

import dev.kit.plan.GeneratedHeader;
import java.util.Optional;

/**
 * {@code services/<service>/RETIRED.md} (with environments, {@code
 * services/<service>/envs/<environment>/RETIRED.md}) for a service the description no longer has:
 * which database objects Argo CD left running and how to retire them deliberately, the runbook's
 * data-safety steps with their real names. Plain Java like the runbook: it is rendered on every
 * generation while the retired folder exists.
 */
public final class RetiredServiceRenderer {

  /**
   * What a retired service left running, as its last generated manifests named it.
   *
   * @param service the folder's name
   * @param clusterName the CNPG Cluster
   * @param namespace the Cluster's namespace
   * @param database the application database, for a logical copy
   * @param objectStore the Barman Cloud ObjectStore (in the same namespace), when it backed up with
   *     the plugin
   * @param backupMethod {@code kubectl cnpg backup}'s method for its backups, when it had any
   * @param backupDestination where its backups are, when it had any
   * @param argoApp the Application as {@code argocd app} names it, when one was generated per
   *     service
   * @param applicationSet the ApplicationSet that generates its Application, otherwise
   * @param environment the environment whose cluster runs them, with environments
   * @param described whether the service is still in the description, only no longer in {@code
   *     environment} (or, when {@code moved}, no longer without environments)
   * @param folder the folder its manifests were in, where this file goes: {@code
   *     services/<service>} or {@code services/<service>/envs/<environment>}
   * @param moved present when the description gained environments, so that the manifests kit
   *     generated in the service's own folder went
   * @param maybeHeir a deployment of the description that may run this database now
   */
  public record Retired(
      String service,
      String clusterName,
      String namespace,
      String database,
      Optional<String> objectStore,
      Optional<String> backupMethod,
      Optional<String> backupDestination,
      Optional<String> argoApp,
      Optional<String> applicationSet,
      Optional<String> environment,
      boolean described,
      String folder,
      Optional<Moved> moved,
      Optional<MaybeHeir> maybeHeir) {}

  /**
   * A described service's database that the description's new environments left behind: what kit
   * generated in {@code services/<service>/} moved into {@code envs/<environment>/}, and no
   * environment's Application is known to manage the object now.
   *
   * @param deleteOld the commands (in backticks) that delete the Application from before, objects
   *     with {@code Delete=false} staying
   */
  public record Moved(String deleteOld) {}

  /**
   * A deployment of the description that deploys an object of the same kind and name to the same
   * namespace, on a cluster Argo CD names differently (a cluster's name against a server URL), so
   * kit cannot tell whether its Application manages this one now.
   *
   * @param who how the text names it, first in a sentence, such as {@code Environment `prod`}
   * @param deleteOld the commands (in backticks) that delete the Application from before without
   *     its objects
   */
  public record MaybeHeir(String who, String deleteOld) {}

  /**
   * How a {@code RETIRED.md} names the namespace the retired service deployed to, in the last step
   * of both kinds of the file: {@code `kubectl delete namespace orders`}.
   */
  static final String DELETE_NAMESPACE = "`kubectl delete namespace ";

  /**
   * What follows the service's name in the title of a {@code RETIRED.md} for a database the
   * description's environments left behind.
   */
  public static final String WITHOUT_ENVIRONMENTS = " without environments";

  private RetiredServiceRenderer() {}

  /**
   * The namespace a {@code RETIRED.md} kit wrote (for a Cluster or a Workspace) says the retired
   * service deployed to; empty for a file without it.
   */
  public static Optional<String> namespaceIn(String text) {
    int at = text.indexOf(DELETE_NAMESPACE);
    int end = at < 0 ? -1 : text.indexOf('`', at + DELETE_NAMESPACE.length());
    return end < 0
        ? Optional.empty()
        : Optional.of(text.substring(at + DELETE_NAMESPACE.length(), end))
            .filter(namespace -> !namespace.isEmpty());
  }

  /** The file's text, with kit's Markdown header naming {@code source}. */
  public static String render(String source, Retired retired) {
    String cluster = retired.clusterName();
    String namespace = retired.namespace();
    // With an ObjectStore, two objects keep running.
    boolean they = retired.objectStore().isPresent();
    StringBuilder md = new StringBuilder(4096);
    md.append(GeneratedHeader.markdownLine(source));
    opening(md, retired.service(), retired.environment(), retired.described(), retired.moved());
    md.append(", but not its database. ")
        .append(they ? "These objects carry" : "This object carries")
        .append(
            " `argocd.argoproj.io/sync-options: Prune=false,Delete=false`, so Argo CD never deletes ")
        .append(they ? "them" : "it")
        .append(" (deleting a CNPG Cluster deletes its volumes), and ")
        .append(they ? "they keep" : "it keeps")
        .append(" running until you retire ")
        .append(they ? "them" : "it")
        .append(" deliberately:\n\n");
    md.append("| kind | name | namespace |\n|---|---|---|\n");
    md.append("| CNPG Cluster | `")
        .append(cluster)
        .append("` | `")
        .append(namespace)
        .append("` |\n");
    retired
        .objectStore()
        .ifPresent(
            store ->
                md.append("| Barman Cloud ObjectStore | `")
                    .append(store)
                    .append("` | `")
                    .append(namespace)
                    .append("` |\n"));
    md.append('\n');
    keptWhile(md, retired.folder(), retired.moved());
    md.append("\n\n## Retire it\n\n");
    beforeSteps(
        md,
        retired.environment(),
        retired.maybeHeir(),
        "CNPG Cluster `" + cluster + "`",
        namespace,
        "Cluster");
    int step = 1;
    md.append(step++)
        .append(". Check that nothing connects to it any more: `kubectl cnpg psql ")
        .append(cluster)
        .append(" -n ")
        .append(namespace)
        .append(
            " -- -c \"SELECT usename, application_name, client_addr FROM pg_stat_activity WHERE backend_type = 'client backend'\"`.\n");
    md.append(step++).append(". ");
    retired
        .backupMethod()
        .ifPresentOrElse(
            method ->
                md.append("Take a last backup, `kubectl cnpg backup ")
                    .append(cluster)
                    .append(" -n ")
                    .append(namespace)
                    .append(" --method ")
                    .append(method)
                    .append("`, and wait for phase `completed` in `kubectl -n ")
                    .append(namespace)
                    .append(" get backups.postgresql.cnpg.io`.\n"),
            () ->
                md.append(
                        "It has no backups: if its data may be needed again, keep a logical copy, `kubectl -n ")
                    .append(namespace)
                    .append(" exec <primary-instance> -c postgres -- pg_dump -Fc -d ")
                    .append(retired.database())
                    .append(" > ")
                    .append(retired.database())
                    .append(".dump` (`kubectl cnpg status ")
                    .append(cluster)
                    .append(" -n ")
                    .append(namespace)
                    .append("` names the primary).\n"));
    md.append(step++).append(". ");
    applicationStep(
        md, retired.service(), retired.argoApp(), retired.applicationSet(), retired.moved());
    md.append(step++)
        .append(". `kubectl -n ")
        .append(namespace)
        .append(" delete clusters.postgresql.cnpg.io ")
        .append(cluster)
        .append("`: removes the instances and their volumes");
    if (!they) {
      retired
          .backupDestination()
          .ifPresent(
              d ->
                  md.append("; the backups stay in `")
                      .append(d)
                      .append("` until you remove them there"));
    }
    md.append(".\n");
    if (they) {
      md.append(step++)
          .append(". `kubectl -n ")
          .append(namespace)
          .append(" delete objectstores.barmancloud.cnpg.io ")
          .append(retired.objectStore().get())
          .append('`');
      retired
          .backupDestination()
          .ifPresent(
              d ->
                  md.append(": the backups stay in `")
                      .append(d)
                      .append("` until you remove them there"));
      md.append(".\n");
    }
    md.append(step).append(". ");
    lastStep(
        md,
        retired.service(),
        retired.environment(),
        retired.described(),
        retired.moved(),
        retired.folder(),
        namespace);
    keepInstead(md, retired.environment(), retired.described(), retired.moved(), "Cluster");
    return md.toString();
  }

  /**
   * The title and the first sentence, up to why the database stayed: where the service left (the
   * description, one environment it is still described for, or the layout without environments).
   */
  static void opening(
      StringBuilder md,
      String service,
      Optional<String> environment,
      boolean described,
      Optional<Moved> moved) {
    md.append("# Retired: ").append(service);
    if (moved.isPresent()) {
      md.append(WITHOUT_ENVIRONMENTS)
          .append("\n\n`")
          .append(service)
          .append("` now runs per environment, from `services/")
          .append(service)
          .append("/envs/`, so kit deleted the manifests it generated for it in `services/")
          .append(service)
          .append("/`, the layout without environments");
      return;
    }
    environment.ifPresent(env -> md.append(" in ").append(env));
    md.append("\n\n");
    if (described) {
      md.append('`')
          .append(service)
          .append("` no longer runs in environment `")
          .append(environment.orElse(""))
          .append("`, so kit deleted the manifests it generated for it there");
    } else {
      md.append('`')
          .append(service)
          .append(
              "` is no longer in the kit description, so kit deleted the manifests it generated for it");
      environment.ifPresent(env -> md.append(" in environment `").append(env).append('`'));
    }
  }

  /** How long kit keeps the file, a sentence. */
  static void keptWhile(StringBuilder md, String folder, Optional<Moved> moved) {
    md.append("kit keeps this file, and leaves your migrations alone, ");
    if (moved.isPresent()) {
      md.append(
          "until you delete it (the last step) or the description has no environments again.");
    } else {
      md.append("while the folder `").append(folder).append("/` exists.");
    }
  }

  /**
   * What comes before the steps: on which cluster they run, and for a database an environment may
   * have taken over, when to stop after deleting the Application from before.
   *
   * @param object the object as the text names it, such as {@code CNPG Cluster `orders-cluster`}
   * @param kind what the text calls it after, such as {@code Cluster}
   */
  static void beforeSteps(
      StringBuilder md,
      Optional<String> environment,
      Optional<MaybeHeir> maybeHeir,
      String object,
      String namespace,
      String kind) {
    environment.ifPresent(
        env ->
            md.append("Run these on environment `")
                .append(env)
                .append("`'s cluster (its kubectl context) and its Argo CD.\n\n"));
    if (maybeHeir.isEmpty()) {
      return;
    }
    md.append(maybeHeir.get().who())
        .append(" deploys the same ")
        .append(object)
        .append(" in namespace `")
        .append(namespace)
        .append(
            "` to a cluster Argo CD names differently from this one's (a cluster name against a"
                + " server URL), so kit cannot tell whether the two are one. If they are, its"
                + " Application manages this ")
        .append(kind)
        .append(" now: delete only the Application from before, without its objects (")
        .append(maybeHeir.get().deleteOld())
        .append("), then this file, and stop there.\n\n");
  }

  /** The step that deletes the service's Argo CD Application, a line. */
  static void applicationStep(
      StringBuilder md,
      String service,
      Optional<String> argoApp,
      Optional<String> applicationSet,
      Optional<Moved> moved) {
    if (moved.isPresent()) {
      md.append("Delete the Argo CD Application from before the environments: ")
          .append(moved.get().deleteOld())
          .append(" (objects with `Delete=false` stay).\n");
    } else if (applicationSet.isPresent()) {
      md.append("ApplicationSet `")
          .append(applicationSet.get())
          .append("` keeps an Application `")
          .append(service)
          .append(
              "` while this folder exists; it goes with the folder (the last step), and deleting it leaves objects with `Delete=false` in place.\n");
    } else {
      md.append("Delete the Argo CD Application: `argocd app delete ")
          .append(argoApp.orElse(""))
          .append("` (objects with `Delete=false` stay).\n");
    }
  }

  /** The last step, a line: the folder (or for a moved database, this file) goes. */
  static void lastStep(
      StringBuilder md,
      String service,
      Optional<String> environment,
      boolean described,
      Optional<Moved> moved,
      String folder,
      String namespace) {
    if (moved.isPresent()) {
      md.append("Delete this file and merge.");
    } else if (environment.isPresent()) {
      md.append("Delete `").append(folder).append("/`, this file with it, and merge");
      if (described) {
        md.append('.');
      } else {
        md.append("; once no environment's folder is left in `services/")
            .append(service)
            .append("/envs/`, delete `services/")
            .append(service)
            .append("/` and the migrations with it.");
      }
    } else {
      md.append("Delete `services/")
          .append(service)
          .append("/`, this file and the migrations with it, and merge.");
    }
    md.append(" Namespace `")
        .append(namespace)
        .append("` stays for anything else in it; delete it with ")
        .append(DELETE_NAMESPACE)
        .append(namespace)
        .append("` when it is empty.\n\n");
  }

  /** The closing paragraph: how to keep the database instead. */
  static void keepInstead(
      StringBuilder md,
      Optional<String> environment,
      boolean described,
      Optional<Moved> moved,
      String kind) {
    if (moved.isPresent()) {
      md.append("To keep it instead, remove the description's environments");
    } else if (described) {
      md.append("To keep it in `")
          .append(environment.orElse(""))
          .append("` instead, add `")
          .append(environment.orElse(""))
          .append("` back to the service's environments");
    } else {
      md.append("To keep the service instead, add it back to the description under the same name");
    }
    md.append(": kit generates the same ")
        .append(kind)
        .append(" again, Argo CD manages the running one again, and this file goes.\n");
  }

  /** The warning for the run that retires it, naming what keeps running. */
  public static String warning(Retired retired, boolean withFile) {
    String objects =
        "CNPG Cluster "
            + retired.clusterName()
            + retired
                .objectStore()
                .map(store -> " and Barman Cloud ObjectStore " + store)
                .orElse("");
    return warningStart(
            retired.service(), retired.environment(), retired.described(), retired.moved())
        + objects
        + " in namespace "
        + retired.namespace()
        + " keep"
        + (retired.objectStore().isPresent() ? "" : "s")
        + " running (Argo CD never deletes "
        + (retired.objectStore().isPresent() ? "them" : "it")
        + ": Prune=false,Delete=false); retire "
        + (retired.objectStore().isPresent() ? "them" : "it")
        + " deliberately "
        + (withFile
            ? "with the steps in " + retired.folder() + "/RETIRED.md"
            : "(kit wrote no RETIRED.md: a file of yours has that name)")
        + keepAdvice(retired.environment(), retired.described(), retired.moved())
        + " to keep "
        + (retired.objectStore().isPresent() ? "them" : "it");
  }

  /**
   * How a retiring run's warning starts, whatever the database: where the service left (the
   * description, one environment it is still described for, or the layout without environments) and
   * that its database did not.
   */
  public static String warningStart(
      String service, Optional<String> environment, boolean described, Optional<Moved> moved) {
    if (moved.isPresent() || described) {
      return left(service, environment, moved.isPresent()) + ", but not its database: ";
    }
    return "services["
        + service
        + "]: no longer in the description, so kit deleted its generated manifests, "
        + "but not its database"
        + environment.map(env -> " in environment " + env).orElse("")
        + ": ";
  }

  /**
   * How a warning about a described service's database starts: what kit deleted, from the layout
   * without environments ({@code moved}) or from an environment the service is no longer in.
   */
  public static String left(String service, Optional<String> environment, boolean moved) {
    if (moved) {
      return "services["
          + service
          + "]: now runs per environment, so kit deleted the manifests it generated in services/"
          + service
          + "/ without environments";
    }
    String env = environment.orElse("");
    return "environments["
        + env
        + "].services["
        + service
        + "]: no longer in environment "
        + env
        + ", so kit deleted its generated manifests there";
  }

  /** What a retiring run's warning offers instead of retiring, before "to keep it". */
  static String keepAdvice(Optional<String> environment, boolean described, Optional<Moved> moved) {
    if (moved.isPresent()) {
      return ", or remove the description's environments";
    }
    return described
        ? ", or add " + environment.orElse("") + " back to the service's environments"
        : ", or add the service back";
  }
}
