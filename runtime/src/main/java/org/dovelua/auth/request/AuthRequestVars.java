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

    /** The request as templates see it, with {@code %u} = {@code username}. */
    public static VarTable of(AuthRequest r, String username) {
        return new RequestTable(r, table(r, username));
    }

    /** {@code auth_request_var_expand_func_table}'s context: the request behind the table. */
    private record RequestTable(AuthRequest r, List<Var> vars) implements VarTable {
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
    }

    /** The table for {@code request} with {@code %u} = {@code username} (the request's user by default). */
    public static List<Var> table(AuthRequest r, String username) {
        return r.settings.version.has(Since.VAR_EXPAND_24) ? table24(r, username) : table23(r, username);
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

    /** 2.3.13–2.3.21: 47 entries (2.3.0–2.3.12 lack the 12 aliases at the end). */
    private static List<Var> table23(AuthRequest r, String username) {
        String user = username == null ? "" : username;
        String domain = afterAt(user);
        String origUser = r.originalUsername != null ? r.originalUsername : user;
        String authUser = r.masterUser != null ? r.masterUser : origUser;
        String lip = r.localIp;
        String rip = r.remoteIp;
        String mech = r.mechName == null ? "" : r.mechName;
        String lport = Long.toString(r.localPort);
        String rport = Long.toString(r.remotePort);
        String realLport = Long.toString(r.realLocalPort);
        String realRport = Long.toString(r.realRemotePort);
        String domainFirst = domain == null ? null : beforeAt(domain);
        int lastAt = user.lastIndexOf('@');
        String domainLast = lastAt < 0 ? null : user.substring(lastAt + 1);
        List<Var> t = new ArrayList<>(48);
        t.add(new Var('u', "user", user));
        t.add(new Var('n', "username", beforeAt(user)));
        t.add(new Var('d', "domain", domain));
        t.add(new Var('s', "service", r.service));
        t.add(new Var('h', "home", null));
        t.add(new Var('l', "lip", lip));
        t.add(new Var('r', "rip", rip));
        t.add(new Var('p', "pid", Long.toString(r.clientPid)));
        t.add(new Var('w', "password", r.mechPassword));
        t.add(new Var('!', null, dbId(r)));
        t.add(new Var('m', "mech", mech));
        t.add(new Var('c', "secured", secured(r)));
        t.add(new Var('a', "lport", lport));
        t.add(new Var('b', "rport", rport));
        t.add(new Var('k', "cert", r.validClientCert ? "valid" : ""));
        String login = r.requestedLoginUser;
        t.add(new Var('\0', "login_user", login));
        t.add(new Var('\0', "login_username", login == null ? null : beforeAt(login)));
        t.add(new Var('\0', "login_domain", login == null ? null : afterAt(login)));
        t.add(new Var('\0', "session", r.sessionId));
        t.add(new Var('\0', "real_lip", r.realLocalIp));
        t.add(new Var('\0', "real_rip", r.realRemoteIp));
        t.add(new Var('\0', "real_lport", realLport));
        t.add(new Var('\0', "real_rport", realRport));
        t.add(new Var('\0', "domain_first", domainFirst));
        t.add(new Var('\0', "domain_last", domainLast));
        t.add(new Var('\0', "master_user", r.masterUser));
        t.add(new Var('\0', "session_pid", r.sessionPid == -1 ? null : Long.toString(r.sessionPid)));
        t.add(new Var('\0', "orig_user", origUser));
        t.add(new Var('\0', "orig_username", beforeAt(origUser)));
        t.add(new Var('\0', "orig_domain", afterAt(origUser)));
        t.add(new Var('\0', "auth_user", authUser));
        t.add(new Var('\0', "auth_username", beforeAt(authUser)));
        t.add(new Var('\0', "auth_domain", afterAt(authUser)));
        t.add(new Var('\0', "local_name", r.localName));
        t.add(new Var('\0', "client_id", r.clientId));
        if (r.settings.version.has(Since.VAR_TABLE_IP_AND_PORT_NAMES)) {
            t.add(new Var('\0', "local_ip", lip));
            t.add(new Var('\0', "remote_ip", rip));
            t.add(new Var('\0', "local_port", lport));
            t.add(new Var('\0', "remote_port", rport));
            t.add(new Var('\0', "real_local_ip", r.realLocalIp));
            t.add(new Var('\0', "real_remote_ip", r.realRemoteIp));
            t.add(new Var('\0', "real_local_port", realLport));
            t.add(new Var('\0', "real_remote_port", realRport));
            t.add(new Var('\0', "mechanism", mech));
            t.add(new Var('\0', "original_user", origUser));
            t.add(new Var('\0', "original_username", beforeAt(origUser)));
            t.add(new Var('\0', "original_domain", afterAt(origUser)));
        }
        return t;
    }

    /** 2.4 (auth-request-var-expand.c@2.4.x): renamed keys, no short keys. */
    private static List<Var> table24(AuthRequest r, String username) {
        String user = username == null ? "" : username;
        String domain = afterAt(user);
        String origUser = r.originalUsername != null ? r.originalUsername : user;
        String authUser = r.masterUser != null ? r.masterUser : origUser;
        int lastAt = user.lastIndexOf('@');
        List<Var> t = new ArrayList<>(32);
        t.add(new Var('\0', "user", user));
        t.add(new Var('\0', "protocol", r.service));
        t.add(new Var('\0', "home", null));
        t.add(new Var('\0', "local_ip", r.localIp));
        t.add(new Var('\0', "remote_ip", r.remoteIp));
        t.add(new Var('\0', "client_pid", Long.toString(r.clientPid)));
        t.add(new Var('\0', "password", r.mechPassword));
        t.add(new Var('\0', "id", dbId(r)));
        t.add(new Var('\0', "mechanism", r.mechName));
        t.add(new Var('\0', "secured", secured(r)));
        t.add(new Var('\0', "local_port", Long.toString(r.localPort)));
        t.add(new Var('\0', "remote_port", Long.toString(r.remotePort)));
        t.add(new Var('\0', "cert", r.validClientCert ? "valid" : ""));
        t.add(new Var('\0', "login_user", r.requestedLoginUser));
        t.add(new Var('\0', "session", r.sessionId));
        t.add(new Var('\0', "real_local_ip", r.realLocalIp));
        t.add(new Var('\0', "real_remote_ip", r.realRemoteIp));
        t.add(new Var('\0', "real_local_port", Long.toString(r.realLocalPort)));
        t.add(new Var('\0', "real_remote_port", Long.toString(r.realRemotePort)));
        t.add(new Var('\0', "domain_first", domain == null ? null : beforeAt(domain)));
        t.add(new Var('\0', "domain_last", lastAt < 0 ? null : user.substring(lastAt + 1)));
        t.add(new Var('\0', "master_user", r.masterUser));
        t.add(new Var('\0', "session_pid", r.sessionPid == -1 ? "" : Long.toString(r.sessionPid)));
        t.add(new Var('\0', "original_user", origUser));
        t.add(new Var('\0', "auth_user", authUser));
        t.add(new Var('\0', "local_name", r.localName));
        t.add(new Var('\0', "client_id", r.clientId));
        t.add(new Var('\0', "ssl_ja3_hash", null));
        if (r.settings.version.has(Since.VAR_TABLE_SSL_CLIENT_CERT)) {
            t.add(new Var('\0', "ssl_client_cert_fp", null));
            t.add(new Var('\0', "ssl_client_cert_pubkey_fp", null));
        }
        t.add(new Var('\0', "owner_user", user));
        return t;
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
