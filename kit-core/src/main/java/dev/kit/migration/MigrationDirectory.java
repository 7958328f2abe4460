package dev.kit.migration;

import dev.kit.plan.RepositoryLinkException;
import dev.kit.plan.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The migration files of one directory, as Atlas reads them: the top-level {@code *.sql} files
 * only, in byte-wise name order. {@code atlas.sum}, other files and subfolders are not migrations.
 *
 * @param files the migration files, sorted as Atlas sorts them
 */
public record MigrationDirectory(List<MigrationFile> files) {

  /** The integrity file Atlas keeps beside the migrations. */
  public static final String SUM_FILE = "atlas.sum";

  /**
   * Keys plus values per migrations ConfigMap. The API server rejects a ConfigMap whose keys and
   * values exceed 1 MiB ({@code MaxConfigMapSize}); 900 KiB leaves room for metadata within etcd's
   * request limit.
   */
  public static final int CONFIGMAP_BUDGET_BYTES = 900 * 1024;

  /**
   * What the files and {@code atlas.sum} count against a ConfigMap's size limit: names plus raw
   * bytes.
   */
  public long configMapBytes() {
    long total = (long) SUM_FILE.length() + sum().toBytes().length;
    for (MigrationFile file : files) {
      total += file.name().length() + file.size();
    }
    return total;
  }

  public MigrationDirectory {
    List<MigrationFile> sorted = new ArrayList<>(files);
    sorted.sort((a, b) -> MigrationFile.compareNames(a.name(), b.name()));
    files = List.copyOf(sorted);
  }

  /**
   * Reads the {@code *.sql} files directly in {@code dir}, which is its own repository: links may
   * not lead out of it. A missing directory has none.
   */
  public static MigrationDirectory read(Path dir) {
    RepositoryRoot root = RepositoryRoot.of(dir);
    return read(root, root.path());
  }

  /**
   * Reads the {@code *.sql} files directly in {@code dir}, a folder of the repository at {@code
   * root}; a missing directory has none. The folder and its files may be symbolic links that stay
   * inside the repository.
   *
   * @throws RepositoryLinkException naming every link on the way that leads outside the repository
   *     or to nothing: a migration is never read from elsewhere, nor silently dropped
   */
  public static MigrationDirectory read(RepositoryRoot root, Path dir) {
    root.checkRead(dir);
    if (!Files.isDirectory(dir)) {
      return new MigrationDirectory(List.of());
    }
    try (Stream<Path> entries = Files.list(dir)) {
      List<MigrationFile> files = new ArrayList<>();
      List<RepositoryLinkException.Link> links = new ArrayList<>();
      for (Path path : (Iterable<Path>) entries::iterator) {
        String name = path.getFileName().toString();
        if (!name.endsWith(".sql")) {
          continue;
        }
        BasicFileAttributes attributes =
            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
          try {
            root.checkRead(path);
          } catch (RepositoryLinkException e) {
            links.addAll(e.links());
            continue;
          }
        }
        if (attributes.isRegularFile()
            || (attributes.isSymbolicLink() && Files.isRegularFile(path))) {
          files.add(new MigrationFile(name, Files.readAllBytes(path)));
        }
      }
      if (!links.isEmpty()) {
        throw new RepositoryLinkException(links);
      }
      return new MigrationDirectory(files);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migrations in " + dir, e);
    }
  }

  /** These files and {@code file}, whose name none of them has. */
  public MigrationDirectory with(MigrationFile file) {
    List<MigrationFile> more = new ArrayList<>(files);
    more.add(file);
    return new MigrationDirectory(more);
  }

  /** The {@code atlas.sum} Atlas would write for these files. */
  public AtlasSum sum() {
    return AtlasSum.of(files);
  }

  public boolean isEmpty() {
    return files.isEmpty();
  }
}
