${header}
# PlanetScale Postgres for the ${service} service: the branch, a migrator role (DDL, used only by the
# migration Job), an app role (${appRolesText}) and their connection outputs.
<#if workspace>
# Applied by the Crossplane Workspace ${workspaceName} (its manifest holds this exact text); its ClusterProviderConfig
# adds the provider blocks (the PlanetScale service token from a Secret) and the kubernetes state backend.
<#else>
# Applied by your own pipeline (kit writes no Workspace): configure the planetscale provider (PLANETSCALE_SERVICE_TOKEN_ID
# and PLANETSCALE_SERVICE_TOKEN), the kubernetes provider and a remote state backend there. The module writes the
# Secrets ${secretName} (the migrations') and ${appSecretName} (the app's) in namespace ${namespace}.
</#if>

terraform {
  required_providers {
    planetscale = {
      source  = "planetscale/planetscale"
      version = "${providerVersion}"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "${kubernetesProviderVersion}"
    }
  }
}

resource "planetscale_postgres_branch" "this" {
  organization  = ${organization}
  database      = ${database}
  name          = ${branch}
<#if clusterSize??>
  cluster_size  = ${clusterSize}
</#if>
  major_version = "${postgresMajor}"
<#if region??>
  region        = ${region}
</#if>
<#if parentBranch??>
  parent_branch = ${parentBranch}
</#if>
<#if replicas??>
  replicas      = ${replicas}
</#if>
<#if parameters?has_content>
  parameters = {
<#list parameters as namespace, values>
    ${namespace} = {
<#list values as name, value>
      ${name} = ${value}
</#list>
    }
</#list>
  }
</#if>
<#if production>

  # A production branch: destroying the last branch of a database deletes the database.
  deletion_protected = true
  lifecycle {
    prevent_destroy = true
  }
</#if>
}

# Runs the migrations only: it inherits the branch's default postgres role, which may create and alter objects.
# It owns what the migrations create; replaced (password rotation), it hands that to postgres before it is dropped.
resource "planetscale_postgres_branch_role" "migrator" {
  organization    = planetscale_postgres_branch.this.organization
  database        = planetscale_postgres_branch.this.database
  branch          = planetscale_postgres_branch.this.name
  name            = ${migratorRole}
  inherited_roles = ["postgres"]
  successor       = "postgres"
}

# The application's role: least privilege, no DDL.
resource "planetscale_postgres_branch_role" "app" {
  organization    = planetscale_postgres_branch.this.organization
  database        = planetscale_postgres_branch.this.database
  branch          = planetscale_postgres_branch.this.name
  name            = ${appRole}
  inherited_roles = [${appRoles}]
}
<#if bouncer>

# The app connects through this PgBouncer: port 6432, user "<app user>|${bouncerNameText}".
resource "planetscale_postgres_bouncer" "app" {
  organization = planetscale_postgres_branch.this.organization
  database     = planetscale_postgres_branch.this.database
  branch       = planetscale_postgres_branch.this.name
  name         = ${bouncerName}
  target       = ${bouncerTarget}
<#if bouncerSize??>
  bouncer_size = ${bouncerSize}
</#if>
<#if bouncerReplicasPerCell??>

  replicas_per_cell = ${bouncerReplicasPerCell}
</#if>
<#if bouncerParameters?has_content>
  parameters = {
    pgbouncer = {
<#list bouncerParameters as name, value>
      ${name} = ${value}
</#list>
    }
  }
</#if>
}
</#if>
<#if backupPolicy>

resource "planetscale_postgres_backup_policy" "this" {
  organization    = planetscale_postgres_branch.this.organization
  database        = planetscale_postgres_branch.this.database
  name            = ${backupName}
  target          = ${backupTarget}
  frequency_value = ${backupFrequencyValue}
  frequency_unit  = ${backupFrequencyUnit}
  retention_value = ${backupRetentionValue}
  retention_unit  = ${backupRetentionUnit}
<#if backupScheduleTime??>
  schedule_time   = ${backupScheduleTime}
</#if>
}
</#if>

locals {
  host          = planetscale_postgres_branch_role.app.access_host_url
  dbname        = planetscale_postgres_branch_role.app.database_name
  migrator_user = planetscale_postgres_branch_role.migrator.username
  migrator_pass = planetscale_postgres_branch_role.migrator.password
  app_user      = <#if bouncer>"${r"${"}planetscale_postgres_branch_role.app.username}|${r"${"}planetscale_postgres_bouncer.app.name}"<#else>planetscale_postgres_branch_role.app.username</#if>
  app_pass      = planetscale_postgres_branch_role.app.password
  # The keys of CloudNativePG's app Secret, which the rest of kit reads: the migrations connect directly (5432),
  # the app through PgBouncer (6432); kit adds sslmode=verify-full to the URIs, which have no TLS settings.
  migrations = {
    host       = local.host
    port       = "5432"
    dbname     = local.dbname
    username   = local.migrator_user
    password   = local.migrator_pass
    uri        = "postgresql://${r"${"}urlencode(local.migrator_user)}:${r"${"}urlencode(local.migrator_pass)}@${r"${"}local.host}:5432/${r"${"}local.dbname}"
    "jdbc-uri" = "jdbc:postgresql://${r"${"}local.host}:5432/${r"${"}local.dbname}?user=${r"${"}urlencode(local.migrator_user)}&password=${r"${"}urlencode(local.migrator_pass)}"
  }
  app = {
    host       = local.host
    port       = "6432"
    dbname     = local.dbname
    username   = local.app_user
    password   = local.app_pass
    uri        = "postgresql://${r"${"}urlencode(local.app_user)}:${r"${"}urlencode(local.app_pass)}@${r"${"}local.host}:6432/${r"${"}local.dbname}"
    "jdbc-uri" = "jdbc:postgresql://${r"${"}local.host}:6432/${r"${"}local.dbname}?user=${r"${"}urlencode(local.app_user)}&password=${r"${"}urlencode(local.app_pass)}"
  }
}

# The app's connection: Secret ${appSecretName} in namespace ${namespace}, written by this module.
resource "kubernetes_secret_v1" "app" {
  metadata {
    name      = "${appSecretName}"
    namespace = "${namespace}"
  }
  data = local.app
}
<#if workspace>

# The migrations' connection: the Workspace writes these outputs into Secret ${secretName} (writeConnectionSecretToRef).
<#else>

# The migrations' connection: Secret ${secretName}, written by this module (with a Workspace, the outputs below).
resource "kubernetes_secret_v1" "migrations" {
  metadata {
    name      = "${secretName}"
    namespace = "${namespace}"
  }
  data = local.migrations
}

</#if>
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
