package org.dovelua.lua.dovecot;

import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.LuaScript;
import org.dovelua.lua.lua54.vm.Lua54Arith;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code dovecot} global of src/lib-lua/dlua-dovecot.c: a plain table whose functions live on
 * its metatable ({@code __index} = the metatable), so {@code pairs(dovecot)} shows only the
 * sub-tables. Installed with {@code globals.load(new DovecotLib(script))}.
 */
public class DovecotLib extends TwoArgFunction {
    private final LuaScript script;
    private final EventObjects events;

    public DovecotLib(LuaScript script) {
        this.script = script;
        this.events = new EventObjects();
    }

    /** The event object factory, for libraries that hand events to scripts ({@code req:event()}). */
    public EventObjects events() {
        return events;
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable dovecot = new LuaTable();
        LuaTable meta = new LuaTable();
        meta.set("i_debug", new ProcessLog("i_debug", LogLevel.DEBUG));
        meta.set("i_info", new ProcessLog("i_info", LogLevel.INFO));
        meta.set("i_warning", new ProcessLog("i_warning", LogLevel.WARNING));
        meta.set("i_error", new ProcessLog("i_error", LogLevel.ERROR));
        meta.set("event", new NewEvent());
        meta.set("has_flag", new Flag("has_flag"));
        meta.set("set_flag", new Flag("set_flag"));
        meta.set("clear_flag", new Flag("clear_flag"));
        meta.set("restrict_global_variables", new RestrictGlobals(env));
        addFunctions(meta);
        meta.set("__name", "dovecot"); // luaL_newmetatable(L, LUA_SCRIPT_DOVECOT) (seen, cases 470-472)
        meta.set(INDEX, meta);
        dovecot.setmetatable(meta);
        addTables(dovecot);
        env.set("dovecot", dovecot);
        return dovecot;
    }

    /** Where a subclass (a version profile) adds more functions to the metatable. */
    protected void addFunctions(LuaTable meta) {
    }

    /**
     * Where a subclass adds sub-tables to the {@code dovecot} table itself (2.4.2's
     * {@code dovecot.base64}: {@code lua_setfield(L, -2, "base64")} on the table, not the metatable,
     * so {@code pairs(dovecot)} shows it).
     */
    protected void addTables(LuaTable dovecot) {
    }

    /** {@code dlua_i_debug} and friends: the process logger, no event prefix. */
    private final class ProcessLog extends VarArgFunction {
        private final String fn;
        private final LogLevel level;

        ProcessLog(String fn, LogLevel level) {
            this.fn = fn;
            this.level = level;
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaArgs.require(args, 1);
            String msg = LuaArgs.checkString(args, 1, fn);
            script.event().logPlain(level, msg);
            return NONE;
        }
    }

    /** {@code dlua_event_new}: {@code dovecot.event([parent])}, parent defaulting to the script event. */
    private final class NewEvent extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaArgs.requireIn(args, 0, 1);
            DovecotEvent parent = args.narg() == 1 ? events.check(args, 1) : script.event();
            return events.push(parent.child());
        }
    }

    /** {@code dlua_has_flag}, {@code dlua_set_flag}, {@code dlua_clear_flag}. */
    private static final class Flag extends VarArgFunction {
        private final String fn;

        Flag(String fn) {
            this.fn = fn;
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaArgs.require(args, 2);
            long value = LuaArgs.checkInteger(args, 1, fn);
            long flag = LuaArgs.checkInteger(args, 2, fn);
            switch (fn) {
                case "has_flag":
                    return valueOf((value & flag) == flag);
                case "set_flag":
                    return Lua54Arith.integer(value | flag);
                default:
                    return Lua54Arith.integer(value & ~flag);
            }
        }
    }

    /**
     * {@code dlua_restrict_global_variables} (2.3.17+): with true, reads of absent globals and
     * writes of new non-function globals raise; with false the restriction is lifted.
     */
    private static final class RestrictGlobals extends VarArgFunction {
        private final LuaValue env;

        RestrictGlobals(LuaValue env) {
            this.env = env;
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaArgs.require(args, 1);
            LuaTable meta = new LuaTable();
            if (args.arg1().toboolean()) {
                meta.set(INDEX, new VarArgFunction() {
                    @Override
                    public Varargs invoke(Varargs a) {
                        LuaArgs.require(a, 2);
                        String name = LuaArgs.checkString(a, 2, "__index");
                        throw LuaArgs.error("attempt to write to read undeclared global variable " + name);
                    }
                });
                meta.set(NEWINDEX, new VarArgFunction() {
                    @Override
                    public Varargs invoke(Varargs a) {
                        LuaArgs.require(a, 3);
                        if (a.arg(3).isfunction()) {
                            a.arg1().rawset(a.arg(2), a.arg(3)); // global functions stay allowed
                            return NONE;
                        }
                        String name = LuaArgs.checkString(a, 2, "__newindex");
                        throw LuaArgs.error("attempt to write to undeclared global variable " + name);
                    }
                });
            }
            env.setmetatable(meta);
            return NONE;
        }
    }
}
