package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Service;
import dev.kit.plan.GeneratedHeader;
import dev.kit.templates.TextTemplates;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders {@code atlas.hcl}: a {@code local} env for developers and a {@code k8s} env matching the
 * Job.
 */
final class AtlasHclRenderer {

  /**
   * Atlas's project file: {@code services/<service>/atlas.hcl}, and the same bytes in the Job's
   * ConfigMap.
   */
  static final String PROJECT_FILE = "atlas.hcl";

  /** The env that describes the cluster: what the Job runs. */
  static final String CLUSTER_ENV = "k8s";

  private AtlasHclRenderer() {}

  static String render(String source, Kit kit, Service service, Migrations m) {
    Connection connection = DatabaseProviders.connection(kit, service);
    Map<String, Object> model = new HashMap<>();
    model.put("header", GeneratedHeader.line(source).stripTrailing());
    model.put("service", service.name());
    model.put("postgresMajor", service.database().postgresMajor());
    model.put("migrationsDir", m.directory());
    model.put("revisionsSchema", m.revisionsSchema());
    model.put(
        "runner",
        m.engine() == Migrations.Engine.OPERATOR
            ? "the AtlasMigration " + service.migrationJobName() + " applies"
            : "the " + service.migrationJobName() + " Job runs");
    model.put("secret", connection.migrationSecret());
    model.put("clusterEnv", CLUSTER_ENV);
    if (m.engine() == Migrations.Engine.JOB) {
      model.put("shippedAs", "file://" + MigrationsRenderer.MIGRATIONS_MOUNT + "/" + PROJECT_FILE);
    }
    model.put("sslMode", m.sslMode().value());
    model.put("urlQuery", MigrationsRenderer.urlQuery(m, connection));
    if (m.sslMode().verifiesServer()) {
      if (connection.ca().isPresent()) {
        // CloudNativePG's CA is the cluster's own.
        model.put(
            "ca",
            DatabaseProviders.of(service) instanceof CloudNativePgProvider
                ? "the cluster CA"
                : "the CA of " + connection.caName());
        model.put("caFile", Connection.CA_FILE);
      } else {
        model.put("ca", connection.caName());
      }
    }
    m.baseline().ifPresent(b -> model.put("baseline", b));
    m.txMode().ifPresent(t -> model.put("txMode", t.flag()));
    return TextTemplates.render("atlas.hcl.ftl", model);
  }
}
