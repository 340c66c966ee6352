package org.dovelua.auth.cache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The auth process's cache (src/auth/auth-cache.c, 2.3.19): expanded keys to values, most recently
 * used first, within {@code auth_cache_size} bytes counted as the C nodes are allocated; an empty
 * value is a negative entry, aged by {@code auth_cache_negative_ttl}, other entries by
 * {@code auth_cache_ttl}. One cache serves the passdbs and the userdbs ({@code passdb_cache}).
 * Time is {@code time(NULL)}, from an injectable clock.
 */
public final class AuthCache {
    /** {@code sizeof(struct auth_cache_node)} on x86-64: two pointers, time_t, a 32-bit bitfield, padded. */
    static final int NODE_SIZE = 32;

    /** One entry ({@code struct auth_cache_node}). */
    public static final class Node {
        final String key;
        final String value;
        final long created;
        final long allocSize;
        /** TRUE if the user gave the correct password the last time. */
        public boolean lastSuccess;

        Node(String key, String value, long created, long allocSize, boolean lastSuccess) {
            this.key = key;
            this.value = value;
            this.created = created;
            this.allocSize = allocSize;
            this.lastSuccess = lastSuccess;
        }

        public String value() {
            return value;
        }
    }

    /** {@code auth_cache_lookup()}'s answer: the node, and whether it is past its TTL or the negative TTL. */
    public record Lookup(Node node, boolean expired, boolean negExpired) {
        public String value() {
            return node.value;
        }
    }

    private final Map<String, Node> hash = new HashMap<>();
    /** Head (most recent) first. */
    private final LinkedList<Node> order = new LinkedList<>();
    private final long maxSize;
    private long sizeLeft;
    private final long ttlSecs;
    private final long negTtlSecs;
    private final LongSupplier clock;
    private int hitCount;
    private int missCount;
    private int posEntries;
    private int negEntries;
    private long posSize;
    private long negSize;

    /** {@code auth_cache_new()}; {@code clock} gives seconds, as {@code time(NULL)}. */
    public AuthCache(long maxSize, long ttlSecs, long negTtlSecs, LongSupplier clock) {
        this.maxSize = maxSize;
        this.sizeLeft = maxSize;
        this.ttlSecs = ttlSecs;
        this.negTtlSecs = negTtlSecs;
        this.clock = clock;
    }

    /** {@code auth_cache_lookup()} with the key already expanded: null is a miss. */
    public Lookup lookup(String key) {
        Node node = hash.get(key);
        if (node == null) {
            missCount++;
            return null;
        }
        long ttl = node.value.isEmpty() ? negTtlSecs : ttlSecs;
        long now = clock.getAsLong();
        boolean expired = false;
        if (node.created < now - ttl) {
            // TTL expired
            missCount++;
            expired = true;
        } else {
            // move to head
            order.remove(node);
            order.addFirst(node);
            hitCount++;
        }
        return new Lookup(node, expired, node.created < now - negTtlSecs);
    }

    /** {@code auth_cache_insert()} with the key already expanded. */
    public void insert(String key, String value, boolean lastSuccess) {
        if (value.isEmpty() && negTtlSecs == 0) {
            return; // we're not caching negative entries
        }
        long allocSize = NODE_SIZE + bytes(key) + 1 + bytes(value) + 1;
        // make sure we have enough space
        while (sizeLeft < allocSize && !order.isEmpty()) {
            destroy(order.getLast());
        }
        Node old = hash.get(key);
        if (old != null) {
            destroy(old); // key is already in cache (probably expired), remove it
        }
        Node node = new Node(key, value, clock.getAsLong(), allocSize, lastSuccess);
        order.addFirst(node);
        sizeLeft -= allocSize;
        hash.put(key, node);
        if (!value.isEmpty()) {
            posEntries++;
            posSize += allocSize;
        } else {
            negEntries++;
            negSize += allocSize;
        }
    }

    /** {@code auth_cache_remove()} with the key already expanded. */
    public void remove(String key) {
        Node node = hash.get(key);
        if (node != null) {
            destroy(node);
        }
    }

    /** {@code auth_cache_clear()}: the number of entries there were. */
    public int clear() {
        int ret = hash.size();
        order.clear();
        hash.clear();
        sizeLeft = maxSize;
        return ret;
    }

    /** {@code auth_cache_clear_users()}: removes the entries of {@code usernames}, returns how many. */
    public int clearUsers(List<String> usernames) {
        int ret = 0;
        for (Node node : new ArrayList<>(order)) {
            if (usernames.stream().anyMatch(u -> isUser(node.key, u))) {
                destroy(node);
                ret++;
            }
        }
        return ret;
    }

    /**
     * {@code auth_cache_node_is_user()}: keys begin with "P"/"U", the db id, an optional
     * "+master_user", a tab, then usually the username, matched up to the next tab or the end.
     */
    static boolean isUser(String data, String username) {
        int i = 0;
        if (data.isEmpty() || data.charAt(0) != 'P' && data.charAt(0) != 'U') {
            return false;
        }
        i++;
        while (i < data.length() && data.charAt(i) >= '0' && data.charAt(i) <= '9') {
            i++;
        }
        if (i < data.length() && data.charAt(i) == '+') {
            while (i < data.length() && data.charAt(i) != '\t') {
                i++; // skip over +master_user
            }
        }
        if (i >= data.length() || data.charAt(i) != '\t') {
            return false;
        }
        String rest = data.substring(i + 1);
        return rest.startsWith(username)
                && (rest.length() == username.length() || rest.charAt(username.length()) == '\t');
    }

    private void destroy(Node node) {
        order.remove(node);
        sizeLeft += node.allocSize;
        hash.remove(node.key);
    }

    private static long bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * {@code sig_auth_cache_stats()} (SIGUSR2): the three Info lines it logs, after which the
     * counters start again.
     */
    public List<String> stats() {
        int total = hitCount + missCount;
        long used = maxSize - sizeLeft;
        List<String> lines = List.of(
                "Authentication cache hits " + hitCount + "/" + total + " (" + (total == 0 ? 100 : hitCount * 100 / total)
                        + "%)",
                "Authentication cache inserts: positive: " + posEntries + " entries " + posSize + " bytes, negative: "
                        + negEntries + " entries " + negSize + " bytes",
                "Authentication cache current size: " + used + " bytes used of " + maxSize + " bytes ("
                        + (used * 100 / maxSize) + "%)");
        hitCount = 0;
        missCount = 0;
        posEntries = 0;
        negEntries = 0;
        posSize = 0;
        negSize = 0;
        return lines;
    }

    /** The number of entries ({@code hash_table_count}). */
    public int size() {
        return hash.size();
    }
}
