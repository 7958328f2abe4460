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
 * Heap figures of this JVM from the moment it is started: the peak, as the sum of each heap pool's peak
 * (an upper bound: pools peak at different moments), and the most the heap still held right after a
 * collection, which is what the work really keeps alive.
 */
final class HeapWatch implements AutoCloseable {

  private final List<MemoryPoolMXBean> pools = new ArrayList<>();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final AtomicLong maxAfterGc = new AtomicLong();
  private final NotificationListener listener = this::collected;

  private HeapWatch() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
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

  /** The sum of the heap pools' peaks since {@link #start}. */
  long peakBytes() {
    return pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
  }

  /** The most the heap held right after a collection, or what it holds now when none ran yet. */
  long maxAfterGcBytes() {
    long now = pools.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
    return maxAfterGc.get() > 0 ? maxAfterGc.get() : now;
  }

  private void collected(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long used = 0;
    for (MemoryPoolMXBean pool : pools) {
      MemoryUsage after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
      used += after == null ? 0 : after.getUsed();
    }
    maxAfterGc.accumulateAndGet(used, Math::max);
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
