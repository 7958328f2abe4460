package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import java.util.List;
import java.util.Optional;

/** The Prometheus Operator {@code PrometheusRule}: the database's alerts. */
final class PrometheusRuleKind implements ServiceKind {

  @Override
  public String file() {
    return "manifests/monitoring/prometheusrule.yaml";
  }

  @Override
  public String description() {
    return "Prometheus Operator `PrometheusRule`: replication, WAL archiving and backup alerts";
  }

  @Override
  public Optional<String> requirement() {
    return Optional.of("monitoring, and replicas or backups to alert on"); // README's table
  }

  @Override
  public boolean appliesTo(Kit kit, Service service) {
    // An empty rule group alerts on nothing: the PodMonitor alone then.
    return missing(kit, service).isEmpty();
  }

  /** Of {@link #requirement()}, what the service lacks: monitoring first. */
  @Override
  public Optional<String> missing(Kit kit, Service service) {
    if (service.monitoring().isEmpty()) {
      return Optional.of("monitoring");
    }
    return MonitoringRenderer.hasAlerts(service)
        ? Optional.empty()
        : Optional.of("replicas or backups to alert on");
  }

  @Override
  public Optional<Patch.Target> target() {
    return Optional.of(Patch.Target.PROMETHEUS_RULE);
  }

  @Override
  public List<String> synced() {
    return List.of("monitoring.coreos.com/PrometheusRule");
  }

  @Override
  public List<ServiceFile> render(ServiceContext context) {
    return List.of(
        new ServiceFile.Manifest(
            file(), MonitoringRenderer.prometheusRule(context.kit(), context.service())));
  }
}
