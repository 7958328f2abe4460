package dev.kit.provider.planetscale;

/**
 * kit's Argo CD health check for Crossplane's {@code Provider} package ({@code argocd-cm} key
 * {@code resource.customizations.health.pkg.crossplane.io_Provider}), replacing the built-in {@code
 * _.crossplane.io} check, which calls a Provider without status Healthy (the same Lua precedence as
 * {@code _.upbound.io}) and one whose package is unhealthy Progressing only by its conditions'
 * types. The platform's next wave, the ClusterProviderConfig, needs the CRDs the package installs:
 * the Provider is Healthy only when Crossplane reports it {@code Installed} and {@code Healthy};
 * until then it is Progressing (the package is pulled, its Deployment starts).
 */
public final class ProviderHealth {

  /** The {@code argocd-cm} key. */
  public static final String KEY = "resource.customizations.health.pkg.crossplane.io_Provider";

  public static final String SCRIPT =
      """
      local hs = {}
      local installed = nil
      local healthy = nil
      if obj.status ~= nil and obj.status.conditions ~= nil then
        for _, condition in ipairs(obj.status.conditions) do
          if condition.type == "Installed" then
            installed = condition
          elseif condition.type == "Healthy" then
            healthy = condition
          end
        end
      end
      if installed ~= nil and installed.status == "True" and healthy ~= nil and healthy.status == "True" then
        hs.status = "Healthy"
        hs.message = "Installed and healthy"
        return hs
      end
      hs.status = "Progressing"
      hs.message = "Waiting for Crossplane to install the package"
      for _, condition in ipairs({installed, healthy}) do
        if condition ~= nil and condition.status ~= "True" then
          hs.message = (condition.reason or condition.type) .. ": " .. (condition.message or "")
        end
      end
      return hs
      """;

  private ProviderHealth() {}
}
