package dev.kit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.model.App;
import dev.kit.model.ArgoCd;
import dev.kit.model.Compression;
import dev.kit.model.HelmChart;
import dev.kit.model.Kit;
import dev.kit.model.Monitoring;
import dev.kit.model.Patch;
import dev.kit.model.Pooler;
import dev.kit.model.Resources;
import dev.kit.model.S3Credentials;
import dev.kit.model.Service;
import dev.kit.render.DatabaseProviders;
import dev.kit.testing.JavaCompilation;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the generation cache's safety rests on: equal inputs digest equally, and any difference
 * shows.
 */
class FingerprintTest {

  private static Kit kit(String revision) {
    return Kit.builder()
        .repository(
            "shop", r -> r.gitUrl("https://git.example.com/shop.git").targetRevision(revision))
        .service("orders", s -> s.database(db -> db.instances(1).postgresMajor(17).storage("1Gi")))
        .build();
  }

  @Test
  void ofDescription_namesWhereTheDescriptionHoldsAValueItCannotDigest() {
    Kit kit =
        kit("main").toBuilder()
            .platform(
                dev.kit.model.Platform.builder()
                    .cloudnativePg(
                        dev.kit.model.Platform.CLOUDNATIVE_PG.withValue(
                            "tolerations",
                            List.of("a", Map.of("key", java.net.URI.create("https://acme.io")))))
                    .build())
            .build();

    assertThatThrownBy(() -> Fingerprint.ofDescription(kit, "src"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "platform.cloudnativePg.values[tolerations][1][key]: cannot fingerprint a java.net.URI"
                + " (the cache digests strings, numbers, booleans, enums, records, lists and maps:"
                + " pass the value as one of those)");
  }

  @Test
  void anEqualDescription_digestsEqually() {
    assertThat(Fingerprint.ofDescription(kit("main"), "src"))
        .isEqualTo(Fingerprint.ofDescription(kit("main"), "src"));
  }

  /**
   * A map of a patch or of a chart's values is printed sorted; the order the user's map iterates in
   * (a Map.of's changes from one JVM to the next) must not change the digest, or the cache never
   * hits.
   */
  @Test
  void mapsInPatchesAndChartValues_digestEqually_inAnyOrder() {
    Map<String, Object> forward = new LinkedHashMap<>();
    Map<String, Object> backward = new LinkedHashMap<>();
    for (String key : List.of("cpu", "memory", "x")) {
      forward.put(key, key.length());
    }
    for (String key : List.of("x", "memory", "cpu")) {
      backward.put(key, key.length());
    }

    assertThat(Fingerprint.ofDescription(withPatch(Map.of("limits", forward)), "src"))
        .isEqualTo(Fingerprint.ofDescription(withPatch(Map.of("limits", backward)), "src"));
    assertThat(
            HelmChart.builder()
                .repoUrl("https://charts.example.com")
                .chart("c")
                .version("1.0.0")
                .namespace("n")
                .value("resources", Map.of("limits", backward))
                .build()
                .values())
        .isEqualTo(Map.of("resources", Map.of("limits", forward)))
        .extractingByKey("resources")
        .asString()
        .isEqualTo("{limits={cpu=3, memory=6, x=1}}");
  }

  @Test
  void theDescriptionAndTheHeaderSource_eachChangeTheDigest() {
    byte[] base = Fingerprint.ofDescription(kit("main"), "src");
    assertThat(Fingerprint.ofDescription(kit("release"), "src")).isNotEqualTo(base);
    assertThat(Fingerprint.ofDescription(kit("main"), "other")).isNotEqualTo(base);
  }

  @Test
  void migrationsAndSchema_changeTheServiceFingerprint() {
    byte[] description = Fingerprint.ofDescription(kit("main"), "src");
    MigrationDirectory one = new MigrationDirectory(List.of(file("1_a.sql", "create table a();")));
    MigrationDirectory edited =
        new MigrationDirectory(List.of(file("1_a.sql", "create table b();")));
    MigrationDirectory renamed =
        new MigrationDirectory(List.of(file("2_a.sql", "create table a();")));
    String base = Fingerprint.ofService(description, "orders", one, null);

    assertThat(Fingerprint.ofService(description, "orders", one, null)).isEqualTo(base);
    assertThat(Fingerprint.ofService(description, "orders", edited, null)).isNotEqualTo(base);
    assertThat(Fingerprint.ofService(description, "orders", renamed, null)).isNotEqualTo(base);
    assertThat(Fingerprint.ofService(description, "orders", null, null)).isNotEqualTo(base);
    assertThat(Fingerprint.ofService(description, "orders", one, "")).isNotEqualTo(base);
    assertThat(Fingerprint.ofService(description, "billing", one, null)).isNotEqualTo(base);
  }

  @Test
  void ofService_changes_whenAFileThatAtlasSumLeavesOutChanges() {
    byte[] description = Fingerprint.ofDescription(kit("main"), "src");
    String ignored = "-- atlas:sum ignore\nSELECT 1;";
    MigrationDirectory base =
        new MigrationDirectory(List.of(file("1_a.sql", "SELECT 0;"), file("2_b.sql", ignored)));
    MigrationDirectory edited =
        new MigrationDirectory(
            List.of(file("1_a.sql", "SELECT 0;"), file("2_b.sql", ignored + " -- edited")));
    MigrationDirectory noLongerIgnored =
        new MigrationDirectory(List.of(file("1_a.sql", "SELECT 0;"), file("2_b.sql", "SELECT 1;")));

    assertThat(edited.sum()).isEqualTo(base.sum());
    assertThat(Fingerprint.ofService(description, "orders", edited, null))
        .isNotEqualTo(Fingerprint.ofService(description, "orders", base, null));
    assertThat(Fingerprint.ofService(description, "orders", noLongerIgnored, null))
        .isNotEqualTo(Fingerprint.ofService(description, "orders", base, null));
  }

  @Test
  void ofService_changes_whenAFileAfterOneThatAtlasSumLeavesOutChanges() {
    byte[] description = Fingerprint.ofDescription(kit("main"), "src");
    String ignored = "-- atlas:sum ignore\nSELECT 1;";
    MigrationDirectory base =
        new MigrationDirectory(
            List.of(file("1_a.sql", ignored), file("2_b.sql", "SELECT 2;"), file("3_c.sql", "")));
    MigrationDirectory edited =
        new MigrationDirectory(
            List.of(file("1_a.sql", ignored), file("2_b.sql", "SELECT 2;"), file("3_c.sql", "-")));

    assertThat(Fingerprint.ofService(description, "orders", edited, null))
        .isNotEqualTo(Fingerprint.ofService(description, "orders", base, null));
    assertThat(Fingerprint.ofService(description, "orders", base, null))
        .isEqualTo(
            Fingerprint.ofService(
                description,
                "orders",
                new MigrationDirectory(
                    List.of(
                        file("3_c.sql", ""),
                        file("2_b.sql", "SELECT 2;"),
                        file("1_a.sql", ignored))),
                null));
  }

  @Test
  void ofService_changes_whenAnEarlierFileChanges() {
    byte[] description = Fingerprint.ofDescription(kit("main"), "src");
    MigrationDirectory base =
        new MigrationDirectory(List.of(file("1_a.sql", "SELECT 0;"), file("2_b.sql", "SELECT 1;")));
    MigrationDirectory edited =
        new MigrationDirectory(List.of(file("1_a.sql", "SELECT 9;"), file("2_b.sql", "SELECT 1;")));

    assertThat(Fingerprint.ofService(description, "orders", edited, null))
        .isNotEqualTo(Fingerprint.ofService(description, "orders", base, null));
  }

  @Test
  void code_changes_whenOneClassOfAJarChangesAtTheSameSize(@TempDir Path dir) throws Exception {
    Path jar = jar(dir.resolve("a.jar"), classes("return 1;"), 0);
    Path changed = jar(dir.resolve("b.jar"), classes("return 2;"), 0);

    assertThat(code(changed)).isNotEqualTo(code(jar));
  }

  @Test
  void code_changes_whenAJarGainsAClass(@TempDir Path dir) throws Exception {
    Map<String, String> more = classes("return 1;");
    more.put("dev/kit/Extra.class", "");

    assertThat(code(jar(dir.resolve("b.jar"), more, 0)))
        .isNotEqualTo(code(jar(dir.resolve("a.jar"), classes("return 1;"), 0)));
  }

  @Test
  void code_staysEqual_whenAJarIsRebuiltWithTheSameClassesAtAnotherTime(@TempDir Path dir)
      throws Exception {
    Path jar = jar(dir.resolve("a.jar"), classes("return 1;"), 0);
    Path rebuilt = jar(dir.resolve("b.jar"), classes("return 1;"), 86_400_000L);

    assertThat(Files.readAllBytes(rebuilt)).isNotEqualTo(Files.readAllBytes(jar));
    assertThat(code(rebuilt)).isEqualTo(code(jar));
  }

  @Test
  void code_changes_whenOneClassOfAFolderChangesAtTheSameSizeAndTime(@TempDir Path dir)
      throws Exception {
    Path classes = dir.resolve("classes");
    Path changed = classes.resolve("dev/kit/Generator.class");
    Files.createDirectories(changed.getParent());
    Files.writeString(classes.resolve("dev/kit/Other.class"), "other");
    Files.writeString(changed, "return 1;");
    FileTime time = Files.getLastModifiedTime(changed);
    String before = code(classes);

    Files.writeString(changed, "return 2;");
    Files.setLastModifiedTime(changed, time);

    assertThat(code(classes)).isNotEqualTo(before);
    Files.writeString(changed, "return 1;");
    assertThat(code(classes)).isEqualTo(before);
    Files.writeString(classes.resolve("dev/kit/Extra.class"), "");
    assertThat(code(classes)).isNotEqualTo(before);
  }

  @Test
  void code_readsEveryJarOnTheClassPathAsTheJdkDoes() throws Exception {
    List<Path> jars =
        Stream.of(
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"))
                    .split(File.pathSeparator))
            .filter(entry -> entry.endsWith(".jar"))
            .map(Path::of)
            .toList();

    assertThat(jars).hasSizeGreaterThan(10);
    for (Path jar : jars) {
      assertThat(Fingerprint.centralDirectory(jar)).as(jar.toString()).isNotNull();
      assertThat(code(jar)).as(jar.toString()).isEqualTo(codeThroughZipFile(jar));
    }
  }

  @Test
  void code_findsTheDirectory_whenAJarHasACommentOrAPrefix(@TempDir Path dir) throws Exception {
    Path jar = jar(dir.resolve("a.jar"), classes("return 1;"), 0);
    Path commented = dir.resolve("commented.jar");
    try (OutputStream file = Files.newOutputStream(commented);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      for (Map.Entry<String, String> entry : classes("return 1;").entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      // An end record's signature inside the comment must not be taken for the record itself.
      zip.setComment("PK\u0005\u0006 then text enough for the search to meet it first");
    }
    Path prefixed = dir.resolve("prefixed.jar");
    Files.write(prefixed, "#!/bin/sh\nexec java -jar \"$0\"\n".getBytes(StandardCharsets.UTF_8));
    Files.write(prefixed, Files.readAllBytes(jar), StandardOpenOption.APPEND);

    assertThat(Fingerprint.centralDirectory(commented)).isNotNull();
    assertThat(Fingerprint.centralDirectory(prefixed)).isNotNull();
    assertThat(code(commented)).isEqualTo(code(jar));
    assertThat(code(prefixed)).isEqualTo(code(jar));
  }

  @Test
  void code_listsAJarThroughTheJdk_whenItHasAZip64EndRecordItDoesNotNeed(@TempDir Path dir)
      throws Exception {
    Path jar = jar(dir.resolve("a.jar"), classes("return 1;"), 0);
    Path zip64 = withZip64EndRecord(jar, dir.resolve("zip64.jar"));

    assertThat(Fingerprint.centralDirectory(zip64)).isNull();
    assertThat(code(zip64)).isEqualTo(codeThroughZipFile(zip64)).isEqualTo(code(jar));
  }

  /**
   * {@code jar} with a Zip64 end record and its locator before the end record, as some tools always
   * write them: the classic end record's counts and offsets stay valid.
   */
  private static Path withZip64EndRecord(Path jar, Path to) throws IOException {
    byte[] bytes = Files.readAllBytes(jar);
    int end = bytes.length - 22; // no comment
    ByteBuffer classic = ByteBuffer.wrap(bytes, end, 22).order(ByteOrder.LITTLE_ENDIAN);
    int entries = Short.toUnsignedInt(classic.getShort(end + 10));
    long directorySize = Integer.toUnsignedLong(classic.getInt(end + 12));
    long directoryOffset = Integer.toUnsignedLong(classic.getInt(end + 16));
    ByteBuffer zip64 = ByteBuffer.allocate(56 + 20).order(ByteOrder.LITTLE_ENDIAN);
    zip64.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45);
    zip64.putInt(0).putInt(0).putLong(entries).putLong(entries);
    zip64.putLong(directorySize).putLong(directoryOffset);
    zip64.putInt(0x07064b50).putInt(0).putLong(end).putInt(1); // the locator
    try (OutputStream out = Files.newOutputStream(to)) {
      out.write(bytes, 0, end);
      out.write(zip64.array());
      out.write(bytes, end, 22);
    }
    return to;
  }

  @Test
  void code_listsAJarInZip64Form_throughTheJdk(@TempDir Path dir) throws Exception {
    Map<String, String> many = classes("return 1;");
    for (int i = 0; i < 0xFFFF; i++) {
      many.put("dev/kit/many/C" + i + ".class", "");
    }
    Path jar = jar(dir.resolve("a.jar"), many, 0);
    many.put("dev/kit/Generator.class", "return 2;");
    Path changed = jar(dir.resolve("b.jar"), many, 0);

    assertThat(Fingerprint.centralDirectory(jar)).isNull();
    assertThat(code(jar)).isEqualTo(codeThroughZipFile(jar)).isNotEqualTo(code(changed));
  }

  @Test
  void code_failsWithTheJarsName_whenItsDirectoryIsDamaged(@TempDir Path dir) throws Exception {
    Path jar = jar(dir.resolve("a.jar"), classes("return 1;"), 0);
    byte[] bytes = Files.readAllBytes(jar);
    int directory = indexOf(bytes, new byte[] {'P', 'K', 1, 2});
    bytes[directory + 3] = 9; // no longer a directory entry's signature
    Files.write(jar, bytes);

    assertThatThrownBy(() -> code(jar))
        .isInstanceOf(ZipException.class)
        .hasMessageContaining(jar.toString());
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  /**
   * A database provider from another jar (a plugin dependency, a build script's own) renders too:
   * its code, and its place in the list, are part of the version.
   */
  @Test
  void codeVersion_changes_withAProviderFromElsewhere_andWithItsCode(@TempDir Path dir)
      throws Exception {
    List<Class<?>> kits = new ArrayList<>();
    DatabaseProviders.all().forEach(p -> kits.add(p.getClass()));
    String source = "package it.ext; public final class ExtraProvider { int x = %d; }";
    Class<?> first = compiledClass(dir.resolve("a"), source.formatted(1));
    Class<?> changed = compiledClass(dir.resolve("b"), source.formatted(2));
    List<Class<?>> withFirst = new ArrayList<>(kits);
    withFirst.add(first);
    List<Class<?>> withChanged = new ArrayList<>(kits);
    withChanged.add(changed);
    List<Class<?>> firstAhead = new ArrayList<>(List.of(first));
    firstAhead.addAll(kits);

    String plain = Fingerprint.CodeVersion.compute(kits);

    assertThat(plain).isEqualTo(Fingerprint.codeVersion());
    assertThat(Fingerprint.CodeVersion.compute(withFirst))
        .isNotEqualTo(plain)
        .isNotEqualTo(Fingerprint.CodeVersion.compute(withChanged))
        .isNotEqualTo(Fingerprint.CodeVersion.compute(firstAhead))
        .isEqualTo(Fingerprint.CodeVersion.compute(withFirst));
  }

  private static Class<?> compiledClass(Path dir, String source) throws Exception {
    Path classes = JavaCompilation.compile(dir, Map.of("it.ext.ExtraProvider", source));
    @SuppressWarnings("resource") // the class must stay loadable for the test
    URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, FingerprintTest.class.getClassLoader());
    return Class.forName("it.ext.ExtraProvider", false, loader);
  }

  @Test
  void codeVersion_isKnown_whenKitRunsFromItsClassesOrJars() {
    assertThat(Fingerprint.codeVersion()).hasSize(64);
  }

  @Test
  void codeVersion_saysWhyAndWhatToDo_whenKitsCodeCouldNotBeRead() {
    RuntimeException failure =
        new java.io.UncheckedIOException(
            "cannot read the code of dev.kit.Generator at /opt/kit.jar",
            new java.util.zip.ZipException("a zip directory entry runs past its end"));

    assertThatThrownBy(() -> Fingerprint.known(null, failure))
        .isInstanceOf(IllegalStateException.class)
        .hasCause(failure)
        .hasMessage(
            "cannot read kit's own code to fingerprint it: cannot read the code of"
                + " dev.kit.Generator at /opt/kit.jar (reinstall that jar; until then the"
                + " generation cache is off and every service renders)");
    assertThat(Fingerprint.known("abc", null)).isEqualTo("abc");
  }

  private static Map<String, String> classes(String generator) {
    Map<String, String> classes = new LinkedHashMap<>();
    classes.put("dev/kit/Generator.class", generator);
    classes.put("dev/kit/Other.class", "other");
    return classes;
  }

  private static Path jar(Path path, Map<String, String> entries, long time) throws IOException {
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(path));
        ZipOutputStream zip = new ZipOutputStream(file)) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        ZipEntry zipEntry = new ZipEntry(entry.getKey());
        zipEntry.setTime(time);
        zip.putNextEntry(zipEntry);
        zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return path;
  }

  private static String code(Path location) throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    Fingerprint.code(digest, location);
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String codeThroughZipFile(Path jar) throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    Fingerprint.codeThroughZipFile(digest, jar);
    return HexFormat.of().formatHex(digest.digest());
  }

  @Test
  void valuesOfDifferentTypes_digestDifferently_evenWhenTheyPrintAlike() {
    Kit withInt = withPatch(1);
    Kit withLong = withPatch(1L);
    Kit withText = withPatch("1");
    assertThat(Fingerprint.ofDescription(withInt, "src"))
        .isNotEqualTo(Fingerprint.ofDescription(withLong, "src"))
        .isNotEqualTo(Fingerprint.ofDescription(withText, "src"));
  }

  @Test
  void aChangedFieldOfAModelClass_changesTheDigest() {
    Kit base =
        withService(
            s ->
                s.app(App.builder("ghcr.io/acme/orders:1").build())
                    .monitoring(Monitoring.defaults()));
    Service orders = base.services().get(0);
    App app = orders.app().orElseThrow();
    byte[] digest = Fingerprint.ofDescription(base, "src");

    assertThat(
            Fingerprint.ofDescription(
                withService(s -> s.app(app.toBuilder().build()).monitoring(Monitoring.defaults())),
                "src"))
        .isEqualTo(digest);
    for (Service changed :
        List.of(
            orders.toBuilder().app(app.toBuilder().runAsGroup(1000).build()).build(),
            orders.toBuilder().app(app.toBuilder().livenessPath("/healthz").build()).build(),
            orders.toBuilder().monitoring(m -> m.alertFor(Duration.ofMinutes(10))).build(),
            orders.toBuilder().migrations(m -> m.activeDeadlineSeconds(60)).build(),
            orders.toBuilder().namespace("shop").build())) {
      assertThat(Fingerprint.ofDescription(replaceService(base, changed), "src"))
          .as("%s", changed)
          .isNotEqualTo(digest);
    }
    Kit otherArgo =
        base.toBuilder()
            .repository(
                base.repository().toBuilder()
                    .argoCd(ArgoCd.builder().version("2.9").build())
                    .build())
            .build();
    assertThat(Fingerprint.ofDescription(otherArgo, "src")).isNotEqualTo(digest);
  }

  /**
   * The description is walked once per generation, over hundreds of values per service: a walk that
   * allocates per value (a buffer per length, a string per tag) costs a cold JVM its garbage and
   * its compiler's time (PROFILE section 14, generation cache). 42 KB a service before, about 4 KB
   * since.
   */
  @Test
  void ofDescription_allocatesLittlePerService_whenTheDescriptionIsLarge() {
    Kit kit = fleet(100);
    Fingerprint.ofDescription(kit, "src"); // each class's shape is worked out once, here
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();

    long before = threads.getThreadAllocatedBytes(thread);
    Fingerprint.ofDescription(kit, "src");
    long allocated = threads.getThreadAllocatedBytes(thread) - before;

    assertThat(allocated / kit.services().size()).isLessThan(12_000);
  }

  /** Services with a database, backups, a pooler, monitoring and an app, as in a real fleet. */
  private static Kit fleet(int services) {
    Kit.Builder kit =
        Kit.builder()
            .repository(
                "fleet", r -> r.gitUrl("https://git.example.com/fleet.git").targetRevision("main"));
    for (int i = 0; i < services; i++) {
      String name = "svc-" + i;
      kit.service(
          name,
          s ->
              s.label("team", "team-" + name.length())
                  .database(
                      db ->
                          db.instances(3)
                              .postgresMajor(17)
                              .storage("20Gi", "standard")
                              .resources(Resources.requests("500m", "1Gi").withLimits(null, "1Gi"))
                              .parameter("max_connections", "200")
                              .bootstrap("app", "app")
                              .backups(
                                  "s3://fleet-backups/" + name + "/",
                                  b ->
                                      b.credentials(
                                              S3Credentials.fromSecret(
                                                  name + "-s3", "ACCESS_KEY_ID", "SECRET_KEY"))
                                          .walCompression(Compression.ZSTD)
                                          .retentionPolicy("30d")
                                          .schedule("0 0 2 * * *"))
                              .pooler(p -> p.instances(2).poolMode(Pooler.PoolMode.TRANSACTION)))
                  .monitoring(m -> m.replicationLagThreshold(Duration.ofSeconds(30)))
                  .migrations(m -> m.activeDeadlineSeconds(600))
                  .app(
                      "ghcr.io/example/" + name + ":1.0.0",
                      a -> a.port(8080).replicas(2).readinessPath("/ready")));
    }
    return kit.build();
  }

  private static Kit withService(UnaryOperator<Service.Builder> customizer) {
    Kit kit = kit("main");
    return replaceService(kit, customizer.apply(kit.services().get(0).toBuilder()).build());
  }

  private static Kit replaceService(Kit kit, Service service) {
    Kit.Builder builder = Kit.builder().repository(kit.repository()).service(service);
    kit.platform().ifPresent(builder::platform);
    return builder.build();
  }

  private static Kit withPatch(Object value) {
    return withService(s -> s.patch(Patch.set(Patch.Target.CLUSTER, "/spec/x", value)));
  }

  private static MigrationFile file(String name, String sql) {
    return new MigrationFile(name, sql.getBytes(StandardCharsets.UTF_8));
  }
}
