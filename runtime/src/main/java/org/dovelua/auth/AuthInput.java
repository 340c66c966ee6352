package org.dovelua.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the client sends along with a request: doveadm's {@code -x key=value} pairs
 * ({@code auth_user_info_parse}) and the service. Applied as {@code auth_request_import_auth()}
 * would: setting {@code rip} also sets {@code real_rip} unless given, and so on.
 */
public final class AuthInput {
    private final Map<String, String> info = new LinkedHashMap<>();
    private String service = "doveadm";

    /** Parses one {@code -x} argument; returns an error text or null. */
    public String add(String pair) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        switch (key) {
            case "service":
                service = value;
                return null;
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

    void applyTo(AuthRequest r) {
        r.service = service;
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
