package dev.kit.validate;

import static dev.kit.validate.Violations.quote;

import dev.kit.model.Environment;
import dev.kit.model.ExistingDatabase;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Patch;
import dev.kit.model.PlanetScale;
import dev.kit.model.Role;
import dev.kit.model.SecretKey;
import dev.kit.model.Service;
import dev.kit.render.ArgoCdObject;
import dev.kit.render.DatabaseProviders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The environments themselves, the overrides that name them, and the one promise of environments:
 * every environment applies the same migration history (the same files, the same {@code atlas.sum},
 * the same {@code atlas.hcl}).
 */
final class EnvironmentRules {

  /**
   * What makes a service's migrations ConfigMap and {@code atlas.hcl}, by its path under the
   * service.
   */
  private static final Map<String, Function<Service, Object>> HISTORY = history();

  private EnvironmentRules() {}

  private static Map<String, Function<Service, Object>> history() {
    Map<String, Function<Service, Object>> fields = new LinkedHashMap<>();
    fields.put("migrations.directory", s -> s.migrations().map(Migrations::directory));
    fields.put("migrations.revisionsSchema", s -> s.migrations().map(Migrations::revisionsSchema));
    fields.put("migrations.baseline", s -> s.migrations().flatMap(Migrations::baseline));
    fields.put("migrations.txMode", s -> s.migrations().flatMap(Migrations::txMode));
    fields.put("migrations.sslMode", s -> s.migrations().map(Migrations::sslMode));
    fields.put("migrations.engine", s -> s.migrations().map(Migrations::engine));
    fields.put("declarativeSchema.file", s -> s.declarativeSchema().map(d -> d.file()));
    fields.put("declarativeSchema.txMode", s -> s.declarativeSchema().flatMap(d -> d.txMode()));
    // atlas.hcl names the dev database's major and the cluster; the history must run on the same
    // major everywhere.
    fields.put("database.postgresMajor", s -> s.database().postgresMajor());
    fields.put("database.clusterName", Service::clusterName);
    // What the migrations rely on finding in the database.
    fields.put("database.extensions", s -> listed(s.database().extensions()));
    fields.put("database.schemas", s -> listed(s.database().schemas()));
    // The roles they grant to; each environment may set a role's login, password and limits.
    fields.put("database.roles", s -> listed(keptRoles(s)));
    // atlas.hcl also names the Secret the migrations connect with and the CA that verifies the
    // server: who runs the database decides them, and for a database kit does not run, its Secret
    // and CA (its host and port may differ).
    fields.put("database.host", s -> DatabaseProviders.of(s).name());
    fields.put("database.existing.secret", s -> existing(s).map(ExistingDatabase::secret));
    fields.put(
        "database.existing.ca",
        s ->
            s.migrations()
                .filter(m -> m.sslMode().verifiesServer())
                .flatMap(m -> existing(s))
                .flatMap(ExistingDatabase::ca));
    fields.put(
        "patches",
        s ->
            s.patches().stream()
                .filter(p -> p.target() == Patch.Target.MIGRATIONS_CONFIGMAP)
                .toList());
    return fields;
  }

  private static Optional<String> listed(List<String> names) {
    return names.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", names));
  }

  private static List<String> keptRoles(Service service) {
    List<String> names = new ArrayList<>();
    for (Role role : service.database().roles()) {
      if (!role.absent()) {
        names.add(role.name());
      }
    }
    return names;
  }

  private static Optional<ExistingDatabase> existing(Service service) {
    return service.database().host() instanceof ExistingDatabase db
        ? Optional.of(db)
        : Optional.empty();
  }

  /**
   * Checks the environments and what spans them.
   *
   * @param views each declared environment's view of {@code kit} ({@link Kit#in}), by name, built
   *     once by {@link Validation}
   */
  static void check(Kit kit, Map<String, Kit> views, Violations violations) {
    Set<String> declared = new HashSet<>();
    // The declared environments, each once, for the rules across them: a name declared twice is
    // reported on its own.
    List<Environment> distinct = new ArrayList<>();
    Map<String, String> projects = new HashMap<>();
    for (Environment env : kit.environments()) {
      String path = at(env.name());
      boolean again = !declared.add(env.name());
      Optional<String> nameProblem = KubernetesNames.dns1035Label(env.name(), 20);
      if (again) {
        violations.add(path, "is declared twice", "give each environment its own name");
      } else if (nameProblem.isEmpty()) {
        // The rules across environments name them: one with a name refused is left to that.
        distinct.add(env);
      }
      violations.invalid(
          path,
          env.name(),
          nameProblem,
          "name it like \"dev\", \"staging\" or \"prod\": it names folders and ends Argo CD object names");
      if (env.destinationServer().isPresent() && env.destinationName().isPresent()) {
        violations.add(
            path + ".destinationName",
            "is set together with destinationServer",
            "set one: Argo CD refuses an Application whose destination has both");
      }
      if (env.destinationServer().isPresent()) {
        String server = env.destinationServer().get();
        // Checked before the format, as a refused value is quoted and a password must not be.
        if (CredentialLiterals.holds(server)) {
          violations.add(
              path + ".destinationServer",
              "contains credentials",
              "remove them; Argo CD reads cluster credentials from a cluster Secret");
        } else if (!server.matches("https://[^\\s/@]+(:[0-9]+)?(/\\S*)?")) {
          violations.add(
              path + ".destinationServer",
              Violations.shown(server, "the URL") + " is not an https URL without credentials",
              "use the cluster's API server URL, such as \"https://prod.k8s.acme.io\"");
        }
      }
      if (env.destinationName().isPresent()) {
        String name = env.destinationName().get();
        violations.invalid(
            path + ".destinationName",
            name,
            KubernetesNames.dns1123Subdomain(name),
            "use the cluster's name in Argo CD");
      }
      env.targetRevision()
          .filter(r -> r.isBlank() || r.chars().anyMatch(Character::isWhitespace))
          .ifPresent(
              r ->
                  violations.add(
                      path + ".targetRevision",
                      Violations.shown(r, "the revision") + " is not a Git revision",
                      "use a branch, tag or commit such as \"release\""));
      if (env.project().isPresent()) {
        String project = env.project().get();
        violations.invalid(
            path + ".project",
            project,
            KubernetesNames.dns1123Subdomain(project),
            "use the name of an Argo CD AppProject");
      }
      env.namespaceRule()
          .filter(rule -> !rule.contains("{namespace}"))
          .ifPresent(
              rule ->
                  violations.add(
                      path + ".namespaceRule",
                      Violations.shown(rule, "the rule") + " does not contain {namespace}",
                      "put every service in a namespace of its own, such as \"{namespace}-"
                          + example(env.name())
                          + "\""));
      // Here, not under each service that the label reaches: ServiceRules skips them.
      for (Map.Entry<String, String> label : env.labels().entrySet()) {
        String key = label.getKey();
        String reserved = ServiceRules.RESERVED_LABELS.get(key);
        if (reserved != null) {
          violations.add(
              path + ".labels" + Violations.entry(key),
              reserved,
              "remove it from "
                  + (Violations.quotable(env.name())
                      ? "environment " + quote(env.name()) + "'s labels"
                      : "the environment's labels")
                  + ", or use a label key of your own");
        }
        violations.invalid(
            path + ".labels",
            key,
            KubernetesNames.labelKey(key),
            "use a label key such as \"tier\"");
        violations.labelValue(
            path + ".labels" + Violations.entry(key),
            key,
            label.getValue(),
            "use a label value such as \"" + example(env.name()) + "\"");
      }
      if (kit.platform().isPresent()) {
        String project = env.project().orElse(kit.repository().argoCd().project());
        String other = projects.putIfAbsent(project, env.name());
        // A second declaration is reported as one, not as sharing its own project.
        if (other != null && !again) {
          violations.add(
              path + ".project",
              Violations.shown(project, "the project")
                  + " is also "
                  + (Violations.quotable(other)
                      ? "environment " + quote(other) + "'s"
                      : "another environment's")
                  + ", and each environment's platform writes its own AppProject of that name",
              Violations.quotable(project) && Violations.quotable(env.name())
                  ? "set project(\"" + project + "-" + env.name() + "\")"
                  : "set another project(...)");
        }
      }
    }
    String known = known(kit);
    for (Service service : kit.services()) {
      String path = "services" + Violations.entry(service.name());
      for (String env : service.overrides().keySet()) {
        if (!declared.contains(env)) {
          violations.add(
              at(env) + "." + path,
              "overrides environment " + Violations.shown(env, "of that name") + ", but " + known,
              Violations.quotable(env)
                  ? "declare it with Kit.builder().environment(\""
                      + env
                      + "\", e -> ...) or remove in(\""
                      + env
                      + "\", ...)"
                  : "declare it with Kit.builder().environment(...) or remove in(...)");
        }
      }
      for (String env : service.onlyIn()) {
        if (!declared.contains(env)) {
          violations.add(
              path + ".onlyIn",
              "names environment " + Violations.shown(env, "of that name") + ", but " + known,
              Violations.quotable(env)
                  ? "declare it with Kit.builder().environment(\""
                      + env
                      + "\", e -> ...) or remove it from onlyIn(...)"
                  : "declare it with Kit.builder().environment(...) or remove it from"
                      + " onlyIn(...)");
        }
      }
      service.overrides().forEach((env, there) -> sameHistory(env, service, there, violations));
      oneBranchPerEnvironment(distinct, service, violations);
      // With a platform, environments may not share a cluster at all: said once, below.
      if (kit.platform().isEmpty()) {
        oneNamespacePerEnvironment(kit, distinct, service, violations);
      }
    }
    if (kit.platform().isPresent()) {
      oneClusterPerEnvironment(kit, distinct, violations);
    }
    oneBackupPolicyPerDatabase(kit, distinct, violations);
    List<ArgoCdNames> names = argoCdNames(distinct, views);
    oneOwnerPerArgoCdName(names, violations);
    argoCdNamesFit(kit, names, violations);
  }

  /**
   * An environment's objects in Argo CD's namespace, each named {@code <name>-<environment>}: its
   * services' Applications (by service, in description order) and its platform's (by file).
   */
  private record ArgoCdNames(
      Environment environment,
      List<Map.Entry<String, ArgoCdObject>> applications,
      Map<String, ArgoCdObject> platform) {}

  /** Each declared environment's Argo CD objects, named once for the rules that compare them. */
  private static List<ArgoCdNames> argoCdNames(List<Environment> distinct, Map<String, Kit> views) {
    // Loops, not lambdas: validation runs cold (ColdValidationTest).
    List<ArgoCdNames> names = new ArrayList<>();
    for (Environment env : distinct) {
      // Validation builds a view of every declared environment.
      Kit there = Objects.requireNonNull(views.get(env.name()));
      List<Map.Entry<String, ArgoCdObject>> applications = new ArrayList<>();
      for (Service service : there.services()) {
        applications.add(
            Map.entry(service.name(), ArgoCdObject.application(there, service.name())));
      }
      names.add(new ArgoCdNames(env, applications, ArgoCdObject.platform(there)));
    }
    return names;
  }

  /**
   * Each environment's Argo CD objects are named {@code <name>-<environment>}, which is also the
   * {@code app.kubernetes.io/instance} label of what an Application syncs: at most 63 characters. A
   * name too long or wrong before the suffix is reported as written (ServiceRules, NameCollisions).
   */
  private static void argoCdNamesFit(Kit kit, List<ArgoCdNames> names, Violations violations) {
    String repo = kit.repository().name();
    for (ArgoCdNames objects : names) {
      Environment env = objects.environment();
      if (KubernetesNames.dns1035Label(env.name(), 20).isPresent()) {
        continue;
      }
      String suffix = "-" + env.name();
      String where = " in environment " + quote(env.name()) + ", which ";
      for (Map.Entry<String, ArgoCdObject> application : objects.applications()) {
        String service = application.getKey();
        String name = application.getValue().name();
        Optional<String> problem = suffixedNameProblem(name, suffix);
        if (problem.isPresent()) {
          violations.add(
              at(env.name()) + ".services" + Violations.entry(service) + ".name",
              quote(service) + " makes the Application " + quote(name) + where + problem.get(),
              "shorten the service's name to at most "
                  + (KubernetesNames.LABEL_MAX - suffix.length())
                  + " characters, or the environment's: the Application's name is also the"
                  + " app.kubernetes.io/instance label of the objects it syncs");
        }
      }
      for (ArgoCdObject object : objects.platform().values()) {
        Optional<String> problem = suffixedNameProblem(object.name(), suffix);
        if (problem.isPresent() && object.name().startsWith(repo + "-")) {
          violations.add(
              "repository.name",
              quote(repo) + " makes " + object + where + problem.get(),
              "use a name of at most "
                  + (KubernetesNames.LABEL_MAX - (object.name().length() - repo.length()))
                  + " characters, or a shorter environment name");
        }
      }
    }
  }

  /**
   * Why {@code name}, an Argo CD object's name ending in {@code suffix}, is not a DNS-1123 label,
   * when it is one without the suffix.
   */
  private static Optional<String> suffixedNameProblem(String name, String suffix) {
    if (!name.endsWith(suffix)
        || KubernetesNames.dns1123Label(name.substring(0, name.length() - suffix.length()))
            .isPresent()) {
      return Optional.empty();
    }
    return KubernetesNames.dns1123Label(name);
  }

  /**
   * Who declares an Argo CD object: the environment, the violation's path, what the message calls
   * it, and the service to rename (empty for the platform's).
   */
  private record Owner(String environment, String path, String what, Optional<String> service) {}

  /**
   * One Argo CD holds every environment's objects, each named {@code <name>-<environment>}:
   * services "orders-eu" in "prod" and "orders" in "eu-prod" both make the Application
   * "orders-eu-prod", which the two environments' roots (self-healing) would overwrite in turn. A
   * clash within one environment is {@link NameCollisions}'.
   */
  private static void oneOwnerPerArgoCdName(List<ArgoCdNames> names, Violations violations) {
    if (names.size() < 2) {
      return;
    }
    Map<ArgoCdObject, Owner> owners = new HashMap<>();
    for (ArgoCdNames objects : names) {
      String env = objects.environment().name();
      String path = at(env);
      for (Map.Entry<String, ArgoCdObject> application : objects.applications()) {
        String service = application.getKey();
        claim(
            owners,
            application.getValue(),
            new Owner(
                env,
                path + ".services" + Violations.entry(service),
                Violations.named("service", service) + "'s Application",
                Optional.of(service)),
            violations);
      }
      for (Map.Entry<String, ArgoCdObject> platform : objects.platform().entrySet()) {
        claim(
            owners,
            platform.getValue(),
            new Owner(env, path, "the platform's " + platform.getKey(), Optional.empty()),
            violations);
      }
    }
  }

  private static void claim(
      Map<ArgoCdObject, Owner> owners, ArgoCdObject object, Owner owner, Violations violations) {
    Owner first = owners.putIfAbsent(object, owner);
    if (first == null || first.environment().equals(owner.environment())) {
      return;
    }
    StringBuilder rename = new StringBuilder("rename ");
    if (owner.service().isPresent()) {
      rename.append(Violations.named("service", owner.service().get())).append(", ");
    }
    if (first.service().isPresent() && !first.service().equals(owner.service())) {
      rename.append(Violations.named("service", first.service().get())).append(", ");
    }
    rename
        .append("environment ")
        .append(quote(owner.environment()))
        .append(" or environment ")
        .append(quote(first.environment()))
        .append(": kit names Argo CD objects <name>-<environment>, so these two make one name");
    violations.add(
        owner.path(),
        object
            + " in Argo CD's namespace is "
            + owner.what()
            + " here and "
            + first.what()
            + " in environment "
            + quote(first.environment())
            + ", so the two environments' Argo CD objects would overwrite each other",
        rename.toString());
  }

  /**
   * Where an environment's Applications deploy, as Argo CD is told: its cluster's name, or its
   * server URL, or the repository's. A name is never compared with a URL: kit cannot tell whether
   * they are one cluster.
   */
  private static String destination(Kit kit, Environment env) {
    if (env.destinationName().isPresent()) {
      return "name " + env.destinationName().get();
    }
    return "server "
        + env.destinationServer().orElse(kit.repository().argoCd().destinationServer());
  }

  /**
   * {@link #destination} as a message says it: a server's URL only where a message may quote it
   * ({@link Violations#shown}), as a session or a signature may ride in its query.
   */
  private static String shownDestination(Kit kit, Environment env) {
    if (env.destinationName().isPresent()) {
      return Violations.named("cluster", env.destinationName().get());
    }
    if (env.destinationServer().isPresent()) {
      return "server " + Violations.shown(env.destinationServer().get(), "URL");
    }
    return "the repository's server "
        + Violations.shown(kit.repository().argoCd().destinationServer(), "URL");
  }

  /**
   * Two environments that put a service in the same namespace of one cluster would make two Argo CD
   * Applications own its objects (its Cluster, its migration Job); Argo CD only warns of that.
   */
  private static void oneNamespacePerEnvironment(
      Kit kit, List<Environment> distinct, Service service, Violations violations) {
    Map<String, Environment> owners = new HashMap<>();
    for (Environment env : distinct) {
      if (!service.existsIn(env.name())) {
        continue;
      }
      String namespace = env.namespace(service.in(env.name()).namespace());
      Environment other = owners.putIfAbsent(destination(kit, env) + " " + namespace, env);
      if (other != null) {
        String rule = "{namespace}-" + env.name();
        Environment renamed = env.namespaceRule().equals(Optional.of(rule)) ? other : env;
        violations.add(
            at(env.name()) + ".services" + Violations.entry(service.name()) + ".namespace",
            Violations.named("service", service.name())
                + " is in "
                + Violations.named("namespace", namespace)
                + " on "
                + shownDestination(kit, env)
                + " here and in environment "
                + quote(other.name())
                + ", so two Argo CD Applications would own its objects",
            "give environment "
                + quote(renamed.name())
                + " namespaces of its own with namespaceRule(\"{namespace}-"
                + renamed.name()
                + "\"), or another destinationServer or destinationName");
      }
    }
  }

  /**
   * Each environment's platform installs the operators (Helm releases named as the charts) and
   * their cluster-wide objects: two environments on one cluster would install them twice.
   */
  private static void oneClusterPerEnvironment(
      Kit kit, List<Environment> distinct, Violations violations) {
    Map<String, Environment> owners = new HashMap<>();
    for (Environment env : distinct) {
      Environment other = owners.putIfAbsent(destination(kit, env), env);
      if (other != null) {
        violations.add(
            at(env.name())
                + "."
                + (env.destinationName().isPresent() ? "destinationName" : "destinationServer"),
            shownDestination(kit, env)
                + " is also environment "
                + quote(other.name())
                + "'s, and kit installs the platform's operators once per environment, "
                + "so two Argo CD Applications would install each operator's release there",
            "give each environment its own cluster: set destinationServer or destinationName in"
                + " environment "
                + quote(env.name()));
      }
    }
  }

  /**
   * Each environment's PlanetScale module creates and owns its branch, so two environments cannot
   * share one.
   */
  private static void oneBranchPerEnvironment(
      List<Environment> distinct, Service service, Violations violations) {
    Map<String, String> owners = new HashMap<>();
    for (Environment env : distinct) {
      if (!service.existsIn(env.name())
          || !(service.in(env.name()).database().host() instanceof PlanetScale ps)) {
        continue;
      }
      String branch = ps.organization() + "/" + ps.database() + "/" + ps.branch();
      String other = owners.putIfAbsent(branch, env.name());
      if (other != null) {
        violations.add(
            at(env.name())
                + ".services"
                + Violations.entry(service.name())
                + ".database.planetScale.branch",
            quote(branch)
                + " is also environment "
                + quote(other)
                + "'s, and each environment's module creates and owns its branch",
            "give each environment its own branch: in(\""
                + env.name()
                + "\", p -> p.database(db -> db.planetScale(ps -> ps"
                + ".branch(\""
                + env.name()
                + "\")"
                // An adopted ID would follow the new name: that branch is the module's to create.
                + (ps.adoptedBranchId().isPresent() ? ".createBranch()" : "")
                + "))), or onlyIn(...) one environment");
      }
      if (ps.adoptedBranchId().isPresent()) {
        // An ID names one branch; the usual slip is ps.toBuilder().branch("dev") keeping it.
        String adopted =
            ps.organization() + "/" + ps.database() + " ID " + ps.adoptedBranchId().get();
        String adopter = owners.putIfAbsent(adopted, env.name());
        if (adopter != null
            && service.in(adopter).database().host() instanceof PlanetScale first
            && !first.branch().equals(ps.branch())) {
          violations.add(
              at(env.name())
                  + ".services"
                  + Violations.entry(service.name())
                  + ".database.planetScale.adoptBranch",
              (Violations.quotable(ps.adoptedBranchId().get())
                      ? "branch ID " + quote(ps.adoptedBranchId().get())
                      : Violations.notShown("the same branch ID"))
                  + " of database "
                  + quote(ps.organization() + "/" + ps.database())
                  + " is adopted as branch "
                  + quote(ps.branch())
                  + " here and as "
                  + quote(first.branch())
                  + " in environment "
                  + quote(adopter)
                  + ", and an ID names one branch",
              "keep adoptBranch(...) in the environment whose branch it is, and add createBranch()"
                  + " to the other's in(...) so that its module creates its own branch: in(\""
                  + env.name()
                  + "\", p -> p.database(db -> db.planetScale(ps -> ps.createBranch()))) or in(\""
                  + adopter
                  + "\", ...)");
        }
      }
    }
  }

  /** Whether {@code service} as written (no override) declares {@code <org>/<db>/<policy>}. */
  private static boolean declares(Service service, String policy) {
    return service.database().host() instanceof PlanetScale ps
        && ps.backupPolicy().isPresent()
        && policy.equals(
            ps.organization() + "/" + ps.database() + "/" + ps.backupPolicy().get().name());
  }

  /** The environment and service that declare an {@code <org>/<db>/<policy>} first. */
  private record PolicyOwner(String environment, String service) {}

  /**
   * A PlanetScale backup policy belongs to the database, not a branch: two environments' modules
   * declaring one would make two OpenTofu states own it. Two services of one environment are {@link
   * ServiceRules}' to report.
   */
  private static void oneBackupPolicyPerDatabase(
      Kit kit, List<Environment> distinct, Violations violations) {
    Map<String, PolicyOwner> owners = new HashMap<>();
    for (Environment env : distinct) {
      Set<String> here = new HashSet<>();
      for (Service service : kit.services()) {
        if (!service.existsIn(env.name())
            || !(service.in(env.name()).database().host() instanceof PlanetScale ps)
            || ps.backupPolicy().isEmpty()) {
          continue;
        }
        String name = ps.backupPolicy().get().name();
        String policy = ps.organization() + "/" + ps.database() + "/" + name;
        if (!here.add(policy)) {
          continue;
        }
        PolicyOwner first = owners.putIfAbsent(policy, new PolicyOwner(env.name(), service.name()));
        if (first == null
            // Two services that declare it as written: ServiceRules says so for the description.
            || (!first.service().equals(service.name())
                && declares(service, policy)
                && declares(kit.service(first.service()).orElse(service), policy))) {
          continue;
        }
        violations.add(
            at(env.name())
                + ".services"
                + Violations.entry(service.name())
                + ".database.planetScale.backupPolicy",
            "backup policy "
                + Violations.shown(name, "of the same name")
                + " of database "
                + quote(ps.organization() + "/" + ps.database())
                + " is also environment "
                + quote(first.environment())
                + "'s"
                + (first.service().equals(service.name())
                    ? ""
                    : " (" + Violations.named("service", first.service()) + ")")
                + ", and a backup policy belongs to the database, not a branch, so two"
                + " environments' modules would own it",
            "declare backupPolicy(...) in one environment's in(...) only, and leave it out here:"
                + " in(\""
                + env.name()
                + "\", p -> p.database(db -> db.planetScale(ps -> ps.withoutBackupPolicy())))");
      }
    }
  }

  /**
   * Every environment must apply the same migrations: nothing that makes the ConfigMap or atlas.hcl
   * may differ.
   */
  private static void sameHistory(
      String env, Service service, Service there, Violations violations) {
    // Another host is one problem, said once: not also its options that the other host lacks.
    boolean sameHost = DatabaseProviders.of(service) == DatabaseProviders.of(there);
    HISTORY.forEach(
        (field, value) -> {
          if (!sameHost && field.startsWith("database.existing.")) {
            return;
          }
          Object everywhere = value.apply(service);
          Object here = value.apply(there);
          if (!Objects.equals(everywhere, here)) {
            violations.add(
                at(env) + ".services" + Violations.entry(service.name()) + "." + field,
                "differs from the service's own ("
                    + shown(here)
                    + " here, "
                    + shown(everywhere)
                    + " in the other environments), "
                    + "so the migration history would differ between environments",
                "set it on the service for every environment, not in in("
                    + (Violations.quotable(env) ? quote(env) : "...")
                    + ", ...): every environment applies "
                    + "the same migration files with the same atlas.sum");
          }
        });
  }

  /**
   * A history field's value as a message says it, without a string that may be a connection string
   * ({@link ExistingDatabase#holdsUrl}, which every URL with credentials is) or another credential
   * ({@link Violations#shown}): an existing database's Secret or CA may hold one, and no other
   * field's value has a reason to.
   */
  private static String shown(Object value) {
    Object plain = value instanceof Optional<?> optional ? optional.orElse(null) : value;
    if (plain == null) {
      return "none";
    }
    if (plain instanceof List<?> list) {
      return list.size() + (list.size() == 1 ? " ConfigMap patch" : " ConfigMap patches");
    }
    if (plain instanceof SecretKey ca) {
      return ExistingDatabase.holdsUrl(ca.name()) || ExistingDatabase.holdsUrl(ca.key())
          ? ExistingDatabase.URL_NOT_SHOWN
          // A key is never quoted: what is passed where a key belongs may be the credential.
          : Violations.shown(ca.name(), "a Secret") + " with " + Violations.notShown("a key");
    }
    if (plain instanceof String s) {
      return ExistingDatabase.holdsUrl(s)
          ? ExistingDatabase.URL_NOT_SHOWN
          : Violations.shown(s, "a value");
    }
    return String.valueOf(plain);
  }

  /**
   * An environment's path, such as {@code environments[prod]}, without the name when a message may
   * not quote it.
   */
  static String at(String environment) {
    return "environments" + Violations.entry(environment);
  }

  /** {@code environment} in a fix's example, or {@code dev} when a message may not quote it. */
  private static String example(String environment) {
    return Violations.quotable(environment) ? environment : "dev";
  }

  /** What the description declares, for a message about an environment it does not. */
  private static String known(Kit kit) {
    if (kit.environments().isEmpty()) {
      return "the description declares none";
    }
    List<String> names = new ArrayList<>();
    int notShown = 0;
    for (Environment env : kit.environments()) {
      if (Violations.quotable(env.name())) {
        names.add(env.name());
      } else {
        notShown++;
      }
    }
    return "it declares "
        + String.join(", ", names)
        + (notShown == 0
            ? ""
            : (names.isEmpty() ? "" : ", and ")
                + notShown
                + (notShown == 1 ? " whose name is not shown" : " whose names are not shown"));
  }
}
