package dev.kit.render;

import dev.kit.layout.ServiceLayout;
import dev.kit.model.App;
import dev.kit.model.ArgoCd;
import dev.kit.model.Backups;
import dev.kit.model.Bootstrap;
import dev.kit.model.Database;
import dev.kit.model.DeclarativeSchema;
import dev.kit.model.HelmChart;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Monitoring;
import dev.kit.model.Patch;
import dev.kit.model.Platform;
import dev.kit.model.Pooler;
import dev.kit.model.Restore;
import dev.kit.model.S3Credentials;
import dev.kit.model.Service;
import dev.kit.model.Storage;
import dev.kit.model.TxMode;
import dev.kit.plan.GeneratedHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Renders {@code services/<service>/RUNBOOK.md}: the on-call guide for one service, filled with its
 * real names (cluster, Secrets, Job or Atlas resources, Poolers, ObjectStore, Application,
 * operators) and with a section only for each feature the service uses. Plain Java appends, one
 * method per section in the document's order: every service renders one, and FreeMarker cost a cold
 * run ~0.3 s of CPU and ~520 classes for it (kit-benchmarks/PROFILE.md, section 11).
 */
final class RunbookRenderer {

  /**
   * Argo CD's default control-plane namespace, where an Application is addressed by its bare name.
   */
  private static final String ARGO_CD_DEFAULT_NAMESPACE = "argocd";

  private static final String PG_STAT_STATEMENTS_PREFIX = "pg_stat_statements.";

  /**
   * The operators as their own install instructions leave them: CloudNativePG's release manifest
   * ({@code cnpg-system}/{@code cnpg-controller-manager}) and the Atlas operator's documented Helm
   * install (release {@code atlas-operator} in {@code atlas-operator}). A platform in the
   * description says where they are.
   */
  private static final String CNPG_NAMESPACE = "cnpg-system";

  private static final String CNPG_DEPLOYMENT = "cnpg-controller-manager";
  private static final String ATLAS_OPERATOR_NAMESPACE = "atlas-operator";
  private static final String ATLAS_OPERATOR_DEPLOYMENT = "atlas-operator";

  /**
   * The platform Applications' names, as PlatformRenderer writes them; Argo CD uses them as Helm
   * release names.
   */
  private static final String CNPG_PLATFORM_APP = "cloudnative-pg";

  private static final String ATLAS_PLATFORM_APP = "atlas-operator";

  /** Kubernetes' limit on a Helm-generated name, as charts truncate it. */
  private static final int HELM_NAME_MAX = 63;

  // What the sections print, read once from the description and the inventory. A name that is
  // null belongs to a feature the service does not use; its section never reads it.
  private final StringBuilder md = new StringBuilder(16 * 1024);
  private final String service;
  private final String namespace;
  private final String argoApp;
  private final String argoNamespace;
  private final String argoProject;
  private final @Nullable String applicationSetName;
  private final String manifests;
  private final int postgresMajor;
  private final String dbHost;
  private final String migrationSecret;
  private final String appSecret;
  private final String caText;
  private final boolean cnpg;
  private final String clusterName;
  private final int instances;
  private final @Nullable String image;
  private final Database db;
  private final Map<String, Object> provider;
  private final String databaseName;
  private final String databaseOwner;
  private final @Nullable Migrations migrations;
  private final @Nullable String jobName;
  private final boolean operatorEngine;
  private final @Nullable String migrationsConfigMap;
  private final @Nullable String migrationsDir;
  private final @Nullable String txMode;
  private final @Nullable String atlasSchemaName;
  private final @Nullable String schemaFile;
  private final @Nullable String schemaTxMode;
  private final @Nullable String operatorApp;
  private final String operatorNamespace;
  private final String operatorDeployment;
  private final boolean atlasOperator;
  private final @Nullable String atlasOperatorApp;
  private final @Nullable String atlasOperatorNamespace;
  private final @Nullable String atlasOperatorDeployment;
  private final @Nullable String poolerRw;
  private final @Nullable String poolerRo;
  private final @Nullable Backups backups;
  private final @Nullable String objectStoreName;
  private final @Nullable String scheduledBackupName;
  private final @Nullable String backupSchedule;
  private final @Nullable Monitoring monitoring;
  private final @Nullable String podMonitorName;
  private final @Nullable String prometheusRuleName;
  private final @Nullable App app;
  private final @Nullable String appName;

  private RunbookRenderer(ServiceContext context) {
    Kit kit = context.kit();
    Service s = context.service();
    db = s.database();
    service = s.name();
    namespace = s.namespace();
    ArgoCd argo = kit.repository().argoCd();
    argoNamespace = argo.namespace();
    argoProject = argo.project();
    // The CLI addresses an Application outside the control-plane namespace as <namespace>/<name>.
    String application = ArgoApplicationRenderer.name(kit, service);
    argoApp =
        ARGO_CD_DEFAULT_NAMESPACE.equals(argoNamespace)
            ? application
            : argoNamespace + "/" + application;
    // As PlatformRenderer names the ApplicationSet; it generates one Application per
    // services/<service>/.
    applicationSetName =
        argo.delivery() == ArgoCd.Delivery.APPLICATION_SET
            ? ArgoApplicationRenderer.name(kit, kit.repository().name() + "-services")
            : null;
    manifests = ArgoApplicationRenderer.manifestsPath(kit, s);
    postgresMajor = db.postgresMajor();
    cnpg = CloudNativePgProvider.runs(db);
    clusterName = s.clusterName();
    instances = db.instances();
    // Absent only for an unknown major, which validation reports.
    image = cnpg ? CnpgClusterRenderer.image(kit, s).orElse(null) : null;
    Connection connection = DatabaseProviders.connection(kit, s);
    // CNPG's host is <cluster>-rw.<namespace>: the runbook names the Service, which the namespace's
    // pods resolve.
    dbHost = cnpg ? clusterName + "-rw" : connection.host();
    migrationSecret = connection.migrationSecret();
    appSecret = connection.appSecret();
    caText = connection.ca().isPresent() ? "`" + connection.caName() + "`" : connection.caName();
    provider = cnpg ? Map.of() : DatabaseProviders.of(s).runbook(kit, s, connection);
    Bootstrap database = kit.applicationDatabase(s);
    databaseName = database.database();
    databaseOwner = database.owner();

    List<String> configMaps = context.rendered(Patch.Target.MIGRATIONS_CONFIGMAP);
    List<String> atlasMigrations = context.rendered(Patch.Target.ATLAS_MIGRATION);
    if (configMaps.isEmpty()) {
      migrations = null;
      jobName = null;
      operatorEngine = false;
      migrationsConfigMap = null;
      migrationsDir = null;
      txMode = null;
    } else {
      migrations = s.migrations().orElseThrow();
      operatorEngine = !atlasMigrations.isEmpty();
      jobName =
          operatorEngine
              ? atlasMigrations.get(0)
              : context.rendered(Patch.Target.MIGRATION_JOB).get(0);
      migrationsConfigMap = configMaps.get(0);
      // The normalized folder, as the file plan writes it; the raw value only if validation would
      // reject it.
      migrationsDir = ServiceLayout.migrationsFolder(s).orElse(migrations.directory());
      // Atlas applies each file in its own transaction unless told otherwise.
      txMode = migrations.txMode().map(TxMode::flag).orElse("file");
    }
    List<String> schemas = context.rendered(Patch.Target.ATLAS_SCHEMA);
    DeclarativeSchema declarative = schemas.isEmpty() ? null : s.declarativeSchema().orElse(null);
    atlasSchemaName = declarative == null ? null : schemas.get(0);
    schemaFile =
        declarative == null ? null : ServiceLayout.schemaFile(s).orElse(declarative.file());
    schemaTxMode =
        declarative == null ? null : declarative.txMode().map(TxMode::flag).orElse("file");

    Optional<Platform> platform = kit.platform();
    if (platform.isPresent()) {
      HelmChart chart = platform.get().cloudnativePg();
      operatorApp = ArgoApplicationRenderer.name(kit, CNPG_PLATFORM_APP);
      operatorNamespace = chart.namespace();
      operatorDeployment = helmFullname(CNPG_PLATFORM_APP, chart);
    } else {
      operatorApp = null;
      operatorNamespace = CNPG_NAMESPACE;
      operatorDeployment = CNPG_DEPLOYMENT;
    }
    atlasOperator = !schemas.isEmpty() || !atlasMigrations.isEmpty();
    if (atlasOperator && platform.isPresent()) {
      HelmChart chart = platform.get().atlasOperator();
      atlasOperatorApp = ArgoApplicationRenderer.name(kit, ATLAS_PLATFORM_APP);
      atlasOperatorNamespace = chart.namespace();
      atlasOperatorDeployment = helmFullname(ATLAS_PLATFORM_APP, chart);
    } else {
      atlasOperatorApp = null;
      atlasOperatorNamespace = atlasOperator ? ATLAS_OPERATOR_NAMESPACE : null;
      atlasOperatorDeployment = atlasOperator ? ATLAS_OPERATOR_DEPLOYMENT : null;
    }

    // The rw pooler's name, then the ro one's.
    List<String> poolers = context.rendered(Patch.Target.POOLER);
    poolerRw = poolers.isEmpty() ? null : poolers.get(0);
    poolerRo = poolers.size() > 1 ? poolers.get(1) : null;
    backups = db.backups().orElse(null);
    // The in-tree method has no ObjectStore: the store settings live in the Cluster itself.
    objectStoreName =
        backups == null
            ? null
            : context.rendered(Patch.Target.OBJECT_STORE).stream().findFirst().orElse(null);
    backupSchedule = backups == null ? null : backups.schedule().orElse(null);
    scheduledBackupName =
        backupSchedule == null ? null : context.rendered(Patch.Target.SCHEDULED_BACKUP).get(0);
    List<String> podMonitors = context.rendered(Patch.Target.POD_MONITOR);
    monitoring = podMonitors.isEmpty() ? null : s.monitoring().orElse(null);
    podMonitorName = monitoring == null ? null : podMonitors.get(0);
    prometheusRuleName =
        monitoring == null ? null : context.rendered(Patch.Target.PROMETHEUS_RULE).get(0);
    // The Deployment's name, which its Service shares.
    List<String> apps = context.rendered(Patch.Target.APP_DEPLOYMENT);
    app = apps.isEmpty() ? null : s.app().orElse(null);
    appName = app == null ? null : apps.get(0);
  }

  /**
   * The runbook of the service in {@code context}, naming the objects its kinds rendered before it
   * (which objects exist, and what they are called, is the inventory's; the settings are the
   * description's).
   */
  static String render(ServiceContext context) {
    return GeneratedHeader.markdownLine(context.source()) + new RunbookRenderer(context).text();
  }

  private String text() {
    intro();
    whatRuns();
    howItDeploys();
    if (cnpg) {
      healthChecks();
      connect();
    } else {
      md.append('\n').append(provider.get("databaseSection")).append('\n');
    }
    if (migrations != null) {
      migrations(migrations);
    }
    if (schemaFile != null) {
      schema();
    }
    if (backups != null) {
      backupsAndRestore(backups);
    }
    if (cnpg) {
      scaleReplicas();
      failoverAndMaintenance();
      troubleshooting();
    }
    bestPractices();
    if (monitoring != null) {
      alerts(monitoring);
    }
    if (cnpg) {
      dataSafety();
    }
    return md.toString();
  }

  private void intro() {
    md.append("# Runbook: ").append(service).append("\n\n");
    md.append("On-call guide for `")
        .append(service)
        .append("`, generated from the kit description: change the description, not this file.\n");
    md.append("It uses `kubectl`");
    if (cnpg) {
      md.append(
          ", the [cnpg kubectl plugin](https://cloudnative-pg.io/documentation/current/kubectl-plugin/)");
    }
    md.append(" and the `argocd` CLI.\n");
  }

  /** A table row for each object the service runs, and the operators that act on them. */
  private void whatRuns() {
    md.append(
        """

        ## What runs

        | what | where |
        |---|---|
        """);
    md.append("| namespace | `").append(namespace).append("` |\n");
    md.append("| Argo CD Application | `")
        .append(argoApp)
        .append("` (namespace `")
        .append(argoNamespace)
        .append("`, project `")
        .append(argoProject)
        .append('`');
    if (applicationSetName != null) {
      md.append(", generated by ApplicationSet `").append(applicationSetName).append('`');
    }
    md.append("), syncing `").append(manifests).append("/` |\n");
    if (cnpg) {
      clusterRows();
    } else {
      for (Object row : (List<?>) provider.getOrDefault("databaseRows", List.of())) {
        md.append(row).append('\n');
      }
    }
    db.restore().ifPresent(this::restoreRow);
    if (poolerRw != null) {
      Pooler pooler = db.pooler().orElseThrow();
      md.append("| PgBouncer | Pooler `").append(poolerRw).append("` to the primary");
      if (poolerRo != null) {
        md.append(", `").append(poolerRo).append("` to the replicas");
      }
      md.append("; ")
          .append(pooler.instances())
          .append(" pod")
          .append(plural(pooler.instances()))
          .append(" each");
      pooler.poolMode().ifPresent(mode -> md.append(", ").append(mode.value()).append(" pooling"));
      md.append(" |\n");
    }
    if (backups != null) {
      backupsRow(backups);
    }
    if (monitoring != null) {
      md.append("| monitoring | PodMonitor `")
          .append(podMonitorName)
          .append("`, PrometheusRule `")
          .append(prometheusRuleName)
          .append("` (see Alerts) |\n");
    }
    if (migrations != null) {
      md.append("| migrations | ");
      if (operatorEngine) {
        md.append("AtlasMigration `").append(jobName).append("`, applied by the Atlas operator");
      } else {
        md.append("Atlas Job `").append(jobName).append('`');
      }
      md.append(", SQL in `services/")
          .append(service)
          .append('/')
          .append(migrationsDir)
          .append("/` |\n");
    }
    if (schemaFile != null) {
      md.append("| schema | AtlasSchema `")
          .append(atlasSchemaName)
          .append("`: the Atlas operator keeps the database in line with `services/")
          .append(service)
          .append('/')
          .append(schemaFile)
          .append("` |\n");
    }
    if (app != null) {
      appRow(app);
    }
    if (cnpg || atlasOperator) {
      operatorsRow();
    }
  }

  private void clusterRows() {
    md.append("| CNPG Cluster | `")
        .append(clusterName)
        .append("`: ")
        .append(instances)
        .append(" instance");
    if (instances != 1) {
      md.append("s (1 primary, ")
          .append(instances - 1)
          .append(" replica")
          .append(instances != 2 ? "s" : "")
          .append(')');
    }
    md.append(", PostgreSQL ").append(postgresMajor);
    if (image != null) {
      md.append(", image `").append(image).append('`');
    }
    md.append(" |\n");
    Storage storage = db.storage().orElseThrow();
    md.append("| storage per instance | ").append(storage.size()).append(" data");
    storage.storageClass().ifPresent(c -> md.append(" (class `").append(c).append("`)"));
    db.walStorage()
        .ifPresent(
            wal -> {
              md.append(", ").append(wal.size()).append(" WAL");
              wal.storageClass().ifPresent(c -> md.append(" (class `").append(c).append("`)"));
            });
    md.append(" |\n");
    md.append("| database | `")
        .append(databaseName)
        .append("`, owned by `")
        .append(databaseOwner)
        .append("` |\n");
    md.append("| Secrets | `")
        .append(clusterName)
        .append("-app` (keys `uri`, `host`, `port`, `dbname`, `user`, `password`), `")
        .append(clusterName)
        .append("-ca` (cluster CA)");
    if (db.superuserAccess()) {
      md.append(", `").append(clusterName).append("-superuser`");
    }
    md.append(" |\n");
  }

  private void restoreRow(Restore restore) {
    md.append("| bootstrapped from | backups of ");
    if (restore.source() instanceof Restore.ServiceBackups s) {
      md.append("service `").append(s.service()).append('`');
    } else {
      Restore.ObjectStoreBackups o = (Restore.ObjectStoreBackups) restore.source();
      md.append("ObjectStore `")
          .append(o.objectStore())
          .append("` (server `")
          .append(o.serverName())
          .append("`)");
    }
    // Instant.toString is ISO-8601 in UTC: the same text on every machine.
    restore.pointInTime().ifPresent(t -> md.append(", recovered up to ").append(t));
    md.append(" |\n");
  }

  private void backupsRow(Backups b) {
    md.append("| backups | to `").append(b.destinationPath()).append("` with ");
    if (b.legacyInTree()) {
      md.append(
          "the in-tree `barmanObjectStore` (deprecated in favour of the Barman Cloud plugin)");
    } else {
      md.append("the Barman Cloud plugin, ObjectStore `").append(objectStoreName).append('`');
    }
    md.append("; credentials: ").append(credentials(b.credentials()));
    if (backupSchedule != null) {
      md.append("; base backup on cron `").append(backupSchedule).append("` (seconds first)");
      if (b.immediate()) {
        md.append(", the first one at once");
      }
    }
    b.retentionPolicy().ifPresent(r -> md.append("; kept ").append(r));
    md.append(" |\n");
  }

  private void appRow(App a) {
    md.append("| app | Deployment and Service `")
        .append(appName)
        .append("`: image `")
        .append(a.image())
        .append("`, ")
        .append(a.replicas())
        .append(" replica")
        .append(plural(a.replicas()))
        .append(", port ")
        .append(a.port())
        .append("; ");
    switch (a.connection()) {
      case POOLER ->
          md.append("libpq `PG*` variables, `PGHOST` the Pooler `")
              .append(poolerRw)
              .append("`, the rest from `")
              .append(appSecret)
              .append("`; `JDBC_URL` for Java apps; both verify");
      case PARTS ->
          md.append("libpq `PG*` variables from `")
              .append(appSecret)
              .append("`, to `")
              .append(dbHost)
              .append("`; `JDBC_URL` from key `jdbc-uri` for Java apps; both verify");
      case URI ->
          md.append("`DATABASE_URL` from `")
              .append(appSecret)
              .append("` key `uri`, to `")
              .append(dbHost)
              .append("`; `JDBC_URL` from key `jdbc-uri` for Java apps; `JDBC_URL` verifies");
    }
    md.append(" the server (`sslmode=verify-full`) against ")
        .append(caText)
        .append("; runs as user ")
        .append(a.runAsUser())
        .append(", group ")
        .append(a.runAsGroup())
        .append(" |\n");
  }

  private void operatorsRow() {
    md.append("| operators | ");
    if (cnpg) {
      md.append("CloudNativePG: Deployment `")
          .append(operatorDeployment)
          .append("`, namespace `")
          .append(operatorNamespace)
          .append('`');
      if (operatorApp != null) {
        md.append(" (platform Application `").append(operatorApp).append("`)");
      } else {
        md.append(
            " (as its release manifest installs it; a Helm install names it after the release)");
      }
    }
    if (atlasOperator) {
      if (cnpg) {
        md.append("; ");
      }
      md.append("Atlas: Deployment `")
          .append(atlasOperatorDeployment)
          .append("`, namespace `")
          .append(atlasOperatorNamespace)
          .append('`');
      if (atlasOperatorApp != null) {
        md.append(" (platform Application `").append(atlasOperatorApp).append("`)");
      } else {
        md.append(" (as its documented Helm install names it)");
      }
    }
    md.append(" |\n");
  }

  /** The sync waves, in the order Argo CD applies them, and what stops a sync. */
  private void howItDeploys() {
    md.append(
        """

        ## How it deploys

        Argo CD applies one sync wave at a time and starts the next only when everything in the current one is healthy:

        """);
    if (objectStoreName != null) {
      md.append("- wave -3: ObjectStore `")
          .append(objectStoreName)
          .append("`, so the cluster has somewhere to archive from its first minute;\n");
    }
    Object providerWave = provider.get("databaseWave");
    if (cnpg) {
      md.append("- wave -2: Cluster `").append(clusterName).append('`');
      if (poolerRw != null) {
        md.append(", ");
        if (poolerRo != null) {
          md.append("Poolers `").append(poolerRw).append("` and `").append(poolerRo).append('`');
        } else {
          md.append("Pooler `").append(poolerRw).append('`');
        }
        if (migrations != null) {
          md.append(',');
        }
      }
      if (migrations != null) {
        md.append(" and ");
        migrationsConfigMaps();
      }
      md.append(": the database is healthy before anything uses it;\n");
    } else if (providerWave != null) {
      md.append("- wave -2: ").append(providerWave);
      if (migrations != null) {
        md.append(" and ");
        migrationsConfigMaps();
      }
      md.append(": the database exists before anything uses it;\n");
    } else if (migrations != null) {
      md.append("- wave -2: ");
      migrationsConfigMaps();
      md.append(": in place before the migration reads it;\n");
    }
    List<String> waveMinusOne = new ArrayList<>(2);
    if (migrations != null && operatorEngine) {
      waveMinusOne.add("AtlasMigration `" + jobName + "`, applied by the Atlas operator");
    } else if (migrations != null) {
      waveMinusOne.add(
          "Job `" + jobName + "`, a Sync hook re-created on every sync, migrates the schema");
    }
    if (schemaFile != null) {
      waveMinusOne.add(
          "AtlasSchema `"
              + atlasSchemaName
              + "`, which the Atlas operator makes the database match");
    }
    if (!waveMinusOne.isEmpty()) {
      md.append("- wave -1: ")
          .append(String.join("; ", waveMinusOne))
          .append(": all in place before the app;\n");
    }
    md.append("- wave 0: ");
    if (app != null) {
      md.append("Deployment and Service `").append(appName).append("`, ");
    }
    md.append("any manifests of yours in `manifests/app/`");
    if (backupSchedule != null) {
      md.append(", ScheduledBackup `").append(scheduledBackupName).append('`');
    }
    if (monitoring != null) {
      md.append(", PodMonitor `")
          .append(podMonitorName)
          .append("` and PrometheusRule `")
          .append(prometheusRuleName)
          .append('`');
    }
    md.append(".\n\n");
    if (cnpg) {
      md.append("A Cluster that does not become healthy stops the sync at wave -2");
      if (migrations != null) {
        md.append(", a failed migration stops it at wave -1");
      }
      if (schemaFile != null) {
        md.append(", a schema change that fails stops it at wave -1");
      }
      md.append(": the running app keeps its previous version.\n");
    } else if (migrations != null || schemaFile != null) {
      md.append("A ");
      if (migrations != null) {
        md.append(schemaFile != null ? "failed migration or a " : "failed migration");
      }
      if (schemaFile != null) {
        md.append("schema change that fails");
      }
      md.append(" stops the sync at wave -1: the running app keeps its previous version.\n");
    }
    md.append(
        "Argo CD self-heals: edits made with `kubectl` are reverted, so change the description and merge instead.\n\n");
    md.append("```sh\n");
    md.append("argocd app get ")
        .append(argoApp)
        .append("        # sync status, health, last operation\n");
    md.append("argocd app sync ").append(argoApp).append("       # sync now");
    if (migrations != null && !operatorEngine) {
      md.append(" (runs the migration Job again)");
    }
    md.append('\n');
    if (cnpg) {
      md.append("kubectl -n ")
          .append(namespace)
          .append(" get clusters.postgresql.cnpg.io ")
          .append(clusterName)
          .append('\n');
    }
    md.append("```\n");
  }

  /** The migrations' ConfigMap; the Job's are split into numbered ones when they grow. */
  private void migrationsConfigMaps() {
    md.append("ConfigMap `").append(migrationsConfigMap).append('`');
    if (!operatorEngine) {
      md.append(" (`-2`, `-3`… for long histories)");
    }
  }

  private void healthChecks() {
    md.append("\n## Health checks\n\n```sh\n");
    md.append("kubectl cnpg status ")
        .append(clusterName)
        .append(" -n ")
        .append(namespace)
        .append("      # health, primary");
    if (instances > 1) {
      md.append(", replication");
    }
    if (backups != null) {
      md.append(", WAL archiving");
    }
    md.append(", certificates\n");
    md.append("kubectl cnpg logs cluster ")
        .append(clusterName)
        .append(" -n ")
        .append(namespace)
        .append(" --tail 100\n");
    if (poolerRw != null) {
      md.append("kubectl -n ").append(namespace).append(" get deployments ").append(poolerRw);
      if (poolerRo != null) {
        md.append(' ').append(poolerRo);
      }
      md.append('\n');
    }
    if (app != null) {
      md.append("kubectl -n ")
          .append(namespace)
          .append(" rollout status deployment/")
          .append(appName)
          .append('\n');
    }
    md.append("```\n\n");
    md.append("Healthy: `Cluster in healthy state` and ")
        .append(instances)
        .append(" ready instance")
        .append(plural(instances))
        .append(".\n");
  }

  /** CNPG's three Services, the Poolers, and how to reach the database from a laptop. */
  private void connect() {
    md.append(
        """

        ## Connect

        | Service (port 5432) | reaches | for |
        |---|---|---|
        """);
    md.append("| `").append(clusterName).append("-rw` | the primary | reads and writes |\n");
    md.append("| `")
        .append(clusterName)
        .append("-ro` | ")
        .append(
            instances > 1 ? "the replicas" : "the replicas: none with 1 instance, so no endpoints")
        .append(" | reads that tolerate replication lag |\n");
    md.append("| `")
        .append(clusterName)
        .append(
            "-r` | any instance, the primary included | the same, spread over every instance |\n");
    if (poolerRw != null) {
      md.append("| `")
          .append(poolerRw)
          .append("` | PgBouncer, then `")
          .append(clusterName)
          .append("-rw` | the app: many clients over few server connections |\n");
      if (poolerRo != null) {
        md.append("| `")
            .append(poolerRo)
            .append("` | PgBouncer, then `")
            .append(clusterName)
            .append("-ro` | the app's read-only connections |\n");
      }
    }
    md.append("\nInside Kubernetes the host is `<name>.")
        .append(namespace)
        .append(".svc`, such as `")
        .append(clusterName)
        .append("-rw.")
        .append(namespace)
        .append(".svc`; connections use TLS, signed by the CA in `")
        .append(clusterName)
        .append("-ca`.\n\n");
    md.append(
        "`kubectl cnpg psql` runs as the `postgres` superuser inside the pod: read first, write only when you must.\n");
    md.append("The last lines connect as the application's user");
    if (poolerRw != null) {
      md.append(", through PgBouncer (or `svc/").append(clusterName).append("-rw` to bypass it)");
    }
    md.append(":\n\n```sh\n");
    md.append("kubectl cnpg psql ")
        .append(clusterName)
        .append(" -n ")
        .append(namespace)
        .append(" -- -d ")
        .append(databaseName)
        .append("             # psql as postgres on the primary\n");
    if (instances > 1) {
      md.append("kubectl cnpg psql ")
          .append(clusterName)
          .append(" -n ")
          .append(namespace)
          .append(" --replica -- -d ")
          .append(databaseName)
          .append("   # on a replica, read-only\n");
    }
    md.append("kubectl -n ")
        .append(namespace)
        .append(" port-forward svc/")
        .append(poolerRw != null ? poolerRw : clusterName + "-rw")
        .append(" 5432:5432     # keep it running, then in another shell:\n");
    md.append("PGPASSWORD=\"$(kubectl -n ")
        .append(namespace)
        .append(" get secret ")
        .append(clusterName)
        .append("-app -o jsonpath='{.data.password}' | base64 -d)\" \\\n");
    md.append("  psql \"host=127.0.0.1 port=5432 dbname=")
        .append(databaseName)
        .append(" user=")
        .append(databaseOwner)
        .append("\"\n");
    md.append("```\n");
  }

  /** How the migrations reach the database, how to follow them, and what to do when one fails. */
  private void migrations(Migrations m) {
    md.append("\n## Migrations\n\n");
    md.append("SQL lives in `services/")
        .append(service)
        .append('/')
        .append(migrationsDir)
        .append("/<version>_<name>.sql`. ");
    if (operatorEngine) {
      md.append("They reach the operator in ConfigMap `")
          .append(migrationsConfigMap)
          .append(
              "`, named after its content: a change of the migrations renames it, and so changes AtlasMigration `")
          .append(jobName)
          .append(
              "` (the previous ConfigMap is pruned at the end of the sync). The Atlas operator applies pending versions (`atlas migrate apply`) against `")
          .append(dbHost)
          .append("` as `")
          .append(databaseOwner)
          .append("`, with the password from `")
          .append(migrationSecret)
          .append("` and `sslmode=")
          .append(m.sslMode().value())
          .append("`, plans on a throwaway dev database of the same major (image `postgres:")
          .append(postgresMajor)
          .append("`), and retries a failed run by itself.\n");
    } else {
      md.append("Every sync runs Job `")
          .append(jobName)
          .append(
              "` (`atlas migrate apply --env k8s`: idempotent, holds an advisory lock) with the `atlas.hcl` of ConfigMap `")
          .append(migrationsConfigMap)
          .append("`, against `")
          .append(dbHost)
          .append("` with the `uri` of `")
          .append(migrationSecret)
          .append("` (read from the environment, never on the command line) and `sslmode=")
          .append(m.sslMode().value())
          .append("`; it retries ")
          .append(m.backoffLimit())
          .append(" time")
          .append(plural(m.backoffLimit()))
          .append(" and is stopped after ")
          .append(m.activeDeadlineSeconds())
          .append("s.\n");
    }
    m.baseline()
        .ifPresent(
            b ->
                md.append("Baseline `")
                    .append(b)
                    .append(
                        "`: on a database that already had the schema, versions up to it count as applied.\n"));
    md.append("\n```sh\n");
    if (operatorEngine) {
      md.append("kubectl -n ")
          .append(namespace)
          .append(" get atlasmigrations.db.atlasgo.io ")
          .append(jobName)
          .append("        # Ready True: applied\n");
      md.append("kubectl -n ")
          .append(namespace)
          .append(" describe atlasmigrations.db.atlasgo.io ")
          .append(jobName)
          .append("   # conditions and events: the error of a failed run\n");
      atlasOperatorLog(jobName);
    } else {
      md.append("kubectl -n ")
          .append(namespace)
          .append(" get job ")
          .append(jobName)
          .append(
              "                # COMPLETIONS 1/1: applied (the Job stays until the next sync)\n");
      md.append("kubectl -n ")
          .append(namespace)
          .append(" logs job/")
          .append(jobName)
          .append("               # the versions applied, or the file and statement that failed\n");
      md.append("kubectl -n ")
          .append(namespace)
          .append(" get pods -l job-name=")
          .append(jobName)
          .append("   # one pod per attempt\n");
    }
    if (cnpg) {
      md.append("kubectl cnpg psql ")
          .append(clusterName)
          .append(" -n ")
          .append(namespace)
          .append(" -- -d ")
          .append(databaseName)
          .append(" -c 'SELECT version, description, applied, total, error FROM ")
          .append(m.revisionsSchema())
          .append(".atlas_schema_revisions ORDER BY version'\n");
    }
    md.append("```\n\n");
    md.append("New migration: `mvn kit:new-migration -Dkit.name=add_something -Dkit.service=")
        .append(service)
        .append(
            "` writes `<version>_add_something.sql`; write the SQL, run `mvn kit:generate` (it updates `atlas.sum` and the ConfigMap), commit all of it and merge.\n\n");
    failedMigration();
    md.append(
        """

        `checksum mismatch` (or "You have a checksum error in your migration directory") means `atlas.sum` does not match the SQL files: one was added or changed without regenerating. Run `mvn kit:generate` and commit. If a merged migration was changed, revert that change and put it in a new migration.

        ### Roll back with a new down migration

        """);
    md.append(operatorEngine ? "The operator" : "The Job")
        .append(
            " only moves forward. To undo an applied migration, write a new one that reverses it; never edit or delete the applied file (databases that ran it keep its changes, and `atlas.sum` would no longer match). Reversing an `ADD COLUMN`, in the file `mvn kit:new-migration -Dkit.name=drop_<column> -Dkit.service=")
        .append(service)
        .append("` creates:\n");
    md.append(
        """

        ```sql
        -- Reverses <version>_add_<column>.sql, which stays as it is.
        ALTER TABLE <table> DROP COLUMN IF EXISTS <column>;
        ```

        Ship the app that no longer uses the column first: dropping it deletes its data""");
    md.append(
        backups != null
            ? ", so take a backup (below) before merging.\n"
            : ", and this service has no backups.\n");
  }

  /** The steps when a migration fails, and what a failed file leaves behind under its tx mode. */
  private void failedMigration() {
    md.append(operatorEngine ? "When a migration fails:\n\n" : "When the Job fails:\n\n");
    if (operatorEngine) {
      md.append(
          "1. Read the conditions and the operator's log: they name the file and the statement that failed.\n");
      md.append(
          "2. A passing problem (database restarting, network): the operator retries by itself; `Ready` turns `True` once it applies.\n");
    } else {
      md.append("1. Read its log: it names the file and the statement that failed.\n");
      md.append("2. A passing problem (database restarting, network): retry with `argocd app sync ")
          .append(argoApp)
          .append("`, which re-creates the Job.\n");
    }
    md.append(
            "3. Wrong SQL: fix forward with a new migration. Never edit a merged one: databases that already ran it would differ from new ones, and `mvn kit:check` rejects the change. Merge; the sync ")
        .append(operatorEngine ? "hands it to the operator" : "runs the hook again")
        .append(".\n");
    md.append('\n');
    switch (txMode) {
      case "none" ->
          md.append(
              "The Job runs with `--tx-mode none`: a failed file may have applied part of its statements, so check the schema before writing the fix.\n");
      case "all" ->
          md.append(
              "The Job runs with `--tx-mode all`: a failure rolls back every file of that run.\n");
      default ->
          md.append(
              "Each file runs in its own transaction, so a failed file leaves nothing behind, unless it starts with `-- atlas:txmode none`: then check what it applied before writing the fix.\n");
    }
  }

  private void atlasOperatorLog(@Nullable String resource) {
    md.append("kubectl -n ")
        .append(atlasOperatorNamespace)
        .append(" logs deployment/")
        .append(atlasOperatorDeployment)
        .append(" --since=1h | grep ")
        .append(resource)
        .append('\n');
  }

  private void schema() {
    md.append("\n## Schema\n\n");
    md.append("`services/")
        .append(service)
        .append('/')
        .append(schemaFile)
        .append(
            "` is the schema the database must have: the Atlas operator compares the database with it and applies the difference (AtlasSchema `")
        .append(atlasSchemaName)
        .append("`, against `")
        .append(dbHost)
        .append("` with the password from `")
        .append(migrationSecret)
        .append("`, `sslmode=require`, ")
        .append("none".equals(schemaTxMode) ? "without a transaction" : "in one transaction")
        .append("). Change the file, run `mvn kit:generate`, merge.\n\n");
    md.append("```sh\n");
    md.append("kubectl -n ")
        .append(namespace)
        .append(" get atlasschemas.db.atlasgo.io ")
        .append(atlasSchemaName)
        .append("        # Ready True: the database matches the file\n");
    md.append("kubectl -n ")
        .append(namespace)
        .append(" describe atlasschemas.db.atlasgo.io ")
        .append(atlasSchemaName)
        .append("   # conditions and events: the planned change or the error\n");
    atlasOperatorLog(atlasSchemaName);
    md.append("```\n\n");
    md.append(
        "Atlas plans whatever makes the database match, drops included: a table or column removed from the file is dropped with its data. To roll back, revert the change to the file and merge; dropped data does not come back");
    md.append(backups != null ? ", so back up first (below).\n" : ".\n");
  }

  /** Taking and checking backups, and restoring into a new cluster. */
  private void backupsAndRestore(Backups b) {
    md.append("\n## Backups and restore\n\n```sh\n");
    md.append("kubectl cnpg backup ")
        .append(clusterName)
        .append(" -n ")
        .append(namespace)
        .append(
            b.legacyInTree()
                ? " --method barmanObjectStore    # on demand, before a risky change\n"
                : " --method plugin --plugin-name barman-cloud.cloudnative-pg.io    # on demand, before a risky change\n");
    md.append("kubectl -n ")
        .append(namespace)
        .append(
            " get backups.postgresql.cnpg.io                   # phase and error of each backup\n");
    if (backupSchedule != null) {
      md.append("kubectl -n ")
          .append(namespace)
          .append(" get scheduledbackups.postgresql.cnpg.io ")
          .append(scheduledBackupName)
          .append("    # time of the last scheduled backup\n");
    }
    if (b.legacyInTree()) {
      md.append("kubectl -n ")
          .append(namespace)
          .append(" get clusters.postgresql.cnpg.io ")
          .append(clusterName)
          .append(
              " -o jsonpath='{.status.firstRecoverabilityPoint} {.status.lastSuccessfulBackup}'\n");
    } else {
      md.append("kubectl -n ")
          .append(namespace)
          .append(" get objectstores.barmancloud.cnpg.io ")
          .append(objectStoreName)
          .append(" -o jsonpath='{.status.serverRecoveryWindow}'    # restorable window\n");
    }
    md.append("```\n\n");
    md.append("A restore never overwrites `")
        .append(clusterName)
        .append(
            "`: it bootstraps a new cluster from the backups. Add a service to the description, generate and merge:\n\n");
    md.append("```java\n");
    md.append(".service(\"")
        .append(service)
        .append("-restore\", s -> s.namespace(\"")
        .append(namespace)
        .append("\").withoutMigrations()\n");
    md.append("    .database(db -> db.postgresMajor(")
        .append(postgresMajor)
        .append(").storage(\"")
        .append(db.storage().orElseThrow().size())
        .append("\")\n");
    md.append("        .restore(Restore.fromService(\"")
        .append(service)
        .append("\").pointInTime(Instant.parse(\"YYYY-MM-DDThh:mm:ssZ\")))))\n");
    md.append("```\n\n");
    md.append(
        "Leave out `pointInTime` to recover to the end of the archived WAL; a point in time must lie inside the restorable window.\n");
    b.irsaRoleArn()
        .ifPresent(
            role ->
                md.append("The restored cluster reads these backups with IAM role `")
                    .append(role)
                    .append("`: let it trust `system:serviceaccount:")
                    .append(namespace)
                    .append(':')
                    .append(service)
                    .append("-restore-cluster` too.\n"));
    md.append("Check the data with `kubectl cnpg psql ")
        .append(service)
        .append("-restore-cluster -n ")
        .append(namespace)
        .append("` before anything points at it.\n");
  }

  private void scaleReplicas() {
    md.append("\n## Scale replicas\n\n");
    md.append("Change `instances(")
        .append(instances)
        .append(")` on the database of `")
        .append(service)
        .append(
            "` in the description, run `mvn kit:generate` and merge; Argo CD sets `spec.instances` of `")
        .append(clusterName)
        .append(
            "`. Scaling up, CNPG creates each new instance with its own volume, clones it from the primary and adds it to `")
        .append(clusterName)
        .append(
            "-ro` once it streams; scaling down, it removes the ready replica with the highest number (never the primary) and its volumes. Watch with `kubectl cnpg status ")
        .append(clusterName)
        .append(" -n ")
        .append(namespace)
        .append("`.");
    if (instances == 1) {
      md.append(
          " For failover, go to 3 instances (a primary and 2 replicas), the usual minimum in production.");
    }
    md.append('\n');
  }

  private void failoverAndMaintenance() {
    md.append("\n## Failover and maintenance\n\n");
    if (instances > 1) {
      md.append("CNPG promotes a replica by itself when the primary fails; `")
          .append(clusterName)
          .append("-rw` follows the new primary. Instance names are in `kubectl cnpg status`.\n\n");
      md.append("- Switchover, e.g. before draining a node: `kubectl cnpg promote ")
          .append(clusterName)
          .append(" <replica-instance> -n ")
          .append(namespace)
          .append("`\n");
      md.append("- Rolling restart of all instances: `kubectl cnpg restart ")
          .append(clusterName)
          .append(" -n ")
          .append(namespace)
          .append("`; one instance: `kubectl cnpg restart ")
          .append(clusterName)
          .append(" <instance> -n ")
          .append(namespace)
          .append("`\n");
    } else {
      md.append(
          "With one instance there is no replica to fail over to: while the primary pod is down the database is down (its data stays on the volume).\n\n");
      md.append("- Restart: `kubectl cnpg restart ")
          .append(clusterName)
          .append(" -n ")
          .append(namespace)
          .append("` (downtime while PostgreSQL restarts)\n");
    }
    if (db.primaryUpdateStrategy().equals(Optional.of(Database.PrimaryUpdateStrategy.SUPERVISED))) {
      md.append(
          "- Updates are supervised: in a rolling update (new image, a setting that needs a restart, an operator upgrade) CNPG updates the replicas, then waits in phase `Waiting for user action` (kit's health check shows the Cluster Suspended in Argo CD, and the sync waits at wave -2 until you act). Finish it with ");
      if (instances > 1) {
        md.append("a switchover to an updated replica, `kubectl cnpg promote ")
            .append(clusterName)
            .append(" <replica-instance> -n ")
            .append(namespace)
            .append("`, or ");
      }
      md.append("an in-place restart of the primary, `kubectl cnpg restart ")
          .append(clusterName)
          .append(" <primary-instance> -n ")
          .append(namespace)
          .append("`.\n");
    }
  }

  private void troubleshooting() {
    md.append("\n## Troubleshooting\n\n```sh\n");
    md.append("kubectl cnpg status ")
        .append(clusterName)
        .append(" -n ")
        .append(namespace)
        .append(" --verbose                  # phase, instances, replication, conditions\n");
    md.append("kubectl -n ")
        .append(namespace)
        .append(" get pods -l cnpg.io/cluster=")
        .append(clusterName)
        .append("            # instances")
        .append(poolerRw != null ? " and PgBouncer pods" : "")
        .append(": READY 1/1, no restarts\n");
    md.append("kubectl -n ")
        .append(namespace)
        .append(
            " describe pod <instance>                             # Pending or not ready: the events at the end say why\n");
    md.append("kubectl -n ")
        .append(namespace)
        .append(
            " logs <instance> -c postgres --previous              # why a crashed instance stopped\n");
    md.append("kubectl -n ")
        .append(namespace)
        .append(" get events --sort-by=.metadata.creationTimestamp\n");
    md.append("kubectl -n ")
        .append(operatorNamespace)
        .append(" logs deployment/")
        .append(operatorDeployment)
        .append(" --all-containers=true --since=1h | grep ")
        .append(clusterName)
        .append('\n');
    md.append("```\n\n");
    if (migrations != null) {
      md.append("- **Migrations**: status, logs and a retry are under Migrations; ")
          .append(operatorEngine ? "an AtlasMigration" : "a Job")
          .append(" that never starts waits for wave -2, a healthy `")
          .append(clusterName)
          .append("`.\n");
    }
    storageAdvice();
    // CNPG preloads pg_stat_statements and creates the extension once any pg_stat_statements.*
    // parameter is set.
    boolean pgStatStatements =
        db.parameters().keySet().stream().anyMatch(k -> k.startsWith(PG_STAT_STATEMENTS_PREFIX));
    md.append("- **Slow queries**: the first command below lists what runs now, longest first");
    if (pgStatStatements) {
      md.append(
          ", the second the statements that cost the most time since the statistics were reset");
    }
    md.append("; stop a runaway with `SELECT pg_cancel_backend(<pid>)`.");
    if (!pgStatStatements) {
      md.append(
          " For totals per statement, add `.parameter(\"pg_stat_statements.track\", \"all\")` to the database: CNPG then loads `pg_stat_statements` (restarting the instances) and creates the extension.");
    }
    md.append('\n');
    connectionsAdvice();
    md.append("\n```sh\n");
    String psql =
        "kubectl cnpg psql " + clusterName + " -n " + namespace + " -- -d " + databaseName;
    md.append(psql)
        .append(
            " -c \"SELECT pid, now() - query_start AS runtime, state, wait_event, left(query, 80) FROM pg_stat_activity WHERE state <> 'idle' ORDER BY runtime DESC NULLS LAST\"\n");
    if (pgStatStatements) {
      md.append(psql)
          .append(
              " -c \"SELECT calls, round(mean_exec_time) AS mean_ms, left(query, 80) FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 10\"\n");
    }
    md.append(psql)
        .append(
            " -c 'SHOW max_connections' -c 'SELECT usename, state, count(*) FROM pg_stat_activity GROUP BY 1, 2'\n");
    if (poolerRw != null) {
      md.append("kubectl -n ")
          .append(namespace)
          .append(" exec deployment/")
          .append(poolerRw)
          .append(
              " -c pgbouncer -- psql -h /controller/run -U pgbouncer -d pgbouncer -c 'SHOW POOLS'\n");
    }
    md.append("```\n");
  }

  private void storageAdvice() {
    Storage storage = db.storage().orElseThrow();
    md.append("- **Storage**: `kubectl -n ")
        .append(namespace)
        .append(" get pvc -l cnpg.io/cluster=")
        .append(clusterName)
        .append("` lists a volume per instance")
        .append(db.walStorage().isPresent() ? " and a `-wal` one each" : "")
        .append("; a `Pending` one is explained by `kubectl -n ")
        .append(namespace)
        .append(" describe pvc <pvc>`. ");
    storage
        .storageClass()
        .ifPresentOrElse(
            c ->
                md.append("They use class `")
                    .append(c)
                    .append("`: `kubectl get storageclass ")
                    .append(c)
                    .append('`'),
            () ->
                md.append(
                    "The description sets no class, so they use the cluster's default, marked `(default)` by `kubectl get storageclass`; with no default they stay `Pending`"));
    md.append(". A full disk stops PostgreSQL: raise `storage(\"")
        .append(storage.size())
        .append("\")` in the description and merge (the class must allow volume expansion).\n");
  }

  private void connectionsAdvice() {
    md.append("- **Connections**: the limit");
    String maxConnections = db.parameters().get("max_connections");
    if (maxConnections != null) {
      md.append(" (the description sets `max_connections` to ").append(maxConnections).append(')');
    } else {
      md.append(" (PostgreSQL's default `max_connections` is 100)");
    }
    md.append(" and who holds them. ");
    if (poolerRw != null) {
      md.append(
              "PgBouncer's `SHOW POOLS` counts in `cl_waiting` the clients queued for a server connection: raise `default_pool_size` with `.parameter(\"default_pool_size\", \"…\")` on the pooler, keeping ")
          .append(db.pooler().orElseThrow().instances())
          .append(" pods × `default_pool_size` below `max_connections`.\n");
    } else {
      md.append(
          "Without a pooler each client holds a server connection; if they run out, add `.pooler(p -> p.instances(2))` to the database and point the app at the Pooler.\n");
    }
  }

  private void bestPractices() {
    md.append("\n## Best practices\n\n");
    if (migrations != null) {
      md.append("- **Test migrations locally** before merging: from `services/")
          .append(service)
          .append("/`, against a throwaway PostgreSQL ")
          .append(postgresMajor)
          .append(", with the `local` env of the generated `atlas.hcl`:\n\n");
      md.append("```sh\n");
      dockerRun();
      md.append(
          """
          DATABASE_URL='postgres://postgres@localhost:5432/postgres?sslmode=disable' atlas migrate apply --env local
          ```

          - **Make each statement idempotent**: `CREATE TABLE IF NOT EXISTS`, `ADD COLUMN IF NOT EXISTS`, `CREATE INDEX IF NOT EXISTS`, so a file stopped halfway can run again.
          - **Add a column nullable, backfill, then constrain**: `ADD COLUMN … NULL` is instant; fill it in batches; `SET NOT NULL` or a default in a later migration, once every row has a value.
          """);
      md.append("- **One transaction per file**: ");
      switch (txMode) {
        case "all" -> md.append("this Job runs `--tx-mode all`, one transaction for the whole run");
        case "none" ->
            md.append(
                "this Job runs `--tx-mode none`, no transaction, so a failed file stays half-applied");
        default -> md.append("Atlas runs each file in its own transaction");
      }
      md.append(": keep a file to one change.");
      if (!"none".equals(txMode)) {
        md.append(
            " `CREATE INDEX CONCURRENTLY` cannot run in a transaction: put it alone in a file that starts with `-- atlas:txmode none` and a blank line.");
      }
      md.append('\n');
    }
    if (schemaFile != null) {
      md.append("- **Test schema changes locally** before merging: from `services/")
          .append(service)
          .append("/`, against a throwaway PostgreSQL ")
          .append(postgresMajor)
          .append("; Atlas prints its plan and asks before applying it:\n\n");
      md.append("```sh\n");
      dockerRun();
      md.append(
              "atlas schema apply --url 'postgres://postgres@localhost:5432/postgres?sslmode=disable' --to file://")
          .append(schemaFile)
          .append(" --dev-url 'docker://postgres/")
          .append(postgresMajor)
          .append("/dev'\n");
      md.append("```\n\n");
    }
    if (backups != null) {
      md.append("- **Back up before a big change**: `kubectl cnpg backup ")
          .append(clusterName)
          .append(" -n ")
          .append(namespace)
          .append(
              backups.legacyInTree()
                  ? " --method barmanObjectStore"
                  : " --method plugin --plugin-name barman-cloud.cloudnative-pg.io")
          .append("`, then wait for phase `completed` in `kubectl -n ")
          .append(namespace)
          .append(" get backups.postgresql.cnpg.io`.\n");
    } else if (cnpg) {
      md.append("- **Back up before a big change**: backups are not configured for `")
          .append(service)
          .append(
              "`, so there is nothing to restore from. Add them to the database in the description, e.g. `.backups(\"s3://<bucket>/")
          .append(service)
          .append(
              "/\", b -> b.credentials(S3Credentials.fromSecret(\"<secret>\", \"<access-key-id-key>\", \"<secret-key-key>\")).schedule(\"0 0 2 * * *\"))`, generate and merge. Until then, a logical copy: `kubectl -n ")
          .append(namespace)
          .append(" exec <primary-instance> -c postgres -- pg_dump -Fc -d ")
          .append(databaseName)
          .append(" > ")
          .append(databaseName)
          .append(".dump`.\n");
    } else {
      md.append("- **Back up before a big change**: whoever runs `")
          .append(dbHost)
          .append(
              "` backs it up; ask for a backup you can restore before merging a change that drops or rewrites data.\n");
    }
  }

  /** A throwaway PostgreSQL of the service's major, for trying a change locally. */
  private void dockerRun() {
    md.append("docker run -d --name ")
        .append(service)
        .append("-pg -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:")
        .append(postgresMajor)
        .append('\n');
  }

  /** What each PrometheusRule alert means and where to look first. */
  private void alerts(Monitoring m) {
    md.append("\n## Alerts\n\n");
    String alertFor = MonitoringRenderer.duration(m.alertFor());
    if (instances > 1) {
      md.append("- **Replication lag** (a replica more than ")
          .append(MonitoringRenderer.duration(m.replicationLagThreshold()))
          .append(" behind for ")
          .append(alertFor)
          .append(
              "): `kubectl cnpg status` shows the lag per replica; look for long transactions or a write burst on the primary, and disk or network pressure on the replica's node.\n");
      md.append("- **Replica down** (fewer than ")
          .append(instances - 1)
          .append(" streaming replica")
          .append(instances != 2 ? "s" : "")
          .append(" for ")
          .append(alertFor)
          .append(
              ", or no primary reporting metrics): `kubectl cnpg status` lists instances and streaming replicas; `kubectl -n ")
          .append(namespace)
          .append(" describe pod <instance>` shows scheduling, volume and node problems.\n");
    }
    if (backups != null) {
      md.append("- **WAL archiving failing** (a failure within ")
          .append(MonitoringRenderer.duration(m.archiveFailureWindow()))
          .append(
              " and no success since): `kubectl cnpg status` shows the last failed WAL; `kubectl -n ")
          .append(namespace)
          .append(" logs <primary-instance> -c ")
          .append(backups.legacyInTree() ? "postgres" : "plugin-barman-cloud")
          .append(
              "` shows why (credentials, bucket, network). Unarchived WAL piles up on the primary's volume: fix it before the disk fills.\n");
      md.append("- **Last backup too old** (newest base backup older than ")
          .append(MonitoringRenderer.duration(m.lastBackupMaxAge()))
          .append(", or none completed yet): `kubectl -n ")
          .append(namespace)
          .append(
              " get backups.postgresql.cnpg.io` for failed backups and their error, then take one on demand.\n");
    }
    if (instances <= 1 && backups == null) {
      md.append(
          "No alert applies yet: replication alerts need more than one instance, backup alerts need backups.\n");
    }
  }

  /** Why Argo CD never deletes the database, and the deliberate steps to delete it. */
  private void dataSafety() {
    md.append("\n## Data safety\n\n");
    md.append("Cluster `").append(clusterName).append('`');
    if (objectStoreName != null) {
      md.append(" and ObjectStore `").append(objectStoreName).append("` carry");
    } else {
      md.append(" carries");
    }
    md.append(
        " `argocd.argoproj.io/sync-options: Prune=false,Delete=false`: deleting a CNPG Cluster deletes its volumes, so removing a line from the description or deleting the Application never deletes data. Argo CD skips the prune and reports the app out of sync instead.\n\n");
    md.append("Deleting the database is deliberate and by hand:\n\n");
    int step = 1;
    if (backups != null) {
      md.append(step++).append(". Take a last backup (above) and check it completed.\n");
    }
    md.append(step++)
        .append(". Remove the service from the description, run `mvn kit:generate`, merge, and ");
    if (applicationSetName != null) {
      md.append("ApplicationSet `")
          .append(applicationSetName)
          .append("` deletes the Application `")
          .append(argoApp)
          .append('`');
    } else {
      md.append("delete the Application: `argocd app delete ").append(argoApp).append('`');
    }
    md.append(" (objects with `Delete=false` stay).\n");
    md.append(step++)
        .append(". `kubectl -n ")
        .append(namespace)
        .append(" delete clusters.postgresql.cnpg.io ")
        .append(clusterName)
        .append("`: removes the instances and their volumes.\n");
    if (objectStoreName != null && backups != null) {
      md.append(step)
          .append(". `kubectl -n ")
          .append(namespace)
          .append(" delete objectstores.barmancloud.cnpg.io ")
          .append(objectStoreName)
          .append("`: the backups stay in `")
          .append(backups.destinationPath())
          .append("` until removed there.\n");
    }
  }

  /** The plural ending of a count's noun. */
  private static String plural(int count) {
    return count == 1 ? "" : "s";
  }

  /**
   * The name both operator charts give their Deployment ({@code <chart>.fullname} in their {@code
   * _helpers.tpl}): {@code fullnameOverride}; else the release name when it contains the chart's
   * name ({@code nameOverride} or the chart), else {@code <release>-<name>}; at most 63 characters,
   * no trailing '-'.
   */
  static String helmFullname(String release, HelmChart chart) {
    String fullname;
    if (chart.values().get("fullnameOverride") instanceof String override && !override.isEmpty()) {
      fullname = override;
    } else {
      String name =
          chart.values().get("nameOverride") instanceof String override && !override.isEmpty()
              ? override
              : chart.chart();
      fullname = release.contains(name) ? release : release + "-" + name;
    }
    fullname = fullname.length() > HELM_NAME_MAX ? fullname.substring(0, HELM_NAME_MAX) : fullname;
    while (fullname.endsWith("-")) {
      fullname = fullname.substring(0, fullname.length() - 1);
    }
    return fullname;
  }

  /** Names where the S3 credentials come from, never their values. */
  private String credentials(S3Credentials credentials) {
    String account = "`" + clusterName + "`";
    if (credentials instanceof S3Credentials.Keys keys) {
      String secret = keys.accessKeyId().name();
      return secret.equals(keys.secretAccessKey().name())
          ? "Secret `" + secret + "`"
          : "Secrets `" + secret + "` and `" + keys.secretAccessKey().name() + "`";
    }
    // CNPG names the instances' service account after the cluster.
    return ((S3Credentials.IamRole) credentials)
        .roleArn()
        .map(
            role ->
                "IAM role `"
                    + role
                    + "` through IRSA (service account "
                    + account
                    + " carries the `"
                    + CnpgClusterRenderer.IRSA_ROLE_ARN
                    + "` annotation; the role must trust `system:serviceaccount:"
                    + namespace
                    + ":"
                    + clusterName
                    + "`)")
        .orElse(
            "the IAM role an EKS Pod Identity association gives service account "
                + account
                + " in namespace `"
                + namespace
                + "`");
  }
}
