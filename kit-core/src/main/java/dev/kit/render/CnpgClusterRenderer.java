package dev.kit.render;

import dev.kit.model.Backups;
import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.PostgresImages;
import dev.kit.model.Restore;
import dev.kit.model.Service;
import dev.kit.model.Storage;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Renders a service's database as a CloudNativePG {@code Cluster}, writing only what the model sets. */
final class CnpgClusterRenderer {

  /** CNPG deletes a cluster's volumes with it: neither pruning nor deleting the Application may remove it. */
  static final String DATA_SAFETY_SYNC_OPTIONS = "Prune=false,Delete=false";

  private CnpgClusterRenderer() {}

  static CnpgCluster render(Kit kit, Service service) {
    Database db = service.database();
    Map<String, String> annotations = new TreeMap<>();
    annotations.put("argocd.argoproj.io/sync-options", DATA_SAFETY_SYNC_OPTIONS);
    annotations.put(SyncWave.ANNOTATION, SyncWave.DATABASE.annotationValue());
    ObjectMeta metadata = new ObjectMetaBuilder()
        .withName(service.clusterName())
        .withNamespace(service.namespace())
        .withAnnotations(annotations)
        .withLabels(KitLabels.of(kit, service, "database"))
        .build();
    Optional<Backups> backups = db.backups();
    Optional<CnpgCluster.ExternalCluster> restoreSource = db.restore().map(r -> restoreSource(kit, r));
    CnpgCluster.Bootstrap bootstrap = restoreSource
        .map(source -> new CnpgCluster.Bootstrap(null, new CnpgCluster.Recovery(source.name(),
            db.restore().get().pointInTime().map(t -> new CnpgCluster.RecoveryTarget(DateTimeFormatter.ISO_INSTANT.format(t))).orElse(null))))
        .or(() -> db.bootstrap().map(b -> new CnpgCluster.Bootstrap(new CnpgCluster.Initdb(b.database(), b.owner()), null)))
        .orElse(null);
    CnpgCluster.Spec spec = new CnpgCluster.Spec(
        db.instances(),
        db.imageName().orElseGet(() -> PostgresImages.forMajor(db.postgresMajor()).orElseThrow()),
        db.superuserAccess(),
        db.antiAffinityTopologyKey()
            .map(key -> new CnpgCluster.Affinity(true, key, db.requiredAntiAffinity() ? "required" : null))
            .orElse(null),
        PoolerRenderer.certificates(service).orElse(null),
        storage(db.storage()),
        db.walStorage().map(CnpgClusterRenderer::storage).orElse(null),
        db.resources().map(ResourceRequirementsMapper::toKubernetes).orElse(null),
        db.parameters().isEmpty() ? null : new CnpgCluster.Postgresql(db.parameters()),
        bootstrap,
        db.podDisruptionBudget().orElse(null),
        db.primaryUpdateStrategy().map(Database.PrimaryUpdateStrategy::value).orElse(null),
        db.primaryUpdateMethod().map(Database.PrimaryUpdateMethod::value).orElse(null),
        backups.filter(b -> !b.legacyInTree()).map(b -> List.of(BackupsRenderer.walArchiver(service))).orElse(null),
        backups.filter(Backups::legacyInTree).map(BackupsRenderer::legacy).orElse(null),
        restoreSource.map(List::of).orElse(null));
    return new CnpgCluster(CnpgCluster.API_VERSION, CnpgCluster.KIND, metadata, spec);
  }

  /**
   * The external cluster to recover from: another service's backups (through the plugin, or the in-tree
   * store when that service still uses it), or a named ObjectStore.
   */
  private static CnpgCluster.ExternalCluster restoreSource(Kit kit, Restore restore) {
    if (restore.source() instanceof Restore.ServiceBackups fromService) {
      Service source = kit.services().stream().filter(s -> s.name().equals(fromService.service())).findFirst().orElseThrow();
      Backups backups = source.database().backups().orElseThrow();
      if (backups.legacyInTree()) {
        return new CnpgCluster.ExternalCluster(source.clusterName(), null,
            BackupsRenderer.configuration(backups, source.clusterName()));
      }
      return new CnpgCluster.ExternalCluster(source.clusterName(), recoveryPlugin(source.objectStoreName(), source.clusterName()), null);
    }
    Restore.ObjectStoreBackups store = (Restore.ObjectStoreBackups) restore.source();
    return new CnpgCluster.ExternalCluster(store.serverName(), recoveryPlugin(store.objectStore(), store.serverName()), null);
  }

  private static CnpgCluster.PluginConfiguration recoveryPlugin(String objectStore, String serverName) {
    Map<String, String> parameters = new TreeMap<>();
    parameters.put("barmanObjectName", objectStore);
    parameters.put("serverName", serverName);
    return new CnpgCluster.PluginConfiguration(BarmanObjectStore.PLUGIN, null, parameters);
  }

  private static CnpgCluster.StorageConfiguration storage(Storage storage) {
    return new CnpgCluster.StorageConfiguration(storage.size(), storage.storageClass().orElse(null));
  }
}
