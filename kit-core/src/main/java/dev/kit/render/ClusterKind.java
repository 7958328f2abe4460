package dev.kit.render;

import dev.kit.model.Backups;
import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The CloudNativePG {@code Cluster}: the database. */
final class ClusterKind implements ServiceKind {

  @Override
  public String file() {
    return "manifests/database/cluster.yaml";
  }

  @Override
  public String description() {
    return "CNPG `Cluster`";
  }

  @Override
  public Optional<String> requirement() {
    return Optional.of("a CloudNativePG database");
  }

  @Override
  public boolean appliesTo(Kit kit, Service service) {
    return CloudNativePgProvider.runs(service.database());
  }

  @Override
  public Optional<Patch.Target> target() {
    return Optional.of(Patch.Target.CLUSTER);
  }

  @Override
  public List<String> synced() {
    return List.of("postgresql.cnpg.io/Cluster");
  }

  @Override
  public Optional<SyncWave> wave() {
    return Optional.of(SyncWave.DATABASE);
  }

  @Override
  public Map<String, String> healthChecks() {
    return Map.of("postgresql.cnpg.io_Cluster", ArgoHealthChecks.CNPG_CLUSTER);
  }

  @Override
  public List<ServiceFile> render(ServiceContext context) {
    Service service = context.service();
    Optional<Backups> backups = service.database().backups();
    if (backups.isPresent() && backups.get().legacyInTree()) {
      context.warn(
          "services["
              + service.name()
              + "].database.backups: the in-tree barmanObjectStore is deprecated and CloudNativePG 1.31 removes it; drop "
              + "legacyInTree() to use the Barman Cloud plugin");
    }
    unscheduledSource(context);
    return List.of(
        new ServiceFile.Manifest(file(), CnpgClusterRenderer.render(context.kit(), service)));
  }

  /**
   * A warning for a restore from a service whose backups have no schedule: without a
   * ScheduledBackup no base backup exists unless someone took one, and recovery fails without one.
   * Not a violation, as a backup taken by hand serves.
   */
  private static void unscheduledSource(ServiceContext context) {
    Service service = context.service();
    Optional<Service> source = context.kit().restoreSource(service);
    if (source.isEmpty()) {
      return;
    }
    Optional<Backups> backups = source.get().database().backups();
    if (backups.isEmpty() || backups.get().schedule().isPresent()) {
      return;
    }
    context.warn(
        "services["
            + service.name()
            + "].database.restore: the backups of service \""
            + source.get().name()
            + "\" have no schedule(...), so no ScheduledBackup takes a base backup, and recovery"
            + " fails without one; add schedule(...) to its backups, or take one before this"
            + " cluster starts: "
            + RunbookRenderer.backupCommand(
                source.get().clusterName(), source.get().namespace(), backups.get()));
  }
}
