package dev.kit.render;

import dev.kit.plan.GeneratedHeader;
import dev.kit.templates.TextTemplates;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code services/<service>/RETIRED.md} (with environments, {@code
 * services/<service>/envs/<environment>/RETIRED.md}) for a service the description no longer has:
 * which database objects Argo CD left running and how to retire them deliberately, the runbook's
 * data-safety steps with their real names.
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
   *     environment}
   * @param folder the folder its manifests were in, where this file goes: {@code
   *     services/<service>} or {@code services/<service>/envs/<environment>}
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
      String folder) {}

  private RetiredServiceRenderer() {}

  /** The file's text, with kit's Markdown header naming {@code source}. */
  public static String render(String source, Retired retired) {
    Map<String, Object> model = new HashMap<>();
    model.put("service", retired.service());
    model.put("clusterName", retired.clusterName());
    model.put("namespace", retired.namespace());
    model.put("database", retired.database());
    retired.objectStore().ifPresent(store -> model.put("objectStoreName", store));
    retired.backupMethod().ifPresent(method -> model.put("backupMethod", method));
    retired
        .backupDestination()
        .ifPresent(destination -> model.put("backupDestination", destination));
    retired.argoApp().ifPresent(app -> model.put("argoApp", app));
    retired.applicationSet().ifPresent(set -> model.put("applicationSetName", set));
    retired.environment().ifPresent(environment -> model.put("environment", environment));
    model.put("folder", retired.folder());
    model.put("described", retired.described());
    return GeneratedHeader.markdownLine(source) + TextTemplates.render("retired.md.ftl", model);
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
    String environment = retired.environment().orElse("");
    String what =
        retired.described()
            ? "environments["
                + environment
                + "].services["
                + retired.service()
                + "]: no longer in environment "
                + environment
                + ", so kit deleted its generated manifests there, but not its database: "
            : "services["
                + retired.service()
                + "]: no longer in the description, so kit deleted its generated manifests, "
                + "but not its database"
                + retired.environment().map(env -> " in environment " + env).orElse("")
                + ": ";
    return what
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
        + (retired.described()
            ? ", or add " + environment + " back to the service's environments"
            : ", or add the service back")
        + " to keep "
        + (retired.objectStore().isPresent() ? "them" : "it");
  }
}
