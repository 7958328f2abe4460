package dev.kit.validate;

import dev.kit.model.Backups;
import dev.kit.model.Environment;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The WAL archive each cluster writes: Barman Cloud archives into {@code <destinationPath>/<server
 * name>} (the server name is the cluster's, as kit sets none), and {@code
 * barman-cloud-check-wal-archive} refuses a folder another cluster already filled, so the second
 * cluster's archiving fails. The archives of every environment and service must differ; reading
 * another cluster's archive to restore from it writes nothing there and stays allowed.
 */
final class BackupArchives {

  private BackupArchives() {}

  /** Where a service archives, in an environment (empty without environments). */
  private record Archiver(String environment, Service service) {}

  /**
   * Checks every archive of {@code kit}.
   *
   * @param views each declared environment's view of {@code kit}, each environment once, as {@link
   *     Validation} built them; {@code kit} itself when it has no environments
   */
  static void check(Kit kit, Collection<Kit> views, Violations violations) {
    Map<List<String>, Archiver> archives = new HashMap<>();
    for (Kit view : views) {
      // An if, not Optional's map: each lambda costs a cold run a class (ColdValidationTest).
      String environment = view.environment().isPresent() ? view.environment().get().name() : "";
      for (Service service : view.services()) {
        if (!DatabaseRules.cloudNativePg(service) || service.database().backups().isEmpty()) {
          continue;
        }
        Backups backups = service.database().backups().get();
        Archiver archiver = new Archiver(environment, service);
        List<String> archive = new ArrayList<>(archive(backups, service.clusterName()));
        archive.add(reach(kit, view, service, backups));
        Archiver first = archives.putIfAbsent(archive, archiver);
        if (first != null) {
          violations.add(
              path(archiver) + ".database.backups.destinationPath",
              Violations.shown(backups.destinationPath(), "the destinationPath")
                  + " with "
                  + Violations.named("server name", service.clusterName())
                  + " is the WAL archive of "
                  + shown(first)
                  + " too; Barman Cloud refuses to archive a second cluster into it",
              fix(archiver, first, backups));
        }
      }
    }
  }

  /**
   * The folder a cluster archives into: the endpoint (a MinIO bucket is not an AWS one), the path
   * without trailing slashes (Barman Cloud joins it to the server name) and the server name.
   */
  static List<String> archive(Backups backups, String serverName) {
    String path = backups.destinationPath();
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    return List.of(backups.endpointUrl().orElse(""), path.substring(0, end), serverName);
  }

  /**
   * Where the endpoint is one store: anywhere for a public host, but an in-cluster one ({@code
   * minio.minio.svc}) is a store per Kubernetes cluster, and a host without a dot ({@code minio})
   * one per namespace, so environments on other clusters never meet in it.
   */
  private static String reach(Kit kit, Kit view, Service service, Backups backups) {
    String host = host(backups.endpointUrl().orElse(""));
    boolean namespaceLocal = !host.isEmpty() && host.indexOf('.') < 0;
    boolean clusterLocal =
        namespaceLocal
            || host.endsWith(".svc")
            || host.endsWith(".svc.cluster.local")
            || host.endsWith(".cluster.local");
    if (!clusterLocal) {
      return "";
    }
    String cluster = "server " + kit.repository().argoCd().destinationServer();
    if (view.environment().isPresent()) {
      Environment env = view.environment().get();
      if (env.destinationName().isPresent()) {
        cluster = "name " + env.destinationName().get();
      } else if (env.destinationServer().isPresent()) {
        cluster = "server " + env.destinationServer().get();
      }
    }
    return namespaceLocal ? cluster + " namespace " + service.namespace() : cluster;
  }

  /** The lower-case host of an endpoint URL, or empty when it has none. */
  private static String host(String endpointUrl) {
    try {
      String host = new URI(endpointUrl).getHost();
      return host == null ? "" : host.toLowerCase(Locale.ROOT);
    } catch (URISyntaxException e) {
      return ""; // validated elsewhere: a malformed endpoint is reported on its own
    }
  }

  private static String path(Archiver archiver) {
    String service = "services" + Violations.entry(archiver.service().name());
    return archiver.environment().isEmpty()
        ? service
        : EnvironmentRules.at(archiver.environment()) + "." + service;
  }

  private static String shown(Archiver archiver) {
    String service = Violations.named("service", archiver.service().name());
    return archiver.environment().isEmpty()
        ? service + " in " + Violations.named("namespace", archiver.service().namespace())
        : service + " in " + Violations.named("environment", archiver.environment());
  }

  /** An override of the path where environments share it, else a path of the service's own. */
  private static String fix(Archiver archiver, Archiver first, Backups backups) {
    String path = backups.destinationPath();
    String base =
        !CredentialLiterals.quotable(path)
            ? "s3://<bucket>/<folder>/"
            : path.endsWith("/") ? path : path + "/";
    String name = archiver.service().name();
    if (!archiver.environment().isEmpty() && !archiver.environment().equals(first.environment())) {
      String env = Violations.quotable(archiver.environment()) ? archiver.environment() : "dev";
      return "give each environment its own path with an override on "
          + Violations.named("service", name)
          + ", such as .in(\""
          + env
          + "\", s -> s.database(db -> db.backups(b -> b.destinationPath(\""
          + base
          + env
          + "/\"))))";
    }
    String namespace = archiver.service().namespace();
    return "give "
        + Violations.named("service", name)
        + " a path of its own, such as \""
        + base
        + (Violations.quotable(namespace) ? namespace : "<namespace>")
        + "/\", or another clusterName";
  }
}
