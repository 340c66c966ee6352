package org.dovelua.lua.sandbox;

import java.util.Map;
import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.ProcessDeath;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * Replaces the parts of LuaJ's {@code os} library that would touch the host: {@code exit} ends
 * the emulated auth process ({@link ProcessDeath}, which {@code pcall} cannot catch) instead of
 * the JVM; {@code execute} goes to the state's shell (stubs, or real commands with {@code --allow-exec}); {@code getenv} reads the emulated process's environment;
 * {@code remove}, {@code rename}, {@code tmpname} go through the sandbox. The rest
 * ({@code time}, {@code date}, {@code clock}) stays LuaJ's. Results and texts are Lua 5.4's.
 */
final class SandboxOsLib extends TwoArgFunction {
    private final VfsAccess fs;
    private final ShellAccess shell;
    private final Map<String, String> environment;

    SandboxOsLib(VfsAccess fs, ShellAccess shell, Map<String, String> environment) {
        this.fs = fs;
        this.shell = shell;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable os = env.get("os").checktable();
        os.set("exit", LuaArgs.fn("exit", this::exit));
        os.set("execute", LuaArgs.fn("execute", this::execute));
        os.set("getenv", LuaArgs.fn("getenv", args -> {
            String value = environment.get(LuaArgs.checkString(args, 1, "getenv"));
            return value == null ? NIL : valueOf(value);
        }));
        os.set("remove", LuaArgs.fn("remove", args -> {
            String name = LuaArgs.checkString(args, 1, "remove");
            try {
                fs.remove(name);
                return TRUE;
            } catch (Errno.Failure e) {
                return varargsOf(NIL, valueOf(name + ": " + e.errno.text), valueOf(e.errno.code));
            }
        }));
        os.set("rename", LuaArgs.fn("rename", args -> {
            String from = LuaArgs.checkString(args, 1, "rename");
            String to = LuaArgs.checkString(args, 2, "rename");
            try {
                fs.rename(from, to);
                return TRUE;
            } catch (Errno.Failure e) {
                // os_rename passes no file name to luaL_fileresult: the text is strerror alone
                return varargsOf(NIL, valueOf(e.errno.text), valueOf(e.errno.code));
            }
        }));
        os.set("tmpname", LuaArgs.fn("tmpname", args -> {
            try {
                return valueOf(fs.tmpname());
            } catch (Errno.Failure e) {
                throw new LuaError("unable to generate a unique filename");
            }
        }));
        return os;
    }

    /** {@code os.exit([code])}: true is 0, false is 1, default 0; integers only, as 5.4 checks. */
    private Varargs exit(Varargs args) {
        LuaValue a = args.arg1();
        int code;
        if (a.isboolean()) {
            code = a.toboolean() ? 0 : 1;
        } else if (a.isnil()) {
            code = 0;
        } else {
            LuaValue n = a.tonumber();
            if (n.isnil()) {
                throw LuaArgs.typeError(args, 1, "exit", "number");
            }
            double d = n.todouble();
            if (d != Math.rint(d) || Double.isInfinite(d)) {
                throw LuaArgs.argError(1, "exit", "number has no integer representation");
            }
            code = (int) (long) d;
        }
        throw new ProcessDeath(ProcessDeath.Kind.EXIT, "os.exit(" + code + ") called", code);
    }

    /**
     * {@code os_execute} (loslib.c): without a command, whether {@code system(NULL)} finds a shell
     * (true: the emulated server has /bin/sh); with one, {@code luaL_execresult} of its status.
     */
    private Varargs execute(Varargs args) {
        if (args.arg1().isnil()) {
            return TRUE;
        }
        String command = LuaArgs.checkString(args, 1, "execute");
        try {
            return shell.start(command, Redirect.SYSTEM).waitFor().luaResult();
        } catch (java.io.IOException e) {
            return varargsOf(NIL, valueOf(Errno.EIO.text), valueOf(Errno.EIO.code)); // fork failed: luaL_fileresult
        }
    }
}
