package dev.kit.benchmarks;

import dev.kit.input.KitInputs;
import dev.kit.input.ValidatedKit;
import dev.kit.migration.MigrationDirectory;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import dev.kit.plan.FilePlan;
import dev.kit.render.KitRenderer;
import dev.kit.validate.Validation;
import dev.kit.write.PlanWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Where a cold run of N services spends its time, phase by phase, in one fresh JVM: the JVM's start
 * up to {@code main}, building the description, reading the migrations and validating, rendering to
 * a {@link FilePlan}, writing it into an empty folder. Each phase with its wall time, the CPU time
 * of the whole process (the JIT and GC threads included), the JIT compilers' share of it and the
 * classes it loaded. The phases run one after the other, as {@code Generator.plan} and {@code
 * PlanWriter} do, not streamed as {@code Generator.generate} does, so the sum is close to, not
 * equal to, a {@link WholeProcessRun}.
 *
 * <pre>
 * java -Xmx512m -cp benchmarks.jar dev.kit.benchmarks.ColdPhases &lt;repository with the migrations&gt; &lt;services&gt;
 * </pre>
 */
public final class ColdPhases {

  private final Map<String, long[]> phases = new LinkedHashMap<>();
  private long wall;
  private long cpu;
  private long jit;
  private long classes;

  private ColdPhases(long startWall, long startCpu) {
    this.wall = startWall;
    this.cpu = startCpu;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: ColdPhases <repository> <services>");
      System.exit(2);
    }
    Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
    long nanosSinceStart = Duration.between(started, Instant.now()).toNanos();
    long now = System.nanoTime();
    ColdPhases run = new ColdPhases(now - nanosSinceStart, 0);
    run.end("JVM start to main");
    Path repo = Path.of(args[0]);
    Kit kit = new Workload(Integer.parseInt(args[1])).kit();
    run.end("build the description");
    Map<String, MigrationDirectory> migrations = new ConcurrentHashMap<>();
    kit.services().parallelStream()
        .forEach(
            service ->
                migrations.put(
                    service.name(), MigrationDirectory.read(migrationsOf(repo, service))));
    KitRenderer renderer = new KitRenderer(Workload.class.getName());
    // Throws when the workload does not validate.
    ValidatedKit validated =
        Validation.validate(kit, KitInputs.of(migrations, Map.of()), Clock.systemUTC(), renderer);
    run.end("read migrations, validate");
    FilePlan plan = renderer.render(validated);
    run.end("render " + plan.size() + " files");
    new PlanWriter(repo).write(plan);
    run.end(String.format(Locale.ROOT, "write %.1f MB", plan.byteCount() / 1e6));
    System.out.println(run.table());
  }

  private static Path migrationsOf(Path repo, Service service) {
    return repo.resolve("services").resolve(service.name()).resolve("migrations");
  }

  private void end(String phase) {
    long nowWall = System.nanoTime();
    long nowCpu =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    long nowJit = jitCpuNanos();
    long nowClasses = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
    phases.put(
        phase, new long[] {nowWall - wall, nowCpu - cpu, nowJit - jit, nowClasses - classes});
    wall = nowWall;
    cpu = nowCpu;
    jit = nowJit;
    classes = nowClasses;
  }

  private String table() {
    StringBuilder table =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-28s %9s %9s %9s %8s%n",
                "phase",
                "wall ms",
                "CPU ms",
                "JIT ms",
                "classes"));
    long[] total = new long[4];
    phases.forEach(
        (phase, values) -> {
          table.append(
              String.format(
                  Locale.ROOT,
                  "%-28s %9.0f %9.0f %9.0f %8d%n",
                  phase,
                  values[0] / 1e6,
                  values[1] / 1e6,
                  values[2] / 1e6,
                  values[3]));
          for (int i = 0; i < 4; i++) {
            total[i] += values[i];
          }
        });
    return table
        .append(
            String.format(
                Locale.ROOT,
                "%-28s %9.0f %9.0f %9.0f %8d",
                "total",
                total[0] / 1e6,
                total[1] / 1e6,
                total[2] / 1e6,
                total[3]))
        .toString();
  }

  /** The CPU time the JIT compiler threads used so far, from /proc (see {@link ThreadCpu}). */
  private static long jitCpuNanos() {
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      double seconds = 0;
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          if (ThreadCpu.kind(ThreadCpu.threadName(stat)).startsWith("JIT")) {
            seconds += ThreadCpu.cpuSeconds(stat);
          }
        } catch (IOException e) {
          // a thread that ended meanwhile
        }
      }
      return (long) (seconds * 1e9);
    } catch (IOException e) {
      return 0;
    }
  }
}
