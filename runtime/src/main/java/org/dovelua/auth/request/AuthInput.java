package org.dovelua.auth.request;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dovelua.lib.TabEscape;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;

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
    /** Every {@code -x} argument as given, in order. */
    private final List<String> pairs = new ArrayList<>();
    /** The keys doveadm-auth.c {@code auth_user_info_parse_arg} takes (forward_* aside). */
    private static final Set<String> PARSED_BY_DOVEADM = Set.of("service", "session", "local_name", "lip", "rip",
            "lport", "rport", "real_lip", "real_rip", "real_lport", "real_rport");

    /** Parses one {@code -x} argument; returns an error text or null. */
    public String add(String pair) {
        pairs.add(pair);
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

    /**
     * The protocol doveadm sends: 2.3 reads only {@code service=} (a {@code protocol=} pair is an
     * extra field there), 2.4 the last of {@code service=} and {@code protocol=}
     * (doveadm-auth.c {@code auth_user_info_parse_arg}).
     */
    public String sentProtocol(DovecotVersion v) {
        return v.has(Since.DOVEADM_PROTOCOL_INFO) && protocol != null ? protocol : service;
    }

    /**
     * The {@code -x} pairs doveadm does not parse itself: sent as they were given, after the known
     * ones ({@code info->extra_fields}; {@code secured}, {@code client_id} and the like are among them).
     */
    private List<String> extraFields(DovecotVersion v) {
        List<String> extra = new ArrayList<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            boolean known = PARSED_BY_DOVEADM.contains(key) || key.startsWith("forward_")
                    || key.equals("protocol") && v.has(Since.DOVEADM_PROTOCOL_INFO);
            if (!known || eq < 0) {
                extra.add(pair);
            }
        }
        return extra;
    }

    /** {@code -x forward_KEY=VALUE} pairs as lib-auth sends them: {@code forward_fields=} of tab-escaped pairs. */
    private void appendForwardFields(StringBuilder sb) {
        List<String> fields = new ArrayList<>();
        for (String pair : pairs) {
            if (pair.startsWith("forward_")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair.substring(8) : pair.substring(8, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                fields.add(TabEscape.escape(key) + "=" + TabEscape.escape(value));
            }
        }
        if (!fields.isEmpty()) {
            sb.append("\tforward_fields=").append(TabEscape.escape(String.join("\t", fields)));
        }
    }

    /**
     * The parameters doveadm's auth client sends with AUTH (lib-auth auth-client-request.c
     * {@code auth_server_send_new_request}); doveadm sets no flag but debug, so {@code -x secured}
     * travels as an extra field. 2.4 names the service {@code protocol=} and always sends
     * {@code final-resp-ok} (lib-auth-client, seen on 2.4.1).
     */
    public String clientParams(DovecotVersion v, boolean debug) {
        boolean v24 = v.has(Since.AUTH_CLIENT_PROTOCOL_PARAMETER);
        StringBuilder sb = new StringBuilder(v24 ? "\tprotocol=" : "\tservice=")
                .append(TabEscape.escape(sentProtocol(v)));
        if (v24) {
            sb.append("\tfinal-resp-ok");
        }
        if (debug) {
            sb.append("\tdebug");
        }
        appendSet(sb, "session", v("session"));
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
        appendForwardFields(sb);
        for (String extra : extraFields(v)) {
            sb.append('\t').append(TabEscape.escape(extra));
        }
        return sb.toString();
    }

    /** The parameters of a master request (lib-auth auth-master.c {@code auth_user_info_export}). */
    public String masterParams(DovecotVersion v, boolean debug) {
        StringBuilder sb = new StringBuilder(v.has(Since.AUTH_CLIENT_PROTOCOL_PARAMETER) ? "\tprotocol=" : "\tservice=")
                .append(sentProtocol(v));
        appendSet(sb, "session", v("session"));
        appendSet(sb, "local_name", v("local_name"));
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
        appendForwardFields(sb);
        for (String extra : extraFields(v)) {
            sb.append('\t').append(TabEscape.escape(extra));
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String key, String value) {
        if (value != null && !value.isEmpty()) {
            sb.append('\t').append(key).append('=').append(TabEscape.escape(value));
        }
    }

    /** A string doveadm keeps when given at all, empty included ({@code info->session_id != NULL}). */
    private static void appendSet(StringBuilder sb, String key, String value) {
        if (value != null) {
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
        // auth-request-fields.c auth_request_import_info(): forward_fields become forward_* extra
        // fields, snapshotted so that a failing first passdb's rollback keeps them (case 339)
        boolean forwarded = false;
        for (String pair : pairs) {
            if (pair.startsWith("forward_")) {
                int eq = pair.indexOf('=');
                r.extraFields.add(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1), false);
                forwarded = true;
            }
        }
        if (forwarded) {
            r.extraFields.snapshot();
        }
    }
}
