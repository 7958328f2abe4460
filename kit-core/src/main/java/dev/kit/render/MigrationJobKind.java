package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import java.util.List;
import java.util.Optional;

/** The Atlas {@code migrate apply} Job: an Argo CD Sync hook, alone at its wave. */
final class MigrationJobKind implements ServiceKind {

  @Override
  public String file() {
    return "manifests/migrations/job.yaml";
  }

  @Override
  public String description() {
    return "Atlas `migrate apply`, an Argo CD Sync hook";
  }

  @Override
  public Optional<String> requirement() {
    return Optional.of("migrations on the job engine");
  }

  @Override
  public boolean appliesTo(Kit kit, Service service) {
    Optional<Migrations> migrations = service.migrations();
    return migrations.isPresent() && migrations.get().engine() == Migrations.Engine.JOB;
  }

  /** A service without migrations lacks those first. */
  @Override
  public Optional<String> missing(Kit kit, Service service) {
    return service.migrations().isEmpty()
        ? Optional.of("migrations")
        : ServiceKind.super.missing(kit, service);
  }

  @Override
  public Optional<Patch.Target> target() {
    return Optional.of(Patch.Target.MIGRATION_JOB);
  }

  @Override
  public List<String> synced() {
    return List.of("batch/Job");
  }

  @Override
  public Optional<SyncWave> wave() {
    return Optional.of(SyncWave.MIGRATION);
  }

  @Override
  public List<ServiceFile> render(ServiceContext context) {
    return List.of(
        new ServiceFile.Manifest(
            file(),
            MigrationsRenderer.job(
                context.kit(),
                context.service(),
                context.migrationSettings(),
                context.atlasSum(),
                context.migrationsConfigMaps().size())));
  }
}
