package org.dovelua.dict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovelua.lua.dovecot.DovecotEvent;

/**
 * A dictionary as the dict service serves it on one connection (dict-commands.c@2.3.19): a
 * lookup's result becomes {@code O}/{@code N}/{@code F<error>}, an iteration's rows
 * {@code O<key>\t<value>} or its {@code F<error>}; each failure is also logged by the dict
 * process ({@code Lookup failed: ...}, {@code dict_iterate() failed: ...}).
 */
final class ServedDict implements DictServerBackend.Source {
    private final Dict dict;
    private final DovecotEvent event;

    ServedDict(Dict dict, DovecotEvent event) {
        this.dict = dict;
        this.event = event;
    }

    /** cmd_lookup_callback(). */
    @Override
    public DictProxyData.Answer lookup(String key, String username) {
        Dict.DictLookup r = dict.lookup(key, username);
        if (r.ret() > 0) {
            return DictProxyData.Answer.of(r.value());
        }
        if (r.ret() == 0) {
            return null;
        }
        event.error("Lookup failed: " + r.error());
        return fail(r.error());
    }

    /** cmd_iterate_flush() and cmd_iterate_flush_finish(). */
    @Override
    public DictServerBackend.Listing iterate(String path, String username) {
        Dict.DictIteration it = dict.iterate(path, username);
        if (!it.ok()) {
            event.error("dict_iterate() failed: " + it.error());
            return new DictServerBackend.Listing(List.of(), fail(it.error()));
        }
        List<Map.Entry<String, List<String>>> rows = new ArrayList<>();
        for (Dict.DictIteration.Row row : it.rows()) {
            rows.add(Map.entry(row.key(), List.of(row.value())));
        }
        return new DictServerBackend.Listing(rows, null);
    }

    private static DictProxyData.Answer fail(String error) {
        return new DictProxyData.Answer(null, null, error, false, false, null);
    }
}
