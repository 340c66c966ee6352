package org.dovelua.nauthilus;

/**
 * What a plugin run emulates. {@link #TEST} is Nauthilus's {@code --test-lua} mode
 * (server/testing/luatest): its mocks, its {@code request} table, every {@code nauthilus_builtin}
 * constant in every kind. {@link #PRODUCTION} is what a running Nauthilus 3.1 server gives a plugin
 * (server/lualib, server/backend/lua.go): production module names and functions, the full
 * {@code request} table of {@code CommonRequest.SetupRequest}, {@code nauthilus_util} from its Lua
 * file on {@code package.path}, the backend entry points test mode cannot call. Both answer from
 * the same fixture.
 */
public enum NauthilusMode {
    TEST("test"),
    PRODUCTION("production");

    /** The {@code --mode} value. */
    public final String flag;

    NauthilusMode(String flag) {
        this.flag = flag;
    }

    /** The mode named {@code flag} (case-sensitive), else null. */
    public static NauthilusMode of(String flag) {
        for (NauthilusMode m : values()) {
            if (m.flag.equals(flag)) {
                return m;
            }
        }
        return null;
    }
}
