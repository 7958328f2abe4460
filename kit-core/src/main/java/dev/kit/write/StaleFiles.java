package dev.kit.write;

import dev.kit.layout.RepositoryLayout;
import dev.kit.plan.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * The search for generated files a plan no longer holds: what lies under kit's folders ({@code
 * services/}, {@code platform/}), links not followed, and which of those files carry kit's header.
 *
 * @param candidates regular files that could be generated files; migrations ({@code *.sql}) are
 *     left out: kit never generates one, and they are most of the files, so reading their heads
 *     would be most of the cost of a generation that changes nothing
 * @param temporary kit's temporary files (an earlier run's, when no session is staging)
 */
record StaleFiles(List<String> candidates, List<Path> temporary) {

  /** Lists kit's folders under {@code root}. */
  static StaleFiles list(Path root) {
    Queue<String> candidates = new ConcurrentLinkedQueue<>();
    Queue<Path> temporary = new ConcurrentLinkedQueue<>();
    for (String folder : RepositoryLayout.ROOTS) {
      Path top = root.resolve(folder);
      if (!Files.isDirectory(top, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      // One walk per entry of the folder (a service each, under services/), in parallel: listing
      // tens of thousands of files is most of a generation that renders nothing.
      Arrays.stream(names(top))
          .parallel()
          .forEach(name -> walk(root, top, name, candidates, temporary));
    }
    return new StaleFiles(new ArrayList<>(candidates), new ArrayList<>(temporary));
  }

  /**
   * The candidates that are not {@code planned} and carry kit's header, sorted: what a generation
   * deletes.
   */
  List<String> extra(Set<String> planned, Inspector inspector) {
    // A loop, not a parallel stream: in kit's tree most candidates are planned (a hash lookup
    // each), and a stream's lambdas and pipeline cost a cold JVM more (PROFILE.md, section 16.3).
    // Files a team keeps under services/ beside kit's are read for their head one at a time.
    List<String> extra = new ArrayList<>();
    for (String path : candidates) {
      if (!planned.contains(path) && inspector.isGenerated(path)) {
        extra.add(path);
      }
    }
    extra.sort(null);
    return extra;
  }

  /**
   * Lists the entry {@code name} of {@code dir} and, when it is a folder, what is under it. An
   * entry named {@code *.sql} is neither looked at nor into: a migration is never a generated or
   * temporary file, and kit names no folder so; not looking at the migrations (most of the files)
   * saves a stat each, and a {@code Path} each. A user's folder named so (a migrations folder
   * {@code db.sql/}) is not searched either: an {@code atlas.sum} left there by a service that
   * dropped its migrations stays, as a hand-written file would.
   */
  private static void walk(
      Path root, Path dir, String name, Queue<String> candidates, Queue<Path> temporary) {
    if (name.endsWith(".sql")) {
      return;
    }
    Path entry = dir.resolve(name);
    BasicFileAttributes attributes;
    try {
      attributes =
          Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return; // gone since the folder was listed
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + entry, e);
    }
    if (attributes.isDirectory()) {
      for (String each : names(entry)) {
        walk(root, entry, each, candidates, temporary);
      }
    } else if (attributes.isRegularFile() && name.endsWith(Journal.TEMPORARY_SUFFIX)) {
      temporary.add(entry);
    } else if (attributes.isRegularFile()) {
      candidates.add(root.relativize(entry).toString().replace('\\', '/'));
    }
  }

  /**
   * The names in {@code dir}: java.io's list where it can be trusted with them, not NIO's directory
   * stream, which makes a {@code Path} of every name (most are migrations, never looked at).
   */
  private static String[] names(Path dir) {
    String[] names = RepositoryRoot.namesThroughJavaIo(dir);
    if (names != null) {
      return names;
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(each -> each.getFileName().toString()).toArray(String[]::new);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
