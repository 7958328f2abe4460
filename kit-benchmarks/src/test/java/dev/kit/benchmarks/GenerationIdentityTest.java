package dev.kit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.input.KitInputs;
import dev.kit.input.ValidatedKit;
import dev.kit.layout.RepositoryLayout;
import dev.kit.migration.MigrationDirectory;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import dev.kit.plan.FilePlan;
import dev.kit.render.KitRenderer;
import dev.kit.validate.Validation;
import dev.kit.write.WriteReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the benchmarks rely on and the speed-ups must keep: same bytes on any path, nothing written
 * when nothing changed.
 */
class GenerationIdentityTest {

  /** Enough services to render in parallel (the renderer forks from 8 on). */
  private static final int SERVICES = 24;

  /** Each service's 15 files, and platform/argocd-cm.yaml. */
  private static final int FILES = SERVICES * 15 + 1;

  @TempDir Path repo;

  private final Workload workload = new Workload(SERVICES);
  private Kit kit;

  @BeforeEach
  void writeWorkload() {
    workload.writeMigrations(repo);
    kit = workload.kit();
  }

  @Test
  void render_givesTheSameBytes_inParallelAndSequentially() {
    Map<String, MigrationDirectory> migrations = new HashMap<>();
    for (Service service : kit.services()) {
      migrations.put(
          service.name(),
          MigrationDirectory.read(
              repo.resolve("services").resolve(service.name()).resolve("migrations")));
    }

    FilePlan parallel = new KitRenderer("test", true).render(validated(migrations));
    FilePlan sequential = new KitRenderer("test", false).render(validated(migrations));

    assertThat(parallel.size()).isEqualTo(FILES);
    assertThat(parallel.paths()).isEqualTo(sequential.paths());
    for (String path : sequential.paths()) {
      assertThat(parallel.content(path)).as(path).isEqualTo(sequential.content(path));
    }
    assertThat(parallel.warnings()).isEqualTo(sequential.warnings());
  }

  private ValidatedKit validated(Map<String, MigrationDirectory> migrations) {
    return Validation.validate(
        kit, KitInputs.of(migrations, Map.of()), Clock.systemUTC(), new KitRenderer("test"));
  }

  @Test
  void generate_writesExactlyThePlan_whenStreamingIntoAnEmptyFolder() throws IOException {
    Generator generator = Generator.forRepository(repo).source("test");
    FilePlan plan = generator.plan(kit);

    WriteReport report = generator.generate(kit);

    assertThat(report.created()).isEqualTo(plan.paths());
    assertThat(generatedFiles()).isEqualTo(plan.paths());
    for (String path : plan.paths()) {
      assertThat(Files.readAllBytes(repo.resolve(path))).as(path).isEqualTo(plan.content(path));
    }
  }

  @Test
  void generate_writesNothing_whenRunAgain() throws IOException {
    Generator generator = Generator.forRepository(repo).source("test");
    generator.generate(kit);
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    for (String path : generatedFiles()) {
      Files.setLastModifiedTime(repo.resolve(path), old);
    }
    List<String> before = generatedFiles();

    WriteReport again = generator.generate(kit);

    assertThat(again.changedCount()).isZero();
    assertThat(WholeProcessRun.bytesWritten(repo, again)).isZero();
    assertThat(again.unchanged()).hasSize(FILES);
    assertThat(generatedFiles()).as("no file added, not even a temporary one").isEqualTo(before);
    for (String path : before) {
      assertThat(Files.getLastModifiedTime(repo.resolve(path))).as(path).isEqualTo(old);
    }
  }

  @Test
  void generate_withCache_writesExactlyWhatItWritesWithout() throws IOException {
    Generator plain = Generator.forRepository(repo).source("test");
    FilePlan plan = plain.plan(kit);

    WriteReport first = plain.cache(cacheDir()).generate(kit);

    assertThat(first.created()).isEqualTo(plan.paths());
    assertThat(first.skippedServices()).as("nothing cached yet").isEmpty();
    assertThat(first.warnings()).isEqualTo(plan.warnings());
    assertWritten(plan);
  }

  @Test
  void generate_withCache_rendersNoServiceAndWritesNothing_whenRunAgain() throws IOException {
    Generator generator = Generator.forRepository(repo).source("test").cache(cacheDir());
    WriteReport first = generator.generate(kit);
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    // Stamped by the first run: an older time now is a hand edit, so age the files before the run
    // that records them.
    for (String path : generatedFiles()) {
      Files.setLastModifiedTime(repo.resolve(path), old);
    }
    generator.generate(kit); // renders everything (the times changed) and records the aged files
    List<String> before = generatedFiles();

    WriteReport again = generator.generate(kit);

    assertThat(again.skippedServices()).isEqualTo(serviceNames());
    assertThat(again.changedCount()).isZero();
    assertThat(WholeProcessRun.bytesWritten(repo, again)).isZero();
    assertThat(again.unchanged()).hasSize(FILES);
    assertThat(again.warnings()).isEqualTo(first.warnings());
    assertThat(generatedFiles()).as("no file added or deleted").isEqualTo(before);
    for (String path : before) {
      assertThat(Files.getLastModifiedTime(repo.resolve(path))).as(path).isEqualTo(old);
    }
  }

  @Test
  void generate_withCache_rewritesAFileEditedByHand_evenWithTheSameSize() throws IOException {
    Generator generator = Generator.forRepository(repo).source("test").cache(cacheDir());
    generator.generate(kit);
    Path cluster =
        repo.resolve("services/" + Workload.serviceName(3) + "/manifests/database/cluster.yaml");
    byte[] original = Files.readAllBytes(cluster);
    byte[] edited = original.clone();
    edited[edited.length - 2] = (byte) (edited[edited.length - 2] == 'x' ? 'y' : 'x');
    Files.write(cluster, edited);
    Files.setLastModifiedTime(cluster, FileTime.from(Instant.parse("2021-01-01T00:00:00Z")));
    Path runbook = repo.resolve("services/" + Workload.serviceName(5) + "/RUNBOOK.md");
    Files.writeString(runbook, "\n", java.nio.file.StandardOpenOption.APPEND);

    WriteReport again = generator.generate(kit);

    assertThat(again.updated())
        .containsExactlyInAnyOrder(
            repo.relativize(runbook).toString().replace('\\', '/'),
            repo.relativize(cluster).toString().replace('\\', '/'));
    assertThat(again.skippedServices())
        .hasSize(SERVICES - 2)
        .doesNotContain(Workload.serviceName(3), Workload.serviceName(5));
    assertThat(Files.readAllBytes(cluster)).isEqualTo(original);
    assertWritten(generator.plan(kit));
  }

  @Test
  void generate_withCache_rendersAServiceAgain_whenAMigrationChanges() throws IOException {
    Generator generator = Generator.forRepository(repo).source("test").cache(cacheDir());
    generator.generate(kit);
    Path migrations = repo.resolve("services/" + Workload.serviceName(7) + "/migrations");
    Path first;
    try (Stream<Path> files = Files.list(migrations)) {
      first =
          files.filter(file -> file.toString().endsWith(".sql")).sorted().findFirst().orElseThrow();
    }
    Files.writeString(first, "-- reviewed\n", java.nio.file.StandardOpenOption.APPEND);

    WriteReport again = generator.generate(kit);

    assertThat(again.skippedServices())
        .hasSize(SERVICES - 1)
        .doesNotContain(Workload.serviceName(7));
    assertThat(again.updated())
        .contains("services/" + Workload.serviceName(7) + "/migrations/atlas.sum");
    assertWritten(generator.plan(kit));
  }

  @Test
  void generate_withCache_rendersAgain_whenTheDescriptionChanges() throws IOException {
    Generator generator = Generator.forRepository(repo).source("test").cache(cacheDir());
    generator.generate(kit);
    Service changed = kit.services().get(2);
    Kit.Builder builder = Kit.builder().repository(kit.repository());
    kit.platform().ifPresent(builder::platform);
    kit.services()
        .forEach(
            s ->
                builder.service(
                    s.equals(changed) ? s.toBuilder().label("tier", "gold").build() : s));
    Kit relabelled = builder.build();

    WriteReport again = generator.generate(relabelled);

    assertThat(again.updated())
        .anyMatch(path -> path.startsWith("services/" + changed.name() + "/"));
    assertThat(again.changedCount()).isPositive();
    assertWritten(generator.plan(relabelled));
    assertThat(generator.generate(relabelled).skippedServices()).isEqualTo(serviceNames());
  }

  @Test
  void generate_withCache_rendersEverythingAgain_whenTheHeaderSourceChanges() throws IOException {
    Generator.forRepository(repo).source("test").cache(cacheDir()).generate(kit);
    Generator renamed = Generator.forRepository(repo).source("com.example.Other").cache(cacheDir());

    WriteReport again = renamed.generate(kit);

    assertThat(again.skippedServices()).isEmpty();
    assertThat(again.updated().stream().filter(path -> path.startsWith("services/")))
        .as("every service file but the header-less atlas.sum")
        .hasSize(SERVICES * 15 - SERVICES);
    assertWritten(renamed.plan(kit));
  }

  @Test
  void generate_withCache_rendersEverything_whenTheCacheIsDeletedOrCorrupt() throws IOException {
    Generator generator = Generator.forRepository(repo).source("test").cache(cacheDir());
    generator.generate(kit);

    deleteRecursively(cacheDir());
    WriteReport afterDelete = generator.generate(kit);
    assertThat(afterDelete.skippedServices()).isEmpty();
    assertThat(afterDelete.changedCount()).isZero();

    try (Stream<Path> files = Files.list(cacheDir())) {
      for (Path file : files.toList()) {
        Files.writeString(file, "{not json");
      }
    }
    WriteReport afterCorruption = generator.generate(kit);
    assertThat(afterCorruption.skippedServices()).isEmpty();
    assertThat(afterCorruption.changedCount()).isZero();
    assertThat(generator.generate(kit).skippedServices())
        .as("the cache was rewritten")
        .isEqualTo(serviceNames());

    // An entry naming a path outside its service (hand-edited, say) is dropped: that service
    // renders again.
    // The same number of bytes, so only that entry changes in the binary file.
    Path cacheFile = cacheDir().resolve(RepositoryLayout.CACHE_FILE);
    String service = Workload.serviceName(0);
    String cache = new String(Files.readAllBytes(cacheFile), StandardCharsets.ISO_8859_1);
    String runbook = "services/" + service + "/RUNBOOK.md";
    assertThat(cache).contains(runbook);
    Files.write(
        cacheFile,
        cache
            .replace(runbook, "services/" + service + "/../RUNB.md")
            .getBytes(StandardCharsets.ISO_8859_1));
    WriteReport afterTampering = generator.generate(kit);
    assertThat(afterTampering.skippedServices()).hasSize(SERVICES - 1).doesNotContain(service);
    assertThat(afterTampering.changedCount()).isZero();
  }

  @Test
  void check_rendersEverything_evenWhenACacheExists() throws IOException {
    Generator generator = Generator.forRepository(repo).source("test").cache(cacheDir());
    generator.generate(kit);
    Path cluster =
        repo.resolve("services/" + Workload.serviceName(1) + "/manifests/database/cluster.yaml");
    FileTime stamped = Files.getLastModifiedTime(cluster);
    byte[] edited = Files.readAllBytes(cluster);
    edited[edited.length - 2] = (byte) (edited[edited.length - 2] == 'x' ? 'y' : 'x');
    Files.write(cluster, edited);
    Files.setLastModifiedTime(
        cluster, stamped); // an edit the cache cannot see: check must still find it

    assertThat(generator.check(kit).stale())
        .containsExactly(
            "services/" + Workload.serviceName(1) + "/manifests/database/cluster.yaml");
  }

  private Path cacheDir() {
    return repo.resolve("target/kit-cache");
  }

  private List<String> serviceNames() {
    return kit.services().stream().map(Service::name).toList();
  }

  /** Every generated file on disk is exactly as {@code plan} holds it, and no other is there. */
  private void assertWritten(FilePlan plan) throws IOException {
    assertThat(generatedFiles()).isEqualTo(plan.paths());
    for (String path : plan.paths()) {
      assertThat(Files.readAllBytes(repo.resolve(path))).as(path).isEqualTo(plan.content(path));
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** Every file under services/ but the migrations, as sorted repository-relative paths. */
  @SuppressWarnings(
      "StreamResourceLeak") // closing the concatenation closes both walks (Stream.concat)
  private List<String> generatedFiles() throws IOException {
    try (Stream<Path> files =
        Stream.concat(Files.walk(repo.resolve("services")), Files.walk(repo.resolve("platform")))) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> !file.getFileName().toString().endsWith(".sql"))
          .map(file -> repo.relativize(file).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }
}
