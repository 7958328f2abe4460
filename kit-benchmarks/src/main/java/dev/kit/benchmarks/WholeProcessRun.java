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
 *
 * <p>With {@code -D}{@value #FIGURES}{@code =false} it prints only the files and the files it
 * changed: no heap watch (its management beans load ~90 classes and do work at every collection)
 * and no byte count (a {@code stat} per written file), which cost ~0.1 s of a 100-service run that
 * kit:generate does not pay. {@link PairedRun} runs it so, since it measures RSS from outside.
 */
public final class WholeProcessRun {

  /** What the line printed by {@link #main} starts with. */
  static final String PREFIX = "kit-run";

  /** The generation cache, relative to the repository: where the Maven plugin keeps it. */
  static final String CACHE = "target/kit-cache";

  /** The system property that, set to {@code false}, leaves out the run's own figures. */
  static final String FIGURES = "kit.benchmarks.figures";

  private WholeProcessRun() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: WholeProcessRun <repository> <services>");
      System.exit(2);
    }
    Path repo = Path.of(args[0]);
    Workload workload = new Workload(Integer.parseInt(args[1]));
    if (!Boolean.parseBoolean(System.getProperty(FIGURES, "true"))) {
      WriteReport report = generate(repo, workload);
      System.out.println(
          PREFIX
              + " files="
              + (report.changedCount() + report.unchanged().size())
              + " changed="
              + report.changedCount());
      return;
    }
    try (HeapWatch heap = HeapWatch.start()) {
      long start = System.nanoTime();
      WriteReport report = generate(repo, workload);
      long nanos = System.nanoTime() - start;
      System.out.println(
          PREFIX
              + " files="
              + (report.changedCount() + report.unchanged().size())
              + " changed="
              + report.changedCount()
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

  /**
   * With the cache in the folder kit:generate gives it, so a second run is the no-op a build sees.
   */
  private static WriteReport generate(Path repo, Workload workload) {
    return Generator.forRepository(repo)
        .source(Workload.class.getName())
        .cache(repo.resolve(CACHE))
        .generate(workload.kit());
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
