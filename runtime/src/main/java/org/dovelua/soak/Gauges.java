package org.dovelua.soak;

import java.io.File;
import java.lang.management.ManagementFactory;

/**
 * What a soak samples in this JVM: the heap in use right after a full collection (what is still
 * reachable, not what garbage happens to lie around), the open file descriptors and the live threads.
 */
public interface Gauges {
    /** Heap bytes in use after a full collection, the objects awaiting finalization collected too. */
    long heapAfterGc();

    /** Open file descriptors; -1 when the platform does not say. */
    int openFds();

    int threads();

    /** This JVM's: /proc/self/fd on Linux, else {@code UnixOperatingSystemMXBean}. */
    static Gauges jvm() {
        return new Gauges() {
            @Override
            public long heapAfterGc() {
                // what only a finalizer or cleaner still holds survives one collection: 12-40 MB
                // in the soak's workload with one, 11.0 MB steady with the second
                System.gc();
                System.runFinalization();
                System.gc();
                return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            }

            @Override
            public int openFds() {
                String[] fds = new File("/proc/self/fd").list();
                if (fds != null) {
                    return fds.length - 1; // less the descriptor that listed the directory
                }
                if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u) {
                    return (int) u.getOpenFileDescriptorCount();
                }
                return -1;
            }

            @Override
            public int threads() {
                return ManagementFactory.getThreadMXBean().getThreadCount();
            }
        };
    }
}
