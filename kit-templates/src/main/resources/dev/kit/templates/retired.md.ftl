<#assign they = objectStoreName??>
# Retired: ${service}<#if environment??> in ${environment}</#if>

<#if described>`${service}` no longer runs in environment `${environment}`, so kit deleted the manifests it generated for it there<#else>`${service}` is no longer in the kit description, so kit deleted the manifests it generated for it<#if environment??> in environment `${environment}`</#if></#if>, but not its database. <#if they>These objects carry<#else>This object carries</#if> `argocd.argoproj.io/sync-options: Prune=false,Delete=false`, so Argo CD never deletes <#if they>them<#else>it</#if> (deleting a CNPG Cluster deletes its volumes), and <#if they>they keep<#else>it keeps</#if> running until you retire <#if they>them<#else>it</#if> deliberately:

| kind | name | namespace |
|---|---|---|
| CNPG Cluster | `${clusterName}` | `${namespace}` |
<#if they>
| Barman Cloud ObjectStore | `${objectStoreName}` | `${namespace}` |
</#if>

kit keeps this file, and leaves your migrations alone, while the folder `${folder}/` exists.

## Retire it

<#if environment??>
Run these on environment `${environment}`'s cluster (its kubectl context) and its Argo CD.

</#if><#assign step = 1>
${step}. Check that nothing connects to it any more: `kubectl cnpg psql ${clusterName} -n ${namespace} -- -c "SELECT usename, application_name, client_addr FROM pg_stat_activity WHERE backend_type = 'client backend'"`.
<#assign step = step + 1>
<#if backupMethod??>
${step}. Take a last backup, `kubectl cnpg backup ${clusterName} -n ${namespace} --method ${backupMethod}`, and wait for phase `completed` in `kubectl -n ${namespace} get backups.postgresql.cnpg.io`.
<#else>
${step}. It has no backups: if its data may be needed again, keep a logical copy, `kubectl -n ${namespace} exec <primary-instance> -c postgres -- pg_dump -Fc -d ${database} > ${database}.dump` (`kubectl cnpg status ${clusterName} -n ${namespace}` names the primary).
</#if>
<#assign step = step + 1>
<#if applicationSetName??>
${step}. ApplicationSet `${applicationSetName}` keeps an Application `${service}` while this folder exists; it goes with the folder (the last step), and deleting it leaves objects with `Delete=false` in place.
<#else>
${step}. Delete the Argo CD Application: `argocd app delete ${argoApp}` (objects with `Delete=false` stay).
</#if>
<#assign step = step + 1>
${step}. `kubectl -n ${namespace} delete clusters.postgresql.cnpg.io ${clusterName}`: removes the instances and their volumes<#if backupDestination?? && !they>; the backups stay in `${backupDestination}` until you remove them there</#if>.
<#if they>
<#assign step = step + 1>
${step}. `kubectl -n ${namespace} delete objectstores.barmancloud.cnpg.io ${objectStoreName}`: the backups stay in `${backupDestination}` until you remove them there.
</#if>
<#assign step = step + 1>
<#if environment??>
${step}. Delete `${folder}/`, this file with it, and merge<#if described>.<#else>; once no environment's folder is left in `services/${service}/envs/`, delete `services/${service}/` and the migrations with it.</#if> Namespace `${namespace}` stays for anything else in it; delete it with `kubectl delete namespace ${namespace}` when it is empty.
<#else>
${step}. Delete `services/${service}/`, this file and the migrations with it, and merge. Namespace `${namespace}` stays for anything else in it; delete it with `kubectl delete namespace ${namespace}` when it is empty.
</#if>

<#if described>To keep it in `${environment}` instead, add `${environment}` back to the service's environments<#else>To keep the service instead, add it back to the description under the same name</#if>: kit generates the same Cluster again, Argo CD manages the running one again, and this file goes.
