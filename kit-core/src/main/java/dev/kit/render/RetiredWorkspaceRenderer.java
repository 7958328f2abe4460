package dev.kit.render;

import dev.kit.plan.GeneratedHeader;
import java.util.Optional;

/**
 * {@code RETIRED.md} for a retired service whose database was a PlanetScale branch, applied by a
 * Crossplane Workspace (provider-opentofu): Argo CD never deletes the Workspace ({@code
 * Prune=false,Delete=false}), so it, the branch and both Secrets keep running; deleting the
 * Workspace runs {@code tofu destroy}, which a production branch's {@code prevent_destroy} refuses,
 * leaving the Workspace stuck on its finalizer. The steps choose deliberately: keep the branch and
 * abandon the state, or lift the protection and destroy it.
 */
public final class RetiredWorkspaceRenderer {

  /**
   * What a retired service's Workspace left running, as its last generated manifest named it.
   *
   * @param service the folder's name
   * @param workspace the Workspace's name
   * @param namespace its namespace, where both Secrets are too
   * @param externalName its {@code crossplane.io/external-name}, which names its OpenTofu state
   * @param stateSecret the Secret (in {@code crossplane-system}) that holds that state
   * @param connectionSecret the migrations' Secret, the Workspace's connection Secret
   * @param appSecret the app's Secret, which the module writes, when the module names it
   * @param branch the PlanetScale branch as {@code organization/database/branch}, when the module
   *     names it
   * @param isProtected whether the module sets {@code prevent_destroy} or {@code
   *     deletion_protected} (a production or an adopted branch)
   * @param deletionProtected whether the module sets {@code deletion_protected} (a production
   *     branch)
   * @param adopted whether the module imports a branch that existed before kit
   * @param argoApp the Application as {@code argocd app} names it, when one was generated per
   *     service
   * @param applicationSet the ApplicationSet that generates its Application, otherwise
   * @param environment the environment whose cluster runs it, with environments
   * @param described whether the service is still described, only no longer in {@code environment}
   *     (or, when {@code moved}, no longer without environments)
   * @param folder the folder its manifests were in, where this file goes
   * @param moved present when the description gained environments, so that the manifests kit
   *     generated in the service's own folder went
   * @param maybeHeir a deployment of the description that may run this database now
   */
  public record Retired(
      String service,
      String workspace,
      String namespace,
      String externalName,
      String stateSecret,
      String connectionSecret,
      Optional<String> appSecret,
      Optional<String> branch,
      boolean isProtected,
      boolean deletionProtected,
      boolean adopted,
      Optional<String> argoApp,
      Optional<String> applicationSet,
      Optional<String> environment,
      boolean described,
      String folder,
      Optional<RetiredServiceRenderer.Moved> moved,
      Optional<RetiredServiceRenderer.MaybeHeir> maybeHeir) {}

  /** The Workspace's kind as {@code kubectl} names it unambiguously. */
  private static final String KIND = "workspaces.opentofu.m.upbound.io";

  private RetiredWorkspaceRenderer() {}

  /** The file's text, with kit's Markdown header naming {@code source}. */
  public static String render(String source, Retired retired) {
    String service = retired.service();
    String ns = retired.namespace();
    String workspace = "kubectl -n " + ns + " ";
    String branch =
        retired.branch().map(b -> "PlanetScale branch `" + b + "`").orElse("the branch");
    StringBuilder md = new StringBuilder(4096);
    md.append(GeneratedHeader.markdownLine(source));
    RetiredServiceRenderer.opening(
        md, service, retired.environment(), retired.described(), retired.moved());
    md.append(", but not its database. The Workspace carries")
        .append(" `argocd.argoproj.io/sync-options: Prune=false,Delete=false`, so Argo CD never")
        .append(" deletes it, and it keeps ")
        .append(branch)
        .append(", its roles and both Secrets running until you retire them deliberately:\n\n");
    md.append("| kind | name | namespace |\n|---|---|---|\n");
    md.append("| Crossplane Workspace | `")
        .append(retired.workspace())
        .append("` | `")
        .append(ns)
        .append("` |\n");
    md.append("| Secret (migrations) | `")
        .append(retired.connectionSecret())
        .append("` | `")
        .append(ns)
        .append("` |\n");
    retired
        .appSecret()
        .ifPresent(
            secret ->
                md.append("| Secret (app) | `")
                    .append(secret)
                    .append("` | `")
                    .append(ns)
                    .append("` |\n"));
    md.append("| Secret (OpenTofu state) | `")
        .append(retired.stateSecret())
        .append("` | `crossplane-system` |\n");
    md.append(
        "\nDo not just delete the Workspace: provider-opentofu would run `tofu destroy`, which ");
    if (retired.isProtected()) {
      md.append(
          retired.deletionProtected()
              ? "`prevent_destroy` and `deletion_protected` refuse"
              : "`prevent_destroy` refuses");
      md.append(
          ", so the Workspace hangs on its finalizer; and once lifted, destroying the last branch"
              + " of a database deletes the database.");
    } else {
      md.append("deletes the branch at once, and with the last branch of a database the database.");
    }
    md.append(' ');
    RetiredServiceRenderer.keptWhile(md, retired.folder(), retired.moved());
    md.append("\n\n## Retire it\n\n");
    RetiredServiceRenderer.beforeSteps(
        md,
        retired.environment(),
        retired.maybeHeir(),
        "Crossplane Workspace `" + retired.workspace() + "`",
        ns,
        "Workspace");
    int step = 1;
    md.append(step++)
        .append(". Check that nothing connects to it any more, then keep a copy of its data: `")
        .append(workspace)
        .append("get secret ")
        .append(retired.connectionSecret())
        .append(
            " -o jsonpath='{.data.uri}' | base64 -d` is the migrations' connection, for `pg_dump")
        .append(" -Fc \"<uri>\" > ")
        .append(service)
        .append(".dump`; do not count on PlanetScale's backups of a branch once it is deleted.\n");
    md.append(step++).append(". ");
    RetiredServiceRenderer.applicationStep(
        md, service, retired.argoApp(), retired.applicationSet(), retired.moved());
    md.append(step++).append(". Choose one:\n");
    md.append("   - Keep the branch in PlanetScale, and let go of it here: `")
        .append(workspace)
        .append("patch ")
        .append(KIND)
        .append(' ')
        .append(retired.workspace())
        .append(
            " --type merge -p '{\"spec\":{\"managementPolicies\":[\"Observe\",\"Create\",\"Update\",\"LateInitialize\"]}}'`")
        .append(" (no `Delete`: Crossplane deletes the Workspace without `tofu destroy`), then `")
        .append(workspace)
        .append("delete ")
        .append(KIND)
        .append(' ')
        .append(retired.workspace())
        .append(
            "`. The same patch frees a Workspace already stuck on its finalizer. The branch keeps"
                + " running, and costing, until you delete it in PlanetScale.\n");
    md.append("   - Delete the branch: ");
    if (retired.adopted()) {
      md.append(
          "it existed before kit, which adopted it (the module's `import` block), so make sure"
              + " nobody still needs it, such as the database's first branch; ");
    }
    if (retired.isProtected()) {
      md.append("lift the protection first: in `")
          .append(workspace)
          .append("edit ")
          .append(KIND)
          .append(' ')
          .append(retired.workspace())
          .append(
              retired.deletionProtected()
                  ? "`, remove `prevent_destroy = true` and set `deletion_protected = false` in"
                  : "`, remove `prevent_destroy = true` from")
          .append(
              " `spec.forProvider.module`, and wait until `tofu apply` has applied that edit:"
                  + " `")
          .append(workspace)
          .append("get ")
          .append(KIND)
          .append(' ')
          .append(retired.workspace())
          .append(
              " -o jsonpath='{.metadata.generation} {.status.conditions[?(@.type==\"Synced\")].observedGeneration}"
                  + " {.status.conditions[?(@.type==\"Synced\")].status}'` prints the same"
                  + " number twice and `True` (Ready stays True from the last apply, so it says"
                  + " nothing of this one; deleting before would destroy a branch still"
                  + " protected, and the Workspace would hang on its finalizer); then ");
    }
    md.append('`')
        .append(workspace)
        .append("delete ")
        .append(KIND)
        .append(' ')
        .append(retired.workspace())
        .append("`: `tofu destroy` deletes ")
        .append(branch)
        .append(", its roles")
        .append(retired.appSecret().map(s -> " and Secret `" + s + "`").orElse(""))
        .append(".\n");
    md.append(step++)
        .append(". Delete what is left: `")
        .append(workspace)
        .append("delete secret ")
        .append(retired.connectionSecret())
        .append(retired.appSecret().map(s -> " " + s).orElse(""))
        .append(" --ignore-not-found` and `kubectl -n crossplane-system delete secret ")
        .append(retired.stateSecret())
        .append(" --ignore-not-found` (the state; keep it until the Workspace is gone, as `tofu")
        .append(" destroy` reads it) and `kubectl -n crossplane-system delete lease lock-")
        .append(retired.stateSecret())
        .append(" --ignore-not-found` (its lock, which a Workspace deleted without `tofu")
        .append(" destroy` leaves behind).\n");
    md.append(step).append(". ");
    RetiredServiceRenderer.lastStep(
        md,
        service,
        retired.environment(),
        retired.described(),
        retired.moved(),
        retired.folder(),
        ns);
    RetiredServiceRenderer.keepInstead(
        md, retired.environment(), retired.described(), retired.moved(), "Workspace");
    return md.toString();
  }

  /** The warning for the run that retires it, naming what keeps running. */
  public static String warning(Retired retired, boolean withFile) {
    return RetiredServiceRenderer.warningStart(
            retired.service(), retired.environment(), retired.described(), retired.moved())
        + "Workspace "
        + retired.workspace()
        + " in namespace "
        + retired.namespace()
        + retired.branch().map(b -> ", PlanetScale branch " + b).orElse("")
        + " and Secret "
        + retired.connectionSecret()
        + retired.appSecret().map(s -> " and " + s).orElse("")
        + " keep running (Argo CD never deletes the Workspace: Prune=false,Delete=false, and"
        + " deleting it runs tofu destroy"
        + (retired.isProtected() ? ", which prevent_destroy refuses" : "")
        + "); retire them deliberately "
        + (withFile
            ? "with the steps in " + retired.folder() + "/RETIRED.md"
            : "(kit wrote no RETIRED.md: a file of yours has that name)")
        + RetiredServiceRenderer.keepAdvice(
            retired.environment(), retired.described(), retired.moved())
        + " to keep them";
  }
}
