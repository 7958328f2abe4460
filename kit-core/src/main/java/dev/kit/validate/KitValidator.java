package dev.kit.validate;

import dev.kit.layout.RepositoryLayout;
import dev.kit.layout.ServiceLayout;
import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.model.App;
import dev.kit.model.Backups;
import dev.kit.model.Bootstrap;
import dev.kit.model.ArgoCd;
import dev.kit.model.Database;
import dev.kit.model.DeclarativeSchema;
import dev.kit.model.HelmChart;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Monitoring;
import dev.kit.model.Patch;
import dev.kit.model.Platform;
import dev.kit.model.Pooler;
import dev.kit.model.PostgresImages;
import dev.kit.model.Repository;
import dev.kit.model.Resources;
import dev.kit.model.Restore;
import dev.kit.model.S3Credentials;
import dev.kit.model.SecretKey;
import dev.kit.model.Service;
import dev.kit.model.Storage;
import dev.kit.model.TxMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks a whole {@link Kit} in one pass and returns every {@link Violation}, so a user fixes all of
 * them in one go. Nothing is rendered from a description with violations.
 */
public final class KitValidator {

  /**
   * Longest CNPG cluster name: CNPG's webhook rejects longer ones, leaving room for what it derives
   * ({@code -rw}, {@code -ro}, {@code -r}, {@code -app}, {@code -ca}, instance pods and their volumes).
   */
  static final int CLUSTER_NAME_MAX = 50;

  /** A ConfigMap holds at most 1 MiB; one file must fit in one with room for its YAML. */
  public static final int MIGRATION_FILE_MAX_BYTES = 1024 * 1024 - 16 * 1024;

  /** Labels kit sets itself; a user label may not change them. */
  private static final Set<String> RESERVED_LABELS = Set.of(
      "app.kubernetes.io/name", "app.kubernetes.io/part-of", "app.kubernetes.io/component", "app.kubernetes.io/managed-by");

  private static final String RUN_AS_USER_FIX = "use a non-zero user id, such as the image's numeric USER or " + App.DEFAULT_RUN_AS;

  private static final Set<String> RESERVED_DATABASES = Set.of("postgres", "template0", "template1");
  private static final Set<String> RESERVED_ROLES = Set.of("postgres", "streaming_replica");

  private static final Pattern PARAMETER_NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");
  private static final Pattern GIT_URL = Pattern.compile("(https?|ssh|git)://[^\\s@/]*@?[^\\s]+|[\\w.-]+@[\\w.-]+:[^\\s]+");
  private static final Pattern MIGRATION_FILE_NAME = Pattern.compile("[-._a-zA-Z0-9]+\\.sql");
  private static final Pattern JSON_POINTER = Pattern.compile("(/([^~/]|~[01])*)+");
  private static final List<String> PROTECTED_PATHS = List.of("/apiVersion", "/kind", "/metadata/name", "/metadata/namespace");

  private static final Pattern S3_PATH = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/\\S*)?");
  private static final Pattern WITHOUT_BARMAN_CLOUD = Pattern.compile("(^|[-._])(standard|minimal)([-._]|$)");
  private static final Pattern RETENTION = Pattern.compile("[1-9][0-9]*[dwm]");
  /** An IAM role in any AWS partition: a path of segments, then a name of up to 64 characters. */
  private static final Pattern IAM_ROLE_ARN = Pattern.compile("arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");
  private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

  private final List<Violation> violations = new ArrayList<>();
  private final Kit kit;
  private final Predicate<String> isRegularFile;
  private final Instant now;

  private KitValidator(Kit kit, Predicate<String> isRegularFile, Instant now) {
    this.kit = kit;
    this.isRegularFile = isRegularFile;
    this.now = now;
  }

  /**
   * Validates {@code kit}.
   *
   * @param kit the description
   * @param migrationsOf reads a service's migration directory, resolved under {@code services/<service>/};
   *     called only for services whose directory is safe, and returns empty when it does not exist
   * @return every violation, in description order; empty when the description is valid
   */
  public static List<Violation> validate(Kit kit, Function<Service, Optional<MigrationDirectory>> migrationsOf) {
    return validate(kit, migrationsOf, service -> Optional.empty());
  }

  /**
   * Validates {@code kit}, including declarative schema files.
   *
   * @param schemaOf reads a service's declarative schema file (called only when its path is safe); empty when missing
   */
  public static List<Violation> validate(Kit kit, Function<Service, Optional<MigrationDirectory>> migrationsOf,
      Function<Service, Optional<byte[]>> schemaOf) {
    return validate(kit, migrationsOf, schemaOf, path -> false, Clock.systemUTC());
  }

  /**
   * Validates {@code kit} as {@code kit:generate} does.
   *
   * @param isRegularFile whether a path relative to the repository root, such as {@code services/orders/migrations},
   *     is a regular file; asked only about a migrations folder that could not be read, to say why
   * @param clock the time a restore point must not be after
   */
  public static List<Violation> validate(Kit kit, Function<Service, Optional<MigrationDirectory>> migrationsOf,
      Function<Service, Optional<byte[]>> schemaOf, Predicate<String> isRegularFile, Clock clock) {
    KitValidator validator = new KitValidator(kit, isRegularFile, clock.instant());
    validator.repository(kit.repository());
    validator.services(kit.services(), migrationsOf);
    validator.violations.addAll(NameCollisions.check(kit));
    validator.declarativeSchemas(kit.services(), schemaOf);
    validator.delivery(kit);
    kit.platform().ifPresent(validator::platform);
    return List.copyOf(validator.violations);
  }

  /** An AtlasSchema carries its SQL inline; client-side apply copies objects into a 256 KiB annotation. */
  public static final int SCHEMA_FILE_MAX_BYTES = 200 * 1024;

  private void declarativeSchemas(List<Service> services, Function<Service, Optional<byte[]>> schemaOf) {
    for (Service service : services) {
      if (service.declarativeSchema().isEmpty()) {
        continue;
      }
      String path = "services[" + service.name() + "].declarativeSchema";
      DeclarativeSchema schema = service.declarativeSchema().get();
      if (service.migrations().isPresent()) {
        add(path, "a service has either versioned migrations or a declarative schema, not both",
            "remove migrations(...), or drop declarativeSchema(...)");
      }
      Optional<String> file = ServiceLayout.schemaFile(service);
      if (file.isEmpty() || !schema.file().endsWith(".sql")) {
        add(path + ".file", quote(schema.file()) + " is not a .sql file inside services/" + service.name() + "/",
            "use a relative path without '..', such as \"schema.sql\"");
        continue;
      }
      if (!RepositoryLayout.isServiceFolder(service.name())) {
        continue;
      }
      Optional<byte[]> content = schemaOf.apply(service);
      if (content.isEmpty()) {
        add(path + ".file", "services/" + service.name() + "/" + schema.file() + " does not exist",
            "write the schema there as SQL (CREATE TABLE ...), the state Atlas keeps the database in");
      } else if (content.get().length > SCHEMA_FILE_MAX_BYTES) {
        add(path + ".file", "is " + content.get().length + " bytes, more than " + SCHEMA_FILE_MAX_BYTES + " an AtlasSchema can carry inline",
            "split the schema, or use versioned migrations");
      } else if (!isUtf8(content.get())) {
        add(path + ".file", "is not UTF-8 text", "save the schema as UTF-8");
      }
    }
  }

  private void delivery(Kit kit) {
    ArgoCd argo = kit.repository().argoCd();
    if (!argo.version().matches("v?[0-9]+\\.[0-9]+(\\.[0-9]+)?")) {
      add("repository.argoCd.version", quote(argo.version()) + " is not an Argo CD version", "use major.minor, such as \"3.5\" or \"2.9\"");
    }
    if (argo.delivery() == ArgoCd.Delivery.APPLICATION_SET) {
      for (Service service : kit.services()) {
        if (!service.namespace().equals(service.name())) {
          add("services[" + service.name() + "].namespace", quote(service.namespace())
              + " differs from the service name, but the ApplicationSet's directory generator names the namespace after the folder",
              "use namespace(\"" + service.name() + "\"), or deliver with APPLICATION_PER_SERVICE or APP_OF_APPS");
        }
      }
    }
  }

  private void platform(Platform platform) {
    ArgoCd argo = kit.repository().argoCd();
    if (argo.project().equals("default")) {
      add("repository.argoCd.project", "the platform's AppProject would restrict Argo CD's \"default\" project, which every other Application uses",
          "give the services a project of their own, such as ArgoCd.builder().project(\"" + kit.repository().name() + "\")");
    } else if (argo.project().equals(platform.project())) {
      add("platform.project", "the operators install cluster-wide objects the services' AppProject " + quote(argo.project()) + " forbids",
          "keep the platform in another project, such as \"default\"");
    }
    chart("platform.cloudnativePg", platform.cloudnativePg());
    chart("platform.barmanCloud", platform.barmanCloud());
    platform.certManager().ifPresent(certManager -> chart("platform.certManager", certManager));
    chart("platform.atlasOperator", platform.atlasOperator());
    for (String kind : platform.extraKinds()) {
      if (!kind.matches("([a-z0-9.-]*)/[A-Z][A-Za-z0-9]*")) {
        add("platform.extraKinds[" + kind + "]", quote(kind) + " is not group/Kind", "use allowKind(\"networking.k8s.io\", \"Ingress\"), with \"\" for core kinds");
      }
    }
  }

  private void chart(String path, HelmChart chart) {
    if (CredentialLiterals.inUrl(chart.repoUrl())) {
      add(path + ".repoUrl", "contains credentials", "remove them; Argo CD reads Helm repository credentials from a repository Secret");
    } else if (!chart.repoUrl().matches("(https://|oci://)?[a-z0-9.-]+(:[0-9]+)?(/\\S*)?")) {
      add(path + ".repoUrl", quote(chart.repoUrl()) + " is not a Helm repository", "use an https:// chart repository or an OCI registry path");
    }
    if (!chart.version().matches("v?[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.-]+)?")) {
      add(path + ".version", quote(chart.version()) + " is not a pinned chart version", "use an exact version such as \"0.29.0\", so every sync installs the same chart");
    }
    KubernetesNames.dns1123Label(chart.namespace()).ifPresent(p -> add(path + ".namespace", quote(chart.namespace()) + " " + p, "use a namespace such as \"cnpg-system\""));
    if (chart.chart().isBlank()) {
      add(path + ".chart", "is empty", "name the chart, such as \"cloudnative-pg\"");
    }
    chart.values().forEach((key, value) -> freeFormValue(path + ".values[" + key + "]", Optional.of(key), value,
        "keep it in a Secret and point the chart at it (most charts take an existingSecret value)"));
  }

  /** A patch or Helm value: JSON, and no credential in it. */
  private void freeFormValue(String path, Optional<String> key, Object value, String credentialFix) {
    List<Violation> json = JsonValues.check(path, value);
    violations.addAll(json);
    if (json.isEmpty()) {
      violations.addAll(CredentialLiterals.check(path, key, value, credentialFix));
    }
  }

  private static boolean isUtf8(byte[] content) {
    try {
      java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(content));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  private void repository(Repository repo) {
    KubernetesNames.labelValue(repo.name()).or(() -> repo.name().isEmpty() ? Optional.of("is empty") : Optional.empty())
        .ifPresent(p -> add("repository.name", quote(repo.name()) + " " + p,
            "it becomes the app.kubernetes.io/part-of label; use a short name such as \"shop\""));
    if (!GIT_URL.matcher(repo.gitUrl()).matches()) {
      add("repository.gitUrl", quote(repo.gitUrl()) + " is not a Git URL",
          "use https://host/org/repo.git or git@host:org/repo.git");
    } else if (CredentialLiterals.inUrl(repo.gitUrl())) {
      add("repository.gitUrl", "contains credentials",
          "remove them; Argo CD reads repository credentials from a Secret, never from the Application");
    }
    if (repo.targetRevision().isBlank() || repo.targetRevision().chars().anyMatch(Character::isWhitespace)) {
      add("repository.targetRevision", quote(repo.targetRevision()) + " is not a Git revision",
          "use a branch, tag or commit such as \"main\"");
    }
    KubernetesNames.dns1123Label(repo.argoCd().namespace()).ifPresent(p -> add("repository.argoCd.namespace",
        quote(repo.argoCd().namespace()) + " " + p, "use the namespace Argo CD runs in, usually \"argocd\""));
    KubernetesNames.dns1123Subdomain(repo.argoCd().project()).ifPresent(p -> add("repository.argoCd.project",
        quote(repo.argoCd().project()) + " " + p, "use the name of an Argo CD AppProject such as \"default\""));
    if (CredentialLiterals.inUrl(repo.argoCd().destinationServer())) {
      add("repository.argoCd.destinationServer", "contains credentials", "remove them; Argo CD reads cluster credentials from a cluster Secret");
    } else if (!repo.argoCd().destinationServer().matches("https://[^\\s/]+(:[0-9]+)?(/\\S*)?")) {
      add("repository.argoCd.destinationServer", quote(repo.argoCd().destinationServer()) + " is not an https URL",
          "use the cluster's API server URL, or \"https://kubernetes.default.svc\" for Argo CD's own cluster");
    }
  }

  private void services(List<Service> services, Function<Service, Optional<MigrationDirectory>> migrationsOf) {
    if (services.isEmpty()) {
      add("services", "the description has no services", "add one with Kit.builder().service(...)");
    }
    Set<String> names = new HashSet<>();
    Map<String, String> clusters = new HashMap<>();
    for (Service service : services) {
      String path = "services[" + service.name() + "]";
      if (!names.add(service.name())) {
        add(path, "is defined twice", "give each service a unique name");
        continue;
      }
      service(path, service, migrationsOf);
      String clusterKey = service.namespace() + "/" + service.clusterName();
      String owner = clusters.putIfAbsent(clusterKey, service.name());
      if (owner != null) {
        add(path + ".database.clusterName", "cluster " + quote(service.clusterName()) + " in namespace "
            + quote(service.namespace()) + " is also the cluster of service " + quote(owner),
            "give one of them another clusterName or namespace");
      }
    }
  }

  private void service(String path, Service service, Function<Service, Optional<MigrationDirectory>> migrationsOf) {
    String name = service.name();
    Optional<String> nameProblem = KubernetesNames.dns1035Label(name, KubernetesNames.LABEL_MAX);
    nameProblem.ifPresent(p -> add(path + ".name", quote(name) + " " + p,
        "use a short lower-case name such as \"orders\"; it names the folder, the objects and the Application"));
    if (nameProblem.isEmpty()) {
      if (service.migrations().isPresent()) {
        derivedName(path + ".name", name, service.migrationJobName(), KubernetesNames.LABEL_MAX, "migration Job");
      }
      if (service.database().clusterName().isEmpty()) {
        derivedName(path + ".name", name, service.clusterName(), CLUSTER_NAME_MAX, "CNPG cluster");
      }
    }
    KubernetesNames.dns1123Label(service.namespace()).ifPresent(p -> add(path + ".namespace",
        quote(service.namespace()) + " " + p, "use a lower-case namespace such as \"" + safeExample(name) + "\""));
    service.labels().forEach((key, value) -> {
      String labelPath = path + ".labels[" + key + "]";
      if (RESERVED_LABELS.contains(key)) {
        add(labelPath, "is a label kit sets itself", "remove it, or use a label key of your own");
      }
      KubernetesNames.labelKey(key).ifPresent(p -> add(labelPath, "key " + quote(key) + " " + p, "rename the label"));
      KubernetesNames.labelValue(value).ifPresent(p -> add(labelPath, quote(value) + " " + p, "shorten or simplify the value"));
    });
    database(path + ".database", service);
    // Only a valid name may become a folder: services/<name>/ is where the migrations are read from.
    service.migrations().ifPresent(m -> migrations(path + ".migrations", service, m, nameProblem.isEmpty(), migrationsOf));
    for (int i = 0; i < service.patches().size(); i++) {
      patch(path + ".patches[" + i + "]", service, service.patches().get(i));
    }
    service.app().ifPresent(app -> app(path + ".app", service, app));
    service.monitoring().ifPresent(m -> monitoring(path + ".monitoring", m));
  }

  private void app(String path, Service service, App app) {
    Optional<ImageReference> ref = ImageReference.parse(app.image());
    if (ref.isEmpty()) {
      add(path + ".image", quote(app.image()) + " is not an image reference", "use registry/repository:tag, such as \"ghcr.io/acme/orders:1.4.2\"");
    } else if (!ref.get().isPinned()) {
      add(path + ".image", quote(app.image()) + " is not pinned", "use a version tag or digest, so a sync deploys what was reviewed");
    }
    if (app.port() < 1 || app.port() > 65535) {
      add(path + ".port", app.port() + " is not a TCP port", "use a port from 1 to 65535, such as 8080");
    }
    if (app.replicas() < 0) {
      add(path + ".replicas", app.replicas() + " is negative", "use 0 to stop the app, or 2 or more for availability");
    }
    app.readinessPath().filter(p -> !p.startsWith("/")).ifPresent(p ->
        add(path + ".readinessPath", quote(p) + " is not an HTTP path", "start it with '/', such as \"/ready\""));
    app.livenessPath().filter(p -> !p.startsWith("/")).ifPresent(p ->
        add(path + ".livenessPath", quote(p) + " is not an HTTP path", "start it with '/', such as \"/healthz\""));
    resources(path + ".resources", app.resources());
    if (app.runAsUser() == 0) {
      add(path + ".runAsUser", "0 is root, and the pod runs with runAsNonRoot, so kubelet refuses to start it", RUN_AS_USER_FIX);
    } else if (app.runAsUser() < 0 || app.runAsUser() > Integer.MAX_VALUE) {
      add(path + ".runAsUser", app.runAsUser() + " is not a user id from 1 to " + Integer.MAX_VALUE, RUN_AS_USER_FIX);
    }
    if (app.runAsGroup() < 0 || app.runAsGroup() > Integer.MAX_VALUE) {
      add(path + ".runAsGroup", app.runAsGroup() + " is not a group id from 0 to " + Integer.MAX_VALUE,
          "use the image's numeric group, or " + App.DEFAULT_RUN_AS);
    }
    if (app.connection() == App.Connection.POOLER && service.database().pooler().isEmpty()) {
      add(path + ".connection", "POOLER needs a pooler, and the database has none",
          "add database(db -> db.pooler(p -> p.instances(2))), or use Connection.URI");
    }
  }

  private void monitoring(String path, Monitoring m) {
    positive(path + ".replicationLagThreshold", m.replicationLagThreshold(), "30s");
    positive(path + ".archiveFailureWindow", m.archiveFailureWindow(), "5m");
    positive(path + ".lastBackupMaxAge", m.lastBackupMaxAge(), "26h");
    if (m.alertFor().isNegative()) {
      add(path + ".alertFor", m.alertFor() + " is negative", "use Duration.ZERO to alert at once, or a duration such as 5 minutes");
    } else if (m.alertFor().getNano() != 0) {
      add(path + ".alertFor", m.alertFor() + " is not a whole number of seconds", "use a duration such as 5 minutes");
    }
    m.selectorLabels().forEach((key, value) -> {
      if (RESERVED_LABELS.contains(key)) {
        add(path + ".selectorLabels[" + key + "]", "is a label kit sets itself", "select on a label of your own, such as \"release\"");
      }
      KubernetesNames.labelKey(key).ifPresent(p -> add(path + ".selectorLabels[" + key + "]", "key " + quote(key) + " " + p, "use the label your Prometheus selects on, such as \"release\""));
      KubernetesNames.labelValue(value).ifPresent(p -> add(path + ".selectorLabels[" + key + "]", quote(value) + " " + p, "shorten or simplify the value"));
    });
  }

  private void positive(String path, java.time.Duration duration, String example) {
    if (duration.isNegative() || duration.isZero() || duration.getNano() != 0) {
      add(path, duration + " is not a positive whole number of seconds", "use a duration such as " + example);
    }
  }

  private void derivedName(String path, String serviceName, String derived, int max, String what) {
    if (derived.length() > max) {
      add(path, quote(serviceName) + " makes the " + what + " name " + quote(derived) + " " + derived.length()
          + " characters, more than " + max, "shorten the service name to at most "
          + (max - (derived.length() - serviceName.length())) + " characters");
    }
  }

  /** CNPG's {@code standard} and {@code minimal} images leave Barman Cloud to the plugin's sidecar. */
  private void inTreeImage(String path, Service service, String image) {
    String system = PostgresImages.system(service.database().postgresMajor()).map(i -> " such as " + quote(i)).orElse("");
    if (service.database().backups().filter(Backups::legacyInTree).isPresent()) {
      add(path + ".imageName", quote(image) + " has no Barman Cloud, which the in-tree barmanObjectStore runs inside the instances",
          "use a system image" + system + ", or back up through the plugin: drop legacyInTree()");
    } else {
      String source = kit.restoreSource(service).orElseThrow().name();
      add(path + ".imageName", quote(image) + " has no Barman Cloud, which recovery from the in-tree barmanObjectStore of service "
          + quote(source) + " runs inside the instances", "use a system image" + system + ", or move the backups of service "
          + quote(source) + " to the plugin");
    }
  }

  private void database(String path, Service service) {
    Database db = service.database();
    db.clusterName().ifPresent(c -> KubernetesNames.dns1035Label(c, CLUSTER_NAME_MAX).ifPresent(p ->
        add(path + ".clusterName", quote(c) + " " + p,
            "CNPG derives <cluster>-rw, -ro, -r, -app and -ca from it; use at most " + CLUSTER_NAME_MAX
                + " characters such as \"" + safeExample(service.name()) + "-cluster\"")));
    if (db.instances() < 1) {
      add(path + ".instances", db.instances() + " is less than 1", "use 1 for a single instance, 3 for a primary and two replicas");
    }
    String exampleTag = PostgresImages.minor(db.postgresMajor()).orElse(db.postgresMajor() + ".1") + "-standard-trixie";
    if (db.imageName().isEmpty()) {
      if (PostgresImages.standard(db.postgresMajor()).isEmpty()) {
        add(path + ".postgresMajor", "PostgreSQL " + db.postgresMajor() + " is not a major kit knows",
            "use one of " + PostgresImages.knownMajors() + ", or set imageName(...) to a CNPG operand image");
      }
    } else {
      String image = db.imageName().get();
      Optional<ImageReference> ref = ImageReference.parse(image);
      if (ref.isEmpty()) {
        add(path + ".imageName", quote(image) + " is not an image reference",
            "use registry/repository:tag, such as \"" + PostgresImages.standard(Database.DEFAULT_POSTGRES_MAJOR).orElseThrow() + "\"");
      } else if (ref.get().tag().isEmpty() || !ref.get().isPinned()) {
        add(path + ".imageName", quote(image) + " has no version tag",
            "CNPG reads the PostgreSQL major from the tag; use a tag such as \"" + exampleTag + "\"");
      } else {
        String tag = ref.get().tag().get();
        String major = tag.replaceFirst("^(\\d+).*", "$1");
        if (!tag.matches("\\d+([^0-9].*)?")) {
          add(path + ".imageName", "tag " + quote(tag) + " does not start with a PostgreSQL major version",
              "CNPG reads the major from the tag; use a tag such as \"" + exampleTag + "\"");
        } else if (!major.equals(String.valueOf(db.postgresMajor()))) {
          add(path + ".imageName", "tag " + quote(tag) + " is PostgreSQL " + major + " but postgresMajor is " + db.postgresMajor(),
              "set postgresMajor(" + major + ") or use a PostgreSQL " + db.postgresMajor() + " image");
        } else if (kit.runsInTreeBarmanCloud(service) && WITHOUT_BARMAN_CLOUD.matcher(tag).find()) {
          inTreeImage(path, service, image);
        }
      }
    }
    storage(path + ".storage", db.storage());
    db.walStorage().ifPresent(w -> storage(path + ".walStorage", w));
    db.resources().ifPresent(r -> resources(path + ".resources", r));
    db.parameters().forEach((key, value) -> {
      String paramPath = path + ".parameters[" + key + "]";
      if (!PARAMETER_NAME.matcher(key).matches()) {
        add(paramPath, quote(key) + " is not a PostgreSQL parameter name", "use the lower-case name from postgresql.conf");
      }
    });
    db.bootstrap().ifPresent(b -> {
      if (!KubernetesNames.isSqlIdentifier(b.database()) || RESERVED_DATABASES.contains(b.database())) {
        add(path + ".bootstrap.database", quote(b.database()) + " is not a usable database name",
            "use a lower-case identifier such as \"" + safeExample(service.name()).replace('-', '_') + "\" (not postgres or template0/1)");
      }
      if (!KubernetesNames.isSqlIdentifier(b.owner()) || RESERVED_ROLES.contains(b.owner())) {
        add(path + ".bootstrap.owner", quote(b.owner()) + " is not a usable role name",
            "use a lower-case identifier such as \"" + safeExample(service.name()).replace('-', '_') + "\" (not postgres or streaming_replica)");
      }
    });
    db.antiAffinityTopologyKey().ifPresent(k -> KubernetesNames.labelKey(k).ifPresent(p ->
        add(path + ".antiAffinityTopologyKey", quote(k) + " " + p,
            "use a node label such as \"topology.kubernetes.io/zone\" or \"kubernetes.io/hostname\"")));
    db.backups().ifPresent(b -> backups(path + ".backups", service, b));
    db.restore().ifPresent(r -> restore(path, service, r));
    db.pooler().ifPresent(p -> pooler(path + ".pooler", p,
        service.app().map(a -> a.connection() == App.Connection.POOLER).orElse(false)));
    violations.addAll(CnpgClusterRules.check(path, service, now));
  }

  private void backups(String path, Service service, Backups b) {
    b.objectStoreName().ifPresent(n -> KubernetesNames.dns1123Subdomain(n).ifPresent(p ->
        add(path + ".objectStoreName", quote(n) + " " + p, "use a lower-case name such as \"orders-backups\"")));
    if (CredentialLiterals.inUrl(b.destinationPath())) {
      add(path + ".destinationPath", "contains credentials", "remove them and give the keys with S3Credentials.fromSecret(...)");
    } else if (!S3_PATH.matcher(b.destinationPath()).matches()) {
      add(path + ".destinationPath", quote(b.destinationPath()) + " is not an S3 path", "use s3://<bucket>/<folder>/, such as \"s3://acme-backups/orders/\"");
    }
    b.endpointUrl().ifPresent(u -> {
      if (CredentialLiterals.inUrl(u)) {
        add(path + ".endpointUrl", "contains credentials",
            "remove them and give the keys with S3Credentials.fromSecret(\"<secret>\", \"ACCESS_KEY_ID\", \"ACCESS_SECRET_KEY\")");
      } else if (!u.matches("https?://[^\\s/]+(/\\S*)?")) {
        add(path + ".endpointUrl", quote(u) + " is not an http(s) URL", "use the S3 endpoint, such as \"https://minio.storage:9000\"");
      }
    });
    b.endpointCa().ifPresent(k -> secretKey(path + ".endpointCa", k));
    b.region().ifPresent(k -> secretKey(path + ".region", k));
    if (b.credentials() instanceof S3Credentials.Keys keys) {
      secretKey(path + ".credentials.accessKeyId", keys.accessKeyId());
      secretKey(path + ".credentials.secretAccessKey", keys.secretAccessKey());
      keys.sessionToken().ifPresent(k -> secretKey(path + ".credentials.sessionToken", k));
    }
    b.irsaRoleArn().filter(arn -> !IAM_ROLE_ARN.matcher(arn).matches()).ifPresent(arn ->
        add(path + ".credentials.roleArn", quote(arn) + " is not an IAM role ARN", "use arn:aws:iam::<12-digit account id>:role/<name>, "
            + "the role IRSA lets service account " + service.clusterName() + " assume"));
    b.dataCompression().filter(c -> !c.supportsData()).ifPresent(c ->
        add(path + ".dataCompression", c.value() + " is for WAL only; Barman Cloud cannot compress base backups with it",
            "use GZIP, BZIP2, LZ4 or SNAPPY for data"));
    b.retentionPolicy().filter(r -> !RETENTION.matcher(r).matches()).ifPresent(r ->
        add(path + ".retentionPolicy", quote(r) + " is not a retention policy", "use a number and d, w or m, such as \"30d\""));
    b.schedule().ifPresent(cron -> CronSchedule.problem(cron).ifPresent(p -> add(path + ".schedule", quote(cron) + " " + p,
        cron.trim().split("\\s+").length == 5 ? "add the seconds first: \"0 " + cron.trim() + "\"" : "use six fields, seconds first, such as \"0 0 2 * * *\" (02:00 every day)")));
  }

  private void secretKey(String path, SecretKey key) {
    KubernetesNames.dns1123Subdomain(key.name()).ifPresent(p -> add(path + ".name", quote(key.name()) + " " + p, "use the name of a Secret in the namespace"));
    if (!SECRET_KEY.matcher(key.key()).matches()) {
      add(path + ".key", quote(key.key()) + " is not a Secret key", "use letters, digits, '-', '_' and '.', such as \"ACCESS_KEY_ID\"");
    }
  }

  /** {@code path} is the database's: a restore constrains its bootstrap and major too. */
  private void restore(String databasePath, Service service, Restore restore) {
    String path = databasePath + ".restore";
    Database db = service.database();
    if (restore.source() instanceof Restore.ServiceBackups from) {
      Optional<Service> source = kit.service(from.service());
      if (from.service().equals(service.name())) {
        add(path + ".source", "a cluster cannot restore from its own backups", "restore into a new service, such as \"" + service.name() + "-restore\"");
      } else if (source.isEmpty()) {
        add(path + ".source", "there is no service " + quote(from.service()), "name a service of this description, or use Restore.fromObjectStore(...)");
      } else if (source.get().database().backups().isEmpty()) {
        add(path + ".source", "service " + quote(from.service()) + " has no backups", "give it backups(...), or use Restore.fromObjectStore(...)");
      } else if (!source.get().namespace().equals(service.namespace())) {
        add(path + ".source", "service " + quote(from.service()) + " runs in namespace " + quote(source.get().namespace())
            + "; its ObjectStore is not visible from " + quote(service.namespace()), "put the restored service in namespace " + quote(source.get().namespace()));
      } else {
        restoredService(databasePath, service, source.get());
      }
    } else if (restore.source() instanceof Restore.ObjectStoreBackups store) {
      KubernetesNames.dns1123Subdomain(store.objectStore()).ifPresent(p -> add(path + ".objectStore", quote(store.objectStore()) + " " + p, "use the name of an ObjectStore in the namespace"));
      KubernetesNames.dns1035Label(store.serverName(), CLUSTER_NAME_MAX).ifPresent(p -> add(path + ".serverName", quote(store.serverName()) + " " + p, "use the name of the cluster that took the backups"));
      if (db.bootstrap().isEmpty()) {
        add(databasePath + ".bootstrap", "is missing; a restore from an ObjectStore must name the database and owner in the backups, "
            + "or CNPG creates an empty database \"app\" and points " + service.clusterName() + "-app at it",
            "add bootstrap(\"<database>\", \"<owner>\") as cluster " + quote(store.serverName()) + " had them");
      }
    }
  }

  /** A restore from {@code source}, a service with backups in the same namespace: same major, same database, no cycle. */
  private void restoredService(String databasePath, Service service, Service source) {
    Database db = service.database();
    if (db.postgresMajor() != source.database().postgresMajor()) {
      add(databasePath + ".postgresMajor", db.postgresMajor() + " differs from PostgreSQL " + source.database().postgresMajor()
          + " of service " + quote(source.name()) + "; a physical backup restores only into the same major",
          "set postgresMajor(" + source.database().postgresMajor() + "), and upgrade the restored cluster afterwards");
    }
    Set<String> seen = new HashSet<>();
    for (Optional<Service> next = Optional.of(source); next.isPresent() && seen.add(next.get().name()); next = kit.restoreSource(next.get())) {
      if (next.get().name().equals(service.name())) {
        add(databasePath + ".restore.source", "service " + quote(source.name()) + " restores, in the end, from " + quote(service.name())
            + " itself: no cluster in the chain has data of its own", "bootstrap one of them without restore(...)");
        return;
      }
    }
    Optional<String> sourceRole = source.database().backups().flatMap(Backups::irsaRoleArn);
    Optional<String> ownRole = db.backups().flatMap(Backups::irsaRoleArn);
    if (sourceRole.isPresent() && ownRole.isPresent() && !sourceRole.equals(ownRole)) {
      add(databasePath + ".restore.source", "service " + quote(source.name()) + " backs up with IAM role " + quote(sourceRole.get())
          + " and this cluster with " + quote(ownRole.get()) + ", but service account " + service.clusterName() + " can assume one role",
          "use one role that reads the source's backups and writes this cluster's, or keys from a Secret for this cluster's backups");
    }
    Bootstrap held = kit.applicationDatabase(source);
    db.bootstrap().filter(b -> !b.equals(held)).ifPresent(b -> add(databasePath + ".bootstrap",
        "bootstrap(" + quote(b.database()) + ", " + quote(b.owner()) + ") is not what the backups of service " + quote(source.name())
            + " hold (database " + quote(held.database()) + " owned by " + quote(held.owner()) + "): CNPG would create what is missing "
            + "(an empty database, or a role that owns none of the tables) and point " + service.clusterName() + "-app at it",
        "remove bootstrap(...); a restore from a service uses its database and owner"));
  }

  private void pooler(String path, Pooler pooler, boolean appThroughPooler) {
    if (pooler.instances() < 1) {
      add(path + ".instances", pooler.instances() + " is less than 1", "use 2 or more, so a restart does not drop every connection");
    }
    violations.addAll(PgBouncerParameters.check(path + ".parameters", pooler, appThroughPooler));
  }

  private void storage(String path, Storage storage) {
    byteQuantity(path + ".size", storage.size());
    storage.storageClass().ifPresent(c -> KubernetesNames.dns1123Subdomain(c).ifPresent(p ->
        add(path + ".storageClass", quote(c) + " " + p, "use the name of a StorageClass in the cluster")));
  }

  private void resources(String path, Resources resources) {
    resources.requests().forEach((k, v) -> resource(path + ".requests." + k, k, v));
    resources.limits().forEach((k, v) -> resource(path + ".limits." + k, k, v));
    violations.addAll(ResourceLimits.check(path, resources));
  }

  private void resource(String path, String name, String value) {
    if (Resources.MEMORY.equals(name)) {
      byteQuantity(path, value);
    } else {
      quantity(path, value, true);
    }
  }

  /** A size in bytes, where {@code m} (milli) is always a mistake for {@code Mi}. */
  private void byteQuantity(String path, String value) {
    if (KubernetesNames.isQuantity(value) && value.endsWith("m")) {
      add(path, quote(value) + " is " + value.substring(0, value.length() - 1) + " thousandths of a byte",
          "try " + quote(value.substring(0, value.length() - 1) + "Mi"));
    } else {
      quantity(path, value, true);
    }
  }

  private void quantity(String path, String value, boolean positive) {
    if (!KubernetesNames.isQuantity(value)) {
      add(path, quote(value) + " is not a Kubernetes quantity",
          KubernetesNames.quantitySuggestion(value).map(s -> "try " + quote(s))
              .orElse("use a number with an optional unit, such as \"20Gi\", \"512Mi\" or \"500m\""));
    } else if (positive && !KubernetesNames.isPositiveQuantity(value)) {
      add(path, quote(value) + " is not greater than zero", "use a positive amount such as \"1Gi\"");
    }
  }

  private void migrations(String path, Service service, Migrations m, boolean readable,
      Function<Service, Optional<MigrationDirectory>> migrationsOf) {
    Optional<String> dir = ServiceLayout.inside(m.directory());
    if (dir.isEmpty()) {
      add(path + ".directory", quote(m.directory()) + " is not a folder inside services/" + service.name() + "/",
          "use a relative path without '..', such as \"migrations\"");
    } else if (readable) {
      Optional<MigrationDirectory> read = migrationsOf.apply(service);
      String folder = "services/" + service.name() + "/" + m.directory();
      if (read.isEmpty() && isRegularFile.test(folder)) {
        add(path + ".directory", folder + " is a file, not a folder",
            "point directory(...) at the folder that holds the .sql files, such as \"migrations\", or move the file into one");
      } else if (read.isEmpty()) {
        add(path + ".directory", folder + " does not exist",
            "create it with your first migration, or call withoutMigrations() on the service");
      } else {
        migrationFiles(path, read.get(), m);
      }
    }
    Optional<ImageReference> ref = ImageReference.parse(m.atlasImage());
    if (ref.isEmpty()) {
      add(path + ".atlasImage", quote(m.atlasImage()) + " is not an image reference",
          "use repository:tag, such as \"" + Migrations.DEFAULT_ATLAS_IMAGE + "\"");
    } else if (!ref.get().isPinned()) {
      add(path + ".atlasImage", quote(m.atlasImage()) + " is not pinned",
          "use a version tag or digest, such as \"" + Migrations.DEFAULT_ATLAS_IMAGE + "\", so every sync runs the same Atlas");
    }
    if (!KubernetesNames.isSqlIdentifier(m.revisionsSchema())) {
      add(path + ".revisionsSchema", quote(m.revisionsSchema()) + " is not a schema name",
          "use a lower-case identifier such as \"atlas_schema_revisions\"");
    }
    if (m.backoffLimit() < 0) {
      add(path + ".backoffLimit", m.backoffLimit() + " is negative", "use 0 for no retries, or a small number such as 3");
    }
    if (m.activeDeadlineSeconds() < 1) {
      add(path + ".activeDeadlineSeconds", m.activeDeadlineSeconds() + " is not positive", "use a deadline in seconds, such as 900");
    }
    resources(path + ".resources", m.resources());
    if (m.engine() == Migrations.Engine.OPERATOR) {
      m.txMode().ifPresent(t -> add(path + ".txMode", "the Atlas operator's AtlasMigration has no tx mode",
          "put \"-- atlas:txmode " + t.flag() + "\" on the first line of the files that need it, or use the job engine"));
      if (m.sslMode().verifiesServer()) {
        add(path + ".sslMode", m.sslMode().value() + " needs the cluster CA, which the Atlas operator cannot mount",
            "use SslMode.REQUIRE with the operator engine, or the job engine to verify the server");
      }
    }
  }

  private void migrationFiles(String path, MigrationDirectory dir, Migrations m) {
    Map<String, String> byVersion = new HashMap<>();
    for (MigrationFile file : dir.files()) {
      String filePath = path + ".files[" + file.name() + "]";
      if (!MIGRATION_FILE_NAME.matcher(file.name()).matches() || file.name().length() > KubernetesNames.SUBDOMAIN_MAX) {
        add(filePath, "the name has characters a ConfigMap key cannot hold",
            "rename it to <version>_<description>.sql with letters, digits, '_', '-' and '.' only");
      } else if (file.version().isEmpty()) {
        add(filePath, "the name has no version before its first '_'",
            "rename it to <version>_<description>.sql, such as 20250101120000_create_orders.sql");
      } else {
        String other = byVersion.putIfAbsent(file.version(), file.name());
        if (other != null) {
          add(filePath, "has version " + file.version() + " like " + other + "; Atlas records one revision per version",
              "give it a new version, e.g. run 'mvn kit:new-migration'");
        }
      }
      if (file.size() > MIGRATION_FILE_MAX_BYTES) {
        add(filePath, "is " + file.size() + " bytes; one file must fit in one ConfigMap (at most "
            + MIGRATION_FILE_MAX_BYTES + " bytes)", "split it into several migrations");
      }
      TxModeDirectives.check(filePath, file, m.txMode().orElse(TxMode.FILE)).ifPresent(violations::add);
    }
    if (m.engine() == Migrations.Engine.OPERATOR && dir.configMapBytes() > MigrationDirectory.CONFIGMAP_BUDGET_BYTES) {
      add(path + ".engine", "the history is " + dir.configMapBytes() + " bytes, but an AtlasMigration reads one ConfigMap (at most "
          + MigrationDirectory.CONFIGMAP_BUDGET_BYTES + ")", "use the job engine, which mounts several ConfigMaps, or squash old migrations");
    }
    m.baseline().ifPresent(b -> {
      if (!byVersion.containsKey(b)) {
        add(path + ".baseline", "version " + quote(b) + " is not the version of any migration file",
            "use the version of an existing migration, the part of its name before the first '_'");
      }
    });
  }

  private void patch(String path, Service service, Patch patch) {
    String lastSegment = patch.path().substring(patch.path().lastIndexOf('/') + 1);
    freeFormValue(path + ".value", Optional.of(lastSegment).filter(s -> !s.isEmpty()), patch.value(),
        "keep it in a Secret and reference it, such as valueFrom.secretKeyRef for an environment variable");
    if (!JSON_POINTER.matcher(patch.path()).matches()) {
      add(path + ".path", quote(patch.path()) + " is not a JSON Pointer", "start it with '/', such as \"/spec/primaryUpdateStrategy\"");
    } else if (PROTECTED_PATHS.stream().anyMatch(p -> patch.path().equals(p) || patch.path().startsWith(p + "/"))
        || patch.path().equals("/metadata")) {
      add(path + ".path", quote(patch.path()) + " would change the object's identity",
          "apiVersion, kind, metadata.name and metadata.namespace are kit's; set names through the DSL");
    }
    Database db = service.database();
    Optional<String> missing = switch (patch.target()) {
      case CLUSTER, APPLICATION -> Optional.empty();
      case MIGRATIONS_CONFIGMAP -> service.migrations().isEmpty() ? Optional.of("migrations") : Optional.empty();
      case MIGRATION_JOB -> service.migrations().isEmpty() ? Optional.of("migrations")
          : service.migrations().get().engine() != Migrations.Engine.JOB ? Optional.of("migrations on the job engine") : Optional.empty();
      case OBJECT_STORE -> db.backups().filter(b -> !b.legacyInTree()).isEmpty() ? Optional.of("backups through the Barman Cloud plugin") : Optional.empty();
      case SCHEDULED_BACKUP -> db.backups().flatMap(Backups::schedule).isEmpty() ? Optional.of("a backup schedule") : Optional.empty();
      case POOLER -> db.pooler().isEmpty() ? Optional.of("a pooler") : Optional.empty();
      case POD_MONITOR, PROMETHEUS_RULE -> service.monitoring().isEmpty() ? Optional.of("monitoring") : Optional.empty();
      case APP_DEPLOYMENT, APP_SERVICE -> service.app().isEmpty() ? Optional.of("a generated app") : Optional.empty();
      case ATLAS_MIGRATION -> service.migrations().filter(m -> m.engine() == Migrations.Engine.OPERATOR).isEmpty()
          ? Optional.of("migrations on the operator engine") : Optional.empty();
      case ATLAS_SCHEMA -> service.declarativeSchema().isEmpty() ? Optional.of("a declarative schema") : Optional.empty();
    };
    missing.ifPresent(what -> add(path + ".target", patch.target() + " is not generated for a service without " + what,
        "remove the patch, or give the service " + what));
  }

  private static String safeExample(String name) {
    String example = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^[^a-z]+|-+$", "");
    return example.isEmpty() ? "orders" : example.substring(0, Math.min(example.length(), 40));
  }

  private static String quote(String value) {
    return "\"" + value + "\"";
  }

  private void add(String path, String problem, String fix) {
    violations.add(new Violation(path, problem, fix));
  }
}
