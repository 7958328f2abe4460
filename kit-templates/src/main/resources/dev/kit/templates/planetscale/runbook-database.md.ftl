## Database

`${service}`'s database is branch `${branch}` of PlanetScale database `${database}` (organization `${organization}`), PostgreSQL ${postgresMajor}<#if clusterSize??>, cluster size `${clusterSize}`</#if><#if replicas??>, ${replicas} replica<#if replicas != "1">s</#if></#if>. PlanetScale runs it: the primary, its replicas, failover, PgBouncer and backups. kit writes the OpenTofu module `${module}` (the branch, roles `${migratorRole}` and `${appRole}`<#if bouncerName??>, PgBouncer `${bouncerName}`</#if><#if backupPolicy??>, backup policy `${backupPolicy}`</#if>)<#if workspace> and Workspace `${workspaceName}`, which runs it in the cluster (provider-opentofu, with the platform's ClusterProviderConfig `${providerConfig}`)<#else>; your own pipeline applies it (kit writes no Workspace)</#if>.<#if production> It is a production branch: `deletion_protected` and `prevent_destroy` refuse to delete it, since deleting the last branch deletes the database.</#if>

### Connect

| who | role | port | how |
|---|---|---|---|
| the migrations | role `${migratorRole}` (inherits `postgres`: may create and alter objects) | 5432, directly to PostgreSQL | `sslmode=verify-full` against the system's trusted roots (PlanetScale's certificates are publicly trusted) |
| the app | role `${appRole}` (inherits ${appRolesText}: data, no DDL) | 6432, through PgBouncer<#if bouncerName??> `${bouncerName}` (user `<role user>|${bouncerName}`)</#if> | `sslmode=verify-full`, the same roots; transaction pooling, so no session state across transactions |

The migrations' Secret `${secretName}` is <#if workspace>the Workspace's connection Secret (its outputs)<#else>written by the module</#if>, the app's `${appSecretName}` is written by the module; both in namespace `${namespace}`, with CloudNativePG's keys (`uri`, `jdbc-uri`, `host`, `port`, `dbname`, `username`, `password`). Their values are never shown here:

```sh
kubectl -n ${namespace} get secret ${appSecretName} -o go-template='{{range $k, $v := .data}}{{$k}}{{"\n"}}{{end}}'   # its keys, never their values
psql "$(kubectl -n ${namespace} get secret ${appSecretName} -o jsonpath='{.data.uri}' | base64 -d)?sslmode=verify-full&sslrootcert=system"
```

### Roles and rotation

Both roles belong to the module: PlanetScale shows a role's password once, at creation, and the module keeps it in its state and the Secret. Do not reset a password in the PlanetScale console: the Secret would keep the old one. Rotate by replacing the role: <#if workspace>add `-replace=planetscale_postgres_branch_role.app` to the Workspace's `spec.forProvider.applyArgs` with a patch (`Patch.set(Patch.Target.WORKSPACE, "/spec/forProvider/applyArgs", List.of("-replace=planetscale_postgres_branch_role.app"))`), merge, wait until the Workspace is Ready and the app has restarted with the new Secret, then remove the patch<#else>`tofu apply -replace=planetscale_postgres_branch_role.app` in your pipeline, then restart the app</#if>. The migrator owns the objects the migrations created; its replacement hands them to the `successor` set in the module (`postgres`) before the old role is dropped.

### Scaling

Change `clusterSize(...)` or `replicas(...)` in the description, run `mvn kit:generate` and merge: the module changes and <#if workspace>the Workspace applies it<#else>your pipeline applies it</#if>; PlanetScale resizes the cluster online. PgBouncer<#if bouncerName??> `${bouncerName}`</#if> scales with `bouncer(b -> b.size(...).replicasPerCell(...))`.

### Backups and restore

<#if backupPolicy??>Backup policy `${backupPolicy}`: ${backupText}.<#else>PlanetScale's default backup schedule applies; set `backupPolicy(...)` in the description for another.</#if> PlanetScale keeps them; kit writes no ObjectStore or ScheduledBackup.
To restore, create a new branch from a backup (`backup_id`) or from a point in time (`restore_point`, for example `2025-03-01T12:00:00Z`) with the PlanetScale console or CLI, or with a module of your own: never add either to this branch's resource, as both replace the branch (which `prevent_destroy` refuses). Check the restored branch, then copy what you need back, or move the service to it deliberately (as when moving from CloudNativePG: README, "Move a service to PlanetScale").

### Failover

PlanetScale fails over by itself to a replica in another availability zone; PgBouncer holds queries during the switch, so the app sees a short pause rather than errors. There is nothing to do in the cluster: check PlanetScale's console and status page, and the app's connection errors.

### Troubleshooting the Workspace

<#if workspace>
```sh
kubectl -n ${namespace} get workspace ${workspaceName}           # SYNCED and READY True: the module is applied
kubectl -n ${namespace} describe workspace ${workspaceName}      # conditions: Synced False has OpenTofu's error; events
kubectl get providers.pkg.crossplane.io provider-opentofu       # INSTALLED and HEALTHY True
kubectl -n ${crossplaneNamespace} logs -l pkg.crossplane.io/provider=provider-opentofu --tail=100   # the tofu runs
kubectl -n ${crossplaneNamespace} get secret ${tokenSecret}      # the PlanetScale service token (keys id, token), created by the platform team
kubectl -n ${crossplaneNamespace} get secrets | grep tfstate-    # the OpenTofu state, one Secret per Workspace
```

Argo CD waits at wave -2 while the Workspace is not Ready (kit's `argocd-cm` check), so the migration Job never runs before `${secretName}` exists. `Synced False` with `cannot apply tofu configuration` is an OpenTofu error: the PlanetScale token (Secret `${tokenSecret}`), an attribute PlanetScale refuses, or `prevent_destroy` refusing a change that would replace the branch (such as a new branch name or region): revert that change.
<#else>
Your pipeline applies the module; the Secret `${secretName}` must exist before the first sync, or the migration Job's pod waits (`CreateContainerConfigError`) until it does and fails after its deadline.

```sh
kubectl -n ${namespace} get secret ${secretName}     # written by the module's kubernetes_secret_v1
```
</#if>
