package dev.kit.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubernetes names a generated RUNBOOK.md cites: in its {@code sh} blocks and in inline code,
 * the names in {@code kubectl} and {@code argocd} commands ({@code job/<name>}, {@code -n
 * <namespace>}, {@code clusters.postgresql.cnpg.io <name>}, {@code kubectl cnpg <verb> <cluster>},
 * {@code -l cnpg.io/cluster=<name>}, {@code argocd app <verb> [<namespace>/]<name>}), in-cluster
 * hosts ({@code <service>.<namespace>.svc}), and in prose the backticked name after a kind ({@code
 * Secret `x`}, {@code Pooler `x`}, {@code namespace `x`}) or ending in a suffix CNPG gives its
 * objects ({@code -rw}, {@code -ro}, {@code -r}, {@code -app}, {@code -ca}, {@code -superuser}).
 * Placeholders ({@code <instance>}) and SQL, Java and psql arguments are not names.
 */
final class RunbookCitations {

  /** What a citation names; {@link #ANY} when the text does not say. */
  enum Kind {
    NAMESPACE,
    CLUSTER,
    JOB,
    CONFIG_MAP,
    SECRET,
    SERVICE,
    DEPLOYMENT,
    POD,
    PVC,
    POOLER,
    OBJECT_STORE,
    SCHEDULED_BACKUP,
    POD_MONITOR,
    PROMETHEUS_RULE,
    ATLAS_MIGRATION,
    ATLAS_SCHEMA,
    APPLICATION,
    APPLICATION_SET,
    STORAGE_CLASS,
    ANY
  }

  /**
   * One cited name.
   *
   * @param line the 1-based line of the runbook
   * @param kind what the name must be
   * @param name the name
   * @param namespace the namespace the citation puts it in, or null when it names none
   */
  record Citation(int line, Kind kind, String name, String namespace) {
    @Override
    public String toString() {
      return "line "
          + line
          + ": "
          + kind
          + " "
          + name
          + (namespace == null ? "" : " (namespace " + namespace + ")");
    }
  }

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  private static final Pattern INLINE_CODE = Pattern.compile("`([^`]+)`");
  private static final Pattern KUBECTL = Pattern.compile("(?<![\\w-])kubectl\\s");
  private static final Pattern ARGOCD_APP =
      Pattern.compile(
          "(?<![\\w-])argocd app (?:get|sync|delete|diff|history|rollback|wait|terminate-op|manifests|set|refresh)\\s+([^\\s`'\"|#]+)");
  private static final Pattern SVC_HOST =
      Pattern.compile("(?<![\\w<>.-])([a-z0-9][-a-z0-9]*)\\.([a-z0-9][-a-z0-9]*)\\.svc\\b");

  /**
   * A kind word right before a backticked name, optionally across a table cell border ({@code |
   * Secrets | `x`}).
   */
  private static final Pattern KIND_BEFORE =
      Pattern.compile(
          "(?<![\\w-])(Secrets?|Poolers?|ConfigMaps?|Job|Cluster|ObjectStore|ScheduledBackup|PodMonitor|PrometheusRule|Services?"
              + "|Deployment|AtlasMigration|AtlasSchema|ApplicationSet|Application|namespace|class)\\s*(?:\\|\\s*)?$");

  /** A second name in a list after a cited one: {@code Secrets `a` and `b`}, {@code `a`, `b`}. */
  private static final Pattern LIST_CONTINUATION = Pattern.compile("^(?:,\\s*|\\s+and\\s+)$");

  /** {@code svc/<name>}, {@code job/<name>}: a resource type and a name, as kubectl takes them. */
  private static final Pattern TYPED_NAME = Pattern.compile("([a-z.]+)/([a-z0-9][-a-z0-9]*)");

  private static final Pattern CNPG_SUFFIX = Pattern.compile(".+-(?:rw|ro|r|app|ca|superuser)");

  private static final Map<String, Kind> KIND_WORDS =
      Map.ofEntries(
          Map.entry("Secret", Kind.SECRET),
          Map.entry("Secrets", Kind.SECRET),
          Map.entry("Pooler", Kind.POOLER),
          Map.entry("Poolers", Kind.POOLER),
          Map.entry("ConfigMap", Kind.CONFIG_MAP),
          Map.entry("ConfigMaps", Kind.CONFIG_MAP),
          Map.entry("Job", Kind.JOB),
          Map.entry("Cluster", Kind.CLUSTER),
          Map.entry("ObjectStore", Kind.OBJECT_STORE),
          Map.entry("ScheduledBackup", Kind.SCHEDULED_BACKUP),
          Map.entry("PodMonitor", Kind.POD_MONITOR),
          Map.entry("PrometheusRule", Kind.PROMETHEUS_RULE),
          Map.entry("Service", Kind.SERVICE),
          Map.entry("Services", Kind.SERVICE),
          Map.entry("Deployment", Kind.DEPLOYMENT),
          Map.entry("AtlasMigration", Kind.ATLAS_MIGRATION),
          Map.entry("AtlasSchema", Kind.ATLAS_SCHEMA),
          Map.entry("Application", Kind.APPLICATION),
          Map.entry("ApplicationSet", Kind.APPLICATION_SET),
          Map.entry("namespace", Kind.NAMESPACE),
          Map.entry("class", Kind.STORAGE_CLASS));

  /** kubectl resource types (singular, plural, short, or {@code <plural>.<group>}) by kind. */
  private static final Map<String, Kind> RESOURCE_TYPES = resourceTypes();

  /** kubectl flags that take the next token as their value. */
  private static final Set<String> VALUE_FLAGS =
      Set.of(
          "-n",
          "--namespace",
          "-l",
          "--selector",
          "-o",
          "--output",
          "-c",
          "--container",
          "--tail",
          "--since",
          "--sort-by",
          "-L",
          "--label-columns",
          "--method",
          "--plugin-name",
          "-f",
          "--timeout",
          "--for",
          "--context",
          "--target");

  /**
   * Stops a command: a comment, a pipe, a redirect, the end of a subshell, or {@code --} (what
   * follows is psql's).
   */
  private static final Set<String> STOPS = Set.of("#", "|", "||", "&&", ";", ">", "--", ")");

  private RunbookCitations() {}

  /** Every citation of a runbook, in the order of the text. */
  static List<Citation> extract(String runbook) {
    List<Citation> citations = new ArrayList<>();
    String[] lines = runbook.split("\n", -1);
    String fence = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int number = i + 1;
      if (line.startsWith("```")) {
        fence = fence == null ? line.substring(3).trim() : null;
        continue;
      }
      if (fence != null) {
        if (fence.equals("sh")) {
          commands(number, line, citations);
        }
        continue;
      }
      prose(number, line, citations);
    }
    return citations;
  }

  private static void prose(int number, String line, List<Citation> citations) {
    Matcher code = INLINE_CODE.matcher(line);
    int previousEnd = -1;
    Kind previousKind = null;
    while (code.find()) {
      String span = code.group(1);
      Kind cited = null;
      if (KUBECTL.matcher(span + " ").find() || span.startsWith("argocd ")) {
        commands(number, span, citations);
      } else {
        hosts(number, span, citations);
        Matcher typed = TYPED_NAME.matcher(span);
        if (typed.matches() && RESOURCE_TYPES.containsKey(typed.group(1))) {
          addName(citations, number, RESOURCE_TYPES.get(typed.group(1)), typed.group(2), null);
        } else if (DNS_LABEL.matcher(span).matches()) {
          String before = line.substring(0, code.start());
          Matcher kindWord = KIND_BEFORE.matcher(before);
          if (kindWord.find()) {
            cited = KIND_WORDS.get(kindWord.group(1));
          } else if (previousKind != null
              && LIST_CONTINUATION.matcher(line.substring(previousEnd, code.start())).matches()) {
            cited = previousKind;
          } else if (CNPG_SUFFIX.matcher(span).matches()) {
            cited = Kind.ANY;
          }
          if (cited != null) {
            citations.add(new Citation(number, cited, span, null));
          }
        }
      }
      previousEnd = code.end();
      previousKind = cited;
    }
  }

  /**
   * Every kubectl and argocd command on a line (a command may sit inside {@code "$(...)"}), and
   * in-cluster hosts.
   */
  private static void commands(int number, String text, List<Citation> citations) {
    Matcher kubectl = KUBECTL.matcher(text);
    while (kubectl.find()) {
      kubectl(number, tokens(text.substring(kubectl.end())), citations);
    }
    Matcher argocd = ARGOCD_APP.matcher(text);
    while (argocd.find()) {
      String target = argocd.group(1);
      int slash = target.indexOf('/');
      if (slash > 0) {
        addName(citations, number, Kind.NAMESPACE, target.substring(0, slash), null);
      }
      addName(
          citations,
          number,
          Kind.APPLICATION,
          target.substring(slash + 1),
          slash > 0 ? target.substring(0, slash) : null);
    }
    hosts(number, text, citations);
  }

  private static void hosts(int number, String text, List<Citation> citations) {
    Matcher host = SVC_HOST.matcher(text);
    while (host.find()) {
      addName(citations, number, Kind.NAMESPACE, host.group(2), null);
      addName(citations, number, Kind.SERVICE, host.group(1), host.group(2));
    }
  }

  /** One kubectl command, the tokens after {@code kubectl}. */
  private static void kubectl(int number, List<String> tokens, List<Citation> citations) {
    String namespace = null;
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if (STOPS.contains(token) || token.startsWith("#") || token.startsWith(">")) {
        break;
      }
      String flag =
          token.contains("=") && token.startsWith("-")
              ? token.substring(0, token.indexOf('='))
              : token;
      String value = null;
      if (token.startsWith("-")) {
        if (token.contains("=")) {
          value = token.substring(token.indexOf('=') + 1);
        } else if (VALUE_FLAGS.contains(token) && i + 1 < tokens.size()) {
          value = tokens.get(++i);
        }
        if (value != null && (flag.equals("-n") || flag.equals("--namespace"))) {
          namespace = value;
          addName(citations, number, Kind.NAMESPACE, value, null);
        } else if (value != null && (flag.equals("-l") || flag.equals("--selector"))) {
          selector(number, value, citations);
        }
        continue;
      }
      positional.add(token);
    }
    if (positional.isEmpty()) {
      return;
    }
    if (positional.get(0).equals("cnpg")) {
      cnpg(number, positional.subList(1, positional.size()), namespace, citations);
      return;
    }
    String verb = positional.get(0);
    List<String> args = positional.subList(1, positional.size());
    if (verb.equals("rollout") && !args.isEmpty()) {
      args = args.subList(1, args.size());
    }
    if (args.isEmpty()) {
      return;
    }
    String first = args.get(0);
    if (first.contains("/")) {
      Kind kind = RESOURCE_TYPES.get(first.substring(0, first.indexOf('/')));
      if (kind != null) {
        addName(citations, number, kind, first.substring(first.indexOf('/') + 1), namespace);
      }
      return;
    }
    Kind type = RESOURCE_TYPES.get(first);
    switch (verb) {
      case "get", "describe", "delete", "wait", "edit", "patch", "annotate", "label" -> {
        if (type != null) {
          for (String name : args.subList(1, args.size())) {
            addName(citations, number, type, name, type == Kind.STORAGE_CLASS ? null : namespace);
          }
        }
      }
      case "logs", "exec", "port-forward", "attach", "cp" ->
          addName(citations, number, Kind.POD, first, namespace);
      default -> {}
    }
  }

  /**
   * {@code kubectl cnpg <verb> <cluster> [<instance>]}; {@code logs} and {@code report} take a
   * subject first.
   */
  private static void cnpg(
      int number, List<String> args, String namespace, List<Citation> citations) {
    if (args.isEmpty()) {
      return;
    }
    List<String> rest = args.subList(1, args.size());
    if ((args.get(0).equals("logs") || args.get(0).equals("report")) && !rest.isEmpty()) {
      if (!rest.get(0).equals("cluster")) {
        return;
      }
      rest = rest.subList(1, rest.size());
    }
    if (rest.isEmpty()) {
      return;
    }
    addName(citations, number, Kind.CLUSTER, rest.get(0), namespace);
    for (String instance : rest.subList(1, rest.size())) {
      addName(citations, number, Kind.POD, instance, namespace);
    }
  }

  private static void selector(int number, String selector, List<Citation> citations) {
    for (String term : selector.split(",")) {
      int eq = term.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = term.substring(0, eq).replace("!", "");
      String value = term.substring(eq + 1).replace("=", "");
      Kind kind =
          switch (key) {
            case "cnpg.io/cluster" -> Kind.CLUSTER;
            case "job-name", "batch.kubernetes.io/job-name" -> Kind.JOB;
            case "cnpg.io/poolerName" -> Kind.POOLER;
            case "cnpg.io/instanceName" -> Kind.POD;
            default -> null;
          };
      if (kind != null) {
        addName(citations, number, kind, value, null);
      }
    }
  }

  /**
   * Adds a name unless it is a placeholder ({@code <instance>}), a shell expansion or not a
   * Kubernetes name.
   */
  private static void addName(
      List<Citation> citations, int number, Kind kind, String name, String namespace) {
    if (DNS_SUBDOMAIN.matcher(name).matches()) {
      citations.add(new Citation(number, kind, name, namespace));
    }
  }

  /**
   * Shell words: whitespace-separated, quotes grouping (and dropped); a closing parenthesis ends
   * the command.
   */
  static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          current.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          tokens.add(current.toString());
          current.setLength(0);
          inWord = false;
        }
      } else if (c == ')' && !inWord) {
        tokens.add(")");
      } else if (c == ')') {
        tokens.add(current.toString());
        tokens.add(")");
        current.setLength(0);
        inWord = false;
      } else {
        current.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      tokens.add(current.toString());
    }
    return tokens;
  }

  private static Map<String, Kind> resourceTypes() {
    Map<String, Kind> types = new java.util.HashMap<>();
    putType(types, Kind.NAMESPACE, "namespace", "namespaces", "ns");
    putType(types, Kind.JOB, "job", "jobs", "jobs.batch");
    putType(types, Kind.CONFIG_MAP, "configmap", "configmaps", "cm");
    putType(types, Kind.SECRET, "secret", "secrets");
    putType(types, Kind.SERVICE, "service", "services", "svc");
    putType(types, Kind.DEPLOYMENT, "deployment", "deployments", "deploy", "deployments.apps");
    putType(types, Kind.POD, "pod", "pods", "po");
    putType(types, Kind.PVC, "pvc", "pvcs", "persistentvolumeclaim", "persistentvolumeclaims");
    putType(types, Kind.STORAGE_CLASS, "storageclass", "storageclasses", "sc");
    putType(types, Kind.CLUSTER, "cluster", "clusters", "clusters.postgresql.cnpg.io");
    putType(types, Kind.POOLER, "pooler", "poolers", "poolers.postgresql.cnpg.io");
    putType(
        types,
        Kind.SCHEDULED_BACKUP,
        "scheduledbackup",
        "scheduledbackups",
        "scheduledbackups.postgresql.cnpg.io");
    putType(
        types,
        Kind.OBJECT_STORE,
        "objectstore",
        "objectstores",
        "objectstores.barmancloud.cnpg.io");
    putType(
        types, Kind.POD_MONITOR, "podmonitor", "podmonitors", "podmonitors.monitoring.coreos.com");
    putType(
        types,
        Kind.PROMETHEUS_RULE,
        "prometheusrule",
        "prometheusrules",
        "prometheusrules.monitoring.coreos.com");
    putType(
        types,
        Kind.ATLAS_MIGRATION,
        "atlasmigration",
        "atlasmigrations",
        "atlasmigrations.db.atlasgo.io");
    putType(types, Kind.ATLAS_SCHEMA, "atlasschema", "atlasschemas", "atlasschemas.db.atlasgo.io");
    putType(types, Kind.APPLICATION, "application", "applications", "applications.argoproj.io");
    putType(
        types,
        Kind.APPLICATION_SET,
        "applicationset",
        "applicationsets",
        "appset",
        "applicationsets.argoproj.io");
    // Named only to skip: the runbook lists backups, it never names one.
    putType(types, Kind.ANY, "backup", "backups", "backups.postgresql.cnpg.io", "events", "event");
    return Map.copyOf(types);
  }

  private static void putType(Map<String, Kind> types, Kind kind, String... names) {
    for (String name : names) {
      types.put(name, kind);
    }
  }
}
