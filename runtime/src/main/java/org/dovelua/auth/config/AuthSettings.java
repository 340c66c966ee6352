package org.dovelua.auth.config;

import org.dovelua.lua.MemoryBudget;
import org.dovelua.version.DovecotVersion;

/**
 * The global {@code auth_*} settings the emulation reads (src/auth/auth-settings.c defaults).
 */
public final class AuthSettings {
    /** Dovecot's default {@code auth_username_chars}. */
    public static final String DEFAULT_USERNAME_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01234567890.-_@";

    public DovecotVersion version = DovecotVersion.DEFAULT;
    public boolean debug;
    public boolean verbose;
    public boolean debugPasswords;
    /** 2.4 {@code auth_allow_weak_schemes} (default no); 2.3 has no such check. */
    public boolean allowWeakSchemes;
    /** {@code auth_verbose_passwords}: no, plain, sha1 (optionally {@code :len}). */
    public String verbosePasswords = "no";
    /** 2.3 default {@code %Lu}. */
    public String usernameFormat = "%Lu";
    public String usernameChars = DEFAULT_USERNAME_CHARS;
    public String usernameTranslation = "";
    public String masterUserSeparator = "";
    public String defaultRealm = "";
    /** {@code auth_mechanisms}, checked at the auth process's start (auth-settings.c default "plain"). */
    public String mechanisms = "plain";
    /** {@code auth_use_winbind}: NTLM and GSS-SPNEGO come from winbind. */
    public boolean useWinbind;
    /** {@code auth_anonymous_username} (default "anonymous"), which ANONYMOUS needs. */
    public String anonymousUsername = "anonymous";
    /** Whether the Lua passdb/userdb run in auth workers ({@code blocking=yes}, the default). */
    public String baseDir = "/var/run/dovecot";
    /** {@code ssl_client_ca_file}: what lib-http's TLS connections trust besides the system's CAs. */
    public String sslClientCaFile = "";
    /** {@code auth_cache_size} in bytes (0: no cache). */
    public long cacheSize;
    /** {@code auth_cache_ttl} in seconds (default 1 hour). */
    public long cacheTtl = 60 * 60;
    /** {@code auth_cache_negative_ttl} in seconds (default 1 hour; 0: no negative entries). */
    public long cacheNegativeTtl = 60 * 60;
    /** {@code time(NULL)} as the auth cache reads it: seconds; tests give their own. */
    public java.util.function.LongSupplier clock = () -> System.currentTimeMillis() / 1000;
    /** {@code auth_proxy_self}: addresses (or host names) that count as this server for proxy_maybe. */
    public String proxySelf = "";
    /** Where proxy host names are looked up (auth-request.c's dns_lookup; {@link org.dovelua.auth.ProxyHosts}). */
    public org.dovelua.auth.ProxyHosts proxyHosts = org.dovelua.auth.ProxyHosts.offline(line -> { });
    /** {@code auth_failure_delay} in seconds (default 2); 0 answers failures at once (2.4 logs why). */
    public long failureDelay = 2;
    /** {@code service auth-worker { process_limit }} (default 30), sent in the worker's handshake. */
    public int workerProcessLimit = 30;
    /** {@code service auth { vsz_limit }}, else {@code default_vsz_limit} (256 MB); 0 is unlimited. */
    public long authVszLimit = MemoryBudget.DEFAULT_VSZ_LIMIT;
    /** {@code service auth-worker { vsz_limit }}, else {@code default_vsz_limit}. */
    public long workerVszLimit = MemoryBudget.DEFAULT_VSZ_LIMIT;

    /** The memory budget of a Lua state in an auth worker ({@code worker}) or the auth process. */
    public MemoryBudget memoryBudget(boolean worker) {
        String service = worker ? "auth-worker" : "auth";
        return new MemoryBudget(worker ? workerVszLimit : authVszLimit, "service " + service + " { vsz_limit }");
    }
}
