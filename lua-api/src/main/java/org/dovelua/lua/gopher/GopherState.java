package org.dovelua.lua.gopher;

import java.io.ByteArrayInputStream;
import java.util.concurrent.Callable;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * TEMP stub of the shared GopherState contract (issue 14); the dialect helper's real class
 * replaces it at merge. Standard LuaJ globals, work runs inline on the caller's thread.
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
        return globals.load(new ByteArrayInputStream(source), chunkName, "t", globals).checkfunction();
    }

    @Override
    public void close() {
    }
}
