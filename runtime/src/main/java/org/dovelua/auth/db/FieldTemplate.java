package org.dovelua.auth.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestVars;
import org.dovelua.lib.StringFields;
import org.dovelua.varexpand.VarExpand;
import org.dovelua.varexpand.VarTable;

/**
 * passdb-template.c / userdb-template.c: {@code key=value} tokens separated by spaces, each value
 * var-expanded against the request; a token without '=' is a key with an empty value. Used by
 * the static drivers' args and by {@code default_fields}/{@code override_fields}.
 */
public final class FieldTemplate {
    private FieldTemplate() {
    }

    /** A value that could not be expanded: its field's key, the fields before it, and the error. */
    public static final class FieldException extends Exception {
        private final String key;
        private final transient List<String[]> before;

        FieldException(String key, List<String[]> before, String message) {
            super(message, null, false, false);
            this.key = key;
            this.before = before;
        }

        public String key() {
            return key;
        }

        /** The fields expanded before the failing one (C sets them one by one, so they stay set). */
        public List<String[]> before() {
            return before;
        }
    }

    /**
     * The expanded {@code {key, value}} pairs, in template order. An unknown variable fails the
     * template in 2.3 ({@code <= 0} in *-template.c); in 2.4 every unknown variable is an error.
     */
    public static List<String[]> expand(String template, AuthRequest r, Map<String, String> env)
            throws FieldException {
        List<String[]> pairs = new ArrayList<>();
        if (template != null) {
            for (String token : StringFields.split(template)) {
                int eq = token.indexOf('=');
                pairs.add(eq < 0 ? new String[] {token, null} : new String[] {token.substring(0, eq), token.substring(eq + 1)});
            }
        }
        return expand(pairs, r, env);
    }

    /**
     * {@link #expand(String, AuthRequest, Map)} of {@code {key, value template}} pairs that are already
     * apart: 2.4's {@code fields { }} block, where each field is a setting of its own and its value may
     * hold spaces ({@code %{user | domain}}). A null template is the empty value.
     */
    public static List<String[]> expand(List<String[]> pairs, AuthRequest r, Map<String, String> env)
            throws FieldException {
        return expand(pairs, AuthRequestVars.of(r), env);
    }

    /** {@link #expand(List, AuthRequest, Map)} over a table of the caller's (with its own providers). */
    public static List<String[]> expand(List<String[]> pairs, VarTable vars, Map<String, String> env)
            throws FieldException {
        List<String[]> out = new ArrayList<>();
        for (String[] p : pairs) {
            String value;
            try {
                value = p[1] == null ? "" : VarExpand.expandTemplate(p[1], vars, env);
            } catch (VarExpand.VarExpandException e) {
                throw new FieldException(p[0], out, e.getMessage());
            }
            out.add(new String[] {p[0], value});
        }
        return out;
    }
}
