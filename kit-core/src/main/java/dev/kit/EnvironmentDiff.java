package dev.kit;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.kit.layout.RepositoryLayout;
import dev.kit.layout.ServiceLayout;
import dev.kit.model.Environment;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import dev.kit.plan.FilePlan;
import dev.kit.validate.KitValidationException;
import dev.kit.validate.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * What differs between two environments' rendered objects, per service and for the platform, field
 * by field (JSON pointers into each YAML file), and their other generated files (a PlanetScale
 * module's {@code database/main.tf}, not the runbook) line by line, ignoring what must differ:
 * destinations and names that carry the environment (the Applications' names and paths, a namespace
 * rule's namespaces). What {@code kit:diff} prints.
 *
 * <pre>{@code
 * EnvironmentDiff diff = Generator.forRepository(Path.of(".")).diff(kit, "staging", "prod");
 * System.out.print(diff);
 * }</pre>
 */
public final class EnvironmentDiff {

  private static final ObjectMapper YAML = YAMLMapper.builder().build();

  /** How {@code kit:diff} prints a long object or list: block YAML, quoted only where needed. */
  private static final ObjectMapper BLOCK =
      YAMLMapper.builder()
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
          .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
          .build();

  /** The longest value, as JSON, that {@code kit:diff} prints on the line of its field. */
  private static final int INLINE_VALUE = 60;

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** What stands for the environment's name where it must differ. */
  private static final String NORMALIZED = "<environment>";

  /**
   * The fields whose values carry the environment's name: object names, namespaces, Argo CD
   * projects and source paths, and the alerts' descriptions (they link the environment's runbook).
   */
  private static final Set<String> CARRY_ENVIRONMENT =
      Set.of("name", "namespace", "project", "path", "include", "exclude", "description");

  /**
   * One field that differs.
   *
   * @param pointer where, as a JSON pointer into the object
   * @param from its value in the first environment (JSON), or null when only the second has it
   * @param to its value in the second environment (JSON), or null when only the first has it
   */
  public record Change(String pointer, @Nullable String from, @Nullable String to) {}

  /**
   * One file of a service (relative to its environment's folder) or of the platform, and what
   * differs in it.
   *
   * @param file such as {@code manifests/database/cluster.yaml}
   * @param object its kind and name, such as {@code Cluster orders-cluster}; empty for a text file
   *     that is no object, such as a PlanetScale module's {@code database/main.tf}
   * @param presence {@code both}, or the environment that alone has it
   * @param changes the fields that differ, in document order; for a text file, one change at
   *     pointer {@code ""} whose values are the two texts (as JSON strings); empty for a file only
   *     one environment has
   */
  public record FileDiff(String file, String object, String presence, List<Change> changes) {
    public FileDiff {
      changes = List.copyOf(changes);
    }
  }

  /**
   * A service, or {@code platform}, and its files that differ.
   *
   * @param name {@code services[orders]} or {@code platform}
   * @param presence {@code both}, or the environment that alone has it
   * @param files the files that differ, sorted by path
   */
  public record Part(String name, String presence, List<FileDiff> files) {
    public Part {
      files = List.copyOf(files);
    }
  }

  private final String from;
  private final String to;
  private final List<Part> parts;

  private EnvironmentDiff(String from, String to, List<Part> parts) {
    this.from = from;
    this.to = to;
    this.parts = List.copyOf(parts);
  }

  public String from() {
    return from;
  }

  public String to() {
    return to;
  }

  /** Every service of either environment in description order, then the platform. */
  public List<Part> parts() {
    return parts;
  }

  /** Whether the two environments render the same objects, apart from what must differ. */
  public boolean isEmpty() {
    return parts.stream().allMatch(p -> p.presence().equals("both") && p.files().isEmpty());
  }

  /**
   * The diff of {@code plan}, which {@code kit} rendered, between environments {@code from} and
   * {@code to}.
   */
  static EnvironmentDiff of(Kit kit, FilePlan plan, String from, String to) {
    List<Violation> unknown = new ArrayList<>();
    String declared =
        kit.environments().isEmpty()
            ? "the description declares none (add .environment(...) to it)"
            : "use one of "
                + kit.environments().stream()
                    .map(Environment::name)
                    .collect(Collectors.joining(", "));
    if (kit.environment(from).isEmpty()) {
      unknown.add(new Violation("diff.from", "no environment \"" + from + "\"", declared));
    }
    if (kit.environment(to).isEmpty()) {
      unknown.add(new Violation("diff.to", "no environment \"" + to + "\"", declared));
    }
    if (!unknown.isEmpty()) {
      throw new KitValidationException(unknown);
    }
    Names names = new Names(from, to);
    List<Part> parts = new ArrayList<>();
    for (Service service : kit.services()) {
      boolean inFrom = service.existsIn(from);
      boolean inTo = service.existsIn(to);
      if (!inFrom && !inTo) {
        continue;
      }
      String name = "services[" + service.name() + "]";
      if (inFrom != inTo) {
        parts.add(new Part(name, inFrom ? from : to, List.of()));
        continue;
      }
      parts.add(
          new Part(
              name,
              "both",
              files(
                  plan,
                  RepositoryLayout.service(service.name(), from).deployed(),
                  RepositoryLayout.service(service.name(), to).deployed(),
                  names)));
    }
    parts.add(
        new Part(
            "platform",
            "both",
            files(
                plan,
                RepositoryLayout.platformFolder(from),
                RepositoryLayout.platformFolder(to),
                names)));
    return new EnvironmentDiff(from, to, parts);
  }

  /**
   * The files under {@code fromFolder} and {@code toFolder} that differ, by their path below the
   * folder: each YAML file's object field by field, each other text file (a PlanetScale module's
   * {@code database/main.tf}) line by line.
   */
  private static List<FileDiff> files(
      FilePlan plan, String fromFolder, String toFolder, Names environments) {
    String from = environments.from();
    String to = environments.to();
    TreeSet<String> names = new TreeSet<>();
    names.addAll(generated(plan, fromFolder));
    names.addAll(generated(plan, toFolder));
    // The objects first: a text that one carries whole (a Workspace's module is its main.tf) is
    // shown once, in that object.
    Map<String, JsonNode> objects = new HashMap<>();
    Set<String> carriedFrom = new HashSet<>();
    Set<String> carriedTo = new HashSet<>();
    // Only a folder with a text file needs to know which texts its objects carry.
    boolean texts = false;
    for (String file : names) {
      texts |= !file.endsWith(".yaml");
    }
    for (String file : names) {
      if (file.endsWith(".yaml")) {
        read(
            plan,
            fromFolder + "/" + file,
            environments.fromName(),
            texts ? carriedFrom : null,
            objects);
        read(plan, toFolder + "/" + file, environments.toName(), texts ? carriedTo : null, objects);
      }
    }
    List<FileDiff> files = new ArrayList<>();
    for (String file : names) {
      String fromPath = fromFolder + "/" + file;
      String toPath = toFolder + "/" + file;
      if (!file.endsWith(".yaml")) {
        text(plan, file, fromPath, toPath, environments, carriedFrom, carriedTo)
            .ifPresent(files::add);
      } else if (!plan.contains(toPath)) {
        files.add(new FileDiff(file, describe(read(objects, fromPath)), from, List.of()));
      } else if (!plan.contains(fromPath)) {
        files.add(new FileDiff(file, describe(read(objects, toPath)), to, List.of()));
      } else {
        JsonNode b = read(objects, toPath);
        List<Change> changes = new ArrayList<>();
        compare("", read(objects, fromPath), b, changes);
        if (!changes.isEmpty()) {
          files.add(new FileDiff(file, describe(b), "both", changes));
        }
      }
    }
    return files;
  }

  /**
   * A text file's difference: one {@link Change} at pointer {@code ""} with both texts, the
   * environment's name in each made the same; empty when they are the same, or when an object of
   * each environment that has the file carries its text whole.
   */
  private static Optional<FileDiff> text(
      FilePlan plan,
      String file,
      String fromPath,
      String toPath,
      Names environments,
      Set<String> carriedFrom,
      Set<String> carriedTo) {
    String from = environments.from();
    String to = environments.to();
    String a = plan.contains(fromPath) ? plan.text(fromPath) : null;
    String b = plan.contains(toPath) ? plan.text(toPath) : null;
    if ((a == null || carriedFrom.contains(a)) && (b == null || carriedTo.contains(b))) {
      return Optional.empty();
    }
    if (a == null || b == null) {
      return Optional.of(new FileDiff(file, "", a == null ? to : from, List.of()));
    }
    String was = environments.fromText().matcher(a).replaceAll(NORMALIZED);
    String is = environments.toText().matcher(b).replaceAll(NORMALIZED);
    return was.equals(is)
        ? Optional.empty()
        : Optional.of(
            new FileDiff(
                file,
                "",
                "both",
                List.of(
                    new Change("", JSON.writeValueAsString(was), JSON.writeValueAsString(is)))));
  }

  /**
   * The files kit generates under {@code folder} that {@code kit:diff} compares: not the runbook,
   * which describes the objects compared and names the environment throughout.
   */
  private static List<String> generated(FilePlan plan, String folder) {
    String prefix = folder + "/";
    return plan.paths().stream()
        .filter(p -> p.startsWith(prefix))
        .map(p -> p.substring(prefix.length()))
        .filter(p -> !p.equals(ServiceLayout.RUNBOOK))
        // platform/<env>/... only: a service's own environments are not the platform's files
        .filter(p -> !p.startsWith(RepositoryLayout.ENVIRONMENTS + "/"))
        .toList();
  }

  /**
   * Reads the object in {@code path}, if the plan has it, into {@code objects} with what must
   * differ in the environment (where {@code environment} matches) made the same in every
   * environment, and its texts of several lines into {@code carried}, when given.
   */
  private static void read(
      FilePlan plan,
      String path,
      Pattern environment,
      @Nullable Set<String> carried,
      Map<String, JsonNode> objects) {
    if (!plan.contains(path)) {
      return;
    }
    JsonNode tree = YAML.readTree(plan.text(path));
    if (carried != null) {
      texts(tree, carried);
    }
    objects.put(path, normalize(tree, "", environment));
  }

  /** An object {@link #read} read. */
  private static JsonNode read(Map<String, JsonNode> objects, String path) {
    return Objects.requireNonNull(objects.get(path), "every YAML file in the plan is read first");
  }

  private static void texts(JsonNode node, Set<String> texts) {
    if (node.isString() && node.asString().indexOf('\n') >= 0) {
      texts.add(node.asString());
    }
    node.forEach(child -> texts(child, texts));
  }

  /**
   * The two environments compared, with the patterns that find each one's name, compiled once per
   * diff: in an object's values, and in a text, where a line may end with the name.
   */
  private record Names(
      String from, String to, Pattern fromName, Pattern toName, Pattern fromText, Pattern toText) {
    Names(String from, String to) {
      this(
          from,
          to,
          environment(from, 0),
          environment(to, 0),
          environment(from, Pattern.MULTILINE),
          environment(to, Pattern.MULTILINE));
    }
  }

  /**
   * Where a name, path or namespace carries {@code environment}: {@code orders-dev}, {@code
   * envs/dev/}.
   */
  private static Pattern environment(String environment, int flags) {
    return Pattern.compile("(?<=[-/])" + Pattern.quote(environment) + "(?=$|[/.,}\"])", flags);
  }

  private static JsonNode normalize(JsonNode node, String key, Pattern environment) {
    if (node.isString()) {
      // Only names, namespaces and paths carry the environment; other text (SQL, atlas.hcl, images)
      // is compared as is.
      return CARRY_ENVIRONMENT.contains(key)
          ? YAML.getNodeFactory()
              .stringNode(environment.matcher(node.asString()).replaceAll(NORMALIZED))
          : node;
    }
    if (node.isArray()) {
      var array = YAML.createArrayNode();
      node.forEach(element -> array.add(normalize(element, key, environment)));
      return array;
    }
    if (node.isObject()) {
      var object = YAML.createObjectNode();
      boolean destination = key.equals("destination") || key.equals("destinations");
      for (String field : node.propertyNames()) {
        // Destinations must differ: each environment is its own cluster.
        if (destination && (field.equals("server") || field.equals("name"))) {
          continue;
        }
        object.set(field, normalize(node.get(field), field, environment));
      }
      return object;
    }
    return node;
  }

  /** Adds every field under {@code pointer} where {@code a} and {@code b} differ. */
  private static void compare(String pointer, JsonNode a, JsonNode b, List<Change> changes) {
    if (a.equals(b)) {
      return;
    }
    if (a.isObject() && b.isObject()) {
      TreeSet<String> keys = new TreeSet<>(a.propertyNames());
      keys.addAll(b.propertyNames());
      for (String key : keys) {
        String at = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
        JsonNode x = a.get(key);
        JsonNode y = b.get(key);
        if (x == null || y == null) {
          changes.add(
              new Change(at, x == null ? null : x.toString(), y == null ? null : y.toString()));
        } else {
          compare(at, x, y, changes);
        }
      }
    } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        compare(pointer + "/" + i, a.get(i), b.get(i), changes);
      }
    } else if (a.isArray() && b.isArray()) {
      // A list that grew or shrank (kinds in an AppProject, containers): what only one side holds,
      // at its own index.
      List<JsonNode> left = new ArrayList<>();
      a.forEach(left::add);
      List<JsonNode> right = new ArrayList<>();
      b.forEach(right::add);
      for (int i = 0; i < left.size(); i++) {
        if (!right.contains(left.get(i))) {
          changes.add(new Change(pointer + "/" + i, left.get(i).toString(), null));
        }
      }
      for (int i = 0; i < right.size(); i++) {
        if (!left.contains(right.get(i))) {
          changes.add(new Change(pointer + "/" + i, null, right.get(i).toString()));
        }
      }
    } else {
      changes.add(new Change(pointer.isEmpty() ? "/" : pointer, a.toString(), b.toString()));
    }
  }

  private static String describe(JsonNode object) {
    String kind = object.path("kind").asString("");
    String name = object.path("metadata").path("name").asString("");
    return (kind + " " + name).strip();
  }

  /**
   * The diff as {@code kit:diff} prints it: one line per service or platform, then its files and
   * fields, indented.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append("kit: ")
        .append(from)
        .append(" -> ")
        .append(to)
        .append(" (ignoring destinations and names that carry the environment)\n");
    for (Part part : parts) {
      out.append(part.name()).append(": ");
      if (!part.presence().equals("both")) {
        out.append("only in ").append(part.presence()).append('\n');
        continue;
      }
      out.append(
          part.files().isEmpty()
              ? "no differences\n"
              : part.files().size()
                  + (part.files().size() == 1 ? " file differs\n" : " files differ\n"));
      for (FileDiff file : part.files()) {
        out.append("  ").append(file.file());
        if (file.object().isEmpty()) {
          // A text file: only in one environment, or the lines that differ.
          out.append(": ");
          if (!file.presence().equals("both")) {
            out.append("only in ").append(file.presence()).append('\n');
            continue;
          }
          Change whole = file.changes().get(0);
          out.append("lines differ");
          hunks(
                  Objects.requireNonNull(whole.from(), "a text file in both has both texts"),
                  Objects.requireNonNull(whole.to(), "a text file in both has both texts"))
              .forEach(line -> out.append("\n    ").append(line));
          out.append('\n');
          continue;
        }
        out.append(" (").append(file.object()).append(')');
        if (!file.presence().equals("both")) {
          out.append(": only in ").append(file.presence()).append('\n');
          continue;
        }
        out.append('\n');
        for (Change change : file.changes()) {
          out.append("    ").append(change.pointer()).append(": ");
          String was = change.from();
          String is = change.to();
          if (was == null) {
            out.append("only in ").append(to).append(':');
            appendValue(out, Objects.requireNonNull(is, "a change has at least one side"));
          } else if (is == null) {
            out.append("only in ").append(from).append(':');
            appendValue(out, was);
          } else if (isText(was) && isText(is)) {
            // A text in a field (a Workspace's OpenTofu module): only the lines that differ, as
            // diff hunks.
            out.append("lines differ");
            hunks(was, is).forEach(line -> out.append("\n      ").append(line));
          } else {
            out.append(was).append(" -> ").append(is);
          }
          out.append('\n');
        }
      }
    }
    return out.toString();
  }

  /**
   * Appends a value only one side has: as JSON on the line when short, else an object or a list (an
   * alert rule, a plugin) as YAML below it, one field per line, as a reviewer reads the manifests.
   */
  private static void appendValue(StringBuilder out, String json) {
    if (json.length() <= INLINE_VALUE || !(json.startsWith("{") || json.startsWith("["))) {
      out.append(' ').append(json);
      return;
    }
    // A list's items start at the margin, as an object's fields do (stripIndent counts a last,
    // empty line, hence stripTrailing first).
    BLOCK
        .writeValueAsString(JSON.readTree(json))
        .stripTrailing()
        .stripIndent()
        .lines()
        .forEach(line -> out.append("\n      ").append(line));
  }

  /** The unified-diff hunks between two texts, as JSON strings, without the files' header. */
  private List<String> hunks(String was, String is) {
    List<String> a = lines(was);
    List<String> b = lines(is);
    return UnifiedDiffUtils.generateUnifiedDiff(from, to, a, DiffUtils.diff(a, b), 0).stream()
        .skip(2)
        .toList();
  }

  /** Whether a value, as JSON, is a string of several lines. */
  private static boolean isText(String json) {
    return json.startsWith("\"") && JSON.readValue(json, String.class).indexOf('\n') >= 0;
  }

  private static List<String> lines(String json) {
    return List.of(JSON.readValue(json, String.class).split("\n", -1));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnvironmentDiff d
        && from.equals(d.from)
        && to.equals(d.to)
        && parts.equals(d.parts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(from, to, parts);
  }
}
