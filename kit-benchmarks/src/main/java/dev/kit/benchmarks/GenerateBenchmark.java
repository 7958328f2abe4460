package dev.kit.benchmarks;

import dev.kit.Generator;
import dev.kit.model.Kit;
import dev.kit.plan.FilePlan;
import dev.kit.write.WriteReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH figures for a repository of N workload services: render (validate, read migrations, model to
 * FilePlan), a generation into an empty folder (render and write), and a no-op regeneration.
 *
 * <pre>
 * java -cp kit-benchmarks/target/benchmarks.jar org.openjdk.jmh.Main GenerateBenchmark -p services=1000
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GenerateBenchmark {

  /** How many services the repository describes. */
  @Param({"1", "10", "100", "1000"})
  public int services;

  private Path repo;
  private Kit kit;
  private Generator generator;

  @Setup(Level.Trial)
  public void writeRepository() throws IOException {
    repo = Files.createTempDirectory("kit-jmh-");
    Workload workload = new Workload(services);
    workload.writeMigrations(repo);
    kit = workload.kit();
    generator = Generator.forRepository(repo).source(Workload.class.getName());
    generator.generate(kit);
  }

  @TearDown(Level.Trial)
  public void deleteRepository() throws IOException {
    try (Stream<Path> paths = Files.walk(repo)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }

  /** Model to FilePlan, migrations read and validated on the way. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public FilePlan render() {
    return generator.plan(kit);
  }

  /** A generation over an up-to-date tree: it must write nothing. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public WriteReport noopRegenerate() {
    WriteReport report = generator.generate(kit);
    if (report.changedCount() != 0) {
      throw new IllegalStateException("a no-op regeneration changed files: " + report);
    }
    return report;
  }

  /**
   * The same with the generation cache, as {@code kit:generate} runs it: it must render and write
   * nothing.
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public WriteReport noopRegenerateCached() {
    WriteReport report = generator.cache(repo.resolve(WholeProcessRun.CACHE)).generate(kit);
    if (report.changedCount() != 0) {
      throw new IllegalStateException("a no-op regeneration changed files: " + report);
    }
    return report;
  }

  /**
   * Generated files are removed before each call (untimed), so every call writes into an empty
   * folder.
   */
  @State(Scope.Thread)
  public static class EmptyFolder {
    @Setup(Level.Invocation)
    public void removeGeneratedFiles(GenerateBenchmark benchmark) {
      Workload.removeGeneratedFiles(benchmark.repo);
    }
  }

  /** Render and write into an empty folder, streamed as {@code kit:generate} does. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 5, batchSize = 1)
  @Measurement(iterations = 10, batchSize = 1)
  public WriteReport generateIntoEmptyFolder(EmptyFolder empty) {
    return generator.generate(kit);
  }
}
