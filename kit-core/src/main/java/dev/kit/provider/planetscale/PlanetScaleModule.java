package dev.kit.provider.planetscale;

import dev.kit.model.PlanetScale;
import dev.kit.plan.GeneratedHeader;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The OpenTofu/Terraform module of a PlanetScale service, {@code
 * services/<service>/database/main.tf}: one file, because a Workspace with {@code source: Inline}
 * writes its module text to {@code main.tf} and nothing else (provider-opentofu {@code
 * internal/controller/namespaced/workspace/workspace.go}, {@code tfMain}), and the reviewed file
 * must be exactly what runs.
 */
public final class PlanetScaleModule {

  /**
   * The provider release pinned: {@code replicas} on a branch is settable from 1.21.0 (test-data
   * SOURCES.md).
   */
  public static final String PROVIDER_VERSION = "1.21.0";

  /** The kubernetes provider a module-only runner writes its connection Secret with. */
  public static final String KUBERNETES_PROVIDER_VERSION = "2.38.0";

  /** The module's folder inside the service folder. */
  public static final String FOLDER = "database";

  /** The module's one file. */
  public static final String FILE = "main.tf";

  /** The resource type of the branch; the module declares one, named {@link #BRANCH_NAME}. */
  public static final String BRANCH_RESOURCE = "planetscale_postgres_branch";

  /** The name of the module's branch resource. */
  public static final String BRANCH_NAME = "this";

  /**
   * How the module's import block of an adopted branch starts: written here, and read back to tell
   * an adopted branch's module (a retiring one's, a replaced one's).
   */
  public static final String IMPORT_OPENING =
      "\nimport {\n  to = " + BRANCH_RESOURCE + "." + BRANCH_NAME + "\n";

  /**
   * The branch's attributes that PlanetScale's provider sets only when it creates the branch, in
   * the order the module writes them: a new value ("Requires replacement if changed",
   * test-data/reference/planetscale-terraform/resources/postgres_branch.md) destroys the branch
   * with its data and creates an empty one. {@code BranchReplacement} reads them back from the
   * module. The pinned release's pages do not mark {@code name}, but the provider's code marks it
   * in every release seen: warned about, as losing a branch costs more than a needless warning.
   */
  public static final List<String> CREATE_TIME_ATTRIBUTES =
      List.of("name", "major_version", "region", "parent_branch");

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private PlanetScaleModule() {}

  /**
   * The Workspace that runs the module, and the Secret its outputs become: {@code
   * <service>-database}.
   */
  public static String workspaceName(String service) {
    return service + "-database";
  }

  /**
   * The most characters of {@link #stateName}: the kubernetes backend labels the state Secret with
   * it ({@code tfstateWorkspace}), and a label value holds at most 63.
   */
  public static final int STATE_NAME_MAX = 63;

  /**
   * The OpenTofu workspace, and so the state, of the service's Workspace: {@code
   * <namespace>.<service>-database}, its {@code crossplane.io/external-name}. provider-opentofu
   * selects the OpenTofu workspace named by the external name (by default the Workspace's name),
   * and all Workspaces share the one {@code kubernetes} backend of the ClusterProviderConfig; a
   * namespace and a name are unique together on a cluster, and neither holds a '.', so two
   * environments on one cluster never share a state. The backend names the Secret {@code
   * tfstate-<this>-planetscale} (a DNS-1123 subdomain: '.' is allowed).
   */
  public static String stateName(String namespace, String service) {
    return namespace + "." + workspaceName(service);
  }

  /**
   * The migrations' connection Secret in the service namespace (the migrator role, directly on
   * 5432), written by the Workspace from the module's outputs or, module-only, by the module.
   */
  public static String secretName(String service) {
    return service + "-database";
  }

  /**
   * The app's connection Secret (the app role, through PgBouncer on 6432), written by the module
   * itself.
   */
  public static String appSecretName(String service) {
    return service + "-database-app";
  }

  /** The migrator role's name on the branch. */
  public static String migratorRole(String service) {
    return service + "-migrator";
  }

  /** The app role's name on the branch. */
  public static String appRole(String service) {
    return service + "-app";
  }

  /**
   * The module text.
   *
   * @param source the description the header names
   * @param service the service name
   * @param namespace the service namespace, where the connection Secret lives
   * @param postgresMajor the branch's PostgreSQL major version
   */
  public static String render(
      String source, String service, String namespace, int postgresMajor, PlanetScale ps) {
    boolean workspace = ps.runner() == PlanetScale.Runner.WORKSPACE;
    StringBuilder tf = new StringBuilder(8192);
    tf.append(GeneratedHeader.line(source).stripTrailing()).append('\n');
    tf.append("# PlanetScale Postgres for the ")
        .append(service)
        .append(
            " service: the branch, a migrator role (DDL, used only by the\n# migration Job), an app role (")
        .append(String.join(", ", ps.appRoles()))
        .append(") and their connection outputs.\n");
    if (workspace) {
      tf.append("# Applied by the Crossplane Workspace ")
          .append(workspaceName(service))
          .append(" (its manifest holds this exact text); its ClusterProviderConfig\n")
          .append(
              "# adds the provider blocks (the PlanetScale service token from a Secret) and the kubernetes state backend.\n");
    } else {
      tf.append(
              "# Applied by your own pipeline (kit writes no Workspace): configure the planetscale provider (PLANETSCALE_SERVICE_TOKEN_ID\n")
          .append(
              "# and PLANETSCALE_SERVICE_TOKEN), the kubernetes provider and a remote state backend there. The module writes the\n")
          .append("# Secrets ")
          .append(secretName(service))
          .append(" (the migrations') and ")
          .append(appSecretName(service))
          .append(" (the app's) in namespace ")
          .append(namespace)
          .append(".\n");
    }
    boolean adopted = ps.adoptedBranchId().isPresent();
    tf.append("\nterraform {\n");
    tf.append(
        adopted
            ? "  # terraform_data, and an import block whose id is an expression: Terraform 1.6, every OpenTofu release.\n  required_version = \">= 1.6.0\"\n"
            : "  # terraform_data: Terraform 1.4, every OpenTofu release.\n  required_version = \">= 1.4.0\"\n");
    tf.append(
        """
          required_providers {
            planetscale = {
              source  = "planetscale/planetscale"
        """);
    tf.append("      version = \"").append(PROVIDER_VERSION).append("\"\n");
    tf.append(
        """
            }
            kubernetes = {
              source  = "hashicorp/kubernetes"
        """);
    tf.append("      version = \"").append(KUBERNETES_PROVIDER_VERSION).append("\"\n");
    tf.append(
        """
            }
          }
        }

        resource "planetscale_postgres_branch" "this" {
        """);
    attribute(tf, "  organization  = ", string(ps.organization()));
    attribute(tf, "  database      = ", string(ps.database()));
    attribute(tf, "  name          = ", string(ps.branch()));
    ps.clusterSize().ifPresent(v -> attribute(tf, "  cluster_size  = ", string(v)));
    // Fixed when a branch is created, and each replaces the branch when it differs: an adopted
    // branch keeps its own (validation refuses a region or a parent for one).
    if (!adopted) {
      attribute(tf, "  major_version = ", "\"" + postgresMajor + "\"");
      ps.region().ifPresent(v -> attribute(tf, "  region        = ", string(v)));
      ps.parentBranch().ifPresent(v -> attribute(tf, "  parent_branch = ", string(v)));
    }
    ps.replicas().ifPresent(v -> attribute(tf, "  replicas      = ", Integer.toString(v)));
    if (!ps.parameters().isEmpty()) {
      tf.append("  parameters = {\n");
      ps.parameters()
          .forEach(
              (group, values) -> {
                tf.append("    ").append(key(group)).append(" = {\n");
                entries(tf, "      ", values);
                tf.append("    }\n");
              });
      tf.append("  }\n");
    }
    if (ps.production()) {
      tf.append(
          """

            # A production branch: destroying the last branch of a database deletes the database.
            deletion_protected = true
          """);
    } else if (!adopted) {
      // Left out, the provider would keep a protection set before: production(false) lifts it.
      tf.append("\n  # Not a production branch: unprotected, also when it was one before.\n");
      tf.append("  deletion_protected = false\n");
    }
    if (ps.production() || adopted) {
      if (!ps.production()) {
        tf.append(
            "\n  # Adopted: the module did not create this branch, so it never destroys it.\n");
      }
      tf.append(
          """
            lifecycle {
              prevent_destroy = true
            }
          """);
    }
    tf.append("}\n\n");
    if (adopted) {
      tf.append(
          "# The branch existed before this module (adoptBranch in the description): the first apply imports it instead of\n");
      tf.append(
          "# creating it, and later applies find it in the state. Its PostgreSQL version, region and parent stay PlanetScale's.\n");
      tf.append(IMPORT_OPENING, 1, IMPORT_OPENING.length());
      tf.append("  id = jsonencode({ organization = ")
          .append(string(ps.organization()))
          .append(", database = ")
          .append(string(ps.database()))
          .append(", id = ")
          .append(string(ps.adoptedBranchId().get()))
          .append(" })\n}\n\n");
    }
    tf.append(
        "# Raised (passwordRotation in the description), it replaces both roles with new passwords: destroy, then create,\n");
    tf.append(
        "# as a role's name is fixed. It always exists, since a resource being created triggers no replacement.\n");
    tf.append("resource \"terraform_data\" \"password_rotation\" {\n");
    attribute(tf, "  input = ", Integer.toString(ps.passwordRotation()));
    tf.append(
        """
        }

        # Runs the migrations only: it inherits the branch's default postgres role, which may create and alter objects.
        # It owns what the migrations create; replaced (password rotation), it hands that to postgres before it is dropped.
        resource "planetscale_postgres_branch_role" "migrator" {
          organization    = planetscale_postgres_branch.this.organization
          database        = planetscale_postgres_branch.this.database
          branch          = planetscale_postgres_branch.this.name
        """);
    attribute(tf, "  name            = ", string(migratorRole(service)));
    tf.append(
        """
          inherited_roles = ["postgres"]
          successor       = "postgres"
          lifecycle {
            replace_triggered_by = [terraform_data.password_rotation]
          }
        }

        # The application's role: least privilege, no DDL.
        resource "planetscale_postgres_branch_role" "app" {
          organization    = planetscale_postgres_branch.this.organization
          database        = planetscale_postgres_branch.this.database
          branch          = planetscale_postgres_branch.this.name
        """);
    attribute(tf, "  name            = ", string(appRole(service)));
    attribute(
        tf,
        "  inherited_roles = ",
        ps.appRoles().stream()
            .map(PlanetScaleModule::string)
            .collect(Collectors.joining(", ", "[", "]")));
    tf.append(
        """
          lifecycle {
            replace_triggered_by = [terraform_data.password_rotation]
          }
        }
        """);
    ps.bouncer().ifPresent(b -> bouncer(tf, b));
    ps.backupPolicy().ifPresent(p -> backupPolicy(tf, p));
    tf.append(
        """

        locals {
          host          = planetscale_postgres_branch_role.app.access_host_url
          dbname        = planetscale_postgres_branch_role.app.database_name
          migrator_user = planetscale_postgres_branch_role.migrator.username
          migrator_pass = planetscale_postgres_branch_role.migrator.password
        """);
    // Through the bouncer, PlanetScale reads the bouncer's name from the user: <user>|<bouncer>.
    attribute(
        tf,
        "  app_user      = ",
        ps.bouncer().isPresent()
            ? "\"${planetscale_postgres_branch_role.app.username}|${planetscale_postgres_bouncer.app.name}\""
            : "planetscale_postgres_branch_role.app.username");
    tf.append(
        """
          app_pass      = planetscale_postgres_branch_role.app.password
          # The keys of CloudNativePG's app Secret, which the rest of kit reads: the migrations connect directly (5432),
          # the app through PgBouncer (6432). No TLS settings: the migration Job and the app's JDBC_URL and PG* variables
          # add sslmode=verify-full; any other client of uri must add its own.
          migrations = {
            host       = local.host
            port       = "5432"
            dbname     = local.dbname
            username   = local.migrator_user
            password   = local.migrator_pass
            uri        = "postgresql://${urlencode(local.migrator_user)}:${urlencode(local.migrator_pass)}@${local.host}:5432/${local.dbname}"
            "jdbc-uri" = "jdbc:postgresql://${local.host}:5432/${local.dbname}?user=${urlencode(local.migrator_user)}&password=${urlencode(local.migrator_pass)}"
          }
          app = {
            host       = local.host
            port       = "6432"
            dbname     = local.dbname
            username   = local.app_user
            password   = local.app_pass
            uri        = "postgresql://${urlencode(local.app_user)}:${urlencode(local.app_pass)}@${local.host}:6432/${local.dbname}"
            "jdbc-uri" = "jdbc:postgresql://${local.host}:6432/${local.dbname}?user=${urlencode(local.app_user)}&password=${urlencode(local.app_pass)}"
          }
        }

        """);
    tf.append("# The app's connection: Secret ")
        .append(appSecretName(service))
        .append(" in namespace ")
        .append(namespace)
        .append(", written by this module.\n");
    kubernetesSecret(tf, "app", appSecretName(service), namespace, "local.app");
    if (workspace) {
      tf.append("\n# The migrations' connection: the Workspace writes these outputs into Secret ")
          .append(secretName(service))
          .append(" (writeConnectionSecretToRef).\n");
    } else {
      tf.append("\n# The migrations' connection: Secret ")
          .append(secretName(service))
          .append(", written by this module (with a Workspace, the outputs below).\n");
      kubernetesSecret(tf, "migrations", secretName(service), namespace, "local.migrations");
      tf.append('\n');
    }
    tf.append(
        """
        output "host" {
          value = local.host
        }

        output "port" {
          value = "5432"
        }

        output "dbname" {
          value = local.dbname
        }

        output "username" {
          value = local.migrator_user
        }

        output "password" {
          value     = local.migrator_pass
          sensitive = true
        }

        output "uri" {
          value     = local.migrations.uri
          sensitive = true
        }

        output "jdbc-uri" {
          value     = local.migrations["jdbc-uri"]
          sensitive = true
        }
        """);
    return tf.toString();
  }

  private static void bouncer(StringBuilder tf, PlanetScale.Bouncer b) {
    tf.append("\n# The app connects through this PgBouncer: port 6432, user \"<app user>|")
        .append(b.name())
        .append("\".\n");
    tf.append(
        """
        resource "planetscale_postgres_bouncer" "app" {
          organization = planetscale_postgres_branch.this.organization
          database     = planetscale_postgres_branch.this.database
          branch       = planetscale_postgres_branch.this.name
        """);
    attribute(tf, "  name         = ", string(b.name()));
    attribute(tf, "  target       = ", string(b.target()));
    b.size().ifPresent(v -> attribute(tf, "  bouncer_size = ", string(v)));
    b.replicasPerCell()
        .ifPresent(v -> attribute(tf, "\n  replicas_per_cell = ", Integer.toString(v)));
    if (!b.parameters().isEmpty()) {
      tf.append("  parameters = {\n    pgbouncer = {\n");
      entries(tf, "      ", b.parameters());
      tf.append("    }\n  }\n");
    }
    tf.append("}\n");
  }

  private static void backupPolicy(StringBuilder tf, PlanetScale.BackupPolicy p) {
    tf.append(
        """

        resource "planetscale_postgres_backup_policy" "this" {
          organization    = planetscale_postgres_branch.this.organization
          database        = planetscale_postgres_branch.this.database
        """);
    attribute(tf, "  name            = ", string(p.name()));
    attribute(tf, "  target          = ", string(p.target()));
    attribute(tf, "  frequency_value = ", Integer.toString(p.frequencyValue()));
    attribute(tf, "  frequency_unit  = ", string(p.frequencyUnit().value()));
    attribute(tf, "  retention_value = ", Integer.toString(p.retentionValue()));
    attribute(tf, "  retention_unit  = ", string(p.retentionUnit().value()));
    p.scheduleTime().ifPresent(v -> attribute(tf, "  schedule_time   = ", string(v)));
    tf.append("}\n");
  }

  /** A {@code kubernetes_secret_v1} the module writes a connection into. */
  private static void kubernetesSecret(
      StringBuilder tf, String resource, String name, String namespace, String data) {
    tf.append("resource \"kubernetes_secret_v1\" \"").append(resource).append("\" {\n");
    tf.append("  metadata {\n");
    tf.append("    name      = \"").append(name).append("\"\n");
    tf.append("    namespace = \"").append(namespace).append("\"\n");
    tf.append("  }\n");
    tf.append("  data = ").append(data).append('\n');
    tf.append("}\n");
  }

  /** One attribute line: its aligned name (with {@code = }) and its HCL value. */
  private static void attribute(StringBuilder tf, String name, String value) {
    tf.append(name).append(value).append('\n');
  }

  /**
   * Keys and values of an HCL object, in order: a bare key when it is an identifier, every value a
   * string.
   */
  private static void entries(StringBuilder tf, String indent, Map<String, String> values) {
    values.forEach(
        (k, v) -> tf.append(indent).append(key(k)).append(" = ").append(string(v)).append('\n'));
  }

  private static String key(String key) {
    return IDENTIFIER.matcher(key).matches() ? key : string(key);
  }

  /**
   * An HCL quoted string: escapes, and <code>$${</code> / <code>%%{</code> so no template sequence
   * is read into it.
   */
  static String string(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean opensTemplate =
          (c == '$' || c == '%') && i + 1 < value.length() && value.charAt(i + 1) == '{';
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(opensTemplate ? String.valueOf(c) + c : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }
}
