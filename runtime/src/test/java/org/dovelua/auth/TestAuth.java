package org.dovelua.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dovelua.auth.request.AuthInput;
import org.dovelua.version.DovecotVersion;

/** Builds an auth process around a script written to a temp dir, collecting its log lines. */
public final class TestAuth implements AutoCloseable {
    public final List<String> log;
    public final AuthEngine engine;

    private TestAuth(AuthEngine engine, List<String> log) {
        this.engine = engine;
        this.log = log;
    }

    public static TestAuth script(Path dir, String version, String lua) throws Exception {
        Path file = dir.resolve("auth.lua");
        Files.writeString(file, lua);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        AuthSetup setup = new AuthSetup().version(DovecotVersion.parse(version)).logging(true, true)
                .sink((p, l, m) -> log.add(p + ": " + l.label() + ": " + m));
        AuthEngine e = setup.fromScript(file);
        e.init();
        return new TestAuth(e, log);
    }

    static TestAuth config(Path dir, String conf, String lua) throws Exception {
        return config(dir, null, conf, lua);
    }

    /** A config for the given release (null: the default one). */
    static TestAuth config(Path dir, String version, String conf, String lua) throws Exception {
        Files.writeString(dir.resolve("auth.lua"), lua);
        Path c = dir.resolve("dovecot.conf");
        Files.writeString(c, conf.replace("%DIR%", dir.toString()));
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        org.dovelua.lua.sandbox.VirtualFileSystem vfs = new org.dovelua.lua.sandbox.VirtualFileSystem().mount(dir.toString(), dir);
        AuthSetup setup = new AuthSetup().vfs(vfs).sink((p, l, m) -> log.add(p + ": " + l.label() + ": " + m));
        if (version != null) {
            setup.version(DovecotVersion.parse(version));
        }
        AuthEngine e = setup.fromConfig(c);
        e.init();
        return new TestAuth(e, log);
    }

    public AuthEngine.AuthReply test(String user, String password) {
        AuthInput in = new AuthInput();
        in.add("rip=10.0.0.1");
        return engine.authTest(in, user, password);
    }

    AuthEngine.LookupReply lookup(String user) {
        return engine.passLookup(new AuthInput(), user);
    }

    public AuthEngine.UserReply user(String user) {
        return engine.userLookup(new AuthInput(), user);
    }

    @Override
    public void close() throws IOException {
        engine.close();
    }
}
