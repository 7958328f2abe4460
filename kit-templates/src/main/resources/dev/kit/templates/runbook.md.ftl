# Runbook: ${service}

On-call guide for `${service}`, generated from the kit description: change the description, not this file.
It uses `kubectl`, the [cnpg kubectl plugin](https://cloudnative-pg.io/documentation/current/kubectl-plugin/) and the `argocd` CLI.

## What runs

| what | where |
|---|---|
| namespace | `${namespace}` |
| Argo CD Application | `${argoApp}` (namespace `${argoNamespace}`, project `${argoProject}`), syncing `services/${service}/manifests/` |
| CNPG Cluster | `${clusterName}`: ${instances} instance<#if instances != 1>s (1 primary, ${instances - 1} replica<#if instances != 2>s</#if>)</#if>, PostgreSQL ${postgresMajor}<#if image??>, image `${image}`</#if> |
| storage per instance | ${storageSize} data<#if storageClass??> (class `${storageClass}`)</#if><#if walStorageSize??>, ${walStorageSize} WAL<#if walStorageClass??> (class `${walStorageClass}`)</#if></#if> |
| database | `${databaseName}`, owned by `${databaseOwner}` |
| Secrets | `${clusterName}-app` (keys `uri`, `host`, `port`, `dbname`, `user`, `password`), `${clusterName}-ca` (cluster CA)<#if superuserAccess>, `${clusterName}-superuser`</#if> |
| Services | `${clusterName}-rw` (primary), `${clusterName}-ro` (replicas), `${clusterName}-r` (any instance) |
<#if restoredFrom??>
| bootstrapped from | backups of ${restoredFrom}<#if restorePointInTime??>, recovered up to ${restorePointInTime}</#if> |
</#if>
<#if pooler>
| PgBouncer | Pooler `${poolerRw}` to the primary<#if poolerRo??>, `${poolerRo}` to the replicas</#if>; ${poolerInstances} pod<#if poolerInstances != 1>s</#if> each<#if poolMode??>, ${poolMode} pooling</#if> |
</#if>
<#if backups>
| backups | to `${backupDestination}` with <#if legacyBackups>the in-tree `barmanObjectStore` (deprecated in favour of the Barman Cloud plugin)<#else>the Barman Cloud plugin, ObjectStore `${objectStoreName}`</#if>; credentials: ${backupCredentials}<#if backupSchedule??>; base backup on cron `${backupSchedule}` (seconds first)</#if><#if retentionPolicy??>; kept ${retentionPolicy}</#if> |
</#if>
<#if monitoring>
| monitoring | PodMonitor `${podMonitorName}`, PrometheusRule `${prometheusRuleName}` (see Alerts) |
</#if>
<#if migrations>
| migrations | Atlas Job `${jobName}`, SQL in `services/${service}/${migrationsDir}/` |
</#if>
<#if app>
| app | Deployment and Service `${appName}`: image `${appImage}`, ${appReplicas} replica<#if appReplicas != 1>s</#if>, port ${appPort}; <#if appConnection == "pooler">libpq `PG*` variables, `PGHOST` the Pooler `${poolerRw}`, the rest from `${clusterName}-app`<#elseif appConnection == "parts">libpq `PG*` variables from `${clusterName}-app`, to `${clusterName}-rw`<#else>`DATABASE_URL` from `${clusterName}-app` key `uri`, to `${clusterName}-rw`</#if> |
</#if>

## How it deploys

Argo CD applies one sync wave at a time and starts the next only when everything in the current one is healthy:

<#if objectStoreName??>
- wave -3: ObjectStore `${objectStoreName}`, so the cluster has somewhere to archive from its first minute;
</#if>
- wave -2: Cluster `${clusterName}`<#if migrations> and ConfigMap `${migrationsConfigMap}` (`-2`, `-3`… for long histories)</#if>: the database is healthy before anything uses it;
<#if migrations || pooler>
- wave -1: <#if migrations>Job `${jobName}`, a Sync hook re-created on every sync, migrates the schema<#if pooler>; </#if></#if><#if pooler>the Pooler<#if poolerRo??>s</#if></#if>: all in place before the app;
</#if>
- wave 0: <#if app>Deployment and Service `${appName}`, </#if>any manifests of yours in `manifests/app/`<#if backupSchedule??>, ScheduledBackup `${scheduledBackupName}`</#if><#if monitoring>, PodMonitor `${podMonitorName}` and PrometheusRule `${prometheusRuleName}`</#if>.

A Cluster that does not become healthy stops the sync at wave -2<#if migrations>, a failed migration fails it at wave -1</#if>: the running app keeps its previous version.
Argo CD self-heals: edits made with `kubectl` are reverted, so change the description and merge instead.

```sh
argocd app get ${argoApp}        # sync status, health, last operation
argocd app sync ${argoApp}       # sync now<#if migrations> (runs the migration Job again)</#if>
kubectl -n ${namespace} get clusters.postgresql.cnpg.io ${clusterName}
```

## Health checks

```sh
kubectl cnpg status ${clusterName} -n ${namespace}      # health, primary<#if instances gt 1>, replication</#if><#if backups>, WAL archiving</#if>, certificates
kubectl -n ${namespace} get pods -l cnpg.io/cluster=${clusterName}
kubectl cnpg logs cluster ${clusterName} -n ${namespace} --tail 100
<#if pooler>
kubectl -n ${namespace} get deployments ${poolerRw}<#if poolerRo??> ${poolerRo}</#if>
</#if>
<#if app>
kubectl -n ${namespace} rollout status deployment/${appName}
</#if>
```

Healthy: `Cluster in healthy state` and ${instances} ready instance<#if instances != 1>s</#if>.

## Connect

```sh
kubectl cnpg psql ${clusterName} -n ${namespace} -- -d ${databaseName}             # psql as postgres on the primary
<#if instances gt 1>
kubectl cnpg psql ${clusterName} -n ${namespace} --replica -- -d ${databaseName}   # on a replica, read-only
</#if>
```

`kubectl cnpg psql` runs as the `postgres` superuser inside the pod: read first, write only when you must.
As the application's user<#if pooler>, through PgBouncer (or `svc/${clusterName}-rw` to bypass it)</#if>:

```sh
kubectl -n ${namespace} port-forward svc/<#if pooler>${poolerRw}<#else>${clusterName}-rw</#if> 5432:5432
PGPASSWORD="$(kubectl -n ${namespace} get secret ${clusterName}-app -o jsonpath='{.data.password}' | base64 -d)" \
  psql "host=127.0.0.1 port=5432 dbname=${databaseName} user=${databaseOwner}"
```
<#if migrations>

## Migrations

- SQL lives in `services/${service}/${migrationsDir}/<version>_<name>.sql`. New one: `mvn kit:new-migration -Dname=add_something -Dservice=${service}`; commit it with the regenerated `atlas.sum` and ConfigMap.
- Every sync runs Job `${jobName}` (`atlas migrate apply`: idempotent, holds an advisory lock) against `${clusterName}-rw` with the `uri` of `${clusterName}-app` and `sslmode=${sslMode}`. It retries ${backoffLimit} time<#if backoffLimit != 1>s</#if> and is stopped after ${activeDeadlineSeconds}s.
<#if baseline??>
- Baseline `${baseline}`: on a database that already had the schema, versions up to it count as applied.
</#if>
- Logs: `kubectl -n ${namespace} logs job/${jobName}`; every attempt: `kubectl -n ${namespace} get pods -l job-name=${jobName}`. The Job stays until the next sync replaces it.
- Applied versions: `kubectl cnpg psql ${clusterName} -n ${namespace} -- -d ${databaseName} -c 'SELECT version, description, applied, total, error FROM ${revisionsSchema}.atlas_schema_revisions ORDER BY version'`

When the Job fails:

1. Read its log: it names the file and the statement that failed.
2. Fix forward with a new migration. Never edit a merged one: databases that already ran it would differ from new ones, and `mvn kit:check` rejects the change.
3. Merge. Argo CD syncs the new revision (or run `argocd app sync ${argoApp}`) and the hook runs again.

<#if txMode == "none">
The Job runs with `--tx-mode none`: a failed file may have applied part of its statements, so check the schema before writing the fix.
<#elseif txMode == "all">
The Job runs with `--tx-mode all`: a failure rolls back every file of that run.
<#else>
Each file runs in its own transaction, so a failed file leaves nothing behind, unless it starts with `-- atlas:txmode none`: then check what it applied before writing the fix.
</#if>

`checksum mismatch` (or "You have a checksum error in your migration directory") means `atlas.sum` does not match the SQL files: one was added or changed without regenerating. Run `mvn kit:generate` and commit. If a merged migration was changed, revert that change and put it in a new migration.
</#if>
<#if backups>

## Backups and restore

```sh
<#if legacyBackups>
kubectl cnpg backup ${clusterName} -n ${namespace} --method barmanObjectStore    # on demand, before a risky change
<#else>
kubectl cnpg backup ${clusterName} -n ${namespace} --method plugin --plugin-name barman-cloud.cloudnative-pg.io    # on demand, before a risky change
</#if>
kubectl -n ${namespace} get backups.postgresql.cnpg.io                   # phase and error of each backup
<#if backupSchedule??>
kubectl -n ${namespace} get scheduledbackups.postgresql.cnpg.io ${scheduledBackupName}    # time of the last scheduled backup
</#if>
<#if legacyBackups>
kubectl -n ${namespace} get clusters.postgresql.cnpg.io ${clusterName} -o jsonpath='{.status.firstRecoverabilityPoint} {.status.lastSuccessfulBackup}'
<#else>
kubectl -n ${namespace} get objectstores.barmancloud.cnpg.io ${objectStoreName} -o jsonpath='{.status.serverRecoveryWindow}'    # restorable window
</#if>
```

A restore never overwrites `${clusterName}`: it bootstraps a new cluster from the backups. Add a service to the description, generate and merge:

```java
.service("${service}-restore", s -> s.namespace("${namespace}").withoutMigrations()
    .database(db -> db.postgresMajor(${postgresMajor}).storage("${storageSize}")
        .restore(Restore.fromService("${service}").pointInTime(Instant.parse("YYYY-MM-DDThh:mm:ssZ")))))
```

Leave out `pointInTime` to recover to the end of the archived WAL; a point in time must lie inside the restorable window.
Check the data with `kubectl cnpg psql ${service}-restore-cluster -n ${namespace}` before anything points at it.
</#if>

## Failover and maintenance

<#if instances gt 1>
CNPG promotes a replica by itself when the primary fails; `${clusterName}-rw` follows the new primary. Instance names are in `kubectl cnpg status`.

- Switchover, e.g. before draining a node: `kubectl cnpg promote ${clusterName} <replica-instance> -n ${namespace}`
<#else>
With one instance there is no replica to fail over to: while the primary pod is down the database is down (its data stays on the volume).

</#if>
<#if instances gt 1>
- Rolling restart of all instances: `kubectl cnpg restart ${clusterName} -n ${namespace}`; one instance: `kubectl cnpg restart ${clusterName} <instance> -n ${namespace}`
<#else>
- Restart: `kubectl cnpg restart ${clusterName} -n ${namespace}` (downtime while PostgreSQL restarts)
</#if>
<#if supervised>
- Updates are supervised: in a rolling update (new image, a setting that needs a restart, an operator upgrade) CNPG updates the replicas, then waits in phase `Waiting for user action` (Argo CD shows the Cluster Degraded and the sync waits at wave -2). Finish it with <#if instances gt 1>a switchover to an updated replica, `kubectl cnpg promote ${clusterName} <replica-instance> -n ${namespace}`, or </#if>an in-place restart of the primary, `kubectl cnpg restart ${clusterName} <primary-instance> -n ${namespace}`.
</#if>
<#if monitoring>

## Alerts

<#if instances gt 1>
- **Replication lag** (a replica more than ${replicationLagThreshold} behind for ${alertFor}): `kubectl cnpg status` shows the lag per replica; look for long transactions or a write burst on the primary, and disk or network pressure on the replica's node.
- **Replica down** (fewer than ${instances - 1} streaming replica<#if instances != 2>s</#if> for ${alertFor}, or no primary reporting metrics): `kubectl cnpg status` lists instances and streaming replicas; `kubectl -n ${namespace} describe pod <instance>` shows scheduling, volume and node problems.
</#if>
<#if backups>
- **WAL archiving failing** (a failure within ${archiveFailureWindow} and no success since): `kubectl cnpg status` shows the last failed WAL; `kubectl -n ${namespace} logs <primary-instance> -c <#if legacyBackups>postgres<#else>plugin-barman-cloud</#if>` shows why (credentials, bucket, network). Unarchived WAL piles up on the primary's volume: fix it before the disk fills.
- **Last backup too old** (newest base backup older than ${lastBackupMaxAge}, or none completed yet): `kubectl -n ${namespace} get backups.postgresql.cnpg.io` for failed backups and their error, then take one on demand.
</#if>
<#if !(instances gt 1) && !backups>
No alert applies yet: replication alerts need more than one instance, backup alerts need backups.
</#if>
</#if>

## Data safety

Cluster `${clusterName}`<#if objectStoreName??> and ObjectStore `${objectStoreName}` carry<#else> carries</#if> `argocd.argoproj.io/sync-options: Prune=false,Delete=false`: deleting a CNPG Cluster deletes its volumes, so removing a line from the description or deleting the Application never deletes data. Argo CD skips the prune and reports the app out of sync instead.

Deleting the database is deliberate and by hand:

<#if backups>
1. Take a last backup (above) and check it completed.
</#if>
<#if backups>2<#else>1</#if>. Remove the service from the description, run `mvn kit:generate`, merge, and delete the Application: `argocd app delete ${argoApp}` (objects with `Delete=false` stay).
<#if backups>3<#else>2</#if>. `kubectl -n ${namespace} delete clusters.postgresql.cnpg.io ${clusterName}`: removes the instances and their volumes.
<#if objectStoreName??>
4. `kubectl -n ${namespace} delete objectstores.barmancloud.cnpg.io ${objectStoreName}`: the backups stay in `${backupDestination}` until removed there.
</#if>
