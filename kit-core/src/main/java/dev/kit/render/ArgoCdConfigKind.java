package dev.kit.render;

import dev.kit.model.Kit;

/**
 * kit's health checks in {@code argocd-cm}, for what the services generate; the root does not sync
 * it.
 */
final class ArgoCdConfigKind implements PlatformKind {

  @Override
  public String file() {
    return "argocd-cm.yaml";
  }

  @Override
  public String description() {
    return "kit's health checks for what the services generate (see Argo CD versions); not synced by the root";
  }

  @Override
  public String when() {
    return "always";
  }

  @Override
  public boolean appliesTo(Kit kit) {
    return true;
  }

  @Override
  public Object render(PlatformContext context) {
    return ArgoHealthChecks.configMap(context);
  }
}
