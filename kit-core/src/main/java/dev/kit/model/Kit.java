package dev.kit.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The whole description of a service repository: where Argo CD finds it and the services it holds.
 *
 * <pre>{@code
 * Kit kit = Kit.builder()
 *     .repository(Repository.builder("shop")
 *         .gitUrl("https://github.com/acme/shop.git")
 *         .targetRevision("main")
 *         .build())
 *     .service(Service.builder("orders")
 *         .database(db -> db.instances(3).postgresMajor(17).storage("20Gi"))
 *         .build())
 *     .build();
 * }</pre>
 */
public final class Kit {

  private final Repository repository;
  private final List<Service> services;
  private final Optional<Platform> platform;
  private final List<Environment> environments;
  private final Optional<Environment> environment;

  private Kit(
      Repository repository,
      List<Service> services,
      Optional<Platform> platform,
      List<Environment> environments,
      Optional<Environment> environment) {
    this.repository = repository;
    this.services = List.copyOf(services);
    this.platform = platform;
    this.environments = List.copyOf(environments);
    this.environment = environment;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this description, to change or add to it. */
  public Builder toBuilder() {
    Builder builder = builder().repository(repository);
    builder.services.addAll(services);
    builder.platform = platform.orElse(null);
    builder.environments.addAll(environments);
    return builder;
  }

  /**
   * The environments, in the order they were added; empty for one, the repository's destination.
   */
  public List<Environment> environments() {
    return environments;
  }

  /**
   * The environment this description was resolved for by {@link #in(String)}; empty for the
   * description as written.
   */
  public Optional<Environment> environment() {
    return environment;
  }

  /** The declared environment named {@code name}. */
  public Optional<Environment> environment(String name) {
    return environments.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /**
   * The description as environment {@code name} sees it: its services there (overrides applied,
   * namespace rule and labels too), the environment's revision and project; it has no environments
   * of its own.
   *
   * @throws IllegalArgumentException when no environment has that name
   */
  public Kit in(String name) {
    Objects.requireNonNull(
        name, "Kit.in(name): name is null; pass an environment's name such as \"prod\"");
    Environment env =
        environment(name)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "Kit.in(name): no environment \""
                            + name
                            + "\"; the description declares "
                            + environments.stream().map(Environment::name).toList()));
    // The destination stays Argo CD's own cluster (where the root puts Applications); the
    // environment's cluster is
    // where its Applications deploy to.
    ArgoCd argo = repository.argoCd();
    Repository there =
        repository.toBuilder()
            .targetRevision(env.targetRevision().orElse(repository.targetRevision()))
            .argoCd(argo.toBuilder().project(env.project().orElse(argo.project())).build())
            .build();
    List<Service> services = new ArrayList<>();
    for (Service service : this.services) {
      if (!service.existsIn(name)) {
        continue;
      }
      Service seen = service.in(name);
      Service.Builder resolved = seen.toBuilder().namespace(env.namespace(seen.namespace()));
      env.labels()
          .forEach(
              (key, value) -> {
                if (!seen.labels().containsKey(key)) {
                  resolved.label(key, value);
                }
              });
      services.add(resolved.build());
    }
    return new Kit(there, services, platform, List.of(), Optional.of(env));
  }

  /** The service named {@code name}, if the description has one. */
  public Optional<Service> service(String name) {
    for (Service service : services) {
      if (service.name().equals(name)) {
        return Optional.of(service);
      }
    }
    return Optional.empty();
  }

  /**
   * The service whose backups {@code service}'s cluster is restored from, when it restores another
   * service's.
   */
  public Optional<Service> restoreSource(Service service) {
    // Ifs, not Optional's map and filter: every service's render asks this and the next, and each
    // lambda costs a cold JVM a class (PROFILE.md, section 16.3).
    Optional<Restore> restore = service.database().restore();
    return restore.isPresent() && restore.get().source() instanceof Restore.ServiceBackups backups
        ? service(backups.service())
        : Optional.empty();
  }

  /**
   * Whether Barman Cloud runs inside {@code service}'s instances, which then need an image that
   * carries it: its backups use the deprecated in-tree store, or it recovers from a service whose
   * backups do.
   */
  public boolean runsInTreeBarmanCloud(Service service) {
    if (backsUpInTree(service)) {
      return true;
    }
    Optional<Service> source = restoreSource(service);
    return source.isPresent() && backsUpInTree(source.get());
  }

  private static boolean backsUpInTree(Service service) {
    Optional<Backups> backups = service.database().backups();
    return backups.isPresent() && backups.get().legacyInTree();
  }

  /**
   * The application database and owner of {@code service}'s cluster: its own {@code
   * bootstrap(...)}; without one, for a restore from another service, what that service's backups
   * hold (following a chain of restores); otherwise CNPG's {@code app}/{@code app}.
   */
  public Bootstrap applicationDatabase(Service service) {
    Set<String> seen = new HashSet<>();
    Service current = service;
    // A cycle of restores (a validation error) ends where it started.
    while (current.database().bootstrap().isEmpty() && seen.add(current.name())) {
      Optional<Service> source = restoreSource(current);
      if (source.isEmpty()) {
        break;
      }
      current = source.get();
    }
    return current.database().bootstrap().orElse(Bootstrap.CNPG_DEFAULT);
  }

  /** The Git repository and Argo CD settings shared by all services. */
  public Repository repository() {
    return repository;
  }

  /** The services, in the order they were added. */
  public List<Service> services() {
    return services;
  }

  /** The operators and the AppProject to render under {@code platform/}, or empty for none. */
  public Optional<Platform> platform() {
    return platform;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Kit that
        && repository.equals(that.repository)
        && services.equals(that.services)
        && platform.equals(that.platform)
        && environments.equals(that.environments)
        && environment.equals(that.environment);
  }

  @Override
  public int hashCode() {
    return Objects.hash(repository, services, platform, environments, environment);
  }

  @Override
  public String toString() {
    return "Kit[repository="
        + repository
        + ", services="
        + services
        + ", platform="
        + platform
        + ", environments="
        + environments
        + ", environment="
        + environment
        + "]";
  }

  /** Builds a {@link Kit}; {@link #repository(Repository)} is required. */
  public static final class Builder {
    private @Nullable Repository repository;
    private final List<Service> services = new ArrayList<>();
    private @Nullable Platform platform;
    private final List<Environment> environments = new ArrayList<>();

    private Builder() {}

    /** Adds an environment; services then render once per environment (see {@link Environment}). */
    public Builder environment(Environment environment) {
      environments.add(
          Objects.requireNonNull(
              environment,
              "Kit.Builder.environment(environment): environment is null; pass Environment.builder(name).build()"));
      return this;
    }

    /** Shorthand for {@code environment(customizer.apply(Environment.builder(name)).build())}. */
    public Builder environment(String name, UnaryOperator<Environment.Builder> customizer) {
      Objects.requireNonNull(
          name,
          "Kit.Builder.environment(name, customizer): name is null; pass a name such as \"prod\"");
      Objects.requireNonNull(
          customizer,
          "Kit.Builder.environment(name, customizer): customizer is null; pass a function such as e -> e.targetRevision(\"release\")");
      return environment(
          Objects.requireNonNull(
                  customizer.apply(Environment.builder(name)),
                  "Kit.Builder.environment(\""
                      + name
                      + "\", customizer): customizer returned null; return the builder it is given, such as e -> e.targetRevision(\"release\")")
              .build());
    }

    public Builder platform(Platform platform) {
      this.platform =
          Objects.requireNonNull(
              platform,
              "Kit.Builder.platform(platform): platform is null; "
                  + "pass Platform.defaults() or Platform.builder()...build(), or leave it out for none");
      return this;
    }

    public Builder repository(Repository repository) {
      this.repository =
          Objects.requireNonNull(
              repository,
              "Kit.Builder.repository(repository): repository is null; pass Repository.builder(name).gitUrl(url).build()");
      return this;
    }

    /** Shorthand for {@code repository(customizer.apply(Repository.builder(name)).build())}. */
    public Builder repository(String name, UnaryOperator<Repository.Builder> customizer) {
      Objects.requireNonNull(
          name,
          "Kit.Builder.repository(name, customizer): name is null; pass the system's name, such as shop");
      Objects.requireNonNull(
          customizer,
          "Kit.Builder.repository(name, customizer): customizer is null; "
              + "pass a function such as r -> r.gitUrl(\"https://github.com/acme/shop.git\")");
      return repository(
          Objects.requireNonNull(
                  customizer.apply(Repository.builder(name)),
                  "Kit.Builder.repository(\""
                      + name
                      + "\", customizer): customizer returned null; return the builder it is given, such as r -> r.gitUrl(\"https://github.com/acme/shop.git\")")
              .build());
    }

    public Builder service(Service service) {
      services.add(
          Objects.requireNonNull(
              service,
              "Kit.Builder.service(service): service is null; pass Service.builder(name)...build()"));
      return this;
    }

    /** Shorthand for {@code service(customizer.apply(Service.builder(name)).build())}. */
    public Builder service(String name, UnaryOperator<Service.Builder> customizer) {
      Objects.requireNonNull(
          name,
          "Kit.Builder.service(name, customizer): name is null; pass the service name, such as orders");
      Objects.requireNonNull(
          customizer,
          "Kit.Builder.service(name, customizer): customizer is null; "
              + "pass a function such as s -> s.database(db -> db.storage(\"10Gi\"))");
      return service(
          Objects.requireNonNull(
                  customizer.apply(Service.builder(name)),
                  "Kit.Builder.service(\""
                      + name
                      + "\", customizer): customizer returned null; return the builder it is given, such as s -> s.database(db -> db.storage(\"10Gi\"))")
              .build());
    }

    public Kit build() {
      if (repository == null) {
        throw new IllegalStateException("Kit.builder(): call repository(...) before build()");
      }
      return new Kit(
          repository, services, Optional.ofNullable(platform), environments, Optional.empty());
    }
  }
}
