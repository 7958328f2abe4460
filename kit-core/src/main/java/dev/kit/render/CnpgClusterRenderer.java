package dev.kit.render;

import dev.kit.model.Backups;
import dev.kit.model.Bootstrap;
import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.PostgresImages;
import dev.kit.model.Resources;
import dev.kit.model.Restore;
import dev.kit.model.Role;
import dev.kit.model.Service;
import dev.kit.model.Storage;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

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
    // Plain ifs rather than Optional chains: every service renders a Cluster, and each lambda is
    // one more class to spin and compile in a cold run.
    Restore restore = db.restore().orElse(null);
    CnpgCluster.ExternalCluster restoreSource =
        restore == null ? null : restoreSource(kit, service, restore);
    Bootstrap initdb = db.bootstrap().orElse(null);
    CnpgCluster.Bootstrap bootstrap = null;
    if (restoreSource != null) {
      bootstrap = new CnpgCluster.Bootstrap(null, recovery(kit, service, restoreSource));
    } else if (initdb != null) {
      bootstrap =
          new CnpgCluster.Bootstrap(
              new CnpgCluster.Initdb(initdb.database(), initdb.owner()), null);
    }
    String antiAffinityKey = db.antiAffinityTopologyKey().orElse(null);
    Storage wal = db.walStorage().orElse(null);
    Resources resources = db.resources().orElse(null);
    Database.PrimaryUpdateStrategy updateStrategy = db.primaryUpdateStrategy().orElse(null);
    Database.PrimaryUpdateMethod updateMethod = db.primaryUpdateMethod().orElse(null);
    Backups backups = db.backups().orElse(null);
    String irsaRole = irsaRole(kit, service).orElse(null);
    CnpgCluster.Spec spec =
        new CnpgCluster.Spec(
            db.instances(),
            image(kit, service).orElseThrow(),
            db.superuserAccess(),
            antiAffinityKey == null
                ? null
                : new CnpgCluster.Affinity(
                    true, antiAffinityKey, db.requiredAntiAffinity() ? "required" : null),
            PoolerRenderer.certificates(service),
            storage(db.storage().orElseThrow()),
            wal == null ? null : storage(wal),
            resources == null ? null : KubeResources.of(resources),
            db.parameters().isEmpty() ? null : new CnpgCluster.Postgresql(db.parameters()),
            bootstrap,
            managed(db),
            db.podDisruptionBudget().orElse(null),
            updateStrategy == null ? null : updateStrategy.value(),
            updateMethod == null ? null : updateMethod.value(),
            backups == null || backups.legacyInTree()
                ? null
                : List.of(BackupsRenderer.walArchiver(service)),
            backups != null && backups.legacyInTree() ? BackupsRenderer.legacy(backups) : null,
            restoreSource == null ? null : List.of(restoreSource),
            irsaRole == null
                ? null
                : new CnpgCluster.ServiceAccountTemplate(
                    ObjectMetadata.builder().addToAnnotations(IRSA_ROLE_ARN, irsaRole).build()));
    return new CnpgCluster(CnpgCluster.API_VERSION, CnpgCluster.KIND, metadata, spec);
  }

  /**
   * The managed roles, each with only what differs from CloudNativePG's defaults, a role after the
   * roles it is a member of ({@link #membersLast}).
   */
  private static CnpgCluster.@Nullable Managed managed(Database db) {
    if (db.roles().isEmpty()) {
      return null;
    }
    List<CnpgCluster.RoleConfiguration> roles = new ArrayList<>(db.roles().size());
    for (Role role : membersLast(db.roles())) {
      if (role.absent()) {
        roles.add(
            new CnpgCluster.RoleConfiguration(
                role.name(), "absent", null, null, null, null, null, null, null, null, null, null));
        continue;
      }
      roles.add(
          new CnpgCluster.RoleConfiguration(
              role.name(),
              null,
              role.comment().orElse(null),
              role.login() ? Boolean.TRUE : null,
              role.passwordSecret().isPresent()
                  ? new CnpgCluster.PasswordSecret(role.passwordSecret().get())
                  : null,
              role.inRoles().isEmpty() ? null : role.inRoles(),
              role.connectionLimit().orElse(null),
              role.validUntil().isPresent()
                  ? DateTimeFormatter.ISO_INSTANT.format(role.validUntil().get())
                  : null,
              role.createDb() ? Boolean.TRUE : null,
              role.createRole() ? Boolean.TRUE : null,
              role.bypassRls() ? Boolean.TRUE : null,
              role.inherit() ? null : Boolean.FALSE));
    }
    return new CnpgCluster.Managed(roles);
  }

  /**
   * {@code roles} (sorted by name) with each after the roles of the list it is a member of, by name
   * otherwise. CloudNativePG creates roles in the spec's order with {@code CREATE ROLE ... IN ROLE
   * ...}: a member created before its group fails with "role does not exist", which lands in {@code
   * cannotReconcile} until its next pass a minute later, and kit's health check calls that
   * Degraded. Validation refuses a cycle; one left here keeps the name order.
   */
  static List<Role> membersLast(List<Role> roles) {
    Set<String> declared = new HashSet<>();
    for (Role role : roles) {
      declared.add(role.name());
    }
    List<Role> ordered = new ArrayList<>(roles.size());
    Set<String> placed = new HashSet<>();
    boolean progress = true;
    while (progress && ordered.size() < roles.size()) {
      progress = false;
      for (Role role : roles) {
        if (!placed.contains(role.name()) && groupsPlaced(role, declared, placed)) {
          ordered.add(role);
          placed.add(role.name());
          progress = true;
        }
      }
    }
    for (Role role : roles) {
      if (!placed.contains(role.name())) {
        ordered.add(role);
      }
    }
    return ordered;
  }

  private static boolean groupsPlaced(Role role, Set<String> declared, Set<String> placed) {
    for (String group : role.inRoles()) {
      if (declared.contains(group) && !placed.contains(group)) {
        return false;
      }
    }
    return true;
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
    Optional<String> own = backupsRole(service);
    if (own.isPresent()) {
      return own;
    }
    Optional<Service> source = kit.restoreSource(service);
    return source.isPresent() ? backupsRole(source.get()) : Optional.empty();
  }

  private static Optional<String> backupsRole(Service service) {
    Optional<Backups> backups = service.database().backups();
    return backups.isPresent() ? backups.get().irsaRoleArn() : Optional.empty();
  }

  /**
   * Recovery creates no database: {@code database} and {@code owner} name the ones in the backups,
   * whose credentials CNPG writes to {@code <cluster>-app}. Left out, CNPG would create an empty
   * {@code app} and point the Secret at it.
   */
  private static CnpgCluster.Recovery recovery(
      Kit kit, Service service, CnpgCluster.ExternalCluster source) {
    Bootstrap database = kit.applicationDatabase(service);
    Instant pointInTime = service.database().restore().orElseThrow().pointInTime().orElse(null);
    return new CnpgCluster.Recovery(
        source.name(),
        database.database(),
        database.owner(),
        pointInTime == null
            ? null
            : new CnpgCluster.RecoveryTarget(DateTimeFormatter.ISO_INSTANT.format(pointInTime)));
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
