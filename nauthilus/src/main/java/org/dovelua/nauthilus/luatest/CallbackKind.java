package org.dovelua.nauthilus.luatest;

import java.util.ArrayList;
import java.util.List;
import org.dovelua.nauthilus.NauthilusMode;

/**
 * The {@code --test-callback} kinds and their entry functions (definitions/const.go). The first six
 * are test mode's (server/main.go {@code runLuaTest} validCallbacks). The {@code backend_*} kinds
 * are the other Lua backend commands of production (backend/lua.go {@code luaRequestCommandSpecs}),
 * which test mode cannot call; their flag is the entry function's name without {@code nauthilus_}.
 */
public enum CallbackKind {
    SUBJECT("subject", "nauthilus_call_subject", true, false),
    ENVIRONMENT("environment", "nauthilus_call_environment", true, false),
    ACTION("action", "nauthilus_call_action", false, false),
    BACKEND("backend", "nauthilus_backend_verify_password", true, false),
    HOOK("hook", "nauthilus_run_hook", false, false),
    CACHE_FLUSH("cache_flush", "nauthilus_cache_flush", true, false),
    // backend/lua.go luaRequestCommandSpecs: (code, list) for these two, (code) for the rest
    BACKEND_LIST_ACCOUNTS("backend_list_accounts", "nauthilus_backend_list_accounts", true, true),
    BACKEND_ADD_TOTP("backend_add_totp", "nauthilus_backend_add_totp", true, true),
    BACKEND_DELETE_TOTP("backend_delete_totp", "nauthilus_backend_delete_totp", true, true),
    BACKEND_ADD_TOTP_RECOVERY_CODES("backend_add_totp_recovery_codes",
            "nauthilus_backend_add_totp_recovery_codes", true, true),
    BACKEND_DELETE_TOTP_RECOVERY_CODES("backend_delete_totp_recovery_codes",
            "nauthilus_backend_delete_totp_recovery_codes", true, true),
    BACKEND_GET_WEBAUTHN_CREDENTIALS("backend_get_webauthn_credentials",
            "nauthilus_backend_get_webauthn_credentials", true, true),
    BACKEND_SAVE_WEBAUTHN_CREDENTIAL("backend_save_webauthn_credential",
            "nauthilus_backend_save_webauthn_credential", true, true),
    BACKEND_DELETE_WEBAUTHN_CREDENTIAL("backend_delete_webauthn_credential",
            "nauthilus_backend_delete_webauthn_credential", true, true),
    BACKEND_UPDATE_WEBAUTHN_CREDENTIAL("backend_update_webauthn_credential",
            "nauthilus_backend_update_webauthn_credential", true, true);

    public final String flag;
    public final String entry;
    /**
     * Looked up in {@code __NAUTH_REQ_ENV} first (runner.go resolveLuaFunction; backend/lua.go
     * executeAndHandleError); action and hook use {@code _G} only.
     */
    final boolean requestEnvFirst;
    /** Only production can call it (no test-mode kind). */
    public final boolean productionOnly;

    CallbackKind(String flag, String entry, boolean requestEnvFirst, boolean productionOnly) {
        this.flag = flag;
        this.entry = entry;
        this.requestEnvFirst = requestEnvFirst;
        this.productionOnly = productionOnly;
    }

    /** A Lua backend command (backend/lua.go): verify_password and the production-only backend kinds. */
    public boolean isBackendCommand() {
        return this == BACKEND || productionOnly;
    }

    /** Exactly one of test mode's six names (case-sensitive), else null. */
    public static CallbackKind of(String flag) {
        return of(flag, NauthilusMode.TEST);
    }

    /** A kind {@code mode} can call, by its flag; null when there is none. */
    public static CallbackKind of(String flag, NauthilusMode mode) {
        for (CallbackKind k : values()) {
            if (k.flag.equals(flag) && (!k.productionOnly || mode == NauthilusMode.PRODUCTION)) {
                return k;
            }
        }
        return null;
    }

    /** The flags {@code mode} accepts, in order, comma-separated (for the usage error). */
    public static String flags(NauthilusMode mode) {
        List<String> out = new ArrayList<>();
        for (CallbackKind k : values()) {
            if (!k.productionOnly || mode == NauthilusMode.PRODUCTION) {
                out.add(k.flag);
            }
        }
        return String.join(", ", out);
    }
}
