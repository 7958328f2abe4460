package dev.kit.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DiskWaitsTest {

  @Test
  void quickCalls_runOneAfterTheOther_onTheCallersThread() {
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    List<Runnable> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      int index = i;
      calls.add(
          () -> {
            threads.add(Thread.currentThread());
            order.add(index);
          });
    }

    try (DiskWaits waits = new DiskWaits(Long.MAX_VALUE)) { // every call counts as quick
      waits.runAll(calls);
    }

    assertThat(threads).containsExactly(Thread.currentThread());
    assertThat(order).hasSize(50).isSorted();
  }

  @Test
  void slowCalls_runManyAtOnce_onceTheLatestWereAllSlow() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger ended = new AtomicInteger();
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    List<Runnable> calls = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      calls.add(
          () -> {
            threads.add(Thread.currentThread());
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            sleep(5); // as a force waits for a disk: far longer than QUICK_NANOS
            inFlight.decrementAndGet();
            ended.incrementAndGet();
          });
    }

    try (DiskWaits waits = new DiskWaits(DiskWaits.QUICK_NANOS)) {
      waits.runAll(calls);
    }

    assertThat(ended).hasValue(64);
    assertThat(most.get()).isGreaterThan(1).isLessThanOrEqualTo(DiskWaits.THREADS + 1);
    assertThat(threads).hasSizeGreaterThan(1);
  }

  @Test
  void oneSlowCall_amongQuickOnes_doesNotHandTheRestOver() {
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    List<Runnable> calls = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      int index = i;
      calls.add(
          () -> {
            threads.add(Thread.currentThread());
            if (index % 10 == 0) {
              sleep(5); // a collection, a busy core, a cold JVM's first file
            }
          });
    }

    try (DiskWaits waits = new DiskWaits(DiskWaits.QUICK_NANOS)) {
      waits.runAll(calls);
    }

    assertThat(threads).containsExactly(Thread.currentThread());
  }

  @Test
  void slowCalls_onAMemoryFileSystem_stayOnTheCallersThread() {
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    List<Runnable> calls = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      calls.add(
          () -> {
            threads.add(Thread.currentThread());
            sleep(1); // slow as a cold JVM's first files are, with nothing to force
          });
    }

    try (DiskWaits waits = new DiskWaits(0, () -> true)) {
      waits.runAll(calls);
    }

    assertThat(threads).containsExactly(Thread.currentThread());
  }

  @Test
  void failures_throwTheFirstCallsOwn_afterEveryCallRan() {
    AtomicInteger ran = new AtomicInteger();
    List<Runnable> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int index = i;
      calls.add(
          () -> {
            sleep(1);
            ran.incrementAndGet();
            if (index == 7 || index == 12) {
              throw new UncheckedIOException(
                  new IOException("No space left on device (" + index + ")"));
            }
          });
    }

    try (DiskWaits waits = new DiskWaits(0)) { // every call but the caller's last handed over
      assertThatThrownBy(() -> waits.runAll(calls))
          .isInstanceOf(UncheckedIOException.class)
          .hasRootCauseMessage("No space left on device (7)");
    }
    assertThat(ran).hasValue(20);
  }

  @Test
  void anInterruptedCaller_stillWaitsForTheCallsItHandedOver_andKeepsTheInterrupt() {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger ended = new AtomicInteger();
    List<Runnable> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      calls.add(
          () -> {
            awaitQuietly(release);
            ended.incrementAndGet();
          });
    }
    Thread caller = Thread.currentThread();
    calls.add(
        () -> {
          caller.interrupt(); // the caller is interrupted before it waits for the others
          new Thread(
                  () -> {
                    sleep(50);
                    release.countDown();
                  })
              .start();
        });

    try (DiskWaits waits = new DiskWaits(0)) {
      waits.runAll(calls);
    }

    assertThat(Thread.interrupted()).as("the interrupt is kept, and cleared here").isTrue();
    assertThat(ended).hasValue(3);
  }

  @Test
  void close_endsItsThreads_andLaterCallsRunOnTheirCaller() throws Exception {
    List<Runnable> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(() -> sleep(1));
    }
    DiskWaits waits = new DiskWaits(0);
    waits.runAll(calls);
    List<Thread> ours = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith(waits.threadPrefix())) {
        ours.add(thread);
      }
    }
    assertThat(ours).isNotEmpty();

    waits.close();

    for (Thread thread : ours) {
      thread.join(TimeUnit.SECONDS.toMillis(5));
      assertThat(thread.isAlive()).as(thread.getName()).isFalse();
    }
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    waits.runAll(List.of(() -> threads.add(Thread.currentThread()), () -> sleep(1)));
    assertThat(threads).containsExactly(Thread.currentThread());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
