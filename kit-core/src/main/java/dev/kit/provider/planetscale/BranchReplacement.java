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

  /** The branch's name: shown, not compared, since a new one renames the branch in place. */
  private static final String NAME = "name";

  private BranchReplacement() {}

  /**
   * The module's branch: its name, its create-time attributes and whether it has {@code
   * prevent_destroy}.
   *
   * @param name the branch's name
   * @param values the attributes set, by name, in {@link PlanetScaleModule#CREATE_TIME_ATTRIBUTES}
   *     order
   */
  record Branch(String name, Map<String, String> values, boolean preventDestroy) {}

  /** Whether {@code path} is a module kit writes: {@code services/<service>[/envs/<env>]/...}. */
  static boolean isModule(String path) {
    return location(path) != null;
  }

  /**
   * The warnings for replacing {@code before} with {@code after} at {@code path}: one per branch
   * when a create-time attribute gets a new value, none when either file is not kit's module.
   */
  static List<String> warnings(String path, byte[] before, byte[] after) {
    String[] at = location(path);
    Branch old = read(before);
    Branch now = read(after);
    if (at == null || old == null || now == null) {
      return List.of();
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
              + FIELDS.get(attribute)
              + (was == null ? " (remove it)" : " (back to " + was + ")"));
    }
    if (changes.isEmpty()) {
      return List.of();
    }
    String branch = old.name();
    StringBuilder warning =
        new StringBuilder("service ")
            .append(at[0])
            .append(at[1] == null ? "" : ", environment " + at[1])
            .append(": ")
            .append(String.join(", ", changes))
            .append(" on PlanetScale branch `")
            .append(branch)
            .append("` (")
            .append(path)
            .append(") replaces the branch: PlanetScale's provider sets ")
            .append(changes.size() == 1 ? "this attribute" : "these attributes")
            .append(" only when it creates a branch. ");
    if (now.preventDestroy()) {
      warning
          .append("It is a production branch, so the next apply fails on prevent_destroy and")
          .append(" changes nothing. To keep the branch, revert ")
          .append(String.join(", ", reverts))
          .append(
              ". To replace it anyway: if you need its data, restore a backup into a new branch"
                  + " first (the service's RUNBOOK.md, Backups and restore); then generate and apply"
                  + " production(false) alone on services["
                  + at[0]
                  + "].database.planetScale (the module drops prevent_destroy and"
                  + " deletion_protected), then this change. Deleting the last branch of a"
                  + " database deletes the database.");
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

  /** The value as the warning shows it: PlanetScale's default when kit left it out. */
  private static String shown(String attribute, @Nullable String value) {
    return value != null
        ? value
        : "(unset: " + DEFAULTS.getOrDefault(attribute, "PlanetScale's default") + ")";
  }

  /**
   * The service and environment (null without environments) of {@code path}, or null when it is not
   * {@code services/<service>[/envs/<env>]/database/main.tf}.
   */
  private static String @Nullable [] location(String path) {
    String[] names = path.split("/", -1);
    String module = PlanetScaleModule.FOLDER + "/" + PlanetScaleModule.FILE;
    if (!path.endsWith("/" + module) || !names[0].equals(RepositoryLayout.SERVICES)) {
      return null;
    }
    if (names.length == 4) {
      return new String[] {names[1], null};
    }
    if (names.length == 6 && names[2].equals(RepositoryLayout.ENVIRONMENTS)) {
      return new String[] {names[1], names[3]};
    }
    return null;
  }

  /**
   * The branch of a module kit wrote: its header first, then the branch's block with each
   * create-time attribute at most once (and {@code name} and {@code major_version}), closed by a
   * {@code }} alone on a line; null for anything else.
   */
  static @Nullable Branch read(byte[] module) {
    if (!GeneratedHeader.isPresent(module)) {
      return null;
    }
    List<String> lines = new String(module, StandardCharsets.UTF_8).lines().toList();
    int start = lines.indexOf(OPENING);
    if (start < 0 || lines.lastIndexOf(OPENING) != start) {
      return null;
    }
    Map<String, String> found = new LinkedHashMap<>();
    boolean preventDestroy = false;
    for (int i = start + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.equals("}")) {
        String name = found.get(NAME);
        if (name == null || !found.containsKey("major_version")) {
          return null;
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String attribute : PlanetScaleModule.CREATE_TIME_ATTRIBUTES) {
          String value = found.get(attribute);
          if (value != null) {
            ordered.put(attribute, value);
          }
        }
        return new Branch(name, ordered, preventDestroy);
      }
      preventDestroy |= line.equals(PREVENT_DESTROY);
      Matcher attribute = ATTRIBUTE.matcher(line);
      if (attribute.matches()
          && (attribute.group(1).equals(NAME)
              || PlanetScaleModule.CREATE_TIME_ATTRIBUTES.contains(attribute.group(1)))
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
