package dev.kit.render;

import dev.kit.model.Backups;
import dev.kit.model.Compression;
import dev.kit.model.Kit;
import dev.kit.model.S3Credentials;
import dev.kit.model.SecretKey;
import dev.kit.model.Service;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Renders continuous backup with the Barman Cloud plugin: the {@code ObjectStore}, the Cluster's
 * WAL archiver entry and the {@code ScheduledBackup}; or, when asked, CNPG's deprecated in-tree
 * section.
 */
final class BackupsRenderer {

  private BackupsRenderer() {}

  /**
   * The ObjectStore at wave -3, protected like the Cluster: it holds the only copy of old backups.
   */
  static BarmanObjectStore objectStore(Kit kit, Service service) {
    Backups backups = service.database().backups().orElseThrow();
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(
        "argocd.argoproj.io/sync-options", CnpgClusterRenderer.DATA_SAFETY_SYNC_OPTIONS);
    annotations.put(SyncWave.ANNOTATION, SyncWave.BACKUP_STORE.annotationValue());
    return new BarmanObjectStore(
        BarmanObjectStore.API_VERSION,
        BarmanObjectStore.KIND,
        ObjectMetadata.builder()
            .withName(service.objectStoreName())
            .withNamespace(service.namespace())
            .withAnnotations(annotations)
            .withLabels(KitLabels.of(kit, service, "backup"))
            .build(),
        new BarmanObjectStore.Spec(
            configuration(backups, null), backups.retentionPolicy().orElse(null)));
  }

  /**
   * The Cluster's {@code plugins} entry that makes Barman Cloud archive its WAL into the
   * ObjectStore.
   */
  static CnpgCluster.PluginConfiguration walArchiver(Service service) {
    return new CnpgCluster.PluginConfiguration(
        BarmanObjectStore.PLUGIN, true, Map.of("barmanObjectName", service.objectStoreName()));
  }

  /** CNPG's deprecated {@code spec.backup.barmanObjectStore} (removed in CNPG 1.31). */
  static CnpgCluster.Backup legacy(Backups backups) {
    return new CnpgCluster.Backup(
        configuration(backups, null), backups.retentionPolicy().orElse(null));
  }

  /**
   * The ScheduledBackup at wave 0: it needs the cluster healthy and archiving, not the other way
   * round.
   */
  static CnpgScheduledBackup scheduledBackup(Kit kit, Service service) {
    Backups backups = service.database().backups().orElseThrow();
    boolean plugin = !backups.legacyInTree();
    return new CnpgScheduledBackup(
        CnpgCluster.API_VERSION,
        CnpgScheduledBackup.KIND,
        ObjectMetadata.builder()
            .withName(service.clusterName() + "-backup")
            .withNamespace(service.namespace())
            .withLabels(KitLabels.of(kit, service, "backup"))
            .build(),
        new CnpgScheduledBackup.Spec(
            new CnpgScheduledBackup.ClusterReference(service.clusterName()),
            backups.schedule().orElseThrow(),
            plugin ? "plugin" : null,
            plugin ? new CnpgScheduledBackup.PluginConfiguration(BarmanObjectStore.PLUGIN) : null,
            // CNPG's defaults (no owner, no immediate backup) stay unwritten.
            backups.backupOwnerReference() == Backups.BackupOwner.NONE
                ? null
                : backups.backupOwnerReference().value(),
            backups.immediate() ? Boolean.TRUE : null));
  }

  /**
   * The object store configuration; {@code serverName} names another cluster's folder when
   * recovering from it.
   */
  static BarmanObjectStore.Configuration configuration(
      Backups backups, @Nullable String serverName) {
    BarmanObjectStore.S3Credentials credentials;
    // Validation refused backups without credentials before anything renders.
    if (backups.credentials().orElseThrow() instanceof S3Credentials.Keys keys) {
      credentials =
          new BarmanObjectStore.S3Credentials(
              selector(keys.accessKeyId()),
              selector(keys.secretAccessKey()),
              selector(keys.sessionToken()),
              selector(backups.region()),
              null);
    } else {
      credentials =
          new BarmanObjectStore.S3Credentials(null, null, null, selector(backups.region()), true);
    }
    Compression wal = backups.walCompression().orElse(null);
    Compression data = backups.dataCompression().orElse(null);
    return new BarmanObjectStore.Configuration(
        backups.destinationPath(),
        backups.endpointUrl().orElse(null),
        selector(backups.endpointCa()),
        credentials,
        serverName,
        wal == null ? null : new BarmanObjectStore.Wal(wal.value()),
        data == null ? null : new BarmanObjectStore.Data(data.value()));
  }

  private static BarmanObjectStore.SecretKeySelector selector(SecretKey key) {
    return new BarmanObjectStore.SecretKeySelector(key.name(), key.key());
  }

  private static BarmanObjectStore.@Nullable SecretKeySelector selector(Optional<SecretKey> key) {
    return key.isPresent() ? selector(key.get()) : null;
  }
}
