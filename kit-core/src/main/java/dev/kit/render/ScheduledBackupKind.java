package dev.kit.render;

import dev.kit.model.Backups;
import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import java.util.List;
import java.util.Optional;

/**
 * The CNPG {@code ScheduledBackup}: base backups on a schedule, at wave 0 once the cluster
 * archives.
 */
final class ScheduledBackupKind implements ServiceKind {

  @Override
  public String file() {
    return "manifests/database/scheduledbackup.yaml";
  }

  @Override
  public String description() {
    return "CNPG `ScheduledBackup`";
  }

  @Override
  public Optional<String> requirement() {
    return Optional.of("a backup schedule");
  }

  @Override
  public boolean appliesTo(Kit kit, Service service) {
    Optional<Backups> backups = service.database().backups();
    return backups.isPresent() && backups.get().schedule().isPresent();
  }

  @Override
  public Optional<Patch.Target> target() {
    return Optional.of(Patch.Target.SCHEDULED_BACKUP);
  }

  @Override
  public List<String> synced() {
    return List.of("postgresql.cnpg.io/ScheduledBackup");
  }

  @Override
  public List<ServiceFile> render(ServiceContext context) {
    return List.of(
        new ServiceFile.Manifest(
            file(), BackupsRenderer.scheduledBackup(context.kit(), context.service())));
  }
}
