package org.dovelua.nauthilus.redis;

import java.util.Map;
import org.luaj.vm2.LuaString;

/**
 * redis_run_script / redis_upload_script (server/lualib/redislib/scripts.go): Redis-side Lua (EVAL,
 * EVALSHA, SCRIPT LOAD) is not served offline; the arguments are still checked as scripts.go reads
 * them, a named script that was never uploaded still gets {@code could not find script with name X},
 * and everything else answers (nil, {@link #OFFLINE}).
 */
final class ScriptFunctions {
    /** The text both functions and a pipeline's run_script row answer with. */
    static final String OFFLINE = "EVAL is not supported offline: dovelua's in-process redis runs no Redis-side"
            + " Lua scripts (redis_run_script, redis_upload_script, pipeline run_script); hint: seed the"
            + " script's effect through the fixture's redis.initial_data, or keep the script call out of"
            + " the path under test";

    private ScriptFunctions() {
    }

    static void register(Map<String, RedisFunction> fns) {
        fns.put("redis_run_script", a -> {
            a.checkLuaString(2);
            LuaString name = a.optLuaString(3, "");
            a.checkTable(4);
            return RedisResults.error(scriptError(name.tojstring()));
        });
        fns.put("redis_upload_script", a -> {
            a.checkLuaString(2);
            a.optLuaString(3, "");
            return RedisResults.error(OFFLINE);
        });
    }

    /** scripts.go evaluateRedisScript: the upload name is looked up before anything is sent. */
    static String scriptError(String uploadName) {
        if (!uploadName.isEmpty()) {
            return "could not find script with name " + uploadName;
        }
        return OFFLINE;
    }
}
