package dev.kit.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a recorded run spent its time, from a JFR file (JDK 17's {@code jfr} tool has no summary
 * views): the execution samples by thread, by package of the top frame and by package anywhere on
 * the stack, the hottest methods, how many top frames still ran interpreted, JIT and GC totals and
 * the classes loaded.
 *
 * <pre>
 * java -XX:StartFlightRecording=filename=run.jfr,settings=profile -cp benchmarks.jar dev.kit.benchmarks.WholeProcessRun ...
 * java -cp kit-benchmarks/target/benchmarks.jar dev.kit.benchmarks.JfrSummary run.jfr [top=15]
 * </pre>
 */
public final class JfrSummary {

  /** Package prefixes reported as one library; anything else by its first three package names. */
  private static final List<String> LIBRARIES =
      List.of(
          "tools.jackson.databind",
          "tools.jackson.dataformat.yaml",
          "tools.jackson.core",
          "com.fasterxml.jackson",
          "org.snakeyaml.engine",
          "org.yaml.snakeyaml",
          "io.fabric8.kubernetes",
          "freemarker",
          "dev.kit.render",
          "dev.kit.write",
          "dev.kit.validate",
          "dev.kit.migration",
          "dev.kit.model",
          "dev.kit.plan",
          "dev.kit.benchmarks",
          "dev.kit",
          "java.util.concurrent",
          "java.util.regex",
          "java.util.stream",
          "java.util",
          "java.lang.invoke",
          "java.lang",
          "java.io",
          "java.nio",
          "sun.nio",
          "jdk.internal",
          "sun.security",
          "java.security");

  private JfrSummary() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: JfrSummary <recording.jfr> [top=15]");
      System.exit(2);
    }
    int top = args.length > 1 ? Integer.parseInt(args[1].substring(args[1].indexOf('=') + 1)) : 15;
    System.out.print(summarize(RecordingFile.readAllEvents(Path.of(args[0])), top));
  }

  static String summarize(List<RecordedEvent> events, int top) {
    StringBuilder out = new StringBuilder();
    Instant first =
        events.stream()
            .map(RecordedEvent::getStartTime)
            .min(Instant::compareTo)
            .orElse(Instant.EPOCH);
    Instant last =
        events.stream()
            .map(RecordedEvent::getEndTime)
            .max(Instant::compareTo)
            .orElse(Instant.EPOCH);
    out.append(
        String.format(
            Locale.ROOT,
            "recording: %.2f s, %d events%n",
            seconds(Duration.between(first, last)),
            events.size()));

    List<RecordedEvent> samples =
        events.stream()
            .filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample"))
            .filter(e -> e.getStackTrace() != null && !e.getStackTrace().getFrames().isEmpty())
            .toList();
    int total = samples.size();
    out.append(
        String.format(Locale.ROOT, "execution samples (threads running Java code): %d%n", total));
    section(
        out,
        "by thread",
        count(samples, e -> threadGroup(e.getThread("sampledThread").getJavaName())),
        total,
        top);
    section(
        out,
        "by top frame's package (self)",
        count(samples, e -> library(topFrame(e))),
        total,
        top);
    Map<String, Integer> inclusive = new HashMap<>();
    for (RecordedEvent sample : samples) {
      Set<String> seen = new HashSet<>();
      for (RecordedFrame frame : sample.getStackTrace().getFrames()) {
        if (frame.isJavaFrame() && seen.add(library(frame))) {
          inclusive.merge(library(frame), 1, Integer::sum);
        }
      }
    }
    section(out, "by package anywhere on the stack (inclusive)", inclusive, total, top);
    section(out, "hottest methods (self)", count(samples, e -> method(topFrame(e))), total, top);
    section(out, "top frame's type", count(samples, e -> topFrame(e).getType()), total, top);

    long compilations = 0;
    Duration compiling = Duration.ZERO;
    Map<String, Duration> byTier = new TreeMap<>();
    long gcs = 0;
    Duration pauses = Duration.ZERO;
    Duration longestPause = Duration.ZERO;
    long classes = 0;
    long heapPeak = 0;
    for (RecordedEvent event : events) {
      switch (event.getEventType().getName()) {
        case "jdk.Compilation" -> {
          compilations++;
          compiling = compiling.plus(event.getDuration());
          byTier.merge("tier " + event.getInt("compileLevel"), event.getDuration(), Duration::plus);
        }
        case "jdk.GarbageCollection" -> {
          gcs++;
          pauses = pauses.plus(event.getDuration("sumOfPauses"));
          longestPause = max(longestPause, event.getDuration("longestPause"));
        }
        case "jdk.ClassLoadingStatistics" ->
            classes = Math.max(classes, event.getLong("loadedClassCount"));
        case "jdk.GCHeapSummary" -> heapPeak = Math.max(heapPeak, event.getLong("heapUsed"));
        default -> {}
      }
    }
    out.append(
        String.format(
            Locale.ROOT,
            "JIT: %d compilations recorded (the settings' threshold hides short ones), %.2f s%s%n",
            compilations,
            seconds(compiling),
            byTier.entrySet().stream()
                .map(
                    e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), seconds(e.getValue())))
                .collect(
                    Collectors.joining(
                        ", ", compilations > 0 ? " (" : "", compilations > 0 ? ")" : ""))));
    events.stream()
        .filter(e -> e.getEventType().getName().equals("jdk.CompilerStatistics"))
        .max((a, b) -> a.getEndTime().compareTo(b.getEndTime()))
        .ifPresent(
            e ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "JIT statistics: %d compiles, %.2f s in the compilers%n",
                        e.getInt("compileCount"),
                        seconds(e.getDuration("totalTimeSpent")))));
    out.append(
        String.format(
            Locale.ROOT,
            "GC: %d collections, %.3f s paused in all, longest pause %.3f s, heap used at most %.0f MB%n",
            gcs,
            seconds(pauses),
            seconds(longestPause),
            heapPeak / 1e6));
    out.append(String.format(Locale.ROOT, "classes loaded: %d%n", classes));
    return out.toString();
  }

  private static void section(
      StringBuilder out, String title, Map<String, Integer> counts, int total, int top) {
    out.append(title).append(':').append(System.lineSeparator());
    counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(top)
        .forEach(
            e ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "  %5.1f%%  %6d  %s%n",
                        total == 0 ? 0 : 100.0 * e.getValue() / total,
                        e.getValue(),
                        e.getKey())));
  }

  private static Map<String, Integer> count(
      List<RecordedEvent> samples, Function<RecordedEvent, String> key) {
    Map<String, Integer> counts = new HashMap<>();
    samples.forEach(sample -> counts.merge(key.apply(sample), 1, Integer::sum));
    return counts;
  }

  private static RecordedFrame topFrame(RecordedEvent sample) {
    RecordedStackTrace stack = sample.getStackTrace();
    return stack.getFrames().get(0);
  }

  /**
   * The library or package a frame runs in: a known prefix from {@link #LIBRARIES}, or its first
   * three package names.
   */
  static String library(RecordedFrame frame) {
    return library(frame.getMethod().getType().getName());
  }

  static String library(String className) {
    for (String prefix : LIBRARIES) {
      if (className.startsWith(prefix + ".")) {
        return prefix;
      }
    }
    int lastDot = className.lastIndexOf('.');
    if (lastDot < 0) {
      return "(default package)";
    }
    String[] names = className.substring(0, lastDot).split("\\.");
    return String.join(".", Arrays.copyOf(names, Math.min(3, names.length)));
  }

  private static String method(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  /**
   * Folds pool threads into one name: {@code ForkJoinPool.commonPool-worker-3} counts as {@code
   * ForkJoinPool.commonPool-worker-*}.
   */
  static String threadGroup(String name) {
    return name == null ? "(unnamed)" : name.replaceAll("-\\d+$", "-*").replaceAll("\\d+$", "*");
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
