package org.dovelua.lua.lua54;

import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.lua54.vm.Lua54Arith;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code collectgarbage} with Lua 5.4's options (lbaselib.c {@code luaB_collectgarbage}): LuaJ's
 * knows collect, count and step and raises for the rest, which scripts tuning the collector call.
 * The JVM collects on its own, so the other options keep the state a script can read back
 * ({@code isrunning}, the previous mode, the previous pause and step multiplier) and change nothing else.
 */
final class Lua54GcLib {
    private final LuaValue luaj;
    private boolean running = true;
    private String mode = "incremental";
    private long pause = 200;
    private long stepmul = 100;

    private Lua54GcLib(LuaValue luaj) {
        this.luaj = luaj;
    }

    /** Replaces the state's {@code collectgarbage}, keeping LuaJ's for what it does. */
    static LuaValue over(LuaValue luaj) {
        Lua54GcLib gc = new Lua54GcLib(luaj);
        return LuaArgs.fn("collectgarbage", gc::call);
    }

    private Varargs call(Varargs a) {
        String opt = LuaArgs.optString(a, 1, "collectgarbage", "collect");
        switch (opt) {
            case "stop", "restart" -> {
                running = opt.equals("restart");
                return Lua54Arith.integer(0);
            }
            case "collect" -> {
                luaj.call(LuaValue.valueOf("collect"));
                return Lua54Arith.integer(0);
            }
            case "count" -> {
                return LuaValue.valueOf(luaj.call(LuaValue.valueOf("count")).todouble());
            }
            case "step" -> {
                return luaj.call(LuaValue.valueOf("step"));
            }
            case "setpause", "setstepmul" -> {
                long value = a.isnoneornil(2) ? 0 : LuaArgs.checkInteger(a, 2, "collectgarbage");
                long previous = opt.equals("setpause") ? pause : stepmul;
                if (opt.equals("setpause")) {
                    pause = value;
                } else {
                    stepmul = value;
                }
                return Lua54Arith.integer(previous);
            }
            case "isrunning" -> {
                return LuaValue.valueOf(running);
            }
            case "generational", "incremental" -> {
                String previous = mode;
                mode = opt;
                return LuaValue.valueOf(previous);
            }
            default -> throw LuaArgs.argError(1, "collectgarbage", "invalid option '" + opt + "'");
        }
    }
}
