${header}
# Atlas project file for the ${service} service. Run Atlas from services/${service}/:
#   atlas migrate validate --env local
#   atlas migrate apply --env local
# kit keeps ${migrationsDir}/atlas.sum up to date on every 'mvn kit:generate'.

# Your own database: kit never writes credentials, so the URL comes from the environment.
env "local" {
  url = getenv("DATABASE_URL")
  # A throwaway PostgreSQL ${postgresMajor} that Atlas starts to replay and lint migrations.
  dev = "docker://postgres/${postgresMajor}/dev"
  migration {
    dir              = "file://${migrationsDir}"
    revisions_schema = "${revisionsSchema}"
<#if baseline??>
    baseline         = "${baseline}"
</#if>
  }
}

# What ${runner} in the cluster: the uri of Secret ${secret},
# with sslmode=${sslMode}<#if caFile??> against ${ca} mounted at ${caFile}<#elseif ca??> against ${ca}</#if>.
<#if shippedAs??>
# The Job reads this file from its ConfigMap: atlas migrate apply --env ${clusterEnv} --config ${shippedAs}
</#if>
env "${clusterEnv}" {
  url = "${r"${"}getenv("DATABASE_URL")}?${urlQuery}"
  migration {
    dir              = "file:///migrations"
    revisions_schema = "${revisionsSchema}"
<#if baseline??>
    baseline         = "${baseline}"
</#if>
  }
}
<#if txMode??>
# The Job applies with --tx-mode ${txMode}; pass the same flag when you apply by hand.
</#if>
