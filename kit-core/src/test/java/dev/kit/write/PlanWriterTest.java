package dev.kit.write;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.plan.FilePlan;
import dev.kit.plan.GeneratedHeader;
import dev.kit.plan.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanWriterTest {

  private static final String HEADER = GeneratedHeader.line("test");

  @TempDir Path root;

  private static byte[] generated(String body) {
    return (HEADER + body).getBytes(StandardCharsets.UTF_8);
  }

  private static FilePlan plan(String... pathAndBody) {
    FilePlan.Builder plan = FilePlan.builder();
    for (int i = 0; i < pathAndBody.length; i += 2) {
      plan.add(pathAndBody[i], generated(pathAndBody[i + 1]));
    }
    return plan.build();
  }

  private void put(String path, String content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void write_createsFilesAndReports_whenDiskIsEmpty() throws IOException {
    WriteReport report =
        new PlanWriter(root)
            .write(plan("services/a/x.yaml", "x: 1\n", "services/a/m/y.yaml", "y: 2\n"));

    assertThat(report.created()).containsExactly("services/a/m/y.yaml", "services/a/x.yaml");
    assertThat(report.changedCount()).isEqualTo(2);
    assertThat(Files.readString(root.resolve("services/a/x.yaml"))).isEqualTo(HEADER + "x: 1\n");
  }

  @Test
  void write_refusesToWriteThroughALink_whenAFolderBecameOneAfterTheSameWritersLastWrite()
      throws IOException {
    PlanWriter writer = new PlanWriter(root);
    writer.write(plan("services/a/x.yaml", "x: 1\n"));
    Path outside = Files.createDirectories(root.resolveSibling(root.getFileName() + "-outside"));
    Files.delete(root.resolve("services/a/x.yaml"));
    Files.delete(root.resolve("services/a"));
    Files.createSymbolicLink(root.resolve("services/a"), outside);

    assertThatThrownBy(() -> writer.write(plan("services/a/y.yaml", "y: 1\n")))
        .isInstanceOf(KitWriteException.class)
        .hasMessageContaining("services/a is a symbolic link");

    try (Stream<Path> written = Files.list(outside)) {
      assertThat(written).as("nothing written through the link").isEmpty();
    }
  }

  @Test
  void write_looksAtEachFolderOnce_andAtNoFileInAFolderThatDidNotExist() throws IOException {
    put("services/a/keep.yaml", HEADER + "k: 1\n");
    Map<String, Integer> looks = new ConcurrentHashMap<>();
    Disk counting =
        new Disk() {
          @Override
          public BasicFileAttributes attributes(Path file) {
            looks.merge(root.relativize(file).toString().replace('\\', '/'), 1, Integer::sum);
            return Disk.super.attributes(file);
          }
        };

    WriteReport report =
        writer(counting)
            .write(
                plan(
                    "services/a/keep.yaml", "k: 1\n",
                    "services/a/new.yaml", "n: 1\n",
                    "services/a/m/d/x.yaml", "x: 1\n",
                    "services/a/m/d/y.yaml", "y: 1\n",
                    "services/b/z.yaml", "z: 1\n"));

    assertThat(report.created()).hasSize(4);
    assertThat(looks)
        .as("one look at each planned file in a folder that existed, and at each folder")
        .containsOnlyKeys(
            "services",
            "services/a",
            "services/a/keep.yaml",
            "services/a/new.yaml",
            "services/a/m",
            "services/b")
        .allSatisfy((path, count) -> assertThat(count).as(path).isEqualTo(1));
  }

  @Test
  void write_touchesNothing_whenBytesAreUnchanged() throws IOException {
    FilePlan plan = plan("services/a/x.yaml", "x: 1\n");
    new PlanWriter(root).write(plan);
    Path file = root.resolve("services/a/x.yaml");
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(file, old);

    WriteReport report = new PlanWriter(root).write(plan);

    assertThat(report.changedCount()).isZero();
    assertThat(report.unchanged()).containsExactly("services/a/x.yaml");
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
  }

  @Test
  void write_updatesGeneratedFile_whenContentChanged() throws IOException {
    put("services/a/x.yaml", HEADER + "x: 0\n");

    WriteReport report = new PlanWriter(root).write(plan("services/a/x.yaml", "x: 1\n"));

    assertThat(report.updated()).containsExactly("services/a/x.yaml");
    assertThat(Files.readString(root.resolve("services/a/x.yaml"))).isEqualTo(HEADER + "x: 1\n");
    try (var files = Files.list(root.resolve("services/a"))) {
      assertThat(files).as("no temporary file left behind").hasSize(1);
    }
  }

  @Test
  void write_refusesAndWritesNothing_whenAFileWithoutHeaderIsInTheWay() throws IOException {
    put("services/a/x.yaml", "hand: written\n");

    assertThatThrownBy(
            () ->
                new PlanWriter(root)
                    .write(plan("services/a/new.yaml", "n: 1\n", "services/a/x.yaml", "x: 1\n")))
        .isInstanceOf(KitWriteException.class)
        .hasMessageContaining(
            "services/a/x.yaml exists without the '# Code generated by kit' header, so kit did not write it "
                + "and will not overwrite it; move it away (or delete it) and run kit:generate again");

    assertThat(Files.readString(root.resolve("services/a/x.yaml"))).isEqualTo("hand: written\n");
    assertThat(root.resolve("services/a/new.yaml")).doesNotExist();
  }

  @Test
  void write_deletesStaleGeneratedFilesAndEmptyFolders_butNeverUserFiles() throws IOException {
    put("services/old/manifests/database/cluster.yaml", HEADER + "old: 1\n");
    put("services/old/migrations/1_init.sql", "CREATE TABLE t (id int);\n");
    put("services/a/manifests/app/deployment.yaml", "kind: Deployment\n");

    WriteReport report = new PlanWriter(root).write(plan("services/a/x.yaml", "x: 1\n"));

    assertThat(report.deleted()).containsExactly("services/old/manifests/database/cluster.yaml");
    assertThat(root.resolve("services/old/manifests")).doesNotExist();
    assertThat(root.resolve("services/old/migrations/1_init.sql")).exists();
    assertThat(root.resolve("services/a/manifests/app/deployment.yaml")).exists();
  }

  @Test
  void write_neitherDeletesNorOverwritesAnotherGeneratorsFile_whenItsHeaderStartsLikeKits()
      throws IOException {
    String foreign = "# Code generated by kitchen-sink. DO NOT EDIT.\nkind: ConfigMap\n";
    put("services/old/manifests/extra.yaml", foreign);
    put("services/a/x.yaml", foreign);

    assertThatThrownBy(() -> new PlanWriter(root).write(plan("services/a/x.yaml", "x: 1\n")))
        .isInstanceOf(KitWriteException.class)
        .hasMessageContaining(
            "services/a/x.yaml was generated by another tool ('# Code generated by kitchen-sink. DO NOT EDIT.'), "
                + "so kit will not overwrite it; move it away (or delete it) and run kit:generate again");
    WriteReport report = new PlanWriter(root).write(plan("services/a/y.yaml", "y: 1\n"));

    assertThat(report.deleted()).isEmpty();
    assertThat(Files.readString(root.resolve("services/old/manifests/extra.yaml")))
        .isEqualTo(foreign);
    assertThat(Files.readString(root.resolve("services/a/x.yaml"))).isEqualTo(foreign);
    assertThat(new PlanWriter(root).compare(plan("services/a/y.yaml", "y: 1\n")).extra()).isEmpty();
  }

  @Test
  void write_overwritesAtlasSum_whichHasNoHeader() throws IOException {
    put("services/a/migrations/atlas.sum", "h1:old=\n");
    FilePlan plan =
        FilePlan.builder()
            .addAtlasSum(
                "services/a/migrations/atlas.sum", "h1:new=\n".getBytes(StandardCharsets.UTF_8))
            .build();

    WriteReport report = new PlanWriter(root).write(plan);

    assertThat(report.updated()).containsExactly("services/a/migrations/atlas.sum");
    assertThat(Files.readString(root.resolve("services/a/migrations/atlas.sum")))
        .isEqualTo("h1:new=\n");
  }

  @Test
  void write_refuses_whenAtlasSumPathHoldsSomethingElse() throws IOException {
    put("services/a/migrations/atlas.sum", "my notes\n");
    FilePlan plan =
        FilePlan.builder()
            .addAtlasSum(
                "services/a/migrations/atlas.sum", "h1:new=\n".getBytes(StandardCharsets.UTF_8))
            .build();

    assertThatThrownBy(() -> new PlanWriter(root).write(plan))
        .isInstanceOf(KitWriteException.class)
        .hasMessageContaining("services/a/migrations/atlas.sum exists without");
  }

  @Test
  void compare_reportsEveryKindOfDrift_withoutWriting() throws IOException {
    put("services/a/stale.yaml", HEADER + "x: 0\n");
    put("services/a/extra.yaml", HEADER + "e: 1\n");
    put("services/a/same.yaml", HEADER + "s: 1\n");

    Drift drift =
        new PlanWriter(root)
            .compare(
                plan(
                    "services/a/missing.yaml",
                    "m: 1\n",
                    "services/a/same.yaml",
                    "s: 1\n",
                    "services/a/stale.yaml",
                    "x: 1\n"));

    assertThat(drift.missing()).containsExactly("services/a/missing.yaml");
    assertThat(drift.stale()).containsExactly("services/a/stale.yaml");
    assertThat(drift.extra()).containsExactly("services/a/extra.yaml");
    assertThat(drift.unchanged()).containsExactly("services/a/same.yaml");
    assertThat(drift.changeCount()).isEqualTo(3);
    assertThat(root.resolve("services/a/missing.yaml")).doesNotExist();
  }

  @Test
  void compare_givesUnifiedDiffs_forEveryChange() throws IOException {
    put("services/a/stale.yaml", HEADER + "a: 1\nb: 2\nc: 3\n");
    put("services/a/extra.yaml", HEADER + "e: 1\n");

    Drift drift =
        new PlanWriter(root)
            .compare(
                plan(
                    "services/a/stale.yaml",
                    "a: 1\nb: 20\nc: 3\n",
                    "services/a/new.yaml",
                    "n: 1\n"));

    assertThat(drift.diffs().get("services/a/stale.yaml"))
        .isEqualTo(
            "--- a/services/a/stale.yaml\n+++ b/services/a/stale.yaml\n@@ -1,5 +1,5 @@\n "
                + HEADER
                + " a: 1\n-b: 2\n+b: 20\n c: 3\n \n");
    assertThat(drift.diffs().get("services/a/new.yaml"))
        .startsWith("--- /dev/null\n+++ b/services/a/new.yaml\n")
        .contains("+n: 1\n");
    assertThat(drift.diffs().get("services/a/extra.yaml"))
        .startsWith("--- a/services/a/extra.yaml\n+++ /dev/null\n")
        .contains("-e: 1\n");
  }

  @Test
  void compare_reportsConflict_whenAParentIsAFile() throws IOException {
    put("services/a", "not a folder\n");

    Drift drift = new PlanWriter(root).compare(plan("services/a/x.yaml", "x: 1\n"));

    assertThat(drift.conflicts())
        .containsExactly(
            "services/a/x.yaml cannot be created: services/a is not a directory; move it away");
  }

  @Test
  void builder_rejectsPathsOutsideServices() {
    assertThatThrownBy(() -> plan("../etc/passwd", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> plan("services/../../x.yaml", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                FilePlan.builder()
                    .add("services/a/x.yaml", "no header".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("services/a/x.yaml must start with the generated header");
  }

  @Test
  void session_writesNothingAndRemovesTheFoldersItMade_whenALaterPartHasAConflict()
      throws IOException {
    put("services/b/x.yaml", "hand: written\n");
    StagingSession session = new PlanWriter(root).begin();
    session.stage(plan("services/a/manifests/x.yaml", "x: 1\n"));
    session.stage(plan("services/b/x.yaml", "x: 1\n"));

    assertThatThrownBy(() -> session.commit(List.of()))
        .isInstanceOf(KitWriteException.class)
        .hasMessageContaining(
            "services/b/x.yaml exists without the '# Code generated by kit' header");

    assertThat(root.resolve("services/a")).doesNotExist();
    assertThat(Files.readString(root.resolve("services/b/x.yaml"))).isEqualTo("hand: written\n");
    try (var files = Files.list(root.resolve("services/b"))) {
      assertThat(files).as("no temporary file left behind").hasSize(1);
    }
  }

  @Test
  void create_namesTheFileInTheWay_whenAFolderOnTheWayIsAFile() throws IOException {
    put("services/a/migrations", "not a folder\n");
    StagingSession session = new PlanWriter(root).begin();
    session.create("services/a/migrations/2_b.sql", "SELECT 1;\n".getBytes(UTF_8));

    assertThatThrownBy(() -> session.commit(List.of()))
        .isInstanceOf(KitWriteException.class)
        .hasMessageContaining(
            "services/a/migrations/2_b.sql cannot be created: services/a/migrations is not a"
                + " directory; move it away");
    assertThat(Files.readString(root.resolve("services/a/migrations"))).isEqualTo("not a folder\n");
  }

  @Test
  void create_neverOverwritesAFile_andSaysWhatToDo() throws IOException {
    put("services/a/migrations/2_b.sql", "SELECT 0;\n");
    StagingSession session = new PlanWriter(root).begin();
    session.create("services/a/migrations/2_b.sql", "SELECT 1;\n".getBytes(UTF_8));

    assertThatThrownBy(() -> session.commit(List.of()))
        .isInstanceOf(KitWriteException.class)
        .hasMessageContaining(
            "services/a/migrations/2_b.sql already exists; kit never overwrites it: choose another"
                + " name or move it away");
    assertThat(Files.readString(root.resolve("services/a/migrations/2_b.sql")))
        .isEqualTo("SELECT 0;\n");
  }

  @Test
  void session_rejectsAPath_whenTwoPartsPlanIt() {
    StagingSession session = new PlanWriter(root).begin();
    session.stage(plan("services/a/x.yaml", "x: 1\n"));

    assertThatThrownBy(() -> session.stage(plan("services/a/x.yaml", "x: 2\n")))
        .hasMessage("services/a/x.yaml is planned twice");
    session.abort();
    assertThat(root.resolve("services")).doesNotExist();
  }

  /**
   * Every file under the root, as repository-relative paths; what a failed or finished session must
   * leave.
   */
  private List<String> everything() throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(path -> !path.equals(root))
          .map(path -> root.relativize(path).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  private PlanWriter writer(Disk disk) {
    return new PlanWriter(RepositoryRoot.of(root), disk);
  }

  /**
   * What a crash while staging leaves for the next run to undo: before the first file is written,
   * the journal names every folder the part creates, parents first, and every temporary file, each
   * beside its planned file; the next run removes them all.
   */
  @Test
  void stage_notesThePartsFoldersParentsFirst_andItsFiles_beforeWritingAny() throws IOException {
    put("services/a/keep.yaml", HEADER + "k: 1\n");
    List<String> before = everything();
    List<String> journal = new ArrayList<>();
    List<String> written = new ArrayList<>();
    Disk watching =
        new Disk() {
          @Override
          public void write(Path temp, ByteBuffer content) throws IOException {
            synchronized (journal) { // the files are written on several threads at once
              if (journal.isEmpty()) {
                journal.addAll(Files.readAllLines(root.resolve(".kit-journal")));
              }
              written.add(root.relativize(temp).toString().replace('\\', '/'));
            }
            Disk.super.write(temp, content);
          }
        };
    StagingSession session = writer(watching).begin();

    session.stage(
        plan(
            "services/a/m/d/x.yaml", "x: 1\n",
            "services/a/y.yaml", "y: 1\n",
            "services/b/z.yaml", "z: 1\n"));

    assertThat(written).hasSize(3);
    // the plan's order
    written.sort(
        Comparator.comparingInt(
            path -> path.startsWith("services/a/m/") ? 0 : path.startsWith("services/a/") ? 1 : 2));
    assertThat(written.get(0)).matches("services/a/m/d/\\.x\\.yaml\\.[0-9a-f]{1,16}\\.kit-tmp");
    assertThat(written.get(1)).matches("services/a/\\.y\\.yaml\\.[0-9a-f]{1,16}\\.kit-tmp");
    assertThat(written.get(2)).matches("services/b/\\.z\\.yaml\\.[0-9a-f]{1,16}\\.kit-tmp");
    assertThat(journal)
        .containsExactly(
            "kit-journal 1",
            "mkdir services/a/m",
            "mkdir services/a/m/d",
            "mkdir services/b",
            "temp " + written.get(0),
            "temp " + written.get(1),
            "temp " + written.get(2));
    Files.write(root.resolve(".kit-journal.crashed"), journal); // as a crash would leave it
    session.abort();
    Files.move(root.resolve(".kit-journal.crashed"), root.resolve(".kit-journal"));
    for (String path : written) {
      put(path, "staged\n"); // as the crash left them: the abort removed them
    }

    assertThat(new PlanWriter(root).recover())
        .hasValue(
            "kit removed the 3 temporary files of a generation that stopped before its commit");
    assertThat(everything()).isEqualTo(before);
  }

  @Test
  void session_stagesNothingAfterAFailure_andAbortWaitsForTheWorkersStillWriting()
      throws Exception {
    put("services/a/keep.yaml", HEADER + "k: 1\n");
    List<String> before = everything();
    CountDownLatch writingA1 = new CountDownLatch(1);
    CountDownLatch aborted = new CountDownLatch(1);
    Disk disk =
        new Disk() {
          @Override
          public void write(Path temp, ByteBuffer content) throws IOException {
            String name = temp.getFileName().toString();
            if (name.startsWith(".b.yaml.")) {
              throw new IOException("No space left on device");
            }
            if (name.startsWith(".a1.yaml.")) {
              writingA1.countDown();
              try {
                aborted.await(2, TimeUnit.SECONDS); // a worker still writing while the run fails
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            Disk.super.write(temp, content);
          }
        };
    StagingSession session = writer(disk).begin();
    CompletableFuture<Void> worker =
        CompletableFuture.runAsync(
            () ->
                session.stage(
                    plan("services/a/new/a1.yaml", "a: 1\n", "services/a/new/a2.yaml", "a: 2\n")));
    assertThat(writingA1.await(5, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> session.stage(plan("services/b/b.yaml", "b: 1\n")))
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage("No space left on device");
    session.abort();
    aborted.countDown();

    assertThat(everything())
        .as("no temporary file, folder or journal left, not even the worker's next file")
        .isEqualTo(before);
    assertThatThrownBy(worker::join)
        .as("the worker finished the writes it had begun, then failed with the session's cause")
        .hasRootCauseMessage("No space left on device");
  }

  @Test
  void write_forcesManyFilesAtOnce_whenTheDiskIsSlowToForce() throws IOException {
    SlowDisk slow = new SlowDisk(null);
    FilePlan.Builder plan = FilePlan.builder();
    for (int i = 0; i < 40; i++) {
      plan.add("services/a/manifests/f" + i + ".yaml", generated("f: " + i + "\n"));
    }

    WriteReport report = writer(slow).write(plan.build());

    assertThat(report.created()).hasSize(40);
    assertThat(slow.most.get()).isGreaterThan(1);
    assertThat(slow.threads).anyMatch(name -> name.startsWith("kit-disk-"));
    assertThat(Files.readString(root.resolve("services/a/manifests/f39.yaml")))
        .isEqualTo(HEADER + "f: 39\n");
    assertThat(everything()).noneMatch(path -> path.endsWith(".kit-tmp"));
  }

  @Test
  void write_leavesTheDiskAsItWas_whenOneOfTheWritesRunningAtOnceFails() throws IOException {
    put("services/a/x.yaml", HEADER + "x: 0\n");
    List<String> before = everything();
    SlowDisk slowAndFull = new SlowDisk(".f20.yaml.");
    FilePlan.Builder plan = FilePlan.builder().add("services/a/x.yaml", generated("x: 1\n"));
    for (int i = 0; i < 40; i++) {
      plan.add("services/b/manifests/f" + i + ".yaml", generated("f: " + i + "\n"));
    }

    assertThatThrownBy(() -> writer(slowAndFull).write(plan.build()))
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage("No space left on device");

    assertThat(slowAndFull.threads)
        .as("writes ran on the disk's threads")
        .anyMatch(name -> name.startsWith("kit-disk-"));
    assertThat(everything()).as("no temporary file or folder left").isEqualTo(before);
    assertThat(Files.readString(root.resolve("services/a/x.yaml"))).isEqualTo(HEADER + "x: 0\n");
  }

  /**
   * A disk whose every write waits 3 ms, as a force on a real disk does, noting on which threads
   * and how many at once; the write of a temporary file whose name starts with {@code failing}
   * fails as a full disk.
   */
  private static final class SlowDisk implements Disk {
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final AtomicInteger most = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final @Nullable String failing;

    SlowDisk(@Nullable String failing) {
      this.failing = failing;
    }

    @Override
    public boolean inMemory(Path dir) {
      return false; // a real disk, also where the test's folder is on tmpfs
    }

    @Override
    public void write(Path temp, ByteBuffer content) throws IOException {
      threads.add(Thread.currentThread().getName());
      most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        Thread.sleep(3);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try {
        if (failing != null && temp.getFileName().toString().startsWith(failing)) {
          throw new IOException("No space left on device");
        }
        Disk.super.write(temp, content);
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }

  @Test
  void write_namesTheFolderItCouldNotCreate_andLeavesTheDiskAsItWas() throws IOException {
    put("services/a/x.yaml", HEADER + "x: 0\n");
    List<String> before = everything();
    Disk noRoom =
        new Disk() {
          @Override
          public void createFolder(Path dir) throws IOException {
            if (dir.endsWith("b/manifests")) {
              throw new IOException("No space left on device");
            }
            Disk.super.createFolder(dir);
          }
        };
    FilePlan plan = plan("services/a/x.yaml", "x: 1\n", "services/b/manifests/z.yaml", "z: 1\n");

    assertThatThrownBy(() -> writer(noRoom).write(plan))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(
            "cannot create the folder "
                + root.resolve("services/b/manifests")
                + " for "
                + root.resolve("services/b/manifests/z.yaml"))
        .hasRootCauseMessage("No space left on device");

    assertThat(everything()).as("services/b, made first, is removed again").isEqualTo(before);
    assertThat(Files.readString(root.resolve("services/a/x.yaml"))).isEqualTo(HEADER + "x: 0\n");
  }

  @Test
  void write_leavesTheDiskAsItWas_whenTheDiskFillsUpWhileStaging() throws IOException {
    put("services/a/x.yaml", HEADER + "x: 0\n");
    List<String> before = everything();
    AtomicInteger writes = new AtomicInteger();
    Disk full =
        new Disk() {
          @Override
          public void write(Path temp, ByteBuffer content) throws IOException {
            if (writes.incrementAndGet() > 150) {
              Files.write(temp, new byte[] {'#'}); // as far as the space went
              throw new IOException("No space left on device");
            }
            Disk.super.write(temp, content);
          }
        };
    FilePlan.Builder plan = FilePlan.builder().add("services/a/x.yaml", generated("x: 1\n"));
    for (int i = 0; i < 300; i++) {
      plan.add("services/s" + (i % 7) + "/manifests/f" + i + ".yaml", generated("f: " + i + "\n"));
    }

    assertThatThrownBy(() -> writer(full).write(plan.build()))
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage("No space left on device");

    assertThat(everything()).isEqualTo(before);
    assertThat(Files.readString(root.resolve("services/a/x.yaml"))).isEqualTo(HEADER + "x: 0\n");
  }

  @Test
  void commit_leavesAJournalThatTheNextRunFinishes_whenAReplaceFailsHalfWay() throws IOException {
    put("services/a/x.yaml", HEADER + "x: 0\n");
    put("services/a/y.yaml", HEADER + "y: 0\n");
    put("services/a/stale.yaml", HEADER + "s: 0\n");
    Disk failing =
        new Disk() {
          @Override
          public void move(Path from, Path to, boolean replace) throws IOException {
            if (to.getFileName().toString().equals("y.yaml")) {
              throw new IOException("Input/output error");
            }
            Disk.super.move(from, to, replace);
          }
        };
    FilePlan plan =
        plan(
            "services/a/x.yaml",
            "x: 1\n",
            "services/a/y.yaml",
            "y: 1\n",
            "services/b/z.yaml",
            "z: 1\n");

    assertThatThrownBy(() -> writer(failing).write(plan))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(
            "kit stopped half-way through replacing files (cannot write services/a/y.yaml: Input/output error); "
                + root.toRealPath().resolve(".kit-journal")
                + " lists the rest, and the next kit run (any goal) finishes them");
    assertThat(root.resolve(".kit-journal")).exists();

    assertThat(new PlanWriter(root).recover())
        .hasValueSatisfying(done -> assertThat(done).contains("finished the 4 changes"));

    assertThat(Files.readString(root.resolve("services/a/x.yaml"))).isEqualTo(HEADER + "x: 1\n");
    assertThat(Files.readString(root.resolve("services/a/y.yaml"))).isEqualTo(HEADER + "y: 1\n");
    assertThat(Files.readString(root.resolve("services/b/z.yaml"))).isEqualTo(HEADER + "z: 1\n");
    assertThat(everything())
        .containsExactly(
            "services",
            "services/a",
            "services/a/x.yaml",
            "services/a/y.yaml",
            "services/b",
            "services/b/z.yaml");
    assertThat(new PlanWriter(root).compare(plan).isEmpty()).isTrue();
  }

  @Test
  void begin_removesTemporaryFilesAnEarlierRunLeft_andSaysSo() throws IOException {
    put("services/a/x.yaml", HEADER + "x: 1\n");
    put(
        "services/a/.x.yaml.6f1c2b.kit-tmp",
        "# Code gen"); // cut short by a full disk: no header to go by
    put("platform/.root.yaml4242.kit-tmp", HEADER + "old: temp\n");

    WriteReport report = new PlanWriter(root).write(plan("services/a/x.yaml", "x: 1\n"));

    assertThat(everything())
        .containsExactly("platform", "services", "services/a", "services/a/x.yaml");
    assertThat(report.warnings())
        .containsExactly("kit removed 2 temporary files an earlier run left");
  }

  @Test
  void compare_neverReportsKitsTemporaryFilesAsGenerated() throws IOException {
    put("services/a/.x.yaml.6f1c2b.kit-tmp", HEADER + "x: 1\n");

    assertThat(new PlanWriter(root).compare(plan("services/a/x.yaml", "x: 1\n")).extra()).isEmpty();
  }

  @Test
  void begin_waitsForTheSessionThatHoldsTheRepository() throws Exception {
    StagingSession first = new PlanWriter(root).begin();
    first.stage(plan("services/a/x.yaml", "x: 1\n"));
    CompletableFuture<WriteReport> second =
        CompletableFuture.supplyAsync(
            () -> new PlanWriter(root).write(plan("services/a/x.yaml", "x: 2\n")));
    TimeUnit.MILLISECONDS.sleep(300);

    assertThat(second).as("the second run waits for the first").isNotDone();
    first.commit(List.of());
    TimeUnit.MILLISECONDS.sleep(100);
    assertThat(second).as("until it is closed").isNotDone();
    first.close();

    assertThat(second.get(10, TimeUnit.SECONDS).updated()).containsExactly("services/a/x.yaml");
    assertThat(Files.readString(root.resolve("services/a/x.yaml"))).isEqualTo(HEADER + "x: 2\n");
    assertThat(root.resolve(".kit-journal")).doesNotExist();
  }
}
