package dev.kit.write;

import dev.kit.plan.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * The journal that makes one generation all or nothing across a crash, and the lock that keeps two
 * kit runs from writing one repository at once: {@code <root>/.kit-journal}, which exists only
 * while kit writes, and after a crash until the next run of any goal.
 *
 * <p>While a session stages, the journal notes each temporary file and folder it creates (what
 * undoing it removes). Once every change is staged and on the disk, {@link #commit} appends the
 * whole list of renames and deletions, with a checksum, and forces it to the disk: from that moment
 * the generation counts as done. Only then are files replaced. Whoever next opens the journal (the
 * same run when it goes well, else the next run) finds either a complete commit record, and
 * finishes it (renames whose temporary file is still there, deletions of files still there), or
 * none, and undoes the staging. Both are idempotent, so a crash while recovering is recovered the
 * same way.
 *
 * <p>The lock is a POSIX record lock on the journal file, which the operating system releases when
 * its process dies, so a crashed run never blocks the next one. A run that finishes writes a
 * release mark into the file before deleting it, so a run that was waiting on the deleted file
 * knows to open the path again.
 */
final class Journal implements AutoCloseable {

  /** The journal's name in the repository root. */
  static final String FILE = ".kit-journal";

  /**
   * The end of every temporary file's name kit creates; {@code *.kit-tmp} is what to ignore in Git.
   */
  static final String TEMPORARY_SUFFIX = ".kit-tmp";

  private static final String HEADER = "kit-journal 1";
  private static final byte[] RELEASED = "kit-journal released\n".getBytes(StandardCharsets.UTF_8);

  /** How long a run waits for another one writing the same repository. */
  private static final Duration WAIT = Duration.ofSeconds(60);

  enum Kind {
    PUT,
    CREATE,
    DELETE
  }

  /**
   * One change of a commit.
   *
   * @param kind {@code PUT} replaces (or creates) a generated file, {@code CREATE} creates a file
   *     that must not exist (a new migration), {@code DELETE} removes a stale generated file
   * @param path repository-relative, with {@code /}
   * @param temporary the staged file's name, beside {@code path}; null for {@code DELETE}
   */
  record Change(Kind kind, String path, @Nullable String temporary) {}

  private final Path root;
  private final Path file;
  private final FileChannel channel;
  private final Disk disk;
  private final @Nullable String recovered;

  /**
   * Whether the file must stay for the next run: a commit that did not finish, or staging not
   * undone.
   */
  private boolean keep;

  /** Where the commit record starts, to take it back when writing it failed. */
  private long committed = -1;

  /** A commit record that failed and could not be taken back: never kept for the next run. */
  private boolean unusable;

  /** Where the next record goes: the file's end, which only this run writes while it holds it. */
  private long end;

  private Journal(
      Path root, Path file, FileChannel channel, Disk disk, @Nullable String recovered) {
    this.root = root;
    this.file = file;
    this.channel = channel;
    this.disk = disk;
    this.recovered = recovered;
  }

  /**
   * Takes the repository's journal, waiting while another run holds it, and finishes or undoes what
   * a run that stopped left in it.
   *
   * @throws UncheckedIOException when another run holds it for too long, or the file system fails
   */
  static Journal open(Path root, Disk disk) {
    Path file = root.resolve(FILE);
    long deadline = System.nanoTime() + WAIT.toNanos();
    try {
      Files.createDirectories(root);
      while (true) {
        FileChannel channel =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        boolean owned = false;
        try {
          lock(channel, file, deadline);
          byte[] content = read(channel);
          if (Arrays.equals(content, RELEASED)) {
            // The run that held it finished and deleted it; a crash between the mark and the delete
            // leaves it there.
            if (Arrays.equals(readIfExists(file), RELEASED)) {
              Files.deleteIfExists(file);
            }
            continue;
          }
          String recovered = recover(root, new String(content, StandardCharsets.UTF_8), disk);
          channel.truncate(0);
          Journal journal = new Journal(root, file, channel, disk, recovered);
          journal.append(HEADER + "\n");
          owned = true;
          return journal;
        } finally {
          if (!owned) {
            channel.close(); // releases the lock
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the kit journal " + file, e);
    }
  }

  /**
   * Finishes or undoes what a run that stopped left in the repository's journal, if there is one,
   * and removes it. Writes nothing when there is none.
   *
   * @return what was done, for the log; empty when nothing was left
   */
  static Optional<String> recover(Path root, Disk disk) {
    if (!Files.exists(root.resolve(FILE), LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try (Journal journal = open(root, disk)) {
      return journal.recovered();
    }
  }

  /** What opening this journal finished or undid of a run that stopped, if anything. */
  Optional<String> recovered() {
    return Optional.ofNullable(recovered);
  }

  /**
   * A temporary file beside {@code file} (repository-relative, as planned): in the same folder,
   * named {@code .<name>.<random hex>.kit-tmp}, hidden, unique, and recognisable as kit's. Built in
   * one go, not from the folder's and the name's substrings (PROFILE.md section 17.3).
   */
  static String temporaryPath(String file) {
    int name = file.lastIndexOf('/') + 1;
    String random = Long.toHexString(ThreadLocalRandom.current().nextLong());
    return new StringBuilder(file.length() + random.length() + TEMPORARY_SUFFIX.length() + 2)
        .append(file, 0, name)
        .append('.')
        .append(file, name, file.length())
        .append('.')
        .append(random)
        .append(TEMPORARY_SUFFIX)
        .toString();
  }

  /**
   * Whether {@code name} is a file name {@link #temporaryPath} makes. Recovery moves and deletes
   * only such files: a journal edited by hand, or damaged in a way its checksum misses, must not
   * lead it to move or delete a user's file.
   */
  static boolean isTemporaryName(String name) {
    if (!name.startsWith(".") || !name.endsWith(TEMPORARY_SUFFIX) || name.indexOf('/') >= 0) {
      return false;
    }
    String rest = name.substring(0, name.length() - TEMPORARY_SUFFIX.length());
    int dot = rest.lastIndexOf('.');
    if (dot < 2 || rest.length() - dot - 1 > 16 || dot == rest.length() - 1) {
      return false; // no target name, or no random part of at most 16 hex digits
    }
    for (int at = dot + 1; at < rest.length(); at++) {
      char c = rest.charAt(at);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code temporary}, a name in a commit record, is one made for {@code path}. */
  private static boolean isTemporaryOf(String path, String temporary) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return isTemporaryName(temporary)
        && temporary.startsWith(name, 1)
        && temporary.lastIndexOf('.', temporary.length() - TEMPORARY_SUFFIX.length() - 1)
            == name.length() + 1;
  }

  private static IOException untrusted(String what) {
    return new IOException(
        FILE
            + " names "
            + what
            + " as a temporary file, which is not a name kit gives one: kit does not trust this"
            + " journal and changes nothing. Move "
            + FILE
            + " away, and check the paths it names, before running kit again");
  }

  /**
   * Notes folders and temporary files before the session creates them, so undoing the session
   * removes them: one write for a part's new folders, parents first, and its files. (A folder or
   * file noted and never created is passed over when undoing.)
   */
  synchronized void created(List<String> folders, List<String> files) {
    StringBuilder lines = new StringBuilder((folders.size() + files.size()) * 64);
    for (String folder : folders) {
      lines.append("mkdir ").append(encode(folder)).append('\n');
    }
    for (String path : files) {
      lines.append("temp ").append(encode(path)).append('\n');
    }
    append(lines.toString());
  }

  /**
   * Records {@code changes} as the generation's outcome and forces the record to the disk. The
   * staged files must be on the disk already; after this returns, the next run completes the
   * changes if this one does not.
   */
  synchronized void commit(List<Change> changes) throws IOException {
    committed = end;
    StringBuilder record = new StringBuilder("commit ").append(changes.size()).append('\n');
    for (Change change : changes) {
      record
          .append(change.kind().name().toLowerCase(java.util.Locale.ROOT))
          .append(' ')
          .append(encode(change.path()));
      if (change.temporary() != null) {
        record.append(' ').append(encode(change.temporary()));
      }
      record.append('\n');
    }
    byte[] bytes = record.toString().getBytes(StandardCharsets.UTF_8);
    write(ByteBuffer.wrap(bytes));
    write("end " + changes.size() + " " + crc(bytes) + "\n");
    channel.force(true);
    disk.sync(root); // the journal's own entry in the root folder
  }

  /** Takes back a commit record whose writing failed, so no run finishes what this one gave up. */
  synchronized void discardCommit() {
    try {
      if (committed >= 0 && channel.isOpen()) {
        channel.truncate(committed);
        end = committed;
      }
    } catch (IOException e) {
      unusable = true; // cannot take it back: then the file goes at close, record and all
    }
  }

  /** After the changes of {@link #commit} are all done: nothing is left to finish. */
  synchronized void done() throws IOException {
    channel.truncate(0);
    end = 0;
    write(HEADER + "\n");
  }

  /**
   * Leaves the journal for the next run to finish or undo, instead of removing it at {@link
   * #close}.
   */
  synchronized void keep() {
    keep = true;
  }

  /** Releases the lock and removes the journal, unless it must be kept for the next run. */
  @Override
  public synchronized void close() {
    try {
      if ((!keep || unusable) && channel.isOpen()) {
        channel.truncate(0);
        end = 0;
        write(new String(RELEASED, StandardCharsets.UTF_8));
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // left in place: the next run takes it over
    } finally {
      try {
        channel.close();
      } catch (IOException e) {
        // closing releases the lock whatever it reports
      }
    }
  }

  /**
   * Renames the staged files over their targets (in parallel: each rename is atomic, and the
   * journal finishes any subset), then deletes the stale files and the folders that leaves empty,
   * then forces the folders' entries to the disk. A change already done is skipped, so this also
   * rolls a journal forward after a crash.
   *
   * @param recovery null when the run applies its own commit, whose targets it checked under the
   *     lock just before; when rolling forward a run that stopped, where a target may have changed
   *     since (a branch switched, a file edited, by hand), what judges each target and collects
   *     each change left undone because what is there now is not kit's to replace or delete
   * @param stamps where to put, by its path, the stamp of each file a {@code PUT} renamed into
   *     place, taken right after the rename (which changes its ctime); null to take none
   * @throws IOException the first failure, after every other change was tried
   */
  static void apply(
      Path root,
      Collection<Change> changes,
      Disk disk,
      DiskWaits waits,
      @Nullable Recovery recovery,
      @Nullable Map<String, FileStamp> stamps)
      throws IOException {
    Queue<IOException> failures = new ConcurrentLinkedQueue<>();
    Set<Path> folders = java.util.concurrent.ConcurrentHashMap.newKeySet();
    changes.parallelStream()
        .forEach(
            change -> {
              if (change.kind() == Kind.DELETE) {
                return; // below, one by one
              }
              Path target = resolve(root, change.path());
              Path folder = Objects.requireNonNull(target.getParent()); // below the root
              Path temporary = folder.resolve(change.temporary());
              folders.add(folder);
              if (recovery != null && change.kind() == Kind.PUT) {
                String onTheWay = recovery.inspector().onTheWay(change.path());
                String why = onTheWay != null ? onTheWay : notKits(change, target, disk);
                if (why != null) {
                  recovery.left().add(new Left(change, why));
                  if (onTheWay == null) {
                    delete(temporary, failures); // never through a link
                  }
                  return;
                }
              }
              try {
                disk.move(temporary, target, change.kind() == Kind.PUT);
                if (stamps != null && change.kind() == Kind.PUT) {
                  FileStamp stamp = disk.stamp(target);
                  if (stamp != null) {
                    stamps.put(change.path(), stamp);
                  }
                }
              } catch (NoSuchFileException e) {
                // renamed already (a journal rolled forward after a crash): nothing left to do
              } catch (FileAlreadyExistsException e) {
                delete(
                    temporary,
                    failures); // a file appeared where a new one was to go: kit never replaces it
              } catch (IOException e) {
                failures.add(
                    new IOException("cannot write " + change.path() + ": " + IoReason.of(e), e));
              }
            });
    for (Change change : changes) {
      if (change.kind() == Kind.DELETE) {
        Path target = resolve(root, change.path());
        try {
          if (recovery != null) {
            String why = recovery.inspector().onTheWay(change.path());
            if (why == null) {
              why = notKits(change, target, disk);
            }
            if (why != null) {
              recovery.left().add(new Left(change, why));
              continue; // nor its folders: kit removes only what it emptied itself
            }
          }
          if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            disk.delete(target);
          }
        } catch (IOException e) {
          failures.add(
              new IOException("cannot delete " + change.path() + ": " + IoReason.of(e), e));
          continue;
        }
        folders.add(removeEmptyFolders(root, target, disk));
      }
    }
    List<Runnable> syncs = new ArrayList<>(folders.size());
    for (Path folder : folders) {
      syncs.add(() -> disk.sync(folder)); // it passes over a folder that is gone
    }
    waits.runAll(syncs);
    if (!failures.isEmpty()) {
      throw failures.peek();
    }
  }

  /** What rolling a stopped run forward needs: a judge of its targets, and what it left undone. */
  record Recovery(Inspector inspector, Queue<Left> left) {}

  /** A change that recovery left undone, and why, as a sentence that names its path. */
  record Left(Change change, String why) {}

  /**
   * Why kit may no longer make {@code change} at {@code target}, by the rules of the run's own
   * check ({@link Inspector#inspect} for a write, {@link StaleFiles} for a deletion: kit's header,
   * or for a write to an {@code atlas.sum} Atlas's format); null when it may, or nothing is there.
   */
  private static @Nullable String notKits(Change change, Path target, Disk disk) {
    BasicFileAttributes attributes = disk.attributes(target);
    if (attributes == null) {
      return null;
    }
    if (!attributes.isRegularFile()) {
      return change.path() + " is not a regular file now";
    }
    boolean atlasSum = change.kind() == Kind.PUT && change.path().endsWith("/atlas.sum");
    try {
      if (Inspector.mayOverwrite(atlasSum, Inspector.head(target))) {
        return null;
      }
    } catch (UncheckedIOException e) {
      return change.path() + " cannot be read now";
    }
    return change.path()
        + (atlasSum ? " is not an atlas.sum in Atlas's format now" : " has no kit header now");
  }

  /**
   * Removes the folders above {@code file} that are empty now, up to its top folder; returns the
   * first one kept. A folder that cannot be removed (not empty, or its parent not writable) ends
   * the climb: an empty folder left behind is harmless, and the file itself is gone.
   */
  private static Path removeEmptyFolders(Path root, Path file, Disk disk) {
    Path top = root.resolve(root.relativize(file).getName(0));
    // file is below the root, and the loop stops at top, the root's child: each dir has a parent
    Path dir = Objects.requireNonNull(file.getParent());
    while (dir.startsWith(top) && !dir.equals(top)) {
      try {
        disk.delete(dir);
      } catch (NoSuchFileException e) {
        // removed already (a journal rolled forward after a crash): go on climbing
      } catch (IOException e) {
        break;
      }
      dir = Objects.requireNonNull(dir.getParent());
    }
    return dir;
  }

  /**
   * Finishes (a complete commit record) or undoes (anything else) a run that stopped; null when
   * there was none.
   */
  private static @Nullable String recover(Path root, String content, Disk disk) throws IOException {
    // A line is complete only with its line feed: the end of a record torn by a crash is ignored.
    List<String> lines = new ArrayList<>(Arrays.asList(content.split("\n", -1)));
    lines.remove(lines.size() - 1);
    if (lines.isEmpty() || lines.equals(List.of(HEADER))) {
      return null;
    }
    if (!lines.get(0).equals(HEADER)) {
      throw new IOException(
          FILE
              + " was not written by this version of kit (it starts with \""
              + lines.get(0)
              + "\"); finish that run with the kit that wrote it, or move the file away");
    }
    Optional<List<Change>> committed = committed(lines);
    if (committed.isPresent()) {
      for (Change change : committed.get()) {
        String temporary = change.temporary();
        if (temporary != null && !isTemporaryOf(change.path(), temporary)) {
          throw untrusted(temporary + " (for " + change.path() + ")");
        }
      }
      Recovery recovery =
          new Recovery(new Inspector(RepositoryRoot.of(root), disk), new ConcurrentLinkedQueue<>());
      try (DiskWaits waits = new DiskWaits(() -> disk.inMemory(root))) {
        apply(root, committed.get(), disk, waits, recovery, null);
      }
      int all = committed.get().size();
      if (recovery.left().isEmpty()) {
        return "kit finished the "
            + all
            + " changes of a generation that stopped during its commit";
      }
      List<String> reasons = new ArrayList<>();
      boolean writes = false;
      for (Left each : recovery.left()) {
        reasons.add(each.why());
        writes |= each.change().kind() != Kind.DELETE;
      }
      Collections.sort(reasons);
      return "kit finished "
          + (all - reasons.size())
          + " of the "
          + all
          + " changes of a generation that stopped during its commit, and left "
          + (reasons.size() == 1 ? "one path" : reasons.size() + " paths")
          + " as "
          + (reasons.size() == 1 ? "it was: it" : "they were: each")
          + " changed after that run stopped, and kit never replaces or deletes what is not its"
          + " own ("
          + String.join("; ", reasons)
          + (writes
              ? "). Run kit:generate to bring the rest up to date; it names each file in its way"
              : "). A file left where kit was to delete a stale one is yours to keep or delete");
    }
    List<Path> temporary = new ArrayList<>();
    List<Path> folders = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] parts = line.split(" ");
      if (parts.length == 2 && parts[0].equals("temp")) {
        String path = decode(parts[1]);
        if (!isTemporaryName(path.substring(path.lastIndexOf('/') + 1))) {
          throw untrusted(path);
        }
        temporary.add(resolve(root, path));
      } else if (parts.length == 2 && parts[0].equals("mkdir")) {
        folders.add(0, resolve(root, decode(parts[1]))); // the deepest, created last, first
      }
    }
    for (Path path : temporary) {
      Files.deleteIfExists(path);
    }
    Set<Path> synced = new LinkedHashSet<>();
    temporary.forEach(path -> synced.add(path.getParent()));
    for (Path dir : folders) {
      try {
        Files.deleteIfExists(dir);
        synced.add(dir.getParent());
      } catch (DirectoryNotEmptyException e) {
        // someone put a file there since: not kit's to remove
      }
    }
    synced.stream().filter(Files::isDirectory).forEach(disk::sync);
    return "kit removed the "
        + temporary.size()
        + " temporary files of a generation that stopped before its commit";
  }

  /** The changes of a complete, intact commit record, or empty. */
  private static Optional<List<Change>> committed(List<String> lines) {
    int start = 0;
    while (start < lines.size() && !lines.get(start).startsWith("commit ")) {
      start++;
    }
    if (start == lines.size()) {
      return Optional.empty();
    }
    int count;
    try {
      count = Integer.parseInt(lines.get(start).substring("commit ".length()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (lines.size() < start + count + 2) {
      return Optional.empty();
    }
    StringBuilder record = new StringBuilder();
    lines.subList(start, start + count + 1).forEach(line -> record.append(line).append('\n'));
    if (!lines
        .get(start + count + 1)
        .equals("end " + count + " " + crc(record.toString().getBytes(StandardCharsets.UTF_8)))) {
      return Optional.empty();
    }
    List<Change> changes = new ArrayList<>();
    for (String line : lines.subList(start + 1, start + count + 1)) {
      String[] parts = line.split(" ");
      Kind kind = Kind.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT));
      changes.add(new Change(kind, decode(parts[1]), parts.length > 2 ? decode(parts[2]) : null));
    }
    return Optional.of(changes);
  }

  private static void lock(FileChannel channel, Path file, long deadline) throws IOException {
    while (true) {
      try {
        FileLock lock = channel.tryLock();
        if (lock != null) {
          return;
        }
      } catch (OverlappingFileLockException e) {
        // another session of this JVM holds it
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(
            "another kit run is writing this repository and holds "
                + file
                + "; wait for it to finish (kit waited "
                + WAIT.toSeconds()
                + " s)");
      }
      try {
        TimeUnit.MILLISECONDS.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + file, e);
      }
    }
  }

  private static void delete(Path file, Queue<IOException> failures) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      failures.add(e);
    }
  }

  private static Path resolve(Path root, String path) {
    Path file = RepositoryRoot.under(root, path);
    if (file == null) {
      throw new IllegalArgumentException(
          "the kit journal names a path outside the repository: " + path);
    }
    return file;
  }

  private static byte[] read(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
      // read all
    }
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  private static byte[] readIfExists(Path file) throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new byte[0];
    }
  }

  /** Appends {@code text} at the journal's end. */
  private void write(String text) throws IOException {
    write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
  }

  private void write(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      end += channel.write(bytes, end);
    }
  }

  private void append(String text) {
    try {
      write(text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the kit journal " + file, e);
    }
  }

  /** The checksum a commit record's end line carries: written and checked by this one method. */
  private static String crc(byte[] record) {
    CRC32 crc = new CRC32();
    crc.update(record);
    return HexFormat.of().toHexDigits((int) crc.getValue());
  }

  /**
   * {@code path} as one word of a journal line, which {@link URLDecoder} reads back: as it is when
   * it holds nothing that would end the word or be decoded (kit's own paths never do), else
   * URL-encoded.
   */
  private static String encode(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == '%' || c == '+') {
        return URLEncoder.encode(path, StandardCharsets.UTF_8);
      }
    }
    return path;
  }

  private static String decode(String path) {
    return URLDecoder.decode(path, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "Journal[" + file + "]";
  }
}
