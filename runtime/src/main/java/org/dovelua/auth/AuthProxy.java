package org.dovelua.auth;

import org.dovelua.auth.request.AuthFields;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.version.Since;

/**
 * The proxy fields after a successful passdb lookup (auth-request.c
 * {@code auth_request_proxy_finish}): for a request that is not auth-only (a login's, a master
 * {@code PASS} lookup's; doveadm auth test's are auth-only and keep the fields as the passdb gave
 * them), {@code proxy_maybe} becomes {@code proxy} unless {@code host} is this server (the request's
 * real local IP or one of {@code auth_proxy_self}'s addresses) and {@code port}, if given, its
 * {@code lport}; then the proxy fields are dropped and the user logs in here. Without {@code host}
 * the request gets {@code lip} and {@code lport} for a director. A host name without {@code hostip}
 * is looked up ({@link ProxyHosts}) and its first address becomes {@code hostip}; an invalid
 * {@code hostip} fails the request, and from 2.4.0 so do a host and hostip that are different IPs
 * (cases 495-497, 521-523).
 */
final class AuthProxy {
    private AuthProxy() {
    }

    /** What the reply does after the proxy fields are settled. */
    enum Outcome {
        /** the success goes out */
        PROCEED,
        /** a plain failure (auth_request_proxy_finish() returned -1) */
        FAIL,
        /** an internal failure (request->internal_failure: temp_fail) */
        INTERNAL_FAILURE
    }

    /** auth_request_proxy_finish(), with the DNS lookup's callback run at once. */
    static Outcome finish(AuthRequest r) {
        AuthFields f = r.extraFields;
        if (!f.exists("proxy") && !f.exists("proxy_maybe")) {
            return Outcome.PROCEED;
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
            self = ipIsSelf(r, ipLiteral(host));
        } else {
            String hostip = f.find("hostip");
            if (hostip != null && ipLiteral(hostip) == null) {
                proxyError(r, "Invalid hostip in passdb: " + hostip);
                dropFields(r); // what the failure reply shows (seen: 2.3.19 keeps hostip, 2.4 drops it)
                return Outcome.FAIL;
            }
            if (hostip == null) {
                return hostLookup(r, host);
            }
            self = ipIsSelf(r, ipLiteral(hostip));
        }
        return finishIp(r, self);
    }

    /** auth_request_proxy_host_lookup() and its auth_request_proxy_dns_callback(). */
    private static Outcome hostLookup(AuthRequest r, String host) {
        ProxyHosts.Lookup l = r.settings.proxyHosts.lookup(host);
        if (l == null) {
            return finishIp(r, false); // not looked up (offline): another server, said in a hint
        }
        if (l.error() != null) {
            proxyError(r, "DNS lookup for " + host + " failed: " + l.error());
            dropFields(r);
            return Outcome.INTERNAL_FAILURE;
        }
        if (l.msecs() > AUTH_DNS_WARN_MSECS) {
            String took = "DNS lookup for " + host + " took " + l.msecs() / 1000 + "." + String.format("%03d", l.msecs() % 1000) + " s";
            if (r.settings.version.has(Since.PROXY_HOSTIP_CHECKED)) {
                r.event.warning("proxy: " + took);
            } else {
                r.event.parent().warning(took);
            }
        }
        r.extraFields.add("hostip", l.ips().get(0), false);
        boolean self = false;
        for (String ip : l.ips()) {
            if (ipIsSelf(r, ipLiteral(ip))) {
                self = true;
                break;
            }
        }
        return finishIp(r, self);
    }

    /** AUTH_DNS_WARN_MSECS (auth-request.c): a slower lookup is warned about. */
    private static final long AUTH_DNS_WARN_MSECS = 500;

    /**
     * An error of the proxy step: 2.4 logs it on the request's event with "proxy: " before it;
     * 2.3.19's auth_request_log_error(AUTH_SUBSYS_PROXY) line has no request prefix (seen, case 521).
     */
    private static void proxyError(AuthRequest r, String message) {
        if (r.settings.version.has(Since.PROXY_HOSTIP_CHECKED)) {
            r.event.error("proxy: " + message);
        } else {
            r.event.parent().error(message);
        }
    }

    /** auth_request_proxy_ip_is_self(): the request's real local IP, or one of auth_proxy_self's. */
    private static boolean ipIsSelf(AuthRequest r, byte[] ip) {
        if (ip == null) {
            return false;
        }
        String local = r.realLocalIp != null ? r.realLocalIp : r.localIp;
        byte[] own = local == null ? null : ipLiteral(local);
        if (own != null && java.util.Arrays.equals(ip, own)) {
            return true;
        }
        for (byte[] self : r.settings.proxyHosts.selfIps(r.settings.proxySelf)) {
            if (java.util.Arrays.equals(ip, self)) {
                return true;
            }
        }
        return false;
    }

    /** auth_request_proxy_finish_ip(). */
    private static Outcome finishIp(AuthRequest r, boolean hostIsSelf) {
        AuthFields f = r.extraFields;
        byte[] host = ipLiteral(f.find("host"));
        byte[] hostip = ipLiteral(f.find("hostip"));
        if (r.settings.version.has(Since.PROXY_HOSTIP_CHECKED) && host != null && hostip != null
                && !java.util.Arrays.equals(host, hostip)) {
            // repeated in login-common: host may be set after authentication by another process
            r.event.error("host and hostip are both IPs, but they don't match");
            dropFields(r);
            return Outcome.INTERNAL_FAILURE;
        }
        if (!f.exists("proxy_maybe")) {
            return Outcome.PROCEED; // proxying
        }
        if (!hostIsSelf || !portIsSelf(r)) {
            f.remove("proxy_maybe");
            f.add("proxy", null, false);
            return Outcome.PROCEED;
        }
        // proxying to ourself: log in without proxying
        boolean proxyAlways = !r.settings.version.has(Since.PROXY_ALWAYS_REMOVED) && f.exists("proxy_always");
        dropFields(r);
        if (proxyAlways) {
            f.add("proxy", null, false); // the director fills the host
        }
        return Outcome.PROCEED;
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

    /** net_ip2addr(): an address's text (IPv6 in its compressed form, as inet_ntop writes it). */
    static String ipText(byte[] ip) {
        try {
            String t = java.net.InetAddress.getByAddress(ip).getHostAddress();
            if (ip.length == 16) {
                t = compressIpv6(t);
            }
            return t;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The JDK writes 0:0:0:0:0:0:0:1; inet_ntop writes ::1 (the longest run of zero groups as ::). */
    private static String compressIpv6(String full) {
        String[] g = full.split(":");
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < g.length; ) {
            if (g[i].equals("0")) {
                int j = i;
                while (j < g.length && g[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(g, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(g, bestStart + bestLen, g.length));
        return head + "::" + tail;
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
