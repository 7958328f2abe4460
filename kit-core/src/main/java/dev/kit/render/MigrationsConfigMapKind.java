package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The ConfigMaps that carry the migrations, split past the ConfigMap size limit. */
final class MigrationsConfigMapKind implements ServiceKind {

  @Override
  public String file() {
    return "manifests/migrations/configmap.yaml";
  }

  @Override
  public String description() {
    return "the SQL files, `atlas.sum` and the Job's `atlas.hcl` (`configmap-2.yaml`, ... past 900 KiB)";
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
  public Optional<Patch.Target> target() {
    return Optional.of(Patch.Target.MIGRATIONS_CONFIGMAP);
  }

  @Override
  public List<String> synced() {
    return List.of("/ConfigMap");
  }

  @Override
  public Optional<SyncWave> wave() {
    return Optional.of(SyncWave.DATABASE);
  }

  @Override
  public List<ServiceFile> render(ServiceContext context) {
    List<KubeConfigMap> configMaps = context.migrationsConfigMaps();
    List<ServiceFile> files = new ArrayList<>(configMaps.size());
    for (int i = 0; i < configMaps.size(); i++) {
      String file = i == 0 ? "configmap.yaml" : "configmap-" + (i + 1) + ".yaml";
      files.add(new ServiceFile.Manifest("manifests/migrations/" + file, configMaps.get(i)));
    }
    return files;
  }
}
