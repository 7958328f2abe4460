package dev.kit.layout;

import dev.kit.model.Service;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The files of one service under {@code services/<service>/}, relative to the repository, with
 * {@code /}:
 *
 * <pre>
 * services/&lt;service&gt;/application.yaml, atlas.hcl, RUNBOOK.md, RETIRED.md
 * services/&lt;service&gt;/&lt;migrations&gt;/*.sql and atlas.sum, &lt;schema file&gt;
 * services/&lt;service&gt;/manifests/&lt;area&gt;/&lt;file&gt;
 * </pre>
 *
 * With environments, what is deployed (the Application, the runbook, the manifests) moves to {@code
 * services/<service>/envs/<environment>/}; the migrations and {@code atlas.hcl} stay where they
 * are.
 */
public final class ServiceLayout {

  /** The Argo CD Application of the service. */
  public static final String APPLICATION = "application.yaml";

  /** Atlas's project file; the Job's ConfigMap carries the same bytes. */
  public static final String ATLAS_PROJECT = "atlas.hcl";

  /** Atlas's integrity file in the migrations folder. */
  public static final String ATLAS_SUM = "atlas.sum";

  public static final String RUNBOOK = "RUNBOOK.md";

  /** What a service that left the description leaves behind, and how to retire it. */
  public static final String RETIRED = "RETIRED.md";

  /** The Application's source path: what Argo CD syncs. */
  public static final String MANIFESTS = "manifests";

  private final String service;
  private final String folder;
  private final String deployed;

  ServiceLayout(String service, @Nullable String deployed) {
    this.service = service;
    this.folder = RepositoryLayout.SERVICES + "/" + service;
    this.deployed = deployed == null ? folder : deployed;
  }

  public String service() {
    return service;
  }

  /** {@code services/<service>}. */
  public String folder() {
    return folder;
  }

  /** {@code services/<service>/<relative>}. */
  public String file(String relative) {
    return folder + "/" + relative;
  }

  /**
   * The folder of what is deployed: {@code services/<service>}, or {@code
   * services/<service>/envs/<environment>}.
   */
  public String deployed() {
    return deployed;
  }

  /** {@code <deployed>/<relative>}: the Application, the runbook. */
  public String deployedFile(String relative) {
    return deployed + "/" + relative;
  }

  /** {@code <deployed>/manifests}. */
  public String manifests() {
    return deployedFile(MANIFESTS);
  }

  /**
   * {@code <deployed>/manifests/<area>/<file>}, such as {@code manifests/database/cluster.yaml}.
   */
  public String manifest(String area, String file) {
    return manifests() + "/" + area + "/" + file;
  }

  /**
   * The migrations folder of {@code service} relative to its folder, normalized, if it has
   * migrations and it stays inside.
   */
  public static Optional<String> migrationsFolder(Service service) {
    // Ifs, not Optional's lambdas: every service's read and render asks (PROFILE.md, section 16.3).
    return service.migrations().isPresent()
        ? inside(service.migrations().get().directory())
        : Optional.empty();
  }

  /**
   * The declarative schema file of {@code service} relative to its folder, normalized, if it has
   * one and it stays inside.
   */
  public static Optional<String> schemaFile(Service service) {
    return service.declarativeSchema().isPresent()
        ? inside(service.declarativeSchema().get().file())
        : Optional.empty();
  }

  /**
   * {@code relative} (as a description gives it: a migrations folder, a schema file) normalized, if
   * it stays inside {@code services/<service>/}; empty for an absolute path, one that leaves the
   * folder or names it itself, or one with {@code \}.
   */
  public static Optional<String> inside(String relative) {
    if (relative.isBlank() || relative.contains("\\") || relative.startsWith("/")) {
      return Optional.empty();
    }
    try {
      Path path = Path.of(relative).normalize();
      if (path.isAbsolute() || path.toString().isEmpty() || path.startsWith("..")) {
        return Optional.empty();
      }
      return Optional.of(path.toString().replace('\\', '/'));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }
}
