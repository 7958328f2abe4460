package dev.kit.render;

import dev.kit.model.App;
import dev.kit.model.Database;
import dev.kit.model.DatabaseHost;
import dev.kit.model.Kit;
import dev.kit.model.SecretKey;
import dev.kit.model.Service;
import java.util.List;
import java.util.Optional;

/**
 * A CloudNativePG {@code Cluster} in the service's namespace, with what it brings: backups to an
 * ObjectStore, a schedule, PgBouncer. Its options are checked by validation's database rules; the
 * runbook's database part is RunbookRenderer's own.
 */
public final class CloudNativePgProvider implements DatabaseProvider {

  /** The port of CNPG's Services and of its poolers'. */
  private static final int PORT = 5432;

  private final List<ServiceKind> kinds =
      List.of(
          new ClusterKind(),
          new ObjectStoreKind(),
          new ScheduledBackupKind(),
          new PoolerKind(),
          new CnpgDatabaseKind());

  /** Whether {@code database} is a CloudNativePG {@code Cluster}. */
  static boolean runs(Database database) {
    // By type: a record's first equals call bootstraps ObjectMethods, ~50 ms of a cold run
    // (PROFILE.md, section 15).
    return database.host() instanceof DatabaseHost.CloudNativePg;
  }

  @Override
  public String name() {
    return "CloudNativePG";
  }

  @Override
  public boolean hosts(Database database) {
    return runs(database);
  }

  @Override
  public List<ServiceKind> kinds() {
    return kinds;
  }

  /**
   * The {@code <cluster>-app} Secret and the {@code -rw} Service for both, verified against {@code
   * ca.crt} of {@code <cluster>-ca}; an app that connects through the pooler reaches its {@code rw}
   * Service instead.
   */
  @Override
  public Connection connection(Kit kit, Service service) {
    String cluster = service.clusterName();
    boolean throughPooler =
        service.app().isPresent() && service.app().get().connection() == App.Connection.POOLER;
    return new Connection(
        cluster + "-app",
        cluster + "-rw." + service.namespace(),
        PORT,
        cluster + "-app",
        throughPooler ? Optional.of(service.poolerName("rw")) : Optional.empty(),
        PORT,
        Optional.of(new SecretKey(cluster + "-ca", "ca.crt")),
        cluster + "-ca");
  }

  /** The Cluster: CNPG's webhook refuses some changes of an existing one. */
  @Override
  public boolean reviewsChange(String path) {
    return ClusterChange.isCluster(path);
  }

  @Override
  public List<String> changeWarnings(String path, byte[] before, byte[] after) {
    return ClusterChange.warnings(path, before, after);
  }

  @Override
  public void check(String path, Kit kit, Service service, Problems problems) {
    // The Cluster's rules are validation's DatabaseRules and CnpgClusterRules.
  }
}
