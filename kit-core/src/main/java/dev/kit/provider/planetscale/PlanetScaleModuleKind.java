package dev.kit.provider.planetscale;

import dev.kit.model.Kit;
import dev.kit.model.PlanetScale;
import dev.kit.model.Service;
import dev.kit.render.ServiceContext;
import dev.kit.render.ServiceFile;
import dev.kit.render.ServiceKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The OpenTofu/Terraform module of a PlanetScale database, {@code database/main.tf}: reviewed, then
 * applied.
 */
final class PlanetScaleModuleKind implements ServiceKind {

  @Override
  public String file() {
    return PlanetScaleModule.FOLDER + "/" + PlanetScaleModule.FILE;
  }

  @Override
  public String description() {
    return "OpenTofu module: the PlanetScale branch, its migrator and app roles, PgBouncer and backup policy when asked,"
        + " the app's connection Secret";
  }

  @Override
  public Optional<String> requirement() {
    return Optional.of("a PlanetScale database");
  }

  @Override
  public boolean appliesTo(Kit kit, Service service) {
    return service.database().host() instanceof PlanetScale;
  }

  @Override
  public List<ServiceFile> render(ServiceContext context) {
    return List.of(new ServiceFile.Text(file(), text(context).getBytes(StandardCharsets.UTF_8)));
  }

  static String text(ServiceContext context) {
    Service service = context.service();
    return PlanetScaleModule.render(
        context.source(),
        service.name(),
        service.namespace(),
        service.database().postgresMajor(),
        (PlanetScale) service.database().host());
  }
}
