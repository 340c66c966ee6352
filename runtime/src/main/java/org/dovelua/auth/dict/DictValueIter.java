package org.dovelua.auth.dict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestVars;
import org.dovelua.dict.Dict;
import org.dovelua.lua.ProcessDeath;
import org.dovelua.varexpand.VarExpand;
import org.dovelua.varexpand.VarTable;

/**
 * {@code struct db_dict_value_iter} (db-dict.c@2.3.19, spec Part A.4/A.5): expands the key
 * templates, looks up the used keys (those in the objects list or named exactly as
 * {@code %{dict:NAME}} in a field), keys without default_value first, then gives the fields in
 * file order and after them the members of the <em>first</em> object only.
 */
final class DictValueIter {
    /** {@code struct db_dict_iter_key}. */
    private static final class IterKey {
        final DictKey key;
        boolean used;
        String value;

        IterKey(DictKey key) {
            this.key = key;
        }
    }

    private final AuthRequest request;
    private final List<IterKey> keys = new ArrayList<>();
    private final List<DictField> fields;
    private final List<DictKey> objects;
    private final Map<String, String> env;
    private final Consumer<String> hints;
    private final VarTable table;
    private int fieldIdx;
    private JsonParser json;
    private String error;

    private DictValueIter(AuthRequest r, List<DictField> fields, List<DictKey> objects, Map<String, String> env,
            Consumer<String> hints) {
        this.request = r;
        this.fields = fields;
        this.objects = objects;
        this.env = env;
        this.hints = hints;
        this.table = AuthRequestVars.snapshot(r); // read after the request changed
    }

    /** The outcome of {@code db_dict_value_iter_init()}: -1 failed, 0 user unknown, 1 with the iterator. */
    record Init(int ret, DictValueIter iter) {
    }

    /** {@code db_dict_value_iter_init()}. */
    static Init init(DictConnection conn, AuthRequest r, List<DictField> fields, List<DictKey> objects,
            Map<String, String> env, Consumer<String> hints) {
        DictValueIter iter = new DictValueIter(r, fields, objects, env, hints);
        for (DictKey key : conn.set.keys) {
            String expanded;
            try {
                // auth_request_var_expand_with_table() <= 0: an unknown variable fails too
                expanded = VarExpand.expandTemplate(key.key, iter.table, env);
            } catch (VarExpand.VarExpandException e) {
                r.dbEvent().error("Failed to expand key " + key.key + ": " + e.getMessage());
                return new Init(-1, null);
            }
            iter.keys.add(new IterKey(key.withKey(expanded)));
        }
        iter.findUsedKeys();
        iter.findUsedObjects();
        int ret = iter.lookupKeyValues(conn.dict);
        return new Init(ret, ret > 0 ? iter : null);
    }

    private IterKey findKey(String name) {
        for (IterKey k : keys) {
            if (k.key.name.equals(name)) {
                return k;
            }
        }
        return null;
    }

    /**
     * {@code db_dict_iter_find_used_keys()}: the text after {@code dict:} cut at the first
     * {@code :} must be a key's name exactly, so {@code %{dict:key.field}} marks nothing.
     */
    private void findUsedKeys() {
        for (DictField field : fields) {
            String v = field.value();
            int p = 0;
            while (p < v.length()) {
                if (v.charAt(p) != '%') {
                    p++;
                    continue;
                }
                int[] range = VarExpand.keyRange(v, ++p);
                if (range[1] == 0) {
                    break; // broken %variable ending too early
                }
                p += range[0];
                if (range[1] > 5 && v.startsWith("dict:", p)) {
                    String name = v.substring(p + 5, p + range[1]);
                    int colon = name.indexOf(':');
                    IterKey key = findKey(colon < 0 ? name : name.substring(0, colon));
                    if (key != null) {
                        key.used = true;
                    }
                }
                p += range[1];
            }
        }
    }


    private void findUsedObjects() {
        for (DictKey object : objects) {
            findKey(object.name).used = true; // checked at init
        }
    }

    /**
     * {@code db_dict_iter_lookup_key_values()}: sorted by {@code null_strcmp(default_value)} (no
     * default first; array_sort() is glibc's qsort, a merge sort: equal keys keep file order),
     * each used key looked up once as {@code shared/KEY} for the request's user.
     */
    private int lookupKeyValues(Dict dict) {
        keys.sort(Comparator.comparing((IterKey k) -> k.key.defaultValue,
                Comparator.nullsFirst(DictValueIter::strcmp)));
        for (IterKey key : keys) {
            if (!key.used) {
                continue;
            }
            String path = "shared/" + key.key.key;
            Dict.DictLookup l = dict.lookup(path, request.user);
            if (l.ret() > 0) {
                key.value = l.value();
                request.dbEvent().debug("Lookup: " + path + " = " + l.value());
            } else if (l.ret() < 0) {
                request.dbEvent().error("Failed to lookup key " + path + ": " + l.error());
                return -1;
            } else if (key.key.defaultValue != null) {
                request.dbEvent().debug("Lookup: " + path + " not found, using default value "
                        + key.key.defaultValue);
                key.value = key.key.defaultValue;
            } else {
                return 0;
            }
        }
        return 1;
    }

    /** {@code strcmp()}: unsigned bytes of the UTF-8 text. */
    static int strcmp(String a, String b) {
        byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }

    /** One (name, value) pair; value null is a JSON null (or array), which the drivers skip. */
    record Field(String name, String value) {
    }

    /** {@code db_dict_value_iter_next()}: the next pair, or null at the end or on an error. */
    Field next() {
        if (fieldIdx == fields.size()) {
            return objectNext();
        }
        DictField field = fields.get(fieldIdx++);
        try {
            String v = VarExpand.expandWithFuncs(field.value(), table, env, Map.of("dict", this::fieldFind));
            return new Field(field.name(), v);
        } catch (VarExpand.VarExpandException e) {
            error = "Failed to expand " + field.name() + "=" + field.value() + ": " + e.getMessage();
            return null;
        }
    }

    /** {@code db_dict_value_iter_object_next()}: the first object only ({@code object_idx} never moves). */
    private Field objectNext() {
        if (json != null) {
            return jsonNext(json);
        }
        if (objects.isEmpty()) {
            return null;
        }
        IterKey key = findKey(objects.get(0).name);
        json = new JsonParser(key.value);
        return jsonNext(json);
    }

    private Field jsonNext(JsonParser parser) {
        String[] err = {error};
        Field f = jsonNext(parser, err);
        error = err[0];
        return f;
    }

    /**
     * {@code db_dict_value_iter_json_next()}: a top-level member, or null at the end or with
     * {@code error[0]} set (the parser's own errors come from {@link JsonParser#deinitError()}).
     */
    static Field jsonNext(JsonParser parser, String[] error) {
        JsonParser.Token t = parser.next();
        if (t == null) {
            return null;
        }
        if (t.type() != JsonParser.Type.OBJECT_KEY) {
            error[0] = "Object expected";
            return null;
        }
        if (t.value().isEmpty()) {
            error[0] = "Empty object key";
            return null;
        }
        String name = t.value();
        JsonParser.Token v = parser.next();
        if (v == null) {
            error[0] = "Missing value";
            return null;
        }
        if (v.type() == JsonParser.Type.OBJECT) {
            error[0] = "Nested objects not supported";
            return null;
        }
        return new Field(name, v.value());
    }

    /** {@code db_dict_field_find()}: {@code %{dict:NAME[.FIELD]}} (spec A.5). */
    private String fieldFind(String data) {
        int dot = data.indexOf('.');
        String name = dot < 0 ? data : data.substring(0, dot);
        String dotname = dot < 0 ? null : data.substring(dot + 1);
        IterKey key = findKey(name);
        if (key == null) {
            return null;
        }
        if (!key.key.json) {
            return dotname != null ? null : (key.value == null ? "" : key.value);
        }
        if (dotname == null) {
            return null;
        }
        if (key.value == null) {
            // db_dict_value_iter_json_init(iter, NULL): strlen(NULL) (spec A.10 quirk 1, seen on 2.3.19)
            hints.accept("real Dovecot 2.3.19 crashes here (auth-worker killed with signal 11): %{dict:" + data
                    + "} reads key '" + name + "', which is never looked up because only %{dict:" + name
                    + "} or an objects list marks a key as used; list '" + name
                    + "' in passdb_objects/userdb_objects (db-dict.c)");
            throw new ProcessDeath(ProcessDeath.Kind.SEGFAULT,
                    "db-dict.c db_dict_value_iter_json_init(): strlen(NULL) for %{dict:" + data + "}");
        }
        JsonParser parser = new JsonParser(key.value);
        String value = "";
        Field f;
        while ((f = jsonNext(parser)) != null) {
            if (f.name().equals(dotname)) {
                value = f.value();
                break;
            }
        }
        // json_parser_deinit(&iter->json_parser, &iter->error): the iterator's own error is replaced
        error = parser.deinitError();
        return value;
    }

    /** {@code db_dict_value_iter_deinit()}: the first error, or the parser's. */
    String deinit() {
        String e = error;
        if (json != null) {
            String pe = json.deinitError();
            json = null;
            if (pe != null && e == null) {
                e = pe;
            }
        }
        return e;
    }
}
