package dev.kit.write;

import dev.kit.plan.FilePlan;
import dev.kit.plan.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * One generation written part by part, started by {@link PlanWriter#begin}: each part is compared
 * with the disk and its new and changed files staged as temporary files beside their targets;
 * {@link #commit} then moves them into place through the {@link Journal}. Parts together must plan
 * each path at most once; the files the parts do not plan are the stale ones, deleted at commit
 * when they carry the header. The session holds the repository until it is aborted or closed.
 *
 * <p>The first failure of any part (an I/O error, a full disk) fails the session: no part stages a
 * file after it, and {@link #abort} waits for the parts still writing before it removes what they
 * staged.
 */
public final class StagingSession implements AutoCloseable {
  private final Path root;
  private final Disk disk;
  private final Inspector inspector;
  private final Journal journal;

  /**
   * Files that may be stale generated files, listed before anything was staged (staged files would
   * be listed too).
   */
  private final StaleFiles candidates;

  /** What opening the session recovered or cleaned up, for the report. */
  private final List<String> notes;

  private final Set<String> planned = ConcurrentHashMap.newKeySet();
  private final Queue<String> created = new ConcurrentLinkedQueue<>();
  private final Queue<String> updated = new ConcurrentLinkedQueue<>();
  private final Queue<String> unchanged = new ConcurrentLinkedQueue<>();
  private final SortedMap<String, String> conflicts = new ConcurrentSkipListMap<>();

  /** The stamps taken when the session knew each file's bytes, by path; see {@link #takeStamps}. */
  private final Map<String, FileStamp> stamps = new ConcurrentHashMap<>();

  private volatile boolean stamping;

  /** Staged changes by path: the temporary file and what the commit does with it. */
  private final Map<String, Staged> staged = new ConcurrentHashMap<>();

  /**
   * The folders staged files went into and those staging went through to create them, up to one
   * that existed, repository-relative ("" the root): what the commit forces to the disk before the
   * journal relies on them.
   */
  private final Set<String> directories = ConcurrentHashMap.newKeySet();

  private final Deque<Path> createdDirectories = new ConcurrentLinkedDeque<>();

  /**
   * Workers stage under the read lock; abort and commit take the write lock, so no worker is
   * half-way then.
   */
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();

  /** How many files one thread compares and stages together, with one journal write. */
  private static final int BATCH = 64;

  /** The writes and forces of staged files and folders, many at once. */
  private final DiskWaits waits;

  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private volatile boolean finished;

  StagingSession(
      RepositoryRoot repository,
      Disk disk,
      Inspector inspector,
      Journal journal,
      StaleFiles candidates,
      List<String> notes) {
    this.root = repository.path();
    this.waits = new DiskWaits(() -> disk.inMemory(root));
    this.disk = disk;
    this.inspector = inspector;
    this.journal = journal;
    this.candidates = candidates;
    this.notes = notes;
  }

  /**
   * Has the session stamp each file it finds unchanged, right before reading its bytes, and each
   * file its commit writes, right after renaming it into place: for a cache that must record the
   * files as kit left them, not as they are when it asks later (an edit in between would pass for
   * kit's output). Call it before staging; without it the session takes no stamp, so a generation
   * without a cache stats nothing more.
   */
  public void takeStamps() {
    stamping = true;
  }

  /**
   * After {@link #commit}, the stamp of each planned file the session found unchanged or wrote
   * (once {@link #takeStamps} was called), by its path as planned. A file has none when the session
   * did not know its bytes: kept without a look, in the way, or not a regular file by the time it
   * was stamped.
   */
  public Map<String, FileStamp> stamps() {
    return Collections.unmodifiableMap(stamps);
  }

  /**
   * Compares {@code part} with the disk and stages its new and changed files as temporary files
   * beside their targets. Safe to call from several threads at once.
   *
   * @throws IllegalArgumentException when a path was already planned by another part
   * @throws UncheckedIOException when a file cannot be staged; the session has failed then
   */
  public void stage(FilePlan part) {
    proceed();
    try {
      List<String> paths = part.paths();
      if (paths.size() <= BATCH) {
        stage(part, paths);
      } else {
        // A large part (a whole plan) in batches on several threads, to overlap their file system
        // calls; a service's part stays on the thread that rendered it.
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < paths.size(); i += BATCH) {
          batches.add(paths.subList(i, Math.min(paths.size(), i + BATCH)));
        }
        batches.parallelStream().forEach(batch -> stage(part, batch));
      }
    } catch (RuntimeException e) {
      throw fail(e);
    }
  }

  /** Compares {@code paths} of {@code part} with the disk and stages the new and changed ones. */
  private void stage(FilePlan part, List<String> paths) {
    List<String> missing = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    for (String path : paths) {
      plan(path);
      Inspector.Inspection inspection = inspector.inspect(part, path, false, stamping);
      switch (inspection.state()) {
        case MISSING -> missing.add(path);
        case STALE -> stale.add(path);
        case UNCHANGED -> {
          unchanged.add(path);
          FileStamp stamp = inspection.stamp();
          if (stamp != null) {
            stamps.put(path, stamp);
          }
        }
        case CONFLICT -> conflicts.put(path, inspection.conflict());
      }
    }
    if (missing.isEmpty() && stale.isEmpty()) {
      return;
    }
    List<String> changed = new ArrayList<>(missing);
    changed.addAll(stale);
    stageFiles(changed, part::view, Journal.Kind.PUT);
    created.addAll(missing);
    updated.addAll(stale);
  }

  /**
   * Counts {@code paths} as planned and unchanged without looking at them: for files the caller
   * knows are as planned (a {@link dev.kit.cache.GenerationCache} checked their stamps), so the
   * stale-file search keeps them and the report lists them as unchanged. Safe to call from several
   * threads.
   *
   * @throws IllegalArgumentException when a path was already planned
   */
  public void keep(List<String> paths) {
    proceed();
    try {
      for (String path : paths) {
        // the same checks as a staged path: never anything outside the repository; planned in its
        // plain form, the one the stale-file search and the other parts use
        String file = inspector.relative(path);
        plan(file);
        Optional<String> link = inspector.linkOnTheWay(file);
        if (link.isPresent()) {
          conflicts.put(file, inspector.throughLink(file, link.get()));
        } else {
          unchanged.add(file);
        }
      }
    } catch (RuntimeException e) {
      throw fail(e);
    }
  }

  /**
   * Stages a file that is not generated, such as a new migration, to be created at commit with the
   * generated files; it is never written over anything, not even another run's file of the same
   * name.
   */
  public void create(String path, byte[] content) {
    proceed();
    try {
      String file = inspector.relative(path); // planned in its plain form, as keep does
      plan(file);
      String conflict = inspector.conflictForNew(file);
      if (conflict != null) {
        conflicts.put(file, conflict);
      } else {
        stageFiles(
            List.of(file),
            each -> ByteBuffer.wrap(content).asReadOnlyBuffer(),
            Journal.Kind.CREATE);
        created.add(file);
      }
    } catch (RuntimeException e) {
      throw fail(e);
    }
  }

  /**
   * Moves every staged file into place and deletes stale generated files, through the journal: a
   * crash from here on leaves a journal that the next run finishes. Ends the session; {@link
   * #close} then releases the repository (what the caller saves alongside, such as a cache, is
   * saved before another run starts).
   *
   * @param warnings what the plan warned about, for the report
   * @throws KitWriteException when a file in the way was not generated by kit; nothing is written
   *     then
   * @throws UncheckedIOException when a change cannot be made; the journal stays, and the next run
   *     finishes it
   */
  public WriteReport commit(List<String> warnings) {
    proceed();
    List<String> extra = candidates.extra(planned, inspector);
    for (String path : extra) {
      // Staging proved every written file's folder writable; a deletion is proved here, before the
      // commit, or the commit would stop half-way at it and every later run with it.
      String folder = path.substring(0, path.lastIndexOf('/'));
      if (!disk.writable(root.resolve(folder))) {
        conflicts.put(
            path,
            path
                + " is no longer generated, but kit cannot delete it: "
                + folder
                + " is not writable; make it writable (chmod u+w), or delete the file yourself");
      }
    }
    if (!conflicts.isEmpty()) {
      abort();
      throw new KitWriteException(new ArrayList<>(conflicts.values()));
    }
    List<Journal.Change> changes = new ArrayList<>();
    gate.writeLock().lock();
    try {
      // Loops, not forEach lambdas: once per run, where each lambda costs a cold JVM a class
      // (PROFILE.md, section 16.3).
      for (Map.Entry<String, Staged> each : staged.entrySet()) {
        changes.add(
            new Journal.Change(
                each.getValue().kind(),
                each.getKey(),
                each.getValue().temporary().getFileName().toString()));
      }
      for (String path : extra) {
        changes.add(new Journal.Change(Journal.Kind.DELETE, path, null));
      }
      if (!changes.isEmpty()) {
        // What the journal relies on reaches the disk before it does: the staged files (forced as
        // written), their entries in their folders, and the folders this session created, whose
        // parents are among the folders staging went through too.
        List<Runnable> syncs = new ArrayList<>(directories.size());
        for (String dir : directories) {
          Path folder = root.resolve(dir);
          syncs.add(() -> disk.sync(folder));
        }
        waits.runAll(syncs);
        journal.commit(changes);
      }
      finished = true;
    } catch (IOException | RuntimeException e) {
      journal
          .discardCommit(); // whatever of the record reached the file must not be finished by the
      // next run
      gate.writeLock().unlock();
      abort();
      throw e instanceof IOException io
          ? new UncheckedIOException(
              "cannot write the kit journal " + root.resolve(Journal.FILE), io)
          : (RuntimeException) e;
    }
    gate.writeLock().unlock();
    try {
      Journal.apply(root, changes, disk, waits, null, stamping ? stamps : null);
      journal.done();
    } catch (IOException | RuntimeException e) {
      journal.keep();
      throw new UncheckedIOException(
          "kit stopped half-way through replacing files ("
              + e.getMessage()
              + "); "
              + root.resolve(Journal.FILE)
              + " lists the rest, and the next kit run (any goal) finishes them",
          e instanceof IOException io ? io : new IOException(e));
    } finally {
      waits.close();
    }
    List<String> reported = new ArrayList<>(notes);
    reported.addAll(warnings);
    return new WriteReport(sorted(created), sorted(updated), extra, sorted(unchanged), reported);
  }

  /**
   * Fails the session, waits for the parts still staging, then deletes what was staged and the
   * folders staging created, leaving the disk as it was. Ends the session; does nothing once it
   * ended.
   */
  public void abort() {
    fail(new IllegalStateException("the kit generation was abandoned"));
    gate.writeLock().lock();
    try {
      if (finished) {
        return;
      }
      finished = true;
      boolean clean = true;
      for (Staged each : staged.values()) {
        try {
          Files.deleteIfExists(each.temporary());
        } catch (IOException e) {
          clean = false; // the journal names it: the next run removes it
        }
      }
      staged.clear();
      deleteFolders(createdDirectories);
      createdDirectories.clear();
      if (!clean) {
        journal.keep();
      }
    } finally {
      gate.writeLock().unlock();
      waits.close();
      journal.close();
    }
  }

  /**
   * Deletes {@code folders}, the deepest first, leaving any that is not empty. Not in the order
   * they were recorded: two threads can create a folder and one inside it and record the two the
   * other way round, and the parent, tried first, was then left behind empty.
   */
  static void deleteFolders(Collection<Path> folders) {
    List<Path> deepestFirst = new ArrayList<>(folders);
    deepestFirst.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    for (Path dir : deepestFirst) {
      try {
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        // not empty (someone else wrote there) or gone: either way not ours to remove
      }
    }
  }

  /** Releases the repository; aborts the session first unless it was committed. */
  @Override
  public void close() {
    if (finished) {
      journal.close();
    } else {
      abort();
    }
  }

  /** Throws the session's failure, or that it ended, so nothing is staged after either. */
  private void proceed() {
    RuntimeException failed = failure.get();
    if (failed != null) {
      throw failed;
    }
    if (finished) {
      throw new IllegalStateException("the kit generation was already committed or aborted");
    }
  }

  /** Records the session's first failure and returns it: every worker reports the same cause. */
  private RuntimeException fail(RuntimeException e) {
    failure.compareAndSet(null, e);
    return Objects.requireNonNull(failure.get()); // set now if it was not, and never cleared
  }

  private void plan(String path) {
    if (!planned.add(path)) {
      throw new IllegalArgumentException(path + " is planned twice");
    }
  }

  /**
   * Writes {@code paths} as temporary files beside their targets, noted in the journal first with
   * one write, each checking first that the session has not failed.
   */
  private void stageFiles(
      List<String> paths, Function<String, ByteBuffer> content, Journal.Kind kind) {
    gate.readLock().lock();
    try {
      proceed();
      if (!conflicts.isEmpty()) {
        return; // nothing will be written; only the remaining conflicts are still worth finding
      }
      // The part's new folders (parents first, each with the first file that needs it, for the
      // message) and temporary files are noted in one journal write before any is made, not one
      // write per folder (PROFILE.md section 17.3).
      List<String> folders = new ArrayList<>();
      List<String> folderFiles = new ArrayList<>();
      Set<String> planning = new HashSet<>();
      List<String> names = new ArrayList<>(paths.size());
      List<Path> temporaries = new ArrayList<>(paths.size());
      for (String path : paths) {
        String file = inspector.relative(path);
        int before = folders.size();
        folders(Inspector.parent(file), folders, planning);
        for (int i = before; i < folders.size(); i++) {
          folderFiles.add(file);
        }
        String temporary = Journal.temporaryPath(file);
        temporaries.add(root.resolve(temporary));
        names.add(temporary);
      }
      journal.created(folders, names);
      for (int i = 0; i < folders.size(); i++) {
        try {
          createFolder(folders.get(i));
        } catch (IOException e) {
          throw fail(
              new UncheckedIOException(
                  "cannot create the folder "
                      + root.resolve(folders.get(i))
                      + " for "
                      + root.resolve(folderFiles.get(i)),
                  e));
        }
      }
      // Each write forces its file to the disk: many at once, so the file system commits them
      // together. All have ended before the read lock is released, so abort finds every one.
      List<Runnable> writes = new ArrayList<>(paths.size());
      for (int i = 0; i < paths.size(); i++) {
        String path = paths.get(i);
        Path temporary = temporaries.get(i);
        writes.add(
            () -> {
              proceed();
              staged.put(path, new Staged(temporary, kind));
              try {
                disk.write(temporary, content.apply(path));
              } catch (IOException e) {
                throw fail(new UncheckedIOException("cannot write " + inspector.resolve(path), e));
              } catch (RuntimeException e) {
                throw fail(e); // the session's failure: the calls after it write nothing
              }
            });
      }
      waits.runAll(writes);
      proceed(); // another part failed meanwhile: this one's files are of no use either
    } finally {
      gate.readLock().unlock();
    }
  }

  /**
   * Adds to {@code create} {@code dir} (repository-relative, "" the root) and its missing parents,
   * parents first, unless the session made them already or {@code planning} holds them; a folder
   * that exists joins the session's folders at once.
   */
  private void folders(String dir, List<String> create, Set<String> planning) {
    if (directories.contains(dir) || planning.contains(dir)) {
      return;
    }
    if (inspector.isFolder(dir)) {
      directories.add(dir);
      return;
    }
    folders(Inspector.parent(dir), create, planning); // the root is a folder: never above it
    planning.add(dir);
    create.add(dir);
  }

  /**
   * Creates {@code dir}, whose parent exists and which the journal notes already, unless another
   * part of the session has created it since, remembering what it created.
   */
  private void createFolder(String dir) throws IOException {
    if (directories.contains(dir)) {
      return;
    }
    Path folder = root.resolve(dir);
    try {
      disk.createFolder(folder);
      createdDirectories.push(folder);
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(folder)) {
        throw e;
      }
    }
    directories.add(dir);
  }

  private static List<String> sorted(Queue<String> paths) {
    List<String> sorted = new ArrayList<>(paths);
    sorted.sort(null);
    return sorted;
  }

  /** A staged file and what the commit does with it. */
  private record Staged(Path temporary, Journal.Kind kind) {}
}
