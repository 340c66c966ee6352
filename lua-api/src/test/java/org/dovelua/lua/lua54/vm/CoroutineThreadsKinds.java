package org.dovelua.lua.lua54.vm;

/** Opens {@link CoroutineThreads}' package-private rule to tests in other packages. */
public final class CoroutineThreadsKinds {
    private CoroutineThreadsKinds() {
    }

    public static CoroutineThreads.Kind kindFor(int feature, long defaultStackBytes, boolean hasVirtualThreads) {
        return CoroutineThreads.kindFor(feature, defaultStackBytes, hasVirtualThreads);
    }

    public static long defaultStackBytes() {
        return CoroutineThreads.defaultStackBytes();
    }
}
