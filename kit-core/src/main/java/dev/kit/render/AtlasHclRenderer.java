package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Service;
import dev.kit.plan.GeneratedHeader;

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

  /**
   * The file's bytes: written as UTF-8 straight away, no String encoded after (PROFILE.md 17.2).
   */
  static byte[] render(String source, Kit kit, Service service, Migrations m) {
    Connection connection = DatabaseProviders.connection(kit, service);
    String name = service.name();
    int major = service.database().postgresMajor();
    Utf8Text hcl = new Utf8Text(1536);
    hcl.append(GeneratedHeader.line(source).stripTrailing()).append('\n');
    hcl.append("# Atlas project file for the ")
        .append(name)
        .append(" service. Run Atlas from services/")
        .append(name)
        .append("/:\n");
    hcl.append("#   atlas migrate validate --env local\n");
    hcl.append("#   atlas migrate apply --env local\n");
    hcl.append("# kit keeps ")
        .append(m.directory())
        .append("/atlas.sum up to date on every 'mvn kit:generate'.\n\n");
    hcl.append(
        "# Your own database: kit never writes credentials, so the URL comes from the environment.\n");
    hcl.append("env \"local\" {\n");
    hcl.append("  url = getenv(\"DATABASE_URL\")\n");
    hcl.append("  # A throwaway PostgreSQL ")
        .append(major)
        .append(" that Atlas starts to replay and lint migrations.\n");
    hcl.append("  dev = \"docker://postgres/").append(major).append("/dev\"\n");
    migration(hcl, "file://" + m.directory(), m);
    hcl.append("}\n\n");

    hcl.append("# What ")
        .append(
            m.engine() == Migrations.Engine.OPERATOR
                ? "the AtlasMigration " + service.migrationJobName() + " applies"
                : "the " + service.migrationJobName() + " Job runs")
        .append(" in the cluster: the uri of Secret ")
        .append(connection.migrationSecret())
        .append(",\n");
    hcl.append("# with sslmode=").append(m.sslMode().value());
    if (m.sslMode().verifiesServer()) {
      if (connection.ca().isPresent()) {
        // CloudNativePG's CA is the cluster's own.
        hcl.append(" against ")
            .append(
                DatabaseProviders.of(service) instanceof CloudNativePgProvider
                    ? "the cluster CA"
                    : "the CA of " + connection.caName())
            .append(" mounted at ")
            .append(Connection.CA_FILE);
      } else {
        hcl.append(" against ").append(connection.caName());
      }
    }
    hcl.append(".\n");
    if (m.engine() == Migrations.Engine.JOB) {
      hcl.append("# The Job reads this file from its ConfigMap: atlas migrate apply --env ")
          .append(CLUSTER_ENV)
          .append(" --config file://")
          .append(MigrationsRenderer.MIGRATIONS_MOUNT)
          .append('/')
          .append(PROJECT_FILE)
          .append('\n');
    } else {
      hcl.append(
              "# The operator writes its own project file; run this env by hand, with DATABASE_URL set to that uri: atlas migrate status --env ")
          .append(CLUSTER_ENV)
          .append('\n');
    }
    hcl.append("env \"").append(CLUSTER_ENV).append("\" {\n");
    // ${...} is Atlas's own interpolation, evaluated when the Job runs.
    hcl.append("  url = \"${getenv(\"DATABASE_URL\")}?")
        .append(MigrationsRenderer.urlQuery(m, connection))
        .append("\"\n");
    // The Job mounts the folder there; the operator writes its own project file, so with it this
    // env is for running Atlas by hand against the cluster's database, from services/<service>/.
    migration(
        hcl,
        m.engine() == Migrations.Engine.JOB
            ? "file://" + MigrationsRenderer.MIGRATIONS_MOUNT
            : "file://" + m.directory(),
        m);
    hcl.append("}\n");
    if (m.txMode().isPresent()) {
      hcl.append("# The Job applies with --tx-mode ")
          .append(m.txMode().get().flag())
          .append("; pass the same flag when you apply by hand.\n");
    }
    return hcl.toByteArray();
  }

  /** An env's {@code migration} block: the same revisions table and baseline in both envs. */
  private static void migration(Utf8Text hcl, String dir, Migrations m) {
    hcl.append("  migration {\n");
    hcl.append("    dir              = \"").append(dir).append("\"\n");
    hcl.append("    revisions_schema = \"").append(m.revisionsSchema()).append("\"\n");
    if (m.baseline().isPresent()) {
      hcl.append("    baseline         = \"").append(m.baseline().get()).append("\"\n");
    }
    hcl.append("  }\n");
  }
}
