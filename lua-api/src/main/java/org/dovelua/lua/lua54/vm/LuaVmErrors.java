package org.dovelua.lua.lua54.vm;

import java.lang.reflect.Field;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.lib.DebugLib;

/**
 * Lua 5.4's wording of the errors the VM raises (ldebug.c {@code luaG_typeerror},
 * {@code luaG_opinterror}, {@code luaG_concaterror}, {@code luaG_ordererror}), put over LuaJ's:
 * {@code attempt to call nil} becomes {@code attempt to call a nil value (global 'f')}. The
 * variable comes from the failing instruction, as ldebug.c's {@code varinfo()} finds it, through
 * LuaJ's own port of {@code getobjname()}. Called by LuaJ's {@code LuaClosure} once patched (see
 * {@link LuajPatches}) with the message {@code file:line text}, the prototype and the pc.
 */
public final class LuaVmErrors {
    private static final Pattern CALL = Pattern.compile("attempt to call (\\w+)");
    private static final Pattern INDEX = Pattern.compile("attempt to index \\? \\(a (\\w+) value\\)");
    /** LuaJ's text for assigning into a non-table ({@code LuaValue.set} on nil). */
    private static final Pattern SET = Pattern.compile("index expected, got (\\w+)");
    private static final Pattern ARITH = Pattern.compile("attempt to perform arithmetic (__\\w+) on (\\w+) and (\\w+)");
    private static final Pattern CONCAT = Pattern.compile("attempt to concatenate (\\w+) and (\\w+)");
    private static final Pattern LEN = Pattern.compile("attempt to get length of (\\w+)");
    private static final Pattern COMPARE = Pattern.compile("attempt to compare __\\w+ on (\\w+) and (\\w+)");

    private LuaVmErrors() {
    }

    /** The message with its LuaJ text in 5.4's words; anything else unchanged. */
    public static String rewrite(String message, Prototype p, int pc) {
        try {
            int sp = message.indexOf(' ');
            if (sp < 0 || pc < 0 || pc >= p.code.length) {
                return message;
            }
            String where = message.substring(0, sp + 1);
            String text = message.substring(sp + 1);
            String out = text54(text, p, pc);
            return out == null ? message : where + out;
        } catch (RuntimeException e) {
            return message; // never let the wording hide the error itself
        }
    }

    private static String text54(String text, Prototype p, int pc) {
        int i = p.code[pc];
        int op = Lua.GET_OPCODE(i);
        Matcher m;
        if (LuaDialect.gopher()) {
            String gopher = gopherText(text, p, op, i);
            if (gopher != null) {
                return gopher;
            }
        }
        if ((m = CALL.matcher(text)).matches() && (op == Lua.OP_CALL || op == Lua.OP_TAILCALL)) {
            return "attempt to call a " + m.group(1) + " value" + varinfo(p, pc, Lua.GETARG_A(i));
        }
        if ((m = INDEX.matcher(text)).matches()) {
            String info = switch (op) {
                case Lua.OP_GETTABLE, Lua.OP_SELF -> varinfo(p, pc, Lua.GETARG_B(i));
                case Lua.OP_SETTABLE -> varinfo(p, pc, Lua.GETARG_A(i));
                case Lua.OP_GETTABUP -> upvalue(p, Lua.GETARG_B(i));
                case Lua.OP_SETTABUP -> upvalue(p, Lua.GETARG_A(i));
                default -> "";
            };
            return "attempt to index a " + m.group(1) + " value" + info;
        }
        if ((m = SET.matcher(text)).matches() && (op == Lua.OP_SETTABLE || op == Lua.OP_SETTABUP)) {
            String info = op == Lua.OP_SETTABLE ? varinfo(p, pc, Lua.GETARG_A(i)) : upvalue(p, Lua.GETARG_A(i));
            return "attempt to index a " + m.group(1) + " value" + info;
        }
        if ((m = ARITH.matcher(text)).matches() && op >= Lua.OP_ADD && op <= Lua.OP_POW) {
            String t1 = m.group(2);
            String t2 = m.group(3);
            if (t1.equals("string") && isNumberOrString(t2) || t2.equals("string") && isNumberOrString(t1)) {
                // lstrlib.c trymt(): a string that is no numeral
                return "attempt to " + m.group(1).substring(2) + " a '" + t1 + "' with a '" + t2 + "'";
            }
            int rk = !t1.equals("number") ? Lua.GETARG_B(i) : Lua.GETARG_C(i);
            String bad = !t1.equals("number") ? t1 : t2;
            return "attempt to perform arithmetic on a " + bad + " value" + (Lua.ISK(rk) ? "" : varinfo(p, pc, rk));
        }
        if ((m = CONCAT.matcher(text)).matches() && op == Lua.OP_CONCAT) {
            String t1 = m.group(1);
            String t2 = m.group(2);
            boolean firstOk = t1.equals("string") || t1.equals("number");
            String bad = firstOk ? t2 : t1;
            int b = Lua.GETARG_B(i);
            int c = Lua.GETARG_C(i);
            // the pair LuaJ names is known only for two operands
            String info = c == b + 1 ? varinfo(p, pc, firstOk ? c : b) : "";
            return "attempt to concatenate a " + bad + " value" + info;
        }
        if ((m = LEN.matcher(text)).matches() && op == Lua.OP_LEN) {
            return "attempt to get length of a " + m.group(1) + " value" + varinfo(p, pc, Lua.GETARG_B(i));
        }
        if ((m = COMPARE.matcher(text)).matches()) {
            return m.group(1).equals(m.group(2)) ? "attempt to compare two " + m.group(1) + " values"
                    : "attempt to compare " + m.group(1) + " with " + m.group(2);
        }
        return null;
    }

    /**
     * gopher-lua's wording where it differs and the instruction tells all it needs: vm.go OP_CALL /
     * OP_TAILCALL {@code attempt to call a non-function object}; state.go getField/setField
     * {@code attempt to index a non-table object(<type>) with key '<key>'} when the key is a
     * constant (a key in a register is not known here: 5.4's wording stays).
     */
    private static String gopherText(String text, Prototype p, int op, int i) {
        Matcher m;
        if (CALL.matcher(text).matches() && (op == Lua.OP_CALL || op == Lua.OP_TAILCALL)) {
            return "attempt to call a non-function object";
        }
        int rk = switch (op) {
            case Lua.OP_GETTABLE, Lua.OP_SELF, Lua.OP_GETTABUP -> Lua.GETARG_C(i);
            case Lua.OP_SETTABLE, Lua.OP_SETTABUP -> Lua.GETARG_B(i);
            default -> -1;
        };
        if (rk < 0 || !Lua.ISK(rk)) {
            return null;
        }
        String type = null;
        if ((m = INDEX.matcher(text)).matches() || (m = SET.matcher(text)).matches()) {
            type = m.group(1);
        }
        if (type == null) {
            return null;
        }
        LuaValue key = p.k[Lua.INDEXK(rk)];
        return "attempt to index a non-table object(" + type + ") with key '" + key.tojstring() + "'";
    }

    /**
     * {@code LuaTable.set(key, value)} once patched starts here: ltable.c's {@code luaH_newkey}
     * errors, {@code table index is nil} and {@code table index is NaN}, where LuaJ said
     * {@code table index expected, got table}. A {@code __newindex} function takes any key.
     */
    public static void checkNewKey(LuaValue table, LuaValue key) {
        if (key.isvalidkey() || table.metatag(LuaValue.NEWINDEX).isfunction()) {
            return;
        }
        throw new LuaError(key.isnil() ? "table index is nil" : "table index is NaN");
    }

    private static boolean isNumberOrString(String type) {
        return type.equals("number") || type.equals("string");
    }

    /** varinfo(): " (local 'x')", " (global 'f')", ... or nothing. */
    private static String varinfo(Prototype p, int pc, int reg) {
        Object nw = DebugLib.getobjname(p, pc, reg);
        if (nw == null) {
            return "";
        }
        try {
            String namewhat = field(nw, "namewhat");
            String name = field(nw, "name");
            if (namewhat.equals("constant") && !isStringConstant(p, name)) {
                return ""; // 5.4's getobjname names string constants only; LuaJ's takes numbers as strings
            }
            return " (" + namewhat + " '" + name + "')";
        } catch (ReflectiveOperationException e) {
            return "";
        }
    }

    private static boolean isStringConstant(Prototype p, String name) {
        for (LuaValue k : p.k) {
            if (k.type() == LuaValue.TSTRING && k.tojstring().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String upvalue(Prototype p, int u) {
        if (u >= p.upvalues.length || p.upvalues[u].name == null) {
            return "";
        }
        String name = p.upvalues[u].name.tojstring();
        return " (upvalue '" + name + "')";
    }

    /** DebugLib.NameWhat is package-private in LuaJ: its two fields are read reflectively. */
    private static String field(Object nw, String name) throws ReflectiveOperationException {
        Field f = nw.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return (String) f.get(nw);
    }

    /**
     * Called from patched {@code LuaThread.State.run()}: the error a coroutine ended with, as
     * {@code coroutine.resume} reports it. LuaJ takes {@code Throwable.getMessage()}, which is
     * null for a JVM stack overflow, and a null error reads as success: such a coroutine
     * "returned" nothing. Lua 5.4 says {@code stack overflow}; any other Java throwable without a
     * message is named by its class rather than lost.
     */
    public static String coroutineError(Throwable t) {
        if (t instanceof StackOverflowError) {
            return "stack overflow";
        }
        String m = t.getMessage();
        return m != null ? m : t.toString();
    }

    /** A coroutine's message handler: the message as it is (lua_resume's error value has no traceback). */
    private static final LuaValue KEEP_MESSAGE = new org.luaj.vm2.lib.OneArgFunction() {
        @Override
        public LuaValue call(LuaValue msg) {
            return msg;
        }
    };

    /**
     * Called from patched {@code LuaThread.State.run()} as a coroutine starts, when
     * {@code globals.running} is the coroutine: gives it a message handler that keeps the message.
     * Without one, LuaJ appends {@code debug.traceback()} of the whole coroutine stack to every
     * error raised in it (LuaClosure.errorHook), which Lua's {@code coroutine.resume} does not
     * (ldo.c's lua_resume leaves the bare message), and which at Lua's stack limit is 195,000
     * lines built in seconds.
     */
    public static void coroutineStarted(org.luaj.vm2.Globals globals) {
        if (globals != null && globals.running.errorfunc == null) {
            globals.running.errorfunc = KEEP_MESSAGE;
        }
    }
}
