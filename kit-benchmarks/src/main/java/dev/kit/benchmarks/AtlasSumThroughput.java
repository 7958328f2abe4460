package dev.kit.benchmarks;

import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code atlas.sum} against the physical limit: the JDK's SHA-256 over the same bytes, each hashed
 * once. Atlas's format costs a little more (file names go into the running hash, an entry digest
 * per file, a total over the entries), so the ratio says how close kit gets to hashing alone.
 */
final class AtlasSumThroughput {

  private final List<MigrationFile> migrations;
  private final List<byte[]> contents;
  private final long bytes;

  /** Keeps each result alive, so the JIT cannot drop the work that made it. */
  @SuppressWarnings("UnusedVariable") // written, never read: that is a sink
  private volatile int sink;

  /** One service's migrations from the workload: what a generation hashes per service. */
  AtlasSumThroughput() {
    List<MigrationFile> migrations = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < Workload.MIGRATIONS_PER_SERVICE; i++) {
      byte[] content = Workload.migration(0, i);
      migrations.add(new MigrationFile(Workload.migrationName(i), content));
      total += content.length;
    }
    this.migrations = List.copyOf(migrations);
    this.contents = migrations.stream().map(MigrationFile::content).toList();
    this.bytes = total;
  }

  /**
   * One {@code atlas.sum} of migrations already read, as a generation computes it: on a new {@link
   * MigrationDirectory} each time, since a directory keeps the sum it computed.
   */
  String atlasSum() {
    return new MigrationDirectory(migrations).sum().total();
  }

  /** The same bytes through one SHA-256, with no Atlas format around them. */
  byte[] rawSha256() {
    MessageDigest digest = sha256();
    for (byte[] content : contents) {
      digest.update(content);
    }
    return digest.digest();
  }

  /**
   * MB/s of {@code atlas.sum}, then of raw SHA-256: the best of several rounds of about {@code
   * millis} each.
   */
  double[] measure(int rounds, long millis) {
    double sum = 0;
    double raw = 0;
    for (int round = 0; round < rounds; round++) {
      sum = Math.max(sum, megabytesPerSecond(this::atlasSum, millis));
      raw = Math.max(raw, megabytesPerSecond(this::rawSha256, millis));
    }
    return new double[] {sum, raw};
  }

  private double megabytesPerSecond(Supplier<Object> work, long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000;
    long start = System.nanoTime();
    long runs = 0;
    while (System.nanoTime() < deadline) {
      sink ^= work.get().hashCode();
      runs++;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return runs * (double) bytes / 1e6 / seconds;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
