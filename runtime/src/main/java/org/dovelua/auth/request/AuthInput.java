package org.dovelua.auth.request;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dovelua.lib.TabEscape;

/**
 * What the client sends along with a request: doveadm's {@code -x key=value} pairs
 * ({@code auth_user_info_parse}) and the service. Applied as {@code auth_request_import_auth()}
 * would: setting {@code rip} also sets {@code real_rip} unless given, and so on.
 */
public final class AuthInput {
    private final Map<String, String> info = new LinkedHashMap<>();
    private String service = "doveadm";
    /** 2.4's service: the last of {@code -x service=} and {@code -x protocol=} (null: neither given). */
    private String protocol;

    /** Parses one {@code -x} argument; returns an error text or null. */
    public String add(String pair) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        switch (key) {
            case "service":
                service = value;
                protocol = value;
                return null;
            case "protocol":
                protocol = value; // 2.4's name for the service (an ordinary info key before 2.4)
                break;
            case "lip": case "rip": case "real_lip": case "real_rip":
                if (AllowNets.parseIp(value) == null) {
                    return "Invalid " + key + " value: " + value;
                }
                break;
            case "lport": case "rport": case "real_lport": case "real_rport":
                if (!value.matches("\\d{1,5}") || Integer.parseInt(value) > 65535) {
                    return "Invalid " + key + " value: " + value;
                }
                break;
            default:
                break;
        }
        info.put(key, value);
        return null;
    }

    public String service() {
        return service;
    }

    public AuthInput service(String s) {
        this.service = s;
        return this;
    }

    public Map<String, String> info() {
        return info;
    }

    private String v(String key) {
        return info.get(key);
    }

    private static boolean differs(String real, String plain) {
        return real != null && !real.equals(plain);
    }

    /** The parameters doveadm's auth client sends with AUTH (lib-auth auth_server_send_new_request). */
    public String clientParams(boolean debug) {
        StringBuilder sb = new StringBuilder("\tservice=").append(TabEscape.escape(service));
        if (info.containsKey("secured")) {
            sb.append("\tsecured").append("tls".equals(v("secured")) ? "=tls" : "");
        }
        if (info.containsKey("no-penalty")) {
            sb.append("\tno-penalty");
        }
        if (info.containsKey("valid-client-cert")) {
            sb.append("\tvalid-client-cert");
        }
        if (debug) {
            sb.append("\tdebug");
        }
        append(sb, "session", v("session"));
        append(sb, "lip", v("lip"));
        append(sb, "rip", v("rip"));
        append(sb, "lport", v("lport"));
        append(sb, "rport", v("rport"));
        if (differs(v("real_lip"), v("lip"))) {
            append(sb, "real_lip", v("real_lip"));
        }
        if (differs(v("real_rip"), v("rip"))) {
            append(sb, "real_rip", v("real_rip"));
        }
        if (differs(v("real_lport"), v("lport"))) {
            append(sb, "real_lport", v("real_lport"));
        }
        if (differs(v("real_rport"), v("rport"))) {
            append(sb, "real_rport", v("real_rport"));
        }
        append(sb, "local_name", v("local_name"));
        append(sb, "client_id", v("client_id"));
        return sb.toString();
    }

    /** The parameters of a master request (lib-auth auth_user_info_export). */
    public String masterParams(boolean debug) {
        StringBuilder sb = new StringBuilder("\tservice=").append(service);
        append(sb, "session", v("session"));
        append(sb, "local_name", v("local_name"));
        append(sb, "lip", v("lip"));
        append(sb, "lport", v("lport"));
        append(sb, "rip", v("rip"));
        append(sb, "rport", v("rport"));
        if (differs(v("real_rip"), v("rip"))) {
            append(sb, "real_rip", v("real_rip"));
        }
        if (differs(v("real_lip"), v("lip"))) {
            append(sb, "real_lip", v("real_lip"));
        }
        if (differs(v("real_lport"), v("lport"))) {
            append(sb, "real_lport", v("real_lport"));
        }
        if (differs(v("real_rport"), v("rport"))) {
            append(sb, "real_rport", v("real_rport"));
        }
        if (debug) {
            sb.append("\tdebug");
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String key, String value) {
        if (value != null && !value.isEmpty()) {
            sb.append('\t').append(key).append('=').append(TabEscape.escape(value));
        }
    }

    public void applyTo(AuthRequest r) {
        r.service = r.settings.version.has(org.dovelua.version.Since.DOVEADM_PROTOCOL_INFO) && protocol != null
                ? protocol : service;
        for (Map.Entry<String, String> e : info.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "lip":
                    r.localIp = v;
                    if (r.realLocalIp == null) {
                        r.realLocalIp = v;
                    }
                    break;
                case "rip":
                    r.remoteIp = v;
                    if (r.realRemoteIp == null) {
                        r.realRemoteIp = v;
                    }
                    break;
                case "lport":
                    r.localPort = Integer.parseInt(v);
                    if (r.realLocalPort == 0) {
                        r.realLocalPort = r.localPort;
                    }
                    break;
                case "rport":
                    r.remotePort = Integer.parseInt(v);
                    if (r.realRemotePort == 0) {
                        r.realRemotePort = r.remotePort;
                    }
                    break;
                case "real_lip":
                    r.realLocalIp = v;
                    break;
                case "real_rip":
                    r.realRemoteIp = v;
                    break;
                case "real_lport":
                    r.realLocalPort = Integer.parseInt(v);
                    break;
                case "real_rport":
                    r.realRemotePort = Integer.parseInt(v);
                    break;
                case "session":
                    r.sessionId = v;
                    break;
                case "local_name":
                    r.localName = v;
                    break;
                case "client_id":
                    r.clientId = v;
                    break;
                case "secured":
                    r.secured = v.equals("tls") ? AuthRequest.Secured.TLS : AuthRequest.Secured.SECURED;
                    break;
                case "valid-client-cert":
                    r.validClientCert = true;
                    break;
                default:
                    break; // unknown keys are ignored by auth_request_import_auth, as here
            }
        }
    }
}
