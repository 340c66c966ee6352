package org.dovelua.auth.request;

import java.util.ArrayList;
import java.util.List;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;

/**
 * {@code struct auth_fields} (src/auth/auth-fields.c): an ordered list of key/value pairs, some keys
 * hidden from clients, with snapshot/rollback so a failing passdb's fields can be undone. Up to 2.3
 * a value of null is a bare key ({@code p_strdup_empty} stores "" as NULL); from 2.4 every field has
 * a value ({@link Since#AUTH_FIELDS_VALUE_ALWAYS_SET}).
 */
public final class AuthFields {
    /** One field. {@code value} null means the key is set without a value. */
    public record Field(String key, String value, boolean hidden) {
        /** {@code key=value}, or the bare key. */
        public String render() {
            return value == null ? key : key + "=" + value;
        }
    }

    private final List<Field> fields = new ArrayList<>();
    /** Keys with {@code AUTH_FIELD_FLAG_CHANGED}: set or replaced since the last snapshot. */
    private final java.util.Set<String> changed = new java.util.HashSet<>();
    private List<Field> snapshot;
    /** 2.4's {@code auth_fields_add()}: "" stays "", NULL becomes "yes" (auth-fields.c@2.4.1). */
    private final boolean valueAlwaysSet;

    /** The fields of a request on release {@code version}. */
    public AuthFields(DovecotVersion version) {
        this.valueAlwaysSet = version.has(Since.AUTH_FIELDS_VALUE_ALWAYS_SET);
    }

    /**
     * The value {@code auth_fields_add()} stores: 2.3's {@code p_strdup_empty()} keeps neither "" nor
     * NULL (a bare key); 2.4's {@code value == NULL ? "yes" : p_strdup(value)} keeps "" and makes NULL "yes".
     */
    private String stored(String value) {
        if (valueAlwaysSet) {
            return value == null ? "yes" : value;
        }
        return value == null || value.isEmpty() ? null : value;
    }

    /** {@code auth_fields_add}: replaces an existing key in place, else appends. */
    public void add(String key, String value, boolean hidden) {
        if (key.indexOf('\t') >= 0 || key.indexOf('\n') >= 0) {
            // i_assert in auth_fields_add(): the auth process aborts (seen on 2.3.19.1).
            throw new AuthRequestFields.AssertionFailure("file auth-fields.c: line 65 (auth_fields_add): "
                    + "assertion failed: (strchr(key, '\\t') == NULL && strchr(key, '\\n') == NULL)");
        }
        changed.add(key);
        put(new Field(key, stored(value), hidden));
    }

    /** {@code auth_fields_import()}: added with no flags (neither hidden nor changed). */
    public void importField(String key, String value) {
        put(new Field(key, stored(value), false));
    }

    /**
     * {@code auth_fields_import(fields, str, 0)} where no snapshot follows (the auth process reading a
     * worker's userdb reply): {@code auth_fields_add()} flags every field CHANGED, which is what
     * the auth cache saves.
     */
    public void importChanged(String key, String value) {
        importField(key, value);
        changed.add(key);
    }

    private void put(Field f) {
        String key = f.key();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).key().equals(key)) {
                fields.set(i, f);
                return;
            }
        }
        fields.add(f);
    }

    public void remove(String key) {
        fields.removeIf(f -> f.key().equals(key));
        changed.remove(key);
    }

    /** The fields this lookup set ({@code AUTH_FIELD_FLAG_CHANGED}), in order. */
    public List<Field> changed() {
        return fields.stream().filter(f -> changed.contains(f.key())).toList();
    }

    /** {@code auth_fields_find}: the value, {@code ""} for a bare key (2.3), null when absent. */
    public String find(String key) {
        for (Field f : fields) {
            if (f.key().equals(key)) {
                return f.value() == null ? "" : f.value();
            }
        }
        return null;
    }

    public boolean exists(String key) {
        return find(key) != null;
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    public List<Field> all() {
        return List.copyOf(fields);
    }

    /** The fields a client sees. */
    public List<Field> visible() {
        return fields.stream().filter(f -> !f.hidden()).toList();
    }

    /**
     * 2.3's {@code auth_fields_booleanize}: a set key keeps only its presence ({@code proxy=y} → {@code proxy}).
     * 2.4 has no such function (its replies keep the values, {@link Since#NOLOGIN_PROXY_VALUES_KEPT}).
     */
    public void booleanize(String key) {
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (f.key().equals(key)) {
                fields.set(i, new Field(key, null, f.hidden()));
            }
        }
    }

    public void snapshot() {
        snapshot = new ArrayList<>(fields);
        changed.clear();
    }

    /** Back to the last snapshot, or to empty when none was taken. */
    public void rollback() {
        fields.clear();
        if (snapshot != null) {
            fields.addAll(snapshot);
        }
    }

    public void clear() {
        fields.clear();
    }
}
