package org.dovelua.auth.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestVars;
import org.dovelua.lib.StringFields;
import org.dovelua.varexpand.VarExpand;

/**
 * passdb-template.c / userdb-template.c: {@code key=value} tokens separated by spaces, each value
 * var-expanded against the request; a token without '=' is a key with an empty value. Used by
 * the static drivers' args and by {@code default_fields}/{@code override_fields}.
 */
public final class FieldTemplate {
    private FieldTemplate() {
    }

    /** The expanded {@code {key, value}} pairs, in template order. */
    public static List<String[]> expand(String template, AuthRequest r, Map<String, String> env)
            throws VarExpand.VarExpandException {
        List<String[]> out = new ArrayList<>();
        if (template == null) {
            return out;
        }
        for (String token : StringFields.split(template)) {
            int eq = token.indexOf('=');
            String key = eq < 0 ? token : token.substring(0, eq);
            String value = eq < 0 ? "" : VarExpand.expand(token.substring(eq + 1), AuthRequestVars.of(r), env);
            out.add(new String[] {key, value});
        }
        return out;
    }
}
