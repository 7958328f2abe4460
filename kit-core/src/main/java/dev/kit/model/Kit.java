package dev.kit.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

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
 *
 * @param repository the Git repository and Argo CD settings shared by all services
 * @param services the services, in the order they were added
 * @param platform the operators and the AppProject to render under {@code platform/}, or empty for none
 * @param environments the environments, in the order they were added; empty for one, the repository's destination
 * @param environment the environment this description was resolved for by {@link #in(String)}; empty for the
 *     description as written
 */
public record Kit(Repository repository, List<Service> services, Optional<Platform> platform,
    List<Environment> environments, Optional<Environment> environment) {

  public Kit {
    Objects.requireNonNull(repository, "repository");
    services = List.copyOf(services);
    Objects.requireNonNull(platform, "platform");
    environments = List.copyOf(environments);
    Objects.requireNonNull(environment, "environment");
  }

  /** A description without environments. */
  public Kit(Repository repository, List<Service> services, Optional<Platform> platform) {
    this(repository, services, platform, List.of(), Optional.empty());
  }

  /** The declared environment named {@code name}. */
  public Optional<Environment> environment(String name) {
    return environments.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /**
   * The description as environment {@code name} sees it: its services there (overrides applied, namespace rule and
   * labels too), the environment's revision, project and destination; it has no environments of its own.
   *
   * @throws IllegalArgumentException when no environment has that name
   */
  public Kit in(String name) {
    Environment env = environment(name).orElseThrow(() -> new IllegalArgumentException(
        "no environment \"" + name + "\"; the description declares " + environments.stream().map(Environment::name).toList()));
    ArgoCd argo = repository.argoCd();
    // The destination stays Argo CD's own cluster (where the root puts Applications); the environment's cluster is
    // where its Applications deploy to.
    ArgoCd.Builder argoCd = ArgoCd.builder().namespace(argo.namespace()).project(env.project().orElse(argo.project()))
        .destinationServer(argo.destinationServer()).version(argo.version()).delivery(argo.delivery());
    Repository repo = Repository.builder(repository.name()).gitUrl(repository.gitUrl())
        .targetRevision(env.targetRevision().orElse(repository.targetRevision())).argoCd(argoCd.build()).build();
    List<Service> there = new ArrayList<>();
    for (Service service : services) {
      if (!service.existsIn(name)) {
        continue;
      }
      Service seen = service.in(name);
      Service.Builder resolved = seen.toBuilder().namespace(env.namespace(seen.namespace()));
      env.labels().forEach((key, value) -> {
        if (!seen.labels().containsKey(key)) {
          resolved.label(key, value);
        }
      });
      there.add(resolved.build());
    }
    return new Kit(repo, there, platform, List.of(), Optional.of(env));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The service named {@code name}, if the description has one. */
  public Optional<Service> service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The service whose backups {@code service}'s cluster is restored from, when it restores another service's. */
  public Optional<Service> restoreSource(Service service) {
    return service.database().restore()
        .map(Restore::source)
        .filter(Restore.ServiceBackups.class::isInstance)
        .flatMap(source -> service(((Restore.ServiceBackups) source).service()));
  }

  /**
   * Whether Barman Cloud runs inside {@code service}'s instances, which then need an image that carries it: its
   * backups use the deprecated in-tree store, or it recovers from a service whose backups do.
   */
  public boolean runsInTreeBarmanCloud(Service service) {
    return service.database().backups().filter(Backups::legacyInTree).isPresent()
        || restoreSource(service).flatMap(source -> source.database().backups()).filter(Backups::legacyInTree).isPresent();
  }

  /**
   * The application database and owner of {@code service}'s cluster: its own {@code bootstrap(...)}; without one,
   * for a restore from another service, what that service's backups hold (following a chain of restores); otherwise
   * CNPG's {@code app}/{@code app}.
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

  /** Builds a {@link Kit}; {@link #repository(Repository)} is required. */
  public static final class Builder {
    private Repository repository;
    private final List<Service> services = new ArrayList<>();
    private Platform platform;
    private final List<Environment> environments = new ArrayList<>();

    private Builder() {}

    /** Adds an environment; services then render once per environment (see {@link Environment}). */
    public Builder environment(Environment environment) {
      environments.add(Objects.requireNonNull(environment, "environment(environment): environment is null; pass Environment.builder(name).build()"));
      return this;
    }

    /** Shorthand for {@code environment(customizer.apply(Environment.builder(name)).build())}. */
    public Builder environment(String name, UnaryOperator<Environment.Builder> customizer) {
      return environment(customizer.apply(Environment.builder(name)).build());
    }

    public Builder platform(Platform platform) {
      this.platform = Objects.requireNonNull(platform, "platform");
      return this;
    }

    public Builder repository(Repository repository) {
      this.repository = Objects.requireNonNull(repository, "repository");
      return this;
    }

    /** Shorthand for {@code repository(customizer.apply(Repository.builder(name)).build())}. */
    public Builder repository(String name, UnaryOperator<Repository.Builder> customizer) {
      return repository(customizer.apply(Repository.builder(name)).build());
    }

    public Builder service(Service service) {
      services.add(Objects.requireNonNull(service, "service"));
      return this;
    }

    /** Shorthand for {@code service(customizer.apply(Service.builder(name)).build())}. */
    public Builder service(String name, UnaryOperator<Service.Builder> customizer) {
      return service(customizer.apply(Service.builder(name)).build());
    }

    public Kit build() {
      if (repository == null) {
        throw new IllegalStateException("Kit.builder(): call repository(...) before build()");
      }
      return new Kit(repository, services, Optional.ofNullable(platform), environments, Optional.empty());
    }
  }
}
