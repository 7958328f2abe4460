package dev.kit.render;

import dev.kit.model.Bootstrap;
import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The CNPG {@code Database} that keeps the extensions and schemas the migrations rely on present in
 * the application database (CloudNativePG 1.30's declarative database management). It shares the
 * Cluster's wave, -2: Argo CD applies both and waits for both to be healthy (kit's health check
 * below, as Argo CD has none for the kind) before the migration at -1.
 */
final class CnpgDatabaseKind implements ServiceKind {

  /** The fields of a {@code postgresql.cnpg.io/v1} Database that kit writes. */
  record CnpgDatabase(String apiVersion, String kind, ObjectMetadata metadata, Spec spec) {

    /**
     * @param ensure and {@code databaseReclaimPolicy} written although they are CNPG's defaults:
     *     Argo CD would see the defaults CNPG writes back as drift otherwise
     */
    record Spec(
        String name,
        String owner,
        ClusterReference cluster,
        String ensure,
        String databaseReclaimPolicy,
        @Nullable List<Extension> extensions,
        @Nullable List<Schema> schemas) {}

    record ClusterReference(String name) {}

    record Extension(String name, String ensure) {}

    record Schema(String name, String owner, String ensure) {}
  }

  /**
   * Healthy once CloudNativePG applied the current generation and every extension and schema;
   * Degraded with the failed extension's or schema's message, else CloudNativePG's, when it could
   * not. CloudNativePG sets {@code observedGeneration} only on success ({@code SetAsReady}; a
   * failure sets {@code applied: false} and the message alone), so a failure is Degraded whatever
   * generation it reports. An extension or schema that failed fails the whole database with the
   * general message "database object reconciliation failed", and only then is the item the cause:
   * CloudNativePG rewrites the per-item lists only when it gets that far, so beside another message
   * they may be an earlier run's.
   */
  static final String HEALTH =
      """
      local hs = {}
      local status = obj.status or {}
      local function failedItem()
        for _, list in ipairs({"extensions", "schemas"}) do
          if status[list] ~= nil then
            for _, item in ipairs(status[list]) do
              if item.applied == false then
                return string.sub(list, 1, -2) .. " " .. tostring(item.name) .. ": " .. (item.message or "not applied")
              end
            end
          end
        end
        return nil
      end
      if status.applied == nil then
        hs.status = "Progressing"
        hs.message = "Waiting for CloudNativePG to apply the database"
        if status.message ~= nil and status.message ~= "" then
          hs.message = hs.message .. ": " .. status.message
        end
        return hs
      end
      if status.applied == false then
        hs.status = "Degraded"
        hs.message = status.message
        if hs.message == nil or hs.message == "database object reconciliation failed" then
          hs.message = failedItem() or hs.message or "CloudNativePG could not apply the database"
        end
        return hs
      end
      if status.observedGeneration ~= nil and obj.metadata.generation ~= nil
          and status.observedGeneration < obj.metadata.generation then
        hs.status = "Progressing"
        hs.message = "Waiting for CloudNativePG to apply generation " .. obj.metadata.generation
        return hs
      end
      local failed = failedItem()
      if failed ~= nil then
        hs.status = "Degraded"
        hs.message = failed
        return hs
      end
      hs.status = "Healthy"
      hs.message = "Applied"
      return hs
      """;

  @Override
  public String file() {
    return "manifests/database/database.yaml";
  }

  @Override
  public String description() {
    return "CNPG `Database`: the extensions and schemas the migrations rely on";
  }

  @Override
  public Optional<String> requirement() {
    return Optional.of("extensions or schemas");
  }

  @Override
  public boolean appliesTo(Kit kit, Service service) {
    Database db = service.database();
    return CloudNativePgProvider.runs(db) && !(db.extensions().isEmpty() && db.schemas().isEmpty());
  }

  @Override
  public Optional<Patch.Target> target() {
    return Optional.of(Patch.Target.DATABASE);
  }

  @Override
  public List<String> synced() {
    return List.of("postgresql.cnpg.io/Database");
  }

  @Override
  public Optional<SyncWave> wave() {
    return Optional.of(SyncWave.DATABASE);
  }

  @Override
  public Map<String, String> healthChecks() {
    return Map.of("postgresql.cnpg.io_Database", HEALTH);
  }

  @Override
  public List<ServiceFile> render(ServiceContext context) {
    Service service = context.service();
    Database db = service.database();
    Bootstrap database = context.kit().applicationDatabase(service);
    String present = "present";
    CnpgDatabase object =
        new CnpgDatabase(
            CnpgCluster.API_VERSION,
            "Database",
            ObjectMetadata.builder()
                .withName(service.clusterName() + "-database")
                .withNamespace(service.namespace())
                .addToAnnotations(SyncWave.ANNOTATION, SyncWave.DATABASE.annotationValue())
                .withLabels(KitLabels.of(context.kit(), service, "database"))
                .build(),
            new CnpgDatabase.Spec(
                database.database(),
                database.owner(),
                new CnpgDatabase.ClusterReference(service.clusterName()),
                present,
                "retain",
                db.extensions().isEmpty()
                    ? null
                    : db.extensions().stream()
                        .map(e -> new CnpgDatabase.Extension(e, present))
                        .toList(),
                db.schemas().isEmpty()
                    ? null
                    : db.schemas().stream()
                        .map(s -> new CnpgDatabase.Schema(s, database.owner(), present))
                        .toList()));
    return List.of(new ServiceFile.Manifest(file(), object));
  }
}
