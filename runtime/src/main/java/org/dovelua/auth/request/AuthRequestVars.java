package org.dovelua.auth.request;

import java.util.ArrayList;
import java.util.List;
import org.dovelua.varexpand.VarTable;
import org.dovelua.varexpand.VarTable.Var;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;

/**
 * {@code auth_request_get_var_expand_table()} (src/auth/auth-request-var-expand.c): the request's
 * variables in table order. The Lua request's {@code __index} returns the first entry whose long
 * key matches; {@code %x} and {@code %{name}} in templates read the same table.
 */
public final class AuthRequestVars {
    private AuthRequestVars() {
    }

    /** The request as templates see it: its variable table with {@code %u} = its user. */
    public static VarTable of(AuthRequest r) {
        return of(r, r.user);
    }

    /**
     * The request as templates see it, with {@code %u} = {@code username}. Each variable's value
     * is read from the request when the expansion first reads that entry (a template reads a few
     * of the 47), so use the table right away, as var_expand() does with its table.
     */
    public static VarTable of(AuthRequest r, String username) {
        return new RequestTable(r, table(r, username), null);
    }

    /** {@link #of(AuthRequest)} with every value read now, for a table kept while the request changes. */
    public static VarTable snapshot(AuthRequest r) {
        return new RequestTable(r, List.copyOf(table(r, r.user)), null);
    }

    /**
     * {@link #of(AuthRequest)} before the db named {@code driver} looked anything up: its own provider
     * ({@code %{lua:...}}) has no fields yet ({@link VarTable#fieldlessDbProvider()}).
     */
    public static VarTable beforeLookup(AuthRequest r, String driver) {
        return new RequestTable(r, table(r, r.user), driver);
    }

    /** {@code auth_request_var_expand_func_table}'s context: the request behind the table. */
    private record RequestTable(AuthRequest r, List<Var> vars, String fieldlessDbProvider) implements VarTable {
        @Override
        public DovecotVersion version() {
            return r.settings.version;
        }

        @Override
        public String passdbField(String name) {
            return r.extraFields.find(name);
        }

        @Override
        public String userdbField(String name) {
            return r.userdbReply == null ? null : r.userdbReply.find(name);
        }

        @Override
        public String eventField(String name) {
            return AuthRequestVars.eventField(r, name);
        }

        @Override
        public java.time.Clock clock() {
            return org.dovelua.lua.ProcessClock.of(r.settings.clock);
        }
    }

    /**
     * The table for {@code request} with {@code %u} = {@code username} (the request's user by
     * default), in table order; an entry's value is read from the request when it is first read.
     */
    public static List<Var> table(AuthRequest r, String username) {
        return new LazyVars(layout(r.settings.version), r, username == null ? "" : username);
    }

    public static List<Var> table(AuthRequest r) {
        return table(r, r.user);
    }

    /** The table's long keys in its order for release {@code v} ({@code auth_request_var_expand_static_tab}). */
    public static List<String> names(org.dovelua.version.DovecotVersion v) {
        org.dovelua.auth.config.AuthSettings s = new org.dovelua.auth.config.AuthSettings();
        s.version = v;
        return table(new AuthRequest(s), "").stream().map(Var::longKey).toList();
    }

    /** First value whose long key is {@code name}; {@code found[0]} tells an unset value from a miss. */
    public static String lookup(List<Var> table, String name, boolean[] found) {
        return VarTable.lookup(table, name, found);
    }

    /**
     * {@code lookup(table(r), name, found)} reading only the entry asked for: the Lua request's
     * {@code __index} (auth_request_lua_index) on every {@code req.member}.
     */
    public static String lookup(AuthRequest r, String name, boolean[] found) {
        Layout layout = layout(r.settings.version);
        Integer i = layout.first.get(name);
        if (i == null) {
            found[0] = false;
            return null;
        }
        found[0] = true;
        return layout.defs[i].value.apply(r, r.user == null ? "" : r.user);
    }

    /** One entry of the table: its keys and how its value follows from the request and {@code %u}. */
    private record Def(char key, String longKey, java.util.function.BiFunction<AuthRequest, String, String> value) {
    }

    /** A release's entries and the index of the first entry of each long key. */
    private record Layout(Def[] defs, java.util.Map<String, Integer> first) {
        static Layout of(List<Def> defs) {
            java.util.Map<String, Integer> first = new java.util.HashMap<>();
            for (int i = 0; i < defs.size(); i++) {
                if (defs.get(i).longKey() != null) {
                    first.putIfAbsent(defs.get(i).longKey(), i);
                }
            }
            return new Layout(defs.toArray(new Def[0]), java.util.Map.copyOf(first));
        }
    }

    /** The table as a list whose entries are read from the request on first access. */
    private static final class LazyVars extends java.util.AbstractList<Var> implements java.util.RandomAccess {
        private final Def[] defs;
        private final AuthRequest r;
        private final String user;
        private final Var[] read;

        LazyVars(Layout layout, AuthRequest r, String user) {
            this.defs = layout.defs;
            this.r = r;
            this.user = user;
            this.read = new Var[defs.length];
        }

        @Override
        public Var get(int i) {
            Var v = read[i];
            if (v == null) {
                Def d = defs[i];
                v = new Var(d.key, d.longKey, d.value.apply(r, user));
                read[i] = v;
            }
            return v;
        }

        @Override
        public int size() {
            return defs.length;
        }
    }

    /** The release's table; asks {@code v} the same rules, in the same order, as building it always did. */
    private static Layout layout(DovecotVersion v) {
        if (v.has(Since.VAR_EXPAND_24)) {
            return v.has(Since.VAR_TABLE_SSL_CLIENT_CERT) ? T24_SSL : T24;
        }
        return v.has(Since.VAR_TABLE_IP_AND_PORT_NAMES) ? T23_NAMES : T23;
    }

    static String beforeAt(String s) {
        int at = s.indexOf('@');
        return at < 0 ? s : s.substring(0, at);
    }

    /** {@code i_strchr_to_next(s, '@')}: after the first '@', or null. */
    static String afterAt(String s) {
        int at = s.indexOf('@');
        return at < 0 ? null : s.substring(at + 1);
    }

    private static String secured(AuthRequest r) {
        switch (r.secured) {
            case SECURED:
                return "secured";
            case TLS:
                return "TLS";
            default:
                return "";
        }
    }

    private static String dbId(AuthRequest r) {
        return r.currentDb == null ? "" : Integer.toString(r.currentDb.id());
    }

    private static String origUser(AuthRequest r, String user) {
        return r.originalUsername != null ? r.originalUsername : user;
    }

    private static String authUser(AuthRequest r, String user) {
        return r.masterUser != null ? r.masterUser : origUser(r, user);
    }

    private static String mech23(AuthRequest r) {
        return r.mechName == null ? "" : r.mechName;
    }

    private static String domainFirst(String user) {
        String domain = afterAt(user);
        return domain == null ? null : beforeAt(domain);
    }

    private static String domainLast(String user) {
        int lastAt = user.lastIndexOf('@');
        return lastAt < 0 ? null : user.substring(lastAt + 1);
    }

    private static String loginPart(String login, boolean domain) {
        return login == null ? null : domain ? afterAt(login) : beforeAt(login);
    }

    private static Def d(char key, String longKey, java.util.function.BiFunction<AuthRequest, String, String> value) {
        return new Def(key, longKey, value);
    }

    private static Def d(String longKey, java.util.function.BiFunction<AuthRequest, String, String> value) {
        return new Def('\0', longKey, value);
    }

    /** 2.3.0–2.3.12: the first 35 entries of 2.3's table. */
    private static final List<Def> BASE23 = List.of(
            d('u', "user", (r, u) -> u),
            d('n', "username", (r, u) -> beforeAt(u)),
            d('d', "domain", (r, u) -> afterAt(u)),
            d('s', "service", (r, u) -> r.service),
            d('h', "home", (r, u) -> null),
            d('l', "lip", (r, u) -> r.localIp),
            d('r', "rip", (r, u) -> r.remoteIp),
            d('p', "pid", (r, u) -> Long.toString(r.clientPid)),
            d('w', "password", (r, u) -> r.mechPassword),
            d('!', null, (r, u) -> dbId(r)),
            d('m', "mech", (r, u) -> mech23(r)),
            d('c', "secured", (r, u) -> secured(r)),
            d('a', "lport", (r, u) -> Long.toString(r.localPort)),
            d('b', "rport", (r, u) -> Long.toString(r.remotePort)),
            d('k', "cert", (r, u) -> r.validClientCert ? "valid" : ""),
            d("login_user", (r, u) -> r.requestedLoginUser),
            d("login_username", (r, u) -> loginPart(r.requestedLoginUser, false)),
            d("login_domain", (r, u) -> loginPart(r.requestedLoginUser, true)),
            d("session", (r, u) -> r.sessionId),
            d("real_lip", (r, u) -> r.realLocalIp),
            d("real_rip", (r, u) -> r.realRemoteIp),
            d("real_lport", (r, u) -> Long.toString(r.realLocalPort)),
            d("real_rport", (r, u) -> Long.toString(r.realRemotePort)),
            d("domain_first", (r, u) -> domainFirst(u)),
            d("domain_last", (r, u) -> domainLast(u)),
            d("master_user", (r, u) -> r.masterUser),
            d("session_pid", (r, u) -> r.sessionPid == -1 ? null : Long.toString(r.sessionPid)),
            d("orig_user", (r, u) -> origUser(r, u)),
            d("orig_username", (r, u) -> beforeAt(origUser(r, u))),
            d("orig_domain", (r, u) -> afterAt(origUser(r, u))),
            d("auth_user", (r, u) -> authUser(r, u)),
            d("auth_username", (r, u) -> beforeAt(authUser(r, u))),
            d("auth_domain", (r, u) -> afterAt(authUser(r, u))),
            d("local_name", (r, u) -> r.localName),
            d("client_id", (r, u) -> r.clientId));

    /** 2.3.13–2.3.21: 47 entries, the 12 aliases at the end. */
    private static final List<Def> NAMES23 = List.of(
            d("local_ip", (r, u) -> r.localIp),
            d("remote_ip", (r, u) -> r.remoteIp),
            d("local_port", (r, u) -> Long.toString(r.localPort)),
            d("remote_port", (r, u) -> Long.toString(r.remotePort)),
            d("real_local_ip", (r, u) -> r.realLocalIp),
            d("real_remote_ip", (r, u) -> r.realRemoteIp),
            d("real_local_port", (r, u) -> Long.toString(r.realLocalPort)),
            d("real_remote_port", (r, u) -> Long.toString(r.realRemotePort)),
            d("mechanism", (r, u) -> mech23(r)),
            d("original_user", (r, u) -> origUser(r, u)),
            d("original_username", (r, u) -> beforeAt(origUser(r, u))),
            d("original_domain", (r, u) -> afterAt(origUser(r, u))));

    /** 2.4 (auth-request-var-expand.c@2.4.x): renamed keys, no short keys. */
    private static final List<Def> BASE24 = List.of(
            d("user", (r, u) -> u),
            d("protocol", (r, u) -> r.service),
            d("home", (r, u) -> null),
            d("local_ip", (r, u) -> r.localIp),
            d("remote_ip", (r, u) -> r.remoteIp),
            d("client_pid", (r, u) -> Long.toString(r.clientPid)),
            d("password", (r, u) -> r.mechPassword),
            d("id", (r, u) -> dbId(r)),
            d("mechanism", (r, u) -> r.mechName),
            d("secured", (r, u) -> secured(r)),
            d("local_port", (r, u) -> Long.toString(r.localPort)),
            d("remote_port", (r, u) -> Long.toString(r.remotePort)),
            d("cert", (r, u) -> r.validClientCert ? "valid" : ""),
            d("login_user", (r, u) -> r.requestedLoginUser),
            d("session", (r, u) -> r.sessionId),
            d("real_local_ip", (r, u) -> r.realLocalIp),
            d("real_remote_ip", (r, u) -> r.realRemoteIp),
            d("real_local_port", (r, u) -> Long.toString(r.realLocalPort)),
            d("real_remote_port", (r, u) -> Long.toString(r.realRemotePort)),
            d("domain_first", (r, u) -> domainFirst(u)),
            d("domain_last", (r, u) -> domainLast(u)),
            d("master_user", (r, u) -> r.masterUser),
            d("session_pid", (r, u) -> r.sessionPid == -1 ? "" : Long.toString(r.sessionPid)),
            d("original_user", (r, u) -> origUser(r, u)),
            d("auth_user", (r, u) -> authUser(r, u)),
            d("local_name", (r, u) -> r.localName),
            d("client_id", (r, u) -> r.clientId),
            d("ssl_ja3_hash", (r, u) -> null));

    /** 2.4.2+: the client certificate's fingerprints before owner_user. */
    private static final List<Def> SSL24 = List.of(
            d("ssl_client_cert_fp", (r, u) -> null),
            d("ssl_client_cert_pubkey_fp", (r, u) -> null));

    private static final Def OWNER24 = d("owner_user", (r, u) -> u);

    private static final Layout T23 = Layout.of(BASE23);
    private static final Layout T23_NAMES = Layout.of(concat(BASE23, NAMES23));
    private static final Layout T24 = Layout.of(concat(BASE24, List.of(OWNER24)));
    private static final Layout T24_SSL = Layout.of(concat(BASE24, SSL24, List.of(OWNER24)));

    @SafeVarargs
    private static List<Def> concat(List<Def>... parts) {
        List<Def> all = new ArrayList<>();
        for (List<Def> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    /**
     * var_expand_event(): a field of the auth request's event, as auth-request-fields.c adds them
     * on the request the (worker's) Lua passdb sees: the user names, protocol, addresses and
     * non-zero ports, session/client_id/local_name, transport, mechanism, master and login user.
     * Seen on 2.4.1 (case 221): translated_user and the passdb fields are not there.
     */
    static String eventField(AuthRequest r, String key) {
        return switch (key) {
            case "user" -> r.user;
            case "original_user" -> r.originalUsername;
            case "protocol" -> r.service;
            case "local_ip" -> r.localIp;
            case "remote_ip" -> r.remoteIp;
            case "real_local_ip" -> r.realLocalIp != null ? r.realLocalIp : r.localIp;
            case "real_remote_ip" -> r.realRemoteIp != null ? r.realRemoteIp : r.remoteIp;
            case "local_port" -> port(r.localPort);
            case "remote_port" -> port(r.remotePort);
            case "real_local_port" -> port(r.realLocalPort != 0 ? r.realLocalPort : r.localPort);
            case "real_remote_port" -> port(r.realRemotePort != 0 ? r.realRemotePort : r.remotePort);
            case "local_name" -> r.localName;
            case "session" -> r.sessionId;
            case "client_id" -> r.clientId;
            case "transport" -> switch (r.secured) {
                case TLS -> "TLS";
                case SECURED -> "secured";
                default -> "insecure";
            };
            case "mechanism" -> r.mechName;
            case "master_user" -> r.masterUser;
            case "login_user" -> r.requestedLoginUser;
            default -> null;
        };
    }

    private static String port(int p) {
        return p == 0 ? null : Integer.toString(p);
    }
}
