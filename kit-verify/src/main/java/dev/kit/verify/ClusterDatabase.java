package dev.kit.verify;

import dev.kit.model.App;
import dev.kit.model.Bootstrap;
import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.Role;
import dev.kit.model.Service;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The application database as the migration Job finds it in the cluster: its name ({@code
 * Bootstrap.database()}, {@code app} by default), which {@code current_database()} and {@code ALTER
 * DATABASE} see, the extensions and schemas the CNPG {@code Database} created in it a wave before,
 * and the roles the {@code Cluster} manages beside its owner.
 *
 * <pre>{@code
 * ClusterDatabase.of(kit, orders);  // ClusterDatabase[name=app, extensions=[vector], schemas=[reporting]]
 * }</pre>
 *
 * @param name the database's name
 * @param extensions the extensions created in it, in CNPG's order
 * @param schemas the schemas created in it, owned by the database's owner
 * @param roles the roles CloudNativePG manages in the cluster ({@code spec.managed.roles})
 * @param appRole the managed role the service's app connects as ({@code App.connectAs}), or empty
 *     for the owner
 */
record ClusterDatabase(
    String name,
    List<String> extensions,
    List<String> schemas,
    List<Role> roles,
    Optional<String> appRole) {

  ClusterDatabase {
    Objects.requireNonNull(name, "name");
    extensions = List.copyOf(extensions);
    schemas = List.copyOf(schemas);
    roles = List.copyOf(roles);
    Objects.requireNonNull(appRole, "appRole");
  }

  /** A database with no managed roles beside its owner. */
  ClusterDatabase(String name, List<String> extensions, List<String> schemas) {
    this(name, extensions, schemas, List.of(), Optional.empty());
  }

  /**
   * {@code service}'s application database; validation allows extensions and schemas only where
   * CNPG runs the database, which creates them.
   */
  static ClusterDatabase of(Kit kit, Service service) {
    Bootstrap bootstrap = kit.applicationDatabase(service);
    Database db = service.database();
    return new ClusterDatabase(
        bootstrap.database(),
        db.extensions(),
        db.schemas(),
        db.roles(),
        service.app().flatMap(App::connectAs));
  }
}
