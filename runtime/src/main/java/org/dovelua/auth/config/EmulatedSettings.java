package org.dovelua.auth.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code auth_*} settings dovelua acts on. Another {@code auth_*} setting real Dovecot knows
 * (failure delays, worker counts, policy servers, ...) changes nothing in
 * dovelua's answers, which a user should be told rather than find out (issue 18): the other
 * settings of a dovecot.conf (mail, ssl, protocols) do not concern authentication answers.
 */
public final class EmulatedSettings {
    private static final Set<String> AUTH = Set.of("auth_debug", "auth_verbose", "auth_debug_passwords",
            "auth_verbose_passwords", "auth_allow_weak_schemes", "auth_username_format", "auth_username_chars",
            "auth_username_translation", "auth_master_user_separator", "auth_default_realm", "auth_default_domain",
            "auth_mechanisms", "auth_use_winbind", "auth_anonymous_username", "auth_proxy_self");
    /** The auth cache (auth-cache.c); auth_cache_verify_password_with_worker stays a note. */
    private static final Set<String> AUTH_CACHE = Set.of("auth_cache_size", "auth_cache_ttl",
            "auth_cache_negative_ttl");

    private EmulatedSettings() {
    }

    /** The root {@code auth_*} settings of {@code settings} that dovelua does not emulate, sorted. */
    public static List<String> notEmulated(Map<String, String> settings) {
        return settings.keySet().stream().filter(k -> k.startsWith("auth_") && !AUTH.contains(k)
                && !AUTH_CACHE.contains(k)).sorted().toList();
    }

    /** The {@code dovelua: note:} text for {@code names}, or null when there are none. */
    public static String note(List<String> names) {
        if (names.isEmpty()) {
            return null;
        }
        return String.join(", ", names) + (names.size() == 1 ? " is" : " are") + " set but not emulated: dovelua answers"
                + " as without " + (names.size() == 1 ? "it" : "them");
    }
}
