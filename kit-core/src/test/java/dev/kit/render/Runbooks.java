package dev.kit.render;

import dev.kit.input.KitInputs;
import dev.kit.input.ValidatedKit;
import dev.kit.layout.RepositoryLayout;
import dev.kit.layout.ServiceLayout;
import dev.kit.migration.MigrationDirectory;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's RUNBOOK.md as kit renders it, after the objects it names; every service's migrations
 * folder empty.
 */
final class Runbooks {

  private Runbooks() {}

  static String render(String source, Kit kit, Service service) {
    Map<String, MigrationDirectory> migrations = new HashMap<>();
    kit.services().stream()
        .filter(s -> s.migrations().isPresent())
        .forEach(s -> migrations.put(s.name(), new MigrationDirectory(List.of())));
    // The tests' descriptions are valid but for the migrations folders they have no files for.
    ValidatedKit validated = new ValidatedKit(kit, KitInputs.of(migrations, Map.of()));
    return new KitRenderer(source, false)
        .render(validated)
        .text(RepositoryLayout.service(kit, service).deployed() + "/" + ServiceLayout.RUNBOOK);
  }
}
