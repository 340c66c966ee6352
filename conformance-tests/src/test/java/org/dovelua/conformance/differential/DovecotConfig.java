package org.dovelua.conformance.differential;

import java.util.List;

/**
 * The {@code dovecot.conf} a case runs with on both sides: DESIGN.md's minimal config in the 2.3
 * or the 2.4 syntax, then the case's own {@code config} fragment. {@code base: none} leaves the
 * passdb/userdb blocks to that fragment (e.g. for lua_settings).
 */
final class DovecotConfig {
    private static final String SERVICES = "service anvil {\n  chroot =\n}\nservice stats {\n  chroot =\n}\n";

    private DovecotConfig() {
    }

    /** The config for the release the case pins, with {@code %DIR%} as {@code dir}. */
    static String of(DifferentialCase c, String dir) {
        return c.isVersion24() ? v24(c, dir) : v23(c, dir);
    }

    static String v23(DifferentialCase c, String d) {
        StringBuilder conf = new StringBuilder();
        conf.append("base_dir = ").append(d).append("/run\n")
                .append("state_dir = ").append(d).append("/state\n")
                .append("protocols =\n")
                .append("log_path = ").append(d).append("/dovecot.log\n")
                .append("auth_verbose = yes\n")
                .append("auth_debug = no\n");
        if (luaBoth(c)) {
            for (String db : List.of("passdb", "userdb")) {
                conf.append(db).append(" {\n  driver = lua\n  args = file=").append(d)
                        .append("/auth.lua blocking=yes\n}\n");
            }
        }
        return conf.append(SERVICES).append(c.config().replace("%DIR%", d)).toString();
    }

    /**
     * The 2.4 form: {@code dovecot_config_version} must be the first setting, {@code protocols} is a
     * list, and the Lua databases are named filters with {@code lua_file}.
     */
    static String v24(DifferentialCase c, String d) {
        String v = c.version();
        StringBuilder conf = new StringBuilder();
        conf.append("dovecot_config_version = ").append(v).append('\n')
                .append("dovecot_storage_version = ").append(v).append('\n')
                .append("base_dir = ").append(d).append("/run\n")
                .append("state_dir = ").append(d).append("/state\n")
                .append("protocols {\n}\n")
                .append("log_path = ").append(d).append("/dovecot.log\n")
                .append("auth_verbose = yes\n")
                .append("auth_debug = no\n");
        if (luaBoth(c)) {
            for (String db : List.of("passdb", "userdb")) {
                conf.append(db).append(" lua {\n  lua_file = ").append(d).append("/auth.lua\n}\n");
            }
        }
        return conf.append(SERVICES).append(c.config().replace("%DIR%", d)).toString();
    }

    private static boolean luaBoth(DifferentialCase c) {
        String base = c.base();
        if (!base.equals("lua-both") && !base.equals("none")) {
            throw new IllegalArgumentException("unknown base: " + base);
        }
        return base.equals("lua-both");
    }
}
