package dev.kit.verify;

import dev.kit.model.Bootstrap;
import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import java.util.List;
import java.util.Objects;

/**
 * The application database as the migration Job finds it in the cluster: its name ({@code
 * Bootstrap.database()}, {@code app} by default), which {@code current_database()} and {@code ALTER
 * DATABASE} see, and the extensions and schemas the CNPG {@code Database} created in it a wave
 * before.
 *
 * <pre>{@code
 * ClusterDatabase.of(kit, orders);  // ClusterDatabase[name=app, extensions=[vector], schemas=[reporting]]
 * }</pre>
 *
 * @param name the database's name
 * @param extensions the extensions created in it, in CNPG's order
 * @param schemas the schemas created in it, owned by the database's owner
 */
record ClusterDatabase(String name, List<String> extensions, List<String> schemas) {

  ClusterDatabase {
    Objects.requireNonNull(name, "name");
    extensions = List.copyOf(extensions);
    schemas = List.copyOf(schemas);
  }

  /**
   * {@code service}'s application database; validation allows extensions and schemas only where
   * CNPG runs the database, which creates them.
   */
  static ClusterDatabase of(Kit kit, Service service) {
    Bootstrap bootstrap = kit.applicationDatabase(service);
    Database db = service.database();
    return new ClusterDatabase(bootstrap.database(), db.extensions(), db.schemas());
  }
}
