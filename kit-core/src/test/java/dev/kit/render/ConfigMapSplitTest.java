package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import dev.kit.plan.FilePlan;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A 5+ MiB migration history is split over ConfigMaps under the 1 MiB limit, all mounted into one
 * folder.
 */
class ConfigMapSplitTest {

  private static final int MIB = 1024 * 1024;
  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path repo;

  @Test
  void largeHistory_isSplitUnderTheLimit_andProjectedIntoOneFolder() throws IOException {
    Path dir = Files.createDirectories(repo.resolve("services/orders/migrations"));
    Map<String, byte[]> files = new HashMap<>();
    Random random = new Random(42);
    long total = 0;
    for (int i = 0; total < 5L * MIB + MIB / 2; i++) {
      StringBuilder sql = new StringBuilder("-- generated migration " + i + "\n");
      while (sql.length() < 60_000 + random.nextInt(80_000)) {
        sql.append("INSERT INTO audit_log (id, note) VALUES (")
            .append(random.nextInt())
            .append(", 'row ")
            .append(Long.toHexString(random.nextLong()))
            .append("') ON CONFLICT DO NOTHING;\n");
      }
      String name = String.format("2025%010d_seed_%03d.sql", i * 100L, i);
      byte[] bytes = sql.toString().getBytes(StandardCharsets.UTF_8);
      Files.write(dir.resolve(name), bytes);
      files.put(name, bytes);
      total += bytes.length;
    }
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service("orders", s -> s.database(db -> db.storage("1Gi")))
            .build();

    long start = System.nanoTime();
    FilePlan plan = Generator.forRepository(repo).source("test").plan(kit);
    long renderMillis = (System.nanoTime() - start) / 1_000_000;

    List<String> configMapFiles =
        plan.paths().stream().filter(p -> p.contains("/manifests/migrations/configmap")).toList();
    List<String> names = new ArrayList<>();
    Map<String, byte[]> mounted = new HashMap<>();
    StringBuilder figures = new StringBuilder();
    for (String path : configMapFiles) {
      JsonNode cm = YAML.readTree(plan.text(path));
      long payload = 0;
      for (var entry : cm.path("data").properties()) {
        byte[] value = entry.getValue().asString().getBytes(StandardCharsets.UTF_8);
        payload += entry.getKey().length() + value.length;
        assertThat(mounted.put(entry.getKey(), value))
            .as("key %s in one ConfigMap only", entry.getKey())
            .isNull();
      }
      assertThat(payload)
          .as("keys + values of %s", path)
          .isLessThanOrEqualTo(dev.kit.migration.MigrationDirectory.CONFIGMAP_BUDGET_BYTES);
      assertThat((long) plan.content(path).length).as("YAML size of %s", path).isLessThan(MIB);
      names.add(cm.path("metadata").path("name").asString());
      figures.append(
          String.format(
              "%n  %s: %d entries, %,d bytes of keys+values, %,d bytes of YAML",
              path.substring(path.lastIndexOf('/') + 1),
              cm.path("data").size(),
              payload,
              plan.content(path).length));
    }
    System.out.printf(
        "5 MiB case: %d files, %,d bytes of SQL -> %d ConfigMaps in %d ms (plan incl. reading)%s%n",
        files.size(), total, configMapFiles.size(), renderMillis, figures);

    assertThat(configMapFiles.size()).isGreaterThanOrEqualTo(6);
    assertThat(names).contains("orders-migrations", "orders-migrations-2", "orders-migrations-6");
    files.forEach((name, bytes) -> assertThat(mounted.get(name)).as(name).isEqualTo(bytes));
    assertThat(mounted).containsKeys("atlas.sum", "atlas.hcl").hasSize(files.size() + 2);

    JsonNode job = YAML.readTree(plan.text("services/orders/manifests/migrations/job.yaml"));
    List<String> projected = new ArrayList<>();
    job.at("/spec/template/spec/volumes/0/projected/sources")
        .forEach(s -> projected.add(s.at("/configMap/name").asString()));
    assertThat(projected)
        .containsExactlyInAnyOrderElementsOf(names)
        .startsWith("orders-migrations", "orders-migrations-2");
  }

  @Test
  void nonUtf8File_travelsAsBinaryData_byteForByte() throws IOException {
    Path dir = Files.createDirectories(repo.resolve("services/orders/migrations"));
    byte[] latin1 = "INSERT INTO t VALUES ('caf\u00e9');\n".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(dir.resolve("1_latin1.sql"), latin1);
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service("orders", s -> s.database(db -> db.storage("1Gi")))
            .build();

    FilePlan plan = Generator.forRepository(repo).plan(kit);

    JsonNode cm = YAML.readTree(plan.text("services/orders/manifests/migrations/configmap.yaml"));
    assertThat(Base64.getDecoder().decode(cm.at("/binaryData/1_latin1.sql").asString()))
        .isEqualTo(latin1);
  }

  @Test
  void configMaps_neitherCopyNorDecodeTheFilesBytes_whenTheFileIsPrintableAscii() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service("orders", s -> s.database(db -> db.storage("1Gi")))
            .build();
    Service service = kit.services().get(0);
    int size = 800 * 1024;
    MigrationDirectory dir =
        new MigrationDirectory(
            List.of(
                new MigrationFile(
                    "1_big.sql",
                    "SELECT 1;\n".repeat(size / 10).getBytes(StandardCharsets.UTF_8))));
    byte[] projectFile = "env {}\n".getBytes(StandardCharsets.UTF_8);
    MigrationsRenderer.configMaps(
        kit, service, service.migrations().orElseThrow(), dir, dir.sum().toBytes(), projectFile);

    long before = allocated();
    List<KubeConfigMap> configMaps =
        MigrationsRenderer.configMaps(
            kit,
            service,
            service.migrations().orElseThrow(),
            dir,
            dir.sum().toBytes(),
            projectFile);
    long allocated = allocated() - before;

    assertThat(configMaps.get(0).data()).containsKey("1_big.sql");
    // The file's bytes are written into the YAML as they are (AsciiLines): decoding them to a
    // String was one copy of the file, and copying the bytes first a second.
    assertThat(configMaps.get(0).data().get("1_big.sql")).isInstanceOf(AsciiLines.class);
    assertThat(allocated).isLessThan(size / 4);
  }

  /** What the current thread allocated so far, as the JVM counts it. */
  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }
}
