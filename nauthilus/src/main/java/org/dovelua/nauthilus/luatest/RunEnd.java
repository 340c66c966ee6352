package org.dovelua.nauthilus.luatest;

import java.util.List;
import org.dovelua.nauthilus.RequestContext;

/**
 * What a run left behind, seen after its validation and before its modules close: the request
 * context and the modules the plugin required that hold something open (nauthilus_redis's server). Nauthilus's
 * test mode has no such view; dovelua's YAML cases check {@code context:} and {@code redis:} on it.
 *
 * @param context the request context (nauthilus_context's store) after the callback
 * @param modules the module instances the run holds open (closed right after), in require order
 */
public record RunEnd(RequestContext context, List<Object> modules) {
    public RunEnd {
        modules = List.copyOf(modules);
    }

    /** The first module made of {@code type}, or null when the plugin never required it. */
    public <T> T module(Class<T> type) {
        for (Object m : modules) {
            if (type.isInstance(m)) {
                return type.cast(m);
            }
        }
        return null;
    }
}
