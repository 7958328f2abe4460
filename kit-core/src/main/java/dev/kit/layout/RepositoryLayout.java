package dev.kit.layout;

import dev.kit.model.Kit;
import dev.kit.model.Service;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where kit reads and writes in a service repository: every path it uses comes from here, relative
 * to the repository and with {@code /}. Services live in {@code services/<service>/} (see {@link
 * ServiceLayout}), the platform in {@code platform/}, the generation cache in a folder of the
 * caller's choice.
 */
public final class RepositoryLayout {

  /** The folder of the services kit generates. */
  public static final String SERVICES = "services";

  /**
   * The folder of the platform: operators, the AppProject, delivery objects, Argo CD health checks.
   */
  public static final String PLATFORM = "platform";

  /** The folder of a service's environments: {@code services/<service>/envs/<environment>/}. */
  public static final String ENVIRONMENTS = "envs";

  /** Every folder kit writes in, and so looks in for stale generated files. */
  public static final List<String> ROOTS = List.of(PLATFORM, SERVICES);

  /**
   * The generation cache's file in its folder; a new format gets a new name, so an old kit's cache
   * is not read.
   */
  public static final String CACHE_FILE = "fingerprints-v3.bin";

  private RepositoryLayout() {}

  /** {@code platform/<file>}. */
  public static String platformFile(String file) {
    return PLATFORM + "/" + file;
  }

  /**
   * {@code platform/<environment>/<file>}: each environment's cluster gets its own platform; {@code
   * platform/<file>} when {@code environment} is null.
   */
  public static String platformFile(@Nullable String environment, String file) {
    return platformFolder(environment) + "/" + file;
  }

  /** {@code platform}, or {@code platform/<environment>} for an environment's (null: none). */
  public static String platformFolder(@Nullable String environment) {
    return environment == null ? PLATFORM : PLATFORM + "/" + environment;
  }

  /**
   * The layout of {@code service} as {@code kit} renders it: in its environment's folder when
   * {@code kit} is one environment's.
   */
  public static ServiceLayout service(Kit kit, Service service) {
    // Ifs, not Optional's lambdas, here and below: every service's render and read asks, and each
    // lambda costs a cold JVM a class (PROFILE.md, section 16.3).
    return kit.environment().isPresent()
        ? service(service.name(), kit.environment().get().name())
        : service(service.name());
  }

  /** The layout of {@code services/<service>/}, for a name {@link #isServiceFolder} accepts. */
  public static ServiceLayout service(String service) {
    if (!isServiceFolder(service)) {
      throw new IllegalArgumentException("not a service folder name: \"" + service + "\"");
    }
    return new ServiceLayout(service, null);
  }

  /**
   * The layout of {@code service} in {@code environment}: its migrations, {@code atlas.hcl} and
   * {@code atlas.sum} stay in {@code services/<service>/} (one source of truth), what is deployed
   * goes to {@code services/<service>/envs/<environment>/}.
   */
  public static ServiceLayout service(String service, String environment) {
    if (!isServiceFolder(environment)) {
      throw new IllegalArgumentException("not an environment folder name: \"" + environment + "\"");
    }
    ServiceLayout plain = service(service);
    return new ServiceLayout(service, plain.folder() + "/" + ENVIRONMENTS + "/" + environment);
  }

  /**
   * {@code services/<service>/<migrations>}, the folder kit reads a service's migrations from: only
   * for a name that may be a folder and a migrations folder that stays inside it.
   */
  public static Optional<String> migrationsFolder(Service service) {
    return inServiceFolder(service, ServiceLayout.migrationsFolder(service));
  }

  /**
   * {@code services/<service>/<schema file>}, read on the same terms as {@link #migrationsFolder}.
   */
  public static Optional<String> schemaFile(Service service) {
    return inServiceFolder(service, ServiceLayout.schemaFile(service));
  }

  /** {@code services/<service>/<relative>}, for a name that may be a folder. */
  private static Optional<String> inServiceFolder(Service service, Optional<String> relative) {
    return isServiceFolder(service.name()) && relative.isPresent()
        ? Optional.of(service(service.name()).file(relative.get()))
        : Optional.empty();
  }

  /**
   * The service, and the environment, whose folder holds {@code path} as {@code file}: {@code
   * services/<service>/<file>} gives {@code {service, null}}, {@code
   * services/<service>/envs/<environment>/<file>} gives {@code {service, environment}}; null for
   * any other path.
   *
   * @param file a path below a service's (or an environment's) folder, such as {@code
   *     manifests/database/cluster.yaml}
   */
  public static String @Nullable [] serviceOf(String path, String file) {
    int start = SERVICES.length() + 1;
    int end = path.length() - file.length() - 1;
    if (end <= start
        || !path.startsWith(SERVICES + "/")
        || !path.endsWith(file)
        || path.charAt(end) != '/') {
      return null;
    }
    String[] names = path.substring(start, end).split("/", -1);
    if (names.length == 1) {
      return new String[] {names[0], null};
    }
    if (names.length == 3 && names[1].equals(ENVIRONMENTS)) {
      return new String[] {names[0], names[2]};
    }
    return null;
  }

  /**
   * Whether {@code name} may name a folder under {@code services/}: kit reads and writes only
   * there.
   */
  public static boolean isServiceFolder(String name) {
    // A DNS-1035 label, [a-z]([-a-z0-9]{0,61}[a-z0-9])? (what validation asks of a service name),
    // so services/<name>/ can never leave services/. Scanned, not matched: every service's render
    // asks, and a cold JVM compiles regular expressions at a cost (PROFILE.md, section 14).
    int last = name.length() - 1;
    if (last < 0 || last >= 63 || name.charAt(0) < 'a' || name.charAt(0) > 'z') {
      return false;
    }
    for (int at = 1; at <= last; at++) {
      char c = name.charAt(at);
      if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && (c != '-' || at == last)) {
        return false;
      }
    }
    return true;
  }
}
