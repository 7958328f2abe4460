package dev.kit.provider.planetscale;

/**
 * kit's Argo CD health check for provider-opentofu's {@code Workspace} ({@code argocd-cm} key
 * {@code resource.customizations.health.opentofu.m.upbound.io_Workspace}), which replaces the
 * built-in {@code _.upbound.io} check for that kind. The built-in one reads {@code obj.status ==
 * nil or next(obj.status) == nil and contains(has_no_status, obj.kind)}: Lua's {@code and} binds
 * tighter than {@code or}, so any object without a status is Healthy, and a Workspace Argo CD sees
 * before provider-opentofu has written one (or while the provider is not running) would let the
 * migration wave start against a database that does not exist yet. Here a Workspace paused by the
 * {@code crossplane.io/paused} annotation is Suspended (Crossplane then reports {@code
 * Synced=False}, reason {@code ReconcilePaused}, which is no failure); one without conditions, or
 * whose {@code Synced} describes an older generation, is Progressing; otherwise the built-in rules
 * hold: {@code Synced=False} or {@code LastAsyncOperation=False} is Degraded, {@code Ready=True}
 * Healthy, anything else Progressing.
 *
 * <p>The generation is read from {@code Synced}, not {@code Ready}: crossplane-runtime stamps
 * {@code observedGeneration} only on the conditions its reconciler marks ({@code Synced}, after
 * {@code tofu apply} returns), while provider-opentofu sets {@code Ready} with {@code
 * SetConditions(Available())}, which carries none; an old {@code Ready=True} would otherwise make a
 * changed module Healthy while its apply still runs.
 */
public final class WorkspaceHealth {

  /** The {@code argocd-cm} key. */
  public static final String KEY = "resource.customizations.health.opentofu.m.upbound.io_Workspace";

  public static final String SCRIPT =
      """
      local hs = {}
      local paused = obj.metadata.annotations ~= nil and obj.metadata.annotations["crossplane.io/paused"] == "true"
      if obj.status ~= nil and obj.status.conditions ~= nil then
        for _, condition in ipairs(obj.status.conditions) do
          if condition.type == "Synced" and condition.reason == "ReconcilePaused" then
            paused = true
          end
        end
      end
      if paused then
        hs.status = "Suspended"
        hs.message = "Paused by the crossplane.io/paused annotation; remove it to resume"
        return hs
      end
      if obj.status == nil or obj.status.conditions == nil or next(obj.status.conditions) == nil then
        hs.status = "Progressing"
        hs.message = "Waiting for provider-opentofu to apply the Workspace"
        return hs
      end
      local generation = obj.metadata.generation
      local synced = nil
      local ready = nil
      for _, condition in ipairs(obj.status.conditions) do
        if condition.type == "Synced" then
          synced = condition
        elseif condition.type == "Ready" then
          ready = condition
        end
      end
      if synced ~= nil and synced.observedGeneration ~= nil and generation ~= nil and synced.observedGeneration < generation then
        hs.status = "Progressing"
        hs.message = "Waiting for provider-opentofu to apply generation " .. generation
        return hs
      end
      for _, condition in ipairs(obj.status.conditions) do
        if (condition.type == "Synced" or condition.type == "LastAsyncOperation") and condition.status == "False" then
          hs.status = "Degraded"
          hs.message = condition.message or condition.reason or ""
          return hs
        end
      end
      if ready ~= nil and ready.status == "True" then
        hs.status = "Healthy"
        hs.message = "Resource is up-to-date."
        return hs
      end
      hs.status = "Progressing"
      hs.message = "Provisioning ..."
      if ready ~= nil and ready.reason ~= nil then
        hs.message = ready.reason
      end
      return hs
      """;

  private WorkspaceHealth() {}
}
