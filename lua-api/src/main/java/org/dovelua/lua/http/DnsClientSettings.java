package org.dovelua.lua.http;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where a {@code dovecot.http} host name is looked up: lib-dns-client's settings as 2.4.2+ {@code dovecot.http.client{}} takes them
 * (src/lib-dns-client/dns-client-settings.c, commit dd6f9b3a3f; dlua-dovecot-http.c
 * {@code parse_client_settings} tries them after the http_client_ and ssl settings). They are
 * overrides only: lib-http reads them at a host name's lookup ({@code dns_lookup()} ->
 * {@code dns_client_init()} -> {@code settings_get()}), so a bad {@code dns_client_timeout} is
 * accepted by {@code client{}} and fails the lookup (seen on 2.4.5, case 410).
 */
public final class DnsClientSettings {
    /** {@code dns_client_setting_defines}. */
    public static final Set<String> NAMES = Set.of("dns_client_socket_path", "base_dir", "dns_client_timeout");
    /** {@code dns_client_default_settings.dns_client_socket_path}. */
    private static final String DEFAULT_SOCKET = "dns-client";

    private final String processBaseDir;
    private final Predicate<String> socketExists;
    private final boolean ownSettings;

    /**
     * @param processBaseDir the auth process's {@code base_dir}
     * @param socketExists whether a socket path is there to connect to (through the mounts)
     * @param ownSettings 2.4.2+: lib-dns-client's own settings; before (2.4.0, 2.4.1) the socket
     *        is lib-http's {@code http_client_dns_client_socket_path} and there is no timeout setting
     */
    public DnsClientSettings(String processBaseDir, Predicate<String> socketExists, boolean ownSettings) {
        this.processBaseDir = processBaseDir;
        this.socketExists = socketExists;
        this.ownSettings = ownSettings;
    }

    /** Whether {@code dovecot.http.client{}} takes {@link #NAMES} as lib-dns-client's (2.4.2+). */
    boolean ownSettings() {
        return ownSettings;
    }

    /**
     * Why the lookup of a host name fails before any name server is asked, or null when it reaches
     * the dns-client service: the overrides do not parse ({@code dns_client settings: ...}), or the
     * socket the settings name is not there ({@code dns_client_connect}: {@code Failed to connect to
     * %s: %m}). The default socket, {@code base_dir/dns-client}, is Dovecot's own dns-client service.
     */
    String lookupError(Map<String, String> overrides) {
        String timeout = overrides.get("dns_client_timeout");
        if (timeout != null) {
            try {
                HttpClientSettings.interval(timeout, true);
            } catch (HttpClientSettings.Invalid e) {
                return "dns_client settings: Failed to parse configuration: Failed to override configuration from"
                        + " hardcoded: Invalid dns_client_timeout=" + timeout + ": " + e.getMessage();
            }
        }
        String path = socketPath(overrides);
        if (path.equals(processBaseDir + "/" + DEFAULT_SOCKET) || socketExists.test(path)) {
            return null;
        }
        return "Failed to connect to " + path + ": No such file or directory";
    }

    /**
     * {@code dns_client_settings_check}: a socket path not starting with {@code ./} is put under
     * base_dir, an absolute one too (2.4.5: {@code base_dir//nonexistent/dns}, case 410); the
     * trailing-slash trim there is {@code p_strndup(base_dir, len)}, which trims nothing.
     */
    String socketPath(Map<String, String> overrides) {
        if (!ownSettings) {
            // 2.4.1 http-client.c http_client_context_update_settings: '/' and './' paths as they are
            String path = overrides.getOrDefault("dns_client_socket_path", DEFAULT_SOCKET);
            return path.startsWith("/") || path.startsWith("./") ? path : processBaseDir + "/" + path;
        }
        String base = overrides.getOrDefault("base_dir", processBaseDir);
        String path = overrides.getOrDefault("dns_client_socket_path", DEFAULT_SOCKET);
        if (!base.isEmpty() && !path.isEmpty() && !path.startsWith("./")) {
            return base + "/" + path;
        }
        return path;
    }
}
