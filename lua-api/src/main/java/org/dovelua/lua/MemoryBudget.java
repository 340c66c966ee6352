package org.dovelua.lua;

/**
 * How much memory a script's state may hold: what {@code vsz_limit} is to the Dovecot process
 * hosting the state. Past it, Dovecot's Lua allocator ({@code dlua_alloc} over an allocfree pool)
 * gets NULL from realloc and the process dies with {@code i_fatal_status(FATAL_OUTOFMEM, ...)}
 * (src/lib-lua/dlua-script.c, src/lib/mempool-allocfree.c); a script's {@code pcall} cannot catch it.
 *
 * @param limitBytes the budget, 0 for none ({@code vsz_limit = 0} is unlimited)
 * @param setting where the budget comes from, for messages (e.g. {@code service auth-worker { vsz_limit }})
 */
public record MemoryBudget(long limitBytes, String setting) {
    /** FATAL_OUTOFMEM of src/lib/failures.h: the status a process that ran out of memory exits with. */
    public static final int FATAL_OUTOFMEM = 83;
    /** {@code default_vsz_limit} (src/master/master-settings.c), which auth services inherit. */
    public static final long DEFAULT_VSZ_LIMIT = 256L << 20;

    public static MemoryBudget unlimited() {
        return new MemoryBudget(0, "no memory budget");
    }

    public boolean isLimited() {
        return limitBytes > 0;
    }

    /** Whole megabytes, as master's "vsz_limit=%llu MB" prints them. */
    public long limitMegabytes() {
        return limitBytes / 1024 / 1024;
    }

    /** The {@code dovelua:} line a state that grew past the budget dies with. */
    String exceeded(String filename, long heldBytes) {
        return "dovelua: Out of memory: the Lua state of " + filename + " holds "
                + String.format(java.util.Locale.ROOT, "%.1f", heldBytes / 1048576.0) + " MB of Lua objects, past its budget of " + limitMegabytes() + " MB (" + setting
                + "); raise " + setting + " if the script really needs that much, or free what it keeps";
    }
}
