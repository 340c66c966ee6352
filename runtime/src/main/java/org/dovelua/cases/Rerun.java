package org.dovelua.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code dovelua} command line that sends a case's request on its own, printed under a failed
 * case so its reader can run it, add {@code --log-level debug} or {@code --trace-http}, and edit.
 */
final class Rerun {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private Rerun() {
    }

    /**
     * A {@code one_auth_process} file's cases depend on the ones before them (the auth cache, script
     * globals, the clock): the line runs the whole file.
     */
    static String file(CaseFile f) {
        return "dovelua test " + quote(CaseFiles.shown(f.file()))
                + "   # its cases share one auth process: a request on its own would not see the ones before it";
    }

    /**
     * The command for {@code c} under {@code setup}; an inline stub has no file to name, so the
     * line says so instead of pretending.
     */
    static String of(Setup setup, Case c) {
        List<String> args = new ArrayList<>();
        args.add("dovelua");
        if (setup.nauthilus() != null) {
            // a plugin case's fixture is the setup's and the case's blocks together: run the case itself
            add(args, "test", CaseFiles.shown(setup.nauthilus().caseFile()));
            add(args, "--filter", c.name());
            StringBuilder sb = new StringBuilder();
            for (String a : args) {
                sb.append(sb.length() == 0 ? "" : " ").append(quote(a));
            }
            return sb.toString();
        }
        if (setup.config() != null) {
            add(args, "-c", CaseFiles.shown(setup.config()));
        } else {
            add(args, "--script", CaseFiles.shown(setup.script()));
        }
        if (setup.version() != null) {
            args.add("--dovecot-version");
            args.add(setup.version());
        }
        setup.mounts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(m -> add(args, "--mount", m.getKey() + "=" + CaseFiles.shown(m.getValue())));
        setup.env().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> add(args, "--env", e.getKey() + "=" + e.getValue()));
        String level = logLevel(setup);
        if (level != null) {
            add(args, "--log-level", level);
        }
        if (!setup.timeout().equals(java.time.Duration.ofSeconds(10))) {
            add(args, "--timeout", String.valueOf(setup.timeout().toMillis() / 1000.0).replaceAll("\\.0$", ""));
        }
        if (setup.allowFs()) {
            args.add("--allow-fs");
        }
        if (setup.allowNetwork()) {
            args.add("--allow-network");
        }
        setup.sql().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(q -> add(args, "--sql", q.getKey() + "=" + CaseFiles.shown(q.getValue())));
        List<String> inline = new ArrayList<>();
        for (Setup.Dict d : setup.dicts()) {
            if (d.inline()) {
                inline.add(d.uri());
            } else {
                add(args, "--dict", d.uri() + "=" + CaseFiles.shown(d.data()));
            }
        }
        for (Setup.Stub s : setup.stubs()) {
            if (s.file() != null) {
                add(args, "--stub", s.prefix() + "=" + s.kind() + ":" + CaseFiles.shown(s.file()));
            } else {
                inline.add(s.prefix());
            }
        }
        for (Setup.Exec x : setup.exec()) {
            if (x.file() != null) {
                add(args, "--exec", x.stub().pattern() + "=" + CaseFiles.shown(x.file()));
            } else {
                inline.add("`" + x.stub().pattern() + "`");
            }
        }
        switch (c.command()) {
            case AUTH_TEST -> args.addAll(List.of("auth", "test"));
            case AUTH_LOGIN -> args.addAll(List.of("auth", "login"));
            case AUTH_LOOKUP -> args.addAll(List.of("auth", "lookup"));
            case USER -> args.add("user");
            case ITERATE -> {
                args.add("user");
                args.add("*");
            }
            case CACHE_FLUSH -> {
                args.addAll(List.of("auth", "cache", "flush"));
                args.addAll(c.flushUsers());
            }
            default -> throw new IllegalArgumentException(c.command().key() + ": no doveadm command line sends it");
        }
        c.info().forEach((k, v) -> add(args, "-x", k + "=" + v));
        if (c.mech() != null) {
            args.add("--sasl-client"); // mech: has dovelua as the client, as auth test --sasl-client -A does
            add(args, "-A", c.mech());
        }
        if (c.user() != null) {
            args.add(c.user());
        }
        if (c.password() != null) {
            args.add(c.password());
        }
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            sb.append(sb.length() == 0 ? "" : " ").append(quote(a));
        }
        if (!inline.isEmpty()) {
            sb.append("   # plus the inline stub").append(inline.size() > 1 ? "s" : "").append(" for ")
                    .append(String.join(", ", inline))
                    .append(": write it to a file for --stub URL=KIND:FILE, --exec 'PATTERN'=FILE or --dict URI=FILE");
        }
        return sb.toString();
    }

    private static void add(List<String> args, String option, String value) {
        args.add(option);
        args.add(value);
    }

    /** What {@code --log-level} gives the case's auth_debug/auth_verbose overrides. */
    private static String logLevel(Setup s) {
        if (Boolean.TRUE.equals(s.authDebug())) {
            return "debug";
        }
        if (Boolean.TRUE.equals(s.authVerbose())) {
            return "info";
        }
        return s.authDebug() != null || s.authVerbose() != null ? "warning" : null;
    }

    /** POSIX shell quoting: single quotes, with a quote written as {@code '\''}. */
    static String quote(String arg) {
        if (!arg.isEmpty() && PLAIN.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
