package dev.kit.migration;

import dev.kit.plan.RepositoryRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Guards migration history against a base revision (the branch a pull request merges into): a
 * migration that exists at the base may have run on some database, so it must not change or
 * disappear (Atlas would refuse with a checksum mismatch), and a new migration must sort after the
 * newest one at the base (Atlas applies in order and refuses a file older than the database's
 * revision in linear mode).
 */
public final class MigrationHistoryGuard {

  /** The mode {@code ls-tree} shows for a symbolic link. */
  private static final String SYMLINK_MODE = "120000";

  private final Path topLevel;
  private final RepositoryRoot repository;

  /** The repository as the caller names it, which the directories are paths in. */
  private final Path named;

  /** The repository's folder as the work tree names it, {@code ""} or ending in '/'. */
  private final String prefix;

  private MigrationHistoryGuard(Path topLevel, Path named, String prefix) {
    this.topLevel = topLevel;
    this.repository = RepositoryRoot.of(named);
    this.named = named.toAbsolutePath().normalize();
    this.prefix = prefix;
  }

  /**
   * Compares migration directories with {@code base}.
   *
   * @param repository the service repository (any folder inside a Git work tree); migrations are
   *     read from it as {@link MigrationDirectory#read(RepositoryRoot, Path)} reads them
   * @param directories the migration directories to guard, absolute, with a label for messages
   *     (such as {@code services/orders/migrations})
   * @param base the revision to compare with; empty for the branch a pull request merges into: the
   *     target a CI system names ({@code GITHUB_BASE_REF}, {@code
   *     CI_MERGE_REQUEST_TARGET_BRANCH_NAME}), else the remote's default branch ({@code
   *     origin/HEAD}), else the current branch's upstream when it is another branch
   */
  public static HistoryCheck check(
      Path repository, Map<String, Path> directories, Optional<String> base) {
    return check(repository, directories, base, System::getenv);
  }

  /** {@link #check(Path, Map, Optional)} with the environment it reads CI variables from. */
  static HistoryCheck check(
      Path repository,
      Map<String, Path> directories,
      Optional<String> base,
      Function<String, @Nullable String> environment) {
    GitCli git = new GitCli(repository);
    GitCli.Result top = git.run("rev-parse", "--show-toplevel");
    if (!top.ok()) {
      return HistoryCheck.skipped(
          repository + " is not in a Git work tree (" + firstLine(top.stderr()) + ")");
    }
    BaseRevision.Choice choice = BaseRevision.choose(git, base, environment);
    if (choice instanceof BaseRevision.NotChosen notChosen) {
      return notChosen.outcome();
    }
    String revision = ((BaseRevision.Chosen) choice).revision();
    GitCli.Result prefix = git.prefix();
    if (!prefix.ok()) {
      return HistoryCheck.skipped(
          repository + " is not in a Git work tree (" + firstLine(prefix.stderr()) + ")");
    }
    MigrationHistoryGuard guard =
        new MigrationHistoryGuard(Path.of(top.text()), repository, prefix.text());
    List<String> problems = new ArrayList<>();
    directories.forEach(
        (label, dir) -> problems.addAll(guard.checkDirectory(label, dir, revision)));
    return new HistoryCheck(Optional.of(revision), problems, Optional.empty());
  }

  private List<String> checkDirectory(String label, Path dir, String base) {
    Path canonicalTop = topLevel.toAbsolutePath().normalize();
    Path inRepository = named.relativize(dir.toAbsolutePath().normalize());
    String relative = prefix + inRepository.toString().replace('\\', '/');
    GitCli.Result tree = new GitCli(canonicalTop).run("ls-tree", "-z", base, "--", relative + "/");
    if (!tree.ok()) {
      return List.of("cannot list " + label + " at " + base + ": " + firstLine(tree.stderr()));
    }
    TreeMap<String, Blob> blobsAtBase = new TreeMap<>(MigrationFile::compareNames);
    for (String entry : new String(tree.stdout(), StandardCharsets.UTF_8).split("\0")) {
      // <mode> SP <type> SP <object> TAB <path>
      int tab = entry.indexOf('\t');
      if (tab < 0) {
        continue;
      }
      String[] meta = entry.substring(0, tab).split(" ");
      String name = entry.substring(tab + 1).substring(relative.length() + 1);
      if (meta.length == 3
          && meta[1].equals("blob")
          && name.endsWith(".sql")
          && !name.contains("/")) {
        blobsAtBase.put(name, new Blob(meta[2], meta[0].equals(SYMLINK_MODE)));
      }
    }
    Map<String, MigrationFile> current = new TreeMap<>(MigrationFile::compareNames);
    MigrationDirectory.read(repository, repository.path().resolve(inRepository))
        .files()
        .forEach(f -> current.put(f.name(), f));

    // The working files' blob ids as Git computes them (clean filters, eol, autocrlf; through a
    // link, the file it leads to, as kit and Atlas read it): one process.
    List<String> toHash = new ArrayList<>();
    List<String> links = new ArrayList<>();
    for (Map.Entry<String, Blob> atBase : blobsAtBase.entrySet()) {
      if (current.containsKey(atBase.getKey())) {
        toHash.add(atBase.getKey());
        if (atBase.getValue().link()) {
          links.add(atBase.getKey());
        }
      }
    }
    GitCli git = new GitCli(canonicalTop);
    Map<String, String> idsNow = new TreeMap<>(MigrationFile::compareNames);
    Map<String, String> linkedAtBase = new TreeMap<>(MigrationFile::compareNames);
    Map<String, String> indexed = new TreeMap<>(MigrationFile::compareNames);
    if (!toHash.isEmpty()) {
      StringBuilder paths = new StringBuilder();
      toHash.forEach(name -> paths.append(relative).append('/').append(name).append('\n'));
      GitCli.Result hashed =
          git.run(
              paths.toString().getBytes(StandardCharsets.UTF_8), "hash-object", "--stdin-paths");
      List<String> ids = hashed.ok() ? hashed.text().lines().toList() : List.of();
      if (ids.size() != toHash.size()) {
        return List.of(
            "cannot hash "
                + label
                + " with git hash-object: "
                + (hashed.ok()
                    ? ids.size() + " ids for " + toHash.size() + " files"
                    : firstLine(hashed.stderr()))
                + "; check that git runs here and that the clean filters .gitattributes names for"
                + " *.sql work (git hash-object <file>), or pass -Dkit.check.skip to skip the check");
      }
      for (int i = 0; i < ids.size(); i++) {
        idsNow.put(toHash.get(i), ids.get(i));
      }
      // What the index holds, for the one case hash-object cannot tell (below): asked only when a
      // file's id differs from the base's.
      boolean differs = false;
      for (Map.Entry<String, Blob> atBase : blobsAtBase.entrySet()) {
        String now = idsNow.get(atBase.getKey());
        differs |= now != null && !atBase.getValue().link() && !now.equals(atBase.getValue().id());
      }
      GitCli.Result index = differs ? git.run("ls-files", "-s", "-z", "--", relative + "/") : null;
      if (index != null && index.ok()) {
        for (String entry : new String(index.stdout(), StandardCharsets.UTF_8).split("\0")) {
          // <mode> SP <object> SP <stage> TAB <path>
          int tab = entry.indexOf('\t');
          String[] meta = tab < 0 ? new String[0] : entry.substring(0, tab).split(" ");
          if (meta.length == 3 && entry.length() > tab + relative.length() + 1) {
            indexed.put(entry.substring(tab + 1 + relative.length() + 1), meta[1]);
          }
        }
      }
    }
    if (!links.isEmpty()) {
      // A link at the base: Atlas applied the file it led to there, so that file's blob is the one
      // to compare (the link's own text may stay while its target changes).
      StringBuilder objects = new StringBuilder();
      links.forEach(
          name ->
              objects
                  .append(base)
                  .append(':')
                  .append(relative)
                  .append('/')
                  .append(name)
                  .append('\n'));
      GitCli.Result resolved =
          git.run(
              objects.toString().getBytes(StandardCharsets.UTF_8),
              "cat-file",
              "--batch-check",
              "--follow-symlinks");
      List<String> lines = resolved.ok() ? resolved.text().lines().toList() : List.of();
      int at = 0;
      for (String name : links) {
        if (at >= lines.size()) {
          break; // unresolved: compared with nothing, so reported as changed
        }
        String line = lines.get(at++);
        String[] answer = line.split(" ");
        if (answer.length == 3 && answer[1].equals("blob")) {
          linkedAtBase.put(name, answer[0]);
        } else if (List.of("symlink", "dangling", "loop", "notdir").contains(answer[0])) {
          at++; // a second line names the path it stopped at
        }
      }
    }

    List<String> problems = new ArrayList<>();
    blobsAtBase.forEach(
        (name, blob) -> {
          if (!current.containsKey(name)) {
            problems.add(
                label
                    + "/"
                    + name
                    + " was deleted, but it exists at "
                    + base
                    + " and may have run on a database; restore it (git checkout "
                    + base
                    + " -- "
                    + relative
                    + "/"
                    + name
                    + ") and undo its changes in a new migration");
          } else if (!unchanged(
              blob,
              blob.link() ? linkedAtBase.get(name) : blob.id(),
              idsNow.get(name),
              indexed.get(name),
              current.get(name).rawContent())) {
            problems.add(
                label
                    + "/"
                    + name
                    + " changed since "
                    + base
                    + "; databases that applied it would fail with an atlas.sum checksum mismatch; restore it (git checkout "
                    + base
                    + " -- "
                    + relative
                    + "/"
                    + name
                    + ") and put the change in a new migration (mvn kit:new-migration)");
          }
        });
    if (!blobsAtBase.isEmpty()) {
      String newestAtBase = blobsAtBase.lastKey();
      current.keySet().stream()
          .filter(name -> !blobsAtBase.containsKey(name))
          .filter(name -> MigrationFile.compareNames(name, newestAtBase) < 0)
          .forEach(
              name ->
                  problems.add(
                      label
                          + "/"
                          + name
                          + " is new but sorts before "
                          + newestAtBase
                          + ", the newest migration at "
                          + base
                          + "; Atlas would refuse it on databases already past that version; "
                          + "give it a newer version (mvn kit:new-migration)"));
    }
    return problems;
  }

  /** A file in a tree at the base: its blob id, and whether it is a symbolic link. */
  private record Blob(String id, boolean link) {}

  /**
   * Whether a migration is what the base holds: Git's id of the working file (as {@code git
   * hash-object} computes it) is the base's. Under {@code core.autocrlf} Git leaves a blob
   * committed with CRLF as it is ("safer autocrlf"), which hash-object, reading no index, does not
   * know; so the working file's own bytes count too, but only while the index still holds the
   * base's blob (a commit that changed the line endings is a change).
   *
   * @param atBase the blob to compare with (for a link at the base, the file it led to there); null
   *     when Git could not say, which is a change
   */
  private static boolean unchanged(
      Blob blob,
      @Nullable String atBase,
      @Nullable String now,
      @Nullable String inIndex,
      byte[] raw) {
    if (atBase == null) {
      return false;
    }
    return atBase.equals(now)
        || (!blob.link()
            && atBase.equals(inIndex)
            && atBase.equals(gitBlobId(raw, atBase.length())));
  }

  /**
   * Git's object id of a blob: the hash of {@code "blob <size>\0"} and the bytes; SHA-1, or SHA-256
   * in repositories that use it (64 hex digits).
   */
  static String gitBlobId(byte[] content, int hexLength) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance(hexLength == 64 ? "SHA-256" : "SHA-1");
      sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
      sha1.update(content);
      return HexFormat.of().formatHex(sha1.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1 and SHA-256", e);
    }
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
