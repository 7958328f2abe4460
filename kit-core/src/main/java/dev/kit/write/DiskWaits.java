package dev.kit.write;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs the file-system calls that wait for the disk (writing and forcing a staged file, forcing a
 * folder) many at once, on threads of their own. A journaling file system commits the forces in
 * flight together, so sixteen take little longer than one; from the render threads alone, one or
 * two at a time, a cold 1,000-service generation on ext4 spent most of its time waiting for its
 * 28,000 forces (PROFILE.md, section 18).
 *
 * <p>Where the calls are quick (a disk whose cache acknowledges a force at once) they run one after
 * the other on the caller's thread, as they did before: handing a call to another thread costs
 * about as much as the call then. Calls are slow when the quickest of the last {@value #SAMPLES}
 * took longer than the threshold, so one call stalled by a collection or a busy core does not
 * count; on a memory file system (tmpfs), which has nothing to force, they are never slow, since in
 * a cold JVM every call is slow at first and handing them over only added threads (PROFILE.md,
 * section 18). The threads start with the first call handed over and end with {@link #close}: a
 * long-lived JVM (a Maven daemon) keeps none.
 */
final class DiskWaits implements AutoCloseable {

  /**
   * The threads calls are handed to; each caller runs one call of its own besides. ext4 on a
   * virtual disk: 1,500 forced files in 3.6 s one at a time, 1.9 s two, 0.8 s eight, 0.5 s
   * thirty-two, 0.6 s sixty-four.
   */
  static final int THREADS = 15;

  /**
   * Calls quicker than this run on the caller's thread. A write and force of a 5 KB file on tmpfs
   * takes ~20-50 µs in a warm JVM; on ext4 on a virtual disk 0.3-3 ms.
   */
  static final long QUICK_NANOS = 200_000;

  /** How many of the latest calls' durations decide; the quickest of them counts. */
  static final int SAMPLES = 4;

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final long quickNanos;

  /** Whether the file system has nothing to force; asked once calls first look slow. */
  private final BooleanSupplier inMemory;

  private volatile @Nullable Boolean memory;
  private final String threadPrefix = "kit-disk-" + POOLS.incrementAndGet() + "-";

  /** The latest calls' durations, round robin; zero (quick) until measured. */
  private final AtomicLongArray latest = new AtomicLongArray(SAMPLES);

  private final AtomicInteger measured = new AtomicInteger();

  /** Made with the first call handed over: a run on tmpfs loads none of it. */
  private @Nullable ExecutorService executor;

  private boolean closed;

  /**
   * @param inMemory whether the file system has nothing to force, such as {@link Disk#inMemory}
   *     says
   */
  DiskWaits(BooleanSupplier inMemory) {
    this(QUICK_NANOS, inMemory);
  }

  /**
   * With another threshold, and a file system that has something to force: 0 hands every call but
   * each caller's last over, for tests.
   */
  DiskWaits(long quickNanos) {
    this(quickNanos, () -> false);
  }

  DiskWaits(long quickNanos, BooleanSupplier inMemory) {
    this.quickNanos = quickNanos;
    this.inMemory = inMemory;
  }

  /**
   * Runs every call and returns once all have ended: one after the other on the calling thread
   * while they are quick, the rest at once when they are not. Throws the failure of the first call
   * in {@code calls} that failed (each call reports its own I/O failures: the session's writes fail
   * the session, a folder's force has nothing to report).
   */
  void runAll(List<Runnable> calls) {
    int n = calls.size();
    AtomicReferenceArray<Throwable> failures = new AtomicReferenceArray<>(n);
    int next = 0;
    while (next < n && (next == n - 1 || !slow())) {
      failures.set(next, timed(calls.get(next)));
      next++;
    }
    if (next < n) {
      handOver(calls, next, failures);
    }
    for (int i = 0; i < n; i++) {
      Throwable failure = failures.get(i);
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure instanceof Error error) {
        throw error;
      }
    }
  }

  /**
   * Hands the calls from {@code first} on to the threads, runs the last itself, and waits for all
   * that were handed over, also when handing one over failed (a thread that could not start).
   */
  private void handOver(List<Runnable> calls, int first, AtomicReferenceArray<Throwable> failures) {
    int n = calls.size();
    ExecutorService threads = executor();
    if (threads == null) { // closed: the session ended, nothing is waited for any more
      for (int i = first; i < n; i++) {
        failures.set(i, timed(calls.get(i)));
      }
      return;
    }
    CountDownLatch done = new CountDownLatch(n - 1 - first);
    int handed = first;
    try {
      for (; handed < n - 1; handed++) {
        int index = handed;
        threads.execute(
            () -> {
              try {
                failures.set(index, timed(calls.get(index)));
              } finally {
                done.countDown();
              }
            });
      }
      failures.set(n - 1, timed(calls.get(n - 1)));
    } catch (RuntimeException | Error e) {
      for (int i = handed; i < n; i++) {
        failures.compareAndSet(i, null, e);
      }
      for (int i = handed; i < n - 1; i++) {
        done.countDown();
      }
    } finally {
      awaitUninterruptibly(done);
    }
  }

  /**
   * Whether the quickest of the latest calls took longer than the threshold, on a file system with
   * something to force.
   */
  private boolean slow() {
    for (int i = 0; i < SAMPLES; i++) {
      if (latest.get(i) < quickNanos) {
        return false;
      }
    }
    Boolean known = memory;
    if (known == null) {
      known = inMemory.getAsBoolean();
      memory = known;
    }
    return !known;
  }

  /** {@link #attempt}, its duration noted. */
  private @Nullable Throwable timed(Runnable call) {
    long start = System.nanoTime();
    Throwable failure = attempt(call);
    latest.set(Math.floorMod(measured.getAndIncrement(), SAMPLES), System.nanoTime() - start);
    return failure;
  }

  private static @Nullable Throwable attempt(Runnable call) {
    try {
      call.run();
      return null;
    } catch (RuntimeException | Error e) {
      return e;
    }
  }

  private synchronized @Nullable ExecutorService executor() {
    if (closed) {
      return null;
    }
    if (executor == null) {
      AtomicInteger count = new AtomicInteger();
      executor =
          Executors.newFixedThreadPool(
              THREADS,
              task -> {
                Thread thread = new Thread(task, threadPrefix + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
    }
    return executor;
  }

  /** What the names of this instance's threads start with. */
  String threadPrefix() {
    return threadPrefix;
  }

  /**
   * Waits for the calls still running even when interrupted: what they write must not outlive the
   * session that cleans it up. The interrupt is kept for the caller.
   */
  private static void awaitUninterruptibly(CountDownLatch done) {
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ends the threads once the calls handed over have ended; later calls run on their callers. */
  @Override
  public synchronized void close() {
    closed = true;
    if (executor != null) {
      executor.shutdown();
    }
  }
}
