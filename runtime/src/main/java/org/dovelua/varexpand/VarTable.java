package org.dovelua.varexpand;

import java.util.List;
import org.dovelua.version.DovecotVersion;

/**
 * What a template is expanded against: Dovecot's {@code var_expand_table} (short key, long key,
 * value) and the context its function table reads ({@code %{passdb:}}, {@code %{userdb:}},
 * 2.4's {@code event:} provider). src/auth fills it from an auth request
 * (auth-request-var-expand.c); the expanders know nothing else about auth.
 */
public interface VarTable {
    /** One variable: short key (0 for none), long key (null for none), value (null = unset). */
    record Var(char key, String longKey, String value) {
    }

    /** The variables in table order. */
    List<Var> vars();

    /** The release whose template language and rules apply. */
    DovecotVersion version();

    /** {@code %{passdb:NAME}}: the passdb field's value, or null when there is none. */
    String passdbField(String name);

    /** {@code %{userdb:NAME}}: the userdb field's value, or null when there is none. */
    String userdbField(String name);

    /** 2.4's {@code %{event:NAME}}: the request event's field, or null when the event has none. */
    String eventField(String name);

    /**
     * 2.4: the db driver's own provider ({@code %{lua:NAME}}, named after the driver) while the
     * driver has no fields to give it (auth-request.c {@code auth_request_fields_var_expand_lookup}
     * with no fields: every name is "No such field"); null when there is no such provider.
     */
    default String fieldlessDbProvider() {
        return null;
    }

    /**
     * Whether the expansion has Dovecot's {@code var_expand_params} at all: {@code var_expand(dest,
     * str, NULL, &error)} (2.4.2's {@code dovecot.var_expand()}) has no table, no {@code passdb:} or
     * {@code userdb:} provider (they are auth's) and no event ({@code event: No event available}).
     */
    default boolean hasParams() {
        return true;
    }

    /**
     * A value provider of the caller's own, {@code var_expand_params.providers} (db-oauth2.c's
     * {@code oauth2:}): its answer for a key, or null when {@code prefix} is no provider of the caller's.
     */
    default Provider provider(String prefix) {
        return null;
    }

    /**
     * The expanding process's wall clock, which the {@code date:} and {@code time:} providers read
     * ({@link org.dovelua.lua.ProcessClock}: an auth process's clock moves with its session).
     */
    default java.time.Clock clock() {
        return java.time.Clock.systemDefaultZone();
    }

    /** One {@code struct var_expand_provider}: {@code func(key, &value, context, &error)}. */
    interface Provider {
        /** The value; throws with the provider's own error text (var-expand.c prefixes it with the provider's name). */
        String lookup(String key) throws ProviderError;
    }

    /** A provider's {@code *error_r}. */
    final class ProviderError extends Exception {
        private static final long serialVersionUID = 1L;

        public ProviderError(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A table of variables only: no {@code passdb:}/{@code userdb:} fields and no event. With
     * {@code hasParams} false it is {@code var_expand_params} NULL ({@code dovecot.var_expand()}).
     */
    record Variables(DovecotVersion version, List<Var> vars, boolean hasParams, java.time.Clock clock)
            implements VarTable {
        public Variables(DovecotVersion version, List<Var> vars, boolean hasParams) {
            this(version, vars, hasParams, java.time.Clock.systemDefaultZone());
        }

        @Override
        public String passdbField(String name) {
            return null;
        }

        @Override
        public String userdbField(String name) {
            return null;
        }

        @Override
        public String eventField(String name) {
            return null;
        }
    }

    /** First value whose long key is {@code name}; {@code found[0]} tells an unset value from a miss. */
    static String lookup(List<Var> table, String name, boolean[] found) {
        for (Var v : table) {
            if (name.equals(v.longKey())) {
                found[0] = true;
                return v.value();
            }
        }
        found[0] = false;
        return null;
    }
}
