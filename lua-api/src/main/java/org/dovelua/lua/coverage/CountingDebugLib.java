package org.dovelua.lua.coverage;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * LuaJ's {@code debug} library counting lines into a {@link LineHook}: for states without
 * dovelua's budgets ({@code GopherState}, where Nauthilus plugins run), created only when a run
 * asks for coverage, so a state without it keeps LuaJ's own library.
 */
public final class CountingDebugLib extends DebugLib {
    private final LineHook lines;
    private Globals globals;

    public CountingDebugLib(LineHook lines) {
        this.lines = lines;
    }

    /** The hook this library counts into. */
    public LineHook lineHook() {
        return lines;
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        globals = env.checkglobals();
        return super.call(modname, env);
    }

    @Override
    public void onCall(LuaClosure c, Varargs varargs, LuaValue[] stack) {
        lines.onCall(globals.running, c);
        super.onCall(c, varargs, stack);
    }

    @Override
    public void onCall(LuaFunction f) {
        lines.onCall(globals.running);
        super.onCall(f);
    }

    @Override
    public void onReturn() {
        lines.onReturn(globals.running);
        super.onReturn();
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        lines.onInstruction(globals.running, pc);
        super.onInstruction(pc, v, top);
    }
}
