package org.dovelua.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.dovelua.auth.AuthSetup;
import org.dovelua.auth.DovecotVersion;
import org.dovelua.lua.LogSink;
import org.dovelua.lua.VirtualFileSystem;

/** The setup of a {@link Dovelua}: the global options of the {@code dovelua} command line. */
public final class DoveluaBuilder {
    private Path script;
    private Path config;
    private DovecotVersion version;
    private final Map<String, Path> mounts = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private boolean allowRealFs;
    private Duration timeout = Duration.ofSeconds(10);
    private Boolean authDebug;
    private Boolean authVerbose;

    DoveluaBuilder() {
    }

    /** A single script used as Lua passdb and userdb ({@code --script}). */
    public DoveluaBuilder script(Path file) {
        this.script = file;
        return this;
    }

    /** A dovecot.conf to read ({@code -c}). */
    public DoveluaBuilder config(Path file) {
        this.config = file;
        return this;
    }

    /** The Dovecot release to emulate, e.g. {@code 2.3.19} or {@code 2.4.1}. */
    public DoveluaBuilder version(String v) {
        this.version = DovecotVersion.parse(v);
        return this;
    }

    /** Serves {@code absPath} (a file or directory) from {@code local} ({@code --mount}). */
    public DoveluaBuilder mount(String absPath, Path local) {
        mounts.put(absPath, local.toAbsolutePath().normalize());
        return this;
    }

    /** An environment variable scripts see with {@code os.getenv} ({@code --env}). */
    public DoveluaBuilder env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Lets scripts read unmounted paths from the real file system ({@code --allow-fs}). */
    public DoveluaBuilder allowRealFs(boolean allow) {
        this.allowRealFs = allow;
        return this;
    }

    /** The time limit for one call into a script ({@code --timeout}, default 10 s). */
    public DoveluaBuilder timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    /** Overrides the config's {@code auth_debug}. */
    public DoveluaBuilder authDebug(boolean on) {
        this.authDebug = on;
        return this;
    }

    /** Overrides the config's {@code auth_verbose}. */
    public DoveluaBuilder authVerbose(boolean on) {
        this.authVerbose = on;
        return this;
    }

    /** Starts the emulated auth process. */
    public Dovelua build() {
        if ((script == null) == (config == null)) {
            throw new IllegalStateException("give exactly one of config(dovecot.conf) or script(file.lua)");
        }
        return new Dovelua(this);
    }

    Path script() {
        return script;
    }

    Path config() {
        return config;
    }

    AuthSetup setup(LogSink sink, Consumer<String> hints, Consumer<String> scriptStdout) {
        VirtualFileSystem vfs = new VirtualFileSystem();
        mounts.forEach(vfs::mount);
        vfs.allowRealFs(allowRealFs);
        AuthSetup setup = new AuthSetup().vfs(vfs).env(new LinkedHashMap<>(env)).hints(hints)
                .scriptStdout(scriptStdout).callTimeout(timeout).logging(authDebug, authVerbose).sink(sink);
        if (version != null) {
            setup.version(version);
        }
        return setup;
    }
}
