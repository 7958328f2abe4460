package dev.kit.cache;

import dev.kit.input.ValidatedKit;
import dev.kit.migration.MigrationDirectory;
import dev.kit.write.FileStamp;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One generation's use of a {@link GenerationCache}: the services it need not render, because their
 * fingerprint and files are as the last generation left them, and, after its commit, the entries of
 * those it rendered.
 */
public final class CachedRun {

  /**
   * What a service rendered to: its planned files and warnings.
   *
   * @param paths its files, repository-relative
   * @param warnings what rendering it warned about
   */
  public record Rendered(List<String> paths, List<String> warnings) {
    public Rendered {
      paths = List.copyOf(paths);
      warnings = List.copyOf(warnings);
    }
  }

  private final GenerationCache previous;
  private final Map<String, String> fingerprints;
  private final Map<String, GenerationCache.Entry> skipped;
  private final @Nullable String off;

  private CachedRun(
      GenerationCache previous,
      Map<String, String> fingerprints,
      Map<String, GenerationCache.Entry> skipped,
      @Nullable String off) {
    this.previous = previous;
    this.fingerprints = fingerprints;
    this.skipped = skipped;
    this.off = off;
  }

  /**
   * Fingerprints each service of {@code kit} and looks it up in {@code previous}; a service whose
   * description cannot be fingerprinted always renders.
   */
  public static CachedRun start(GenerationCache previous, ValidatedKit kit, String source) {
    Objects.requireNonNull(previous, "previous");
    Map<String, String> fingerprints = new ConcurrentHashMap<>();
    Map<String, GenerationCache.Entry> skipped = new ConcurrentHashMap<>();
    byte[] description;
    String off = null;
    try {
      description = Fingerprint.ofDescription(kit.kit(), source);
    } catch (RuntimeException e) {
      description = null; // a value kit cannot digest safely: render everything, as without a cache
      off = "the generation cache is off for this run, so every service renders: " + e.getMessage();
    }
    if (description != null) {
      byte[] digest = description;
      // One pass per service, fingerprint then lookup: a lambda per pass costs a cold JVM a class
      // (PROFILE.md, section 16.3).
      kit.kit().services().parallelStream()
          .forEach(
              service -> {
                String name = service.name();
                Optional<MigrationDirectory> migrations = kit.inputs().migrations(name);
                Optional<String> schema = kit.inputs().schema(name);
                String fingerprint =
                    Fingerprint.ofService(
                        digest, name, migrations.orElse(null), schema.orElse(null));
                fingerprints.put(name, fingerprint);
                Optional<GenerationCache.Entry> fresh = previous.fresh(name, fingerprint);
                if (fresh.isPresent()) {
                  skipped.put(name, fresh.get());
                }
              });
    }
    return new CachedRun(previous, fingerprints, skipped, off);
  }

  /** Why this run cannot use the cache, as a warning for the report; empty when it can. */
  public Optional<String> off() {
    return Optional.ofNullable(off);
  }

  /** The services not to render, with their entries: their files count as planned and unchanged. */
  public Map<String, GenerationCache.Entry> skipped() {
    return skipped;
  }

  /**
   * Records each rendered service's files with the stamps the generation took when it knew their
   * bytes ({@link dev.kit.write.StagingSession#stamps}): as compared, or as just renamed into
   * place. Not a stat now: a file edited since (an IDE's autosave, a formatter) would pass for
   * kit's output, and its service be skipped with the edit kept. A service with a file that has no
   * such stamp (or whose fingerprint could not be computed) gets no entry and renders next time; a
   * cache that cannot be written is left as it was, which is still safe: the files this generation
   * wrote no longer match its stamps, so their services render next time.
   *
   * @param rendered what each rendered service planned, by name
   * @param stamps the stamps of the files the generation found unchanged or wrote, by path
   */
  public void finish(Map<String, Rendered> rendered, Map<String, FileStamp> stamps) {
    Map<String, GenerationCache.Entry> next = new ConcurrentHashMap<>(skipped);
    rendered.entrySet().parallelStream()
        .forEach(
            each -> {
              String fingerprint = fingerprints.get(each.getKey());
              if (fingerprint == null) {
                return;
              }
              List<String> paths = each.getValue().paths();
              List<GenerationCache.Stamp> files = new ArrayList<>(paths.size());
              for (String path : paths) {
                FileStamp stamp = stamps.get(path);
                if (stamp == null) {
                  return;
                }
                files.add(GenerationCache.Stamp.of(path, stamp));
              }
              next.put(
                  each.getKey(),
                  new GenerationCache.Entry(fingerprint, files, each.getValue().warnings()));
            });
    try {
      previous.save(next);
    } catch (UncheckedIOException e) {
      // the generation itself succeeded; see above
    }
  }
}
