package org.dovelua.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.auth.config.ConfigException;
import org.dovelua.auth.config.ConfigParser;
import org.dovelua.auth.config.DbConfig;
import org.dovelua.auth.config.DovecotConfig;
import org.dovelua.auth.config.SetupException;
import org.dovelua.auth.lua.LuaDriverArgs;
import org.dovelua.cases.Case;
import org.dovelua.cases.CaseFile;
import org.dovelua.cases.CaseFileException;
import org.dovelua.cases.CaseFiles;
import org.dovelua.version.DovecotVersion;

/**
 * {@code dovelua check}: finds the scripts (a config's Lua passdbs/userdbs, {@code --script}, or
 * the setups of the case files), analyses each statically, checks the passdb chain, and with case
 * files runs them to add what the request object was asked for and did not have.
 */
public final class Checker {
    /** A command line that cannot be checked (exit 2): a missing file, a config Dovecot refuses. */
    public static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    private Path config;
    private Path script;
    private String version;
    private final Map<String, Path> mounts = new LinkedHashMap<>();
    private final List<Path> cases = new ArrayList<>();
    private int jobs = 1;

    public Checker config(Path p) {
        this.config = p;
        return this;
    }

    public Checker script(Path p) {
        this.script = p;
        return this;
    }

    /** {@code --dovecot-version}; otherwise the config's dovecot_config_version, else 2.3.19. */
    public Checker version(String v) {
        this.version = v;
        return this;
    }

    public Checker mount(String absolute, Path local) {
        mounts.put(absolute, local);
        return this;
    }

    public Checker cases(Path fileOrDir) {
        cases.add(fileOrDir);
        return this;
    }

    public Checker jobs(int n) {
        this.jobs = Math.max(1, n);
        return this;
    }

    /** Every finding, sorted by file and position. */
    public List<Finding> run() {
        DovecotVersion explicit = version == null ? null : parseVersion(version);
        Findings out = new Findings();
        Map<Path, ScriptTarget> targets = new LinkedHashMap<>();
        List<Discovered> configs = new ArrayList<>();
        if (config != null) {
            configs.add(discover(config, mounts, explicit, targets));
        }
        if (script != null) {
            scriptTarget(targets, script, explicit != null ? explicit : DovecotVersion.DEFAULT);
        }
        List<CaseFile> loaded = readCases();
        String iteratedBy = null;
        for (CaseFile cf : loaded) {
            if (config == null && script == null && cf.setup().nauthilus() == null) {
                DovecotVersion v = explicit != null ? explicit
                        : cf.setup().version() != null ? parseVersion(cf.setup().version()) : null;
                if (cf.setup().config() != null) {
                    configs.add(discover(cf.setup().config(), cf.setup().mounts(), v, targets));
                } else if (cf.setup().script() != null) {
                    scriptTarget(targets, cf.setup().script(), v != null ? v : DovecotVersion.DEFAULT);
                }
            }
            for (Case c : cf.cases()) {
                if (c.command() == Case.Command.ITERATE && iteratedBy == null) {
                    iteratedBy = "case '" + c.name() + "' (" + CaseFiles.shown(cf.file()) + ")";
                }
            }
        }
        if (targets.isEmpty() && configs.isEmpty()) {
            throw new UsageException("nothing to check: give -c dovecot.conf, --script FILE.lua or --cases with "
                    + "case files that name a config or script");
        }
        Map<DbConfig, ScriptModel> models = new IdentityHashMap<>();
        Map<Path, ScriptModel> byPath = new LinkedHashMap<>();
        for (Map.Entry<Path, ScriptTarget> e : targets.entrySet()) {
            String text;
            try {
                text = Files.readString(e.getKey(), StandardCharsets.ISO_8859_1);
            } catch (IOException ex) {
                throw new UsageException(e.getValue().shown + ": cannot read: " + ex.getMessage());
            }
            ScriptModel m = StaticAnalyser.analyse(e.getValue(), text, e.getValue().version, out);
            if (m != null) {
                byPath.put(e.getKey(), m);
                ConfigRules.iterate(m, e.getValue(), iteratedBy, out);
            }
        }
        for (Discovered d : configs) {
            for (Map.Entry<DbConfig, Path> e : d.scripts.entrySet()) {
                if (byPath.containsKey(e.getValue())) {
                    models.put(e.getKey(), byPath.get(e.getValue()));
                }
            }
            ConfigRules.chain(d.config.passdbs(), models, CaseFiles.shown(d.file), out);
        }
        if (!loaded.isEmpty()) {
            DynamicCheck.run(loaded, jobs, targets.values(),
                    explicit != null ? explicit : DovecotVersion.DEFAULT, out);
        }
        return out.sorted();
    }

    private record Discovered(Path file, DovecotConfig config, Map<DbConfig, Path> scripts) {
    }

    private static void scriptTarget(Map<Path, ScriptTarget> targets, Path p, DovecotVersion v) {
        ScriptTarget t = target(targets, p);
        t.passdb = true;
        t.userdb = true;
        t.version = v;
    }

    /** A config's Lua dbs; {@code given} null: the config's dovecot_config_version, else 2.3.19. */
    private Discovered discover(Path conf, Map<String, Path> mounts, DovecotVersion given,
            Map<Path, ScriptTarget> targets) {
        DovecotConfig c;
        try {
            c = ConfigParser.parse(conf);
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage());
        }
        DovecotVersion v = given != null ? given : c.dovecotConfigVersion() != null
                ? parseVersion(c.dovecotConfigVersion()) : DovecotVersion.DEFAULT;
        Map<DbConfig, Path> scripts = new IdentityHashMap<>();
        List<DbConfig> dbs = new ArrayList<>(c.passdbs());
        dbs.addAll(c.userdbs());
        for (DbConfig db : dbs) {
            if (!db.driver().equals("lua")) {
                continue;
            }
            boolean passdb = db.kind().equals("passdb");
            LuaDriverArgs args;
            try {
                args = LuaDriverArgs.parse(db, db.kind(), passdb, v);
            } catch (SetupException e) {
                throw new UsageException(e.getMessage());
            }
            Path local = resolve(args.file(), mounts, db);
            ScriptTarget t = target(targets, local);
            t.names.add(args.file());
            scripts.put(db, local.toAbsolutePath().normalize());
            t.version = v;
            t.passdb |= passdb;
            t.userdb |= !passdb;
            if (!args.blocking() && t.nonBlocking == null) {
                t.nonBlocking = db;
            }
            boolean explicitScheme = db.setting("passdb_default_password_scheme") != null
                    || (" " + db.args()).contains(" scheme=");
            if (passdb && explicitScheme && t.scheme == null) {
                t.scheme = args.scheme();
                t.schemeDb = db;
            }
        }
        return new Discovered(conf, c, scripts);
    }

    /** A script path as the config names it, through {@code --mount}s. */
    private static Path resolve(String file, Map<String, Path> mounts, DbConfig db) {
        String best = null;
        for (String abs : mounts.keySet()) {
            String prefix = abs.endsWith("/") ? abs : abs + "/";
            if ((file.equals(abs) || file.startsWith(prefix)) && (best == null || abs.length() > best.length())) {
                best = abs;
            }
        }
        Path p;
        if (best != null) {
            String rest = file.substring(best.length()).replaceFirst("^/", "");
            p = rest.isEmpty() ? mounts.get(best) : mounts.get(best).resolve(rest);
        } else {
            p = Path.of(file);
        }
        if (!Files.isRegularFile(p)) {
            throw new UsageException(db.location() + ": the " + db.kind() + "'s script " + file + " does not exist"
                    + (best == null ? " here; map its directory with --mount " + parent(file) + "=DIR" : " (as " + p + ")"));
        }
        return p;
    }

    private static String parent(String file) {
        int slash = file.lastIndexOf('/');
        return slash <= 0 ? "/" : file.substring(0, slash);
    }

    private static ScriptTarget target(Map<Path, ScriptTarget> targets, Path p) {
        Path key = p.toAbsolutePath().normalize();
        return targets.computeIfAbsent(key, k -> new ScriptTarget(key, CaseFiles.shown(p)));
    }

    private List<CaseFile> readCases() {
        if (cases.isEmpty()) {
            return List.of();
        }
        List<Path> files;
        try {
            files = CaseFiles.find(cases);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new UsageException(e.getMessage());
        }
        if (files.isEmpty()) {
            throw new UsageException("no case files (cases.yaml or *.cases.yaml) under " + cases);
        }
        List<CaseFile> loaded = new ArrayList<>();
        for (Path f : files) {
            try {
                loaded.add(CaseFile.read(f));
            } catch (CaseFileException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return loaded;
    }

    private static DovecotVersion parseVersion(String v) {
        if (v == null) {
            return DovecotVersion.DEFAULT;
        }
        try {
            return DovecotVersion.parse(v);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--dovecot-version: " + e.getMessage());
        }
    }
}
