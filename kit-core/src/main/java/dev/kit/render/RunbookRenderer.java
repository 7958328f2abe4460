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
import dev.kit.model.Role;
import dev.kit.model.S3Credentials;
import dev.kit.model.Service;
import dev.kit.model.Storage;
import dev.kit.model.TxMode;
import dev.kit.plan.GeneratedHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
  private final Utf8Text md = new Utf8Text(16 * 1024);
  private final String service;
  private final String namespace;

  /** The environment this runbook is for; null without environments. */
  private final @Nullable String environment;

  /** The namespace as the description writes it, which the environment's rule turns into ours. */
  private final String restoreNamespace;

  /** {@code kubectl -n <namespace>}, how most commands start. */
  private final String kubectl;

  /** {@code kubectl cnpg psql} on the primary, in the application's database. */
  private final String psql;

  /**
   * The Kubernetes cluster the Application deploys to, as the "What runs" table names it: every
   * {@code kubectl} command here acts on it, and environments deploy to different ones.
   */
  private final String kubernetesCluster;

  /** The same cluster as the object of "check that the current context points at …". */
  private final String contextTarget;

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
  private final @Nullable String atlasSchemaName;
  private final @Nullable String schemaFile;
  private final @Nullable String schemaTxMode;
  private final @Nullable String operatorApp;
  private final String operatorNamespace;
  private final String operatorDeployment;
  private final boolean atlasOperator;
  private final @Nullable String atlasOperatorApp;
  private final String atlasOperatorNamespace;
  private final String atlasOperatorDeployment;
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
    environment = kit.environment().isPresent() ? kit.environment().get().name() : null;
    restoreNamespace = writtenNamespace(kit, namespace);
    ArgoCd argo = kit.repository().argoCd();
    argoNamespace = argo.namespace();
    argoProject = argo.project();
    ArgoApplication.Destination destination = ArgoApplication.Destination.of(kit, namespace);
    String destinationName = destination.name();
    String server = Objects.requireNonNullElse(destination.server(), ArgoCd.IN_CLUSTER);
    if (destinationName != null) {
      kubernetesCluster = "`" + destinationName + "`, as Argo CD names it (`argocd cluster list`)";
      contextTarget = "the cluster Argo CD calls `" + destinationName + "`";
    } else if (ArgoCd.IN_CLUSTER.equals(server)) {
      kubernetesCluster = "the one Argo CD runs in (`in-cluster` in `argocd cluster list`)";
      contextTarget = "the cluster Argo CD runs in";
    } else {
      kubernetesCluster = "`" + server + "`";
      contextTarget = "the cluster at `" + server + "`";
    }
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
    kubectl = "kubectl -n " + namespace;
    psql = "kubectl cnpg psql " + clusterName + " -n " + namespace + " -- -d " + databaseName;

    List<String> configMaps = context.rendered(Patch.Target.MIGRATIONS_CONFIGMAP);
    List<String> atlasMigrations = context.rendered(Patch.Target.ATLAS_MIGRATION);
    if (configMaps.isEmpty()) {
      migrations = null;
      jobName = null;
      operatorEngine = false;
      migrationsConfigMap = null;
      migrationsDir = null;
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
    }
    List<String> schemas = context.rendered(Patch.Target.ATLAS_SCHEMA);
    DeclarativeSchema declarative = schemas.isEmpty() ? null : s.declarativeSchema().orElse(null);
    atlasSchemaName = declarative == null ? null : schemas.get(0);
    schemaFile =
        declarative == null ? null : ServiceLayout.schemaFile(s).orElse(declarative.file());
    schemaTxMode = declarative == null ? null : flag(declarative.txMode());

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
      // Where its documented install puts it; read only when the operator runs.
      atlasOperatorApp = null;
      atlasOperatorNamespace = ATLAS_OPERATOR_NAMESPACE;
      atlasOperatorDeployment = ATLAS_OPERATOR_DEPLOYMENT;
    }

    // The rw pooler's name, then the ro one's.
    List<String> poolers = context.rendered(Patch.Target.POOLER);
    poolerRw = poolers.isEmpty() ? null : poolers.get(0);
    poolerRo = poolers.size() > 1 ? poolers.get(1) : null;
    backups = db.backups().orElse(null);
    // The in-tree method has no ObjectStore: the store settings live in the Cluster itself.
    List<String> objectStores = context.rendered(Patch.Target.OBJECT_STORE);
    objectStoreName = backups == null || objectStores.isEmpty() ? null : objectStores.get(0);
    backupSchedule = backups == null ? null : backups.schedule().orElse(null);
    scheduledBackupName =
        backupSchedule == null ? null : context.rendered(Patch.Target.SCHEDULED_BACKUP).get(0);
    List<String> podMonitors = context.rendered(Patch.Target.POD_MONITOR);
    monitoring = podMonitors.isEmpty() ? null : s.monitoring().orElse(null);
    podMonitorName = monitoring == null ? null : podMonitors.get(0);
    // None when no alert can fire: no replica, no backups.
    List<String> prometheusRules = context.rendered(Patch.Target.PROMETHEUS_RULE);
    prometheusRuleName =
        monitoring == null || prometheusRules.isEmpty() ? null : prometheusRules.get(0);
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
  static byte[] render(ServiceContext context) {
    RunbookRenderer runbook = new RunbookRenderer(context);
    runbook.md.append(GeneratedHeader.markdownLine(context.source()));
    runbook.text();
    return runbook.md.toByteArray();
  }

  private void text() {
    intro();
    whatRuns();
    howItDeploys();
    if (cnpg) {
      healthChecks();
      connect();
    } else {
      md.append("\n" + provider.get("databaseSection") + "\n");
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
  }

  private void intro() {
    md.append("# Runbook: " + service + "\n\n");
    md.append(
        "On-call guide for `"
            + service
            + "`, generated from the kit description: change the description, not this file.\n");
    md.append("It uses `kubectl`");
    if (cnpg) {
      md.append(
          ", the [cnpg kubectl plugin](https://cloudnative-pg.io/documentation/current/kubectl-plugin/)");
    }
    md.append(" and the `argocd` CLI.\n");
    md.append("Its `kubectl` commands name no context: before running one, check that `kubectl");
    md.append(" config current-context` points at " + contextTarget + ".\n");
  }

  /** A table row for each object the service runs, and the operators that act on them. */
  private void whatRuns() {
    md.append(
        """

        ## What runs

        | what | where |
        |---|---|
        """);
    md.append("| Kubernetes cluster | " + kubernetesCluster + " |\n");
    md.append("| namespace | `" + namespace + "` |\n");
    md.append("| Argo CD Application | `" + argoApp + "` (namespace `" + argoNamespace + "`");
    md.append(", project `" + argoProject + "`");
    if (applicationSetName != null) {
      md.append(", generated by ApplicationSet `" + applicationSetName + "`");
    }
    md.append("), syncing `" + manifests + "/` |\n");
    if (cnpg) {
      clusterRows();
    } else {
      for (Object row : (List<?>) provider.getOrDefault("databaseRows", List.of())) {
        md.append(row + "\n");
      }
    }
    Optional<Restore> restore = db.restore();
    if (restore.isPresent()) {
      restoreRow(restore.get());
    }
    if (poolerRw != null) {
      Pooler pooler = db.pooler().orElseThrow();
      md.append("| PgBouncer | Pooler `" + poolerRw + "` to the primary");
      if (poolerRo != null) {
        md.append(", `" + poolerRo + "` to the replicas");
      }
      md.append("; " + pooler.instances() + " pod" + plural(pooler.instances()) + " each");
      if (pooler.poolMode().isPresent()) {
        md.append(", " + pooler.poolMode().get().value() + " pooling");
      }
      md.append(" |\n");
    }
    if (backups != null) {
      backupsRow(backups);
    }
    if (monitoring != null) {
      md.append("| monitoring | PodMonitor `" + podMonitorName + "`");
      if (prometheusRuleName != null) {
        md.append(", PrometheusRule `" + prometheusRuleName + "`");
      }
      md.append(" (see Alerts) |\n");
    }
    if (migrations != null) {
      md.append(
          operatorEngine
              ? "| migrations | AtlasMigration `" + jobName + "`, applied by the Atlas operator"
              : "| migrations | Atlas Job `" + jobName + "`");
      md.append(", SQL in `services/" + service + "/" + migrationsDir + "/` |\n");
    }
    if (schemaFile != null) {
      md.append("| schema | AtlasSchema `" + atlasSchemaName + "`: the Atlas operator keeps the");
      md.append(" database in line with `services/" + service + "/" + schemaFile + "` |\n");
    }
    if (app != null) {
      appRow(app);
    }
    if (cnpg || atlasOperator) {
      operatorsRow();
    }
  }

  private void clusterRows() {
    md.append("| CNPG Cluster | `" + clusterName + "`: " + instances + " instance");
    if (instances != 1) {
      md.append("s (1 primary, " + replicas() + ")");
    }
    md.append(", PostgreSQL " + postgresMajor);
    if (image != null) {
      md.append(", image `" + image + "`");
    }
    md.append(" |\n");
    Storage storage = db.storage().orElseThrow();
    md.append("| storage per instance | " + storage.size() + " data" + storageClass(storage));
    Optional<Storage> wal = db.walStorage();
    if (wal.isPresent()) {
      md.append(", " + wal.get().size() + " WAL" + storageClass(wal.get()));
    }
    md.append(" |\n");
    md.append("| database | `" + databaseName + "`, owned by `" + databaseOwner + "` |\n");
    if (!db.roles().isEmpty()) {
      md.append("| managed roles | " + roles(db) + " |\n");
    }
    md.append(
        "| Secrets | `" + clusterName + "-app` (keys `uri`, `host`, `port`, `dbname`, `user`,");
    md.append(" `password`), `" + clusterName + "-ca` (cluster CA)");
    if (db.superuserAccess()) {
      md.append(", `" + clusterName + "-superuser`");
    }
    md.append(" |\n");
  }

  /** The managed roles as the runbook lists them: how each logs in, and those CNPG drops. */
  private static String roles(Database db) {
    List<String> kept = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (Role role : db.roles()) {
      if (role.absent()) {
        dropped.add("`" + role.name() + "`");
      } else if (role.passwordSecret().isPresent()) {
        kept.add(
            "`"
                + role.name()
                + "` (login, password in Secret `"
                + role.passwordSecret().get()
                + "`)");
      } else {
        kept.add("`" + role.name() + "`" + (role.login() ? " (login, no password)" : ""));
      }
    }
    return String.join(", ", kept)
        + (dropped.isEmpty()
            ? ""
            : (kept.isEmpty() ? "" : "; ") + "dropped: " + String.join(", ", dropped));
  }

  private static String storageClass(Storage storage) {
    return storage.storageClass().isPresent()
        ? " (class `" + storage.storageClass().get() + "`)"
        : "";
  }

  private void restoreRow(Restore restore) {
    if (restore.source() instanceof Restore.ServiceBackups s) {
      md.append("| bootstrapped from | backups of service `" + s.service() + "`");
    } else {
      Restore.ObjectStoreBackups o = (Restore.ObjectStoreBackups) restore.source();
      md.append("| bootstrapped from | backups of ObjectStore `" + o.objectStore() + "`");
      md.append(" (server `" + o.serverName() + "`)");
    }
    if (restore.pointInTime().isPresent()) {
      // Instant.toString is ISO-8601 in UTC: the same text on every machine.
      md.append(", recovered up to " + restore.pointInTime().get());
    }
    md.append(" |\n");
  }

  private void backupsRow(Backups b) {
    md.append("| backups | to `" + b.destinationPath() + "` with ");
    md.append(
        b.legacyInTree()
            ? "the in-tree `barmanObjectStore` (deprecated in favour of the Barman Cloud plugin)"
            : "the Barman Cloud plugin, ObjectStore `" + objectStoreName + "`");
    // Validation refused backups without credentials before anything renders.
    md.append("; credentials: " + credentials(b.credentials().orElseThrow()));
    if (backupSchedule != null) {
      md.append("; base backup on cron `" + backupSchedule + "`");
      // A descriptor such as @daily has no fields to read in the wrong order.
      if (!backupSchedule.trim().startsWith("@")) {
        md.append(" (seconds first)");
      }
      if (b.immediate()) {
        md.append(", the first one at once");
      }
    }
    if (b.retentionPolicy().isPresent()) {
      md.append("; kept " + b.retentionPolicy().get());
    }
    md.append(" |\n");
  }

  private void appRow(App a) {
    md.append("| app | Deployment and Service `" + appName + "`: image `" + a.image() + "`, ");
    md.append(a.replicas() + " replica" + plural(a.replicas()) + ", port " + a.port() + "; ");
    md.append(
        switch (a.connection()) {
          case POOLER ->
              "libpq `PG*` variables (no `DATABASE_URL`), `PGHOST` the Pooler `"
                  + poolerRw
                  + "`, the rest from `"
                  + appSecret
                  + "`; `JDBC_URL` for Java apps; both verify";
          case PARTS ->
              "libpq `PG*` variables from `"
                  + appSecret
                  + "`, to `"
                  + dbHost
                  + (a.connectAs().isPresent()
                      ? "`; `JDBC_URL` built from them for Java apps; both verify"
                      : "`; `JDBC_URL` from key `jdbc-uri` for Java apps; both verify");
          case URI ->
              "`DATABASE_URL` from `"
                  + appSecret
                  + "` key `uri`, to `"
                  + dbHost
                  + "`, with libpq's `PGSSLMODE` and `PGSSLROOTCERT`; `JDBC_URL` from key `jdbc-uri`"
                  + " for Java apps; both verify";
        });
    md.append(" the server (`sslmode=verify-full`) against " + caText);
    if (a.connectAs().isPresent()) {
      md.append("; connects as the managed role `" + a.connectAs().get() + "` (`PGUSER`, ");
      md.append(
          "`PGPASSWORD` from its Secret), not the owner, holding what the migrations grant it");
    }
    md.append("; runs as user " + a.runAsUser() + ", group " + a.runAsGroup() + " |\n");
  }

  private void operatorsRow() {
    md.append("| operators | ");
    if (cnpg) {
      operator(
          "CloudNativePG",
          operatorDeployment,
          operatorNamespace,
          operatorApp,
          "as its release manifest installs it; a Helm install names it after the release");
    }
    if (atlasOperator) {
      if (cnpg) {
        md.append("; ");
      }
      operator(
          "Atlas",
          atlasOperatorDeployment,
          atlasOperatorNamespace,
          atlasOperatorApp,
          "as its documented Helm install names it");
    }
    md.append(" |\n");
  }

  /** One operator of the operators row: where it runs, and what installs it. */
  private void operator(
      String name, String deployment, String namespace, @Nullable String app, String installedBy) {
    md.append(name + ": Deployment `" + deployment + "`, namespace `" + namespace + "`");
    md.append(app != null ? " (platform Application `" + app + "`)" : " (" + installedBy + ")");
  }

  /** The sync waves, in the order Argo CD applies them, and what stops a sync. */
  private void howItDeploys() {
    md.append(
        """

        ## How it deploys

        Argo CD applies one sync wave at a time and starts the next only when everything in the current one is healthy:

        """);
    if (objectStoreName != null) {
      md.append("- wave -3: ObjectStore `" + objectStoreName + "`, so the cluster has somewhere");
      md.append(" to archive from its first minute;\n");
    }
    Object providerWave = provider.get("databaseWave");
    if (cnpg) {
      md.append("- wave -2: Cluster `" + clusterName + "`");
      if (poolerRo != null) {
        md.append(", Poolers `" + poolerRw + "` and `" + poolerRo + "`");
      } else if (poolerRw != null) {
        md.append(", Pooler `" + poolerRw + "`");
      }
      if (migrations != null) {
        md.append(poolerRw != null ? ", and " : " and ");
        migrationsConfigMaps();
      }
      md.append(": the database is healthy before anything uses it;\n");
    } else if (providerWave != null) {
      md.append("- wave -2: " + providerWave);
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
    if (migrations != null) {
      waveMinusOne.add(
          operatorEngine
              ? "AtlasMigration `" + jobName + "`, applied by the Atlas operator"
              : "Job `" + jobName + "`, a Sync hook re-created on every sync, migrates the schema");
    }
    if (schemaFile != null) {
      waveMinusOne.add(
          "AtlasSchema `"
              + atlasSchemaName
              + "`, which the Atlas operator makes the database match");
    }
    if (!waveMinusOne.isEmpty()) {
      md.append(
          "- wave -1: " + String.join("; ", waveMinusOne) + ": all in place before the app;\n");
    }
    md.append("- wave 0: ");
    if (app != null) {
      md.append("Deployment and Service `" + appName + "`, ");
    }
    md.append("any manifests of yours in `manifests/app/`");
    if (backupSchedule != null) {
      md.append(", ScheduledBackup `" + scheduledBackupName + "`");
    }
    if (monitoring != null) {
      md.append(", PodMonitor `" + podMonitorName + "`");
      if (prometheusRuleName != null) {
        md.append(" and PrometheusRule `" + prometheusRuleName + "`");
      }
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
        """
        Argo CD self-heals: edits made with `kubectl` are reverted, so change the description and merge instead.

        ```sh
        """);
    md.append("argocd app get " + argoApp + "        # sync status, health, last operation\n");
    md.append("argocd app sync " + argoApp + "       # sync now");
    if (migrations != null && !operatorEngine) {
      md.append(" (runs the migration Job again)");
    }
    md.append("\n");
    if (cnpg) {
      md.append(kubectl + " get clusters.postgresql.cnpg.io " + clusterName + "\n");
    }
    md.append("```\n");
  }

  /**
   * The migrations' ConfigMap; the Job's are split into numbered ones when they grow. Appended in
   * pieces: its '…' is not Latin-1, and in a concatenation it would make every string around it two
   * bytes a character. Only for a service with migrations, which always have a ConfigMap.
   */
  private void migrationsConfigMaps() {
    md.append("ConfigMap `")
        .append(Objects.requireNonNull(migrationsConfigMap, "a service with migrations"));
    md.append(operatorEngine ? "`" : "` (`-2`, `-3`… for long histories)");
  }

  private void healthChecks() {
    md.append("\n## Health checks\n\n```sh\n");
    md.append(
        "kubectl cnpg status " + clusterName + " -n " + namespace + "      # health, primary");
    if (instances > 1) {
      md.append(", replication");
    }
    if (backups != null) {
      md.append(", WAL archiving");
    }
    md.append(", certificates\n");
    md.append("kubectl cnpg logs cluster " + clusterName + " -n " + namespace + " --tail 100\n");
    if (poolerRw != null) {
      md.append(kubectl + " get deployments " + poolerRw);
      if (poolerRo != null) {
        md.append(" " + poolerRo);
      }
      md.append("\n");
    }
    if (app != null) {
      md.append(kubectl + " rollout status deployment/" + appName + "\n");
    }
    md.append("```\n\n");
    md.append("Healthy: `Cluster in healthy state` and " + instances + " ready instance");
    md.append(plural(instances) + ".\n");
  }

  /** CNPG's three Services, the Poolers, and how to reach the database from a laptop. */
  private void connect() {
    md.append(
        """

        ## Connect

        | Service (port 5432) | reaches | for |
        |---|---|---|
        """);
    md.append("| `" + clusterName + "-rw` | the primary | reads and writes |\n");
    md.append("| `" + clusterName + "-ro` | the replicas");
    md.append(instances > 1 ? "" : ": none with 1 instance, so no endpoints");
    md.append(" | reads that tolerate replication lag |\n");
    md.append("| `" + clusterName + "-r` | any instance, the primary included");
    md.append(" | the same, spread over every instance |\n");
    if (poolerRw != null) {
      md.append("| `" + poolerRw + "` | PgBouncer, then `" + clusterName + "-rw`");
      md.append(" | the app: many clients over few server connections |\n");
    }
    if (poolerRo != null) {
      md.append("| `" + poolerRo + "` | PgBouncer, then `" + clusterName + "-ro`");
      md.append(" | the app's read-only connections |\n");
    }
    md.append("\nInside Kubernetes the host is `<name>." + namespace + ".svc`, such as `");
    md.append(clusterName + "-rw." + namespace + ".svc`; connections use TLS, signed by the CA");
    md.append(" in `" + clusterName + "-ca`.\n\n");
    md.append(
        "`kubectl cnpg psql` runs as the `postgres` superuser inside the pod: read first, write only when you must.\n");
    md.append("The last lines connect as the application's user");
    if (poolerRw != null) {
      md.append(", through PgBouncer (or `svc/" + clusterName + "-rw` to bypass it)");
    }
    md.append(":\n\n```sh\n");
    md.append(psql + "             # psql as postgres on the primary\n");
    if (instances > 1) {
      md.append("kubectl cnpg psql " + clusterName + " -n " + namespace + " --replica -- -d ");
      md.append(databaseName + "   # on a replica, read-only\n");
    }
    md.append(kubectl + " port-forward svc/" + (poolerRw != null ? poolerRw : clusterName + "-rw"));
    md.append(" 5432:5432     # keep it running, then in another shell:\n");
    md.append("PGPASSWORD=\"$(" + kubectl + " get secret " + clusterName + "-app");
    md.append(" -o jsonpath='{.data.password}' | base64 -d)\" \\\n");
    md.append("  psql \"host=127.0.0.1 port=5432 dbname=" + databaseName);
    md.append(" user=" + databaseOwner + "\"\n```\n");
  }

  /** How the migrations reach the database, how to follow them, and what to do when one fails. */
  private void migrations(Migrations m) {
    md.append("\n## Migrations\n\n");
    md.append(
        "SQL lives in `services/" + service + "/" + migrationsDir + "/<version>_<name>.sql`. ");
    if (operatorEngine) {
      md.append("They reach the operator in ConfigMap `" + migrationsConfigMap);
      md.append(
          "`, named after its content: a change of the migrations renames it, and so changes AtlasMigration `");
      md.append(jobName + "` (the previous ConfigMap is pruned at the end of the sync).");
      md.append(" The Atlas operator applies pending versions (`atlas migrate apply`) against `");
      md.append(
          dbHost + "` as `" + databaseOwner + "`, with the password from `" + migrationSecret);
      md.append("` and `sslmode=" + m.sslMode().value() + "`, plans on a throwaway dev database");
      md.append(
          " of the same major (image `postgres:" + postgresMajor + "`), and retries a failed");
      md.append(" run by itself.\n");
    } else {
      md.append("Every sync runs Job `" + jobName);
      md.append(
          "` (`atlas migrate apply --env k8s`: idempotent, holds an advisory lock) with the `atlas.hcl` of ConfigMap `");
      md.append(migrationsConfigMap + "`, against `" + dbHost + "` with the `uri` of `");
      md.append(migrationSecret + "` (read from the environment, never on the command line)");
      md.append(" and `sslmode=" + m.sslMode().value() + "`; it retries " + m.backoffLimit());
      md.append(" time" + plural(m.backoffLimit()) + " and is stopped after ");
      md.append(m.activeDeadlineSeconds() + "s.");
      if (MigrationsRenderer.createsBeforeMigrations(db, m)) {
        md.append(
            " It passes `--allow-dirty`: the first run finds the schemas and extensions the CNPG"
                + " Database made, which Atlas would otherwise refuse as a database that is not clean.");
      }
      md.append("\n");
    }
    if (m.baseline().isPresent()) {
      md.append("Baseline `" + m.baseline().get() + "`: on a database without Atlas's revisions");
      md.append(
          " (a new, empty one too), versions up to it count as applied and never run: a database"
              + " that starts empty needs their schema some other way (a restore) before the first sync.\n");
    }
    md.append("\n```sh\n");
    if (operatorEngine) {
      String resource = " atlasmigrations.db.atlasgo.io " + jobName;
      md.append(kubectl + " get" + resource + "        # Ready True: applied\n");
      md.append(kubectl + " describe" + resource);
      md.append("   # conditions and events: the error of a failed run\n");
      atlasOperatorLog(jobName);
    } else {
      md.append(kubectl + " get job " + jobName);
      md.append("                # COMPLETIONS 1/1: applied (the Job stays until the next sync)\n");
      md.append(kubectl + " logs job/" + jobName);
      md.append("               # the versions applied, or the file and statement that failed\n");
      md.append(kubectl + " get pods -l job-name=" + jobName + "   # one pod per attempt\n");
    }
    if (cnpg) {
      md.append(psql + " -c 'SELECT version, description, applied, total, error FROM ");
      md.append(m.revisionsSchema() + ".atlas_schema_revisions ORDER BY version'\n");
    }
    md.append("```\n\n");
    md.append("New migration: `mvn kit:new-migration -Dkit.name=add_something -Dkit.service=");
    md.append(service + "` writes `<version>_add_something.sql`; write the SQL, run");
    md.append(" `mvn kit:generate` (it updates `atlas.sum` and the ConfigMap), commit all of it");
    md.append(" and merge.\n\n");
    failedMigration(flag(m.txMode()));
    md.append(
        """

        `checksum mismatch` (or "You have a checksum error in your migration directory") means `atlas.sum` does not match the SQL files: one was added or changed without regenerating. Run `mvn kit:generate` and commit. If a merged migration was changed, revert that change and put it in a new migration.

        ### Roll back with a new down migration

        """);
    md.append(operatorEngine ? "The operator" : "The Job");
    md.append(
        " only moves forward. To undo an applied migration, add a new one that reverses it; never edit or delete the applied file (databases that ran it keep its changes, and `atlas.sum` would no longer match). `mvn kit:new-migration -Dkit.revert=<version> -Dkit.service=");
    md.append(service);
    md.append(
        "` writes `<now>_revert_<version>.sql`, derived on a real PostgreSQL from the schema before and after that migration, and lists in it what it cannot undo (data a drop deleted, say): read it, then `mvn kit:verify` proves that it restores the schema, not the data: rows and values written since to what it drops are deleted with it, and a value that no longer fits a column it narrows makes it fail, so copy or fix them first. By hand, reversing an `ADD COLUMN` in the file `mvn kit:new-migration -Dkit.name=drop_<column> -Dkit.service=");
    md.append(service + "` creates:\n");
    md.append(
        """

        ```sql
        -- Reverses <version>_add_<column>.sql, which stays as it is.
        ALTER TABLE <table> DROP COLUMN IF EXISTS <column>;
        ```

        Ship the app that no longer uses the column first: dropping it deletes its data""");
    if (backups != null) {
      md.append(", so take a backup (below) before merging.\n");
    } else if (cnpg) {
      md.append(", and this service has no backups.\n");
    } else {
      md.append("; " + backupBeforeChange() + " before merging.\n");
    }
  }

  /** The steps when a migration fails, and what a failed file leaves behind under its tx mode. */
  private void failedMigration(String txMode) {
    if (operatorEngine) {
      md.append(
          """
          When a migration fails:

          1. Read the conditions and the operator's log: they name the file and the statement that failed.
          """);
      md.append(
              "2. A passing problem (database restarting, network): the operator retries by itself, 5 s more apart each time, up to its `backoffLimit` (20 unless the description sets one); `Ready` turns `True` once it applies. After the last retry it stops (event `BackoffLimitExceeded`) until the AtlasMigration changes: `")
          .append(kubectl)
          .append(" delete atlasmigration ")
          .append(Objects.requireNonNull(jobName, "an operator engine has migrations"))
          .append("` and `argocd app sync ")
          .append(argoApp)
          .append("` start it again (Atlas applies only what its revisions table lacks).\n");
    } else {
      md.append(
          """
          When the Job fails:

          1. Read its log: it names the file and the statement that failed.
          """);
      md.append(
          "2. A passing problem (database restarting, network): retry with `argocd app sync ");
      md.append(argoApp + "`, which re-creates the Job.\n");
    }
    md.append(
        "3. Wrong SQL: fix forward with a new migration. Never edit a merged one: databases that already ran it would differ from new ones, and `mvn kit:check` rejects the change. Merge; the sync ");
    md.append(operatorEngine ? "hands it to the operator.\n\n" : "runs the hook again.\n\n");
    md.append(
        switch (txMode) {
          case "none" ->
              "The Job runs with `--tx-mode none`: a failed file may have applied part of its statements, so check the schema before writing the fix.\n";
          case "all" ->
              "The Job runs with `--tx-mode all`: a failure rolls back every file of that run.\n";
          default ->
              "Each file runs in its own transaction, so a failed file leaves nothing behind, unless it starts with `-- atlas:txmode none`: then check what it applied before writing the fix.\n";
        });
  }

  private void atlasOperatorLog(@Nullable String resource) {
    md.append("kubectl -n " + atlasOperatorNamespace + " logs deployment/");
    md.append(atlasOperatorDeployment + " --since=1h | grep " + resource + "\n");
  }

  private void schema() {
    md.append("\n## Schema\n\n");
    md.append("`services/" + service + "/" + schemaFile);
    md.append(
        "` is the schema the database must have: the Atlas operator compares the database with it and applies the difference (AtlasSchema `");
    md.append(atlasSchemaName + "`, against `" + dbHost + "` with the password from `");
    md.append(migrationSecret + "`, `sslmode=require`, ");
    md.append("none".equals(schemaTxMode) ? "without a transaction" : "in one transaction");
    md.append("). Change the file, run `mvn kit:generate`, merge.\n\n```sh\n");
    String resource = " atlasschemas.db.atlasgo.io " + atlasSchemaName;
    md.append(
        kubectl + " get" + resource + "        # Ready True: the database matches the file\n");
    md.append(kubectl + " describe" + resource);
    md.append("   # conditions and events: the planned change or the error\n");
    atlasOperatorLog(atlasSchemaName);
    md.append("```\n\n");
    md.append(
        "Atlas plans whatever makes the database match, drops included: a table or column removed from the file is dropped with its data. To roll back, revert the change to the file and merge; dropped data does not come back");
    md.append(backups != null ? ", so back up first (below).\n" : ".\n");
  }

  /**
   * The namespace a service written with it has in {@code kit}'s environment as {@code resolved}:
   * what the rule's {@code {namespace}} stands for, or {@code resolved} where no rule changes it.
   */
  private static String writtenNamespace(Kit kit, String resolved) {
    Optional<String> rule =
        kit.environment().isPresent() ? kit.environment().get().namespaceRule() : Optional.empty();
    String placeholder = "{namespace}";
    if (rule.isEmpty() || rule.get().indexOf(placeholder) != rule.get().lastIndexOf(placeholder)) {
      return resolved;
    }
    int at = rule.get().indexOf(placeholder);
    if (at < 0) {
      return resolved; // the rule puts every service in one namespace, whatever it writes
    }
    String prefix = rule.get().substring(0, at);
    String suffix = rule.get().substring(at + placeholder.length());
    return resolved.length() >= prefix.length() + suffix.length()
            && resolved.startsWith(prefix)
            && resolved.endsWith(suffix)
        ? resolved.substring(prefix.length(), resolved.length() - suffix.length())
        : resolved;
  }

  /** Taking and checking backups, and restoring into a new cluster. */
  private void backupsAndRestore(Backups b) {
    md.append("\n## Backups and restore\n\n```sh\n");
    md.append(backupCommand(b) + "    # on demand, before a risky change\n");
    md.append(kubectl + " get backups.postgresql.cnpg.io                   # phase and error");
    md.append(" of each backup\n");
    if (backupSchedule != null) {
      md.append(kubectl + " get scheduledbackups.postgresql.cnpg.io " + scheduledBackupName);
      md.append("    # time of the last scheduled backup\n");
    }
    if (b.legacyInTree()) {
      md.append(kubectl + " get clusters.postgresql.cnpg.io " + clusterName);
      md.append(
          " -o jsonpath='{.status.firstRecoverabilityPoint} {.status.lastSuccessfulBackup}'\n");
    } else {
      md.append(kubectl + " get objectstores.barmancloud.cnpg.io " + objectStoreName);
      md.append(" -o jsonpath='{.status.serverRecoveryWindow}'    # restorable window\n");
    }
    md.append("```\n\n");
    md.append("A restore never overwrites `" + clusterName + "`: it bootstraps a new cluster from");
    md.append(" the backups. Add a service to the description, generate and merge:\n\n```java\n");
    md.append(".service(\"" + service + "-restore\", s -> s.namespace(\"" + restoreNamespace);
    md.append("\").withoutMigrations()");
    if (environment != null) {
      // Where the backups are as this runbook's environment has them, as pasted.
      md.append(".onlyIn(\"" + environment + "\")");
    }
    md.append("\n    .database(db -> db.postgresMajor(" + postgresMajor + ").storage(\"");
    Storage storage = db.storage().orElseThrow();
    md.append(storage.size() + "\"");
    if (storage.storageClass().isPresent()) {
      md.append(", \"" + storage.storageClass().get() + "\"");
    }
    md.append(")\n");
    md.append("        .restore(Restore.fromService(\"" + service);
    md.append("\").pointInTime(Instant.parse(\"YYYY-MM-DDThh:mm:ssZ\")))))\n```\n\n");
    md.append(
        "Leave out `pointInTime` to recover to the end of the archived WAL; a point in time must lie inside the restorable window.\n");
    if (b.irsaRoleArn().isPresent()) {
      md.append("The restored cluster reads these backups with IAM role `" + b.irsaRoleArn().get());
      md.append("`: let it trust `system:serviceaccount:" + namespace + ":" + service);
      md.append("-restore-cluster` too.\n");
    }
    md.append("Check the data with `kubectl cnpg psql " + service + "-restore-cluster -n ");
    md.append(namespace + "` before anything points at it.\n");
  }

  /** An on-demand backup of the cluster, with the method its backups use. */
  private String backupCommand(Backups b) {
    return backupCommand(clusterName, namespace, b);
  }

  /** An on-demand backup of {@code cluster} in {@code namespace}, by the method of {@code b}. */
  static String backupCommand(String cluster, String namespace, Backups b) {
    return "kubectl cnpg backup "
        + cluster
        + " -n "
        + namespace
        + (b.legacyInTree()
            ? " --method barmanObjectStore"
            : " --method plugin --plugin-name " + BarmanObjectStore.PLUGIN);
  }

  private void scaleReplicas() {
    md.append("\n## Scale replicas\n\n");
    md.append("Change `instances(" + instances + ")` on the database of `" + service);
    md.append("` in the description, run `mvn kit:generate` and merge; Argo CD sets");
    md.append(" `spec.instances` of `" + clusterName + "`. Scaling up, CNPG creates each new");
    md.append(" instance with its own volume, clones it from the primary and adds it to `");
    md.append(clusterName + "-ro` once it streams; scaling down, it removes the ready replica");
    md.append(" with the highest number (never the primary) and its volumes. Watch with");
    md.append(" `kubectl cnpg status " + clusterName + " -n " + namespace + "`.");
    if (instances == 1) {
      md.append(
          " For failover, go to 3 instances (a primary and 2 replicas), the usual minimum in production.");
    }
    md.append("\n");
  }

  private void failoverAndMaintenance() {
    md.append("\n## Failover and maintenance\n\n");
    String restart = "`kubectl cnpg restart " + clusterName;
    String promote = "`kubectl cnpg promote " + clusterName + " <replica-instance> -n " + namespace;
    if (instances > 1) {
      md.append("CNPG promotes a replica by itself when the primary fails; `" + clusterName);
      md.append("-rw` follows the new primary. Instance names are in `kubectl cnpg status ");
      md.append(clusterName + " -n " + namespace + "`.\n\n");
      md.append("- Switchover, e.g. before draining a node: " + promote + "`\n");
      md.append("- Rolling restart of all instances: " + restart + " -n " + namespace);
      md.append("`; one instance: " + restart + " <instance> -n " + namespace + "`\n");
    } else {
      md.append(
          """
          With one instance there is no replica to fail over to: while the primary pod is down the database is down (its data stays on the volume).

          """);
      md.append("- Restart: " + restart + " -n " + namespace);
      md.append("` (downtime while PostgreSQL restarts)\n");
    }
    if (!db.roles().isEmpty()) {
      md.append(
          "- Managed roles: CNPG makes and changes them from the primary once the Cluster is healthy;"
              + " until it has, kit's health check shows the Cluster Progressing and the sync waits at"
              + " wave "
              + SyncWave.DATABASE.annotationValue()
              + " (a role with a password waits for its Secret, type `kubernetes.io/basic-auth` with"
              + " the role's name as `username`, labelled `cnpg.io/reload=true` so that a new password"
              + " reaches PostgreSQL at once). A role PostgreSQL refuses, such as a dropped one that"
              + " still owns objects, shows it Degraded with PostgreSQL's error; `kubectl cnpg status "
              + clusterName
              + " -n "
              + namespace
              + "` lists the roles.\n");
    }
    if (db.primaryUpdateStrategy().equals(Optional.of(Database.PrimaryUpdateStrategy.SUPERVISED))) {
      md.append(
          "- Updates are supervised: in a rolling update (new image, a setting that needs a restart, an operator upgrade) CNPG updates the replicas, then waits in phase `Waiting for user action` (kit's health check shows the Cluster Suspended in Argo CD, and the sync waits at wave -2 until you act). Finish it with ");
      if (instances > 1) {
        md.append("a switchover to an updated replica, " + promote + "`, or ");
      }
      md.append("an in-place restart of the primary, " + restart + " <primary-instance> -n ");
      md.append(namespace + "`.\n");
    }
  }

  private void troubleshooting() {
    md.append("\n## Troubleshooting\n\n```sh\n");
    md.append("kubectl cnpg status " + clusterName + " -n " + namespace);
    md.append(" --verbose                  # phase, instances, replication, conditions\n");
    md.append(kubectl + " get pods -l cnpg.io/cluster=" + clusterName + "            # instances");
    md.append((poolerRw != null ? " and PgBouncer pods" : "") + ": READY 1/1, no restarts\n");
    md.append(kubectl + " describe pod <instance>                             # Pending or not");
    md.append(" ready: the events at the end say why\n");
    md.append(kubectl + " logs <instance> -c postgres --previous              # why a crashed");
    md.append(" instance stopped\n");
    md.append(kubectl + " get events --sort-by=.metadata.creationTimestamp\n");
    md.append("kubectl -n " + operatorNamespace + " logs deployment/" + operatorDeployment);
    md.append(" --all-containers=true --since=1h | grep " + clusterName + "\n```\n\n");
    if (migrations != null) {
      md.append("- **Migrations**: status, logs and a retry are under Migrations; ");
      md.append(operatorEngine ? "an AtlasMigration" : "a Job");
      md.append(" that never starts waits for wave -2, a healthy `" + clusterName + "`.\n");
    }
    storageAdvice();
    // CNPG preloads pg_stat_statements and creates the extension once any pg_stat_statements.*
    // parameter is set.
    boolean pgStatStatements = false;
    for (String parameter : db.parameters().keySet()) {
      pgStatStatements |= parameter.startsWith(PG_STAT_STATEMENTS_PREFIX);
    }
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
    md.append("\n");
    connectionsAdvice();
    md.append("\n```sh\n");
    md.append(
        psql
            + " -c \"SELECT pid, now() - query_start AS runtime, state, wait_event, left(query, 80) FROM pg_stat_activity WHERE state <> 'idle' ORDER BY runtime DESC NULLS LAST\"\n");
    if (pgStatStatements) {
      md.append(
          psql
              + " -c \"SELECT calls, round(mean_exec_time) AS mean_ms, left(query, 80) FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 10\"\n");
    }
    md.append(
        psql
            + " -c 'SHOW max_connections' -c 'SELECT usename, state, count(*) FROM pg_stat_activity GROUP BY 1, 2'\n");
    if (poolerRw != null) {
      md.append(kubectl + " exec deployment/" + poolerRw + " -c pgbouncer -- psql -h");
      md.append(" /controller/run -U pgbouncer -d pgbouncer -c 'SHOW POOLS'\n");
    }
    md.append("```\n");
  }

  private void storageAdvice() {
    Storage storage = db.storage().orElseThrow();
    md.append("- **Storage**: `" + kubectl + " get pvc -l cnpg.io/cluster=" + clusterName);
    md.append("` lists a volume per instance");
    md.append(db.walStorage().isPresent() ? " and a `-wal` one each" : "");
    md.append("; a `Pending` one is explained by `" + kubectl + " describe pvc <pvc>`. ");
    if (storage.storageClass().isPresent()) {
      String storageClass = storage.storageClass().get();
      md.append("They use class `" + storageClass + "`: `kubectl get storageclass ");
      md.append(storageClass + "`");
    } else {
      md.append(
          "The description sets no class, so they use the cluster's default, marked `(default)` by `kubectl get storageclass`; with no default they stay `Pending`");
    }
    md.append(". A full disk stops PostgreSQL: raise `storage(\"" + storage.size());
    md.append("\")` in the description and merge (the class must allow volume expansion).\n");
  }

  private void connectionsAdvice() {
    md.append("- **Connections**: the limit");
    String maxConnections = db.parameters().get("max_connections");
    md.append(
        maxConnections != null
            ? " (the description sets `max_connections` to " + maxConnections + ")"
            : " (PostgreSQL's default `max_connections` is 100)");
    md.append(" and who holds them. ");
    if (poolerRw != null) {
      md.append(
          "PgBouncer's `SHOW POOLS` counts in `cl_waiting` the clients queued for a server connection: raise `default_pool_size` with `.parameter(\"default_pool_size\", \"…\")` on the pooler, keeping ");
      md.append(db.pooler().orElseThrow().instances() + " pods × `default_pool_size` below");
      md.append(" `max_connections`.\n");
    } else {
      md.append(
          "Without a pooler each client holds a server connection; if they run out, add `.pooler(p -> p.instances(2))` to the database and point the app at the Pooler.\n");
    }
  }

  private void bestPractices() {
    md.append("\n## Best practices\n\n");
    if (migrations != null) {
      String txMode = flag(migrations.txMode());
      md.append("- **Test migrations locally** before merging: from `services/" + service);
      md.append("/`, against a throwaway PostgreSQL " + postgresMajor);
      md.append(", with the `local` env of the generated `atlas.hcl`:\n\n```sh\n" + dockerRun());
      md.append(
          """
          DATABASE_URL='postgres://postgres@localhost:5432/postgres?sslmode=disable' atlas migrate apply --env local
          ```

          - **Make each statement idempotent**: `CREATE TABLE IF NOT EXISTS`, `ADD COLUMN IF NOT EXISTS`, `CREATE INDEX IF NOT EXISTS`, so a file stopped halfway can run again.
          - **Add a column nullable, backfill, then constrain**: `ADD COLUMN … NULL` is instant; fill it in batches; `SET NOT NULL` or a default in a later migration, once every row has a value.
          - **One transaction per file**:\s""");
      md.append(
          switch (txMode) {
            case "all" -> "this Job runs `--tx-mode all`, one transaction for the whole run";
            case "none" ->
                "this Job runs `--tx-mode none`, no transaction, so a failed file stays half-applied";
            default -> "Atlas runs each file in its own transaction";
          });
      md.append(": keep a file to one change.");
      if (!"none".equals(txMode)) {
        md.append(
            " `CREATE INDEX CONCURRENTLY` cannot run in a transaction: put it alone in a file that starts with `-- atlas:txmode none` and a blank line.");
      }
      md.append("\n");
    }
    if (schemaFile != null) {
      md.append("- **Test schema changes locally** before merging: from `services/" + service);
      md.append("/`, against a throwaway PostgreSQL " + postgresMajor);
      md.append("; Atlas prints its plan and asks before applying it:\n\n```sh\n" + dockerRun());
      md.append("atlas schema apply --url 'postgres://postgres@localhost:5432/postgres?sslmode=");
      md.append("disable' --to file://" + schemaFile + " --dev-url 'docker://postgres/");
      md.append(postgresMajor + "/dev'\n```\n\n");
    }
    if (backups != null) {
      md.append("- **Back up before a big change**: `" + backupCommand(backups));
      md.append("`, then wait for phase `completed` in `" + kubectl);
      md.append(" get backups.postgresql.cnpg.io`.\n");
    } else if (cnpg) {
      md.append("- **Back up before a big change**: backups are not configured for `" + service);
      md.append("`, so there is nothing to restore from. Add them to the database in the");
      md.append(" description, e.g. `.backups(\"s3://<bucket>/" + service);
      md.append(
          "/\", b -> b.credentials(S3Credentials.fromSecret(\"<secret>\", \"<access-key-id-key>\", \"<secret-key-key>\")).schedule(\"0 0 2 * * *\"))`, generate and merge.");
      md.append(
          " Until then, a logical copy: `" + kubectl + " exec <primary-instance> -c postgres");
      md.append(" -- pg_dump -Fc -d " + databaseName + " > " + databaseName + ".dump`.\n");
    } else {
      md.append("- **Back up before a big change**: " + backupBeforeChange());
      md.append(" before merging a change that drops or rewrites data.\n");
    }
  }

  /**
   * How to have a backup to restore before a change that deletes data, on a database kit does not
   * run: the provider's own words, or asking whoever runs the host.
   */
  private String backupBeforeChange() {
    Object own = provider.get("backupBeforeChange");
    return own != null
        ? own.toString()
        : "whoever runs `" + dbHost + "` backs it up; ask for a backup you can restore";
  }

  /** A throwaway PostgreSQL of the service's major, for trying a change locally. */
  private String dockerRun() {
    return "docker run -d --name "
        + service
        + "-pg -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:"
        + postgresMajor
        + "\n";
  }

  /** What each PrometheusRule alert means and where to look first. */
  private void alerts(Monitoring m) {
    md.append("\n## Alerts\n\n");
    String alertFor = MonitoringRenderer.duration(m.alertFor());
    String status = "`kubectl cnpg status " + clusterName + " -n " + namespace + "`";
    if (instances > 1) {
      md.append("- **Replication lag** (a replica more than ");
      md.append(
          MonitoringRenderer.duration(m.replicationLagThreshold()) + " behind for " + alertFor);
      md.append(
          "): "
              + status
              + " shows the lag per replica; look for long transactions or a write burst on the primary, and disk or network pressure on the replica's node.\n");
      md.append("- **Replica down** (fewer than " + (instances - 1) + " streaming replica");
      md.append(
          plural(instances - 1)
              + " for "
              + alertFor
              + ", or no primary reporting metrics): "
              + status);
      md.append(
          " lists instances and streaming replicas; `" + kubectl + " describe pod <instance>`");
      md.append(" shows scheduling, volume and node problems.\n");
    }
    if (backups != null) {
      md.append("- **WAL archiving failing** (a failure within ");
      md.append(MonitoringRenderer.duration(m.archiveFailureWindow()));
      md.append(" and no success since): " + status + " shows the last failed WAL; `");
      md.append(kubectl + " logs <primary-instance> -c ");
      md.append(backups.legacyInTree() ? "postgres" : "plugin-barman-cloud");
      md.append(
          "` shows why (credentials, bucket, network). Unarchived WAL piles up on the primary's volume: fix it before the disk fills.\n");
    }
    if (backups != null && backupSchedule != null) {
      String maxAge =
          MonitoringRenderer.duration(MonitoringRenderer.lastBackupMaxAge(m, backupSchedule));
      String backupsList = "`" + kubectl + " get backups.postgresql.cnpg.io`";
      md.append("- **Last backup too old** (newest completed base backup older than " + maxAge);
      md.append(" for " + alertFor + "): " + backupsList + " for failed backups and their error,");
      md.append(" then take one on demand: `" + backupCommand(backups) + "`.\n");
      md.append("- **No backup yet** (no base backup completed in the " + maxAge + " the cluster");
      md.append(" has reported metrics; a first backup still running is no alarm): the scheduled");
      md.append(" backups fail or do not run. " + backupsList + " shows failed ones and their");
      md.append(
          " error; `"
              + kubectl
              + " get scheduledbackups.postgresql.cnpg.io "
              + scheduledBackupName);
      md.append(" -o jsonpath='{.spec.suspend}{\" \"}{.status.lastScheduleTime}{\"\\n\"}'` prints");
      md.append(" `true` first if the schedule is suspended, then when it last started a backup;");
      md.append(" take one on demand: `");
      md.append(backupCommand(backups) + "`.\n");
    }
    if (prometheusRuleName == null) {
      md.append(
          "No alert applies yet, so kit writes no PrometheusRule: replication alerts need more than one instance, backup alerts need backups.\n");
    }
  }

  /** Why Argo CD never deletes the database, and the deliberate steps to delete it. */
  private void dataSafety() {
    md.append("\n## Data safety\n\n");
    md.append("Cluster `" + clusterName + "`");
    md.append(
        objectStoreName != null ? " and ObjectStore `" + objectStoreName + "` carry" : " carries");
    md.append(
        """
         `argocd.argoproj.io/sync-options: Prune=false,Delete=false`: deleting a CNPG Cluster deletes its volumes, so removing a line from the description or deleting the Application never deletes data. Argo CD skips the prune and reports the app out of sync instead.

        Deleting the database is deliberate and by hand:

        """);
    int step = 1;
    if (backups != null) {
      md.append(step++).append(". Take a last backup (above) and check it completed.\n");
    }
    md.append(step++);
    md.append(". Remove the service from the description, run `mvn kit:generate`, merge, and ");
    md.append(
        applicationSetName != null
            ? "ApplicationSet `" + applicationSetName + "` deletes the Application `" + argoApp
            : "delete the Application: `argocd app delete " + argoApp);
    md.append("` (objects with `Delete=false` stay).\n");
    md.append(step++).append(". Check that `kubectl config current-context` points at ");
    md.append(contextTarget + ", then `" + kubectl + " delete clusters.postgresql.cnpg.io ");
    md.append(clusterName + "`: removes the instances and their volumes.\n");
    if (objectStoreName != null && backups != null) {
      md.append(step).append(". `" + kubectl + " delete objectstores.barmancloud.cnpg.io ");
      md.append(objectStoreName + "`: the backups stay in `" + backups.destinationPath());
      md.append("` until removed there.\n");
    }
  }

  /** "N replica(s)": a cluster's instances but the primary. */
  private String replicas() {
    return (instances - 1) + " replica" + plural(instances - 1);
  }

  /** Atlas applies each file in its own transaction unless told otherwise. */
  private static String flag(Optional<TxMode> txMode) {
    return txMode.isPresent() ? txMode.get().flag() : "file";
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
    Optional<String> role = ((S3Credentials.IamRole) credentials).roleArn();
    if (role.isPresent()) {
      // CNPG names the instances' service account after the cluster.
      return "IAM role `"
          + role.get()
          + "` through IRSA (service account "
          + account
          + " carries the `"
          + CnpgClusterRenderer.IRSA_ROLE_ARN
          + "` annotation; the role must trust `system:serviceaccount:"
          + namespace
          + ":"
          + clusterName
          + "`)";
    }
    return "the IAM role an EKS Pod Identity association gives service account "
        + account
        + " in namespace `"
        + namespace
        + "`";
  }
}
