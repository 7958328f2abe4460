package dev.kit.validate;

import static dev.kit.validate.KubernetesNames.isLowerAlphanumeric;
import static dev.kit.validate.Violations.quote;
import static dev.kit.validate.Violations.safeExample;
import static dev.kit.validate.Violations.shown;

import dev.kit.model.App;
import dev.kit.model.Backups;
import dev.kit.model.Bootstrap;
import dev.kit.model.Database;
import dev.kit.model.DatabaseHost;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.PlanetScale;
import dev.kit.model.Pooler;
import dev.kit.model.PostgresImages;
import dev.kit.model.Restore;
import dev.kit.model.S3Credentials;
import dev.kit.model.Service;
import dev.kit.render.CronSchedule;
import dev.kit.render.DatabaseProvider;
import dev.kit.render.DatabaseProviders;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database of a service. A CloudNativePG cluster: its name, image, storage, parameters,
 * application database, backups, restore and pooler, and what CloudNativePG's webhook would reject
 * ({@link CnpgClusterRules}).
 */
final class DatabaseRules {

  /**
   * Longest CNPG cluster name: CNPG's webhook rejects longer ones, leaving room for what it derives
   * ({@code -rw}, {@code -ro}, {@code -r}, {@code -app}, {@code -ca}, instance pods and their
   * volumes).
   */
  static final int CLUSTER_NAME_MAX = 50;

  private static final Set<String> RESERVED_DATABASES =
      Set.of("postgres", "template0", "template1");
  private static final Set<String> RESERVED_ROLES = Set.of("postgres", "streaming_replica");

  /** An extension's name as {@code CREATE EXTENSION} takes it unquoted, and {@code uuid-ossp}. */
  private static final Pattern EXTENSION = Pattern.compile("[a-z][a-z0-9_-]*");

  private static final Pattern WITHOUT_BARMAN_CLOUD =
      Pattern.compile("(^|[-._])(standard|minimal)([-._]|$)");
  private static final Pattern MAJOR_TAG = Pattern.compile("(\\d+)([^0-9].*)?");
  private static final Pattern HTTP_URL = Pattern.compile("https?://[^\\s/]+(/\\S*)?");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /** An IAM role in any AWS partition: a path of segments, then a name of up to 64 characters. */
  private static final Pattern IAM_ROLE_ARN =
      Pattern.compile("arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");

  private DatabaseRules() {}

  // The rules every service meets are scanned rather than matched with regular expressions, which
  // in a cold JVM are interpreted, then compiled, a hundred times over (PROFILE.md, section 14);
  // DatabaseRulesTest compares each with the regular expression it replaces.

  /** Whether {@code key} is {@code [a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?}. */
  static boolean isParameterName(String key) {
    int dot = key.indexOf('.');
    return dot < 0
        ? KubernetesNames.isSqlIdentifier(key, 0, key.length())
        : KubernetesNames.isSqlIdentifier(key, 0, dot)
            && KubernetesNames.isSqlIdentifier(key, dot + 1, key.length());
  }

  /**
   * Whether {@code path} is {@code s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/\S*)?}: a bucket name,
   * then optionally a folder without whitespace.
   */
  static boolean isS3Path(String path) {
    String scheme = "s3://";
    if (!path.startsWith(scheme)) {
      return false;
    }
    int slash = path.indexOf('/', scheme.length());
    int bucketEnd = slash < 0 ? path.length() : slash;
    int bucketLength = bucketEnd - scheme.length();
    if (bucketLength < 3
        || bucketLength > 63
        || !isLowerAlphanumeric(path.charAt(scheme.length()))
        || !isLowerAlphanumeric(path.charAt(bucketEnd - 1))) {
      return false;
    }
    for (int at = scheme.length(); at < bucketEnd; at++) {
      char c = path.charAt(at);
      if (!isLowerAlphanumeric(c) && c != '.' && c != '-') {
        return false;
      }
    }
    for (int at = bucketEnd; at < path.length(); at++) {
      if (" \t\n\u000B\f\r".indexOf(path.charAt(at)) >= 0) {
        return false; // \s of a regular expression
      }
    }
    return true;
  }

  /** Whether {@code policy} is {@code [1-9][0-9]*[dwm]}. */
  static boolean isRetentionPolicy(String policy) {
    int last = policy.length() - 1;
    if (last < 1 || policy.charAt(0) == '0' || "dwm".indexOf(policy.charAt(last)) < 0) {
      return false;
    }
    for (int at = 0; at < last; at++) {
      if (policy.charAt(at) < '0' || policy.charAt(at) > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * CNPG's {@code standard} and {@code minimal} images leave Barman Cloud to the plugin's sidecar.
   */
  private static void inTreeImage(
      Kit kit, String path, Service service, String image, Violations violations) {
    String system =
        PostgresImages.system(service.database().postgresMajor())
            .map(i -> " such as " + quote(i))
            .orElse("");
    if (service.database().backups().filter(Backups::legacyInTree).isPresent()) {
      violations.add(
          path + ".imageName",
          quote(image)
              + " has no Barman Cloud, which the in-tree barmanObjectStore runs inside the instances",
          "use a system image" + system + ", or back up through the plugin: drop legacyInTree()");
    } else {
      String source = kit.restoreSource(service).orElseThrow().name();
      violations.add(
          path + ".imageName",
          quote(image)
              + " has no Barman Cloud, which recovery from the in-tree barmanObjectStore of service "
              + quote(source)
              + " runs inside the instances",
          "use a system image"
              + system
              + ", or move the backups of service "
              + quote(source)
              + " to the plugin");
    }
  }

  /**
   * Whether {@code service}'s database is a CloudNativePG Cluster, which the rules below are about.
   */
  static boolean cloudNativePg(Service service) {
    // By type, as CloudNativePgProvider asks: a record's first equals call costs a cold run ~50 ms.
    return service.database().host() instanceof DatabaseHost.CloudNativePg;
  }

  static void check(Kit kit, String path, Service service, Instant now, Violations violations) {
    if (!cloudNativePg(service)) {
      elsewhere(kit, path, service, violations);
      return;
    }
    Database db = service.database();
    // Plain ifs rather than lambdas, as in ServiceRules: each lambda spins a class in a cold run.
    if (db.clusterName().isPresent()) {
      String cluster = db.clusterName().get();
      Optional<String> problem = KubernetesNames.dns1035Label(cluster, CLUSTER_NAME_MAX);
      if (problem.isPresent()) {
        violations.add(
            path + ".clusterName",
            shown(cluster, "the name") + " " + problem.get(),
            "CNPG derives <cluster>-rw, -ro, -r, -app and -ca from it; use at most "
                + CLUSTER_NAME_MAX
                + " characters such as \""
                + safeExample(service.name())
                + "-cluster\"");
      }
    }
    if (db.instances() < 1) {
      violations.add(
          path + ".instances",
          db.instances() + " is less than 1",
          "use 1 for a single instance, 3 for a primary and two replicas");
    }
    String exampleTag =
        PostgresImages.minor(db.postgresMajor()).orElse(db.postgresMajor() + ".1")
            + "-standard-trixie";
    if (db.imageName().isEmpty()) {
      if (PostgresImages.standard(db.postgresMajor()).isEmpty()) {
        violations.add(
            path + ".postgresMajor",
            "PostgreSQL " + db.postgresMajor() + " is not a major kit knows",
            "use one of "
                + PostgresImages.knownMajors()
                + ", or set imageName(...) to a CNPG operand image");
      }
    } else {
      String image = db.imageName().get();
      // Credentials first: a reference refused for its format is quoted, and a password must not
      // be.
      Optional<ImageReference> ref = ImageReference.parse(image);
      if (CredentialLiterals.holds(image)) {
        violations.add(path + ".imageName", "contains credentials", CredentialLiterals.IMAGE_FIX);
      } else if (ref.isEmpty()) {
        violations.add(
            path + ".imageName",
            shown(image, "the reference") + " " + ImageReference.problem(image),
            "use registry/repository:tag, such as \""
                + PostgresImages.standard(Database.DEFAULT_POSTGRES_MAJOR).orElseThrow()
                + "\"");
      } else if (ref.get().tag().isEmpty() || !ref.get().isPinned()) {
        violations.add(
            path + ".imageName",
            quote(image) + " has no version tag",
            "CNPG reads the PostgreSQL major from the tag; use a tag such as \""
                + exampleTag
                + "\"");
      } else {
        String tag = ref.get().tag().get();
        Matcher majorTag = MAJOR_TAG.matcher(tag);
        if (!majorTag.matches()) {
          violations.add(
              path + ".imageName",
              "tag " + quote(tag) + " does not start with a PostgreSQL major version",
              "CNPG reads the major from the tag; use a tag such as \"" + exampleTag + "\"");
        } else if (!majorTag.group(1).equals(String.valueOf(db.postgresMajor()))) {
          String major = majorTag.group(1);
          violations.add(
              path + ".imageName",
              "tag "
                  + quote(tag)
                  + " is PostgreSQL "
                  + major
                  + " but postgresMajor is "
                  + db.postgresMajor(),
              "set postgresMajor("
                  + major
                  + ") or use a PostgreSQL "
                  + db.postgresMajor()
                  + " image");
        } else if (kit.runsInTreeBarmanCloud(service) && WITHOUT_BARMAN_CLOUD.matcher(tag).find()) {
          inTreeImage(kit, path, service, image, violations);
        }
      }
    }
    violations.storage(path + ".storage", db.storage().orElseThrow());
    if (db.walStorage().isPresent()) {
      violations.storage(path + ".walStorage", db.walStorage().get());
    }
    if (db.resources().isPresent()) {
      violations.resources(path + ".resources", db.resources().get());
    }
    // Parameters whose value holds a credential, which no later check may quote.
    Set<String> credentials = new HashSet<>();
    for (Map.Entry<String, String> parameter : db.parameters().entrySet()) {
      String key = parameter.getKey();
      String parameterPath = path + ".parameters" + Violations.entry(key);
      if (!isParameterName(key)) {
        violations.add(
            parameterPath,
            shown(key, "the name") + " is not a PostgreSQL parameter name",
            "use the lower-case name from postgresql.conf");
      }
      if (violations.credential(
          parameterPath, key, parameter.getValue(), CredentialLiterals.PARAMETER_FIX)) {
        credentials.add(key);
      }
    }
    bootstrap(path, service, violations);
    extensionsAndSchemas(path, service, violations);
    if (db.antiAffinityTopologyKey().isPresent()) {
      String key = db.antiAffinityTopologyKey().get();
      violations.invalid(
          path + ".antiAffinityTopologyKey",
          key,
          KubernetesNames.labelKey(key),
          "use a node label such as \"topology.kubernetes.io/zone\" or \"kubernetes.io/hostname\"");
    }
    if (db.backups().isPresent()) {
      backups(path + ".backups", service, db.backups().get(), violations);
    }
    if (db.restore().isPresent()) {
      restore(kit, path, service, db.restore().get(), violations);
    }
    if (db.pooler().isPresent()) {
      boolean appThroughPooler =
          service.app().isPresent() && service.app().get().connection() == App.Connection.POOLER;
      pooler(path + ".pooler", service, db.pooler().get(), appThroughPooler, violations);
    }
    RoleRules.check(kit, path, service, violations);
    violations.addAll(CnpgClusterRules.check(path, service, credentials, now));
  }

  /**
   * A database kit does not run: none of the options that configure a CloudNativePG Cluster, each
   * named with the fix; its name and owner, its major; and its provider's own checks.
   */
  private static void elsewhere(Kit kit, String path, Service service, Violations violations) {
    Database db = service.database();
    DatabaseProvider provider = DatabaseProviders.of(service);
    String host = "the database is " + provider.name() + ", which kit does not run";
    Map<String, Boolean> cnpgOnly = new LinkedHashMap<>();
    cnpgOnly.put("clusterName", db.clusterName().isPresent());
    cnpgOnly.put("instances", db.instances() != 1);
    cnpgOnly.put("imageName", db.imageName().isPresent());
    cnpgOnly.put("storage", db.storage().isPresent());
    cnpgOnly.put("walStorage", db.walStorage().isPresent());
    cnpgOnly.put("resources", db.resources().isPresent());
    cnpgOnly.put("parameters", !db.parameters().isEmpty());
    cnpgOnly.put("superuserAccess", db.superuserAccess());
    cnpgOnly.put("antiAffinity", db.antiAffinityTopologyKey().isPresent());
    cnpgOnly.put("podDisruptionBudget", db.podDisruptionBudget().isPresent());
    cnpgOnly.put("primaryUpdateStrategy", db.primaryUpdateStrategy().isPresent());
    cnpgOnly.put("primaryUpdateMethod", db.primaryUpdateMethod().isPresent());
    cnpgOnly.forEach(
        (option, set) -> {
          if (set) {
            violations.add(
                path + "." + option,
                option + "(...) configures a CloudNativePG Cluster, but " + host,
                provider
                    .counterpart(option)
                    .orElse(
                        "remove "
                            + option
                            + "(...); whoever runs the database sizes and configures it"));
          }
        });
    // A CNPG Database object creates them; on a database kit does not run, someone else does.
    if (!db.extensions().isEmpty()) {
      madeByACnpgDatabase(path + ".extensions", "extension", host, provider, violations);
    }
    if (!db.schemas().isEmpty()) {
      madeByACnpgDatabase(path + ".schemas", "schema", host, provider, violations);
    }
    if (!db.roles().isEmpty()) {
      violations.add(
          path + ".roles",
          "role(...) is a role CloudNativePG manages in its Cluster, but " + host,
          provider
              .counterpart("role")
              .orElse("remove role(...); whoever runs the database creates its roles"));
    }
    db.backups()
        .ifPresent(
            b ->
                violations.add(
                    path + ".backups",
                    "backups(...) configures CloudNativePG's backups, but " + host,
                    provider
                        .counterpart("backups")
                        .orElse("remove backups(...); whoever runs the database backs it up")));
    db.restore()
        .ifPresent(
            r ->
                violations.add(
                    path + ".restore",
                    "restore(...) bootstraps a CloudNativePG Cluster, but " + host,
                    provider
                        .counterpart("restore")
                        .orElse("remove restore(...); restore the database where it runs")));
    db.pooler()
        .ifPresent(
            p ->
                violations.add(
                    path + ".pooler",
                    "pooler(...) is a CloudNativePG Pooler, but " + host,
                    provider
                        .counterpart("pooler")
                        .orElse(
                            "remove pooler(...), and connect the app with Connection.URI or Connection.PARTS")));
    service
        .monitoring()
        .ifPresent(
            m ->
                violations.add(
                    path.replaceFirst("\\.database$", "") + ".monitoring",
                    "monitoring(...) watches a CloudNativePG Cluster, but " + host,
                    provider
                        .counterpart("monitoring")
                        .orElse("remove monitoring(...); whoever runs the database monitors it")));
    if (PostgresImages.standard(db.postgresMajor()).isEmpty()) {
      violations.add(
          path + ".postgresMajor",
          "PostgreSQL " + db.postgresMajor() + " is not a major kit knows",
          "use one of "
              + PostgresImages.knownMajors()
              + ": the major of the database, which Atlas plans migrations on");
    }
    bootstrap(path, service, violations);
    provider.check(path, kit, service, violations);
    if (db.host() instanceof PlanetScale ps) {
      planetScaleParameters(path + ".planetScale", ps, violations);
    }
  }

  /** PlanetScale's parameters, which its module commits to Git, hold no credential. */
  private static void planetScaleParameters(String path, PlanetScale ps, Violations violations) {
    for (Map.Entry<String, Map<String, String>> namespace : ps.parameters().entrySet()) {
      for (Map.Entry<String, String> parameter : namespace.getValue().entrySet()) {
        violations.credential(
            path + ".parameters." + namespace.getKey() + "." + parameter.getKey(),
            parameter.getKey(),
            parameter.getValue(),
            CredentialLiterals.PARAMETER_FIX);
      }
    }
    if (ps.bouncer().isPresent()) {
      for (Map.Entry<String, String> parameter : ps.bouncer().get().parameters().entrySet()) {
        violations.credential(
            path + ".bouncer.parameters." + parameter.getKey(),
            parameter.getKey(),
            parameter.getValue(),
            CredentialLiterals.PARAMETER_FIX);
      }
    }
  }

  /** {@code extension(...)} or {@code schema(...)} on a database kit does not run. */
  private static void madeByACnpgDatabase(
      String path, String option, String host, DatabaseProvider provider, Violations violations) {
    Optional<String> counterpart = provider.counterpart(option);
    violations.add(
        path,
        option + "(...) makes a CloudNativePG Database that creates it, but " + host,
        counterpart.isPresent()
            ? counterpart.get()
            : "remove "
                + option
                + "(...); create it in a migration, or ask whoever runs the database");
  }

  /**
   * The extensions and schemas a CNPG Database creates: names PostgreSQL takes unquoted, schemas
   * not its own.
   */
  private static void extensionsAndSchemas(String path, Service service, Violations violations) {
    if (!service.database().schemas().isEmpty()
        && service.migrations().isPresent()
        && service.migrations().get().engine() == Migrations.Engine.OPERATOR
        && service.migrations().get().baseline().isEmpty()) {
      violations.add(
          path + ".schemas",
          "the CNPG Database creates them before the Atlas operator's first run, which Atlas then"
              + " refuses (\"connected database is not clean: found schema\"): the operator has no"
              + " --allow-dirty",
          "remove schema(...) and create the schema in the first migration (CREATE SCHEMA IF NOT"
              + " EXISTS ...), set baseline(...) to the version the database already holds, or run"
              + " migrations with the Job engine, which kit starts with --allow-dirty");
    }
    for (String e : service.database().extensions()) {
      if (!EXTENSION.matcher(e).matches()) {
        violations.add(
            path + ".extensions" + Violations.entry(e),
            shown(e, "the name") + " is not an extension name",
            "use the name CREATE EXTENSION takes, such as \"vector\"");
      }
    }
    for (String s : service.database().schemas()) {
      if (!KubernetesNames.isSqlIdentifier(s)
          || s.startsWith("pg_")
          || s.equals("information_schema")) {
        violations.add(
            path + ".schemas" + Violations.entry(s),
            shown(s, "the name") + " is not a usable schema name",
            "use a lower-case identifier such as \"reporting\" (not pg_* or information_schema)");
      }
    }
  }

  /** The application database and its owner: names PostgreSQL accepts and does not reserve. */
  private static void bootstrap(String path, Service service, Violations violations) {
    Optional<Bootstrap> bootstrap = service.database().bootstrap();
    if (bootstrap.isEmpty()) {
      return;
    }
    Bootstrap b = bootstrap.get();
    if (!KubernetesNames.isSqlIdentifier(b.database())
        || RESERVED_DATABASES.contains(b.database())) {
      violations.add(
          path + ".bootstrap.database",
          shown(b.database(), "the name") + " is not a usable database name",
          "use a lower-case identifier such as \""
              + safeExample(service.name()).replace('-', '_')
              + "\" (not postgres or template0/1)");
    }
    if (!KubernetesNames.isSqlIdentifier(b.owner()) || RESERVED_ROLES.contains(b.owner())) {
      violations.add(
          path + ".bootstrap.owner",
          shown(b.owner(), "the name") + " is not a usable role name",
          "use a lower-case identifier such as \""
              + safeExample(service.name()).replace('-', '_')
              + "\" (not postgres or streaming_replica)");
    }
  }

  private static void backups(String path, Service service, Backups b, Violations violations) {
    if (b.objectStoreName().isPresent()) {
      String name = b.objectStoreName().get();
      violations.invalid(
          path + ".objectStoreName",
          name,
          KubernetesNames.dns1123Subdomain(name),
          "use a lower-case name such as \"orders-backups\"");
    }
    if (CredentialLiterals.holds(b.destinationPath())) {
      violations.add(
          path + ".destinationPath",
          "contains credentials",
          "remove them and give the keys with S3Credentials.fromSecret(...)");
    } else if (b.destinationPath().indexOf('?') >= 0) {
      // A presigned URL pasted as the path: its signature would be written to Git.
      violations.add(
          path + ".destinationPath",
          "has a query string, which is no part of an S3 path and may carry a signed URL's"
              + " credentials (not shown)",
          "use s3://<bucket>/<folder>/ without '?', and give the keys with"
              + " S3Credentials.fromSecret(...)");
    } else if (!isS3Path(b.destinationPath())) {
      violations.add(
          path + ".destinationPath",
          shown(b.destinationPath(), "the path") + " is not an S3 path",
          "use s3://<bucket>/<folder>/, such as \"s3://acme-backups/orders/\"");
    }
    if (b.endpointUrl().isPresent()) {
      String url = b.endpointUrl().get();
      if (CredentialLiterals.holds(url)) {
        violations.add(
            path + ".endpointUrl",
            "contains credentials",
            "remove them and give the keys with S3Credentials.fromSecret(\"<secret>\", \"ACCESS_KEY_ID\", \"ACCESS_SECRET_KEY\")");
      } else if (!HTTP_URL.matcher(url).matches()) {
        violations.add(
            path + ".endpointUrl",
            shown(url, "the URL") + " is not an http(s) URL",
            "use the S3 endpoint, such as \"https://minio.storage:9000\"");
      }
    }
    if (b.endpointCa().isPresent()) {
      violations.secretKey(path + ".endpointCa", b.endpointCa().get());
    }
    if (b.region().isPresent()) {
      violations.secretKey(path + ".region", b.region().get());
    }
    if (b.credentials().isEmpty()) {
      violations.add(
          path + ".credentials",
          "is not set: Barman Cloud needs them to write to the bucket",
          "call credentials(S3Credentials.fromSecret(\"<secret>\", \"ACCESS_KEY_ID\","
              + " \"ACCESS_SECRET_KEY\")), credentials(S3Credentials.inheritFromIamRole(roleArn))"
              + " or credentials(S3Credentials.inheritFromPodIdentity())");
    } else if (b.credentials().get() instanceof S3Credentials.Keys keys) {
      violations.secretKey(path + ".credentials.accessKeyId", keys.accessKeyId());
      violations.secretKey(path + ".credentials.secretAccessKey", keys.secretAccessKey());
      if (keys.sessionToken().isPresent()) {
        violations.secretKey(path + ".credentials.sessionToken", keys.sessionToken().get());
      }
    }
    if (b.irsaRoleArn().isPresent() && !IAM_ROLE_ARN.matcher(b.irsaRoleArn().get()).matches()) {
      violations.add(
          path + ".credentials.roleArn",
          shown(b.irsaRoleArn().get(), "the value") + " is not an IAM role ARN",
          "use arn:aws:iam::<12-digit account id>:role/<name>, "
              + "the role IRSA lets service account "
              + service.clusterName()
              + " assume");
    }
    if (b.dataCompression().isPresent() && !b.dataCompression().get().supportsData()) {
      violations.add(
          path + ".dataCompression",
          b.dataCompression().get().value()
              + " is for WAL only; Barman Cloud cannot compress base backups with it",
          "use GZIP, BZIP2, LZ4 or SNAPPY for data");
    }
    if (b.retentionPolicy().isPresent() && !isRetentionPolicy(b.retentionPolicy().get())) {
      violations.add(
          path + ".retentionPolicy",
          shown(b.retentionPolicy().get(), "the value") + " is not a retention policy",
          "use a number and d, w or m, such as \"30d\"");
    }
    if (b.schedule().isPresent()) {
      String cron = b.schedule().get();
      Optional<String> problem = CronSchedule.problem(cron);
      if (problem.isPresent()) {
        violations.add(
            path + ".schedule",
            shown(cron, "the schedule") + " " + problem.get(),
            CronSchedule.isPadded(cron)
                ? "write it without them"
                    + (Violations.quotable(cron) ? ": \"" + cron.trim() + "\"" : "")
                : WHITESPACE.split(cron.trim()).length == 5
                    ? "add the seconds first: \"0 " + cron.trim() + "\""
                    : "use six fields, seconds first, such as \"0 0 2 * * *\" (02:00 every day)");
      } else if (CronSchedule.longestWait(cron).isEmpty()) {
        violations.add(
            path + ".schedule",
            quote(cron) + " never runs: no date has that day of the month in those months",
            "pick a day every month has, such as \"0 0 2 1 * *\" (02:00 on the 1st)");
      }
    }
  }

  /** {@code path} is the database's: a restore constrains its bootstrap and major too. */
  private static void restore(
      Kit kit, String databasePath, Service service, Restore restore, Violations violations) {
    String path = databasePath + ".restore";
    Database db = service.database();
    if (restore.source() instanceof Restore.ServiceBackups from) {
      Optional<Service> source = kit.service(from.service());
      if (from.service().equals(service.name())) {
        violations.add(
            path + ".source",
            "a cluster cannot restore from its own backups",
            "restore into a new service, such as \"" + service.name() + "-restore\"");
      } else if (source.isPresent() && !kit.environments().isEmpty()) {
        // As written, where services have environments: each environment's view checks the
        // source as it is resolved there (its backups may be an override of one environment).
        return;
      } else if (source.isEmpty()) {
        violations.add(
            path + ".source",
            "there is no service " + shown(from.service(), "of that name"),
            kit.environment().isPresent()
                ? "restore only where it runs, with onlyIn(...), or use Restore.fromObjectStore(...)"
                : "name a service of this description, or use Restore.fromObjectStore(...)");
      } else if (source.get().database().backups().isEmpty()) {
        violations.add(
            path + ".source",
            "service " + quote(from.service()) + " has no backups",
            kit.environment().isPresent()
                ? "restore only where it has them, with onlyIn(...), or give it backups(...) there"
                : "give it backups(...), or use Restore.fromObjectStore(...)");
      } else if (!source.get().namespace().equals(service.namespace())) {
        violations.add(
            path + ".source",
            "service "
                + quote(from.service())
                + " runs in namespace "
                + quote(source.get().namespace())
                + "; its ObjectStore is not visible from "
                + quote(service.namespace()),
            "put the restored service in namespace " + quote(source.get().namespace()));
      } else {
        restoredService(kit, databasePath, service, source.get(), violations);
      }
    } else if (restore.source() instanceof Restore.ObjectStoreBackups store) {
      violations.invalid(
          path + ".objectStore",
          store.objectStore(),
          KubernetesNames.dns1123Subdomain(store.objectStore()),
          "use the name of an ObjectStore in the namespace");
      violations.invalid(
          path + ".serverName",
          store.serverName(),
          KubernetesNames.dns1035Label(store.serverName(), CLUSTER_NAME_MAX),
          "use the name of the cluster that took the backups");
      intoItsSource(kit, path, service, store, violations);
      if (db.bootstrap().isEmpty()) {
        violations.add(
            databasePath + ".bootstrap",
            "is missing; a restore from an ObjectStore must name the database and owner in the backups, "
                + "or CNPG creates an empty database \"app\" and points "
                + service.clusterName()
                + "-app at it",
            "add bootstrap(\"<database>\", \"<owner>\") as "
                + (Violations.quotable(store.serverName())
                    ? "cluster " + quote(store.serverName())
                    : "the cluster")
                + " had them");
      }
    }
  }

  /**
   * A cluster that restores from the archive it would then archive into (its own ObjectStore, or
   * another service's at the same path, under its own name): Barman Cloud refuses to archive into
   * the filled folder, so WAL archiving fails from the first segment.
   */
  private static void intoItsSource(
      Kit kit,
      String path,
      Service service,
      Restore.ObjectStoreBackups store,
      Violations violations) {
    Optional<Backups> own = service.database().backups();
    if (own.isEmpty() || !store.serverName().equals(service.clusterName())) {
      return;
    }
    for (Service holder : kit.services()) {
      Optional<Backups> held = holder.database().backups();
      if (cloudNativePg(holder)
          && held.isPresent()
          && !held.get().legacyInTree()
          && holder.namespace().equals(service.namespace())
          && holder.objectStoreName().equals(store.objectStore())
          && BackupArchives.archive(held.get(), store.serverName())
              .equals(BackupArchives.archive(own.get(), service.clusterName()))) {
        violations.add(
            path + ".serverName",
            "the cluster would archive its WAL into the folder it restores from ("
                + shown(own.get().destinationPath(), "the destinationPath")
                + " with server name "
                + quote(store.serverName())
                + "), which Barman Cloud refuses as not empty",
            "restore into a cluster of another name, such as clusterName(\""
                + safeExample(service.clusterName())
                + "-2\"), or give this cluster's backups another path");
        return;
      }
    }
  }

  /**
   * A restore from {@code source}, a service with backups in the same namespace: same major, same
   * database, no cycle.
   */
  private static void restoredService(
      Kit kit, String databasePath, Service service, Service source, Violations violations) {
    Database db = service.database();
    if (db.postgresMajor() != source.database().postgresMajor()) {
      violations.add(
          databasePath + ".postgresMajor",
          db.postgresMajor()
              + " differs from PostgreSQL "
              + source.database().postgresMajor()
              + " of "
              + Violations.named("service", source.name())
              + "; a physical backup restores only into the same major",
          "set postgresMajor("
              + source.database().postgresMajor()
              + "), and upgrade the restored cluster afterwards");
    }
    Set<String> seen = new HashSet<>();
    for (Optional<Service> next = Optional.of(source);
        next.isPresent() && seen.add(next.get().name());
        next = kit.restoreSource(next.get())) {
      if (next.get().name().equals(service.name())) {
        violations.add(
            databasePath + ".restore.source",
            Violations.named("service", source.name())
                + " restores, in the end, from "
                + quote(service.name())
                + " itself: no cluster in the chain has data of its own",
            "bootstrap one of them without restore(...)");
        return;
      }
    }
    Optional<String> sourceRole = source.database().backups().flatMap(Backups::irsaRoleArn);
    Optional<String> ownRole = db.backups().flatMap(Backups::irsaRoleArn);
    if (sourceRole.isPresent() && ownRole.isPresent() && !sourceRole.equals(ownRole)) {
      violations.add(
          databasePath + ".restore.source",
          Violations.named("service", source.name())
              + " backs up with IAM role "
              + quote(sourceRole.get())
              + " and this cluster with "
              + quote(ownRole.get())
              + ", but service account "
              + service.clusterName()
              + " can assume one role",
          "use one role that reads the source's backups and writes this cluster's, or keys from a Secret for this cluster's backups");
    }
    Bootstrap held = kit.applicationDatabase(source);
    db.bootstrap()
        .filter(b -> !b.equals(held))
        .ifPresent(
            b ->
                violations.add(
                    databasePath + ".bootstrap",
                    "bootstrap("
                        + quote(b.database())
                        + ", "
                        + quote(b.owner())
                        + ") is not what the backups of service "
                        + quote(source.name())
                        + " hold (database "
                        + quote(held.database())
                        + " owned by "
                        + quote(held.owner())
                        + "): CNPG would create what is missing "
                        + "(an empty database, or a role that owns none of the tables) and point "
                        + service.clusterName()
                        + "-app at it",
                    "remove bootstrap(...); a restore from a service uses its database and owner"));
  }

  private static void pooler(
      String path,
      Service service,
      Pooler pooler,
      boolean appThroughPooler,
      Violations violations) {
    if (pooler.instances() < 1) {
      violations.add(
          path + ".instances",
          pooler.instances() + " is less than 1",
          "use 1 or more; with 2 or more, a restart of one does not drop every connection");
    }
    // The ro pooler connects to <cluster>-ro, whose endpoints are the replicas only.
    if (pooler.readOnly() && InstanceRules.instances(service) == 1) {
      violations.add(
          path + ".readOnly",
          "the read-only pooler reaches only replicas through "
              + service.clusterName()
              + "-ro, and the Cluster has 1 instance, so that Service has no endpoints and"
              + " every client of "
              + service.poolerName("ro")
              + " fails to connect",
          "use instances(2) or more, or drop readOnly(true)");
    }
    violations.addAll(PgBouncerParameters.check(path + ".parameters", pooler, appThroughPooler));
  }
}
