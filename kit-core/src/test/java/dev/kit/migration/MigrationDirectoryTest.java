package dev.kit.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kit.plan.RepositoryLinkException;
import dev.kit.plan.RepositoryRoot;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class MigrationDirectoryTest {

  private static MigrationFile file(String name, String sql) {
    return new MigrationFile(name, sql.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void sum_isComputedOnce_forTheFingerprintAndTheRenderedFile() {
    MigrationDirectory dir =
        new MigrationDirectory(List.of(file("1_a.sql", "CREATE TABLE a (id int);")));

    assertThat(dir.sum()).isSameAs(dir.sum());
  }

  @Test
  void equalsAndHashCode_compareTheFiles() {
    MigrationDirectory dir =
        new MigrationDirectory(List.of(file("2_b.sql", "B"), file("1_a.sql", "A")));
    MigrationDirectory same =
        new MigrationDirectory(List.of(file("1_a.sql", "A"), file("2_b.sql", "B")));

    assertThat(dir).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(dir).isNotEqualTo(new MigrationDirectory(List.of(file("1_a.sql", "A"))));
    assertThat(dir.files()).extracting(MigrationFile::name).containsExactly("1_a.sql", "2_b.sql");
  }

  @Test
  void compareNames_ordersAsTheNamesUtf8Bytes_forEveryPairOfShortNames() {
    // ASCII, two-byte, three-byte on both sides of the surrogates, a surrogate pair, lone halves.
    List<String> parts =
        List.of(
            "a",
            "_",
            "0",
            "é",
            "\u00ff",
            "\u0800",
            "\ud7ff",
            "\ue000",
            "\uffff",
            "\ud83d\ude00",
            "\ud83d\ude01",
            "\ud83d",
            "\ude00");
    List<String> names = new ArrayList<>(List.of(""));
    for (String first : parts) {
      names.add(first);
      for (String second : parts) {
        names.add(first + second);
      }
    }
    List<String> mismatches = new ArrayList<>();
    for (String a : names) {
      for (String b : names) {
        int expected =
            Integer.signum(
                Arrays.compareUnsigned(
                    a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        if (Integer.signum(MigrationFile.compareNames(a, b)) != expected) {
          mismatches.add(a + " <> " + b);
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void read_keepsTheBytesItRead_withoutCopyingThem(@TempDir Path dir) throws IOException {
    int size = 4 * 1024 * 1024;
    byte[] sql = "SELECT 1;\n".repeat(size / 10).getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("1_big.sql"), sql);
    MigrationDirectory.read(dir); // classes and caches of the first read

    long before = allocated();
    MigrationDirectory read = MigrationDirectory.read(dir);
    long allocated = allocated() - before;

    assertThat(read.files()).containsExactly(new MigrationFile("1_big.sql", sql));
    assertThat(allocated).isLessThan(size + size / 2);
  }

  /**
   * The generation cache's fingerprints depend on these bytes: each part as its kind, its length (4
   * bytes, big-endian) and its bytes; a file's hash from the sum, or its content when the sum
   * leaves it out.
   */
  @Test
  void digest_feedsEachPartAfterItsKindAndLength() throws Exception {
    MigrationFile ignored = file("2_b.sql", "-- atlas:sum ignore\nSELECT 2;\n");
    MigrationDirectory dir =
        new MigrationDirectory(List.of(file("1_a.sql", "SELECT 1;\n"), ignored));
    MessageDigest expected = MessageDigest.getInstance("SHA-256");
    for (byte[] part :
        List.of(
            "n1_a.sql".getBytes(StandardCharsets.UTF_8),
            ("h" + dir.sum().entries().get(0).hash()).getBytes(StandardCharsets.US_ASCII),
            "n2_b.sql".getBytes(StandardCharsets.UTF_8),
            "c-- atlas:sum ignore\nSELECT 2;\n".getBytes(StandardCharsets.UTF_8))) {
      expected.update(part[0]);
      expected.update(ByteBuffer.allocate(4).putInt(part.length - 1).array());
      expected.update(part, 1, part.length - 1);
    }
    MessageDigest digest = MessageDigest.getInstance("SHA-256");

    dir.digest(digest);

    assertThat(dir.sum().entries()).hasSize(1);
    assertThat(digest.digest()).isEqualTo(expected.digest());
  }

  /**
   * The read sizes each array by the size its link check saw: the bytes are still the file's, and a
   * file linked inside, whose link has a size of its own, is read whole.
   */
  @Test
  void read_readsEachFileWhole_plainOrLinked(@TempDir Path temp) throws IOException {
    Path dir = migrations(temp);
    byte[] big = "SELECT 1;\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("2_big.sql"), big);
    Files.createSymbolicLink(dir.resolve("3_linked.sql"), dir.resolve("2_big.sql"));

    assertThat(read(temp, dir).files())
        .containsExactly(
            file("1_a.sql", "CREATE TABLE a (id int);\n"),
            new MigrationFile("2_big.sql", big),
            new MigrationFile("3_linked.sql", big));
  }

  /** {@code repo/services/orders/migrations} with 1_a.sql, and a folder outside the repository. */
  private static Path migrations(Path temp) throws IOException {
    Path dir = Files.createDirectories(temp.resolve("repo/services/orders/migrations"));
    Files.writeString(dir.resolve("1_a.sql"), "CREATE TABLE a (id int);\n");
    Files.createDirectories(temp.resolve("outside"));
    return dir;
  }

  private static MigrationDirectory read(Path temp, Path dir) {
    return MigrationDirectory.read(RepositoryRoot.of(temp.resolve("repo")), dir);
  }

  private static List<RepositoryLinkException.Link> linksRefused(Path temp, Path dir) {
    return catchThrowableOfType(RepositoryLinkException.class, () -> read(temp, dir)).links();
  }

  @Test
  void read_refusesAFileLinkedOutside_besidePlainFiles(@TempDir Path temp) throws IOException {
    Path dir = migrations(temp);
    Path secret = Files.writeString(temp.resolve("outside/secret.sql"), "SELECT 1;\n");
    Files.createSymbolicLink(dir.resolve("2_b.sql"), secret);
    Files.writeString(dir.resolve("3_c.sql"), "SELECT 3;\n");

    assertThat(linksRefused(temp, dir))
        .containsExactly(
            new RepositoryLinkException.Link(
                "services/orders/migrations/2_b.sql", secret.toString(), true));
  }

  @Test
  void read_refusesADanglingLink_insteadOfDroppingIt(@TempDir Path temp) throws IOException {
    Path dir = migrations(temp);
    Files.createSymbolicLink(dir.resolve("2_b.sql"), Path.of("gone.sql"));

    assertThat(linksRefused(temp, dir))
        .containsExactly(
            new RepositoryLinkException.Link(
                "services/orders/migrations/2_b.sql", "gone.sql", false));
  }

  @Test
  void read_refusesAFolderLinkedOutside(@TempDir Path temp) throws IOException {
    Path outside = Files.createDirectories(temp.resolve("outside/migrations"));
    Files.writeString(outside.resolve("1_a.sql"), "SELECT 1;\n");
    Path dir = Files.createDirectories(temp.resolve("repo/services/orders")).resolve("migrations");
    Files.createSymbolicLink(dir, outside);

    assertThat(linksRefused(temp, dir))
        .containsExactly(
            new RepositoryLinkException.Link(
                "services/orders/migrations", outside.toString(), true));
  }

  @Test
  void read_readsTheFilesOfAFolderLinkedInside(@TempDir Path temp) throws IOException {
    Path shared = migrations(temp);
    Path dir = Files.createDirectories(temp.resolve("repo/services/billing")).resolve("migrations");
    Files.createSymbolicLink(dir, Path.of("../orders/migrations"));

    assertThat(read(temp, dir)).isEqualTo(read(temp, shared));
    assertThat(read(temp, dir).files()).extracting(MigrationFile::name).containsExactly("1_a.sql");
  }

  @Test
  void read_readsAFileLinkedInside_asItsTarget(@TempDir Path temp) throws IOException {
    Path dir = migrations(temp);
    Files.writeString(temp.resolve("repo/audit.sql"), "CREATE TABLE audit (id int);\n");
    Files.createSymbolicLink(dir.resolve("2_audit.sql"), Path.of("../../../audit.sql"));

    assertThat(read(temp, dir).files())
        .containsExactly(
            file("1_a.sql", "CREATE TABLE a (id int);\n"),
            file("2_audit.sql", "CREATE TABLE audit (id int);\n"));
  }

  @Test
  void read_skipsFoldersNamedLikeMigrations_linkedOrNot(@TempDir Path temp) throws IOException {
    Path dir = migrations(temp);
    Files.createDirectories(dir.resolve("2_folder.sql"));
    Files.createDirectories(temp.resolve("repo/elsewhere"));
    Files.createSymbolicLink(dir.resolve("3_link.sql"), Path.of("../../../elsewhere"));

    assertThat(read(temp, dir).files()).extracting(MigrationFile::name).containsExactly("1_a.sql");
  }

  @Test
  @DisabledOnOs(OS.WINDOWS) // no named pipes in the file system there
  void read_skipsANamedPipe_withoutWaitingForAWriter(@TempDir Path temp)
      throws IOException, InterruptedException {
    Path dir = migrations(temp);
    Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("2_pipe.sql").toString()).start();
    assertThat(mkfifo.waitFor()).isZero();

    assertThat(read(temp, dir).files()).extracting(MigrationFile::name).containsExactly("1_a.sql");
  }

  @Test
  void read_keepsANonAsciiName_asTheFolderListsIt(@TempDir Path temp) throws IOException {
    Path dir = migrations(temp);
    Files.writeString(dir.resolve("2_caf\u00e9.sql"), "SELECT 2;\n");

    assertThat(read(temp, dir).files())
        .containsExactly(
            file("1_a.sql", "CREATE TABLE a (id int);\n"), file("2_caf\u00e9.sql", "SELECT 2;\n"));
  }

  @Test
  void read_findsNothing_whenTheFolderIsMissingOrAFile(@TempDir Path temp) throws IOException {
    Path dir = migrations(temp);
    Path file = Files.writeString(temp.resolve("repo/services/orders/notes"), "x");

    assertThat(read(temp, dir.resolveSibling("gone")).isEmpty()).isTrue();
    assertThat(read(temp, file).isEmpty()).isTrue();
  }

  @Test
  void read_readsAFolderOfAnotherFileSystem_asAZipArchive(@TempDir Path temp) throws IOException {
    try (FileSystem zip =
        FileSystems.newFileSystem(temp.resolve("migrations.zip"), Map.of("create", "true"))) {
      Path dir = Files.createDirectories(zip.getPath("/migrations"));
      Files.writeString(dir.resolve("1_a.sql"), "SELECT 1;\n");

      assertThat(MigrationDirectory.read(dir).files())
          .containsExactly(file("1_a.sql", "SELECT 1;\n"));
    }
  }

  @Test
  void read_keepsTheSqlLikeNamesAtlasIgnores_besideTheMigrations(@TempDir Path temp)
      throws IOException {
    Path dir = migrations(temp);
    Files.writeString(dir.resolve("20240101000000_a.SQL"), "SELECT 1;\n");
    Files.writeString(dir.resolve("20240102000000_b.sql.txt"), "SELECT 2;\n");
    Files.writeString(dir.resolve("README.md"), "notes\n");
    Files.writeString(dir.resolve("data.sqlite"), "x");
    Files.createDirectories(dir.resolve("old"));
    Files.writeString(dir.resolve("old/20230101000000_x.sql"), "SELECT 0;\n");
    Files.writeString(dir.resolve("old/notes.md"), "x");
    Files.createDirectories(dir.resolve("docs"));

    MigrationDirectory read = read(temp, dir);

    assertThat(read.files()).extracting(MigrationFile::name).containsExactly("1_a.sql");
    assertThat(read.ignored())
        .containsExactly(
            "20240101000000_a.SQL", "20240102000000_b.sql.txt", "old/20230101000000_x.sql");
  }

  @Test
  void read_keepsTheSqlLikeNamesAtlasIgnores_throughNio(@TempDir Path temp) throws IOException {
    try (FileSystem zip =
        FileSystems.newFileSystem(temp.resolve("migrations.zip"), Map.of("create", "true"))) {
      Path dir = Files.createDirectories(zip.getPath("/migrations/old"));
      Files.writeString(dir.resolve("1_x.sql"), "SELECT 0;\n");
      Files.writeString(dir.resolveSibling("2_a.Sql"), "SELECT 1;\n");

      assertThat(MigrationDirectory.read(dir.getParent()).ignored())
          .containsExactly("2_a.Sql", "old/1_x.sql");
    }
  }

  @Test
  void looksLikeSql_matchesSqlInAnyCaseBeforeAnotherExtension_notInsideAWord() {
    assertThat(List.of("a.SQL", "a.sql.txt", "a.sql~", "a.Sql.bak", "a.sql-old"))
        .allMatch(MigrationDirectory::looksLikeSql);
    assertThat(List.of("data.sqlite", "README.md", "atlas.sum", "sql", "a.sqlx"))
        .noneMatch(MigrationDirectory::looksLikeSql);
  }

  @Test
  void digestAndEquals_tellWhatAtlasIgnoresApart() throws Exception {
    List<MigrationFile> files = List.of(file("1_a.sql", "SELECT 1;\n"));
    MigrationDirectory plain = new MigrationDirectory(files);
    MigrationDirectory ignoring = new MigrationDirectory(files, List.of("2_b.SQL"));

    assertThat(ignoring).isNotEqualTo(plain);
    assertThat(ignoring.with(file("3_c.sql", "")).ignored()).containsExactly("2_b.SQL");
    assertThat(digest(ignoring)).isNotEqualTo(digest(plain));
    assertThat(digest(plain)).isEqualTo(digest(new MigrationDirectory(files, List.of())));
  }

  private static byte[] digest(MigrationDirectory dir) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    dir.digest(digest);
    return digest.digest();
  }

  /** What the current thread allocated so far, as the JVM counts it. */
  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }
}
