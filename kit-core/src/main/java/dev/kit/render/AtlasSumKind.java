package dev.kit.render;

import dev.kit.layout.ServiceLayout;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import java.util.List;
import java.util.Optional;

/**
 * {@code atlas.sum} in the migrations folder: Atlas refuses a folder whose files do not match it.
 */
final class AtlasSumKind implements ServiceKind {

  @Override
  public String file() {
    return "migrations/" + ServiceLayout.ATLAS_SUM;
  }

  @Override
  public String description() {
    return "byte-identical to what Atlas computes, beside your `<version>_<name>.sql` files";
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
    return List.of(
        new ServiceFile.AtlasSumFile(
            context.migrationsFolder() + "/" + ServiceLayout.ATLAS_SUM, context.atlasSumFile()));
  }
}
