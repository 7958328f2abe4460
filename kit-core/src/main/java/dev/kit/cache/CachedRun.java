package dev.kit.cache;

import dev.kit.input.ValidatedKit;
import dev.kit.migration.MigrationDirectory;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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

  private CachedRun(
      GenerationCache previous,
      Map<String, String> fingerprints,
      Map<String, GenerationCache.Entry> skipped) {
    this.previous = previous;
    this.fingerprints = fingerprints;
    this.skipped = skipped;
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
    try {
      description = Fingerprint.ofDescription(kit.kit(), source);
    } catch (RuntimeException e) {
      description = null; // a value kit cannot digest safely: render everything, as without a cache
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
    return new CachedRun(previous, fingerprints, skipped);
  }

  /** The services not to render, with their entries: their files count as planned and unchanged. */
  public Map<String, GenerationCache.Entry> skipped() {
    return skipped;
  }

  /**
   * Records each rendered service's files as they now are on disk, once they are in place. A
   * service whose files cannot all be stamped (or whose fingerprint could not be computed) gets no
   * entry and renders next time; a cache that cannot be written is left as it was, which is still
   * safe: the files this generation wrote no longer match its stamps, so their services render next
   * time.
   *
   * @param root the repository
   * @param rendered what each rendered service planned, by name
   */
  public void finish(Path root, Map<String, Rendered> rendered) {
    Map<String, GenerationCache.Entry> next = new ConcurrentHashMap<>(skipped);
    rendered.entrySet().parallelStream()
        .forEach(
            each -> {
              String fingerprint = fingerprints.get(each.getKey());
              if (fingerprint == null) {
                return;
              }
              Optional<List<GenerationCache.Stamp>> stamps =
                  GenerationCache.stamps(root, each.getValue().paths());
              if (stamps.isPresent()) {
                next.put(
                    each.getKey(),
                    new GenerationCache.Entry(
                        fingerprint, stamps.get(), each.getValue().warnings()));
              }
            });
    try {
      previous.save(next);
    } catch (UncheckedIOException e) {
      // the generation itself succeeded; see above
    }
  }
}
