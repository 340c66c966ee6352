package org.luaj.vm2;

/**
 * dovelua: a Lua 5.4 float with an integral value, as Dovecot pushes its result constants and
 * {@code password_verify} codes ({@code lua_pushnumber}: {@code tostring(PASSDB_RESULT_OK)} is
 * {@code 1.0} on a real server). LuaJ 3.0.1 has no float subtype and folds integral doubles
 * into {@link LuaInteger}; this subclass keeps all of LuaInteger's arithmetic, comparisons and
 * table-key behaviour (Lua 5.4 also normalises a {@code 1.0} key to {@code 1}) and only writes
 * itself as 5.4 writes such a float. Arithmetic on it yields LuaJ's integers again (a known
 * divergence, README "Lua compatibility"). It lives in LuaJ's package because LuaInteger's
 * constructor is package-private; it is dovelua's own class, not a copy of LuaJ code.
 */
public final class LuaIntegralFloat extends LuaInteger {
    private LuaIntegralFloat(int v) {
        super(v);
    }

    /** The float {@code v.0}. */
    public static LuaInteger of(int v) {
        return new LuaIntegralFloat(v);
    }

    /** lua_Number2str's {@code "%.14g"} plus the {@code ".0"} 5.4 adds to an integral float. */
    private String text() {
        return v + ".0";
    }

    @Override
    public String tojstring() {
        return text();
    }

    @Override
    public LuaString strvalue() {
        return LuaString.valueOf(text());
    }

    @Override
    public LuaString optstring(LuaString defval) {
        return strvalue();
    }

    @Override
    public LuaValue tostring() {
        return strvalue();
    }

    @Override
    public String optjstring(String defval) {
        return text();
    }

    @Override
    public String checkjstring() {
        return text();
    }

    @Override
    public LuaString checkstring() {
        return strvalue();
    }
}
