package dev.kit.provider.planetscale;

import static dev.kit.validate.Violations.quote;

import dev.kit.layout.RepositoryLayout;
import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.PlanetScale;
import dev.kit.model.PostgresImages;
import dev.kit.model.Service;
import dev.kit.model.SslMode;
import dev.kit.render.Connection;
import dev.kit.render.DatabaseProvider;
import dev.kit.render.PlatformKind;
import dev.kit.render.ServiceKind;
import dev.kit.validate.Violations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * PlanetScale Postgres ({@link PlanetScale}): an OpenTofu module for the branch and its roles,
 * applied by a provider-opentofu {@code Workspace} from Argo CD (or by the team's own pipeline).
 * The migrations connect directly (5432) as the migrator role with the Workspace's connection
 * Secret, the app through PgBouncer (6432) as the app role with the Secret the module writes; both
 * verify the server against the system's trusted roots, since PlanetScale's certificates are
 * publicly trusted.
 */
public final class PlanetScaleProvider implements DatabaseProvider {

  /** PlanetScale's slugs: organization, database, branch and region names. */
  private static final Pattern SLUG = Pattern.compile("[a-z0-9]([-a-z0-9_]*[a-z0-9])?");

  private static final Pattern SKU = Pattern.compile("[A-Z0-9][A-Z0-9_]*");
  private static final Pattern PARAMETER = Pattern.compile("[a-z_][a-z0-9_.]*");
  private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_]*");

  /** PlanetScale's object IDs are short lower-case alphanumerics; '-' and '_' are let through. */
  private static final Pattern BRANCH_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  /**
   * A backup policy's name, which the reference leaves free: one line without a backtick, as the
   * runbook writes it in a code span.
   */
  private static final Pattern BACKUP_POLICY_NAME = Pattern.compile("[^\\p{Cntrl}`]+");

  private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
  private static final Set<String> PARAMETER_NAMESPACES = Set.of("pgconf", "pgbouncer", "patroni");

  /** The PostgreSQL majors PlanetScale Postgres runs. */
  private static final List<Integer> POSTGRES_MAJORS = List.of(17, 18);

  private static final int SLUG_MAX = 63;

  /** PostgreSQL's longest identifier (NAMEDATALEN - 1 bytes); a service name is ASCII. */
  private static final int ROLE_NAME_MAX = 63;

  private static final int BOUNCER_NAME_MAX = 12;
  private static final String SYSTEM_ROOTS = "the system's trusted roots";

  /** The app's pod-template annotation that restarts its pods when the passwords are rotated. */
  static final String ROTATION_ANNOTATION = "kit.dev/password-rotation";

  private final List<ServiceKind> kinds =
      List.of(new PlanetScaleWorkspaceKind(), new PlanetScaleModuleKind());
  private final List<PlatformKind> platformKinds =
      List.of(
          new PlanetScaleProviderApplicationKind(),
          PlanetScalePlatformKind.provider(),
          PlanetScalePlatformKind.providerConfig());

  private static PlanetScale host(Service service) {
    return (PlanetScale) service.database().host();
  }

  @Override
  public String name() {
    return "PlanetScale Postgres";
  }

  @Override
  public boolean hosts(Database database) {
    return database.host() instanceof PlanetScale;
  }

  @Override
  public List<ServiceKind> kinds() {
    return kinds;
  }

  /**
   * The migrations' Secret (the Workspace's outputs, or the module's, module-only) on 5432, the
   * app's through PgBouncer on 6432, no CA: the host is known only once PlanetScale has created the
   * branch, so the Secrets carry it, and {@link Connection#host()} names the branch for the
   * runbook.
   */
  @Override
  public List<PlatformKind> platformKinds() {
    return platformKinds;
  }

  /** The branch's module: a new create-time attribute replaces the branch on the next apply. */
  @Override
  public boolean reviewsChange(String path) {
    return BranchReplacement.isModule(path);
  }

  @Override
  public List<String> changeWarnings(String path, byte[] before, byte[] after) {
    return BranchReplacement.warnings(path, before, after);
  }

  @Override
  public Connection connection(Kit kit, Service service) {
    PlanetScale ps = host(service);
    return new Connection(
        PlanetScaleModule.secretName(service.name()),
        branchName(ps),
        5432,
        PlanetScaleModule.appSecretName(service.name()),
        Optional.empty(),
        6432,
        Optional.empty(),
        SYSTEM_ROOTS);
  }

  /** The branch in PlanetScale's API, whose {@code id} {@code adoptBranch} takes. */
  private static String branchUrl(PlanetScale ps) {
    return "https://api.planetscale.com/v1/organizations/"
        + ps.organization()
        + "/databases/"
        + ps.database()
        + "/branches/"
        + ps.branch();
  }

  static String branchName(PlanetScale ps) {
    return ps.organization() + "/" + ps.database() + "/" + ps.branch();
  }

  @Override
  public void check(String path, Kit kit, Service service, Problems problems) {
    PlanetScale ps = host(service);
    String at = path + ".planetScale";
    slug(
        at + ".organization",
        ps.organization(),
        "your PlanetScale organization's slug, such as \"acme\"",
        problems);
    slug(
        at + ".database",
        ps.database(),
        "the PlanetScale database's slug, such as \"shop\"",
        problems);
    slug(at + ".branch", ps.branch(), "the branch's name, such as \"main\"", problems);
    ps.region()
        .ifPresent(
            r ->
                slug(
                    at + ".region",
                    r,
                    "a PlanetScale region slug, such as \"aws-eu-west-1\"",
                    problems));
    ps.parentBranch()
        .ifPresent(
            b ->
                slug(
                    at + ".parentBranch",
                    b,
                    "the parent branch's name, such as \"main\"",
                    problems));
    adoption(at, ps, problems);
    // An adopted branch too: Atlas's dev database runs the description's major.
    // A major kit does not know is reported as such (DatabaseRules), not twice.
    int major = service.database().postgresMajor();
    if (!POSTGRES_MAJORS.contains(major) && PostgresImages.standard(major).isPresent()) {
      List<String> runs = new ArrayList<>();
      List<String> calls = new ArrayList<>();
      for (int known : POSTGRES_MAJORS) {
        runs.add(String.valueOf(known));
        calls.add("postgresMajor(" + known + ")");
      }
      problems.add(
          path + ".postgresMajor",
          "PostgreSQL "
              + major
              + ", which PlanetScale Postgres does not run (it runs "
              + String.join(" and ", runs)
              + ")",
          "use " + String.join(" or ", calls));
    }
    ps.clusterSize()
        .ifPresent(
            s ->
                Violations.refuse(
                    at + ".clusterSize",
                    s,
                    SKU.matcher(s).matches(),
                    "a cluster size",
                    "use a size SKU from PlanetScale's list, such as \"PS_10_AWS_ARM\"",
                    problems));
    // PlanetScale's provider 1.21.0: 0 for a single node, or 2 to 8 for high availability.
    ps.replicas()
        .filter(r -> r != 0 && (r < 2 || r > 8))
        .ifPresent(
            r ->
                problems.add(
                    at + ".replicas",
                    r + (r == 1 ? " replica" : " replicas") + ", which PlanetScale refuses",
                    "use 0 (a single node) or 2 to 8 (high availability)"));
    ps.parameters()
        .forEach(
            (namespace, values) -> {
              // What a message may not quote is left out of the path too.
              String within = at + ".parameters" + Violations.member(namespace);
              Violations.refuse(
                  within,
                  namespace,
                  PARAMETER_NAMESPACES.contains(namespace),
                  "a parameter namespace",
                  "use pgconf (PostgreSQL's settings, parameter(name, value)), pgbouncer or patroni",
                  problems);
              values
                  .keySet()
                  .forEach(
                      name ->
                          Violations.refuse(
                              within + Violations.member(name),
                              name,
                              PARAMETER.matcher(name).matches(),
                              "a parameter name",
                              "use the lower-case name, such as \"max_connections\"",
                              problems));
            });
    String state = PlanetScaleModule.stateName(service.namespace(), service.name());
    if (ps.runner() == PlanetScale.Runner.WORKSPACE
        && state.length() > PlanetScaleModule.STATE_NAME_MAX) {
      problems.add(
          path,
          "the Workspace's OpenTofu workspace "
              + quote(state)
              + " has "
              + state.length()
              + " characters, and the kubernetes state backend labels its Secret with it (at most "
              + PlanetScaleModule.STATE_NAME_MAX
              + ")",
          "shorten the namespace or the service name by "
              + (state.length() - PlanetScaleModule.STATE_NAME_MAX)
              + " characters, or moduleOnly() to apply the module from your own pipeline");
    } else {
      // The Workspace's state name caps the service name below this; moduleOnly() does not.
      // A service name refused is reported as such (ServiceRules), not through what it makes.
      if (Violations.isServiceName(service.name())) {
        Violations.derivedName(
            path.replaceFirst("\\.database$", "") + ".name",
            service.name(),
            PlanetScaleModule.migratorRole(service.name()),
            ROLE_NAME_MAX,
            "migrator role",
            problems);
      }
    }
    if (ps.appRoles().isEmpty()) {
      problems.add(
          at + ".appRoles",
          "the app role inherits no role, so it can read and write nothing",
          "leave appRoles(...) out for pg_read_all_data and pg_write_all_data, or name the roles it needs");
    }
    if (ps.passwordRotation() < 0) {
      problems.add(
          at + ".passwordRotation",
          ps.passwordRotation() + " rotations",
          "use 0 or more: raise it by one to rotate the roles' passwords");
    }
    ps.appRoles()
        .forEach(
            r ->
                Violations.refuse(
                    at + ".appRoles",
                    r,
                    ROLE.matcher(r).matches(),
                    "a role name",
                    "use a PostgreSQL role such as \"pg_read_all_data\"",
                    problems));
    ps.bouncer()
        .ifPresent(
            b -> {
              Violations.refuse(
                  at + ".bouncer.name",
                  b.name(),
                  b.name().length() <= BOUNCER_NAME_MAX && SLUG.matcher(b.name()).matches(),
                  "a bouncer name",
                  "use at most "
                      + BOUNCER_NAME_MAX
                      + " lower-case letters, digits and '-', such as \"app\"",
                  problems);
              Violations.refuse(
                  at + ".bouncer.target",
                  b.target(),
                  PlanetScale.Bouncer.TARGETS.contains(b.target()),
                  "a bouncer target",
                  "use one of " + PlanetScale.Bouncer.TARGETS,
                  problems);
              b.size()
                  .ifPresent(
                      s ->
                          Violations.refuse(
                              at + ".bouncer.size",
                              s,
                              SKU.matcher(s).matches(),
                              "a bouncer size",
                              "use PGB_5, PGB_10, PGB_20, PGB_40, PGB_80 or PGB_160",
                              problems));
              b.replicasPerCell()
                  .filter(r -> r < 1)
                  .ifPresent(
                      r ->
                          problems.add(
                              at + ".bouncer.replicasPerCell",
                              r + " instances per availability zone",
                              "use 1 or more"));
            });
    ps.backupPolicy()
        .ifPresent(
            p -> {
              Violations.refuse(
                  at + ".backupPolicy.name",
                  p.name(),
                  BACKUP_POLICY_NAME.matcher(p.name()).matches() && !p.name().contains("://"),
                  "a backup policy name",
                  "use a short name without a URL, such as \"daily\"",
                  problems);
              if (p.frequencyValue() < 1
                  || p.frequencyUnit() == PlanetScale.BackupPolicy.Unit.YEAR) {
                problems.add(
                    at + ".backupPolicy.every",
                    "every " + p.frequencyValue() + " " + p.frequencyUnit().value(),
                    "back up at least once a month: a positive number of hours, days, weeks or months");
              }
              if (p.retentionValue() < 1) {
                problems.add(
                    at + ".backupPolicy.keep",
                    "kept " + p.retentionValue() + " " + p.retentionUnit().value(),
                    "keep backups for a positive number of hours, days, weeks, months or years");
              }
              p.scheduleTime()
                  .ifPresent(
                      t ->
                          Violations.refuse(
                              at + ".backupPolicy.at",
                              t,
                              TIME.matcher(t).matches(),
                              "a time of day",
                              "use HH:MM, such as \"02:00\"",
                              problems));
            });
    String owner = path.replaceFirst("\\.database$", "");
    service
        .database()
        .bootstrap()
        .ifPresent(
            b ->
                problems.add(
                    path + ".bootstrap",
                    "bootstrap(...) names a database CloudNativePG creates, but PlanetScale creates the branch's database",
                    "remove bootstrap(...): the roles' Secrets carry the database PlanetScale names"));
    service
        .migrations()
        .filter(m -> m.engine() == Migrations.Engine.OPERATOR)
        .ifPresent(
            m ->
                problems.add(
                    owner + ".migrations.engine",
                    "the Atlas operator connects to a host written in its resource, and a PlanetScale "
                        + "branch's host is known only once it exists",
                    "use the Job engine (the default): it reads the host from the Secret"));
    // PlanetScale refuses every connection without TLS; require encrypts, verify-* also verify.
    service
        .migrations()
        .filter(m -> m.sslMode() == SslMode.DISABLE)
        .ifPresent(
            m ->
                problems.add(
                    owner + ".migrations.sslMode",
                    "sslmode=disable connects without TLS, and PlanetScale refuses every connection without it",
                    "leave sslMode(...) out for verify-full (PlanetScale's certificates are publicly trusted)"));
    service
        .declarativeSchema()
        .ifPresent(
            s ->
                problems.add(
                    owner + ".declarativeSchema",
                    "an AtlasSchema connects to a host written in its resource, and a PlanetScale branch's host is known only once it exists",
                    "use versioned migrations (the Job engine) for a PlanetScale database"));
  }

  /** The rotation, once raised: a new value is a new pod template, so the app restarts. */
  @Override
  public Map<String, String> appPodAnnotations(Kit kit, Service service) {
    int rotation = host(service).passwordRotation();
    return rotation == 0 ? Map.of() : Map.of(ROTATION_ANNOTATION, Integer.toString(rotation));
  }

  /** PlanetScale's counterpart of a CloudNativePG option, for the fix of its violation. */
  @Override
  public Optional<String> counterpart(String option) {
    return Optional.ofNullable(
        switch (option) {
          case "instances" ->
              "remove instances(...); PlanetScale's replicas are planetScale(ps -> ps.replicas(2))";
          case "storage", "walStorage" ->
              "remove "
                  + option
                  + "(...); PlanetScale sizes storage with the cluster: planetScale(ps -> ps.clusterSize(\"PS_10_AWS_ARM\"))";
          case "resources", "imageName", "clusterName" ->
              "remove "
                  + option
                  + "(...); PlanetScale's cluster size sets CPU and memory: planetScale(ps -> ps.clusterSize(\"PS_10_AWS_ARM\"))";
          case "parameters" ->
              "move them into planetScale(ps -> ps.parameter(\"max_connections\", \"200\"))";
          case "backups" ->
              "remove backups(...); PlanetScale backs the branch up: planetScale(ps -> ps.backupPolicy(p -> p.every(1, DAY).keep(30, DAY)))";
          case "restore" ->
              "remove restore(...); restore into a new PlanetScale branch from a backup (backup_id) or a point in time (restore_point): RUNBOOK.md, Backups and restore";
          case "pooler" ->
              "remove pooler(...); PlanetScale runs PgBouncer on port 6432, a dedicated one with planetScale(ps -> ps.bouncer(b -> b.size(\"PGB_10\")))";
          case "monitoring" ->
              "remove monitoring(...); PlanetScale monitors the branch (its console's metrics and Insights)";
          case "extension", "schema" ->
              "remove "
                  + option
                  + "(...); create it in a migration (CREATE EXTENSION, CREATE SCHEMA):"
                  + " the migrator role may, and the extension must be enabled for the branch in PlanetScale";
          case "role" ->
              "remove role(...); a PlanetScale role is a branch role PlanetScale makes, with its own"
                  + " password (planetscale_postgres_branch_role)";
          case "superuserAccess" ->
              "remove superuserAccess(...); the migrator role inherits PlanetScale's postgres role";
          case "antiAffinity",
              "podDisruptionBudget",
              "primaryUpdateStrategy",
              "primaryUpdateMethod" ->
              "remove "
                  + option
                  + "(...); PlanetScale places, updates and fails over its instances itself";
          default -> null;
        });
  }

  @Override
  public Map<String, Object> runbook(Kit kit, Service service, Connection connection) {
    PlanetScale ps = host(service);
    String branch = branchName(ps);
    List<String> rows = new ArrayList<>();
    rows.add(
        "| PlanetScale branch | `"
            + branch
            + "`, PostgreSQL "
            + service.database().postgresMajor()
            + ps.clusterSize().map(s -> ", cluster size `" + s + "`").orElse("")
            + ps.replicas().map(r -> ", " + r + " replicas").orElse("")
            + ", run by PlanetScale |");
    // With environments each has its own module, beside its manifests.
    String module =
        RepositoryLayout.service(kit, service)
            .deployedFile(PlanetScaleModule.FOLDER + "/" + PlanetScaleModule.FILE);
    rows.add(
        "| module | `"
            + module
            + "`, applied by "
            + (ps.runner() == PlanetScale.Runner.WORKSPACE
                ? "Workspace `"
                    + PlanetScaleModule.workspaceName(service.name())
                    + "` (provider-opentofu)"
                : "your own pipeline (no Workspace)")
            + " |");
    rows.add(
        "| Secrets | `"
            + connection.migrationSecret()
            + "` (the migrations': role `"
            + PlanetScaleModule.migratorRole(service.name())
            + "`, port 5432), `"
            + connection.appSecret()
            + "` (the app's: role `"
            + PlanetScaleModule.appRole(service.name())
            + "`, PgBouncer, port 6432); keys `uri`, `jdbc-uri`, `host`, `port`, `dbname`, `username`, `password` |");
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("databaseRows", rows);
    if (ps.runner() == PlanetScale.Runner.WORKSPACE) {
      section.put(
          "databaseWave",
          "Workspace `"
              + PlanetScaleModule.workspaceName(service.name())
              + "` (kit's health check waits until it is Ready: the branch, its roles and both Secrets exist)");
    }
    section.put("databaseSection", databaseSection(service, ps, module, connection));
    section.put(
        "backupBeforeChange",
        "PlanetScale backs up branch `"
            + branch
            + "` (Database, Backups and restore); check in its console that a recent backup has completed");
    return section;
  }

  /**
   * The runbook's "Database" section: what PlanetScale runs and what kit writes, how each side
   * connects, and how to rotate, scale, restore and troubleshoot.
   */
  private static String databaseSection(
      Service service, PlanetScale ps, String module, Connection connection) {
    String name = service.name();
    String namespace = service.namespace();
    boolean workspace = ps.runner() == PlanetScale.Runner.WORKSPACE;
    String workspaceName = PlanetScaleModule.workspaceName(name);
    String migratorRole = PlanetScaleModule.migratorRole(name);
    String appRole = PlanetScaleModule.appRole(name);
    String secret = connection.migrationSecret();
    String appSecret = connection.appSecret();
    Optional<String> bouncer = ps.bouncer().map(PlanetScale.Bouncer::name);
    StringBuilder md = new StringBuilder(8192);
    md.append("## Database\n\n");
    md.append('`')
        .append(name)
        .append("`'s database is branch `")
        .append(ps.branch())
        .append("` of PlanetScale database `")
        .append(ps.database())
        .append("` (organization `")
        .append(ps.organization())
        .append("`), PostgreSQL ")
        .append(service.database().postgresMajor());
    ps.clusterSize().ifPresent(size -> md.append(", cluster size `").append(size).append('`'));
    ps.replicas().ifPresent(r -> md.append(", ").append(r).append(" replicas"));
    md.append(
            ". PlanetScale runs it: the primary, its replicas, failover, PgBouncer and backups. kit writes the OpenTofu module `")
        .append(module)
        .append("` (the branch, roles `")
        .append(migratorRole)
        .append("` and `")
        .append(appRole)
        .append('`');
    bouncer.ifPresent(b -> md.append(", PgBouncer `").append(b).append('`'));
    ps.backupPolicy().ifPresent(p -> md.append(", backup policy `").append(p.name()).append('`'));
    md.append(')');
    if (workspace) {
      md.append(" and Workspace `")
          .append(workspaceName)
          .append(
              "`, which runs it in the cluster (provider-opentofu, with the platform's ClusterProviderConfig `")
          .append(CrossplaneObjects.CONFIG_NAME)
          .append("`)");
    } else {
      md.append("; your own pipeline applies it (kit writes no Workspace)");
    }
    md.append('.');
    if (ps.production()) {
      md.append(
          " It is a production branch: `deletion_protected` and `prevent_destroy` refuse to delete it, since deleting the last branch deletes the database.");
    }
    if (ps.adoptedBranchId().isPresent()) {
      md.append(" The branch existed before kit: the module imports it (ID `")
          .append(ps.adoptedBranchId().get())
          .append(
              "`) instead of creating it, leaves the PostgreSQL version, region and parent it was created with as they are, and never destroys it (`prevent_destroy`). Keep `postgresMajor(")
          .append(service.database().postgresMajor())
          .append(
              ")` in the description equal to its version: Atlas's dev database runs that one. The ID must be branch `")
          .append(ps.branch())
          .append(
              "`'s: the first apply would rename or replace another. Keep `adoptBranch(...)` for as long as the branch lives: without it the module sets what the imported state lacks, and the next apply replaces the branch. Its first apply also sets what the description says of it (")
          .append(ps.production() ? "deletion protection, " : "")
          .append(
              "cluster size, replicas, and parameters, which the provider resets to their defaults where the description leaves them out), so compare those with the branch's before merging. If the branch is deleted in PlanetScale, every later apply fails on the import: remove `adoptBranch(...)` to let the module create it again.");
    } else {
      md.append(" The module creates the branch, and database `")
          .append(ps.database())
          .append(
              "` with it if it does not exist. A branch that already exists cannot be created (every database made in PlanetScale's console starts with `main`): adopt it instead, `planetScale(ps -> ps.adoptBranch(\"<id>\"))`, with the `id` of `GET ")
          .append(branchUrl(ps))
          .append(
              "` (PlanetScale's API, with a service token: header `Authorization: <token id>:<token>`).");
    }
    md.append(
        """


        ### Connect

        | who | role | port | how |
        |---|---|---|---|
        """);
    SslMode migrationsSslMode =
        service.migrations().map(Migrations::sslMode).orElse(SslMode.VERIFY_FULL);
    md.append("| the migrations | role `")
        .append(migratorRole)
        .append(
            "` (inherits `postgres`: may create and alter objects) | 5432, directly to PostgreSQL | the Job adds `sslmode=")
        .append(migrationsSslMode.value())
        .append("` to the Secret's `uri`, ")
        .append(
            migrationsSslMode.verifiesServer()
                ? "verified against the system's trusted roots (PlanetScale's certificates are publicly trusted)"
                : "encrypted, the server not verified")
        .append(" |\n");
    md.append("| the app | role `")
        .append(appRole)
        .append("` (inherits ")
        .append(String.join(", ", ps.appRoles().stream().map(r -> "`" + r + "`").toList()))
        .append(": data, no DDL) | 6432, through PgBouncer");
    bouncer.ifPresent(
        b -> md.append(" `").append(b).append("` (user `<role user>|").append(b).append("`)"));
    md.append(
        " | `JDBC_URL` (the Secret's `jdbc-uri` plus `sslmode=verify-full`, Java's trusted roots) and, with `Connection.PARTS`, `PGSSLMODE=verify-full` and `PGSSLROOTCERT=system` (libpq 16 or later) verify the server; the Secret's `uri` (`DATABASE_URL`) has no `sslmode`, so its client's default applies (libpq's `prefer` encrypts without verifying): add `sslmode=verify-full` and trust the system's roots as your driver does. Transaction pooling: no session state across transactions |\n\n");
    md.append("The migrations' Secret `")
        .append(secret)
        .append("` is ")
        .append(
            workspace ? "the Workspace's connection Secret (its outputs)" : "written by the module")
        .append(", the app's `")
        .append(appSecret)
        .append("` is written by the module; both in namespace `")
        .append(namespace)
        .append(
            "`, with CloudNativePG's keys (`uri`, `jdbc-uri`, `host`, `port`, `dbname`, `username`, `password`). Their values are never shown here:\n\n");
    md.append("```sh\n");
    md.append("kubectl -n ")
        .append(namespace)
        .append(" get secret ")
        .append(appSecret)
        .append(
            " -o go-template='{{range $k, $v := .data}}{{$k}}{{\"\\n\"}}{{end}}'   # its keys, never their values\n");
    md.append("psql \"$(kubectl -n ")
        .append(namespace)
        .append(" get secret ")
        .append(appSecret)
        .append(
            " -o jsonpath='{.data.uri}' | base64 -d)?sslmode=verify-full&sslrootcert=system\"   # psql 16 or later\n");
    md.append("```\n\n");
    rotation(md, service, ps, workspace);
    md.append(
        "### Scaling\n\nChange `clusterSize(...)` or `replicas(...)` in the description, run `mvn kit:generate` and merge: the module changes and ");
    md.append(workspace ? "the Workspace applies it" : "your pipeline applies it");
    md.append("; PlanetScale resizes the cluster online. PgBouncer");
    bouncer.ifPresent(b -> md.append(" `").append(b).append('`'));
    md.append(" scales with `bouncer(b -> b.size(...).replicasPerCell(...))`.\n\n");
    md.append("### Backups and restore\n\n");
    ps.backupPolicy()
        .ifPresentOrElse(
            p -> md.append("Backup policy `").append(p.name()).append("`: ").append(backupText(p)),
            () ->
                md.append(
                    "PlanetScale's default backup schedule applies; set `backupPolicy(...)` in the description for another"));
    md.append(
        """
        . PlanetScale keeps them; kit writes no ObjectStore or ScheduledBackup.
        To restore, create a new branch from a backup (`backup_id`) or from a point in time (`restore_point`, for example `2025-03-01T12:00:00Z`) with the PlanetScale console or CLI, or with a module of your own: never add either to this branch's resource, as both replace the branch (which `prevent_destroy` refuses). Check the restored branch, then copy what you need back, or move the service to it deliberately (as when moving from CloudNativePG: README, "Move a service to PlanetScale").

        ### Failover

        PlanetScale fails over by itself to a replica in another availability zone; PgBouncer holds queries during the switch, so the app sees a short pause rather than errors. There is nothing to do in the cluster: check PlanetScale's console and status page, and the app's connection errors.

        ### Troubleshooting the Workspace

        """);
    if (workspace) {
      String crossplane = CrossplaneObjects.CROSSPLANE_NAMESPACE;
      String token = CrossplaneObjects.TOKEN_SECRET;
      md.append("```sh\n");
      md.append("kubectl -n ")
          .append(namespace)
          .append(" get workspace ")
          .append(workspaceName)
          .append("           # SYNCED and READY True: the module is applied\n");
      md.append("kubectl -n ")
          .append(namespace)
          .append(" describe workspace ")
          .append(workspaceName)
          .append("      # conditions: Synced False has OpenTofu's error; events\n");
      md.append(
          "kubectl get providers.pkg.crossplane.io provider-opentofu       # INSTALLED and HEALTHY True\n");
      md.append("kubectl -n ")
          .append(crossplane)
          .append(
              " logs -l pkg.crossplane.io/provider=provider-opentofu --tail=100   # the tofu runs\n");
      md.append("kubectl -n ")
          .append(crossplane)
          .append(" get secret ")
          .append(token)
          .append(
              "      # the PlanetScale service token (keys id, token), created by the platform team\n");
      md.append("kubectl -n ")
          .append(crossplane)
          .append(" get secret tfstate-")
          .append(PlanetScaleModule.stateName(namespace, name))
          .append('-')
          .append(CrossplaneObjects.CONFIG_NAME)
          .append(
              "    # the OpenTofu state: the Workspace's own (external name = OpenTofu workspace)\n");
      md.append("kubectl -n ")
          .append(crossplane)
          .append(" get lease lock-tfstate-")
          .append(PlanetScaleModule.stateName(namespace, name))
          .append('-')
          .append(CrossplaneObjects.CONFIG_NAME)
          .append("    # its lock, held while a tofu run writes the state\n");
      md.append("```\n\n");
      md.append(
              "Argo CD waits at wave -2 while the Workspace is not Ready or has not applied its current spec (kit's `argocd-cm` check reads the generation in `Synced`, which provider-opentofu writes when `tofu apply` returns), so the migration Job never runs before `")
          .append(secret)
          .append(
              "` exists, nor while a changed module is still being applied. `Synced False` with `cannot apply tofu configuration` is an OpenTofu error: the PlanetScale token (Secret `")
          .append(token)
          .append(
              "`), an attribute PlanetScale refuses, `prevent_destroy` refusing a change that would replace the branch (such as a new branch name, region or PostgreSQL version: revert that change), or, on the first apply, a branch that already exists (adopt it: Database, above).\n\n");
      md.append(
              "`Error acquiring the state lock` (`the state is already locked by another terraform client`) after the provider's pod was stopped in the middle of a run: the Lease `lock-tfstate-")
          .append(PlanetScaleModule.stateName(namespace, name))
          .append('-')
          .append(CrossplaneObjects.CONFIG_NAME)
          .append("` in `")
          .append(crossplane)
          .append(
              "` still names the run that died (annotation `app.terraform.io/lock-info`). Make sure no run is going on (the provider's log is quiet, its pod has restarted), then release the lock by deleting the Lease: `kubectl -n ")
          .append(crossplane)
          .append(" delete lease lock-tfstate-")
          .append(PlanetScaleModule.stateName(namespace, name))
          .append('-')
          .append(CrossplaneObjects.CONFIG_NAME)
          .append(
              "`; the next run creates it again. Never delete the `tfstate-` Secret: it is the state.");
    } else {
      md.append("Your pipeline applies the module; the Secret `")
          .append(secret)
          .append(
              "` must exist before the first sync, or the migration Job's pod waits (`CreateContainerConfigError`) until it does and fails after its deadline.\n\n");
      md.append("```sh\n");
      md.append("kubectl -n ")
          .append(namespace)
          .append(" get secret ")
          .append(secret)
          .append("     # written by the module's kubernetes_secret_v1\n");
      md.append("```");
    }
    return md.toString();
  }

  /**
   * Rotating the roles' passwords: a commit that raises {@link PlanetScale#passwordRotation()},
   * which the module turns into a replacement of both roles and the app's Deployment into new pods.
   */
  private static void rotation(
      StringBuilder md, Service service, PlanetScale ps, boolean workspace) {
    int next = ps.passwordRotation() + 1;
    md.append(
        "### Roles and rotation\n\nBoth roles belong to the module: PlanetScale shows a role's password once, at creation, and the module keeps it in its state and the Secrets. Do not reset a password in the PlanetScale console: the Secrets would keep the old one.\n\n");
    md.append("To rotate both passwords, raise the rotation in the description (it is ")
        .append(ps.passwordRotation())
        .append("), run `mvn kit:generate` and merge:\n\n```java\n")
        .append("db.planetScale(ps -> ps.passwordRotation(")
        .append(next)
        .append("))   // keep the rest of planetScale(...) as it is\n```\n\n");
    md.append(
        "The module's `terraform_data.password_rotation` changes, and `replace_triggered_by` replaces both roles: each is dropped, then created with a new password (its name is fixed, so the new one cannot exist beside the old). ");
    md.append(
        workspace
            ? "The Workspace applies it and writes the new passwords into both Secrets; once it is Ready (wave -2), the migration Job reads the new Secret"
            : "Your pipeline applies it (`tofu apply`), and the module writes the new passwords into both Secrets");
    if (service.app().isPresent()) {
      md.append(
          workspace
              ? ", and the app's Deployment, whose pod template carries the rotation (annotation `"
              : "; the app's Deployment carries the rotation in its pod template (annotation `");
      md.append(ROTATION_ANNOTATION)
          .append(
              workspace
                  ? "`), rolls out new pods with the new password. "
                  : "`): let Argo CD sync it after the apply, and it rolls out new pods with the new password (synced before, its new pods read the old one: `kubectl -n "
                      + service.namespace()
                      + " rollout restart deployment/"
                      + service.name()
                      + "` after the apply). ");
      md.append(
          "Between the app role's drop and the new pods, the app cannot open new connections (its old pods hold the old password): rotate at a quiet time.");
    } else {
      md.append(
          ". Restart whatever reads `"
              + PlanetScaleModule.appSecretName(service.name())
              + "` so it reads the new password; between the app role's drop and that restart it cannot open new connections.");
    }
    md.append(
        " The migrator owns the objects the migrations created; its replacement hands them to the `successor` set in the module (`postgres`) before the old role is dropped.\n\n");
  }

  /** A backup policy as a sentence: how often, how long kept, for which branches. */
  private static String backupText(PlanetScale.BackupPolicy p) {
    return "every "
        + p.frequencyValue()
        + " "
        + p.frequencyUnit().value()
        + (p.frequencyValue() == 1 ? "" : "s")
        + p.scheduleTime().map(t -> " at " + t + " UTC").orElse("")
        + ", kept "
        + p.retentionValue()
        + " "
        + p.retentionUnit().value()
        + (p.retentionValue() == 1 ? "" : "s")
        + ", for "
        + p.target()
        + " branches";
  }

  /**
   * An adopted branch is imported as it is: the attributes fixed at its creation are not the
   * module's to set, and one that differed would make Terraform replace the branch.
   */
  private static void adoption(String at, PlanetScale ps, Problems problems) {
    if (ps.adoptedBranchId().isEmpty()) {
      return;
    }
    String id = ps.adoptedBranchId().get();
    Violations.refuse(
        at + ".adoptBranch",
        id,
        BRANCH_ID.matcher(id).matches(),
        "a PlanetScale branch ID",
        "use the id of GET "
            + branchUrl(ps)
            + " (letters and digits, such as \"ru00w3vqvfr9\"), not the branch's name",
        problems);
    if (ps.region().isPresent()) {
      problems.add(
          at + ".region",
          "region(...) is set on an adopted branch, which keeps the region it was created in",
          "remove region(...): a different region would make Terraform replace the branch. Set for the"
              + " whole service, it belongs in the in(...) of the environments whose branch the module"
              + " creates; for a branch the module should create, add createBranch()");
    }
    if (ps.parentBranch().isPresent()) {
      problems.add(
          at + ".parentBranch",
          "parentBranch(...) is set on an adopted branch, which keeps the parent it was created from",
          "remove parentBranch(...): a different parent would make Terraform replace the branch. Set for the"
              + " whole service, it belongs in the in(...) of the environments whose branch the module"
              + " creates; for a branch the module should create, add createBranch()");
    }
  }

  private static void slug(String path, String value, String example, Problems problems) {
    Violations.refuse(
        path,
        value,
        value.length() <= SLUG_MAX && SLUG.matcher(value).matches(),
        "a PlanetScale name",
        "use lower-case letters, digits, '-' and '_': " + example,
        problems);
  }
}
