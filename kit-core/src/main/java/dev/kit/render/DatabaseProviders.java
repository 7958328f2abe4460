package dev.kit.render;

import dev.kit.model.Database;
import dev.kit.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The database providers, in the order of the list in {@code
 * META-INF/services/dev.kit.render.DatabaseProvider} (see {@link DatabaseProvider} for adding one).
 */
public final class DatabaseProviders {

  private static final List<DatabaseProvider> ALL = load();

  private DatabaseProviders() {}

  private static List<DatabaseProvider> load() {
    // A loop, not a stream: every run loads the list once, cold (PROFILE.md, section 16.2).
    List<DatabaseProvider> providers = new ArrayList<>();
    for (DatabaseProvider provider :
        ServiceLoader.load(DatabaseProvider.class, DatabaseProvider.class.getClassLoader())) {
      providers.add(provider);
    }
    return List.copyOf(providers);
  }

  /** Every provider, in list order. */
  public static List<DatabaseProvider> all() {
    return ALL;
  }

  /** The provider that runs {@code database}. */
  public static DatabaseProvider of(Database database) {
    // A loop: every kind of every service asks, in a cold run too.
    for (DatabaseProvider provider : ALL) {
      if (provider.hosts(database)) {
        return provider;
      }
    }
    throw new IllegalStateException(
        "no database provider hosts "
            + database.host().getClass().getName()
            + "; list its provider in META-INF/services/"
            + DatabaseProvider.class.getName());
  }

  /** The provider that runs {@code service}'s database. */
  public static DatabaseProvider of(Service service) {
    return of(service.database());
  }

  /** How the rest of kit reaches {@code service}'s database. */
  static Connection connection(dev.kit.model.Kit kit, Service service) {
    return of(service).connection(kit, service);
  }
}
