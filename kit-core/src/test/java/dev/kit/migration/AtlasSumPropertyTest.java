package dev.kit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * The sum changes when any byte, name or order changes, and never when nothing does (seeded,
 * repeatable).
 */
class AtlasSumPropertyTest {

  private static List<MigrationFile> randomDirectory(Random random) {
    int count = 1 + random.nextInt(8);
    List<MigrationFile> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] content = new byte[random.nextInt(200)];
      random.nextBytes(content);
      files.add(
          new MigrationFile(
              String.format("%014d_m%d.sql", 20250101000000L + i * 1000L, i), content));
    }
    return files;
  }

  private static String sum(List<MigrationFile> files) {
    return new String(new MigrationDirectory(files).sum().toBytes(), StandardCharsets.UTF_8);
  }

  @RepeatedTest(50)
  void sum_isStable_whenNothingChanges(RepetitionInfo run) {
    List<MigrationFile> files = randomDirectory(new Random(run.getCurrentRepetition()));
    List<MigrationFile> shuffled = new ArrayList<>(files);
    Collections.shuffle(shuffled, new Random(7));

    assertThat(sum(shuffled))
        .as("input order does not matter: Atlas sorts by name")
        .isEqualTo(sum(files));
  }

  @RepeatedTest(50)
  void sum_changes_whenAnyByteChanges(RepetitionInfo run) {
    Random random = new Random(1000 + run.getCurrentRepetition());
    List<MigrationFile> files = randomDirectory(random);
    int victim = random.nextInt(files.size());
    byte[] content = files.get(victim).content();
    byte[] changed;
    if (content.length == 0) {
      changed = new byte[] {(byte) random.nextInt(256)};
    } else {
      changed = content.clone();
      int at = random.nextInt(changed.length);
      changed[at] ^= (byte) (1 + random.nextInt(255));
    }
    List<MigrationFile> mutated = new ArrayList<>(files);
    mutated.set(victim, new MigrationFile(files.get(victim).name(), changed));

    assertThat(sum(mutated)).isNotEqualTo(sum(files));
  }

  @RepeatedTest(20)
  void sum_changes_whenANameChanges(RepetitionInfo run) {
    Random random = new Random(2000 + run.getCurrentRepetition());
    List<MigrationFile> files = randomDirectory(random);
    int victim = random.nextInt(files.size());
    List<MigrationFile> renamed = new ArrayList<>(files);
    renamed.set(
        victim,
        new MigrationFile(
            files.get(victim).name().replace(".sql", "x.sql"), files.get(victim).content()));

    assertThat(sum(renamed)).isNotEqualTo(sum(files));
  }

  @Test
  void sum_changes_whenTheOrderChanges() {
    byte[] a = "CREATE TABLE a (id int);\n".getBytes(StandardCharsets.UTF_8);
    byte[] b = "CREATE TABLE b (id int);\n".getBytes(StandardCharsets.UTF_8);
    List<MigrationFile> original =
        List.of(new MigrationFile("1_x.sql", a), new MigrationFile("2_x.sql", b));
    List<MigrationFile> swapped =
        List.of(new MigrationFile("1_x.sql", b), new MigrationFile("2_x.sql", a));

    assertThat(sum(swapped)).isNotEqualTo(sum(original));
  }

  @Test
  void files_sortByteWise_notNumerically() {
    List<MigrationFile> files =
        new MigrationDirectory(
                List.of(
                    new MigrationFile("9_x.sql", new byte[0]),
                    new MigrationFile("10_x.sql", new byte[0]),
                    new MigrationFile("1.5_x.sql", new byte[0])))
            .files();

    assertThat(files)
        .extracting(MigrationFile::name)
        .containsExactly("1.5_x.sql", "10_x.sql", "9_x.sql");
    assertThat(files).extracting(MigrationFile::version).containsExactly("1.5", "10", "9");
  }
}
