package dev.kit.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A regular file as one stat saw it: what Git's index compares, and what a generation cache records
 * of the files a {@link StagingSession} found unchanged or wrote.
 *
 * @param size its size in bytes
 * @param modified its modification time, in nanoseconds since the epoch
 * @param changed its status change time (ctime), in nanoseconds since the epoch; 0 where the file
 *     system has none
 * @param inode its inode number; 0 where the file system has none
 */
public record FileStamp(long size, long modified, long changed, long inode) {

  /** The attributes a stamp reads where the {@code unix} view exists (Linux, macOS). */
  private static final String UNIX_STAMP = "unix:isRegularFile,size,lastModifiedTime,ctime,ino";

  /**
   * The stamp of {@code file} now, a link not followed; null when it is not a regular file or
   * cannot be read.
   */
  public static @Nullable FileStamp of(Path file) {
    try {
      if (!file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
        BasicFileAttributes attributes =
            Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return attributes.isRegularFile()
            ? new FileStamp(
                attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), 0, 0)
            : null;
      }
      // One stat, as Git's index reads it: size, mtime, ctime and inode.
      Map<String, Object> attributes =
          Files.readAttributes(file, UNIX_STAMP, LinkOption.NOFOLLOW_LINKS);
      if (!Boolean.TRUE.equals(attributes.get("isRegularFile"))) {
        return null;
      }
      // The unix view returns every attribute it is asked for.
      return new FileStamp(
          (Long) Objects.requireNonNull(attributes.get("size")),
          ((FileTime) Objects.requireNonNull(attributes.get("lastModifiedTime")))
              .to(TimeUnit.NANOSECONDS),
          ((FileTime) Objects.requireNonNull(attributes.get("ctime"))).to(TimeUnit.NANOSECONDS),
          (Long) Objects.requireNonNull(attributes.get("ino")));
    } catch (IOException e) {
      return null;
    }
  }
}
