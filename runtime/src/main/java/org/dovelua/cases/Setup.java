package org.dovelua.cases;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.dovelua.api.Dovelua;
import org.dovelua.api.DoveluaBuilder;
import org.dovelua.lua.sandbox.ExecStub;
import org.dovelua.stubs.StubServer;

/**
 * A case file's setup, paths already resolved against the case file's directory.
 *
 * @param config the dovecot.conf, or null
 * @param script the single script, or null
 * @param version the Dovecot version to emulate, or null for the default / the config's
 * @param mounts absolute paths the scripts see → local files or directories
 * @param env environment variables for {@code os.getenv}
 * @param authDebug {@code auth_debug} override, or null
 * @param authVerbose {@code auth_verbose} override, or null
 * @param timeout time limit per script call
 * @param allowFs whether unmounted paths read the real file system
 * @param stubs the HTTP stubs, each a URL prefix and how to make its server
 * @param allowNetwork whether URLs without a stub reach the real network
 * @param exec the exec stubs ({@code exec:}), in the order they are tried
 * @param sql luasql server URLs ({@code mysql://HOST[:PORT]/DB}) → their .sql fixtures, as {@code --sql}
 * @param dicts dict URIs ({@code redis:host=H:port=P}, {@code proxy::NAME}) and their data, as {@code --dict}
 * @param nauthilus a Nauthilus plugin case file's {@code nauthilus:} setup (then nothing else is set), or null
 */
public record Setup(Path config, Path script, String version, Map<String, Path> mounts, Map<String, String> env,
        Boolean authDebug, Boolean authVerbose, Duration timeout, boolean allowFs, List<Stub> stubs,
        boolean allowNetwork, List<Exec> exec, Map<String, Path> sql, List<Dict> dicts, PluginSetup nauthilus) {
    public Setup {
        mounts = Map.copyOf(mounts);
        env = Map.copyOf(env);
        stubs = List.copyOf(stubs);
        exec = List.copyOf(exec);
        sql = Map.copyOf(sql);
        dicts = List.copyOf(dicts);
    }

    /** A Dovecot setup (no plugin). */
    public Setup(Path config, Path script, String version, Map<String, Path> mounts, Map<String, String> env,
            Boolean authDebug, Boolean authVerbose, Duration timeout, boolean allowFs, List<Stub> stubs,
            boolean allowNetwork, List<Exec> exec, Map<String, Path> sql, List<Dict> dicts) {
        this(config, script, version, mounts, env, authDebug, authVerbose, timeout, allowFs, stubs, allowNetwork, exec,
                sql, dicts, null);
    }

    /** A plugin case file's setup: the plugin runs on its own, no auth process. */
    public static Setup of(PluginSetup nauthilus) {
        return of(nauthilus, List.of(), false, List.of());
    }

    /**
     * A plugin case file's setup with the {@code stubs:}, {@code allow_network:} and {@code exec:}
     * its network and command modules reach (glua_http, http, tcp, cmd), as doveadm case files give them.
     */
    public static Setup of(PluginSetup nauthilus, List<Stub> stubs, boolean allowNetwork, List<Exec> exec) {
        return new Setup(null, null, null, Map.of(), Map.of(), null, null, Duration.ofSeconds(10), false, stubs,
                allowNetwork, exec, Map.of(), List.of(), nauthilus);
    }

    /** This setup with {@code config} as its dovecot.conf instead of its config or script (dovelua migrate). */
    public Setup withConfig(Path config) {
        return new Setup(config, null, version, mounts, env, authDebug, authVerbose, timeout, allowFs, stubs,
                allowNetwork, exec, sql, dicts, nauthilus);
    }

    /** The stubs, network permission and exec stubs as a builder's settings, for {@link org.dovelua.api.SandboxNetwork}. */
    public DoveluaBuilder networkSettings() {
        DoveluaBuilder b = Dovelua.builder();
        stubs.forEach(s -> b.stub(s.prefix(), s.server()));
        exec.forEach(x -> b.exec(x.stub()));
        return b.allowNetwork(allowNetwork);
    }

    /** A setup without exec stubs or database fixtures. */
    public Setup(Path config, Path script, String version, Map<String, Path> mounts, Map<String, String> env,
            Boolean authDebug, Boolean authVerbose, Duration timeout, boolean allowFs, List<Stub> stubs,
            boolean allowNetwork) {
        this(config, script, version, mounts, env, authDebug, authVerbose, timeout, allowFs, stubs, allowNetwork,
                List.of(), Map.of(), List.of());
    }

    /** One entry of {@code dicts:}: the URI, its data file, and whether the data was written inline. */
    public record Dict(String uri, Path data, boolean inline) {
    }

    /** One entry of {@code exec:}: the stub (its pattern included) and its file (null when inline). */
    public record Exec(ExecStub stub, Path file) {
    }

    /**
     * One entry of {@code stubs:}: the URL prefix, its kind ({@code static}, {@code nauthilus},
     * {@code nextcloud}), a maker of its (already validated) server, and its file (null for an
     * inline spec), which {@code --watch} watches.
     */
    public record Stub(String prefix, String kind, Supplier<StubServer> server, Path file) {
    }

    /** Starts the auth process this setup describes. */
    public Dovelua start() {
        return start(null, null, null);
    }

    /**
     * Starts the auth process this setup describes as release {@code forced} emulates it (null:
     * the file's {@code dovecot_version:}, else the default or the config's): {@code dovelua migrate}
     * runs one case file under two releases.
     */
    public Dovelua start(org.dovelua.version.DovecotVersion forced) {
        return start(forced, null, null);
    }

    /**
     * {@link #start(org.dovelua.version.DovecotVersion)} with the auth process's clock (seconds; null:
     * the system's; {@code advance_clock:} moves it), counting the lines its scripts run into
     * {@code coverage} (null: off).
     */
    public Dovelua start(org.dovelua.version.DovecotVersion forced, java.util.function.LongSupplier clock,
            org.dovelua.lua.coverage.Coverage coverage) {
        if (forced == null && version != null) {
            forced = org.dovelua.version.DovecotVersion.parse(version);
        }
        if (nauthilus != null) {
            throw new IllegalStateException("a Nauthilus plugin case file starts no auth process");
        }
        DoveluaBuilder b = networkSettings();
        if (config != null) {
            b.config(config);
        } else {
            b.script(script);
        }
        if (forced != null) {
            b.version(forced);
        }
        mounts.forEach(b::mount);
        env.forEach(b::env);
        if (authDebug != null) {
            b.authDebug(authDebug);
        }
        if (authVerbose != null) {
            b.authVerbose(authVerbose);
        }
        sql.forEach(b::sql);
        dicts.forEach(d -> b.dict(d.uri(), d.data()));
        if (clock != null) {
            b.clock(clock);
        }
        return b.timeout(timeout).allowRealFs(allowFs).coverage(coverage).build();
    }
}
