package dev.kit.render;

import dev.kit.layout.RepositoryLayout;
import dev.kit.layout.ServiceLayout;
import dev.kit.migration.AtlasSum;
import dev.kit.migration.MigrationDirectory;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the kinds of one service render from: the description, the service's inputs, what several
 * kinds share (its {@code atlas.sum}, its {@code atlas.hcl}, its migrations ConfigMaps, each
 * computed once), and the inventory of the objects rendered so far. One thread renders a service,
 * so nothing here is shared between threads.
 */
public final class ServiceContext {

  private final Kit kit;
  private final Service service;
  private final String source;
  private final @Nullable MigrationDirectory migrations;
  private final @Nullable String schema;
  private final Map<Patch.Target, List<String>> inventory = new EnumMap<>(Patch.Target.class);
  private final List<String> warnings = new ArrayList<>();
  private @Nullable AtlasSum sum;
  private byte @Nullable [] sumFile;
  private byte @Nullable [] projectFile;
  private @Nullable List<KubeConfigMap> configMaps;

  ServiceContext(
      Kit kit,
      Service service,
      String source,
      @Nullable MigrationDirectory migrations,
      @Nullable String schema) {
    this.kit = kit;
    this.service = service;
    this.source = source;
    this.migrations = migrations;
    this.schema = schema;
  }

  public Kit kit() {
    return kit;
  }

  public Service service() {
    return service;
  }

  /** What the generated headers name as the origin. */
  public String source() {
    return source;
  }

  /**
   * The service's files: its folder, and in an environment that environment's folder for what is
   * deployed.
   */
  public ServiceLayout layout() {
    return RepositoryLayout.service(kit, service);
  }

  /** The service's migrations settings; only for a kind that applies with migrations. */
  public Migrations migrationSettings() {
    return service.migrations().orElseThrow();
  }

  /**
   * The service's migration files; only for a kind that applies with migrations, whose folder
   * validation found.
   */
  public MigrationDirectory migrations() {
    if (migrations == null) {
      throw new IllegalStateException("services[" + service.name() + "] has no migrations folder");
    }
    return migrations;
  }

  /** The service's declarative schema SQL; empty when it has none. */
  public Optional<String> schema() {
    return Optional.ofNullable(schema);
  }

  /** The migrations folder, relative to the service folder. */
  public String migrationsFolder() {
    return ServiceLayout.migrationsFolder(service).orElseThrow();
  }

  /** The service's {@code atlas.sum}, computed once. */
  public AtlasSum atlasSum() {
    if (sum == null) {
      sum = migrations().sum();
    }
    return sum;
  }

  /**
   * The service's {@code atlas.sum} file, written once for the file and the ConfigMap that carries
   * it (the plan keeps the array; no one changes it).
   */
  byte[] atlasSumFile() {
    if (sumFile == null) {
      sumFile = atlasSum().toBytes();
    }
    return sumFile;
  }

  /**
   * The service's {@code atlas.hcl}, rendered once: the file users run and what the Job reads are
   * the same bytes. Package-private: the plan and the migrations ConfigMap hold this very array,
   * which no one may change.
   */
  byte[] atlasProject() {
    if (projectFile == null) {
      projectFile = AtlasHclRenderer.render(source, kit, service, migrationSettings());
    }
    return projectFile;
  }

  /** The ConfigMaps that carry the migrations, split once. */
  List<KubeConfigMap> migrationsConfigMaps() {
    if (configMaps == null) {
      configMaps =
          MigrationsRenderer.configMaps(
              kit, service, migrationSettings(), migrations(), atlasSumFile(), atlasProject());
    }
    return configMaps;
  }

  /**
   * The names of the objects of {@code target} rendered so far, in order: what the runbook names.
   */
  public List<String> rendered(Patch.Target target) {
    return inventory.getOrDefault(target, List.of());
  }

  /** Records an object of {@code target} named {@code name} as rendered. */
  void record(Patch.Target target, String name) {
    List<String> names = inventory.get(target);
    if (names == null) {
      names = new ArrayList<>(2);
      inventory.put(target, names);
    }
    names.add(name);
  }

  /** Records a warning for whoever runs the generation, naming the path and the fix. */
  public void warn(String warning) {
    warnings.add(warning);
  }

  List<String> warnings() {
    return warnings;
  }
}
