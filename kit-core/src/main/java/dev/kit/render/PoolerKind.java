package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CNPG {@code Pooler}s (PgBouncer): one to the primary, and one to the replicas when asked for.
 */
final class PoolerKind implements ServiceKind {

  @Override
  public String file() {
    return "manifests/database/pooler-rw.yaml, pooler-ro.yaml";
  }

  @Override
  public String description() {
    return "CNPG `Pooler`s (PgBouncer): `rw`, and `ro` when asked for";
  }

  @Override
  public Optional<String> requirement() {
    return Optional.of("a pooler");
  }

  @Override
  public boolean appliesTo(Kit kit, Service service) {
    return service.database().pooler().isPresent();
  }

  @Override
  public Optional<Patch.Target> target() {
    return Optional.of(Patch.Target.POOLER);
  }

  @Override
  public List<String> synced() {
    return List.of("postgresql.cnpg.io/Pooler");
  }

  @Override
  public Optional<SyncWave> wave() {
    return Optional.of(SyncWave.DATABASE);
  }

  @Override
  public List<ServiceFile> render(ServiceContext context) {
    List<ServiceFile> files = new ArrayList<>(2);
    for (CnpgPooler pooler : PoolerRenderer.render(context.kit(), context.service())) {
      files.add(
          new ServiceFile.Manifest(
              "manifests/database/pooler-" + pooler.spec().type() + ".yaml", pooler));
    }
    return files;
  }
}
