package dev.kit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.input.KitInputs;
import dev.kit.input.ValidatedKit;
import dev.kit.model.Kit;
import dev.kit.plan.FilePlan;
import dev.kit.plan.RepositoryRoot;
import dev.kit.render.KitRenderer;
import dev.kit.validate.Validation;
import dev.kit.write.FileStamp;
import dev.kit.write.PlanWriter;
import dev.kit.write.StagingSession;
import dev.kit.write.WriteReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cache sees an edit whatever it does to the modification time, as Git's index does. */
class GenerationCacheTest {

  /** What {@link Generator#forRepository} names in headers when no source is given. */
  private static final String SOURCE = "a kit description";

  private static final String CLUSTER = "services/orders/manifests/database/cluster.yaml";

  @TempDir Path repo;
  private Generator generator;
  private final Kit kit =
      Kit.builder()
          .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
          .service("orders", s -> s.database(db -> db.storage("1Gi")).withoutMigrations())
          .build();

  @BeforeEach
  void generateOnce() {
    generator = Generator.forRepository(repo).cache(repo.resolve("target/kit-cache"));
    generator.generate(kit);
    assertThat(generator.generate(kit).skippedServices()).as("cached").containsExactly("orders");
  }

  /** The same number of bytes, one of them changed: what a careful edit (or a tool) can do. */
  private static byte[] edited(byte[] content) {
    byte[] edited = content.clone();
    edited[edited.length - 2] = (byte) (edited[edited.length - 2] == 'x' ? 'y' : 'x');
    return edited;
  }

  @Test
  void generate_rendersAgain_whenAnEditRestoresTheModificationTime() throws IOException {
    Path cluster = repo.resolve(CLUSTER);
    FileTime written = Files.getLastModifiedTime(cluster);
    byte[] original = Files.readAllBytes(cluster);
    Files.write(cluster, edited(original));
    Files.setLastModifiedTime(cluster, written); // as 'touch -r', or a tool that keeps times

    WriteReport report = generator.generate(kit);

    assertThat(report.skippedServices()).isEmpty();
    assertThat(report.updated()).containsExactly(CLUSTER);
    assertThat(Files.readAllBytes(cluster)).isEqualTo(original);
  }

  @Test
  void generate_rendersAgain_whenTheFileWasReplacedByAnEditedCopyWithTheSameTime()
      throws IOException {
    Path cluster = repo.resolve(CLUSTER);
    byte[] original = Files.readAllBytes(cluster);
    Path copy = Files.write(repo.resolve("copy.yaml"), edited(original));
    Files.setLastModifiedTime(copy, Files.getLastModifiedTime(cluster));
    Files.move(
        copy,
        cluster,
        StandardCopyOption.REPLACE_EXISTING); // an editor that saves by renaming a new file

    WriteReport report = generator.generate(kit);

    assertThat(report.updated()).containsExactly(CLUSTER);
    assertThat(Files.readAllBytes(cluster)).isEqualTo(original);
  }

  /**
   * A file edited after kit knew its bytes (wrote it, or compared it and left it) but before the
   * cache recorded it, as an IDE's autosave or a formatter watching the folder can, must not pass
   * for kit's output: the service stays out of the cache, so the next generation renders it and
   * undoes the edit, as {@code kit:check} asks. The pieces are driven as {@link Generator} drives
   * them, with the edit between the commit and {@code finish}.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void finish_leavesTheServiceOut_whenAFileIsEditedAfterKitKnewItsBytes(boolean kitWritesIt)
      throws IOException {
    Path cluster = repo.resolve(CLUSTER);
    byte[] original = Files.readAllBytes(cluster);
    Path dir = repo.resolve("target/kit-cache");
    if (kitWritesIt) {
      Files.write(cluster, edited(original)); // so this run replaces it
    } else {
      deleteRecursively(dir); // so this run renders the service and finds the file unchanged
    }
    RepositoryRoot repository = RepositoryRoot.of(repo);
    KitRenderer renderer = new KitRenderer(SOURCE);

    try (StagingSession session = new PlanWriter(repository).begin()) {
      ValidatedKit validated =
          Validation.validate(kit, KitInputs.read(repository, kit), Clock.systemUTC(), renderer);
      CachedRun cached =
          CachedRun.start(GenerationCache.load(dir, repository.path()), validated, SOURCE);
      assertThat(cached.skipped()).isEmpty();
      session.takeStamps();
      FilePlan plan = renderer.render(validated);
      session.stage(plan);
      WriteReport written = session.commit(List.of());
      assertThat(kitWritesIt ? written.updated() : written.unchanged()).contains(CLUSTER);
      // Another size, so the edit shows even within the file system's timestamp resolution.
      Files.writeString(cluster, "# edited\n", StandardOpenOption.APPEND);
      List<String> orders =
          plan.paths().stream().filter(path -> path.startsWith("services/orders/")).toList();
      cached.finish(Map.of("orders", new CachedRun.Rendered(orders, List.of())), session.stamps());
    }

    WriteReport report = generator.generate(kit);

    assertThat(report.skippedServices()).isEmpty();
    assertThat(report.updated()).containsExactly(CLUSTER);
    assertThat(Files.readAllBytes(cluster)).isEqualTo(original);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  @Test
  void start_saysTheCacheIsOff_whenTheDescriptionHoldsAValueItCannotFingerprint() {
    // Validation refuses such a value in kit's own model; a database host of another provider
    // can still hold one.
    Kit unreadable =
        kit.toBuilder()
            .platform(
                dev.kit.model.Platform.builder()
                    .cloudnativePg(
                        dev.kit.model.Platform.CLOUDNATIVE_PG.withValue(
                            "podLabels", java.net.URI.create("https://acme.io/team")))
                    .build())
            .build();

    CachedRun cached =
        CachedRun.start(
            GenerationCache.load(repo.resolve("target/kit-cache"), repo),
            new ValidatedKit(unreadable, KitInputs.of(Map.of(), Map.of())),
            SOURCE);

    assertThat(cached.skipped()).isEmpty();
    assertThat(cached.off())
        .hasValue(
            "the generation cache is off for this run, so every service renders:"
                + " platform.cloudnativePg.values[podLabels]: cannot fingerprint a java.net.URI (the"
                + " cache digests strings, numbers, booleans, enums, records, lists and maps: pass"
                + " the value as one of those)");
    assertThat(
            CachedRun.start(
                    GenerationCache.load(repo.resolve("target/kit-cache"), repo),
                    new ValidatedKit(kit, KitInputs.of(Map.of(), Map.of())),
                    SOURCE)
                .off())
        .isEmpty();
  }

  @Test
  void generate_removesTheCacheTemporaryFilesAnEarlierRunLeft() throws IOException {
    Path dir = repo.resolve("target/kit-cache");
    Files.writeString(dir.resolve(".fingerprints-v2.json.5e1f.kit-tmp"), "{\"root\":");
    Files.writeString(dir.resolve("fingerprints-v1.json7805275014014900616.tmp"), "{");

    generator.generate(kit);

    assertHoldsOnlyTheCacheFile(dir);
  }

  @Test
  void generate_removesTheCacheFilesOfOlderKits_whichItNoLongerReads() throws IOException {
    Path dir = Files.createDirectories(repo.resolve("target/kit-cache"));
    Files.writeString(dir.resolve("fingerprints-v2.json"), "{\"root\":\"/repo\",\"services\":{}}");
    Files.writeString(dir.resolve("fingerprints-v1.json"), "{}");

    generator.generate(kit);

    assertHoldsOnlyTheCacheFile(dir);
  }

  private static void assertHoldsOnlyTheCacheFile(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .containsExactly(GenerationCache.FILE);
    }
  }

  private static final GenerationCache.Content CONTENT =
      new GenerationCache.Content(
          "/repo",
          new java.util.TreeMap<>(
              java.util.Map.of(
                  "orders",
                      new GenerationCache.Entry(
                          "h1:abc",
                          java.util.List.of(
                              new GenerationCache.Stamp(
                                  "services/orders/a.yaml",
                                  12,
                                  1_700_000_000_123_456_789L,
                                  -1,
                                  Long.MAX_VALUE)),
                          java.util.List.of("a \"quoted\" warning\n", "é")),
                  "pay",
                      new GenerationCache.Entry(
                          "h1:def", java.util.List.of(), java.util.List.of()))));

  /**
   * A hand-edited or damaged cache must not have kit keep files under a name the writer would not
   * use itself: an entry with a path in any form but the plain one is dropped, and its service
   * renders; the same entry with its plain path is used.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "services/orders//a.yaml",
        "services/orders/./a.yaml",
        "services/orders/x/../a.yaml",
        "services/orders/a.yaml/",
        "services/orders\\a.yaml",
        "services/orders/c:a.yaml",
        "services/pay/a.yaml"
      })
  void load_dropsAnEntry_whosePathIsNotPlainOrNotTheServices(String path, @TempDir Path root)
      throws IOException {
    Path file = Files.createDirectories(root.resolve("services/orders")).resolve("a.yaml");
    Files.writeString(file, "a: 1\n");
    GenerationCache.Stamp stamp =
        GenerationCache.Stamp.of(
            "services/orders/a.yaml", java.util.Objects.requireNonNull(FileStamp.of(file)));
    Path dir = root.resolve("target/kit-cache");

    assertThat(loaded(dir, root, stamp).fresh("orders", "h1:abc")).isPresent();
    GenerationCache.Stamp moved =
        new GenerationCache.Stamp(
            path, stamp.size(), stamp.modified(), stamp.changed(), stamp.inode());
    assertThat(loaded(dir, root, moved).fresh("orders", "h1:abc")).isEmpty();
  }

  private static GenerationCache loaded(Path dir, Path root, GenerationCache.Stamp stamp)
      throws IOException {
    Files.createDirectories(dir);
    Files.write(
        dir.resolve(GenerationCache.FILE),
        GenerationCache.write(
            new GenerationCache.Content(
                root.toString(),
                new java.util.TreeMap<>(
                    java.util.Map.of(
                        "orders",
                        new GenerationCache.Entry(
                            "h1:abc", java.util.List.of(stamp), java.util.List.of()))))));
    return GenerationCache.load(dir, root);
  }

  @Test
  void read_returnsWhatWriteWrote() {
    assertThat(GenerationCache.read(GenerationCache.write(CONTENT))).isEqualTo(CONTENT);
    GenerationCache.Content empty = new GenerationCache.Content("", new java.util.TreeMap<>());
    assertThat(GenerationCache.read(GenerationCache.write(empty))).isEqualTo(empty);
  }

  @Test
  void read_throws_whenTheFileIsNotACache() {
    byte[] written = GenerationCache.write(CONTENT);
    byte[] longer = java.util.Arrays.copyOf(written, written.length + 1);
    byte[] hugeCount = written.clone();
    hugeCount[hugeCount.length - 1] = 0x7f; // the last service's count of warnings, damaged
    for (byte[] bytes :
        java.util.List.of(
            new byte[0],
            "{\"root\":\"/r\",\"services\":{}}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            java.util.Arrays.copyOf(written, written.length - 1),
            java.util.Arrays.copyOf(written, 30),
            longer,
            hugeCount)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> GenerationCache.read(bytes))
          .as("%d bytes", bytes.length)
          .isInstanceOf(IllegalStateException.class);
    }
  }

  /**
   * Jackson's parser and generator cost a cold run about a hundred classes and ~100 ms of CPU each
   * way for this one file (PROFILE section 14, generation cache); nothing else in a cached run
   * needs them.
   */
  @Test
  void classFile_namesNoJacksonClass_soACachedRunLoadsNone() throws IOException {
    try (java.io.InputStream in =
        GenerationCache.class.getResourceAsStream("GenerationCache.class")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1))
          .doesNotContain("tools/jackson");
    }
  }
}
