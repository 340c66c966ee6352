package org.dovelua.nauthilus;

/**
 * Where a module reports each call a plugin makes, for a fixture's {@code expected_calls}
 * (Nauthilus {@code server/testing/luatest/types.go}, {@code recordModuleCall}): the method name
 * and the module's argument text (the context key, the redis arguments joined with {@code ,}, ...).
 */
@FunctionalInterface
public interface ModuleCalls {
    /** Accepts every call: a module block without {@code expected_calls} checks nothing. */
    ModuleCalls NONE = (method, args) -> null;

    /**
     * Records one call. Returns null when it matched (or nothing is checked), else the mismatch
     * text (e.g. {@code unexpected nauthilus_redis call #3: method=redis_get args="default,k"}),
     * which the module raises, returns or ignores as Nauthilus's mock does; the first mismatch
     * also fails the run at validation.
     */
    String record(String method, String args);

    /**
     * The expected_calls entry the last recorded call matched (types.go {@code LastMatchedCall}),
     * or null: db answers a query with that entry's columns and rows.
     */
    default com.fasterxml.jackson.databind.JsonNode lastMatched() {
        return null;
    }

    /** types.go {@code ValidateComplete}: the sticky mismatch or the first expected call not made; null when complete. */
    default String validateComplete() {
        return null;
    }
}
