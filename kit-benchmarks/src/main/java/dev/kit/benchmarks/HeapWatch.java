package dev.kit.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap figures of this JVM from the moment it is started: the peak, which is what the heap held
 * right before its fullest collection (or now, if that is more), and the most it still held right
 * after a collection, which is what the work really keeps alive.
 */
final class HeapWatch implements AutoCloseable {

  private final List<MemoryPoolMXBean> pools = new ArrayList<>();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final AtomicLong maxBeforeGc = new AtomicLong();
  private final AtomicLong maxAfterGc = new AtomicLong();
  private final NotificationListener listener = this::collected;

  private HeapWatch() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pools.add(pool);
      }
    }
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
  }

  static HeapWatch start() {
    return new HeapWatch();
  }

  /** The most the heap held at once since {@link #start}. */
  long peakBytes() {
    return Math.max(maxBeforeGc.get(), usedNow());
  }

  /** The most the heap held right after a collection, or what it holds now when none ran yet. */
  long maxAfterGcBytes() {
    return maxAfterGc.get() > 0 ? maxAfterGc.get() : usedNow();
  }

  private long usedNow() {
    return pools.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
  }

  private void collected(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
        notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long before = 0;
    long after = 0;
    for (MemoryPoolMXBean pool : pools) {
      before += used(info.getGcInfo().getMemoryUsageBeforeGc().get(pool.getName()));
      after += used(info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName()));
    }
    maxBeforeGc.accumulateAndGet(before, Math::max);
    maxAfterGc.accumulateAndGet(after, Math::max);
  }

  private static long used(MemoryUsage usage) {
    return usage == null ? 0 : usage.getUsed();
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // already gone: nothing to undo
      }
    }
  }
}
