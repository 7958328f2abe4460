package dev.kit.provider.planetscale;

import dev.kit.layout.RepositoryLayout;
import dev.kit.plan.GeneratedHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Whether a regenerated {@code database/main.tf} makes the next apply replace the PlanetScale
 * branch: a {@linkplain PlanetScaleModule#CREATE_TIME_ATTRIBUTES create-time attribute} of the
 * committed module's branch gets a new value. Read from the files, not from the description: what
 * is committed is what was applied (or is about to be). The reader is strict, for kit's own lines
 * only; a module kit did not write, or wrote differently, says nothing.
 */
final class BranchReplacement {

  /** Where each attribute comes from in the description, below {@code services[<service>]}. */
  private static final Map<String, String> FIELDS =
      Map.of(
          "name", "database.planetScale.branch",
          "major_version", "database.postgresMajor",
          "region", "database.planetScale.region",
          "parent_branch", "database.planetScale.parentBranch");

  /** What an attribute kit left out means to PlanetScale. */
  private static final Map<String, String> DEFAULTS =
      Map.of(
          "region", "the database's default region",
          "parent_branch", "the database's default branch");

  private static final String OPENING =
      "resource \""
          + PlanetScaleModule.BRANCH_RESOURCE
          + "\" \""
          + PlanetScaleModule.BRANCH_NAME
          + "\" {";

  /** One top-level attribute line of the block, as the module writes it: a quoted value. */
  private static final Pattern ATTRIBUTE =
      Pattern.compile("  ([a-z_]+) += \"((?:[^\"\\\\]|\\\\.)*)\"");

  private static final String PREVENT_DESTROY = "    prevent_destroy = true";

  private BranchReplacement() {}

  /**
   * The module's branch: its name, its create-time attributes, whether it has {@code
   * prevent_destroy}, and whether the module imports it (adopted).
   *
   * @param name the branch's name
   * @param values the attributes set, by name, in {@link PlanetScaleModule#CREATE_TIME_ATTRIBUTES}
   *     order ({@code name} among them)
   */
  record Branch(String name, Map<String, String> values, boolean preventDestroy, boolean adopted) {}

  /** The module's path below its service (or environment) folder. */
  private static final String MODULE = PlanetScaleModule.FOLDER + "/" + PlanetScaleModule.FILE;

  /**
   * Whether {@code path} is a module kit writes: {@code services/<service>[/envs/<env>]/...}. Asked
   * of every file of every rendered service: {@link RepositoryLayout#serviceOf} looks at the path's
   * ends before it splits.
   */
  static boolean isModule(String path) {
    return RepositoryLayout.serviceOf(path, MODULE) != null;
  }

  /**
   * The warnings for replacing {@code before} with {@code after} at {@code path}: one per branch
   * when a create-time attribute gets a new value, none when either file is not kit's module.
   */
  static List<String> warnings(String path, byte[] before, byte[] after) {
    String[] at = RepositoryLayout.serviceOf(path, MODULE);
    Branch old = read(before);
    Branch now = read(after);
    if (at == null || old == null || now == null) {
      return List.of();
    }
    String where = "service " + at[0] + (at[1] == null ? "" : ", environment " + at[1]) + ": ";
    if (old.adopted() && !now.adopted()) {
      // The provider reads neither major_version nor region back: an imported branch's state lacks
      // them, so the module setting them now plans a replacement.
      return List.of(
          where
              + "adoptBranch(...) is gone from PlanetScale branch `"
              + old.name()
              + "` ("
              + path
              + "), which existed before kit: the module now sets the attributes fixed at a"
              + " branch's creation, which its imported state lacks, so the next apply replaces it"
              + (now.preventDestroy()
                  ? " (prevent_destroy makes that apply fail)"
                  : ", destroying it with its data")
              + ". Keep adoptBranch(...) on services["
              + at[0]
              + "].database.planetScale"
              + (at[1] == null ? "" : " (" + inEnvironment(at).substring(2) + ")")
              + " for as long as the branch lives.");
    }
    List<String> changes = new ArrayList<>();
    List<String> reverts = new ArrayList<>();
    for (String attribute : PlanetScaleModule.CREATE_TIME_ATTRIBUTES) {
      String was = old.values().get(attribute);
      String is = now.values().get(attribute);
      // RequiresReplaceIfConfigured: an attribute taken out of the module replaces nothing.
      if (is == null || is.equals(was)) {
        continue;
      }
      changes.add(attribute + " " + shown(attribute, was) + " -> " + is);
      reverts.add(
          "services["
              + at[0]
              + "]."
              + FIELDS.getOrDefault(attribute, attribute)
              + (was == null ? " (remove it" : " (back to " + was)
              + inEnvironment(at)
              + ")");
    }
    if (changes.isEmpty()) {
      return List.of();
    }
    StringBuilder warning =
        new StringBuilder(where)
            .append(String.join(", ", changes))
            .append(" on PlanetScale branch `")
            .append(old.name())
            .append("` (")
            .append(path)
            .append(") replaces the branch: PlanetScale's provider sets ")
            .append(changes.size() == 1 ? "this attribute" : "these attributes")
            .append(" only when it creates a branch. ");
    if (now.preventDestroy()) {
      warning
          .append("The branch has prevent_destroy, so the next apply fails and")
          .append(" changes nothing. To keep the branch, revert ")
          .append(String.join(", ", reverts))
          .append('.');
      if (now.adopted()) {
        warning.append(" The module never destroys an adopted branch.");
      } else {
        warning.append(
            " To replace it anyway: if you need its data, restore a backup into a new branch"
                + " first (the service's RUNBOOK.md, Backups and restore); then generate and apply"
                + " production(false) alone (the module drops prevent_destroy and sets"
                + " deletion_protected = false), then this change. Deleting the last branch of a"
                + " database deletes the database.");
      }
    } else {
      warning
          .append("The next apply makes PlanetScale destroy it with its data and create an empty")
          .append(" one (the migrations run again from the start). If that is not what you want,")
          .append(" revert ")
          .append(String.join(", ", reverts))
          .append("; if you need the data, restore a backup into a new branch first (the")
          .append(" service's RUNBOOK.md, Backups and restore): kit knows no way to change ")
          .append(changes.size() == 1 ? "it" : "them")
          .append(" in place.");
    }
    return List.of(warning.toString());
  }

  /** With environments, where the value may be set: the environment's override or the service. */
  private static String inEnvironment(String[] at) {
    return at[1] == null ? "" : ", in in(\"" + at[1] + "\", ...) or the service's own";
  }

  /** The value as the warning shows it: PlanetScale's default when kit left it out. */
  private static String shown(String attribute, @Nullable String value) {
    return value != null
        ? value
        : "(unset: " + DEFAULTS.getOrDefault(attribute, "PlanetScale's default") + ")";
  }

  /**
   * The branch of a module kit wrote: its header first, then the branch's block with each
   * create-time attribute at most once (and {@code name}), closed by a {@code }} alone on a line;
   * null for anything else.
   */
  static @Nullable Branch read(byte[] module) {
    if (!GeneratedHeader.isPresent(module)) {
      return null;
    }
    String text = new String(module, StandardCharsets.UTF_8).replace("\r\n", "\n");
    List<String> lines = text.lines().toList();
    int start = lines.indexOf(OPENING);
    if (start < 0 || lines.lastIndexOf(OPENING) != start) {
      return null;
    }
    Map<String, String> found = new LinkedHashMap<>();
    boolean preventDestroy = false;
    for (int i = start + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.equals("}")) {
        String name = found.get("name");
        boolean adopted = text.contains(PlanetScaleModule.IMPORT_OPENING);
        // An adopted branch's module leaves major_version to PlanetScale; kit's other modules set
        // it.
        if (name == null || (!adopted && !found.containsKey("major_version"))) {
          return null;
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String attribute : PlanetScaleModule.CREATE_TIME_ATTRIBUTES) {
          String value = found.get(attribute);
          if (value != null) {
            ordered.put(attribute, value);
          }
        }
        return new Branch(name, ordered, preventDestroy, adopted);
      }
      preventDestroy |= line.equals(PREVENT_DESTROY);
      Matcher attribute = ATTRIBUTE.matcher(line);
      if (attribute.matches()
          && PlanetScaleModule.CREATE_TIME_ATTRIBUTES.contains(attribute.group(1))
          && found.put(attribute.group(1), unquoted(attribute.group(2))) != null) {
        return null;
      }
    }
    return null;
  }

  /** The text of an HCL string as {@code PlanetScaleModule.string} quotes it. */
  private static String unquoted(String quoted) {
    StringBuilder text = new StringBuilder(quoted.length());
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (c == '\\') {
        char next = quoted.charAt(++i);
        text.append(
            switch (next) {
              case 'n' -> '\n';
              case 'r' -> '\r';
              case 't' -> '\t';
              default -> next;
            });
      } else if ((c == '$' || c == '%')
          && i + 2 < quoted.length()
          && quoted.charAt(i + 1) == c
          && quoted.charAt(i + 2) == '{') {
        text.append(c); // $${ and %%{ are a literal ${ and %{
        i++;
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }
}
