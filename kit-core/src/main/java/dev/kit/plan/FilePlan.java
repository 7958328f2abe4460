package dev.kit.plan;

import dev.kit.layout.RepositoryLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Everything one generation writes: repository-relative paths (with {@code /}) to bytes, sorted by
 * path. {@code kit:generate} writes it, {@code kit:check} compares it with the disk, tests compare
 * it with golden files. Generated files start with the {@link GeneratedHeader}; the exceptions are
 * Atlas's {@code atlas.sum} files, whose format has no room for one.
 */
public final class FilePlan {

  private final SortedMap<String, byte[]> files;
  private final SortedMap<String, Boolean> headerless;
  private final List<String> warnings;

  private FilePlan(
      SortedMap<String, byte[]> files,
      SortedMap<String, Boolean> headerless,
      List<String> warnings) {
    this.files = files;
    this.headerless = headerless;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Things that render but deserve attention, such as a deprecated option; each names the path and
   * the fix.
   */
  public List<String> warnings() {
    return warnings;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The planned paths, sorted. */
  public List<String> paths() {
    return List.copyOf(files.keySet());
  }

  /** The bytes planned for {@code path}, or {@code null} when the plan has no such file. */
  public byte @Nullable [] content(String path) {
    byte[] content = files.get(path);
    return content == null ? null : content.clone();
  }

  /** Whether the plan has a file at {@code path}; unlike {@link #content} it copies nothing. */
  public boolean contains(String path) {
    return files.containsKey(path);
  }

  /**
   * The bytes planned for {@code path} as a read-only buffer over the plan's array, or {@code null}
   * when the plan has no such file: what a writer uses, so writing a large plan does not copy it
   * once more.
   */
  public @Nullable ByteBuffer view(String path) {
    byte[] content = files.get(path);
    return content == null ? null : ByteBuffer.wrap(content).asReadOnlyBuffer();
  }

  /** The planned file as UTF-8 text. */
  public String text(String path) {
    byte[] content = files.get(Objects.requireNonNull(path));
    if (content == null) {
      throw new IllegalArgumentException("the plan has no file " + path);
    }
    return new String(content, StandardCharsets.UTF_8);
  }

  /** Whether {@code path} is an {@code atlas.sum}, written without the generated header. */
  public boolean isHeaderless(String path) {
    return headerless.containsKey(path);
  }

  /** Whether the file at {@code path} is planned with exactly {@code content}. */
  public boolean matches(String path, byte[] content) {
    return Arrays.equals(files.get(path), content);
  }

  public int size() {
    return files.size();
  }

  /** The total number of planned bytes. */
  public long byteCount() {
    return files.values().stream().mapToLong(b -> b.length).sum();
  }

  /** Collects planned files; a path may be planned once. */
  public static final class Builder {
    private final SortedMap<String, byte[]> files = new TreeMap<>();
    private final SortedMap<String, Boolean> headerless = new TreeMap<>();
    private final List<String> warnings = new java.util.ArrayList<>();

    private Builder() {}

    /** Records a warning for whoever runs the generation. */
    public Builder warn(String warning) {
      warnings.add(Objects.requireNonNull(warning, "warning"));
      return this;
    }

    /**
     * Plans a generated file, which must start with the {@link GeneratedHeader}. The plan keeps
     * {@code content} without a copy (a large generation would otherwise hold each file twice): the
     * caller hands the array over and does not change it afterwards.
     */
    public Builder add(String path, byte[] content) {
      if (!GeneratedHeader.isPresent(content)) {
        throw new IllegalArgumentException(path + " must start with the generated header");
      }
      return put(path, content);
    }

    /**
     * Plans an {@code atlas.sum}, which Atlas's format keeps without a header; like {@link #add},
     * the plan keeps {@code content} without a copy.
     */
    public Builder addAtlasSum(String path, byte[] content) {
      if (!path.endsWith("/atlas.sum")) {
        throw new IllegalArgumentException(
            "only atlas.sum files may be planned without a header: " + path);
      }
      put(path, content);
      headerless.put(path, Boolean.TRUE); // once planned: a refused path leaves nothing behind
      return this;
    }

    /** Adds every file and warning of {@code part}, as planned there. */
    public Builder include(FilePlan part) {
      part.files.forEach(
          (path, content) -> {
            if (files.putIfAbsent(path, content) != null) {
              throw new IllegalArgumentException(path + " is planned twice");
            }
          });
      headerless.putAll(part.headerless);
      warnings.addAll(part.warnings);
      return this;
    }

    private Builder put(String path, byte[] content) {
      Objects.requireNonNull(content, "content"); // a null kept here would fail only when written
      boolean underRoot = false;
      for (String root : RepositoryLayout.ROOTS) { // a loop, not a stream: asked per planned file
        if (path.startsWith(root) && path.startsWith("/", root.length())) {
          underRoot = true;
          break;
        }
      }
      // Plain: the writer keys files by their text, so "a//b" must not plan "a/b" twice.
      if (!underRoot || !RepositoryRoot.isPlain(path)) {
        throw new IllegalArgumentException(
            "a planned path must be a file under "
                + RepositoryLayout.ROOTS
                + ", its names joined by single '/' with no empty, '.' or '..' name and no '\\' or"
                + " ':': "
                + path);
      }
      if (files.putIfAbsent(path, content) != null) {
        throw new IllegalArgumentException(path + " is planned twice");
      }
      return this;
    }

    public FilePlan build() {
      return new FilePlan(new TreeMap<>(files), new TreeMap<>(headerless), warnings);
    }
  }
}
