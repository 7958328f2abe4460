package dev.kit.testing;

import dev.kit.input.KitInputs;
import dev.kit.input.ValidatedKit;
import dev.kit.layout.RepositoryLayout;
import dev.kit.migration.MigrationDirectory;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import dev.kit.render.KitRenderer;
import dev.kit.validate.Validation;
import dev.kit.validate.Violation;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Validation of descriptions whose inputs a test holds in memory. */
public final class Validations {

  private Validations() {}

  /** Every violation but the patches', with each service's migrations from {@code migrationsOf}. */
  public static List<Violation> of(
      Kit kit, Function<Service, Optional<MigrationDirectory>> migrationsOf) {
    return of(kit, migrationsOf, service -> Optional.empty());
  }

  public static List<Violation> of(
      Kit kit,
      Function<Service, Optional<MigrationDirectory>> migrationsOf,
      Function<Service, Optional<byte[]>> schemaOf) {
    return of(kit, migrationsOf, schemaOf, Clock.systemUTC());
  }

  public static List<Violation> of(
      Kit kit,
      Function<Service, Optional<MigrationDirectory>> migrationsOf,
      Function<Service, Optional<byte[]>> schemaOf,
      Clock clock) {
    return Validation.violations(kit, inputs(kit, migrationsOf, schemaOf), clock);
  }

  /**
   * The inputs {@code migrationsOf} and {@code schemaOf} give each service, asked only where {@link
   * KitInputs#read} reads from disk (a name that may be a folder, a path inside it).
   */
  public static KitInputs inputs(
      Kit kit,
      Function<Service, Optional<MigrationDirectory>> migrationsOf,
      Function<Service, Optional<byte[]>> schemaOf) {
    Map<String, MigrationDirectory> migrations = new HashMap<>();
    Map<String, byte[]> schemas = new HashMap<>();
    for (Service service : kit.services()) {
      if (RepositoryLayout.migrationsFolder(service).isPresent()) {
        migrationsOf.apply(service).ifPresent(dir -> migrations.put(service.name(), dir));
      }
      if (RepositoryLayout.schemaFile(service).isPresent()) {
        schemaOf.apply(service).ifPresent(file -> schemas.put(service.name(), file));
      }
    }
    return KitInputs.of(migrations, schemas);
  }

  /** {@code kit} validated with {@code migrations} by service name, for rendering it. */
  public static ValidatedKit validated(Kit kit, Map<String, MigrationDirectory> migrations) {
    return Validation.validate(
        kit, KitInputs.of(migrations, Map.of()), Clock.systemUTC(), new KitRenderer("test"));
  }
}
