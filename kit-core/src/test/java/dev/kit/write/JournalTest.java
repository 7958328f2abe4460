package dev.kit.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.plan.FilePlan;
import dev.kit.plan.GeneratedHeader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the next run does with the journal a run left when it stopped at each point of its life. */
class JournalTest {

  private static final String HEADER = GeneratedHeader.line("test");

  @TempDir Path root;

  private Path put(String path, String content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  private List<String> everything() throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(path -> !path.equals(root))
          .map(path -> root.relativize(path).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  /**
   * A session that staged two changes, one in a folder it created, and stopped before its commit.
   */
  private void stagedOnly() throws IOException {
    put("services/a/x.yaml", HEADER + "x: 0\n");
    put("services/a/.x.yaml.1.kit-tmp", HEADER + "x: 1\n");
    put("services/b/.y.yaml.2.kit-tmp", HEADER + "y: 1\n");
    put(
        ".kit-journal",
        "kit-journal 1\ntemp services/a/.x.yaml.1.kit-tmp\nmkdir services/b\ntemp services/b/.y.yaml.2.kit-tmp\n");
  }

  @Test
  void recover_removesWhatWasStaged_whenTheRunStoppedBeforeItsCommit() throws IOException {
    stagedOnly();

    assertThat(new PlanWriter(root).recover())
        .hasValue(
            "kit removed the 2 temporary files of a generation that stopped before its commit");

    assertThat(everything()).containsExactly("services", "services/a", "services/a/x.yaml");
    assertThat(Files.readString(root.resolve("services/a/x.yaml"))).isEqualTo(HEADER + "x: 0\n");
  }

  @Test
  void recover_removesWhatWasStaged_whenTheCommitRecordWasTorn() throws IOException {
    stagedOnly();
    Files.writeString(
        root.resolve(".kit-journal"),
        "commit 2\nput services/a/x.yaml .x.yaml.1.kit-tmp\nput services/b/y.ya",
        java.nio.file.StandardOpenOption.APPEND);

    new PlanWriter(root).recover();

    assertThat(everything()).containsExactly("services", "services/a", "services/a/x.yaml");
  }

  @Test
  void recover_finishesTheCommit_whenItsRecordIsComplete() throws IOException {
    stagedOnly();
    put("services/a/stale.yaml", HEADER + "s: 0\n");
    String record =
        "commit 3\nput services/a/x.yaml .x.yaml.1.kit-tmp\nput services/b/y.yaml .y.yaml.2.kit-tmp\n"
            + "delete services/a/stale.yaml\n";
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(record.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Files.writeString(
        root.resolve(".kit-journal"),
        record + "end 3 " + java.util.HexFormat.of().toHexDigits((int) crc.getValue()) + "\n",
        java.nio.file.StandardOpenOption.APPEND);
    Files.move(
        root.resolve("services/a/.x.yaml.1.kit-tmp"),
        root.resolve("services/a/x.yaml"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING); // the run got that far

    assertThat(new PlanWriter(root).recover())
        .hasValue("kit finished the 3 changes of a generation that stopped during its commit");

    assertThat(everything())
        .containsExactly(
            "services", "services/a", "services/a/x.yaml", "services/b", "services/b/y.yaml");
    assertThat(Files.readString(root.resolve("services/a/x.yaml"))).isEqualTo(HEADER + "x: 1\n");
    assertThat(Files.readString(root.resolve("services/b/y.yaml"))).isEqualTo(HEADER + "y: 1\n");
  }

  /**
   * A complete commit record of {@code record}'s lines, appended to the journal stagedOnly wrote.
   */
  private void commitRecord(String record) throws IOException {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(record.getBytes(StandardCharsets.UTF_8));
    int count = (int) record.lines().count() - 1;
    Files.writeString(
        root.resolve(".kit-journal"),
        record
            + "end "
            + count
            + " "
            + java.util.HexFormat.of().toHexDigits((int) crc.getValue())
            + "\n",
        java.nio.file.StandardOpenOption.APPEND);
  }

  @Test
  void recover_leavesAFileThatIsNoLongerKits_asItIs_andNamesIt() throws IOException {
    stagedOnly();
    put("services/a/stale.yaml", HEADER + "s: 0\n");
    commitRecord(
        "commit 3\nput services/a/x.yaml .x.yaml.1.kit-tmp\nput services/b/y.yaml .y.yaml.2.kit-tmp\n"
            + "delete services/a/stale.yaml\n");
    // After the run stopped, a branch switch put the team's own files where kit was to write and
    // delete.
    put("services/a/x.yaml", "x: mine\n");
    put("services/a/stale.yaml", "s: mine\n");

    assertThat(new PlanWriter(root).recover())
        .hasValue(
            "kit finished 1 of the 3 changes of a generation that stopped during its commit, and"
                + " left 2 paths as they were: each changed after that run stopped, and kit never"
                + " replaces or deletes what is not its own (services/a/stale.yaml has no kit header"
                + " now; services/a/x.yaml has no kit header now). Run kit:generate to bring the"
                + " rest up to date; it names each file in its way");

    assertThat(Files.readString(root.resolve("services/a/x.yaml"))).isEqualTo("x: mine\n");
    assertThat(Files.readString(root.resolve("services/a/stale.yaml"))).isEqualTo("s: mine\n");
    assertThat(Files.readString(root.resolve("services/b/y.yaml"))).isEqualTo(HEADER + "y: 1\n");
    assertThat(everything())
        .containsExactly(
            "services",
            "services/a",
            "services/a/stale.yaml",
            "services/a/x.yaml",
            "services/b",
            "services/b/y.yaml");
  }

  @Test
  void recover_stillReplacesAnAtlasSumInAtlassFormat_butNotAnyOtherHeaderlessFile()
      throws IOException {
    put("services/a/migrations/.atlas.sum.1.kit-tmp", "h1:new=\n");
    put("services/b/migrations/.atlas.sum.2.kit-tmp", "h1:new=\n");
    put("services/a/migrations/atlas.sum", "h1:old=\n");
    put("services/b/migrations/atlas.sum", "-- notes\n");
    put(
        ".kit-journal",
        "kit-journal 1\ntemp services/a/migrations/.atlas.sum.1.kit-tmp\n"
            + "temp services/b/migrations/.atlas.sum.2.kit-tmp\n");
    commitRecord(
        "commit 2\nput services/a/migrations/atlas.sum .atlas.sum.1.kit-tmp\n"
            + "put services/b/migrations/atlas.sum .atlas.sum.2.kit-tmp\n");

    assertThat(new PlanWriter(root).recover())
        .hasValueSatisfying(
            note ->
                assertThat(note)
                    .contains(
                        "left one path as it was: it changed after that run stopped, and kit never"
                            + " replaces or deletes what is not its own (services/b/migrations/"
                            + "atlas.sum is not an atlas.sum in Atlas's format now)"));

    assertThat(Files.readString(root.resolve("services/a/migrations/atlas.sum")))
        .isEqualTo("h1:new=\n");
    assertThat(Files.readString(root.resolve("services/b/migrations/atlas.sum")))
        .isEqualTo("-- notes\n");
    assertThat(everything()).noneMatch(path -> path.endsWith(".kit-tmp"));
  }

  @Test
  void recover_neitherDeletesThroughALinkNorTheLink_norAnAtlasSumThatWasNotKitsToDelete()
      throws IOException {
    Path outside = Files.createTempDirectory(root.getParent(), "outside");
    Files.writeString(outside.resolve("old.yaml"), HEADER + "o: 0\n");
    Files.createDirectories(root.resolve("services"));
    Files.createSymbolicLink(root.resolve("services/c"), outside); // a folder once
    put("services/d/migrations/atlas.sum", "h1:abc=\n");
    put(".kit-journal", "kit-journal 1\n");
    commitRecord("commit 2\ndelete services/c/old.yaml\ndelete services/d/migrations/atlas.sum\n");

    assertThat(new PlanWriter(root).recover())
        .hasValue(
            "kit finished 0 of the 2 changes of a generation that stopped during its commit, and"
                + " left 2 paths as they were: each changed after that run stopped, and kit never"
                + " replaces or deletes what is not its own (services/c/old.yaml cannot be written:"
                + " services/c is a symbolic link (to "
                + outside.toRealPath()
                + "), and kit never writes through a link; replace it with a real folder;"
                + " services/d/migrations/atlas.sum has no kit header now). A file left where kit was"
                + " to delete a stale one is yours to keep or delete");

    assertThat(Files.isSymbolicLink(root.resolve("services/c"))).isTrue();
    assertThat(outside.resolve("old.yaml")).exists();
    assertThat(root.resolve("services/d/migrations/atlas.sum")).hasContent("h1:abc=");
  }

  @Test
  void recover_neverWritesBelowAFolderThatBecameALink_norTouchesItsStagedFile() throws IOException {
    Path outside = Files.createTempDirectory(root.getParent(), "elsewhere");
    Files.writeString(outside.resolve(".x.yaml.1.kit-tmp"), HEADER + "x: 1\n");
    Files.createDirectories(root.resolve("services"));
    Files.createSymbolicLink(root.resolve("services/a"), outside); // a folder once
    put(".kit-journal", "kit-journal 1\ntemp services/a/.x.yaml.1.kit-tmp\n");
    commitRecord("commit 1\nput services/a/x.yaml .x.yaml.1.kit-tmp\n");

    assertThat(new PlanWriter(root).recover())
        .hasValueSatisfying(
            note ->
                assertThat(note)
                    .startsWith(
                        "kit finished 0 of the 1 changes of a generation that stopped during its"
                            + " commit, and left one path as it was")
                    .contains(
                        "(services/a/x.yaml cannot be written: services/a is a symbolic link"));

    assertThat(outside.resolve("x.yaml")).doesNotExist();
    assertThat(outside.resolve(".x.yaml.1.kit-tmp")).exists();
    assertThat(Files.isSymbolicLink(root.resolve("services/a"))).isTrue();
  }

  @Test
  void commit_namesKitsPathsAsTheyAre_andEncodesOnlyPathsALineCouldNotHold() throws IOException {
    Disk failing =
        new Disk() {
          @Override
          public void move(Path from, Path to, boolean replace) throws IOException {
            throw new IOException("Input/output error");
          }
        };
    FilePlan plan =
        FilePlan.builder()
            .add("services/a/x.yaml", (HEADER + "x: 1\n").getBytes(StandardCharsets.UTF_8))
            .add("services/a b/100%+é.yaml", (HEADER + "y: 1\n").getBytes(StandardCharsets.UTF_8))
            .build();

    assertThatThrownBy(
            () -> new PlanWriter(dev.kit.plan.RepositoryRoot.of(root), failing).write(plan))
        .isInstanceOf(UncheckedIOException.class);

    List<String> lines = Files.readAllLines(root.resolve(".kit-journal"));
    assertThat(lines).anyMatch(line -> line.startsWith("put services/a/x.yaml .x.yaml."));
    assertThat(lines)
        .anyMatch(line -> line.startsWith("put services%2Fa+b%2F100%25%2B%C3%A9.yaml .100"));
    assertThat(new PlanWriter(root).recover())
        .hasValue("kit finished the 2 changes of a generation that stopped during its commit");
    assertThat(Files.readString(root.resolve("services/a b/100%+é.yaml")))
        .isEqualTo(HEADER + "y: 1\n");
    assertThat(everything())
        .containsExactly(
            "services",
            "services/a",
            "services/a b",
            "services/a b/100%+é.yaml",
            "services/a/x.yaml");
  }

  @Test
  void write_deletesAStaleFile_andKeepsItsFolder_whenTheFolderCannotBeRemoved() throws IOException {
    put("services/a/old/stale.yaml", HEADER + "x: 0\n");
    Disk lockedParent =
        new Disk() {
          @Override
          public void delete(Path file) throws IOException {
            if (Files.isDirectory(file)) {
              throw new java.nio.file.AccessDeniedException(file.toString());
            }
            Disk.super.delete(file);
          }
        };
    FilePlan plan =
        FilePlan.builder()
            .add("services/a/x.yaml", (HEADER + "x: 1\n").getBytes(StandardCharsets.UTF_8))
            .build();

    new PlanWriter(dev.kit.plan.RepositoryRoot.of(root), lockedParent).write(plan);

    assertThat(everything())
        .containsExactly("services", "services/a", "services/a/old", "services/a/x.yaml");
  }

  @Test
  void write_writesNothing_whenAStaleFilesFolderIsNotWritable() throws IOException {
    put("services/a/old/stale.yaml", HEADER + "x: 0\n");
    Path locked = root.resolve("services/a/old");
    Disk readOnlyFolder =
        new Disk() {
          @Override
          public boolean writable(Path dir) {
            return !dir.equals(locked);
          }
        };
    FilePlan plan =
        FilePlan.builder()
            .add("services/a/x.yaml", (HEADER + "x: 1\n").getBytes(StandardCharsets.UTF_8))
            .build();
    List<String> before = everything();

    assertThatThrownBy(
            () -> new PlanWriter(dev.kit.plan.RepositoryRoot.of(root), readOnlyFolder).write(plan))
        .isInstanceOf(KitWriteException.class)
        .hasMessage(
            "1 file is in the way; nothing was written:\n  - services/a/old/stale.yaml is no longer"
                + " generated, but kit cannot delete it: services/a/old is not writable; make it"
                + " writable (chmod u+w), or delete the file yourself");
    assertThat(everything()).isEqualTo(before);
  }

  @Test
  void recover_writesNothing_whenNoRunStopped() throws IOException {
    put("services/a/x.yaml", HEADER + "x: 0\n");

    assertThat(new PlanWriter(root).recover()).isEmpty();

    assertThat(everything()).containsExactly("services", "services/a", "services/a/x.yaml");
  }

  @Test
  void begin_takesOverAJournalWhoseRunFinishedButStoppedBeforeDeletingIt() throws IOException {
    put(".kit-journal", "kit-journal released\n");

    new PlanWriter(root).begin().close();

    assertThat(everything()).isEmpty();
  }

  @Test
  void recover_refusesACommitRecord_whoseTemporaryFileIsNotOneKitMakes_andTouchesNothing()
      throws IOException {
    put("services/a/x.yaml", HEADER + "x: 0\n");
    put("services/a/migrations/1_init.sql", "CREATE TABLE t (id int);\n");
    put(".kit-journal", "kit-journal 1\n");
    commitRecord("commit 1\nput services/a/x.yaml ../a/migrations/1_init.sql\n");
    List<String> before = everything();

    assertThatThrownBy(() -> new PlanWriter(root).recover())
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage(
            ".kit-journal names ../a/migrations/1_init.sql (for services/a/x.yaml) as a temporary file, which is not"
                + " a name kit gives one: kit does not trust this journal and changes nothing. Move .kit-journal"
                + " away, and check the paths it names, before running kit again");
    assertThat(everything()).isEqualTo(before);
    assertThat(Files.readString(root.resolve("services/a/migrations/1_init.sql")))
        .isEqualTo("CREATE TABLE t (id int);\n");
  }

  @Test
  void recover_refusesAStagedFileList_thatNamesAFileKitDidNotStage() throws IOException {
    put("services/a/migrations/1_init.sql", "CREATE TABLE t (id int);\n");
    put(".kit-journal", "kit-journal 1\ntemp services/a/migrations/1_init.sql\n");

    assertThatThrownBy(() -> new PlanWriter(root).recover())
        .isInstanceOf(UncheckedIOException.class)
        .rootCause()
        .hasMessageStartingWith(
            ".kit-journal names services/a/migrations/1_init.sql as a temporary file");
    assertThat(root.resolve("services/a/migrations/1_init.sql")).exists();
  }

  @Test
  void isTemporaryName_acceptsOnlyWhatTemporaryPathMakes() {
    String made = Journal.temporaryPath("services/a/cluster.yaml");
    assertThat(Journal.isTemporaryName(made.substring(made.lastIndexOf('/') + 1))).isTrue();
    assertThat(Journal.isTemporaryName(".x.yaml.1.kit-tmp")).isTrue();
    assertThat(Journal.isTemporaryName(".x.yaml.ffffffffffffffff.kit-tmp")).isTrue();
    assertThat(Journal.isTemporaryName("x.yaml.1.kit-tmp")).isFalse();
    assertThat(Journal.isTemporaryName(".x.yaml.kit-tmp")).isFalse();
    assertThat(Journal.isTemporaryName(".x.yaml.1g.kit-tmp")).isFalse();
    assertThat(Journal.isTemporaryName(".x.yaml.1ffffffffffffffff.kit-tmp")).isFalse();
    assertThat(Journal.isTemporaryName("..1.kit-tmp")).isFalse();
    assertThat(Journal.isTemporaryName(".x.yaml.1.kit-tmp/..")).isFalse();
    assertThat(Journal.isTemporaryName("1_init.sql")).isFalse();
  }

  @Test
  void recover_refusesAJournalItCannotRead_andLeavesIt() throws IOException {
    put(".kit-journal", "kit-journal 9\nsomething new\n");

    assertThatThrownBy(() -> new PlanWriter(root).recover())
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageEndingWith(".kit-journal")
        .hasRootCauseMessage(
            ".kit-journal was not written by this version of kit (it starts with \"kit-journal 9\"); "
                + "finish that run with the kit that wrote it, or move the file away");
    assertThat(Files.readString(root.resolve(".kit-journal")))
        .isEqualTo("kit-journal 9\nsomething new\n");
  }
}
