package dev.kit.render;

import dev.kit.layout.ServiceLayout;
import dev.kit.model.ArgoCd;
import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import java.util.List;
import java.util.Optional;

/** The service's Argo CD {@code Application}, unless the ApplicationSet generates it. */
final class ApplicationKind implements ServiceKind {

  @Override
  public String file() {
    return ServiceLayout.APPLICATION;
  }

  @Override
  public String description() {
    return "Argo CD `Application` (source: `services/<service>/manifests`, recursive)";
  }

  @Override
  public Optional<String> requirement() {
    return Optional.of(
        "an Application of its own (delivery APPLICATION_PER_SERVICE or APP_OF_APPS)");
  }

  @Override
  public boolean appliesTo(Kit kit, Service service) {
    return kit.repository().argoCd().delivery() != ArgoCd.Delivery.APPLICATION_SET;
  }

  @Override
  public Optional<Patch.Target> target() {
    return Optional.of(Patch.Target.APPLICATION);
  }

  @Override
  public List<ServiceFile> render(ServiceContext context) {
    return List.of(
        new ServiceFile.Manifest(
            file(), ArgoApplicationRenderer.render(context.kit(), context.service())));
  }
}
