package org.dovelua.cases;

import java.util.List;
import java.util.Map;
import org.dovelua.api.Dovelua;
import org.dovelua.api.Result;

/**
 * One request and what it must answer.
 *
 * @param name the case's name (given, or made from the command)
 * @param at where the case starts in its file
 * @param command which doveadm command the case runs
 * @param user the user (null for the iteration)
 * @param password the password ({@code auth_test} and {@code auth_login} only)
 * @param info the {@code -x} pairs: service, rip, lip, secured, session, ...
 * @param expect what the answer must be
 * @param skip why the case is skipped, or null
 * @param plugin a Nauthilus plugin case's request and expectations (command {@link Command#PLUGIN}), or null
 * @param flushUsers {@code cache_flush:}'s users (empty: the whole cache)
 * @param advanceClock {@code advance_clock:}: seconds the auth process's clock moves before the request
 * @param mech {@code mech:}: the SASL mechanism of an {@code auth_test}/{@code auth_login} (null: PLAIN as doveadm
 *     sends it), dovelua being its client
 */
public record Case(String name, Location at, Command command, String user, String password,
        Map<String, String> info, Expect expect, String skip, PluginCase plugin, List<String> flushUsers,
        long advanceClock, String mech) {
    /** A case without {@code mech:}. */
    public Case(String name, Location at, Command command, String user, String password, Map<String, String> info,
            Expect expect, String skip, PluginCase plugin, List<String> flushUsers, long advanceClock) {
        this(name, at, command, user, password, info, expect, skip, plugin, flushUsers, advanceClock, null);
    }

    /** A doveadm case. */
    public Case(String name, Location at, Command command, String user, String password, Map<String, String> info,
            Expect expect, String skip) {
        this(name, at, command, user, password, info, expect, skip, null);
    }

    /** A case without cache commands or clock steps. */
    public Case(String name, Location at, Command command, String user, String password, Map<String, String> info,
            Expect expect, String skip, PluginCase plugin) {
        this(name, at, command, user, password, info, expect, skip, plugin, List.of(), 0);
    }

    public Case {
        info = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(info));
        flushUsers = List.copyOf(flushUsers);
    }

    /** The doveadm commands a case can run. */
    public enum Command {
        AUTH_TEST("auth_test"), AUTH_LOOKUP("auth_lookup"), USER("user"), ITERATE("iterate"),
        /** {@code doveadm auth login}: the passdbs, then the login's userdb lookup. */
        AUTH_LOGIN("auth_login"),
        /** {@code doveadm auth cache flush [USER...]}. */
        CACHE_FLUSH("cache_flush"),
        /** The auth process's cache statistics, as it logs them on SIGUSR2 (auth-cache.c). */
        CACHE_STATS("cache_stats"),
        /** A Nauthilus plugin run ({@code request:} in a plugin case file); not a doveadm command. */
        PLUGIN("request");

        private final String key;

        Command(String key) {
            this.key = key;
        }

        /** The key that names the command in a case file. */
        public String key() {
            return key;
        }
    }

    /** Sends this case's request. */
    public Result run(Dovelua dovelua) {
        switch (command) {
            case AUTH_TEST:
                return mech == null ? dovelua.authTest(user, password, info) : dovelua.authTest(user, password, info, mech);
            case AUTH_LOOKUP:
                return dovelua.authLookup(user, info);
            case AUTH_LOGIN:
                return mech == null ? dovelua.authLogin(user, password, info)
                        : dovelua.authLogin(user, password, info, mech);
            case USER:
                return dovelua.userLookup(user, info);
            case CACHE_FLUSH:
                return dovelua.cacheFlush(flushUsers);
            case CACHE_STATS:
                return dovelua.cacheStats();
            case PLUGIN:
                throw new IllegalStateException("a plugin case runs through PluginRun, not an auth process");
            default:
                return dovelua.iterate();
        }
    }
}
