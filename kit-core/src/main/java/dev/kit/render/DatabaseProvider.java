package dev.kit.render;

import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import java.util.List;
import java.util.Map;

/**
 * Where a service's database runs, as the rest of kit sees it: which objects exist for the
 * database, the provider-neutral {@link Connection} that the migrations, the app, {@code atlas.hcl}
 * and the runbook read, its own checks of the host's options, and the runbook's part about the
 * database.
 *
 * <p><b>Adding a provider</b> (such as one that creates its database with Terraform/OpenTofu
 * outside Kubernetes and writes the connection Secret itself): a {@link dev.kit.model.DatabaseHost}
 * for its options in {@code dev.kit.model} (with a {@code Database.Builder} method for the DSL), a
 * package of its own ({@code dev.kit.provider.<name>}) with a public class implementing this
 * interface (with a public no-argument constructor) and the {@link ServiceKind}s it renders, if
 * any, and one line in the provider list, {@code
 * kit-core/src/main/resources/META-INF/services/dev.kit.render.DatabaseProvider}. Nothing else
 * changes: the renderer, the patch targets, the AppProject, {@code argocd-cm}, the README's table
 * and validation read the list ({@link DatabaseProviders}). Loading the list through {@link
 * java.util.ServiceLoader} keeps {@code render} from importing the providers, which import it.
 */
public interface DatabaseProvider {

  /** Its name in messages and the runbook, such as {@code CloudNativePG}. */
  String name();

  /** Whether it runs {@code database}: exactly one provider hosts each host type. */
  boolean hosts(Database database);

  /**
   * The kinds it renders for a database it hosts, in render order; each also checks that it applies
   * (a kind runs only for the databases its provider hosts).
   */
  List<ServiceKind> kinds();

  /** How the rest of kit reaches {@code service}'s database, which it hosts. */
  Connection connection(Kit kit, Service service);

  /**
   * Its checks of {@code service}'s database, which it hosts, such as the host's names; the options
   * that configure another host are checked by validation.
   *
   * @param path where the database is in the description, such as {@code services[orders].database}
   */
  void check(String path, Kit kit, Service service, Problems problems);

  /**
   * Its files under {@code platform/}, each deciding when it applies (such as a Crossplane provider
   * package).
   */
  default List<PlatformKind> platformKinds() {
    return List.of();
  }

  /**
   * Whether {@link #changeWarnings} may have something to say about the generated file at {@code
   * path} (repository-relative), so that only those files are read from the disk to compare.
   */
  default boolean reviewsChange(String path) {
    return false;
  }

  /**
   * What replacing the generated file at {@code path}, as committed ({@code before}, which may be
   * anything the disk holds), with {@code after} does beyond the file, such as an apply that
   * destroys a database: warnings for {@code kit:generate} and {@code kit:check}, each naming what
   * to revert. Asked only when {@link #reviewsChange} and the bytes differ; empty when the change
   * is harmless or {@code before} is not this provider's output.
   */
  default List<String> changeWarnings(String path, byte[] before, byte[] after) {
    return List.of();
  }

  /**
   * The fix for a CloudNativePG option (such as {@code backups} or {@code pooler}, or {@code
   * monitoring}) set on a database it hosts, naming its own counterpart; empty for validation's
   * generic fix.
   */
  default java.util.Optional<String> counterpart(String option) {
    return java.util.Optional.empty();
  }

  /**
   * What the runbook says about the database, for a provider other than CloudNativePG (whose part
   * RunbookRenderer writes): rows of "What runs" ({@code databaseRows}, a list of Markdown table
   * rows), a section "Database" ({@code databaseSection}, Markdown) and, for an object of its own
   * at the database's wave, what the wave list says of it ({@code databaseWave}, Markdown), and how
   * to have a backup to restore before a change that deletes data ({@code backupBeforeChange},
   * Markdown, finished by "before merging ...").
   */
  default Map<String, Object> runbook(Kit kit, Service service, Connection connection) {
    return Map.of();
  }

  /**
   * Annotations of the app's pod template that change when the connection's credentials do, so a
   * new value rolls out new pods that read the new Secret; none by default.
   */
  default Map<String, String> appPodAnnotations(Kit kit, Service service) {
    return Map.of();
  }

  /** Receives the problems {@link #check} finds. */
  @FunctionalInterface
  interface Problems {

    /**
     * One problem with the database's settings.
     *
     * @param path the option, such as {@code services[orders].database.existing.host}
     * @param problem what is wrong
     * @param fix what to do
     */
    void add(String path, String problem, String fix);
  }
}
