package org.dovelua.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.dovelua.doveadm.Exits;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dovelua init [--passwd-file|--nextcloud|--nauthilus|--sql|--helper] [DIR]}: a folder
 * with a {@code dovecot.conf}, a script, its fixtures and case files that pass, copied from the
 * worked example of that scenario (the examples in scripts/, packed into the jar).
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Start a folder for one scenario: dovecot.conf, the script, fixtures and case files that "
                + "pass (dovelua test DIR). Existing files are never overwritten."},
        footer = {"", "Example:", "  dovelua init --nextcloud mail-auth && dovelua test mail-auth"})
final class InitCommand implements Callable<Integer> {
    /** The scenarios: option, the example folder, what it shows. */
    private static final Map<String, String> TEMPLATES = Map.of(
            "passwd-file", "a passwd-style file with hashed passwords, read by the script",
            "nextcloud", "Nextcloud app passwords over WebDAV, answered by a Nextcloud stub",
            "nauthilus", "a bridge to Nauthilus's JSON endpoint, answered by a Nauthilus stub",
            "luasql-sqlite", "users in an SQLite database, read with luasql.sqlite3",
            "helper-program", "a checkpassword-style helper program, answered by exec stubs");

    @ParentCommand
    DoveluaCommand root;

    static final class Scenario {
        @Option(names = "--passwd-file", description = "A passwd-style file with hashed passwords (the default).")
        boolean passwdFile;

        @Option(names = "--nextcloud", description = "Nextcloud app passwords over WebDAV (a Nextcloud stub).")
        boolean nextcloud;

        @Option(names = "--nauthilus", description = "A bridge to Nauthilus's JSON endpoint (a Nauthilus stub).")
        boolean nauthilus;

        @Option(names = "--sql", description = "Users in an SQLite database (luasql.sqlite3).")
        boolean sql;

        @Option(names = "--helper", description = "A checkpassword-style helper program (exec stubs).")
        boolean helper;

        String name() {
            return nextcloud ? "nextcloud" : nauthilus ? "nauthilus" : sql ? "luasql-sqlite"
                    : helper ? "helper-program" : "passwd-file";
        }
    }

    @ArgGroup(exclusive = true)
    Scenario scenario = new Scenario();

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Where (default: the current folder).")
    Path dir = Path.of(".");

    @Override
    public Integer call() {
        String name = scenario.name();
        List<String> written = new ArrayList<>();
        try {
            List<String> files = files(name);
            for (String f : files) {
                if (Files.exists(dir.resolve(f))) {
                    root.err.println("dovelua: init: " + dir.resolve(f) + " exists: init writes into an empty folder"
                            + " (give another DIR)");
                    return Exits.USAGE;
                }
            }
            Files.createDirectories(dir);
            for (String f : files) {
                try (InputStream in = InitCommand.class.getResourceAsStream("/org/dovelua/init/" + name + "/" + f)) {
                    Files.copy(in, dir.resolve(f));
                }
                written.add(f);
            }
        } catch (IOException e) {
            root.err.println("dovelua: init: " + e.getMessage());
            return Exits.CANTCREAT;
        }
        root.out.println("dovelua: init: " + TEMPLATES.get(name) + ", in " + dir + ": " + String.join(", ", written));
        root.out.println("run its cases with: dovelua test " + dir);
        root.out.flush();
        return Exits.OK;
    }

    /** The template's files (names inside its folder), from the jar or the classes folder. */
    static List<String> files(String name) throws IOException {
        URL url = InitCommand.class.getResource("/org/dovelua/init/" + name);
        if (url == null) {
            throw new IOException("the " + name + " template is not in this build of dovelua");
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                    return list(fs.provider().getPath(uri));
                }
            }
            return list(Path.of(uri));
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private static List<String> list(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
