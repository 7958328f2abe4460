package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import java.util.List;
import java.util.Optional;

/** The Barman Cloud plugin's {@code ObjectStore}: where the backups go. */
final class ObjectStoreKind implements ServiceKind {

  @Override
  public String file() {
    return "manifests/database/objectstore.yaml";
  }

  @Override
  public String description() {
    return "Barman Cloud `ObjectStore`";
  }

  @Override
  public Optional<String> requirement() {
    return Optional.of("backups through the Barman Cloud plugin");
  }

  @Override
  public boolean appliesTo(Kit kit, Service service) {
    return service.database().backups().isPresent()
        && !service.database().backups().get().legacyInTree();
  }

  @Override
  public Optional<Patch.Target> target() {
    return Optional.of(Patch.Target.OBJECT_STORE);
  }

  @Override
  public List<String> synced() {
    return List.of("barmancloud.cnpg.io/ObjectStore");
  }

  @Override
  public Optional<SyncWave> wave() {
    return Optional.of(SyncWave.BACKUP_STORE);
  }

  @Override
  public List<ServiceFile> render(ServiceContext context) {
    return List.of(
        new ServiceFile.Manifest(
            file(), BackupsRenderer.objectStore(context.kit(), context.service())));
  }
}
