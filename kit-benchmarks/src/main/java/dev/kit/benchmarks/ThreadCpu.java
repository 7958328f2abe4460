package dev.kit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@link WholeProcessRun}, then the CPU time each kind of thread of this JVM used, read from
 * Linux's {@code /proc/self/task}: the JIT compilers, the garbage collector, the main thread, the
 * render workers. The JIT's and GC's own clocks (CITime, JFR) count wall time, which a loaded
 * machine stretches; CPU time does not.
 *
 * <pre>
 * java -Xmx512m -cp benchmarks.jar dev.kit.benchmarks.ThreadCpu &lt;repository&gt; &lt;services&gt;
 * </pre>
 */
public final class ThreadCpu {

  /** Linux's USER_HZ: the unit of the times in {@code /proc/.../stat}. */
  private static final double TICKS_PER_SECOND = 100;

  private ThreadCpu() {}

  public static void main(String[] args) throws IOException {
    WholeProcessRun.main(args);
    double total = cpuSeconds(Files.readString(Path.of("/proc/self/stat")));
    Map<String, Double> byKind = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          byKind.merge(kind(threadName(stat)), cpuSeconds(stat), Double::sum);
        } catch (IOException e) {
          // the thread ended while we listed them: its time is in the process total
        }
      }
    }
    double live = byKind.values().stream().mapToDouble(Double::doubleValue).sum();
    byKind.put("(threads that ended)", Math.max(0, total - live));
    StringBuilder line =
        new StringBuilder(String.format(Locale.ROOT, "thread-cpu total=%.2f", total));
    byKind.forEach(
        (kind, seconds) ->
            line.append(String.format(Locale.ROOT, " %s=%.2f", kind.replace(' ', '_'), seconds)));
    System.out.println(line);
  }

  /**
   * The thread's name from a {@code stat} line: between the first '(' and the last ')', as it may
   * hold both.
   */
  static String threadName(String stat) {
    return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  }

  /** utime + stime of a {@code stat} line, fields 14 and 15, counted after the name. */
  static double cpuSeconds(String stat) {
    List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" "));
    // After the name, field 3 (state) is at index 0, so field n is at n - 3.
    return (Long.parseLong(fields.get(14 - 3)) + Long.parseLong(fields.get(15 - 3)))
        / TICKS_PER_SECOND;
  }

  /** Groups HotSpot's thread names (Linux keeps their first 15 characters) into kinds. */
  static String kind(String name) {
    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
      return "JIT " + name.substring(0, 2);
    }
    if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread")) {
      return name.startsWith("VM Thread") ? "VM thread" : "GC";
    }
    if (name.startsWith("ForkJoinPool")) {
      return "render workers";
    }
    if (name.equals("java")) {
      return "main"; // the primordial thread keeps the launcher's name
    }
    return "other";
  }
}
