package org.dovelua.varexpand.v24;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.dovelua.varexpand.VarExpand;
import org.dovelua.varexpand.VarTable;
import org.dovelua.varexpand.v24.VarExpand24Program.Param;
import org.dovelua.varexpand.v24.VarExpand24Program.Program;
import org.dovelua.varexpand.v24.VarExpand24Program.Statement;
import org.dovelua.varexpand.v24.VarExpand24Program.Type;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;

/**
 * Dovecot 2.4's var-expand (src/lib-var-expand/): {@link VarExpand24Program} parses, this runs the
 * programs as {@code var_expand_program_execute()} (expansion-program.c) and
 * {@code var_expand_execute_stmt()} (expansion-statement.c) do, with the value providers
 * {@code passdb:}, {@code userdb:} (auth-request-var-expand.c), {@code env:} (var-expand.c) and
 * the host providers of {@link VarExpand24Providers}.
 * The filters are {@link VarExpand24Filters}. Values are byte strings (one char per byte).
 */
public final class VarExpand24 {
    private VarExpand24() {
    }

    /** {@code struct var_expand_state}. */
    static final class State {
        final VarTable vars;
        final Map<String, String> env;
        StringBuilder transfer = new StringBuilder();
        boolean transferSet;
        boolean transferBinary;
        String delayedError;
        /** Whether the statement running is its program's last ({@code stmt->next == NULL}, the safe filter). */
        boolean lastStatement;

        State(VarTable vars, Map<String, String> env) {
            this.vars = vars;
            this.env = env;
        }

        void set(String value) {
            setData(value);
            transferBinary = false;
        }

        void setData(String value) {
            transfer = new StringBuilder(value);
            transferSet = true;
        }

        void setBinary(byte[] value) {
            setData(new String(value, StandardCharsets.ISO_8859_1));
            transferBinary = true;
        }

        void unset() {
            transfer = new StringBuilder();
            transferSet = false;
        }

        byte[] data() {
            return transfer.toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        /** var_expand_state_lookup_variable(): a table variable or {@code prefix:key}. */
        String lookup(String name) throws VarExpand24Filters.FilterError {
            int colon = name.indexOf(':');
            if (colon < 0) {
                boolean[] found = new boolean[1];
                String v = VarTable.lookup(vars.vars(), VarExpand.text(name), found);
                if (!found[0]) {
                    throw new VarExpand24Filters.FilterError("Unknown variable '" + name + "'");
                }
                return v == null ? "" : VarExpand.bytes(v);
            }
            String prefix = name.substring(0, colon);
            String key = VarExpand.text(name.substring(colon + 1));
            String v;
            if (!vars.hasParams()) {
                // var-expand.c var_expand_event() with params == NULL: only the global providers
                if (prefix.equals("event")) {
                    throw new VarExpand24Filters.FilterError("event: No event available");
                }
                if (prefix.equals("passdb") || prefix.equals("userdb")) {
                    throw new VarExpand24Filters.FilterError("Unsupported prefix '" + prefix + "'");
                }
            }
            switch (prefix) {
                case "passdb" -> v = vars.passdbField(key);
                case "userdb" -> v = vars.userdbField(key);
                case "env" -> {
                    if (key.isEmpty()) {
                        throw new VarExpand24Filters.FilterError("env: Missing field");
                    }
                    v = env.get(key);
                }
                case "event" -> {
                    v = vars.eventField(key);
                    if (v == null) {
                        throw new VarExpand24Filters.FilterError("event: No such field '" + key + "' in event");
                    }
                }
                default -> {
                    VarTable.Provider own = vars.provider(prefix);
                    if (own != null) {
                        // var-expand.c call_value_provider(): "<prefix>: <error>"
                        try {
                            return VarExpand.bytes(own.lookup(key));
                        } catch (VarTable.ProviderError e) {
                            throw new VarExpand24Filters.FilterError(prefix + ": " + e.getMessage());
                        }
                    }
                    if (prefix.equals(vars.fieldlessDbProvider())) {
                        throw new VarExpand24Filters.FilterError(prefix + ": No such field '" + key + "'");
                    }
                    v = VarExpand24Providers.lookup(prefix, key, vars.version(), env, vars.clock());
                    if (v == null) {
                        throw new VarExpand24Filters.FilterError("Unsupported prefix '" + prefix + "'");
                    }
                }
            }
            return v == null ? "" : VarExpand.bytes(v);
        }
    }

    /** var-expand-parser.y: the likely function names a first statement is not registered as a variable. */
    private static final List<String> FILTER_VAR_NAMES = List.of("literal", "lookup", "if", "calculate");
    /** 2.4.5 adds its time filters to the list (var-expand-parser.y filter_var_names, commits e7f78e19c5 &c.). */
    private static final List<String> FILTER_VAR_NAMES_245 = List.of("literal", "lookup", "if", "calculate", "epoch",
            "from_epoch", "date", "iso8601");

    /**
     * {@code var_expand_program_variables()}: the variables {@code template} reads, sorted (strcmp) and
     * each once, as var-expand-parser.y's {@code register_variable()} collects them: each program's first
     * statement (unless a likely function name) and every variable parameter.
     */
    public static List<String> variables(String template, DovecotVersion version)
            throws VarExpand.VarExpandException {
        TreeSet<String> vars = new TreeSet<>();
        try {
            List<String> filterNames = version.has(Since.VAR_EXPAND_TIME_FILTERS) ? FILTER_VAR_NAMES_245 : FILTER_VAR_NAMES;
            for (Program p : VarExpand24Program.parse(VarExpand.bytes(template), version)) {
                boolean first = true;
                for (Statement stmt : p.statements()) {
                    if (first && !filterNames.contains(stmt.function())) {
                        vars.add(VarExpand.text(stmt.function()));
                    }
                    first = false;
                    for (Param par : stmt.params()) {
                        if (par.type() == Type.VARIABLE) {
                            vars.add(VarExpand.text(par.str()));
                        }
                    }
                }
            }
        } catch (VarExpand24Program.SyntaxError e) {
            throw new VarExpand.VarExpandException(VarExpand.text(e.getMessage()));
        }
        return List.copyOf(vars);
    }

    public static String expand(String template, VarTable vars, Map<String, String> env)
            throws VarExpand.VarExpandException {
        List<Program> programs;
        try {
            programs = VarExpand24Program.parse(VarExpand.bytes(template), vars.version());
        } catch (VarExpand24Program.SyntaxError e) {
            throw new VarExpand.VarExpandException(VarExpand.text(e.getMessage()));
        }
        State state = new State(vars, env);
        StringBuilder result = new StringBuilder();
        for (Program p : programs) {
            if (p.statements().isEmpty()) {
                continue;
            }
            boolean first = true;
            int n = 0;
            for (Statement stmt : p.statements()) {
                state.lastStatement = ++n == p.statements().size();
                String error = executeStatement(state, stmt, first);
                if (error != null) {
                    throw new VarExpand.VarExpandException(VarExpand.text(error));
                }
                first = false;
            }
            if (state.transferBinary) {
                state.set(HexFormat.of().formatHex(state.data()));
            }
            if (!state.transferSet) {
                if (state.delayedError == null) {
                    // a filter that succeeded without a value (safe alone): ret -1 and no error (seen, cases 473/474)
                    throw new org.dovelua.lua.ProcessDeath(org.dovelua.lua.ProcessDeath.Kind.PANIC,
                            "file expansion-program.c: line " + (vars.version().has(Since.VAR_EXPAND_TIME_FILTERS) ? 227 : 166)
                                    + " (var_expand_program_execute): assertion failed: (ret == 0 || *error_r != NULL)");
                }
                throw new VarExpand.VarExpandException(VarExpand.text(state.delayedError));
            }
            result.append(state.transfer);
            state.unset();
        }
        return VarExpand.text(result.toString());
    }

    /** var_expand_execute_stmt(): null, or the error that stops the expansion. */
    private static String executeStatement(State state, Statement stmt, boolean first) {
        String delayed = null;
        if (first) {
            try {
                state.set(state.lookup(stmt.function()));
                return null;
            } catch (VarExpand24Filters.FilterError e) {
                // leave transfer unset, so that e.g. default can pick this up
                state.unset();
                delayed = e.getMessage();
            }
        }
        VarExpand24Filters.Filter fn = VarExpand24Filters.find(stmt.function(), state.vars.version());
        if (fn != null) {
            try {
                fn.apply(stmt, state);
                delayed = null;
            } catch (VarExpand24Filters.FilterError e) {
                state.unset();
                if (state.delayedError != null) {
                    return state.delayedError;
                }
                delayed = stmt.function() + ": " + e.getMessage();
            }
        } else if (!first) {
            return "No such function '" + stmt.function() + "'";
        }
        state.delayedError = delayed;
        return null;
    }

    // ---- expansion-parameter.c ----

    static long numberOrVar(State state, Param p) throws VarExpand24Filters.FilterError {
        if (p == null) {
            throw new VarExpand24Filters.FilterError("Missing parameter");
        }
        if (p.type() == Type.VARIABLE) {
            String v = state.lookup(p.str());
            Long n = strToIntmax(v);
            if (n == null) {
                throw new VarExpand24Filters.FilterError("'" + v + "' (in " + p.str() + ") is not a number");
            }
            return n;
        }
        if (p.type() != Type.INT) {
            throw new VarExpand24Filters.FilterError("'" + p.str() + "' is not a number");
        }
        return p.num();
    }

    static String stringOrVar(State state, Param p) throws VarExpand24Filters.FilterError {
        if (p == null) {
            throw new VarExpand24Filters.FilterError("Missing parameter");
        }
        return switch (p.type()) {
            case VARIABLE -> state.lookup(p.str());
            case INT -> throw new VarExpand24Filters.FilterError(p.num() + " is not a string");
            default -> p.str();
        };
    }

    static String anyOrVar(State state, Param p) throws VarExpand24Filters.FilterError {
        if (p == null) {
            throw new VarExpand24Filters.FilterError("Missing parameter");
        }
        return switch (p.type()) {
            case VARIABLE -> state.lookup(p.str());
            case INT -> Long.toString(p.num());
            default -> p.str();
        };
    }

    /** str_to_intmax(): optional '-', then decimal digits only, no overflow. */
    static Long strToIntmax(String s) {
        if (!s.matches("-?[0-9]+")) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
