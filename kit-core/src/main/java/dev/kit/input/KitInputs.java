package dev.kit.input;

import dev.kit.layout.RepositoryLayout;
import dev.kit.migration.MigrationDirectory;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import dev.kit.plan.RepositoryLinkException;
import dev.kit.plan.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What validation and rendering read from disk, by service name, read once per run: each service's
 * migrations, its declarative schema file, and what could not be read because a link leads outside
 * the repository or nowhere.
 */
public final class KitInputs {

  /**
   * Something in the way of reading, named as a part of the description.
   *
   * @param path where in the description, such as {@code services[orders].migrations.directory}
   * @param problem what is wrong on disk
   * @param fix what to do
   */
  public record Problem(String path, String problem, String fix) {}

  private final Map<String, MigrationDirectory> migrations;
  private final Map<String, byte[]> schemaFiles;

  /** The repository read, where {@link #isRegularFile} looks; null for inputs held in memory. */
  private final @Nullable RepositoryRoot repository;

  private final List<Problem> problems;

  /** The namespaces retired services deployed to, by environment ({@code ""} without). */
  private final Map<String, Set<String>> retiredNamespaces;

  private KitInputs(
      Map<String, MigrationDirectory> migrations,
      Map<String, byte[]> schemaFiles,
      @Nullable RepositoryRoot repository,
      List<Problem> problems,
      Map<String, Set<String>> retiredNamespaces) {
    this.migrations = new ConcurrentHashMap<>(migrations);
    this.schemaFiles = Map.copyOf(schemaFiles);
    this.repository = repository;
    this.problems = List.copyOf(problems);
    Map<String, Set<String>> copy = new HashMap<>();
    for (Map.Entry<String, Set<String>> entry : retiredNamespaces.entrySet()) {
      copy.put(entry.getKey(), Set.copyOf(entry.getValue()));
    }
    this.retiredNamespaces = Map.copyOf(copy);
  }

  /**
   * Inputs held in memory, such as a build script's or a test's: no file is a regular file, nothing
   * was in the way.
   *
   * @param migrations each service's migrations by name; a service without an entry has no
   *     migrations folder
   * @param schemaFiles each declarative service's schema file by name
   */
  public static KitInputs of(
      Map<String, MigrationDirectory> migrations, Map<String, byte[]> schemaFiles) {
    return new KitInputs(migrations, schemaFiles, null, List.of(), Map.of());
  }

  /**
   * Reads each service's migrations and declarative schema from {@code repository}, only for a name
   * that may become a folder and a path inside the service's folder. A read that a link would take
   * outside the repository, or to nothing, reads nothing and becomes a {@link Problem}.
   */
  public static KitInputs read(RepositoryRoot repository, Kit kit) {
    Map<String, MigrationDirectory> migrations = new ConcurrentHashMap<>();
    Map<String, List<Problem>> problems = new ConcurrentHashMap<>();
    // Reading thousands of small files is most of validation's time, and services' folders are
    // independent.
    kit.services().parallelStream()
        .forEach(
            service -> {
              Optional<String> folder = RepositoryLayout.migrationsFolder(service);
              if (folder.isEmpty()) {
                return;
              }
              Path dir = repository.path().resolve(folder.get());
              String path = "services[" + service.name() + "].migrations";
              try {
                MigrationDirectory read = MigrationDirectory.read(repository, dir);
                if (!read.isEmpty() || Files.isDirectory(dir)) {
                  migrations.put(service.name(), read);
                }
              } catch (RepositoryLinkException e) {
                migrations.put(
                    service.name(),
                    new MigrationDirectory(List.of())); // reported below, not as missing too
                problems
                    .computeIfAbsent(service.name(), name -> new ArrayList<>())
                    .addAll(linkProblems(repository, path, dir, e));
              }
            });
    Map<String, byte[]> schemaFiles = new HashMap<>();
    for (Service service : kit.services()) {
      Optional<String> path = RepositoryLayout.schemaFile(service);
      if (path.isEmpty()) {
        continue;
      }
      Path file = repository.path().resolve(path.get());
      try {
        repository.checkRead(file);
        if (Files.isRegularFile(file)) {
          schemaFiles.put(service.name(), Files.readAllBytes(file));
        }
      } catch (RepositoryLinkException e) {
        schemaFiles.put(service.name(), new byte[0]); // reported below, not as missing too
        e.links()
            .forEach(
                link ->
                    problems
                        .computeIfAbsent(service.name(), name -> new ArrayList<>())
                        .add(
                            new Problem(
                                "services[" + service.name() + "].declarativeSchema.file",
                                link.problem(),
                                link.fix())));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    List<Problem> inOrder = new ArrayList<>();
    for (Service service : kit.services()) {
      inOrder.addAll(problems.getOrDefault(service.name(), List.of()));
    }
    return new KitInputs(migrations, schemaFiles, repository, inOrder, Map.of());
  }

  /**
   * The service's migration files; empty when its migrations folder does not exist (or was let go).
   */
  public Optional<MigrationDirectory> migrations(String service) {
    return Optional.ofNullable(migrations.get(service));
  }

  /** The service's declarative schema file; empty when it does not exist. */
  public Optional<byte[]> schemaFile(String service) {
    byte[] file = schemaFiles.get(service);
    return file == null ? Optional.empty() : Optional.of(file.clone());
  }

  /** The service's declarative schema as text, for rendering. */
  public Optional<String> schema(String service) {
    // No Optional.map: every service's fingerprint and render ask (PROFILE.md, section 16.3).
    byte[] file = schemaFiles.get(service);
    return file == null ? Optional.empty() : Optional.of(new String(file, StandardCharsets.UTF_8));
  }

  /**
   * Whether {@code path}, relative to the repository, is a regular file: asked to say why a folder
   * could not be read.
   */
  public boolean isRegularFile(String path) {
    return repository != null && Files.isRegularFile(repository.path().resolve(path));
  }

  /** What could not be read, in description order. */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * A copy in which {@code service}'s migrations are {@code directory}: the inputs of a generation
   * that also creates a migration.
   */
  public KitInputs withMigrations(String service, MigrationDirectory directory) {
    Map<String, MigrationDirectory> copy = new HashMap<>(migrations);
    copy.put(service, directory);
    return new KitInputs(copy, schemaFiles, repository, problems, retiredNamespaces);
  }

  /**
   * A copy that knows the namespaces services kit retired deployed to, by environment ({@code ""}
   * without environments), while their {@code RETIRED.md} exists: the AppProject keeps them, so
   * that deleting a retired service's Application (a step of that file) deletes what it synced.
   */
  public KitInputs withRetiredNamespaces(Map<String, Set<String>> byEnvironment) {
    return new KitInputs(migrations, schemaFiles, repository, problems, byEnvironment);
  }

  /**
   * The namespaces retired services deployed to in {@code environment} ({@code ""} without
   * environments).
   */
  public Set<String> retiredNamespaces(String environment) {
    return retiredNamespaces.getOrDefault(environment, Set.of());
  }

  /**
   * Lets go of {@code service}'s migrations once its files are rendered, so a large kit never holds
   * every migration in memory at once; it reads as having none afterwards.
   */
  public void release(String service) {
    migrations.remove(service);
  }

  /**
   * The problems of links in the way of reading migrations: on the way to the folder itself they
   * are the folder's ({@code .directory}), a file's link is that file's ({@code .files[name]}).
   */
  private static List<Problem> linkProblems(
      RepositoryRoot repository, String path, Path dir, RepositoryLinkException e) {
    String folder = repository.relative(dir);
    return e.links().stream()
        .map(
            link -> {
              boolean file = link.path().startsWith(folder + "/");
              String where =
                  file
                      ? path + ".files[" + link.path().substring(folder.length() + 1) + "]"
                      : path + ".directory";
              return new Problem(where, link.problem(), link.fix());
            })
        .toList();
  }
}
