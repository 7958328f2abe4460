package dev.kit.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code atlas.sum} of one workload service's migrations against the JDK's SHA-256 over the same
 * bytes; both operations hash the same {@value Workload#MIGRATIONS_PER_SERVICE} files, so the ratio
 * of their throughputs is the ratio of MB/s.
 *
 * <pre>
 * java -cp kit-benchmarks/target/benchmarks.jar org.openjdk.jmh.Main AtlasSumBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AtlasSumBenchmark {

  private final AtlasSumThroughput workload = new AtlasSumThroughput();

  @Benchmark
  public String atlasSum() {
    return workload.atlasSum();
  }

  @Benchmark
  public byte[] rawSha256() {
    return workload.rawSha256();
  }
}
