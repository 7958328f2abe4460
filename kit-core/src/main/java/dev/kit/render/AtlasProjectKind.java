package dev.kit.render;

import dev.kit.layout.ServiceLayout;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import java.util.List;
import java.util.Optional;

/** Atlas's project file, the same bytes as the Job reads from its ConfigMap. */
final class AtlasProjectKind implements ServiceKind {

  @Override
  public String file() {
    return ServiceLayout.ATLAS_PROJECT;
  }

  @Override
  public String description() {
    return "Atlas project file: env `local` for you, env `k8s` = what the Job runs (same bytes in its ConfigMap)";
  }

  @Override
  public Optional<String> requirement() {
    return Optional.of("migrations");
  }

  @Override
  public boolean appliesTo(Kit kit, Service service) {
    return service.migrations().isPresent();
  }

  @Override
  public List<ServiceFile> render(ServiceContext context) {
    return List.of(new ServiceFile.Text(file(), context.atlasProject()));
  }
}
