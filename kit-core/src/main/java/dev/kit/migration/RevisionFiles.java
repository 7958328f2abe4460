package dev.kit.migration;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Files of a repository as a Git revision holds them, such as the base a pull request merges into,
 * read with the {@code git} executable: what {@code kit:check} compares planned files with, beside
 * the migrations the history guard reads there.
 */
public final class RevisionFiles {

  /** The modes {@code ls-tree} shows for a regular file; a link (120000) is not read. */
  private static final List<String> FILE_MODES = List.of("100644", "100755");

  private RevisionFiles() {}

  /**
   * The bytes {@code revision} holds at each of {@code paths}: only the paths that are regular
   * files there. A path missing at the revision, a symbolic link or folder there, a repository
   * outside Git, a revision that is no commit, or a git that fails all mean no entry: the caller
   * then has nothing to compare, never an error.
   *
   * @param repository the service repository, any folder inside a Git work tree
   * @param revision a Git revision, such as {@code origin/main}
   * @param paths repository-relative, with {@code /}
   * @return the bytes by path, in the order of {@code paths}
   */
  public static Map<String, byte[]> read(
      Path repository, String revision, Collection<String> paths) {
    if (paths.isEmpty() || revision.startsWith("-")) {
      return Map.of(); // a revision that git would read as an option names no commit
    }
    GitCli git = new GitCli(repository);
    GitCli.Result prefixed = git.prefix();
    if (!prefixed.ok()) {
      return Map.of();
    }
    String prefix = prefixed.text();
    List<String> args =
        new ArrayList<>(List.of("--literal-pathspecs", "ls-tree", "-z", "--full-tree", revision));
    args.add("--");
    paths.forEach(path -> args.add(prefix + path));
    GitCli.Result tree = git.run(args.toArray(String[]::new));
    if (!tree.ok()) {
      return Map.of();
    }
    Map<String, String> blobs = new LinkedHashMap<>(); // full path -> object id
    for (String entry : new String(tree.stdout(), StandardCharsets.UTF_8).split("\0")) {
      // <mode> SP <type> SP <object> TAB <path>
      int tab = entry.indexOf('\t');
      String[] meta = tab < 0 ? new String[0] : entry.substring(0, tab).split(" ");
      if (meta.length == 3 && meta[1].equals("blob") && FILE_MODES.contains(meta[0])) {
        blobs.put(entry.substring(tab + 1), meta[2]);
      }
    }
    List<String> found = new ArrayList<>();
    StringBuilder ids = new StringBuilder();
    for (String path : paths) {
      String id = blobs.get(prefix + path);
      if (id != null) {
        found.add(path);
        ids.append(id).append('\n');
      }
    }
    if (found.isEmpty()) {
      return Map.of();
    }
    GitCli.Result batch =
        git.run(ids.toString().getBytes(StandardCharsets.UTF_8), "cat-file", "--batch");
    if (!batch.ok()) {
      return Map.of();
    }
    return contents(batch.stdout(), found);
  }

  /**
   * Splits {@code cat-file --batch} output: per object a header {@code <id> <type> <size>}, the
   * bytes and a newline; {@code <id> missing} for an object the clone lacks.
   */
  private static Map<String, byte[]> contents(byte[] out, List<String> paths) {
    Map<String, byte[]> contents = new LinkedHashMap<>();
    int at = 0;
    for (String path : paths) {
      int newline = indexOf(out, (byte) '\n', at);
      if (newline < 0) {
        break;
      }
      String[] header = new String(out, at, newline - at, StandardCharsets.UTF_8).split(" ");
      at = newline + 1;
      if (header.length != 3) {
        continue; // missing: no bytes follow
      }
      int size;
      try {
        size = Integer.parseInt(header[2]);
      } catch (NumberFormatException e) {
        break;
      }
      if (size < 0 || at + size > out.length) {
        break;
      }
      if (header[1].equals("blob")) {
        contents.put(path, Arrays.copyOfRange(out, at, at + size));
      }
      at += size + 1;
    }
    return contents;
  }

  private static int indexOf(byte[] bytes, byte wanted, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }
}
