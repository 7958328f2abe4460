package dev.kit.render;

import dev.kit.layout.ServiceLayout;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import java.util.List;
import java.util.Optional;

/** The on-call guide: last, so it names what the other kinds rendered. */
final class RunbookKind implements ServiceKind {

  @Override
  public String file() {
    return ServiceLayout.RUNBOOK;
  }

  @Override
  public String description() {
    return "the on-call guide, with this service's real names and commands";
  }

  @Override
  public Optional<String> requirement() {
    return Optional.empty();
  }

  @Override
  public boolean appliesTo(Kit kit, Service service) {
    return true;
  }

  @Override
  public List<ServiceFile> render(ServiceContext context) {
    return List.of(new ServiceFile.Text(file(), RunbookRenderer.render(context)));
  }
}
