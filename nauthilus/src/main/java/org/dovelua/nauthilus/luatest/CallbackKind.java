package org.dovelua.nauthilus.luatest;

/** The six {@code --test-callback} kinds (server/main.go {@code runLuaTest} validCallbacks) and their entry functions (definitions/const.go). */
public enum CallbackKind {
    SUBJECT("subject", "nauthilus_call_subject", true),
    ENVIRONMENT("environment", "nauthilus_call_environment", true),
    ACTION("action", "nauthilus_call_action", false),
    BACKEND("backend", "nauthilus_backend_verify_password", true),
    HOOK("hook", "nauthilus_run_hook", false),
    CACHE_FLUSH("cache_flush", "nauthilus_cache_flush", true);

    public final String flag;
    public final String entry;
    /** Looked up in {@code __NAUTH_REQ_ENV} first (runner.go resolveLuaFunction); action and hook use {@code _G} only. */
    final boolean requestEnvFirst;

    CallbackKind(String flag, String entry, boolean requestEnvFirst) {
        this.flag = flag;
        this.entry = entry;
        this.requestEnvFirst = requestEnvFirst;
    }

    /** Exactly one of the six names (case-sensitive), else null. */
    public static CallbackKind of(String flag) {
        for (CallbackKind k : values()) {
            if (k.flag.equals(flag)) {
                return k;
            }
        }
        return null;
    }
}
