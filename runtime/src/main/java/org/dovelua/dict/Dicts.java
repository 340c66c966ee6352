package org.dovelua.dict;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * dict.c's driver registry and {@code dict_init()}: the URI is split at its first {@code :} into
 * the module name and its arguments.
 */
public final class Dicts {
    private final Map<String, DictDriver> drivers = new LinkedHashMap<>();

    public Dicts driver(String name, DictDriver d) {
        drivers.put(name, d);
        return this;
    }

    /**
     * {@code dict_init()} (dict.c@2.3.19): the texts it gives for a URI without {@code :} and an
     * unknown module; a driver's own refusal is prefixed {@code dict NAME: }.
     */
    public Dict init(String uri, DictContext ctx) throws DictInitException {
        int colon = uri.indexOf(':');
        if (colon < 0) {
            throw new DictInitException("Dictionary URI is missing ':': " + uri);
        }
        String name = uri.substring(0, colon);
        DictDriver d = drivers.get(name);
        if (d == null) {
            throw new DictInitException("Unknown dict module: " + name);
        }
        try {
            return d.init(uri.substring(colon + 1), ctx);
        } catch (DictInitException e) {
            throw new DictInitException("dict " + name + ": " + e.getMessage());
        }
    }
}
