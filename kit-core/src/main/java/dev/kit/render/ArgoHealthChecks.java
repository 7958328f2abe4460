package dev.kit.render;

import dev.kit.model.ArgoCd;
import dev.kit.model.Kit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * kit's {@code argocd-cm} health checks, written for every Argo CD version: an {@code argocd-cm}
 * entry replaces Argo CD's built-in check for the kind (argo-cd {@code util/lua/lua.go}, {@code
 * GetHealthScript}), and the built-in CNPG (3.1+) and Atlas operator (2.10+) checks call routine
 * states Degraded. A wave waits while an object of it is Progressing or Suspended, and a Degraded
 * one fails the sync (gitops-engine {@code pkg/sync/sync_context.go}), which Argo CD then does not
 * retry for that revision (argo-cd {@code controller/appcontroller.go}): so kit's checks say
 * Progressing for what the operator finishes by itself, Suspended for a step a person takes on the
 * live cluster (the wave waits and goes on by itself after it), and Degraded only for failures that
 * waiting does not fix.
 */
final class ArgoHealthChecks {

  private static final String PREFIX = "resource.customizations.health.";
  private static final String HEALTHY = "Healthy";
  private static final String PROGRESSING = "Progressing";
  private static final String SUSPENDED = "Suspended";
  private static final String DEGRADED = "Degraded";

  /**
   * Every {@code status.phase} CloudNativePG sets (cloudnative-pg {@code api/v1/cluster_types.go},
   * the {@code Phase...} constants; the last two are literals of {@code
   * internal/controller/cluster_controller.go}), in that order, and the health kit gives it. A
   * phase not listed (a newer operator's) is Progressing.
   */
  static final Map<String, String> CNPG_PHASES =
      ordered(
          Map.entry("Cluster in healthy state", HEALTHY),
          // Transient: the operator gets there by itself; a rolling update after a spec change
          // passes through several.
          Map.entry("Setting up primary", PROGRESSING), // bootstrap
          Map.entry("Creating a new replica", PROGRESSING), // scale up, or a replaced instance
          Map.entry("Upgrading cluster", PROGRESSING), // rolling update of the instances
          Map.entry(
              "Upgrading Postgres major version",
              PROGRESSING), // an in-place major upgrade (postgresMajor)
          Map.entry(
              "Cluster upgrade delayed", PROGRESSING), // the operator's configured rollout delay
          Map.entry(
              "Waiting for the instances to become active",
              PROGRESSING), // pods starting, e.g. after a restart
          Map.entry(
              "Promoting to primary cluster", PROGRESSING), // a replica cluster being promoted
          Map.entry("Switchover in progress", PROGRESSING), // primaryUpdateMethod switchover
          Map.entry("Failing over", PROGRESSING), // automatic: a replica becomes primary
          Map.entry(
              "Primary instance is being restarted in-place",
              PROGRESSING), // primaryUpdateMethod restart
          Map.entry("Primary instance is being restarted without a switchover", PROGRESSING),
          Map.entry(
              "Online upgrade in progress", PROGRESSING), // instance manager upgraded in place
          Map.entry(
              "Applying configuration", PROGRESSING), // any parameter change needing a restart
          // The plugin (Barman Cloud) is not loaded yet: it starts at an earlier platform wave; it
          // persists only if absent.
          Map.entry(
              "Cluster cannot proceed to reconciliation due to an unknown plugin being required",
              PROGRESSING),
          // A person's step: a supervised update waits for `kubectl cnpg promote` or `restart`; the
          // wave waits for it.
          Map.entry("Waiting for user action", SUSPENDED),
          // Failures: nothing finishes them but a fix (the Git change, storage, RBAC, network,
          // operator image).
          Map.entry("Cluster is unrecoverable and needs manual intervention", DEGRADED),
          Map.entry("Unable to create required cluster objects", DEGRADED),
          Map.entry("Cluster has incomplete or invalid image catalog", DEGRADED),
          Map.entry(
              "Cluster cannot execute instance online upgrade due to missing architecture binary",
              DEGRADED),
          Map.entry(
              "Cluster cannot proceed to reconciliation due to an error while interacting with plugins",
              DEGRADED),
          Map.entry("Not enough disk space", DEGRADED),
          Map.entry("Instance Status Extraction Error: HTTP communication issue", DEGRADED));

  /**
   * The Cluster check: reconciliation switched off ({@code cnpg.io/reconciliationLoop: disabled})
   * and a hibernated cluster are Suspended; hibernating or waking up is Progressing, an invalid
   * hibernation annotation Degraded (cloudnative-pg {@code pkg/reconciler/hibernation/status.go});
   * otherwise the phase decides. A healthy phase says nothing of the managed roles, which the
   * primary's instance manager reconciles afterwards (cloudnative-pg {@code
   * internal/management/controller/roles}): the cluster is Progressing until {@code
   * status.managedRolesStatus} lists every role of the spec reconciled (an absent one no longer
   * pending), so the migrations of the next wave find them, and Degraded while a role is in {@code
   * cannotReconcile}, PostgreSQL's refusal the operator retries to no end (a role dropped that
   * still owns objects).
   */
  static final String CNPG_CLUSTER =
      """
      local hs = {}
      local phases = {
      %s}
      if obj.metadata ~= nil and obj.metadata.annotations ~= nil
          and obj.metadata.annotations["cnpg.io/reconciliationLoop"] == "disabled" then
        hs.status = "Suspended"
        hs.message = "Reconciliation is disabled (annotation cnpg.io/reconciliationLoop)"
        return hs
      end
      if obj.status == nil or obj.status.phase == nil or obj.status.phase == "" then
        hs.status = "Progressing"
        hs.message = "Waiting for the CloudNativePG operator"
        return hs
      end
      if obj.status.conditions ~= nil then
        for _, condition in ipairs(obj.status.conditions) do
          if condition.type == "cnpg.io/hibernation" then
            if condition.reason == "WrongAnnotationValue" then
              hs.status = "Degraded"
            elseif condition.status == "True" and condition.reason == "Hibernated" then
              hs.status = "Suspended"
            else
              hs.status = "Progressing"
            end
            hs.message = "Hibernation " .. (condition.reason or "") .. ": " .. (condition.message or "")
            return hs
          end
        end
      end
      hs.status = phases[obj.status.phase] or "Progressing"
      hs.message = obj.status.phase
      if obj.status.phaseReason ~= nil and obj.status.phaseReason ~= "" then
        hs.message = hs.message .. ": " .. obj.status.phaseReason
      end
      if hs.status ~= "Healthy" or obj.spec == nil or obj.spec.managed == nil
          or obj.spec.managed.roles == nil then
        return hs
      end
      local roles = obj.status.managedRolesStatus or {}
      local failing = {}
      for role, errors in pairs(roles.cannotReconcile or {}) do
        table.insert(failing, role .. " (" .. table.concat(errors, "; ") .. ")")
      end
      if #failing > 0 then
        table.sort(failing)
        hs.status = "Degraded"
        hs.message = "Managed roles CloudNativePG cannot reconcile: " .. table.concat(failing, ", ")
        return hs
      end
      local byStatus = roles.byStatus or {}
      local reconciled = {}
      for _, name in ipairs(byStatus["reconciled"] or {}) do
        reconciled[name] = true
      end
      local pending = {}
      for _, name in ipairs(byStatus["pending-reconciliation"] or {}) do
        pending[name] = true
      end
      local waiting = {}
      for _, role in ipairs(obj.spec.managed.roles) do
        if pending[role.name] or (role.ensure ~= "absent" and not reconciled[role.name]) then
          table.insert(waiting, role.name)
        end
      end
      if #waiting > 0 then
        hs.status = "Progressing"
        hs.message = "Waiting for CloudNativePG to reconcile the managed roles (a password's Secret must exist): "
          .. table.concat(waiting, ", ")
      end
      return hs
      """
          .formatted(luaTable(CNPG_PHASES));

  /**
   * The {@code AtlasMigration} and {@code AtlasSchema} check. The operator's own non-failure
   * reasons (ariga/atlas-operator {@code api/v1alpha1/reason.go}, {@code isFailedReason}) wait:
   * {@code Reconciling} and {@code GettingDevDB} (its dev database starting) are Progressing,
   * {@code ApprovalPending} (a plan waiting for a person's approval in Atlas Cloud) is Suspended.
   * Every other reason the operator sets on {@code Ready=False} ({@code Migrating}, {@code
   * ApplyingSchema}, {@code ReadSchema}, {@code WhoAmI}, ...) marks the resource Stalled and is
   * Degraded, with the operator's message. Before any of that, a {@code status.observedGeneration}
   * behind {@code metadata.generation} is Progressing: the conditions still describe the previous
   * spec.
   */
  static final String ATLAS =
      """
      local hs = {}
      local waiting = {
        Reconciling = "Progressing",
        GettingDevDB = "Progressing",
        ApprovalPending = "Suspended",
      }
      -- A spec the operator has not reconciled yet (new migrations, a new ConfigMap name): its conditions are stale.
      if obj.status ~= nil and obj.status.observedGeneration ~= nil and obj.metadata.generation ~= nil
          and obj.status.observedGeneration < obj.metadata.generation then
        hs.status = "Progressing"
        hs.message = "Waiting for the Atlas operator to reconcile generation " .. obj.metadata.generation
        return hs
      end
      local ready = nil
      if obj.status ~= nil and obj.status.conditions ~= nil then
        for _, condition in ipairs(obj.status.conditions) do
          if condition.type == "Ready" then
            ready = condition
          end
        end
      end
      if ready == nil then
        hs.status = "Progressing"
        hs.message = "Waiting for the Atlas operator"
        return hs
      end
      local reason = ready.reason or ""
      hs.message = reason
      if ready.message ~= nil and ready.message ~= "" then
        hs.message = reason .. ": " .. ready.message
      end
      if ready.status == "True" then
        hs.status = "Healthy"
      else
        hs.status = waiting[reason] or "Degraded"
      end
      return hs
      """;

  /**
   * The Atlas operator's kinds share one check, written for both whenever a service generates
   * either: a service that moves from migrations to a declarative schema (or back) is then checked
   * from its first sync.
   */
  static final Map<String, String> ATLAS_KINDS =
      Map.of("db.atlasgo.io_AtlasMigration", ATLAS, "db.atlasgo.io_AtlasSchema", ATLAS);

  /** Argo CD's documented check for child Applications (removed from Argo CD itself in 1.8). */
  static final String APPLICATION =
      """
      hs = {}
      hs.status = "Progressing"
      hs.message = ""
      if obj.status ~= nil then
        if obj.status.health ~= nil then
          hs.status = obj.status.health.status
          if obj.status.health.message ~= nil then
            hs.message = obj.status.health.message
          end
        end
      end
      return hs
      """;

  private ArgoHealthChecks() {}

  /**
   * kit's {@code argocd-cm} keys: the checks of the kinds the services generate ({@link
   * ServiceKind#healthChecks}), and the child Application check for a root.
   */
  static KubeConfigMap configMap(PlatformContext context) {
    Kit kit = context.kit();
    ArgoCd argo = kit.repository().argoCd();
    Map<String, String> data = new TreeMap<>();
    for (Map.Entry<String, String> check : context.healthChecks().entrySet()) {
      data.put(PREFIX + check.getKey(), check.getValue());
    }
    if (PlatformRenderer.hasRoot(kit)) {
      data.put(PREFIX + "argoproj.io_Application", APPLICATION);
    }
    return new KubeConfigMap(
        ObjectMetadata.builder()
            .withName("argocd-cm")
            .withNamespace(argo.namespace())
            .withLabels(
                Map.of(
                    "app.kubernetes.io/name", "argocd-cm", "app.kubernetes.io/part-of", "argocd"))
            .build(),
        data,
        null);
  }

  @SafeVarargs
  private static Map<String, String> ordered(Map.Entry<String, String>... entries) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : entries) {
      map.put(entry.getKey(), entry.getValue());
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * The entries of a Lua table literal, one a line; phases hold no quote or backslash to escape.
   */
  private static String luaTable(Map<String, String> map) {
    StringBuilder lines = new StringBuilder();
    for (Map.Entry<String, String> entry : map.entrySet()) {
      lines
          .append("  [\"")
          .append(entry.getKey())
          .append("\"] = \"")
          .append(entry.getValue())
          .append("\",\n");
    }
    return lines.toString();
  }
}
