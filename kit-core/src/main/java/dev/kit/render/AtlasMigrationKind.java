package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The Atlas operator's {@code AtlasMigration}: the migrations of the operator engine. */
final class AtlasMigrationKind implements ServiceKind {

  @Override
  public String file() {
    return "manifests/migrations/atlasmigration.yaml";
  }

  @Override
  public String description() {
    return "Atlas operator `AtlasMigration`, reading the migrations ConfigMap";
  }

  @Override
  public Optional<String> requirement() {
    return Optional.of("migrations on the operator engine");
  }

  @Override
  public boolean appliesTo(Kit kit, Service service) {
    return service.migrations().isPresent()
        && service.migrations().get().engine() == Migrations.Engine.OPERATOR;
  }

  @Override
  public Optional<Patch.Target> target() {
    return Optional.of(Patch.Target.ATLAS_MIGRATION);
  }

  @Override
  public List<String> synced() {
    return List.of("db.atlasgo.io/AtlasMigration");
  }

  @Override
  public Optional<SyncWave> wave() {
    return Optional.of(SyncWave.MIGRATION);
  }

  @Override
  public Map<String, String> healthChecks() {
    return ArgoHealthChecks.ATLAS_KINDS;
  }

  @Override
  public List<ServiceFile> render(ServiceContext context) {
    String configMap =
        Objects.requireNonNull(
            context.migrationsConfigMaps().get(0).metadata().name(),
            "MigrationsRenderer names every ConfigMap");
    return List.of(
        new ServiceFile.Manifest(
            file(),
            AtlasOperatorRenderer.migration(
                context.kit(), context.service(), context.migrationSettings(), configMap)));
  }
}
