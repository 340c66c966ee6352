package org.dovelua.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dovelua.auth.config.ConfigException;
import org.dovelua.auth.config.ConfigParser;
import org.dovelua.auth.config.ConfigSyntax;
import org.dovelua.auth.config.DbConfig;
import org.dovelua.auth.config.DovecotConfig;
import org.dovelua.auth.config.KnownSettings;
import org.dovelua.lib.StringFields;
import org.dovelua.version.DovecotVersion;

/**
 * A 2.3 dovecot.conf as 2.4 writes it: {@code passdb { driver = lua args = file=F blocking=no }}
 * becomes {@code passdb lua { lua_file = F passdb_use_worker = no }} (spec §2.1/§2.2, db-lua.c's
 * settings), a static userdb's {@code args} its {@code fields {}} with 2.4 templates (docs-2.4
 * include/2.4-var-expand.inc), and the result is loaded by the new release's config parser and
 * name check, as doveconf would read it. What has no 2.4 form is listed, not guessed.
 *
 * @param source the 2.3 file
 * @param text the converted config (null when the file already is 2.4 syntax or cannot be read)
 * @param notes what was not converted or needs a script edit
 * @param complete whether everything the file says was converted
 * @param loadError what the new release's parser says about {@code text}, or null when it loads
 */
public record ConfigMigration(Path source, String text, List<String> notes, boolean complete, String loadError) {
    public ConfigMigration {
        notes = List.copyOf(notes);
    }

    /** Whether the converted config can stand in for the original under the new release. */
    public boolean usable() {
        return text != null && complete && loadError == null;
    }

    /** The long variable names of 2.3's table and their 2.4 expressions (spec §5.2, §9). */
    private static final Map<String, String> VARS = new LinkedHashMap<>();

    static {
        // written without spaces: dovelua's 2.4 static userdb splits its template on them
        String[][] v = {{"u", "user", "%{user}"}, {"n", "username", "%{user|username}"},
                {"d", "domain", "%{user|domain}"}, {"s", "service", "%{protocol}"}, {"h", "home", "%{home}"},
                {"l", "lip", "%{local_ip}"}, {"r", "rip", "%{remote_ip}"}, {"p", "pid", "%{client_pid}"},
                {"m", "mech", "%{mechanism}"}, {"a", "lport", "%{local_port}"}, {"b", "rport", "%{remote_port}"}};
        for (String[] e : v) {
            VARS.put(e[0], e[2]);
            VARS.put(e[1], e[2]);
        }
        for (String same : new String[] {"local_ip", "remote_ip", "local_port", "remote_port", "session",
                "master_user", "auth_user", "login_user", "mechanism", "domain_first", "domain_last"}) {
            VARS.put(same, "%{" + same + "}");
        }
        VARS.put("orig_user", "%{original_user}");
        VARS.put("original_user", "%{original_user}");
    }

    private static final Pattern VAR23 = Pattern.compile("%(?:\\{([a-z_]+)\\}|([A-Za-z]))|%%");

    /** Converts {@code conf} (and what it includes, spliced in) for release {@code to}. */
    public static ConfigMigration convert(Path conf, DovecotVersion to) {
        DovecotConfig c;
        try {
            c = ConfigParser.parse(conf);
        } catch (ConfigException e) {
            return new ConfigMigration(conf, null, List.of("not converted: " + e.getMessage()), false, null);
        }
        if (c.syntax() == ConfigSyntax.V2_4) {
            return new ConfigMigration(conf, null, List.of("already 2.4 syntax: nothing to convert"), true, null);
        }
        List<String> notes = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        out.append("# ").append(conf.getFileName()).append(" in ").append(to).append("'s syntax (dovelua migrate)\n");
        out.append("dovecot_config_version = ").append(to).append('\n');
        out.append("dovecot_storage_version = ").append(to).append('\n');
        KnownSettings known = KnownSettings.of(to);
        boolean complete = true;
        for (Map.Entry<String, String> s : c.settings().entrySet()) {
            if (!known.knows(s.getKey())) {
                notes.add("not converted: " + s.getKey() + " (no 2.4 setting of this name)");
                complete = false;
                continue;
            }
            String v = template(s.getValue(), notes, s.getKey());
            complete &= v != null;
            if (v != null) {
                out.append(s.getKey()).append(" = ").append(v).append('\n');
            }
        }
        for (Map.Entry<String, Map<String, String>> svc : c.services().entrySet()) {
            out.append("\nservice ").append(svc.getKey()).append(" {\n");
            svc.getValue().forEach((k, v) -> out.append("  ").append(k).append(" = ").append(v).append('\n'));
            out.append("}\n");
        }
        if (c.dicts() != null) {
            notes.add("not converted: the dict {} block (2.4 has no dict passdb/userdb driver; see docs-2.4)");
            complete = false;
        }
        Set<String> names = new HashSet<>();
        for (DbConfig db : concat(c.passdbs(), c.userdbs())) {
            complete &= db(db, out, notes, names);
        }
        String text = out.toString();
        String loadError = null;
        try {
            ConfigParser.parse(text, conf.resolveSibling(conf.getFileName() + " (" + to + ")")).checkNames(known);
        } catch (ConfigException e) {
            loadError = e.getMessage();
        }
        return new ConfigMigration(conf, text, notes, complete, loadError);
    }

    private static List<DbConfig> concat(List<DbConfig> a, List<DbConfig> b) {
        List<DbConfig> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** One passdb/userdb block; false when it has no 2.4 form here. */
    private static boolean db(DbConfig db, StringBuilder out, List<String> notes, Set<String> names) {
        String kind = db.kind();
        String where = db.location();
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> fields = new LinkedHashMap<>(db.fields());
        boolean ok = true;
        if (db.driver().equals("lua")) {
            // passdb-lua.c/userdb-lua.c preinit's args (spec §2.1) -> db-lua.c's 2.4 settings (§2.2)
            for (String f : StringFields.split(db.args())) {
                int eq = f.indexOf('=');
                String key = eq < 0 ? f : f.substring(0, eq);
                String value = eq < 0 ? "" : f.substring(eq + 1);
                switch (key) {
                    case "file" -> settings.put("lua_file", value);
                    case "blocking" -> {
                        if (value.equals("no")) {
                            settings.put(kind + "_use_worker", "no");
                        }
                    }
                    case "scheme" -> settings.put("passdb_default_password_scheme", value);
                    case "cache_key" -> notes.add(where + ": " + kind + " cache_key=" + value + " has no 2.4 setting:"
                            + " define auth_" + kind + "_get_cache_key() in the script (returning the key)");
                    default -> {
                        notes.add(where + ": not converted: " + kind + " lua argument " + f);
                        ok = false;
                    }
                }
            }
        } else if (db.driver().equals("static") && kind.equals("userdb")) {
            // userdb-static.c: args are the template; 2.4 reads them as userdb_fields {}
            for (String f : StringFields.split(db.args())) {
                int eq = f.indexOf('=');
                if (f.equals("allow_all_users") || f.startsWith("allow_all_users=")) {
                    settings.put("userdb_static_allow_all_users", eq < 0 ? "yes" : f.substring(eq + 1));
                } else {
                    String v = template(eq < 0 ? "" : f.substring(eq + 1), notes, where + ": " + f);
                    ok &= v != null;
                    fields.put(eq < 0 ? f : f.substring(0, eq), v == null ? "" : v);
                }
            }
        } else {
            notes.add(where + ": not converted: " + kind + " driver " + db.driver() + " (convert it by hand)");
            return false;
        }
        db.settings().forEach((k, v) -> settings.putIfAbsent(k, v));
        // 2.4 merges blocks of one name: a second block of the same driver gets its own name
        String name = db.driver();
        int n = 1;
        while (!names.add(kind + " " + name)) {
            name = db.driver() + ++n;
        }
        boolean renamed = n > 1;
        out.append('\n').append(kind).append(' ').append(name).append(" {\n");
        if (renamed) {
            out.append("  driver = ").append(db.driver()).append('\n');
        }
        settings.forEach((k, v) -> out.append("  ").append(k).append(" = ").append(v).append('\n'));
        if (!db.luaSettings().isEmpty()) {
            out.append("  lua_settings {\n");
            db.luaSettings().forEach((k, v) -> out.append("    ").append(k).append(" = ").append(v).append('\n'));
            out.append("  }\n");
        }
        if (!fields.isEmpty()) {
            out.append("  fields {\n");
            fields.forEach((k, v) -> out.append("    ").append(k).append(" = ").append(v).append('\n'));
            out.append("  }\n");
        }
        out.append("}\n");
        return ok;
    }

    /** A 2.3 template in 2.4's language, or null (noted) when a variable has no 2.4 form here. */
    static String template(String v, List<String> notes, String where) {
        Matcher m = VAR23.matcher(v);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            if (m.group().equals("%%")) {
                m.appendReplacement(sb, "%%");
                continue;
            }
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String to = VARS.get(name);
            if (to == null) {
                notes.add(where + ": not converted: the 2.3 variable " + m.group() + " (see docs-2.4's var-expand"
                        + " conversion table)");
                return null;
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(to));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Writes the converted config to a new temporary file (the new release's runs read it). */
    public Path write() {
        try {
            Path dir = Files.createTempDirectory("dovelua-migrate");
            Path f = dir.resolve(source.getFileName());
            Files.writeString(f, text);
            f.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
