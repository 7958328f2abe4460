${header}
# PlanetScale Postgres for the ${service} service: the branch, a migrator role (DDL, used only by the
# migration Job), an app role (${appRolesText}) and their connection outputs.
<#if workspace>
# Applied by the Crossplane Workspace ${workspaceName} (manifests/workspace.yaml holds this exact text); its
# ProviderConfig adds the planetscale provider block (service token from a Secret) and the kubernetes state backend.
<#else>
# Applied by your own pipeline (kit writes no Workspace): configure the planetscale provider (PLANETSCALE_SERVICE_TOKEN_ID
# and PLANETSCALE_SERVICE_TOKEN), the kubernetes provider and a remote state backend there. The module writes the
# Secret ${secretName} in namespace ${namespace} that the migration Job and the app read.
</#if>

terraform {
  required_providers {
    planetscale = {
      source  = "planetscale/planetscale"
      version = "${providerVersion}"
    }
<#if !workspace>
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "${kubernetesProviderVersion}"
    }
</#if>
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
resource "planetscale_postgres_branch_role" "migrator" {
  organization    = planetscale_postgres_branch.this.organization
  database        = planetscale_postgres_branch.this.database
  branch          = planetscale_postgres_branch.this.name
  name            = ${migratorRole}
  inherited_roles = ["postgres"]
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
  app_username  = <#if bouncer>"${r"${"}planetscale_postgres_branch_role.app.username}|${r"${"}planetscale_postgres_bouncer.app.name}"<#else>planetscale_postgres_branch_role.app.username</#if>
  database_name = planetscale_postgres_branch_role.app.database_name
}

# The connection (${secretName}): the Job connects directly on 5432 as the migrator, the app through PgBouncer on 6432.
output "host" {
  value = local.host
}

output "port" {
  value = "5432"
}

output "pooler_port" {
  value = "6432"
}

output "database" {
  value = local.database_name
}

output "migrator_username" {
  value = planetscale_postgres_branch_role.migrator.username
}

output "migrator_password" {
  value     = planetscale_postgres_branch_role.migrator.password
  sensitive = true
}

output "app_username" {
  value = local.app_username
}

output "app_password" {
  value     = planetscale_postgres_branch_role.app.password
  sensitive = true
}
<#if !workspace>

resource "kubernetes_secret_v1" "connection" {
  metadata {
    name      = "${secretName}"
    namespace = "${namespace}"
  }
  data = {
    host              = local.host
    port              = "5432"
    pooler_port       = "6432"
    database          = local.database_name
    migrator_username = planetscale_postgres_branch_role.migrator.username
    migrator_password = planetscale_postgres_branch_role.migrator.password
    app_username      = local.app_username
    app_password      = planetscale_postgres_branch_role.app.password
  }
}
</#if>
