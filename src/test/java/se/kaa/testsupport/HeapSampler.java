package se.kaa.testsupport;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * For benchmarks: samples the used heap every few milliseconds from its creation until {@link #stop()},
 * and what each garbage collection left in the heap pools (the live set, not garbage).
 */
public final class HeapSampler {

    public final long baseline = usedHeap();
    public final AtomicLong peak = new AtomicLong(baseline);
    public final AtomicLong livePeak = new AtomicLong();
    private final Thread thread;

    public HeapSampler(long everyMillis) {
        List<MemoryPoolMXBean> heapPools = heapPools();
        thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(usedHeap(), Math::max);
                livePeak.accumulateAndGet(heapPools.stream().mapToLong(p -> p.getCollectionUsage() == null
                        ? 0 : p.getCollectionUsage().getUsed()).sum(), Math::max);
                try {
                    Thread.sleep(everyMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** After a full GC and a pause, with the pools' peaks reset: a sampler of what comes next. */
    public static HeapSampler afterGc(long everyMillis) throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
        return new HeapSampler(everyMillis);
    }

    public void stop() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }

    /** The sum of the heap pools' own peaks since the last reset. */
    public static long poolPeaks() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    public static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    public static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
