package dev.kit.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * Runs the file-system calls that wait for the disk (writing and forcing a staged file, forcing a
 * folder) many at once, on threads of their own. A journaling file system commits the forces in
 * flight together, so sixteen take little longer than one; from the render threads alone, one or
 * two at a time, a cold 1,000-service generation on ext4 spent most of its time waiting for its
 * 28,000 forces (PROFILE.md, section 18.1).
 *
 * <p>Where the calls are quick (tmpfs, or a disk whose cache acknowledges a force at once) they run
 * one after the other on the caller's thread, as they did before: handing a call to another thread
 * costs about as much as the call then. Its threads start with the first calls handed over and end
 * with {@link #close}: a long-lived JVM (a Maven daemon) keeps none of them.
 */
final class DiskWaits implements AutoCloseable {

  /**
   * Calls in flight at most, the caller's own included. ext4 on a virtual disk: 1,500 forced files
   * in 3.6 s one at a time, 1.9 s two, 0.8 s eight, 0.5 s thirty-two, 0.6 s sixty-four.
   */
  static final int THREADS = 16;

  /**
   * Calls whose typical duration is below this run on the caller's thread. A write and force of a 5
   * KB file on tmpfs takes ~20-50 µs; on ext4 on a virtual disk ~2 ms.
   */
  static final long QUICK_NANOS = 200_000;

  private static final AtomicInteger POOLS = new AtomicInteger();

  /** A call that may fail with an {@link IOException}. */
  @FunctionalInterface
  interface Call {
    void run() throws IOException;
  }

  private final ThreadPoolExecutor executor;

  /** A moving average of how long a call took, measured on callers' threads. */
  private final AtomicLong typicalNanos = new AtomicLong();

  DiskWaits() {
    int pool = POOLS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    executor =
        new ThreadPoolExecutor(
            THREADS - 1,
            THREADS - 1,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread =
                  new Thread(task, "kit-disk-" + pool + "-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Runs every call and returns once all have ended: one after the other on the calling thread
   * while they are quick, the rest at once when they are not. Throws the failure of the first call
   * in {@code calls} that failed.
   */
  void runAll(List<Call> calls) throws IOException {
    int n = calls.size();
    AtomicReferenceArray<Throwable> failures = new AtomicReferenceArray<>(n);
    int next = 0;
    while (next < n && (next == n - 1 || typicalNanos.get() < QUICK_NANOS)) {
      failures.set(next, timed(calls.get(next)));
      next++;
    }
    if (next < n) {
      int first = next;
      CountDownLatch done = new CountDownLatch(n - 1 - first);
      for (int i = first; i < n - 1; i++) {
        int index = i;
        executor.execute(
            () -> {
              try {
                failures.set(index, attempt(calls.get(index)));
              } finally {
                done.countDown();
              }
            });
      }
      failures.set(n - 1, timed(calls.get(n - 1)));
      awaitUninterruptibly(done);
    }
    for (int i = 0; i < n; i++) {
      Throwable failure = failures.get(i);
      if (failure instanceof IOException io) {
        throw io;
      }
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure instanceof Error error) {
        throw error;
      }
    }
  }

  /** Like {@link #runAll} for calls that cannot fail with an {@link IOException}. */
  void runAllUnchecked(List<Call> calls) {
    try {
      runAll(calls);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #attempt}, counted in the typical duration. */
  private @Nullable Throwable timed(Call call) {
    long start = System.nanoTime();
    Throwable failure = attempt(call);
    long took = System.nanoTime() - start;
    typicalNanos.getAndAccumulate(took, (typical, latest) -> typical + (latest - typical) / 8);
    return failure;
  }

  private static @Nullable Throwable attempt(Call call) {
    try {
      call.run();
      return null;
    } catch (IOException | RuntimeException | Error e) {
      return e;
    }
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

  /** Ends the threads; a call still queued runs first. */
  @Override
  public void close() {
    executor.shutdown();
  }
}
