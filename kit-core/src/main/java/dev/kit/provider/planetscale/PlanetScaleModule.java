package dev.kit.provider.planetscale;

import dev.kit.model.PlanetScale;
import dev.kit.plan.GeneratedHeader;
import dev.kit.templates.TextTemplates;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    Map<String, Object> model = new HashMap<>();
    model.put("header", GeneratedHeader.line(source).stripTrailing());
    model.put("service", service);
    model.put("namespace", namespace);
    model.put("workspace", ps.runner() == PlanetScale.Runner.WORKSPACE);
    model.put("workspaceName", workspaceName(service));
    model.put("secretName", secretName(service));
    model.put("appSecretName", appSecretName(service));
    model.put("providerVersion", PROVIDER_VERSION);
    model.put("kubernetesProviderVersion", KUBERNETES_PROVIDER_VERSION);
    model.put("organization", string(ps.organization()));
    model.put("database", string(ps.database()));
    model.put("branch", string(ps.branch()));
    model.put("postgresMajor", Integer.toString(postgresMajor));
    ps.clusterSize().ifPresent(v -> model.put("clusterSize", string(v)));
    ps.region().ifPresent(v -> model.put("region", string(v)));
    ps.parentBranch().ifPresent(v -> model.put("parentBranch", string(v)));
    ps.replicas().ifPresent(v -> model.put("replicas", Integer.toString(v)));
    Map<String, Map<String, String>> parameters = new LinkedHashMap<>();
    ps.parameters()
        .forEach((namespaceKey, values) -> parameters.put(key(namespaceKey), entries(values)));
    model.put("parameters", parameters);
    model.put("production", ps.production());
    model.put("migratorRole", string(migratorRole(service)));
    model.put("appRole", string(appRole(service)));
    model.put(
        "appRoles",
        ps.appRoles().stream().map(PlanetScaleModule::string).collect(Collectors.joining(", ")));
    model.put("appRolesText", String.join(", ", ps.appRoles()));
    model.put("bouncer", ps.bouncer().isPresent());
    ps.bouncer()
        .ifPresent(
            b -> {
              model.put("bouncerName", string(b.name()));
              model.put("bouncerNameText", b.name());
              model.put("bouncerTarget", string(b.target()));
              b.size().ifPresent(v -> model.put("bouncerSize", string(v)));
              b.replicasPerCell()
                  .ifPresent(v -> model.put("bouncerReplicasPerCell", Integer.toString(v)));
              model.put("bouncerParameters", entries(b.parameters()));
            });
    model.put("backupPolicy", ps.backupPolicy().isPresent());
    ps.backupPolicy()
        .ifPresent(
            p -> {
              model.put("backupName", string(p.name()));
              model.put("backupTarget", string(p.target()));
              model.put("backupFrequencyValue", Integer.toString(p.frequencyValue()));
              model.put("backupFrequencyUnit", string(p.frequencyUnit().value()));
              model.put("backupRetentionValue", Integer.toString(p.retentionValue()));
              model.put("backupRetentionUnit", string(p.retentionUnit().value()));
              p.scheduleTime().ifPresent(v -> model.put("backupScheduleTime", string(v)));
            });
    return TextTemplates.render("planetscale/main.tf.ftl", model);
  }

  /**
   * Keys and values of an HCL object, in order: a bare key when it is an identifier, every value a
   * string.
   */
  private static Map<String, String> entries(Map<String, String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(key(k), string(v)));
    return out;
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
