package org.dovelua.lua.gopher;

import java.util.concurrent.Callable;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * TEMP stub of the gopher-lua state (issue 14 contract), replaced at merge by the dialect helper's
 * class: plain LuaJ standard globals, {@link #call} runs inline.
 */
public final class GopherState implements AutoCloseable {
    private final Globals globals;

    private GopherState(Globals globals) {
        this.globals = globals;
    }

    public static GopherState create() {
        return new GopherState(JsePlatform.standardGlobals());
    }

    public Globals globals() {
        return globals;
    }

    public <T> T call(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public LuaFunction load(String chunkName, byte[] source) {
        String name = chunkName.startsWith("@") ? chunkName.substring(1) : chunkName;
        try {
            return globals.load(new java.io.ByteArrayInputStream(source), name, "t", globals).checkfunction();
        } catch (LuaError e) {
            throw e;
        }
    }

    @Override
    public void close() {
    }
}
