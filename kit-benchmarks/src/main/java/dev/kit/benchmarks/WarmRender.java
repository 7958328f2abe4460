package dev.kit.benchmarks;

import dev.kit.input.KitInputs;
import dev.kit.input.ValidatedKit;
import dev.kit.migration.MigrationDirectory;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import dev.kit.plan.FilePlan;
import dev.kit.render.KitRenderer;
import dev.kit.validate.Validation;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a warm render of N services costs one thread: the migrations are read and the description
 * validated once, then {@link KitRenderer} renders the plan on the calling thread (not in
 * parallel), round after round, and each round's thread CPU time and allocated bytes (exact, as the
 * JVM counts them per thread) are printed, then the medians of the second half of the rounds.
 *
 * <pre>
 * java -Xmx512m -cp benchmarks.jar dev.kit.benchmarks.WarmRender &lt;repository with the migrations&gt; &lt;services&gt; [rounds]
 * </pre>
 */
public final class WarmRender {

  private WarmRender() {}

  public static void main(String[] args) {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: WarmRender <repository> <services> [rounds]");
      System.exit(2);
    }
    Path repo = Path.of(args[0]);
    int services = Integer.parseInt(args[1]);
    int rounds = args.length == 3 ? Integer.parseInt(args[2]) : 20;
    Kit kit = new Workload(services).kit();
    Map<String, MigrationDirectory> migrations = new LinkedHashMap<>();
    for (Service service : kit.services()) {
      migrations.put(
          service.name(),
          MigrationDirectory.read(
              repo.resolve("services").resolve(service.name()).resolve("migrations")));
    }
    KitRenderer renderer = new KitRenderer(Workload.class.getName(), false);
    ValidatedKit validated =
        Validation.validate(kit, KitInputs.of(migrations, Map.of()), Clock.systemUTC(), renderer);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long[] cpu = new long[rounds];
    long[] allocated = new long[rounds];
    long files = 0;
    for (int i = 0; i < rounds; i++) {
      long cpuBefore = threads.getCurrentThreadCpuTime();
      long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
      FilePlan plan = renderer.render(validated);
      cpu[i] = threads.getCurrentThreadCpuTime() - cpuBefore;
      allocated[i] = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
      files = plan.size();
      System.out.printf(
          Locale.ROOT,
          "round %d: %.0f ms CPU, %.1f MB allocated%n",
          i + 1,
          cpu[i] / 1e6,
          allocated[i] / 1e6);
    }
    System.out.printf(
        Locale.ROOT,
        "%d services, %d files: median of the last %d rounds %.0f ms CPU, %.2f MB allocated%n",
        services,
        files,
        rounds - rounds / 2,
        median(cpu, rounds / 2) / 1e6,
        median(allocated, rounds / 2) / 1e6);
  }

  private static double median(long[] values, int from) {
    long[] tail = Arrays.copyOfRange(values, from, values.length);
    Arrays.sort(tail);
    int n = tail.length;
    return n % 2 == 1 ? tail[n / 2] : (tail[n / 2 - 1] + tail[n / 2]) / 2.0;
  }
}
