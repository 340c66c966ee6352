package org.dovelua.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.dovelua.auth.config.AuthSettings;
import org.dovelua.auth.config.ConfigException;
import org.dovelua.auth.config.ConfigParser;
import org.dovelua.auth.config.DbConfig;
import org.dovelua.auth.config.DovecotConfig;
import org.dovelua.auth.config.KnownSettings;
import org.dovelua.auth.config.SettingSize;
import org.dovelua.auth.config.SettingTime;
import org.dovelua.auth.config.SetupException;
import org.dovelua.auth.db.AuthPassdb;
import org.dovelua.auth.db.AuthUserdb;
import org.dovelua.auth.db.ChainedDb;
import org.dovelua.auth.db.DbRule;
import org.dovelua.auth.db.DriverContext;
import org.dovelua.auth.db.DriverRegistry;
import org.dovelua.auth.db.Passdb;
import org.dovelua.auth.db.PassdbStatic;
import org.dovelua.auth.db.Userdb;
import org.dovelua.auth.db.UserdbPrefetch;
import org.dovelua.auth.db.UserdbStatic;
import org.dovelua.auth.dict.PassdbDict;
import org.dovelua.auth.dict.UserdbDict;
import org.dovelua.auth.lua.PassdbLua;
import org.dovelua.auth.lua.UserdbLua;
import org.dovelua.dict.Dict;
import org.dovelua.dict.DictContext;
import org.dovelua.dict.DictFixtures;
import org.dovelua.dict.DictInitException;
import org.dovelua.dict.DictModules;
import org.dovelua.dict.DictService;
import org.dovelua.lua.BuiltinModules;
import org.dovelua.lua.ScriptException;
import org.dovelua.lua.ScriptOptions;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.lua.dovecot.LogSink;
import org.dovelua.lua.http.HttpRouter;
import org.dovelua.lua.sandbox.SandboxLib;
import org.dovelua.lua.sandbox.VirtualFileSystem;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;

/**
 * Builds an {@link AuthEngine} the way the auth process starts: from a dovecot.conf (the
 * passdb/userdb blocks and the auth settings, src/auth/auth-settings.c and auth.c) or from a
 * single script (a Lua passdb and userdb on it, {@code blocking=yes}).
 */
public final class AuthSetup {
    /**
     * The drivers a block may name (passdb.c's passdb_interfaces, userdb.c's userdb_interfaces);
     * a new driver is one line here.
     */
    private static final DriverRegistry DRIVERS = new DriverRegistry()
            .passdb("dict", PassdbDict::preinit)
            .passdb("lua", PassdbLua::preinit)
            .passdb("oauth2", org.dovelua.auth.db.PassdbOauth2::preinit)
            .passdb("static", PassdbStatic::preinit)
            .userdb("dict", UserdbDict::preinit)
            .userdb("lua", UserdbLua::preinit)
            .userdb("static", UserdbStatic::preinit)
            .userdb("prefetch", (db, ctx) -> new UserdbPrefetch());

    /** What the engine being built stops when it closes (the oauth2 dbs' lib-http clients). */
    private final List<Runnable> closeables = new ArrayList<>();
    private DovecotVersion version = DovecotVersion.DEFAULT;
    private boolean versionGiven;
    private VirtualFileSystem vfs = new VirtualFileSystem();
    private org.dovelua.lua.sandbox.Shell shell = new org.dovelua.lua.sandbox.StubShell(List.of());
    private Consumer<String> hints = h -> { };
    private Consumer<String> notes = n -> { };
    private Consumer<String> scriptStdout = line -> { };
    private Map<String, String> env = new LinkedHashMap<>();
    private Duration callTimeout = ScriptOptions.DEFAULT_CALL_TIMEOUT;
    private Boolean debug;
    private Boolean verbose;
    /** {@code time(NULL)} for the auth cache's TTLs, in seconds. */
    private java.util.function.LongSupplier clock = () -> System.currentTimeMillis() / 1000;
    private LogSink sink = LogSink.NONE;
    private org.dovelua.lua.coverage.Coverage coverage;
    private HttpRouter http = HttpRouter.offline();
    private org.dovelua.lua.shim.luasql.SqlServers sql = org.dovelua.lua.shim.luasql.SqlServers.offline();
    private DictFixtures dicts = DictFixtures.none();

    public AuthSetup version(DovecotVersion v) {
        this.version = v;
        this.versionGiven = true;
        return this;
    }

    public AuthSetup vfs(VirtualFileSystem v) {
        this.vfs = v;
        return this;
    }

    public AuthSetup hints(Consumer<String> h) {
        this.hints = h;
        return this;
    }

    /** Where {@code dovelua: note:} lines go: what the config sets that dovelua does not emulate. */
    public AuthSetup notes(Consumer<String> n) {
        this.notes = n;
        return this;
    }

    /** Where lines scripts print to stdout go (real Dovecot discards them). */
    public AuthSetup scriptStdout(Consumer<String> lines) {
        this.scriptStdout = lines;
        return this;
    }

    public AuthSetup env(Map<String, String> e) {
        this.env = e;
        return this;
    }

    public AuthSetup callTimeout(Duration d) {
        this.callTimeout = d;
        return this;
    }

    /** The clock the auth cache ages its entries by (seconds); tests pass their own instead of sleeping. */
    public AuthSetup clock(java.util.function.LongSupplier seconds) {
        this.clock = seconds;
        return this;
    }

    /** Overrides {@code auth_debug}/{@code auth_verbose} (null keeps the config's value). */
    public AuthSetup logging(Boolean authDebug, Boolean authVerbose) {
        this.debug = authDebug;
        this.verbose = authVerbose;
        return this;
    }

    /** Where scripts' {@code dovecot.http} requests go: stub routes, recording, network access. */
    public AuthSetup http(HttpRouter router) {
        this.http = router;
        return this;
    }

    /** What scripts' {@code io.popen}/{@code os.execute} reach (default: no stubs, no real commands). */
    public AuthSetup shell(org.dovelua.lua.sandbox.Shell commands) {
        this.shell = commands;
        return this;
    }

    /** Where scripts' {@code luasql.mysql}/{@code luasql.postgres} connections go (offline by default). */
    public AuthSetup sql(org.dovelua.lua.shim.luasql.SqlServers servers) {
        this.sql = servers;
        return this;
    }

    /** The offline dictionaries dict drivers reach ({@code --dict URI=FILE}). */
    public AuthSetup dicts(DictFixtures fixtures) {
        this.dicts = fixtures;
        return this;
    }

    /** Counts the lines every Lua state runs into {@code run} ({@code dovelua test --coverage}); null: off. */
    public AuthSetup coverage(org.dovelua.lua.coverage.Coverage run) {
        this.coverage = run;
        return this;
    }

    public AuthSetup sink(LogSink s) {
        this.sink = s;
        return this;
    }

    private ScriptOptions scriptOptions() {
        ScriptOptions o = new ScriptOptions().callTimeout(callTimeout).stdout(scriptStdout).http(http)
                .clock(org.dovelua.lua.ProcessClock.of(clock))
                .sandbox(g -> g.load(BuiltinModules.install(new SandboxLib(vfs, hints, env).shell(shell), http, sql)));
        return coverage == null ? o : o.coverage(coverage, vfs::resolve);
    }

    /** {@code access()} + read through the virtual file system. */
    private byte[] readScript(String path) throws ScriptException {
        Optional<Path> local = vfs.resolve(path);
        if (local.isEmpty() || !Files.isRegularFile(local.get())) {
            // a mounted folder without the file is said as such, not as "not mounted"
            hints.accept(vfs.missHint(path));
            throw new ScriptException("access(" + path + ") failed: No such file or directory");
        }
        try {
            return Files.readAllBytes(local.get());
        } catch (IOException e) {
            throw new ScriptException("access(" + path + ") failed: " + e.getMessage());
        }
    }

    private AuthSettings settings(Map<String, String> conf) {
        AuthSettings s = new AuthSettings();
        s.version = version;
        s.debug = yes(conf.get("auth_debug"));
        s.verbose = yes(conf.get("auth_verbose"));
        s.debugPasswords = yes(conf.get("auth_debug_passwords"));
        s.allowWeakSchemes = yes(conf.get("auth_allow_weak_schemes"));
        if (s.debugPasswords) {
            s.debug = true;
        }
        if (debug != null) {
            s.debug = debug;
        }
        if (verbose != null) {
            s.verbose = verbose;
        }
        // Observed on 2.3.19: with auth_debug=yes, Info lines pass even when auth_verbose=no.
        s.verbose = s.verbose || s.debug;
        s.verbosePasswords = conf.getOrDefault("auth_verbose_passwords", "no");
        if (s.verbosePasswords.equals("yes")) {
            s.verbosePasswords = "plain";
        }
        s.usernameFormat = conf.getOrDefault("auth_username_format", version.has(Since.VAR_EXPAND_24) ? "%{user | lower}" : "%Lu");
        s.usernameChars = conf.getOrDefault("auth_username_chars", AuthSettings.DEFAULT_USERNAME_CHARS);
        s.usernameTranslation = conf.getOrDefault("auth_username_translation", "");
        s.baseDir = conf.getOrDefault("base_dir", s.baseDir);
        s.sslClientCaFile = conf.getOrDefault("ssl_client_ca_file", "");
        s.masterUserSeparator = conf.getOrDefault("auth_master_user_separator", "");
        s.defaultRealm = conf.getOrDefault("auth_default_realm", conf.getOrDefault("auth_default_domain", ""));
        s.mechanisms = conf.getOrDefault("auth_mechanisms", s.mechanisms);
        s.useWinbind = yes(conf.get("auth_use_winbind"));
        s.anonymousUsername = conf.getOrDefault("auth_anonymous_username", s.anonymousUsername);
        s.proxySelf = conf.getOrDefault("auth_proxy_self", "");
        s.clock = clock; // also a --script setup's: the session clock its scripts and cache read
        s.proxyHosts = new ProxyHosts(http::networkAllowed, hints, ProxyHosts.HOSTS);
        return s;
    }

    /** auth-settings.c (2.3.19, 2.4.1): the auth cache's settings and {@code auth_settings_check()}'s size check. */
    private void cacheSettings(DovecotConfig config, Path conf, AuthSettings s) throws SetupException {
        try {
            String size = config.setting("auth_cache_size");
            if (size != null) {
                s.cacheSize = SettingSize.parse(size.trim());
            }
            String ttl = config.setting("auth_cache_ttl");
            if (ttl != null) {
                s.cacheTtl = SettingTime.parse(ttl.trim());
            }
            String negTtl = config.setting("auth_cache_negative_ttl");
            if (negTtl != null) {
                s.cacheNegativeTtl = SettingTime.parse(negTtl.trim());
            }
        } catch (SetupException e) {
            throw new SetupException(conf + ": " + e.getMessage());
        }
        if (s.cacheSize > 0 && s.cacheSize < 1024) {
            // "probably a configuration error. older versions used megabyte numbers"
            throw new SetupException(conf + ": auth_cache_size value is too small (" + s.cacheSize + " bytes)");
        }
    }

    /**
     * {@code auth_failure_delay} (auth-settings.c, default 2 secs) and {@code service auth-worker
     * { process_limit }} (default 30): only what 2.4's debug lines name; dovelua answers at once (the
     * delay stays noted as not emulated).
     */
    private static void workerSettings(DovecotConfig config, Path conf, AuthSettings s) throws SetupException {
        try {
            String delay = config.setting("auth_failure_delay");
            if (delay != null) {
                s.failureDelay = SettingTime.parse(delay.trim());
            }
        } catch (SetupException e) {
            throw new SetupException(conf + ": auth_failure_delay: " + e.getMessage());
        }
        String limit = config.serviceSetting("auth-worker", "process_limit");
        if (limit != null) {
            if (!limit.trim().matches("[0-9]{1,9}")) {
                throw new SetupException(config.serviceSettingLocation("auth-worker", "process_limit")
                        + ": service auth-worker { process_limit }: Invalid number: " + limit.trim()
                        + " (a number of processes such as 30)");
            }
            s.workerProcessLimit = Integer.parseInt(limit.trim());
        }
    }

    /** A boolean setting as auth-settings.c reads it. */
    public static boolean yes(String v) {
        return v != null && v.trim().equalsIgnoreCase("yes");
    }

    /** A single script as a Lua passdb and userdb (two separate states), {@code blocking=yes}. */
    public AuthEngine fromScript(Path script) throws SetupException {
        Path abs = script.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new SetupException(script + ": No such file (the --script file must exist)");
        }
        vfs.mount(abs.toString(), abs);
        Context ctx = new Context(settings(Map.of()));
        String file = abs.toString();
        AuthPassdb passdb = new AuthPassdb(PassdbLua.forScript(file, ctx), "", 1);
        AuthUserdb userdb = new AuthUserdb(UserdbLua.forScript(file, ctx), "", 1);
        return new AuthEngine(ctx.settings, List.of(passdb), List.of(), List.of(userdb), ctx.auth, ctx.worker, env);
    }

    /** What the drivers of this setup share: settings, environment, processes, file access. */
    private final class Context implements DriverContext {
        final AuthSettings settings;
        final DovecotEvent auth;
        final DovecotEvent worker;
        /** Dovecot's dict service, when the setup comes from a dovecot.conf. */
        DictService dictService;
        /** The dovecot.conf the setup comes from, or null. */
        DovecotConfig config;
        /** db-oauth2.c's {@code db_oauth2_head}: the dbs made so far, by grant flag (the settings are the one oauth2 filter). */
        final Map<Boolean, org.dovelua.auth.oauth2.DbOauth2> oauth2Dbs = new java.util.HashMap<>();
        /** Each process's lib-http client numbers (http-client.c's static id). */
        final Map<DovecotEvent, org.dovelua.lua.http.HttpClientIds> httpClientIds = new java.util.IdentityHashMap<>();
        /** The auth process's lib-http clients of C code (db-oauth2's), made with the first db; null until then. */
        org.dovelua.lua.http.HttpClientLib authHttp;

        /**
         * The auth process's C clients share one model of lib-http's hosts, peers and connections
         * (http-client.c's shared context): one client's idle connection serves the other's request.
         */
        org.dovelua.lua.http.HttpClientLib authHttp() {
            if (authHttp == null) {
                authHttp = new org.dovelua.lua.http.HttpClientLib(http, true, null, null, auth)
                        .clientIds(httpClientIds(auth)).urlRules(HttpUrlRules.of(settings.version));
                closeables.add(authHttp::close);
            }
            return authHttp;
        }

        Context(AuthSettings settings) {
            this.settings = settings;
            this.auth = DovecotEvent.root("auth", sink, settings.debug);
            this.worker = DovecotEvent.root("auth-worker", sink, settings.debug);
        }

        @Override
        public AuthSettings settings() {
            return settings;
        }

        @Override
        public Map<String, String> env() {
            return env;
        }

        @Override
        public void hint(String line) {
            hints.accept(line);
        }

        @Override
        public DovecotEvent authProcess() {
            return auth;
        }

        @Override
        public DovecotEvent workerProcess() {
            return worker;
        }

        @Override
        public synchronized org.dovelua.lua.http.HttpClientIds httpClientIds(DovecotEvent process) {
            return httpClientIds.computeIfAbsent(process, p -> new org.dovelua.lua.http.HttpClientIds());
        }

        @Override
        public Files files() {
            return new Files() {
                @Override
                public byte[] read(String path) throws ScriptException {
                    return readScript(path);
                }

                @Override
                public boolean exists(String path) {
                    Optional<Path> local = vfs.resolve(path);
                    return local.isPresent() && java.nio.file.Files.isRegularFile(local.get());
                }

                @Override
                public boolean present(String path) {
                    Optional<Path> local = vfs.resolve(path);
                    return local.isPresent() && java.nio.file.Files.exists(local.get());
                }
            };
        }

        @Override
        public ScriptOptions scriptOptions() {
            return AuthSetup.this.scriptOptions();
        }

        @Override
        public org.dovelua.auth.oauth2.DbOauth2 oauth2Db(DbConfig db, boolean useGrantPassword) throws SetupException {
            if (config == null) {
                return DriverContext.super.oauth2Db(db, useGrantPassword);
            }
            org.dovelua.auth.oauth2.DbOauth2 made = oauth2Dbs.get(useGrantPassword);
            if (made != null) {
                return made;
            }
            org.dovelua.auth.oauth2.OAuth2Settings set = org.dovelua.auth.oauth2.OAuth2Settings.of(config.oauth2(),
                    settings.version);
            String error = set.checkError();
            if (error != null) {
                throw new SetupException(db.location() + ": passdb oauth2: " + error);
            }
            // db_oauth2_setup()'s refusals in its order: db_oauth2_init()'s error_r, which passdb_preinit()
            // makes the auth process's fatal error (seen for openid_configuration_url on 2.4.1, case 518)
            String refusal = set.setupError();
            if (refusal == null && set.unknownDictModule() != null) {
                refusal = "Unknown dict module: " + set.unknownDictModule();
            }
            if (refusal == null) {
                refusal = set.openidConfigurationUrlError();
            }
            if (refusal != null) {
                made = org.dovelua.auth.oauth2.DbOauth2.refused(set, refusal);
                oauth2Dbs.put(useGrantPassword, made);
                return made;
            }
            if (set.notEmulated() != null) {
                throw new SetupException(db.location() + ": passdb oauth2: " + set.notEmulated());
            }
            // passdb-oauth2.c: db_oauth2_init(the passdb's event, ...), whose client debugs with auth_debug
            made = newDbOauth2(set, settings, authHttp(), true);
            oauth2Dbs.put(useGrantPassword, made);
            return made;
        }

        @Override
        public Dict openDict(String uri) throws DictInitException {
            return DictModules.standard().init(uri, dictContext(worker, Optional.ofNullable(dictService)));
        }

        /**
         * Starts the emulated dict service with dovecot.conf's {@code dict {}} block (null: no
         * block); its dictionaries are opened in the {@code dict} process, with no dict service of
         * their own.
         */
        void dictService(Map<String, String> dicts) {
            DovecotEvent process = DovecotEvent.root("dict", sink, false);
            dictService = new DictService(dicts, settings.baseDir, process,
                    (uri, parent) -> DictModules.standard().init(uri, dictContext(parent, Optional.empty())), hints);
        }

        /** What a dict opened under {@code event} reaches: the mounts, base_dir, fixtures, network, the dict service. */
        private DictContext dictContext(DovecotEvent event, Optional<DictService> service) {
            return new DictContext() {
                @Override
                public DovecotEvent event() {
                    return event;
                }

                @Override
                public Optional<Path> resolve(String configPath) {
                    return vfs.resolve(configPath);
                }

                @Override
                public String baseDir() {
                    return settings.baseDir;
                }

                @Override
                public DictFixtures fixtures() {
                    return dicts;
                }

                @Override
                public Optional<DictService> dictService() {
                    return service;
                }

                @Override
                public boolean allowNetwork() {
                    return http.networkAllowed();
                }

                @Override
                public void hint(String line) {
                    hints.accept(line);
                }
            };
        }
    }

    /** Reads {@code conf} and builds the engine it describes. */
    public AuthEngine fromConfig(Path conf) throws SetupException {
        DovecotConfig config;
        try {
            config = ConfigParser.parse(conf);
        } catch (ConfigException e) {
            throw e.refusedByDoveconf() ? SetupException.refusedByDoveconf(e) : new SetupException(e.getMessage());
        }
        if (!versionGiven && config.dovecotConfigVersion() != null) {
            try {
                version = DovecotVersion.parse(config.dovecotConfigVersion());
            } catch (IllegalArgumentException e) {
                throw new SetupException(conf + ": dovecot_config_version: " + e.getMessage());
            }
        }
        try {
            config.checkNames(KnownSettings.of(version));
        } catch (ConfigException e) {
            throw SetupException.refusedByDoveconf(e);
        }
        String note = org.dovelua.auth.config.EmulatedSettings.note(
                org.dovelua.auth.config.EmulatedSettings.notEmulated(config.settings()));
        if (note != null) {
            notes.accept(note);
        }
        AuthSettings settings = settings(config.settings());
        cacheSettings(config, conf, settings);
        settings.authVszLimit = SettingSize.vszLimit(config, "auth", settings.authVszLimit);
        settings.workerVszLimit = SettingSize.vszLimit(config, "auth-worker", settings.workerVszLimit);
        workerSettings(config, conf, settings);
        Context ctx = new Context(settings);
        ctx.config = config;
        // the dict service is one of Dovecot's default services: it runs with or without a dict {} block
        ctx.dictService(config.dicts());
        // main_preinit(): mech_init() makes the mechanisms' oauth2 db (and its lib-http client) before
        // auths_preinit() makes the passdbs'
        java.util.function.Consumer<AuthEngine> mechOauth2 = engine -> { };
        if (settings.version.has(Since.OAUTH2_MECH_OWN_DB) && (AuthMechanisms.offered(settings, "OAUTHBEARER")
                || AuthMechanisms.offered(settings, "XOAUTH2"))) {
            mechOauth2 = oauth2(ctx, config, settings);
        }
        List<AuthPassdb> passdbs = new ArrayList<>();
        List<AuthPassdb> masters = new ArrayList<>();
        int id = 0;
        for (DbConfig db : config.passdbs()) {
            AuthPassdb ap = passdb(db, ctx, ++id);
            (ap.master ? masters : passdbs).add(ap);
        }
        if (!passdbs.isEmpty() && passdbs.get(passdbs.size() - 1).pass) {
            throw new SetupException(config.passdbs().get(config.passdbs().size() - 1).location()
                    + ": Last passdb can't have pass=yes");
        }
        List<AuthUserdb> userdbs = new ArrayList<>();
        id = 0;
        for (DbConfig db : config.userdbs()) {
            userdbs.add(userdb(db, ctx, ++id));
        }
        if (passdbs.isEmpty()) {
            throw new SetupException(conf + ": No passdbs specified in configuration file. "
                    + "PLAIN mechanism needs one (add a passdb { } block)");
        }
        if (userdbs.isEmpty()) {
            throw new SetupException(conf + ": No userdbs specified in configuration file "
                    + "(add a userdb { } block)");
        }
        AuthEngine engine = new AuthEngine(ctx.settings, passdbs, masters, userdbs, ctx.auth, ctx.worker, env)
                .withService(ctx.dictService::close);
        mechOauth2.accept(engine);
        if (ctx.authHttp != null) {
            engine.withAuthProcessHttp(ctx.authHttp);
        }
        closeables.forEach(engine::withService);
        closeables.clear();
        return engine;
    }

    /**
     * mech_oauth2_initialize(): the OAuth2 mechanisms' {@code oauth2 { }} database; settings it
     * refuses stop the auth process at its start ("Cannot initialize oauth2: ..."). Returns what it
     * gives the engine.
     */
    private java.util.function.Consumer<AuthEngine> oauth2(Context ctx, DovecotConfig config, AuthSettings settings)
            throws SetupException {
        org.dovelua.auth.oauth2.OAuth2Settings set = org.dovelua.auth.oauth2.OAuth2Settings.of(config.oauth2(),
                settings.version);
        String error = set.checkError();
        if (error != null) {
            // the settings' check runs in doveconf: Dovecot does not start, doveadm finds no auth socket
            String refusal = "doveconf: Fatal: Error in configuration file " + config.sourceFile() + ": " + error;
            return engine -> engine.withMasterRefusal(refusal);
        }
        error = set.setupError();
        if (error == null && set.unknownDictModule() != null) {
            // dict_init_auto(): no such driver registered (seen on 2.4.1: the auth process does not start)
            error = "Unknown dict module: " + set.unknownDictModule();
        }
        if (error == null) {
            // db_oauth2_setup()'s last check (seen on 2.4.1, case 524)
            error = set.openidConfigurationUrlError();
        }
        if (error != null) {
            String failure = "Cannot initialize oauth2: " + error;
            return engine -> engine.withInitFailure(failure);
        }
        if (set.notEmulated() != null) {
            throw new SetupException(config.sourceFile() + ": " + set.notEmulated());
        }
        // mech_oauth2_initialize() runs in mech_init(), before auths_preinit() creates auth_event:
        // db_oauth2_init(auth_event = NULL, ...) gives the db's client an event that does not debug
        org.dovelua.auth.oauth2.DbOauth2 db = newDbOauth2(set, settings, ctx.authHttp(), false);
        return engine -> engine.withOauth2(db);
    }

    /**
     * db_oauth2_setup(): the database's lib-http client (made on {@code client}, the auth process's C
     * clients; {@code clientDebug}: whether its own event debugs) and, for introspection_mode = local,
     * the key dict.
     */
    private org.dovelua.auth.oauth2.DbOauth2 newDbOauth2(org.dovelua.auth.oauth2.OAuth2Settings set,
            AuthSettings settings, org.dovelua.lua.http.HttpClientLib client, boolean clientDebug) {
        org.dovelua.auth.oauth2.LocalJwtValidation local = null;
        if (set.local()) {
            // dict_init_auto() without a dict leaves key_dict NULL (oauth2_try_parse_jwt() asserts on it)
            String prefix = set.localValidationFsPrefix == null ? "" : set.localValidationFsPrefix;
            org.dovelua.auth.oauth2.LocalJwtValidation.KeyDict keys = null;
            if ("file".equals(set.localValidationDict)) {
                keys = new org.dovelua.auth.oauth2.LibDictKeyDict(keyFileDict(set.localValidationFilePath));
            } else if (set.localValidationDict != null) {
                keys = new org.dovelua.auth.oauth2.FsPosixKeyDict(prefix, p -> vfs.resolve(p.toString()).orElse(p));
            }
            local = new org.dovelua.auth.oauth2.LocalJwtValidation(set, keys,
                    settings.clock,
                    settings.version.has(Since.OAUTH2_TOKEN_EXPIRE_GRACE));
        }
        return new org.dovelua.auth.oauth2.DbOauth2(set,
                new org.dovelua.auth.oauth2.OAuth2Request(set, client, settings.version, clientDebug), local);
    }

    /** dict-file.c over {@code dict_file_path} (through the mounts), read when a key is looked up. */
    private org.dovelua.dict.Dict keyFileDict(String path) {
        org.dovelua.dict.DictContext files = new org.dovelua.dict.DictContext() {
            @Override
            public DovecotEvent event() {
                return DovecotEvent.root("auth", sink, false);
            }

            @Override
            public Optional<Path> resolve(String configPath) {
                return vfs.resolve(configPath);
            }

            @Override
            public String baseDir() {
                return "";
            }

            @Override
            public DictFixtures fixtures() {
                return dicts;
            }

            @Override
            public boolean allowNetwork() {
                return false;
            }
        };
        try {
            return org.dovelua.dict.FileDict.init(path == null ? "" : path, files);
        } catch (org.dovelua.dict.DictInitException e) {
            throw new IllegalStateException("a path without ':' has no parameters", e);
        }
    }

    private AuthPassdb passdb(DbConfig db, Context ctx, int id) throws SetupException {
        Passdb impl = DRIVERS.passdb(db, ctx);
        AuthPassdb ap = new AuthPassdb(impl, db.settings().getOrDefault("name", dbName(db)), id);
        ap.master = yes(db.setting("master"));
        ap.pass = yes(db.setting("pass"));
        ap.deny = yes(db.setting("deny"));
        chainSettings(db, ap);
        if (ap.pass) {
            ap.resultSuccess = DbRule.CONTINUE; // backwards compatibility in auth.c
        }
        String skip = db.settings().getOrDefault("skip", "never");
        try {
            ap.skip = AuthPassdb.Skip.valueOf(skip.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SetupException(db.location() + ": Invalid skip value '" + skip
                    + "' (use never, authenticated or unauthenticated)");
        }
        return ap;
    }

    private AuthUserdb userdb(DbConfig db, Context ctx, int id) throws SetupException {
        Userdb impl = DRIVERS.userdb(db, ctx);
        AuthUserdb au = new AuthUserdb(impl, db.settings().getOrDefault("name", dbName(db)), id);
        chainSettings(db, au);
        String skip = db.settings().getOrDefault("skip", "never");
        try {
            au.skip = AuthUserdb.Skip.valueOf(skip.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SetupException(db.location() + ": Invalid skip value '" + skip
                    + "' (use never, found or notfound)");
        }
        return au;
    }

    /** 2.3 names a db by {@code name =} only; the driver is the log name otherwise. */
    private String dbName(DbConfig db) {
        return version.has(Since.DB_NAMED_BY_SECTION) && db.name() != null && !db.name().equals(db.driver()) ? db.name() : "";
    }

    /** The settings every passdb and userdb block has (auth-settings.c). */
    private static void chainSettings(DbConfig db, ChainedDb c) throws SetupException {
        c.resultSuccess = rule(db, "result_success");
        c.resultFailure = rule(db, "result_failure");
        c.resultInternalfail = rule(db, "result_internalfail");
        c.verbose = verbosity(db);
        c.defaultFields = db.settings().getOrDefault("default_fields", "");
        c.overrideFields = db.settings().getOrDefault("override_fields", "");
        // 2.4: passdb_use_cache / userdb_use_cache, the prefix optional inside the block (SETTING_NAMES_FLAT)
        String kind = c instanceof AuthPassdb ? "passdb_" : "userdb_";
        String useCache = db.settings().getOrDefault(kind + "use_cache", db.setting("use_cache"));
        c.useCache = useCache == null || yes(useCache);
    }

    private static Boolean verbosity(DbConfig db) {
        String v = db.setting("auth_verbose");
        if (v == null || v.equals("default")) {
            return null;
        }
        return yes(v);
    }

    private static DbRule rule(DbConfig db, String key) throws SetupException {
        String v = db.setting(key);
        if (v == null) {
            return DbRule.defaultFor(key);
        }
        DbRule r = DbRule.parse(v);
        if (r == null) {
            throw new SetupException(db.location() + ": Invalid " + key + " value '" + v
                    + "' (use return-ok, return, return-fail, continue, continue-ok or continue-fail)");
        }
        return r;
    }
}
