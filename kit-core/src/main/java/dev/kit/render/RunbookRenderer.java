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
import dev.kit.plan.GeneratedHeader;
import dev.kit.templates.TextTemplates;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders {@code services/<service>/RUNBOOK.md}: the on-call guide for one service, filled with its
 * real names (cluster, Secrets, Job or Atlas resources, Poolers, ObjectStore, Application,
 * operators) and with a section only for each feature the service uses. The template sees plain
 * strings, numbers and booleans; an absent optional is an absent key.
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

  private RunbookRenderer() {}

  /**
   * The runbook of the service in {@code context}, naming the objects its kinds rendered before it
   * (which objects exist, and what they are called, is the inventory's; the settings are the
   * description's).
   */
  static String render(ServiceContext context) {
    Kit kit = context.kit();
    Service service = context.service();
    Map<String, Object> model = new HashMap<>();
    Database db = service.database();
    String cluster = service.clusterName();
    model.put("service", service.name());
    model.put("namespace", service.namespace());
    argoCd(model, kit, service);
    model.put("postgresMajor", db.postgresMajor());
    connection(model, kit, service);
    boolean cnpg = CloudNativePgProvider.runs(db);
    model.put("cnpg", cnpg);
    if (cnpg) {
      model.put("clusterName", cluster);
      database(model, db);
      // Absent only for an unknown major, which validation reports.
      CnpgClusterRenderer.image(kit, service).ifPresent(i -> model.put("image", i));
    } else {
      model.putAll(
          DatabaseProviders.of(service)
              .runbook(kit, service, DatabaseProviders.connection(kit, service)));
    }
    Bootstrap database = kit.applicationDatabase(service);
    model.put("databaseName", database.database());
    model.put("databaseOwner", database.owner());
    List<String> configMaps = context.rendered(Patch.Target.MIGRATIONS_CONFIGMAP);
    model.put("migrations", !configMaps.isEmpty());
    if (!configMaps.isEmpty()) {
      migrations(model, service, service.migrations().orElseThrow(), context, configMaps.get(0));
    }
    List<String> schemas = context.rendered(Patch.Target.ATLAS_SCHEMA);
    model.put("schema", !schemas.isEmpty());
    service.declarativeSchema().ifPresent(d -> schema(model, service, d, schemas.get(0)));
    operators(
        model,
        kit,
        !schemas.isEmpty() || !context.rendered(Patch.Target.ATLAS_MIGRATION).isEmpty());
    List<String> poolers = context.rendered(Patch.Target.POOLER);
    model.put("pooler", !poolers.isEmpty());
    db.pooler().ifPresent(p -> pooler(model, p, poolers));
    model.put("backups", db.backups().isPresent());
    db.backups().ifPresent(b -> backups(model, service, b, context));
    db.restore().ifPresent(r -> restore(model, r));
    List<String> podMonitors = context.rendered(Patch.Target.POD_MONITOR);
    model.put("monitoring", !podMonitors.isEmpty());
    service
        .monitoring()
        .ifPresent(
            m ->
                monitoring(
                    model,
                    m,
                    podMonitors.get(0),
                    context.rendered(Patch.Target.PROMETHEUS_RULE).get(0)));
    List<String> apps = context.rendered(Patch.Target.APP_DEPLOYMENT);
    model.put("app", !apps.isEmpty());
    service.app().ifPresent(a -> app(model, a, apps.get(0)));
    return GeneratedHeader.markdownLine(context.source())
        + TextTemplates.render("runbook.md.ftl", model);
  }

  private static void argoCd(Map<String, Object> model, Kit kit, Service service) {
    String namespace = kit.repository().argoCd().namespace();
    model.put("argoNamespace", namespace);
    model.put("argoProject", kit.repository().argoCd().project());
    // The CLI addresses an Application outside the control-plane namespace as <namespace>/<name>.
    String application = ArgoApplicationRenderer.name(kit, service.name());
    model.put("manifests", ArgoApplicationRenderer.manifestsPath(kit, service));
    model.put(
        "argoApp",
        ARGO_CD_DEFAULT_NAMESPACE.equals(namespace) ? application : namespace + "/" + application);
    ArgoCd argo = kit.repository().argoCd();
    if (argo.delivery() == ArgoCd.Delivery.APPLICATION_SET) {
      // As PlatformRenderer names the ApplicationSet; it generates one Application per
      // services/<service>/.
      model.put(
          "applicationSetName",
          ArgoApplicationRenderer.name(kit, kit.repository().name() + "-services"));
    }
  }

  /** Where the CloudNativePG operator (and the Atlas operator, when the service needs it) runs. */
  private static void operators(Map<String, Object> model, Kit kit, boolean atlasOperator) {
    Optional<Platform> platform = kit.platform();
    if (platform.isPresent()) {
      HelmChart cnpg = platform.get().cloudnativePg();
      model.put("operatorApp", ArgoApplicationRenderer.name(kit, CNPG_PLATFORM_APP));
      model.put("operatorNamespace", cnpg.namespace());
      model.put("operatorDeployment", helmFullname(CNPG_PLATFORM_APP, cnpg));
    } else {
      model.put("operatorNamespace", CNPG_NAMESPACE);
      model.put("operatorDeployment", CNPG_DEPLOYMENT);
    }
    model.put("atlasOperator", atlasOperator);
    if (atlasOperator && platform.isPresent()) {
      HelmChart atlas = platform.get().atlasOperator();
      model.put("atlasOperatorApp", ArgoApplicationRenderer.name(kit, ATLAS_PLATFORM_APP));
      model.put("atlasOperatorNamespace", atlas.namespace());
      model.put("atlasOperatorDeployment", helmFullname(ATLAS_PLATFORM_APP, atlas));
    } else if (atlasOperator) {
      model.put("atlasOperatorNamespace", ATLAS_OPERATOR_NAMESPACE);
      model.put("atlasOperatorDeployment", ATLAS_OPERATOR_DEPLOYMENT);
    }
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

  /** What the migrations and the app connect to, as the connection names it. */
  private static void connection(Map<String, Object> model, Kit kit, Service service) {
    Connection connection = DatabaseProviders.connection(kit, service);
    // CNPG's host is <cluster>-rw.<namespace>: the runbook names the Service, which the namespace's
    // pods resolve.
    model.put(
        "dbHost",
        CloudNativePgProvider.runs(service.database())
            ? service.clusterName() + "-rw"
            : connection.host());
    model.put("migrationSecret", connection.migrationSecret());
    model.put("appSecret", connection.appSecret());
    model.put(
        "caText",
        connection.ca().isPresent() ? "`" + connection.caName() + "`" : connection.caName());
  }

  private static void database(Map<String, Object> model, Database db) {
    model.put("instances", db.instances());
    model.put("storageSize", db.storage().orElseThrow().size());
    db.storage().orElseThrow().storageClass().ifPresent(c -> model.put("storageClass", c));
    db.walStorage()
        .ifPresent(
            w -> {
              model.put("walStorageSize", w.size());
              w.storageClass().ifPresent(c -> model.put("walStorageClass", c));
            });
    model.put("superuserAccess", db.superuserAccess());
    model.put(
        "supervised",
        db.primaryUpdateStrategy().equals(Optional.of(Database.PrimaryUpdateStrategy.SUPERVISED)));
    // CNPG preloads pg_stat_statements and creates the extension once any pg_stat_statements.*
    // parameter is set.
    model.put(
        "pgStatStatements",
        db.parameters().keySet().stream().anyMatch(k -> k.startsWith(PG_STAT_STATEMENTS_PREFIX)));
    Optional.ofNullable(db.parameters().get("max_connections"))
        .ifPresent(m -> model.put("maxConnections", m));
  }

  private static void migrations(
      Map<String, Object> model,
      Service service,
      Migrations m,
      ServiceContext context,
      String configMap) {
    List<String> operator = context.rendered(Patch.Target.ATLAS_MIGRATION);
    model.put(
        "jobName",
        operator.isEmpty() ? context.rendered(Patch.Target.MIGRATION_JOB).get(0) : operator.get(0));
    model.put("operatorEngine", !operator.isEmpty());
    model.put("migrationsConfigMap", configMap);
    // The normalized folder, as the file plan writes it; the raw value only if validation would
    // reject it.
    model.put("migrationsDir", ServiceLayout.migrationsFolder(service).orElse(m.directory()));
    model.put("revisionsSchema", m.revisionsSchema());
    model.put("sslMode", m.sslMode().value());
    model.put("backoffLimit", m.backoffLimit());
    model.put("activeDeadlineSeconds", m.activeDeadlineSeconds());
    // Atlas applies each file in its own transaction unless told otherwise.
    model.put("txMode", m.txMode().map(t -> t.flag()).orElse("file"));
    m.baseline().ifPresent(b -> model.put("baseline", b));
  }

  private static void schema(
      Map<String, Object> model, Service service, DeclarativeSchema schema, String name) {
    model.put("atlasSchemaName", name);
    model.put("schemaFile", ServiceLayout.schemaFile(service).orElse(schema.file()));
    model.put("schemaTxMode", schema.txMode().map(t -> t.flag()).orElse("file"));
  }

  /**
   * @param names the rw pooler's, then the ro one's
   */
  private static void pooler(Map<String, Object> model, Pooler p, List<String> names) {
    model.put("poolerRw", names.get(0));
    if (names.size() > 1) {
      model.put("poolerRo", names.get(1));
    }
    model.put("poolerInstances", p.instances());
    p.poolMode().ifPresent(mode -> model.put("poolMode", mode.value()));
  }

  private static void backups(
      Map<String, Object> model, Service service, Backups b, ServiceContext context) {
    model.put("backupDestination", b.destinationPath());
    model.put("legacyBackups", b.legacyInTree());
    // The in-tree method has no ObjectStore: the store settings live in the Cluster itself.
    context.rendered(Patch.Target.OBJECT_STORE).stream()
        .findFirst()
        .ifPresent(store -> model.put("objectStoreName", store));
    model.put("backupCredentials", credentials(service, b.credentials()));
    b.irsaRoleArn().ifPresent(role -> model.put("backupRoleArn", role));
    b.schedule()
        .ifPresent(
            s -> {
              model.put("backupSchedule", s);
              model.put("backupImmediate", b.immediate());
              model.put(
                  "scheduledBackupName", context.rendered(Patch.Target.SCHEDULED_BACKUP).get(0));
            });
    b.retentionPolicy().ifPresent(r -> model.put("retentionPolicy", r));
  }

  /** Names where the S3 credentials come from, never their values. */
  private static String credentials(Service service, S3Credentials credentials) {
    String account = "`" + service.clusterName() + "`";
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
                    + service.namespace()
                    + ":"
                    + service.clusterName()
                    + "`)")
        .orElse(
            "the IAM role an EKS Pod Identity association gives service account "
                + account
                + " in namespace `"
                + service.namespace()
                + "`");
  }

  private static void restore(Map<String, Object> model, Restore restore) {
    String from;
    if (restore.source() instanceof Restore.ServiceBackups s) {
      from = "service `" + s.service() + "`";
    } else {
      Restore.ObjectStoreBackups o = (Restore.ObjectStoreBackups) restore.source();
      from = "ObjectStore `" + o.objectStore() + "` (server `" + o.serverName() + "`)";
    }
    model.put("restoredFrom", from);
    // Instant.toString is ISO-8601 in UTC: the same text on every machine.
    restore.pointInTime().ifPresent(t -> model.put("restorePointInTime", t.toString()));
  }

  private static void monitoring(
      Map<String, Object> model, Monitoring m, String podMonitor, String prometheusRule) {
    model.put("podMonitorName", podMonitor);
    model.put("prometheusRuleName", prometheusRule);
    model.put("replicationLagThreshold", MonitoringRenderer.duration(m.replicationLagThreshold()));
    model.put("archiveFailureWindow", MonitoringRenderer.duration(m.archiveFailureWindow()));
    model.put("lastBackupMaxAge", MonitoringRenderer.duration(m.lastBackupMaxAge()));
    model.put("alertFor", MonitoringRenderer.duration(m.alertFor()));
  }

  /**
   * @param name the Deployment's, which its Service shares
   */
  private static void app(Map<String, Object> model, App a, String name) {
    model.put("appName", name);
    model.put("appImage", a.image());
    model.put("appReplicas", a.replicas());
    model.put("appPort", a.port());
    model.put("appConnection", a.connection().name().toLowerCase(Locale.ROOT));
    model.put("appRunAsUser", a.runAsUser());
    model.put("appRunAsGroup", a.runAsGroup());
  }
}
