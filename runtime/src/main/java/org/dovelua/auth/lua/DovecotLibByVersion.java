package org.dovelua.auth.lua;

import java.time.Clock;
import java.util.Map;
import org.dovelua.lib.DovecotBase64;
import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.LuaScript;
import org.dovelua.lua.dovecot.DovecotClockFunctions;
import org.dovelua.lua.dovecot.DovecotConstantTables;
import org.dovelua.lua.dovecot.DovecotLib;
import org.dovelua.lua.dovecot.DovecotStringFunctions;
import org.dovelua.varexpand.VarExpand;
import org.dovelua.varexpand.VarTable;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The {@code dovecot} global as a release registers it: {@link DovecotLib} plus what later
 * releases of src/lib-lua/dlua-dovecot.c add, each behind its {@link Since} row. On a release
 * without a function the name is simply absent, so calling it is Lua's own {@code attempt to call
 * a nil value (field 'base64')}.
 */
final class DovecotLibByVersion extends DovecotLib {
    private final DovecotVersion version;
    private final Map<String, String> env;
    private final Clock clock;

    /**
     * @param env the auth process's environment, as {@code %{env:NAME}} reads it
     * @param clock the process's wall clock ({@link org.dovelua.lua.ProcessClock})
     */
    DovecotLibByVersion(LuaScript script, DovecotVersion version, Map<String, String> env, Clock clock) {
        super(script);
        this.version = version;
        this.env = env;
        this.clock = clock;
    }

    @Override
    protected void addFunctions(LuaTable meta) {
        if (version.has(Since.DOVECOT_CLOCK_FUNCTIONS)) {
            new DovecotClockFunctions(clock).register(meta);
        }
        if (version.has(Since.DOVECOT_STRING_FUNCTIONS)) {
            DovecotStringFunctions.register(meta);
        }
        if (version.has(Since.DOVECOT_VAR_EXPAND)) {
            meta.set("var_expand", LuaArgs.fn("var_expand", this::varExpand));
        }
    }

    @Override
    protected void addTables(LuaTable dovecot) {
        if (version.has(Since.DOVECOT_DICT_DOVEADM_TABLES)) {
            DovecotConstantTables.register(dovecot);
        }
        if (version.has(Since.DOVECOT_BASE64)) {
            // dlua_dovecot_register: lua_newtable + luaL_setfuncs + lua_setfield(L, -2, "base64")
            LuaTable base64 = new LuaTable();
            base64.set("encode", LuaArgs.fn("encode", DovecotLibByVersion::base64Encode));
            base64.set("decode", LuaArgs.fn("decode", DovecotLibByVersion::base64Decode));
            dovecot.rawset("base64", base64);
        }
    }

    /** {@code dlua_base64_encode}: {@code t_base64_encode(0, UINT_MAX, input, len)}, one line. */
    static Varargs base64Encode(Varargs args) {
        LuaArgs.require(args, 1);
        return LuaValue.valueOf(DovecotBase64.encode(LuaArgs.checkBytes(args, 1, "encode")));
    }

    /**
     * {@code dlua_base64_decode}: {@code t_base64_decode(0, input, len)} ignores the decoder's
     * result, so invalid input gives the bytes decoded before it (seen on 2.4.5, case 401).
     */
    static Varargs base64Decode(Varargs args) {
        LuaArgs.require(args, 1);
        byte[] out = DovecotBase64.decodeIgnoringErrors(DovecotBase64.Scheme.BASE64, 0, LuaArgs.checkBytes(args, 1, "decode"));
        return LuaString.valueUsing(out);
    }

    /**
     * {@code dlua_var_expand}: {@code var_expand(output, input, NULL, &error)}, no variable table
     * and no event, only lib-var-expand's global providers; a failure is
     * {@code luaL_error(L, "failed to expand '%s': %s", input, error)}.
     */
    private Varargs varExpand(Varargs args) {
        LuaArgs.require(args, 1);
        String input = LuaArgs.checkString(args, 1, "var_expand");
        try {
            return LuaValue.valueOf(VarExpand.expand(input, new VarTable.Variables(version, java.util.List.of(), false, clock), env));
        } catch (VarExpand.VarExpandException e) {
            throw LuaArgs.error("failed to expand '" + input + "': " + e.getMessage());
        }
    }
}
