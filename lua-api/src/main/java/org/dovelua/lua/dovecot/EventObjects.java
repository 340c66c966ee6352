package org.dovelua.lua.dovecot;

import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.ProcessDeath;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Event objects as dlua-dovecot.c makes them: a table {@code {item = <userdata>}} with the
 * metatable {@code "struct event"} (methods, returning self for chaining) or
 * {@code "struct event_passthrough"} (the same without {@code passthrough_event}).
 */
public final class EventObjects {
    private static final String EVENT = "struct event";
    private final LuaTable eventMeta = new LuaTable();
    private final LuaTable passthroughMeta = new LuaTable();

    public EventObjects() {
        for (LuaTable meta : new LuaTable[] {eventMeta, passthroughMeta}) {
            meta.set("append_log_prefix", new StringMethod("append_log_prefix", (e, s) -> e.setAppendLogPrefix(s)));
            meta.set("replace_log_prefix", new StringMethod("replace_log_prefix", (e, s) -> e.replaceLogPrefix(s)));
            meta.set("set_name", new StringMethod("set_name", (e, s) -> e.setName(s)));
            meta.set("set_always_log_source", new Method(1, "set_always_log_source", (e, a) -> { }));
            meta.set("add_str", new Method(3, "add_str",
                    (e, a) -> e.addField(LuaArgs.checkString(a, 2, "add_str"), LuaArgs.checkString(a, 3, "add_str"))));
            meta.set("add_int", new Method(3, "add_int",
                    (e, a) -> e.addField(LuaArgs.checkString(a, 2, "add_int"), LuaArgs.checkInteger(a, 3, "add_int"))));
            meta.set("add_timeval", new Method(3, "add_timeval",
                    (e, a) -> e.addField(LuaArgs.checkString(a, 2, "add_timeval"), LuaArgs.checkInteger(a, 3, "add_timeval"))));
            meta.set("inc_int", new Method(3, "inc_int", (e, a) -> {
                String key = LuaArgs.checkString(a, 2, "inc_int");
                Object old = e.ownFields().get(key);
                long base = old instanceof Long l ? l : 0;
                e.addField(key, base + LuaArgs.checkInteger(a, 3, "inc_int"));
            }));
            meta.set("log_debug", new LogMethod("log_debug", LogLevel.DEBUG));
            meta.set("log_info", new LogMethod("log_info", LogLevel.INFO));
            meta.set("log_warning", new LogMethod("log_warning", LogLevel.WARNING));
            meta.set("log_error", new LogMethod("log_error", LogLevel.ERROR));
            meta.set(LuaValue.INDEX, meta);
        }
        eventMeta.set("passthrough_event", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaArgs.require(args, 1);
                DovecotEvent e = check(args, 1);
                return wrap(e.child(), passthroughMeta);
            }
        });
    }

    /** {@code dlua_push_event}. */
    public LuaValue push(DovecotEvent event) {
        return wrap(event, eventMeta);
    }

    private static LuaValue wrap(DovecotEvent event, LuaTable meta) {
        LuaTable t = new LuaTable();
        t.set("item", new LuaUserdata(event));
        t.setmetatable(meta);
        return t;
    }

    /** {@code dlua_check_event}: Dovecot's own "Bad argument" text for a non-table. */
    public DovecotEvent check(Varargs args, int i) {
        LuaValue v = args.arg(i);
        if (!v.istable()) {
            throw LuaArgs.error("Bad argument #" + i + ", expected " + EVENT + " got " + LuaArgs.typeName(args, i));
        }
        LuaValue item = v.rawget("item");
        if (item.isuserdata(DovecotEvent.class)) {
            return (DovecotEvent) item.touserdata();
        }
        // Dovecot dereferences whatever "item" holds; a table that is not an event crashes it.
        throw new ProcessDeath(ProcessDeath.Kind.PANIC, "Bad argument #" + i + ", expected " + EVENT
                + " got a table without an event (the process would crash on it)");
    }

    private interface Body {
        void apply(DovecotEvent e, Varargs args);
    }

    private class Method extends VarArgFunction {
        private final int nargs;
        private final Body body;

        Method(int nargs, String name, Body body) {
            this.nargs = nargs;
            this.body = body;
            this.name = name;
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaArgs.require(args, nargs);
            DovecotEvent e = check(args, 1);
            body.apply(e, args);
            return args.arg1();
        }
    }

    private final class StringMethod extends Method {
        StringMethod(String name, java.util.function.BiConsumer<DovecotEvent, String> f) {
            super(2, name, (e, a) -> f.accept(e, LuaArgs.checkMethodString(a, 2, name)));
        }
    }

    private final class LogMethod extends Method {
        LogMethod(String name, LogLevel level) {
            super(2, name, (e, a) -> e.log(level, LuaArgs.checkMethodString(a, 2, name)));
        }
    }
}
