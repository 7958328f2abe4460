package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Atlas operator's {@code AtlasSchema}: the database kept in line with a declarative schema
 * file.
 */
final class AtlasSchemaKind implements ServiceKind {

  @Override
  public String file() {
    return "manifests/migrations/atlasschema.yaml";
  }

  @Override
  public String description() {
    return "Atlas operator `AtlasSchema`, from the declarative schema file";
  }

  @Override
  public Optional<String> requirement() {
    return Optional.of("a declarative schema");
  }

  @Override
  public boolean appliesTo(Kit kit, Service service) {
    return service.declarativeSchema().isPresent();
  }

  @Override
  public Optional<Patch.Target> target() {
    return Optional.of(Patch.Target.ATLAS_SCHEMA);
  }

  @Override
  public List<String> synced() {
    return List.of("db.atlasgo.io/AtlasSchema");
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
    Service service = context.service();
    return List.of(
        new ServiceFile.Manifest(
            file(),
            AtlasOperatorRenderer.schema(
                context.kit(),
                service,
                service.declarativeSchema().orElseThrow(),
                context.schema().orElse(null))));
  }
}
