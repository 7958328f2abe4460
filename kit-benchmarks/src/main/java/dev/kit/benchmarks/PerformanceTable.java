package dev.kit.benchmarks;

import dev.kit.Generator;
import dev.kit.model.Kit;
import dev.kit.plan.FilePlan;
import dev.kit.write.PlanWriter;
import dev.kit.write.WriteReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The performance table of README.md: for N = 1 to 5,000 full-stack services, render, write, render
 * + write and no-op regenerate times in this (warm) JVM; the same generation as a whole process
 * with a 512 MB heap, JVM start included, with its peak heap; and {@code atlas.sum} against raw
 * SHA-256. It ends with each target of the performance issue, met or missed.
 *
 * <pre>
 * java -jar kit-benchmarks/target/benchmarks.jar [--services=1,10,100,1000,5000] [--dir=/tmp]
 * </pre>
 *
 * {@code --dir} is where the repositories are written (the default temporary folder otherwise);
 * write times are the file system's as much as kit's, so the table names it.
 */
public final class PerformanceTable {

  private static final int[] DEFAULT_SERVICES = {1, 10, 100, 1_000, 5_000};
  private static final String HEAP = "-Xmx512m";

  private final Path work;
  private final Map<Integer, Figures> figures = new LinkedHashMap<>();

  /** What one N measured; times in nanoseconds, best of the runs. */
  private record Figures(
      int files,
      long bytes,
      long render,
      long write,
      long generate,
      long noop,
      long noopBytes,
      long cachedNoop,
      long cachedNoopBytes,
      long processGenerate,
      long processNoop,
      long processNoopBytes,
      long heapPeak,
      long heapAfterGc) {}

  private PerformanceTable(Path work) {
    this.work = work;
  }

  public static void main(String[] args) throws IOException {
    int[] services = DEFAULT_SERVICES;
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
    for (String arg : args) {
      if (arg.startsWith("--services=")) {
        services =
            Arrays.stream(arg.substring("--services=".length()).split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
      } else if (arg.startsWith("--dir=")) {
        dir = Path.of(arg.substring("--dir=".length()));
      } else {
        System.err.println(
            "usage: java -jar benchmarks.jar [--services=1,10,100,1000,5000] [--dir=<folder to write in>]");
        System.exit(2);
      }
    }
    Path work = Files.createTempDirectory(Files.createDirectories(dir), "kit-benchmarks-");
    try {
      new PerformanceTable(work).run(services);
    } finally {
      deleteTree(work);
    }
  }

  private void run(int[] services) throws IOException {
    long started = System.nanoTime();
    System.out.println("kit performance table");
    System.out.println("machine: " + machine());
    System.out.println(
        "folder:  " + work.getParent() + " (" + Files.getFileStore(work).type() + ")");
    System.out.println(
        "service: CNPG cluster (3 instances, WAL volume), Barman Cloud backups + schedule, rw and ro"
            + " poolers, monitoring, app, "
            + Workload.MIGRATIONS_PER_SERVICE
            + " migrations of "
            + Workload.MIGRATION_BYTES
            + " bytes");
    System.out.println();
    warmUp();
    System.out.println(
        "In-process, warm JVM (best of several runs; render = validate, read migrations, render to a FilePlan):");
    String header =
        String.format(
            Locale.ROOT,
            "%8s %7s %8s %10s %10s %13s %10s %7s %9s %11s %16s %18s",
            "services",
            "files",
            "MB",
            "render ms",
            "write ms",
            "render+write",
            "objects/s",
            "MB/s",
            "no-op ms",
            "no-op bytes",
            "cached no-op ms",
            "cached no-op bytes");
    System.out.println(header);
    for (int n : services) {
      Figures f = measure(n);
      figures.put(n, f);
      System.out.println(
          String.format(
              Locale.ROOT,
              "%8d %7d %8.1f %10.1f %10.1f %10.1f ms %10.0f %7.1f %9.1f %11d %16.1f %18d",
              n,
              f.files(),
              f.bytes() / 1e6,
              ms(f.render()),
              ms(f.write()),
              ms(f.generate()),
              f.files() / seconds(f.generate()),
              f.bytes() / 1e6 / seconds(f.generate()),
              ms(f.noop()),
              f.noopBytes(),
              ms(f.cachedNoop()),
              f.cachedNoopBytes()));
    }
    System.out.println();
    System.out.println(
        "Whole process, JVM start included, with the generation cache (java "
            + HEAP
            + ", one run each):");
    System.out.println(
        String.format(
            Locale.ROOT,
            "%8s %13s %10s %11s %13s %15s",
            "services",
            "generate ms",
            "no-op ms",
            "no-op bytes",
            "heap peak MB",
            "after-GC max MB"));
    figures.forEach(
        (n, f) ->
            System.out.println(
                String.format(
                    Locale.ROOT,
                    "%8d %13.0f %10.0f %11d %13.0f %15.0f",
                    n,
                    ms(f.processGenerate()),
                    ms(f.processNoop()),
                    f.processNoopBytes(),
                    f.heapPeak() / 1e6,
                    f.heapAfterGc() / 1e6)));
    System.out.println();
    AtlasSumThroughput throughput = new AtlasSumThroughput();
    double[] mbs = throughput.measure(5, 400);
    System.out.println(
        String.format(
            Locale.ROOT,
            "atlas.sum: %.0f MB/s; raw SHA-256 on the same bytes: %.0f MB/s; %.0f%% of raw",
            mbs[0],
            mbs[1],
            100 * mbs[0] / mbs[1]));
    System.out.println();
    targets(mbs[0] / mbs[1]);
    System.out.println(
        String.format(
            Locale.ROOT, "(the table took %.0f s)", seconds(System.nanoTime() - started)));
  }

  /** Compiles the hot paths first, so the first N is not the one that pays for the JIT. */
  private void warmUp() throws IOException {
    Path repo = work.resolve("warm-up");
    Workload workload = new Workload(100);
    workload.writeMigrations(repo);
    Kit kit = workload.kit();
    Generator generator = generator(repo);
    long deadline = System.nanoTime() + 6_000_000_000L;
    for (int i = 0; i < 30 && System.nanoTime() < deadline; i++) {
      Workload.removeGeneratedFiles(repo);
      generator.generate(kit);
      generator.generate(kit);
      new PlanWriter(repo.resolve("plan")).write(generator.plan(kit));
    }
    new AtlasSumThroughput().measure(1, 300);
    deleteTree(repo);
  }

  private Figures measure(int n) throws IOException {
    Path repo = work.resolve("n" + n);
    Workload workload = new Workload(n);
    workload.writeMigrations(repo);
    Kit kit = workload.kit();
    Generator generator = generator(repo);
    int runs = n <= 100 ? 10 : n <= 1_000 ? 2 : 1;
    long render = Long.MAX_VALUE;
    long write = Long.MAX_VALUE;
    long generate = Long.MAX_VALUE;
    long noop = Long.MAX_VALUE;
    long noopBytes = 0;
    long cachedNoop = Long.MAX_VALUE;
    long cachedNoopBytes = 0;
    Generator cached = generator.cache(work.resolve("cache-" + n));
    int files = 0;
    long bytes = 0;
    for (int run = 0; run < runs; run++) {
      Workload.removeGeneratedFiles(repo);
      long[] renderAndWrite = renderThenWrite(generator, kit, repo);
      render = Math.min(render, renderAndWrite[0]);
      write = Math.min(write, renderAndWrite[1]);
      files = (int) renderAndWrite[2];
      bytes = renderAndWrite[3];
      Workload.removeGeneratedFiles(repo);
      generate = Math.min(generate, time(() -> generator.generate(kit)));
      long start = System.nanoTime();
      WriteReport again = generator.generate(kit);
      noop = Math.min(noop, System.nanoTime() - start);
      noopBytes = Math.max(noopBytes, WholeProcessRun.bytesWritten(repo, again));
      cached.generate(kit); // renders everything (the files are new to this cache) and records them
      start = System.nanoTime();
      WriteReport skipped = cached.generate(kit);
      cachedNoop = Math.min(cachedNoop, System.nanoTime() - start);
      cachedNoopBytes = Math.max(cachedNoopBytes, WholeProcessRun.bytesWritten(repo, skipped));
      if (skipped.skippedServices().size() != n) {
        throw new IllegalStateException(
            "the cached no-op rendered " + (n - skipped.skippedServices().size()) + " services");
      }
    }
    Workload.removeGeneratedFiles(repo);
    String[] cold = process(repo, n);
    String[] again = process(repo, n);
    deleteTree(repo);
    return new Figures(
        files,
        bytes,
        render,
        write,
        generate,
        noop,
        noopBytes,
        cachedNoop,
        cachedNoopBytes,
        Long.parseLong(cold[0]),
        Long.parseLong(again[0]),
        Long.parseLong(again[1]),
        Long.parseLong(cold[2]),
        Long.parseLong(cold[3]));
  }

  /**
   * The two halves of a generation apart: render time (model to FilePlan), write time of that plan
   * to an empty folder, the number of files and bytes. The plan is gone when this returns, so the
   * streamed generation measured next does not have a whole plan beside it.
   */
  private static long[] renderThenWrite(Generator generator, Kit kit, Path repo) {
    long start = System.nanoTime();
    FilePlan plan = generator.plan(kit);
    long render = System.nanoTime() - start;
    long write = time(() -> new PlanWriter(repo).write(plan));
    return new long[] {render, write, plan.size(), plan.byteCount()};
  }

  /**
   * Runs {@link WholeProcessRun}: wall time from start to exit, bytes written, heap peak, heap
   * after GC.
   */
  private static String[] process(Path repo, int n) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
                java.toString(),
                HEAP,
                "-cp",
                System.getProperty("java.class.path"),
                WholeProcessRun.class.getName(),
                repo.toString(),
                Integer.toString(n))
            .redirectErrorStream(true);
    long start = System.nanoTime();
    Process process = builder.start();
    List<String> output = new ArrayList<>();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      lines.lines().forEach(output::add);
    }
    int exit;
    try {
      exit = process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a generation", e);
    }
    long wall = System.nanoTime() - start;
    String line =
        output.stream().filter(l -> l.startsWith(WholeProcessRun.PREFIX)).findFirst().orElse(null);
    if (exit != 0 || line == null) {
      throw new IllegalStateException(
          "the whole-process generation of "
              + n
              + " services failed (exit "
              + exit
              + "):\n"
              + String.join("\n", output));
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String field : line.substring(WholeProcessRun.PREFIX.length()).trim().split(" ")) {
      values.put(field.substring(0, field.indexOf('=')), field.substring(field.indexOf('=') + 1));
    }
    return new String[] {
      Long.toString(wall),
      values.get("written"),
      values.get("heap-peak"),
      values.get("heap-after-gc")
    };
  }

  private void targets(double atlasSumRatio) {
    System.out.println("Targets:");
    Figures thousand = figures.get(1_000);
    if (thousand != null) {
      target(
          "1,000 services render + write in-process, warm, <= 1 s",
          seconds(thousand.generate()) <= 1.0,
          String.format(Locale.ROOT, "%.0f ms", ms(thousand.generate())));
      target(
          "1,000 services as a whole process incl. JVM start <= 2 s",
          seconds(thousand.processGenerate()) <= 2.0,
          String.format(Locale.ROOT, "%.0f ms", ms(thousand.processGenerate())));
      target(
          "no-op regenerate of 1,000 services <= 0.3 s, 0 bytes written (with the cache, as kit:generate)",
          seconds(thousand.cachedNoop()) <= 0.3
              && thousand.cachedNoopBytes() == 0
              && thousand.noopBytes() == 0,
          String.format(
              Locale.ROOT,
              "%.0f ms, %d bytes (without the cache: %.0f ms)",
              ms(thousand.cachedNoop()),
              thousand.cachedNoopBytes(),
              ms(thousand.noop())));
    }
    Integer previous = null;
    for (int n : figures.keySet()) {
      if (previous != null && previous >= 100) {
        // 10x the services may cost at most 11x the time: the time per service may grow by 10% at
        // most.
        double ratio = (double) figures.get(n).generate() / figures.get(previous).generate();
        double allowed = 1.1 * n / previous;
        target(
            String.format(
                Locale.ROOT, "%,d -> %,d services costs <= %.1fx the time", previous, n, allowed),
            ratio <= allowed,
            String.format(Locale.ROOT, "%.1fx", ratio));
      }
      previous = n;
    }
    target(
        "atlas.sum >= 80% of raw SHA-256",
        atlasSumRatio >= 0.8, String.format(Locale.ROOT, "%.0f%%", 100 * atlasSumRatio));
    Figures fiveThousand = figures.get(5_000);
    if (fiveThousand != null) {
      target(
          "5,000 services in a 512 MB heap",
          true,
          String.format(
              Locale.ROOT,
              "completed with " + HEAP + ", heap peak %.0f MB",
              fiveThousand.heapPeak() / 1e6));
    }
  }

  private static void target(String what, boolean met, String reached) {
    System.out.println(
        String.format(Locale.ROOT, "  [%s] %s: %s", met ? "met" : "MISSED", what, reached));
  }

  private static Generator generator(Path repo) {
    return Generator.forRepository(repo).source(Workload.class.getName());
  }

  @SuppressWarnings(
      "ReturnValueIgnored") // what the work returns does not matter, only how long it takes
  private static long time(Supplier<?> work) {
    long start = System.nanoTime();
    work.get();
    return System.nanoTime() - start;
  }

  private static String machine() {
    String cpu = "";
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      cpu =
          lines
              .filter(l -> l.startsWith("model name"))
              .findFirst()
              .map(l -> l.substring(l.indexOf(':') + 1).trim() + ", ")
              .orElse("");
    } catch (IOException | UncheckedIOException e) {
      // not Linux: the core count and the JVM still say enough
    }
    return cpu
        + Runtime.getRuntime().availableProcessors()
        + " cores, "
        + System.getProperty("java.vm.name")
        + " "
        + System.getProperty("java.runtime.version")
        + ", "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + " "
        + System.getProperty("os.arch")
        + ", max heap "
        + Runtime.getRuntime().maxMemory() / (1 << 20)
        + " MiB";
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }
}
