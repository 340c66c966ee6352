package org.dovelua.auth.request;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code auth_request_get_var_expand_table()} (src/auth/auth-request-var-expand.c): the request's
 * variables in table order. The Lua request's {@code __index} returns the first entry whose long
 * key matches; {@code %x} and {@code %{name}} in templates read the same table.
 */
public final class AuthRequestVars {
    /** One variable: short key (0 for none), long key (null for none), value (null = unset). */
    public record Var(char key, String longKey, String value) {
    }

    private AuthRequestVars() {
    }

    /** The table for {@code request} with {@code %u} = {@code username} (the request's user by default). */
    public static List<Var> table(AuthRequest r, String username) {
        return r.settings.version.is24() ? table24(r, username) : table23(r, username);
    }

    public static List<Var> table(AuthRequest r) {
        return table(r, r.user);
    }

    /** First value whose long key is {@code name}; {@code found[0]} tells an unset value from a miss. */
    public static String lookup(List<Var> table, String name, boolean[] found) {
        for (Var v : table) {
            if (name.equals(v.longKey())) {
                found[0] = true;
                return v.value();
            }
        }
        found[0] = false;
        return null;
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
        if (r.settings.version.atLeast(2, 3, 13)) {
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
        if (r.settings.version.atLeast(2, 4, 2)) {
            t.add(new Var('\0', "ssl_client_cert_fp", null));
            t.add(new Var('\0', "ssl_client_cert_pubkey_fp", null));
        }
        t.add(new Var('\0', "owner_user", user));
        return t;
    }
}
