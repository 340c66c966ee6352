package org.dovelua.auth.oauth2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovelua.auth.db.FieldTemplate;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestFields;
import org.dovelua.auth.request.AuthRequestVars;
import org.dovelua.lua.ProcessDeath;
import org.dovelua.varexpand.VarTable;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;

/**
 * db-oauth2.c {@code db_oauth2_add_extra_fields()}: the {@code oauth2_fields { NAME = TEMPLATE }}
 * settings (auth_oauth2_post_settings) expanded over the request's table with the {@code oauth2:}
 * provider (the token reply's fields) and set on the request with auth_request_set_field(); an
 * expansion error sets none of them (the snapshot is rolled back) and fails the lookup. The
 * snapshot is {@code db_oauth2_process_fields()}'s, taken for every successful validation.
 */
public final class OAuth2Fields implements DbOauth2.ExtraFields {
    /** 2.4.1-2.4.2: a field the reply lacks makes the provider answer NULL with success. */
    static final String MISSING_FIELD_PANIC =
            "file var-expand.c: line 399 (call_value_provider): assertion failed: (*value_r != NULL || ret == -1)";

    private final AuthRequest r;
    private final OAuth2Settings set;
    private final Map<String, String> env;

    public OAuth2Fields(AuthRequest r, OAuth2Settings set, Map<String, String> env) {
        this.r = r;
        this.set = set;
        this.env = env;
    }

    @Override
    public String apply(Map<String, String> fields, String token, String username) {
        // db_oauth2_process_fields(): auth_fields_snapshot() first, so a passdb that fails later (a
        // credentials lookup the passdb cannot do) rolls back to before these fields and the token
        r.extraFields.snapshot();
        if (set.fields.isEmpty()) {
            return null;
        }
        DovecotVersion v = r.settings.version;
        boolean tokenVar = v.has(Since.OAUTH2_FIELDS_TOKEN_VARIABLE);
        // 2.4.3: auth_request_get_var_expand_table_full(request, req->username) with token first
        VarTable base = tokenVar ? AuthRequestVars.of(r, username) : AuthRequestVars.of(r);
        List<VarTable.Var> vars = new ArrayList<>();
        if (tokenVar) {
            vars.add(new VarTable.Var('\0', "token", token));
        }
        vars.addAll(base.vars());
        VarTable table = new Table(base, List.copyOf(vars), key -> {
            String value = fields.get(key);
            if (value == null) {
                if (!v.has(Since.OAUTH2_FIELDS_TOKEN_VARIABLE)) {
                    // db_oauth2_var_expand_func_oauth2() before 2.4.3: NULL with return 0
                    throw new ProcessDeath(ProcessDeath.Kind.PANIC, MISSING_FIELD_PANIC);
                }
                throw new VarTable.ProviderError("Field '" + key + "' not found");
            }
            return value;
        });
        List<String[]> pairs = new ArrayList<>();
        set.fields.forEach((k, t) -> pairs.add(new String[] {k, t}));
        List<String[]> expanded;
        try {
            expanded = FieldTemplate.expand(pairs, table, env);
        } catch (FieldTemplate.FieldException e) {
            // settings_get() of auth_oauth2_fields: settings-parser's expansion error; auth_fields_rollback()
            r.extraFields.rollback();
            return "auth_oauth2_fields settings: Failed to parse configuration: Failed to expand oauth2_fields/"
                    + e.key() + " setting variables: " + e.getMessage();
        }
        for (String[] f : expanded) {
            AuthRequestFields.setField(r, f[0], f[1], null);
        }
        return null;
    }

    /** The request's table with the token variable in front and the {@code oauth2:} provider. */
    private record Table(VarTable base, List<Var> vars, Provider oauth2) implements VarTable {
        @Override
        public DovecotVersion version() {
            return base.version();
        }

        @Override
        public String passdbField(String name) {
            return base.passdbField(name);
        }

        @Override
        public String userdbField(String name) {
            return base.userdbField(name);
        }

        @Override
        public String eventField(String name) {
            return base.eventField(name);
        }

        @Override
        public java.time.Clock clock() {
            return base.clock();
        }

        @Override
        public Provider provider(String prefix) {
            return prefix.equals("oauth2") ? oauth2 : null;
        }
    }
}
