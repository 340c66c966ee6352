package org.dovelua.nauthilus.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Consumer;
import org.dovelua.lua.Hints;
import org.dovelua.lua.sandbox.Redirect;
import org.dovelua.lua.sandbox.Shell;
import org.dovelua.lua.sandbox.WaitStatus;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * vadv/gopher-lua-libs {@code cmd} (cmd/api.go {@code Exec}): {@code exec(command[, timeout])} runs
 * {@code sh -c command} and gives {@code {stdout, stderr, status}}. Here the command goes to dovelua's
 * {@link Shell}: an {@code --exec} stub answers, an unstubbed command is a missing program (exit 127,
 * dash's text on stderr, a hint naming {@code --exec}); no process runs unless {@code --allow-exec}.
 */
public final class VadvCmd extends TwoArgFunction {
    private final Shell shell;
    private final Hints hints;

    public VadvCmd(Shell shell, Consumer<String> hintSink) {
        this.shell = shell;
        this.hints = new Hints(hintSink);
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable mod = new LuaTable();
        mod.set("exec", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs a) {
                String command = a.checkjstring(1);
                a.optlong(2, 10); // the timeout (seconds) must be a number; a stub answers at once
                return exec(command);
            }
        });
        return mod;
    }

    private Varargs exec(String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WaitStatus status;
        try {
            status = shell.start(command, Redirect.SYSTEM, out, err, hints).waitFor();
        } catch (IOException e) {
            // cmd.Start's error (exec: "sh": ...)
            return varargsOf(NIL, valueOf(String.valueOf(e.getMessage())));
        }
        LuaTable result = new LuaTable();
        result.set("stdout", LuaString.valueOf(out.toByteArray()));
        result.set("stderr", LuaString.valueOf(err.toByteArray()));
        // syscall.WaitStatus.ExitStatus(): -1 for a command a signal ended
        result.set("status", valueOf(status.what().equals("exit") ? status.code() : -1));
        return result;
    }
}
