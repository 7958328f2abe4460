package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Service;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A migration of printable ASCII and line feeds is written into its ConfigMap from its bytes
 * ({@link AsciiLines}), byte for byte as its decoded string was, and which files take that path,
 * which go as strings and which as base64 is as before.
 */
class AsciiLinesTest {

  private static final byte[] HEADER = ManifestYaml.header("test");

  /** Awkward migrations: each a name and its bytes. */
  private static Map<String, byte[]> awkwardFiles() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    utf8(files, "plain", "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\n");
    utf8(files, "no-final-line-feed", "CREATE TABLE t (id int);\nSELECT 1;");
    utf8(files, "two-final-line-feeds", "SELECT 1;\n\n");
    utf8(files, "only-line-feeds", "\n\n\n");
    utf8(files, "one-line-feed", "\n");
    utf8(files, "leading-line-feed", "\nSELECT 1;\n");
    utf8(files, "leading-space", "  SELECT 1;\n  SELECT 2;\n");
    utf8(files, "empty-lines-inside", "SELECT 1;\n\n\nSELECT 2;\n");
    utf8(files, "trailing-spaces", "SELECT 1;  \nSELECT 2;\n");
    utf8(files, "trailing-space-at-the-end", "SELECT 1;\nSELECT 2; ");
    utf8(files, "space-line", "SELECT 1;\n \nSELECT 2;\n");
    utf8(files, "tabs", "SELECT\t1;\n\tSELECT 2;\n");
    utf8(files, "crlf", "SELECT 1;\r\nSELECT 2;\r\n");
    utf8(files, "empty", "");
    utf8(files, "one-line", "SELECT 1;");
    utf8(files, "one-line-quoted", "true");
    utf8(files, "one-line-number", "12");
    utf8(files, "quotes-and-hashes", "-- 'x' \"y\" #z: {a} [b], c: d\nSELECT '#';\n");
    utf8(files, "yaml-markers", "---\n...\n- a\n? b\n: c\n");
    utf8(files, "backslashes", "SELECT E'\\\\n';\n");
    utf8(files, "delete-character", "SELECT 1;\u007f\n");
    utf8(files, "control-character", "SELECT 1;\u0001\n");
    utf8(files, "non-ascii", "-- café, 数据, 😀\nSELECT 'é';\n");
    utf8(files, "u-fffd-written", "SELECT '\uFFFD';\n");
    utf8(files, "bom", "\uFEFFSELECT 1;\n");
    utf8(files, "bom-inside", "SELECT '\uFEFF';\n");
    utf8(files, "nel-and-line-separator", "SELECT 1;\u0085\u2028\n");
    files.put("invalid-utf8", "SELECT 'caf\u00e9';\n".getBytes(StandardCharsets.ISO_8859_1));
    files.put("lone-continuation-byte", new byte[] {'S', (byte) 0x80, '\n'});
    files.put("truncated-sequence", new byte[] {'S', (byte) 0xE2, (byte) 0x82, '\n'});
    Random random = new Random(17);
    String alphabet = "ab :#'\"\\-.{}[],|>\n\n ";
    for (int i = 0; i < 200; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      for (int j = 0; j < length; j++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      utf8(files, "random-" + i, text.toString());
    }
    return files;
  }

  private static void utf8(Map<String, byte[]> files, String name, String text) {
    files.put(name, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void configMapFile_equalsTheFileOfItsDecodedStrings_forAwkwardMigrations() {
    Kit kit = kit();
    Service service = kit.services().get(0);
    int asBytes = 0;
    for (Map.Entry<String, byte[]> each : awkwardFiles().entrySet()) {
      MigrationDirectory dir =
          new MigrationDirectory(
              List.of(new MigrationFile("1_" + each.getKey() + ".sql", each.getValue())));
      KubeConfigMap configMap = configMaps(kit, service, dir).get(0);

      String as = each.getKey();
      byte[] written = ManifestYaml.objectFile(HEADER, configMap);
      assertThat(text(written)).as(as).isEqualTo(text(stringsFile(configMap)));
      assertThat(written).as(as).isEqualTo(stringsFile(configMap));
      assertThat(text(written))
          .as(as)
          .isEqualTo(text(ManifestYaml.file(HEADER, ManifestYaml.tree(configMap))));
      if (configMap.data().get("1_" + each.getKey() + ".sql") instanceof AsciiLines) {
        asBytes++;
      }
    }
    assertThat(asBytes).isGreaterThan(100);
  }

  @Test
  void configMaps_chooseDataOrBinaryDataAsTheDecodedFileDoes_forAwkwardMigrations() {
    Kit kit = kit();
    Service service = kit.services().get(0);
    for (Map.Entry<String, byte[]> each : awkwardFiles().entrySet()) {
      String name = "1_" + each.getKey() + ".sql";
      MigrationFile file = new MigrationFile(name, each.getValue());
      KubeConfigMap configMap =
          configMaps(kit, service, new MigrationDirectory(List.of(file))).get(0);

      // What the ConfigMap carried before: the decoded text, unless it is not UTF-8 or has a BOM.
      String text = file.utf8Text().orElse(null);
      boolean asData = text != null && text.indexOf('\uFEFF') < 0;
      Map<String, ? extends CharSequence> data = configMap.data();
      assertThat(data != null && data.containsKey(name)).as(name).isEqualTo(asData);
      assertThat(configMap.binaryData() != null && configMap.binaryData().containsKey(name))
          .as(name)
          .isEqualTo(!asData);
      if (asData) {
        CharSequence value = data.get(name);
        assertThat(value.toString()).as(name).isEqualTo(text);
        assertThat(value.length()).as(name).isEqualTo(text.length());
        assertThat(value instanceof AsciiLines)
            .as(name)
            .isEqualTo(text.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c <= 0x7E)));
      }
    }
  }

  @Test
  void configMapFile_equalsTheFileOfItsDecodedStrings_whenManyFilesShareOneConfigMap() {
    Kit kit = kit();
    Service service = kit.services().get(0);
    List<MigrationFile> files = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, byte[]> each : awkwardFiles().entrySet()) {
      files.add(
          new MigrationFile(String.format("%03d_%s.sql", i++, each.getKey()), each.getValue()));
    }
    for (KubeConfigMap configMap : configMaps(kit, service, new MigrationDirectory(files))) {
      assertThat(ManifestYaml.objectFile(HEADER, configMap)).isEqualTo(stringsFile(configMap));
    }
  }

  @Test
  void asciiLines_isTheFilesText_andNullForAnyOtherByte() {
    MigrationFile file =
        new MigrationFile("1_a.sql", "SELECT 1;\n".getBytes(StandardCharsets.UTF_8));
    AsciiLines lines = AsciiLines.of(file);

    assertThat(lines).isNotNull();
    assertThat(lines.toString()).isEqualTo("SELECT 1;\n");
    assertThat(lines.length()).isEqualTo(10);
    assertThat(lines.charAt(7)).isEqualTo('1');
    assertThat(lines.subSequence(0, 6).toString()).isEqualTo("SELECT");
    assertThat(lines.literalBlock()).isTrue();
    for (int b = 0; b < 256; b++) {
      MigrationFile one = new MigrationFile("1_a.sql", new byte[] {'a', (byte) b, '\n'});
      boolean printable = b == '\n' || (b >= 0x20 && b <= 0x7E);
      assertThat(AsciiLines.of(one) != null).as("byte %d", b).isEqualTo(printable);
    }
  }

  /** The file the ConfigMap wrote when its data were Strings: every value decoded. */
  private static byte[] stringsFile(KubeConfigMap configMap) {
    Map<String, String> strings = null;
    if (configMap.data() != null) {
      strings = new TreeMap<>();
      for (Map.Entry<String, ? extends CharSequence> entry : configMap.data().entrySet()) {
        assertThat(entry.getValue()).isInstanceOfAny(String.class, AsciiLines.class);
        strings.put(entry.getKey(), entry.getValue().toString());
      }
    }
    return ManifestYaml.objectFile(
        HEADER, new KubeConfigMap(configMap.metadata(), strings, configMap.binaryData()));
  }

  private static List<KubeConfigMap> configMaps(Kit kit, Service service, MigrationDirectory dir) {
    return MigrationsRenderer.configMaps(
        kit,
        service,
        service.migrations().orElseThrow(),
        dir,
        dir.sum().toBytes(),
        "env {}\n".getBytes(StandardCharsets.UTF_8));
  }

  private static Kit kit() {
    return Kit.builder()
        .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
        .service(
            "orders",
            s ->
                s.database(db -> db.storage("1Gi"))
                    .migrations(m -> m.engine(Migrations.Engine.JOB)))
        .build();
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
