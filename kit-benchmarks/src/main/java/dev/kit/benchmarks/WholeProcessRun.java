package dev.kit.benchmarks;

import dev.kit.Generator;
import dev.kit.write.WriteReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * One {@code kit:generate} as a process of its own, with its generation cache: what a build pays,
 * JVM start included. {@link PerformanceTable} starts it with a fixed heap and reads the one line
 * it prints.
 *
 * <pre>
 * java -Xmx512m -cp benchmarks.jar dev.kit.benchmarks.WholeProcessRun &lt;repository&gt; &lt;services&gt;
 * </pre>
 */
public final class WholeProcessRun {

  /** What the line printed by {@link #main} starts with. */
  static final String PREFIX = "kit-run";

  /** The generation cache, relative to the repository: where the Maven plugin keeps it. */
  static final String CACHE = "target/kit-cache";

  private WholeProcessRun() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: WholeProcessRun <repository> <services>");
      System.exit(2);
    }
    Path repo = Path.of(args[0]);
    Workload workload = new Workload(Integer.parseInt(args[1]));
    try (HeapWatch heap = HeapWatch.start()) {
      long start = System.nanoTime();
      // With the cache in the folder kit:generate gives it, so a second run is the no-op a build
      // sees.
      WriteReport report =
          Generator.forRepository(repo)
              .source(Workload.class.getName())
              .cache(repo.resolve(CACHE))
              .generate(workload.kit());
      long nanos = System.nanoTime() - start;
      System.out.println(
          PREFIX
              + " files="
              + (report.changedCount() + report.unchanged().size())
              + " written="
              + bytesWritten(repo, report)
              + " generate-ns="
              + nanos
              + " heap-peak="
              + heap.peakBytes()
              + " heap-after-gc="
              + heap.maxAfterGcBytes());
    }
  }

  /** The bytes a generation wrote: the sizes of the files it created or updated. */
  static long bytesWritten(Path repo, WriteReport report) {
    return Stream.concat(report.created().stream(), report.updated().stream())
        .mapToLong(
            path -> {
              try {
                return Files.size(repo.resolve(path));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .sum();
  }
}
