package dev.kit.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * kit against its peer, the same work written with cdk8s ({@code test-data/bench/cdk8s/full.js}),
 * each as a whole process, as a build runs it: for each N it writes the {@link Workload}'s
 * migrations into two repositories, then runs {@link WholeProcessRun} and the peer alternately,
 * each under GNU time for its CPU time and peak RSS, and prints the medians and kit/cdk8s. "cold"
 * removes every generated file and kit's generation cache before each run; "no-op" runs again right
 * after, with nothing changed (kit with its cache; cdk8s has none and writes everything again).
 *
 * <pre>
 * java -cp kit-benchmarks/target/benchmarks.jar dev.kit.benchmarks.PairedRun \
 *     [--services=10,100,1000] [--runs=5] [--dir=/dev/shm] [--peer=/tmp/kit-cdk8s-peer] [--jvm="-Xmx512m"]...
 * </pre>
 *
 * Run it from the repository's root, which holds {@code test-data/}. The peer's npm dependencies
 * are installed once into {@code --peer}, a scratch folder outside the repository. Each {@code
 * --jvm} is one kit contender (its JVM options); several are run in the same rounds, so their
 * figures share the machine's load; one with its own {@code -cp} runs that build of kit (say,
 * {@code --jvm="-Xmx512m -cp /tmp/before.jar"}, to compare a change with what it changes in the
 * same rounds). {@code --keep} keeps the repositories ({@code kit-N}, {@code cdk8s-N}) for a look
 * or a profile.
 */
public final class PairedRun {

  /**
   * What each run's GNU time line starts with, so the run's own output can never be taken for it.
   */
  static final String TIME_MARKER = "paired-run-time";

  private static final String PEER_PREFIX = "cdk8s-run";

  private final Options options;
  private final Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");

  /**
   * What one process used: wall time from start to exit, CPU time of the process and its children,
   * peak RSS.
   */
  record Usage(double wallSeconds, double cpuSeconds, long peakRssKb) {}

  /** One row of the table: the medians of one contender's runs of one kind at one N. */
  record Row(
      int services,
      String run,
      String contender,
      double wall,
      double cpu,
      double rssMb,
      double peerWall,
      double peerCpu,
      double peerRssMb) {

    double ratio() {
      return wall / peerWall;
    }

    /**
     * kit's CPU time over cdk8s's: steadier than the wall ratio when other processes share the
     * machine.
     */
    double cpuRatio() {
      return cpu / peerCpu;
    }
  }

  @SuppressWarnings("ArrayRecordComponent") // parsed once from the command line, never compared
  record Options(
      int[] services,
      int runs,
      Path dir,
      Path peer,
      Path peerSource,
      List<String> jvms,
      boolean keep) {

    static Options parse(String... args) {
      int[] services = {10, 100, 1_000};
      int runs = 5;
      Path dir = Path.of(System.getProperty("java.io.tmpdir"));
      Path peer = Path.of(System.getProperty("java.io.tmpdir"), "kit-cdk8s-peer");
      Path peerSource = Path.of("test-data", "bench", "cdk8s");
      List<String> jvms = new ArrayList<>();
      boolean keep = false;
      for (String arg : args) {
        String value = arg.substring(arg.indexOf('=') + 1);
        if (arg.startsWith("--services=")) {
          services = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
        } else if (arg.startsWith("--runs=")) {
          runs = Integer.parseInt(value);
        } else if (arg.startsWith("--dir=")) {
          dir = Path.of(value);
        } else if (arg.startsWith("--peer=")) {
          peer = Path.of(value);
        } else if (arg.startsWith("--peer-source=")) {
          peerSource = Path.of(value);
        } else if (arg.startsWith("--jvm=")) {
          jvms.add(value.trim());
        } else if (arg.equals("--keep")) {
          keep = true;
        } else {
          throw new IllegalArgumentException(
              "unknown option "
                  + arg
                  + "; usage: PairedRun [--services=10,100,1000]"
                  + " [--runs=5] [--dir=/dev/shm] [--peer=<scratch folder>] [--peer-source=test-data/bench/cdk8s]"
                  + " [--jvm=\"-Xmx512m\"]... [--keep]");
        }
      }
      if (runs < 1) {
        throw new IllegalArgumentException("--runs: at least 1, not " + runs);
      }
      return new Options(
          services,
          runs,
          dir,
          peer,
          peerSource,
          jvms.isEmpty() ? List.of("-Xmx512m") : List.copyOf(jvms),
          keep);
    }
  }

  private PairedRun(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws IOException {
    new PairedRun(Options.parse(args)).run();
  }

  private void run() throws IOException {
    if (!Files.isExecutable(Path.of("/usr/bin/time"))) {
      throw new IllegalStateException(
          "PairedRun reads CPU time and peak RSS from GNU time: apt-get install time");
    }
    installPeer(options.peerSource(), options.peer());
    Path work = Files.createTempDirectory(Files.createDirectories(options.dir()), "kit-paired-");
    List<Row> rows = new ArrayList<>();
    try {
      System.out.println(
          "kit against cdk8s, whole processes, "
              + options.runs()
              + " paired runs each, in "
              + work
              + " ("
              + Files.getFileStore(work).type()
              + "); java "
              + System.getProperty("java.runtime.version")
              + ", node "
              + output(List.of("node", "--version")).trim());
      for (int n : options.services()) {
        List<Row> measured = measure(work, n);
        rows.addAll(measured);
        if (options.services().length > 1) {
          System.out.println(table(measured)); // kept even when a later size is cut short
        }
      }
    } finally {
      if (options.keep()) {
        System.out.println("kept " + work);
      } else {
        deleteTree(work);
      }
    }
    System.out.println();
    System.out.println(table(rows));
  }

  /** Copies the peer into its scratch folder and installs its npm dependencies there, once. */
  static void installPeer(Path source, Path peer) throws IOException {
    Files.createDirectories(peer);
    boolean changed = false;
    for (String name : List.of("full.js", "package.json")) {
      Path from = source.resolve(name);
      if (!Files.isRegularFile(from)) {
        throw new IllegalStateException(
            "the peer's "
                + name
                + " is not in "
                + source.toAbsolutePath()
                + " (run from the repository's root, or pass --peer-source)");
      }
      Path to = peer.resolve(name);
      if (!Files.exists(to) || Files.mismatch(from, to) != -1) {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        changed = true;
      }
    }
    if (changed || !Files.isDirectory(peer.resolve("node_modules/cdk8s"))) {
      System.out.println("installing the peer's npm dependencies into " + peer);
      int exit =
          exec(
              new ProcessBuilder("npm", "install", "--no-audit", "--no-fund")
                  .directory(peer.toFile())
                  .inheritIO());
      if (exit != 0) {
        throw new IllegalStateException("npm install in " + peer + " failed with exit " + exit);
      }
    }
  }

  private List<Row> measure(Path work, int n) throws IOException {
    Workload workload = new Workload(n);
    Path kitRepo = work.resolve("kit-" + n);
    Path peerRepo = work.resolve("cdk8s-" + n);
    workload.writeMigrations(kitRepo);
    workload.writeMigrations(peerRepo);
    int contenders = options.jvms().size();
    // [contender][cold, no-op] -> runs; the peer is the last contender.
    List<List<List<Usage>>> usages = new ArrayList<>();
    for (int c = 0; c <= contenders; c++) {
      usages.add(List.of(new ArrayList<>(), new ArrayList<>()));
    }
    System.out.println();
    System.out.println(
        n
            + " services, load "
            + loadAverage()
            + " (1, 5, 15 min); a warm-up pair first, not counted");
    for (int c = 0; c <= contenders; c++) {
      runPair(c, n, c < contenders ? kitRepo : peerRepo);
    }
    for (int round = 1; round <= options.runs(); round++) {
      StringBuilder line =
          new StringBuilder(
              String.format(Locale.ROOT, "  round %d, load %s:", round, loadAverage()));
      // Alternate who goes first, so neither always runs right after the other's file writes.
      for (int i = 0; i <= contenders; i++) {
        int c = round % 2 == 1 ? i : contenders - i;
        Usage[] pair = runPair(c, n, c < contenders ? kitRepo : peerRepo);
        usages.get(c).get(0).add(pair[0]);
        usages.get(c).get(1).add(pair[1]);
        line.append(
            String.format(
                Locale.ROOT,
                " %s %.2f/%.2f s (CPU %.2f/%.2f)",
                c < contenders ? "kit" + (contenders > 1 ? c + 1 : "") : "cdk8s",
                pair[0].wallSeconds(),
                pair[1].wallSeconds(),
                pair[0].cpuSeconds(),
                pair[1].cpuSeconds()));
      }
      System.out.println(line.append(" (cold/no-op, wall and CPU)"));
    }
    List<Row> rows = new ArrayList<>();
    for (int kind = 0; kind < 2; kind++) {
      List<Usage> peer = usages.get(contenders).get(kind);
      for (int c = 0; c < contenders; c++) {
        List<Usage> kit = usages.get(c).get(kind);
        rows.add(
            new Row(
                n,
                kind == 0 ? "cold" : "no-op",
                options.jvms().get(c),
                median(kit.stream().mapToDouble(Usage::wallSeconds).toArray()),
                median(kit.stream().mapToDouble(Usage::cpuSeconds).toArray()),
                median(kit.stream().mapToDouble(u -> u.peakRssKb() / 1024.0).toArray()),
                median(peer.stream().mapToDouble(Usage::wallSeconds).toArray()),
                median(peer.stream().mapToDouble(Usage::cpuSeconds).toArray()),
                median(peer.stream().mapToDouble(u -> u.peakRssKb() / 1024.0).toArray())));
      }
    }
    System.out.println("  load after: " + loadAverage());
    if (!options.keep()) {
      deleteTree(kitRepo);
      deleteTree(peerRepo);
    }
    return rows;
  }

  /**
   * A cold run into a clean repository, then a no-op run over what it wrote; checks what each
   * wrote.
   */
  private Usage[] runPair(int contender, int n, Path repo) throws IOException {
    boolean peer = contender == options.jvms().size();
    List<String> command = new ArrayList<>();
    if (peer) {
      command.addAll(List.of("node", options.peer().resolve("full.js").toString()));
    } else {
      command.add(javaExecutable.toString());
      List<String> jvm = Arrays.asList(options.jvms().get(contender).split("\\s+"));
      command.addAll(jvm);
      if (!jvm.contains("-cp")) { // a contender with its own class path is another build of kit
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
      }
      // kit:generate neither watches its heap nor counts the bytes it wrote; GNU time gives RSS.
      command.add("-D" + WholeProcessRun.FIGURES + "=false");
      command.add(WholeProcessRun.class.getName());
    }
    command.addAll(List.of(repo.toString(), Integer.toString(n)));
    removeOutput(repo);
    Usage[] pair = new Usage[2];
    for (int kind = 0; kind < 2; kind++) {
      Path timeFile = repo.getParent().resolve("time-" + contender + ".txt");
      List<String> timed =
          new ArrayList<>(
              List.of("/usr/bin/time", "-o", timeFile.toString(), "-f", TIME_MARKER + " %U %S %M"));
      timed.addAll(command);
      Path log = repo.getParent().resolve("output-" + contender + ".txt");
      long start = System.nanoTime();
      int exit =
          exec(new ProcessBuilder(timed).redirectErrorStream(true).redirectOutput(log.toFile()));
      double wall = (System.nanoTime() - start) / 1e9;
      String output = Files.readString(log, StandardCharsets.UTF_8);
      if (exit != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed with exit " + exit + ":\n" + output);
      }
      checkOutput(peer, kind == 0, n, output);
      pair[kind] = parseTime(Files.readString(timeFile, StandardCharsets.UTF_8), wall);
    }
    return pair;
  }

  /**
   * Fails when a run did not write what the comparison assumes: every file when cold, nothing for
   * kit's no-op.
   */
  static void checkOutput(boolean peer, boolean cold, int n, String output) {
    Map<String, String> fields = fields(output, peer ? PEER_PREFIX : WholeProcessRun.PREFIX);
    int expectedFiles = n * 15 + (peer ? 0 : 1); // kit also writes platform/argocd-cm.yaml
    if (!String.valueOf(expectedFiles).equals(fields.get("files"))) {
      throw new IllegalStateException(
          "expected "
              + expectedFiles
              + " files, the run says "
              + fields.get("files")
              + ":\n"
              + output);
    }
    if (!peer && !cold) {
      // A build of kit from before "changed" was printed says only the bytes it wrote.
      String changed = fields.get("changed");
      if (changed != null ? !"0".equals(changed) : !"0".equals(fields.get("written"))) {
        throw new IllegalStateException(
            (changed != null
                    ? "kit's no-op changed " + changed + " of its files"
                    : "kit's no-op wrote " + fields.get("written") + " bytes")
                + ":\n"
                + output);
      }
    }
  }

  /** The {@code key=value} fields of the line that starts with {@code prefix}. */
  static Map<String, String> fields(String output, String prefix) {
    String line =
        output
            .lines()
            .filter(l -> l.startsWith(prefix + " "))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no line starting with " + prefix + " in:\n" + output));
    Map<String, String> fields = new LinkedHashMap<>();
    for (String field : line.substring(prefix.length()).trim().split(" ")) {
      int equals = field.indexOf('=');
      if (equals > 0) {
        fields.put(field.substring(0, equals), field.substring(equals + 1));
      }
    }
    return fields;
  }

  /**
   * Reads the line {@code TIME_MARKER user system maxRssKb} that GNU time wrote with our format.
   */
  static Usage parseTime(String timeOutput, double wallSeconds) {
    String[] parts =
        timeOutput
            .lines()
            .filter(l -> l.startsWith(TIME_MARKER + " "))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no " + TIME_MARKER + " line in GNU time's output:\n" + timeOutput))
            .split(" ");
    return new Usage(
        wallSeconds,
        Double.parseDouble(parts[1]) + Double.parseDouble(parts[2]),
        Long.parseLong(parts[3]));
  }

  /** The middle value, or the mean of the two middle values of an even count. */
  static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /**
   * Removes everything either generator wrote into {@code repo}, generated files, kit's cache in
   * {@code target/} and the folders left empty, and keeps the migrations ({@code *.sql}).
   */
  static void removeOutput(Path repo) throws IOException {
    try (Stream<Path> paths = Files.walk(repo)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        if (path.equals(repo)) {
          continue;
        }
        if (Files.isDirectory(path)) {
          try (Stream<Path> entries = Files.list(path)) {
            if (entries.findAny().isEmpty()) {
              Files.delete(path);
            }
          }
        } else if (!path.getFileName().toString().endsWith(".sql")) {
          Files.delete(path);
        }
      }
    }
  }

  /** The table: per N and kind of run, each contender's medians beside the peer's. */
  static String table(List<Row> rows) {
    StringBuilder table =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%8s %6s %10s %10s %10s %10s %9s %9s %8s %10s  %s%n",
                "services",
                "run",
                "kit s",
                "kit CPU s",
                "cdk8s s",
                "cdk8s CPU",
                "kit/cdk8s",
                "CPU ratio",
                "kit MB",
                "cdk8s MB",
                "kit JVM"));
    for (Row row : rows) {
      table.append(
          String.format(
              Locale.ROOT,
              "%8d %6s %10.2f %10.2f %10.2f %10.2f %9.2f %9.2f %8.0f %10.0f  %s%n",
              row.services(),
              row.run(),
              row.wall(),
              row.cpu(),
              row.peerWall(),
              row.peerCpu(),
              row.ratio(),
              row.cpuRatio(),
              row.rssMb(),
              row.peerRssMb(),
              row.contender()));
    }
    return table
        .append(
            "(medians; s = wall seconds, CPU = user + system seconds, kit/cdk8s = wall ratio, MB = peak RSS in MiB)")
        .toString();
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String output(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    waitFor(process);
    return text;
  }

  private static int exec(ProcessBuilder builder) throws IOException {
    return waitFor(builder.start());
  }

  private static int waitFor(Process process) {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting for " + process.info().commandLine().orElse("a process"), e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
