package org.dovelua.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dovelua.doveadm.Exits;
import org.dovelua.serve.ServeClient;
import org.dovelua.serve.ServeEndpoint;
import org.dovelua.serve.ServeProtocol;
import org.dovelua.serve.ServeServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dovelua serve}: stays up in the foreground answering the {@code dovelua} launcher's
 * command lines from this directory (see {@link ServedProcesses}); {@code --status} and
 * {@code --stop} ask the running one.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Keep auth processes running for the dovelua launcher in this directory, as a running "
                + "Dovecot serves doveadm: auth test, auth login, auth lookup, auth cache flush and user then answer in "
                + "milliseconds, Lua globals and the auth cache persist between calls, and a changed script, "
                + "config or mounted file restarts the process first (doveadm reload). DOVELUA_NO_SERVE=1 makes "
                + "the launcher run every command itself."})
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    DoveluaCommand root;

    @Option(names = "--status", description = "Say whether a server runs for this directory, and what it holds.")
    boolean status;

    @Option(names = "--stop", description = "Stop the server for this directory.")
    boolean stop;

    @Override
    public Integer call() throws IOException {
        String cwd = workingDirectory();
        Path file = ServeEndpoint.file(ServeEndpoint.folder(System.getenv()), cwd);
        ServeEndpoint running = ServeEndpoint.read(file);
        ServeProtocol.Answer answer = null;
        if (running != null) {
            try {
                answer = ServeClient.call(running, cwd, List.of("serve", stop ? "--stop" : "--status"));
            } catch (IOException e) {
                Files.deleteIfExists(file); // a server that died without cleaning up
            }
        }
        if (status || stop) {
            if (answer == null || answer.local()) {
                root.err.println("dovelua: serve: no server for " + cwd);
                return Exits.TEMPFAIL;
            }
            root.out.print(new String(answer.stdout(), java.nio.charset.StandardCharsets.UTF_8));
            root.out.flush();
            return Exits.OK;
        }
        if (answer != null && !answer.local()) {
            root.err.println("dovelua: serve: a server already runs for " + cwd + " (dovelua serve --stop ends it)");
            return Exits.TEMPFAIL;
        }
        String token = ServeEndpoint.newToken();
        try (ServeServer server = new ServeServer(token);
                ServedProcesses processes = new ServedProcesses(cwd, cliJar(), server::stop)) {
            ServeEndpoint.publish(file, server.port(), token);
            Thread cleanup = new Thread(() -> removeIfOurs(file, token));
            Runtime.getRuntime().addShutdownHook(cleanup);
            root.err.println("dovelua: serving " + cwd + " on 127.0.0.1:" + server.port()
                    + " (dovelua serve --stop ends it)");
            root.err.flush();
            server.serve(processes::handle);
            removeIfOurs(file, token);
        }
        return Exits.OK;
    }

    private static void removeIfOurs(Path file, String token) {
        ServeEndpoint e = ServeEndpoint.read(file);
        if (e != null && e.token().equals(token)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ex) {
                // left for the next start to replace
            }
        }
    }

    /** The directory as the launcher names it ($PWD, passed as DOVELUA_PWD), when it is this JVM's. */
    static String workingDirectory() {
        Path real = Path.of("").toAbsolutePath();
        String pwd = System.getenv("DOVELUA_PWD");
        if (pwd != null && !pwd.isEmpty()) {
            try {
                if (Files.isSameFile(Path.of(pwd), real)) {
                    return pwd;
                }
            } catch (IOException e) {
                // not the same directory
            }
        }
        return real.toString();
    }

    /** The CLI jar a rebuild replaces (DOVELUA_JAR from the launcher, else the jar this class came from). */
    static Path cliJar() {
        String j = System.getenv("DOVELUA_JAR");
        if (j != null && !j.isEmpty()) {
            return Path.of(j);
        }
        try {
            return Path.of(ServeCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
