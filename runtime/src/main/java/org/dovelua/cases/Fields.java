package org.dovelua.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one YAML mapping against the keys it may have: typed getters that fail with the value's
 * location and what was expected, and {@link #done()} to reject keys nobody asked for.
 */
final class Fields {
    private final YamlNode.Mapping map;
    private final String what;
    private final Set<String> known = new LinkedHashSet<>();

    Fields(YamlNode node, String what) throws CaseFileException {
        if (!(node instanceof YamlNode.Mapping m)) {
            throw new CaseFileException(node.at(), what + ": expected a mapping, found " + node.kind());
        }
        this.map = m;
        this.what = what;
    }

    /** Declares the keys this mapping may have, so {@link #done()} can reject others before any is read. */
    Fields allow(java.util.Collection<String> keys) {
        known.addAll(keys);
        return this;
    }

    Location at() {
        return map.at();
    }

    boolean has(String key) {
        known.add(key);
        return map.entries().containsKey(key);
    }

    YamlNode node(String key) {
        known.add(key);
        YamlNode.Entry e = map.entries().get(key);
        return e == null ? null : e.value();
    }

    Location keyAt(String key) {
        YamlNode.Entry e = map.entries().get(key);
        return e == null ? map.at() : e.keyAt();
    }

    /** A scalar as text (numbers and booleans as written); null when absent. */
    String string(String key) throws CaseFileException {
        YamlNode n = node(key);
        return n == null ? null : string(n, key);
    }

    static String string(YamlNode n, String key) throws CaseFileException {
        if (n instanceof YamlNode.Scalar s && s.type() != YamlNode.Scalar.Type.NULL) {
            return s.text();
        }
        throw new CaseFileException(n.at(), key + ": expected a string, found " + n.kind());
    }

    /** {@code true}/{@code false} or Dovecot's {@code yes}/{@code no}; null when absent. */
    Boolean bool(String key) throws CaseFileException {
        YamlNode n = node(key);
        if (n == null) {
            return null;
        }
        if (n instanceof YamlNode.Scalar s) {
            switch (s.text().toLowerCase(java.util.Locale.ROOT)) {
                case "true":
                case "yes":
                    return true;
                case "false":
                case "no":
                    return false;
                default:
                    break;
            }
        }
        throw new CaseFileException(n.at(), key + ": expected yes/no (or true/false), found " + n.kind());
    }

    Integer integer(String key) throws CaseFileException {
        YamlNode n = node(key);
        if (n == null) {
            return null;
        }
        if (n instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.INT) {
            return Integer.valueOf(s.text());
        }
        throw new CaseFileException(n.at(), key + ": expected a whole number, found " + n.kind());
    }

    Double number(String key) throws CaseFileException {
        YamlNode n = node(key);
        if (n == null) {
            return null;
        }
        if (n instanceof YamlNode.Scalar s && (s.type() == YamlNode.Scalar.Type.INT
                || s.type() == YamlNode.Scalar.Type.FLOAT)) {
            return Double.valueOf(s.text());
        }
        throw new CaseFileException(n.at(), key + ": expected a number, found " + n.kind());
    }

    /** A mapping of scalars, in order; null when absent. */
    Map<String, String> stringMap(String key) throws CaseFileException {
        YamlNode n = node(key);
        if (n == null) {
            return null;
        }
        if (!(n instanceof YamlNode.Mapping m)) {
            throw new CaseFileException(n.at(), key + ": expected a mapping of name: value, found " + n.kind());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (YamlNode.Entry e : m.entries().values()) {
            YamlNode v = e.value();
            boolean empty = v instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.NULL;
            out.put(e.key(), empty ? "" : string(v, key + "." + e.key()));
        }
        return out;
    }

    /** A list of scalars (a single scalar counts as a list of one); null when absent. */
    List<String> stringList(String key) throws CaseFileException {
        YamlNode n = node(key);
        if (n == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (n instanceof YamlNode.Sequence seq) {
            for (YamlNode item : seq.items()) {
                out.add(string(item, key + "[]"));
            }
        } else {
            out.add(string(n, key));
        }
        return out;
    }

    /** Fails on the first key that no getter asked for, naming the keys allowed here. */
    void done() throws CaseFileException {
        for (YamlNode.Entry e : map.entries().values()) {
            if (!known.contains(e.key())) {
                throw new CaseFileException(e.keyAt(), "unknown key '" + e.key() + "' in " + what
                        + " (expected one of: " + String.join(", ", known) + ")");
            }
        }
    }
}
