package dev.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill trials: a child JVM runs {@code Generator.generate} from an old tree to a new description
 * (see {@link KillTrials}) and is killed with SIGKILL, half the trials at a random moment of its
 * whole run and half at a random moment after its commit started. Then the next run of a goal (here
 * {@code check}, which writes nothing of its own) starts, and every service folder and {@code
 * platform/} must be entirely old or entirely new, the run as a whole too, with no temporary file,
 * journal or empty folder left behind; and once the user runs {@code generate} again, no temporary
 * file in the generation cache's folder either.
 *
 * <p>{@code -Dkit.killTrials=200} runs more trials (the default keeps CI under a minute), and
 * {@code -Dkit.killTrials.seed=N} repeats a run's moments.
 */
class KillTrialTest {

  private static final int TRIALS = Integer.getInteger("kit.killTrials", 20);

  @TempDir Path dir;

  @Test
  void generate_leavesEachFolderAndTheRunOldOrNewAndNoLeftovers_whenKilledAtRandomMoments()
      throws Exception {
    Path base = dir.resolve("base");
    KillTrials.writeMigrations(base);
    Generator.forRepository(base)
        .source("kill-trials")
        .cache(base.resolve("target/kit-cache"))
        .generate(KillTrials.kit(false));
    Tree old = Tree.of(base);
    Path finished = copy(base, dir.resolve("finished"));
    Process calibration = child(finished);
    long started = System.nanoTime();
    long firstChange = awaitCommit(finished, old, calibration);
    assertThat(calibration.waitFor()).as("the child generates without a kill").isZero();
    long whole = System.nanoTime() - started;
    long commit = Math.max(TimeUnit.MILLISECONDS.toNanos(2), System.nanoTime() - firstChange);
    Tree next = Tree.of(finished);
    assertThat(next.files()).isNotEqualTo(old.files());

    long seed = Long.getLong("kit.killTrials.seed", System.nanoTime());
    Random random = new Random(seed);
    Tally tally = new Tally();
    for (int trial = 0; trial < TRIALS; trial++) {
      Path repo = copy(base, dir.resolve("trial-" + trial));
      Process child = child(repo);
      if (trial % 2 == 0) {
        TimeUnit.NANOSECONDS.sleep((long) (random.nextDouble() * whole * 1.1));
      } else if (awaitCommit(repo, old, child) > 0) {
        TimeUnit.NANOSECONDS.sleep((long) (random.nextDouble() * commit));
      }
      boolean killed = child.isAlive();
      child.destroyForcibly();
      int exit = child.waitFor();
      if (!killed) {
        assertThat(exit).as("a child that finished before its kill").isZero();
      }
      Generator nextRun = Generator.forRepository(repo).source("kill-trials");
      tally.recovered(
          nextRun.recover()); // what the next goal does first; said apart here only to count it
      nextRun.check(KillTrials.kit(true));
      tally.add(killed, Tree.of(repo), old, next);
      // The run the user starts again: it must also clear what the cache's save left.
      Generator.forRepository(repo)
          .source("kill-trials")
          .cache(repo.resolve("target/kit-cache"))
          .generate(KillTrials.kit(true));
      tally.addCacheLeftovers(Tree.of(repo));
      delete(repo);
    }
    System.out.println("kill trials (seed " + seed + "): " + tally);

    assertThat(tally.mixedFolders)
        .as("service folders or platform/ holding old and new files: " + tally)
        .isEmpty();
    assertThat(tally.mixedRuns).as("runs with some folders old and others new: " + tally).isZero();
    assertThat(tally.leftovers)
        .as("temporary files, journals and empty folders left: " + tally)
        .isEmpty();
  }

  /**
   * Waits until the child's commit starts, that is a file only the new tree has appears or one only
   * the old tree has goes, and returns when (0 when the child ended first).
   */
  private static long awaitCommit(Path repo, Tree old, Process child) {
    List<Path> created = new ArrayList<>();
    List<Path> deleted = new ArrayList<>();
    Tree.changes(old).forEach((path, isNew) -> (isNew ? created : deleted).add(repo.resolve(path)));
    while (child.isAlive()) {
      for (Path path : created) {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
          return System.nanoTime();
        }
      }
      for (Path path : deleted) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
          return System.nanoTime();
        }
      }
      LockSupport.parkNanos(
          100_000); // polls 10 times a millisecond without taking a core from the child
    }
    return 0;
  }

  private static Process child(Path repo) throws IOException {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx256m",
            "-cp",
            classPath,
            KillTrials.class.getName(),
            repo.toString())
        .redirectErrorStream(true)
        .redirectOutput(File.createTempFile("kill-trial", ".log", repo.getParent().toFile()))
        .start();
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return to;
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }

  /**
   * What a repository holds under {@code services/} and {@code platform/}: its files by path, and
   * what is left over (temporary files, a journal, empty folders) anywhere in it.
   */
  private record Tree(
      Map<String, byte[]> files, TreeSet<String> emptyFolders, TreeSet<String> temporary) {

    static Tree of(Path repo) {
      Map<String, byte[]> files = new TreeMap<>();
      TreeSet<String> emptyFolders = new TreeSet<>();
      TreeSet<String> temporary = new TreeSet<>();
      try (Stream<Path> paths = Files.walk(repo)) {
        for (Path path : (Iterable<Path>) paths::iterator) {
          String relative = repo.relativize(path).toString().replace(File.separatorChar, '/');
          String name = path.getFileName().toString();
          if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> entries = Files.list(path)) {
              if (entries.findAny().isEmpty()) {
                emptyFolders.add(relative);
              }
            }
          } else if (name.endsWith(".kit-tmp")
              || name.endsWith(".tmp")
              || name.startsWith(".kit-journal")) {
            temporary.add(relative);
          } else if (relative.startsWith("services/") || relative.startsWith("platform/")) {
            files.put(relative, Files.readAllBytes(path));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Tree(files, emptyFolders, temporary);
    }

    /**
     * The files only the new tree ({@code true}) or only the old one ({@code false}) has, against
     * the new tree.
     */
    static Map<String, Boolean> changes(Tree old) {
      Map<String, Boolean> changes = new TreeMap<>();
      for (int i = 0; i < KillTrials.SERVICES; i++) {
        String service = "services/" + KillTrials.name(i) + "/manifests/";
        changes.put(service + "app/deployment.yaml", true);
        changes.put(service + "migrations/atlasmigration.yaml", true);
        changes.put(service + "monitoring/podmonitor.yaml", false);
        changes.put(service + "migrations/job.yaml", false);
      }
      changes
          .keySet()
          .forEach(
              path ->
                  assertThat(old.files().containsKey(path)).as(path).isEqualTo(!changes.get(path)));
      return changes;
    }

    /** The files of one folder ({@code platform} or {@code services/<name>}). */
    Map<String, byte[]> folder(String folder) {
      Map<String, byte[]> in = new TreeMap<>();
      files.forEach(
          (path, bytes) -> {
            if (path.startsWith(folder + "/")) {
              in.put(path, bytes);
            }
          });
      return in;
    }
  }

  /** The figures: trials, folders old, new and mixed, whole runs old, new and mixed, leftovers. */
  private static final class Tally {
    int trials;
    int killedWhileRunning;
    int oldFolders;
    int newFolders;
    final List<String> mixedFolders = new ArrayList<>();
    int oldRuns;
    int newRuns;
    int mixedRuns;
    final List<String> leftovers = new ArrayList<>();
    int rolledForward;
    int rolledBack;

    void recovered(Optional<String> done) {
      rolledForward += done.filter(d -> d.startsWith("kit finished")).isPresent() ? 1 : 0;
      rolledBack += done.filter(d -> d.startsWith("kit removed")).isPresent() ? 1 : 0;
    }

    void add(boolean killed, Tree tree, Tree old, Tree next) {
      trials++;
      killedWhileRunning += killed ? 1 : 0;
      List<String> folders = new ArrayList<>(List.of("platform"));
      for (int i = 0; i < KillTrials.SERVICES; i++) {
        folders.add("services/" + KillTrials.name(i));
      }
      int olds = 0;
      int news = 0;
      for (String folder : folders) {
        Map<String, byte[]> now = tree.folder(folder);
        if (same(now, old.folder(folder))) {
          olds++;
        } else if (same(now, next.folder(folder))) {
          news++;
        } else {
          mixedFolders.add("trial " + trials + ": " + folder);
        }
      }
      oldFolders += olds;
      newFolders += news;
      if (olds == folders.size()) {
        oldRuns++;
      } else if (news == folders.size()) {
        newRuns++;
      } else {
        mixedRuns++;
      }
      tree.temporary().stream()
          .filter(path -> !path.startsWith("target/"))
          .forEach(path -> leftovers.add("trial " + trials + ": " + path));
      tree.emptyFolders().stream()
          .filter(path -> !old.emptyFolders().contains(path) && !next.emptyFolders().contains(path))
          .forEach(path -> leftovers.add("trial " + trials + ": " + path + "/"));
    }

    /** The cache's temporary files left after the next {@code generate}, which uses the cache. */
    void addCacheLeftovers(Tree tree) {
      tree.temporary().stream()
          .filter(path -> path.startsWith("target/"))
          .forEach(path -> leftovers.add("trial " + trials + ": " + path));
    }

    private static boolean same(Map<String, byte[]> a, Map<String, byte[]> b) {
      if (!a.keySet().equals(b.keySet())) {
        return false;
      }
      return a.keySet().stream().allMatch(path -> Arrays.equals(a.get(path), b.get(path)));
    }

    @Override
    public String toString() {
      long trialsWithLeftovers =
          leftovers.stream().map(l -> l.substring(0, l.indexOf(':'))).distinct().count();
      long folders = leftovers.stream().filter(l -> l.endsWith("/")).count();
      long journals = leftovers.stream().filter(l -> l.contains(".kit-journal")).count();
      long cache = leftovers.stream().filter(l -> l.contains(": target/")).count();
      return trials
          + " trials ("
          + killedWhileRunning
          + " killed while running; the next run rolled "
          + rolledForward
          + " forward and "
          + rolledBack
          + " back); folders: "
          + oldFolders
          + " old, "
          + newFolders
          + " new, "
          + mixedFolders.size()
          + " mixed; runs: "
          + oldRuns
          + " old, "
          + newRuns
          + " new, "
          + mixedRuns
          + " mixed; leftovers: "
          + leftovers.size()
          + " in "
          + trialsWithLeftovers
          + " trials ("
          + (leftovers.size() - folders - journals - cache)
          + " temporary files beside generated files, "
          + cache
          + " in the cache folder, "
          + journals
          + " journals, "
          + folders
          + " empty folders)"
          + (leftovers.isEmpty() ? "" : " " + leftovers.subList(0, Math.min(5, leftovers.size())))
          + (mixedFolders.isEmpty()
              ? ""
              : "; mixed " + mixedFolders.subList(0, Math.min(5, mixedFolders.size())));
    }
  }
}
