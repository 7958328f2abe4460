package dev.kit.render;

import dev.kit.model.Backups;
import dev.kit.model.Bootstrap;
import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.PostgresImages;
import dev.kit.model.Restore;
import dev.kit.model.Service;
import dev.kit.model.Storage;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Renders a service's database as a CloudNativePG {@code Cluster}, writing only what the model
 * sets.
 */
final class CnpgClusterRenderer {

  /**
   * CNPG deletes a cluster's volumes with it: neither pruning nor deleting the Application may
   * remove it.
   */
  static final String DATA_SAFETY_SYNC_OPTIONS = "Prune=false,Delete=false";

  /**
   * The service account annotation through which EKS (IRSA) hands a pod the credentials of an IAM
   * role.
   */
  static final String IRSA_ROLE_ARN = "eks.amazonaws.com/role-arn";

  private CnpgClusterRenderer() {}

  static CnpgCluster render(Kit kit, Service service) {
    Database db = service.database();
    Map<String, String> annotations = new TreeMap<>();
    annotations.put("argocd.argoproj.io/sync-options", DATA_SAFETY_SYNC_OPTIONS);
    annotations.put(SyncWave.ANNOTATION, SyncWave.DATABASE.annotationValue());
    ObjectMetadata metadata =
        ObjectMetadata.builder()
            .withName(service.clusterName())
            .withNamespace(service.namespace())
            .withAnnotations(annotations)
            .withLabels(KitLabels.of(kit, service, "database"))
            .build();
    Optional<Backups> backups = db.backups();
    Optional<CnpgCluster.ExternalCluster> restoreSource =
        db.restore().map(r -> restoreSource(kit, service, r));
    CnpgCluster.Bootstrap bootstrap =
        restoreSource
            .map(source -> new CnpgCluster.Bootstrap(null, recovery(kit, service, source)))
            .or(
                () ->
                    db.bootstrap()
                        .map(
                            b ->
                                new CnpgCluster.Bootstrap(
                                    new CnpgCluster.Initdb(b.database(), b.owner()), null)))
            .orElse(null);
    CnpgCluster.Spec spec =
        new CnpgCluster.Spec(
            db.instances(),
            image(kit, service).orElseThrow(),
            db.superuserAccess(),
            db.antiAffinityTopologyKey()
                .map(
                    key ->
                        new CnpgCluster.Affinity(
                            true, key, db.requiredAntiAffinity() ? "required" : null))
                .orElse(null),
            PoolerRenderer.certificates(service).orElse(null),
            storage(db.storage().orElseThrow()),
            db.walStorage().map(CnpgClusterRenderer::storage).orElse(null),
            db.resources().map(KubeResources::of).orElse(null),
            db.parameters().isEmpty() ? null : new CnpgCluster.Postgresql(db.parameters()),
            bootstrap,
            db.podDisruptionBudget().orElse(null),
            db.primaryUpdateStrategy().map(Database.PrimaryUpdateStrategy::value).orElse(null),
            db.primaryUpdateMethod().map(Database.PrimaryUpdateMethod::value).orElse(null),
            backups
                .filter(b -> !b.legacyInTree())
                .map(b -> List.of(BackupsRenderer.walArchiver(service)))
                .orElse(null),
            backups.filter(Backups::legacyInTree).map(BackupsRenderer::legacy).orElse(null),
            restoreSource.map(List::of).orElse(null),
            irsaRole(kit, service)
                .map(
                    role ->
                        new CnpgCluster.ServiceAccountTemplate(
                            ObjectMetadata.builder().addToAnnotations(IRSA_ROLE_ARN, role).build()))
                .orElse(null));
    return new CnpgCluster(CnpgCluster.API_VERSION, CnpgCluster.KIND, metadata, spec);
  }

  /**
   * The operand image: the one set, else the pinned {@code system} image where Barman Cloud runs in
   * the instances (the in-tree store, archiving or recovered from), else the pinned {@code
   * standard} image; empty for an unknown major.
   */
  static Optional<String> image(Kit kit, Service service) {
    Database db = service.database();
    if (db.imageName().isPresent()) {
      return db.imageName();
    }
    return kit.runsInTreeBarmanCloud(service)
        ? PostgresImages.system(db.postgresMajor())
        : PostgresImages.standard(db.postgresMajor());
  }

  /**
   * The IAM role the instances assume through IRSA: Barman Cloud runs in them (plugin sidecar or
   * in-tree) both to archive this cluster's backups and to read the backups it is restored from.
   * Validation keeps the two equal.
   */
  static Optional<String> irsaRole(Kit kit, Service service) {
    return service
        .database()
        .backups()
        .flatMap(Backups::irsaRoleArn)
        .or(
            () ->
                kit.restoreSource(service)
                    .flatMap(source -> source.database().backups())
                    .flatMap(Backups::irsaRoleArn));
  }

  /**
   * Recovery creates no database: {@code database} and {@code owner} name the ones in the backups,
   * whose credentials CNPG writes to {@code <cluster>-app}. Left out, CNPG would create an empty
   * {@code app} and point the Secret at it.
   */
  private static CnpgCluster.Recovery recovery(
      Kit kit, Service service, CnpgCluster.ExternalCluster source) {
    Bootstrap database = kit.applicationDatabase(service);
    return new CnpgCluster.Recovery(
        source.name(),
        database.database(),
        database.owner(),
        service
            .database()
            .restore()
            .orElseThrow()
            .pointInTime()
            .map(t -> new CnpgCluster.RecoveryTarget(DateTimeFormatter.ISO_INSTANT.format(t)))
            .orElse(null));
  }

  /**
   * The external cluster to recover from: another service's backups (through the plugin, or the
   * in-tree store when that service still uses it), or a named ObjectStore.
   */
  private static CnpgCluster.ExternalCluster restoreSource(
      Kit kit, Service service, Restore restore) {
    if (restore.source() instanceof Restore.ServiceBackups) {
      Service source = kit.restoreSource(service).orElseThrow();
      Backups backups = source.database().backups().orElseThrow();
      if (backups.legacyInTree()) {
        return new CnpgCluster.ExternalCluster(
            source.clusterName(),
            null,
            BackupsRenderer.configuration(backups, source.clusterName()));
      }
      return new CnpgCluster.ExternalCluster(
          source.clusterName(),
          recoveryPlugin(source.objectStoreName(), source.clusterName()),
          null);
    }
    Restore.ObjectStoreBackups store = (Restore.ObjectStoreBackups) restore.source();
    return new CnpgCluster.ExternalCluster(
        store.serverName(), recoveryPlugin(store.objectStore(), store.serverName()), null);
  }

  private static CnpgCluster.PluginConfiguration recoveryPlugin(
      String objectStore, String serverName) {
    Map<String, String> parameters = new TreeMap<>();
    parameters.put("barmanObjectName", objectStore);
    parameters.put("serverName", serverName);
    return new CnpgCluster.PluginConfiguration(BarmanObjectStore.PLUGIN, null, parameters);
  }

  private static CnpgCluster.StorageConfiguration storage(Storage storage) {
    return new CnpgCluster.StorageConfiguration(
        storage.size(), storage.storageClass().orElse(null));
  }
}
