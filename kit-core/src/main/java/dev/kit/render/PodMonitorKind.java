package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import java.util.List;
import java.util.Optional;

/** The Prometheus Operator {@code PodMonitor} of the database's instances. */
final class PodMonitorKind implements ServiceKind {

  @Override
  public String file() {
    return "manifests/monitoring/podmonitor.yaml";
  }

  @Override
  public String description() {
    return "Prometheus Operator `PodMonitor`";
  }

  @Override
  public Optional<String> requirement() {
    return Optional.of("monitoring");
  }

  @Override
  public boolean appliesTo(Kit kit, Service service) {
    return service.monitoring().isPresent();
  }

  @Override
  public Optional<Patch.Target> target() {
    return Optional.of(Patch.Target.POD_MONITOR);
  }

  @Override
  public List<String> synced() {
    return List.of("monitoring.coreos.com/PodMonitor");
  }

  @Override
  public List<ServiceFile> render(ServiceContext context) {
    return List.of(
        new ServiceFile.Manifest(
            file(), MonitoringRenderer.podMonitor(context.kit(), context.service())));
  }
}
