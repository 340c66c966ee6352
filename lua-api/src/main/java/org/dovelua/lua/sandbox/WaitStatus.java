package org.dovelua.lua.sandbox;

import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * How a command ended, as {@code waitpid} reports it and {@code l_inspectstat} (lauxlib.c) reads it:
 * {@code exit} with its status, or {@code signal} with the signal's number.
 *
 * @param what {@code "exit"} or {@code "signal"}
 * @param code the exit status (0-255) or the signal number
 */
public record WaitStatus(String what, int code) {
    public WaitStatus {
        if (!what.equals("exit") && !what.equals("signal")) {
            throw new IllegalArgumentException("a command ends by exit or signal, not " + what);
        }
    }

    public static WaitStatus exited(int status) {
        return new WaitStatus("exit", status & 0xff); // WEXITSTATUS keeps the low byte
    }

    public static WaitStatus signaled(int signal) {
        return new WaitStatus("signal", signal);
    }

    /** A raw {@code wait()} status: {@code WIFEXITED} when its low 7 bits are 0 (sys/wait.h). */
    public static WaitStatus ofRaw(int raw) {
        int sig = raw & 0x7f;
        return sig == 0 ? exited(raw >> 8) : signaled(sig);
    }

    /**
     * {@code luaL_execresult} (lauxlib.c): {@code true} only for exit status 0, else {@code nil}
     * ({@code luaL_pushfail}), then {@code "exit"|"signal"} and the code.
     */
    public Varargs luaResult() {
        boolean ok = what.equals("exit") && code == 0;
        return LuaValue.varargsOf(ok ? LuaValue.TRUE : LuaValue.NIL, LuaValue.valueOf(what), LuaValue.valueOf(code));
    }

    @Override
    public String toString() {
        return what + " " + code;
    }
}
