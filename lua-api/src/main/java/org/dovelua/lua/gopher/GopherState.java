package org.dovelua.lua.gopher;

import java.util.concurrent.Callable;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * TEMP stub of the shared contract (issue 14 context, contract 1) so the nauthilus module's tests
 * can run before the dialect helper's real class lands; replaced at merge.
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
        return (LuaFunction) globals.load(new String(source, java.nio.charset.StandardCharsets.UTF_8), chunkName);
    }

    @Override
    public void close() {
        // nothing held
    }
}
