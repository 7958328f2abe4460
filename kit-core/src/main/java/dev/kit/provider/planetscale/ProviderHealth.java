package dev.kit.provider.planetscale;

/**
 * kit's Argo CD health check for Crossplane's {@code Provider} package ({@code argocd-cm} key
 * {@code resource.customizations.health.pkg.crossplane.io_Provider}), replacing the built-in {@code
 * _.crossplane.io} check, which calls a Provider without status Healthy (the same Lua precedence as
 * {@code _.upbound.io}). The platform's next wave, the ClusterProviderConfig, needs the CRDs the
 * package installs: the Provider is Healthy only when Crossplane reports it {@code Installed} and
 * {@code Healthy} and runs the package {@code spec.package} names; anything else is Progressing:
 * the package is pulled, its Deployment starts, or a new package has not replaced the old one,
 * which stays Installed and Healthy (crossplane/crossplane#4196). An unhealthy package ({@code
 * Healthy=False}, reason {@code UnhealthyPackageRevision}) is Progressing too, deliberately, though
 * the test data of Argo CD's newer {@code _.crossplane.io} check calls it Degraded: Crossplane
 * reports it while the provider's Deployment starts on every install ("has no condition of type
 * Available yet", "does not have minimum availability"), and a Degraded object fails the sync wave;
 * {@code kit:doctor} names the reason.
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
      local function describe(condition)
        return (condition.reason or condition.type) .. ": " .. (condition.message or "")
      end
      hs.status = "Progressing"
      if installed ~= nil and installed.status ~= "True" then
        hs.message = describe(installed)
        return hs
      end
      if healthy ~= nil and healthy.status ~= "True" then
        hs.message = describe(healthy)
        return hs
      end
      if installed == nil or healthy == nil then
        hs.message = "Waiting for Crossplane to install the package"
        return hs
      end
      local wanted = obj.spec and obj.spec.package
      local running = obj.status.currentIdentifier
      if wanted ~= nil and running ~= wanted then
        hs.message = "Running " .. (running or "no package") .. ", not " .. wanted
        return hs
      end
      hs.status = "Healthy"
      hs.message = "Installed and healthy"
      return hs
      """;

  private ProviderHealth() {}
}
