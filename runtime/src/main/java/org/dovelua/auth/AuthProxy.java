package org.dovelua.auth;

import org.dovelua.auth.request.AuthFields;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.version.Since;

/**
 * The proxy fields after a successful passdb lookup (auth-request.c
 * {@code auth_request_proxy_finish}): for a request that is not auth-only (a login's, a master
 * {@code PASS} lookup's; doveadm auth test's are auth-only and keep the fields as the passdb gave
 * them), {@code proxy_maybe} becomes {@code proxy} unless {@code host} is the server's own address
 * ({@code real_lip}) and {@code port}, if given, its {@code lport}; then the proxy fields are
 * dropped and the user logs in here. Without {@code host} the request gets {@code lip} and
 * {@code lport} for a director. A host name without {@code hostip} needs a DNS lookup dovelua
 * does not make: it is taken as not this server. {@code auth_proxy_self} is not read.
 */
final class AuthProxy {
    private AuthProxy() {
    }

    /** auth_request_proxy_finish() without its DNS lookup. */
    static void finish(AuthRequest r) {
        AuthFields f = r.extraFields;
        if (!f.exists("proxy") && !f.exists("proxy_maybe")) {
            return;
        }
        String host = f.find("host");
        boolean self;
        if (host == null) {
            // director can set the host: give it access to lip and lport
            self = false;
            if (r.localIp != null) {
                f.add("lip", r.localIp, false);
            }
            if (r.localPort != 0) {
                f.add("lport", Integer.toString(r.localPort), false);
            }
        } else if (ipLiteral(host) != null) {
            self = ipIsSelf(r, host);
        } else {
            String hostip = f.find("hostip");
            self = hostip != null && ipLiteral(hostip) != null && ipIsSelf(r, hostip);
        }
        finishIp(r, self);
    }

    /** auth_request_proxy_ip_is_self(): the request's real local IP (auth_proxy_self is not emulated). */
    private static boolean ipIsSelf(AuthRequest r, String ip) {
        String local = r.realLocalIp != null ? r.realLocalIp : r.localIp;
        if (local == null) {
            return false;
        }
        byte[] a = ipLiteral(ip);
        byte[] b = ipLiteral(local);
        return a != null && b != null && java.util.Arrays.equals(a, b);
    }

    /** auth_request_proxy_finish_ip(). */
    private static void finishIp(AuthRequest r, boolean hostIsSelf) {
        AuthFields f = r.extraFields;
        if (!f.exists("proxy_maybe")) {
            return; // proxying
        }
        if (!hostIsSelf || !portIsSelf(r)) {
            f.remove("proxy_maybe");
            f.add("proxy", null, false);
            return;
        }
        // proxying to ourself: log in without proxying
        boolean proxyAlways = !r.settings.version.has(Since.PROXY_ALWAYS_REMOVED) && f.exists("proxy_always");
        dropFields(r);
        if (proxyAlways) {
            f.add("proxy", null, false); // the director fills the host
        }
    }

    /** auth_request_proxy_is_self(): the port, when given, is the request's local port (destuser is not compared). */
    private static boolean portIsSelf(AuthRequest r) {
        String port = r.extraFields.find("port");
        return port == null || port.equals(Integer.toString(r.localPort));
    }

    /** net_addr2ip() of an IP literal (never a DNS lookup): its bytes, or null for anything else. */
    static byte[] ipLiteral(String s) {
        if (s == null || s.isEmpty() || !(s.matches("[0-9.]+") || s.matches("[0-9A-Fa-f:.]+") && s.indexOf(':') >= 0)) {
            return null;
        }
        try {
            return java.net.InetAddress.getByName(s).getAddress();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** auth_request_proxy_finish_failure(): drop all proxying fields. */
    static void dropFields(AuthRequest r) {
        AuthFields f = r.extraFields;
        f.remove("proxy");
        f.remove("proxy_maybe");
        if (!r.settings.version.has(Since.PROXY_ALWAYS_REMOVED)) {
            f.remove("proxy_always");
        }
        f.remove("host");
        if (r.settings.version.has(Since.SETTINGS_24)) {
            f.remove("hostip"); // 2.4.0's list adds it (auth-request.c@2.4.1)
        }
        f.remove("port");
        f.remove("destuser");
    }
}
