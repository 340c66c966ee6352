package org.dovelua.lua.shim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.dovelua.lua.BuiltinModules;
import org.dovelua.lua.ScriptOptions;
import org.dovelua.lua.SnippetSuite;
import org.dovelua.lua.sandbox.SandboxLib;
import org.dovelua.lua.sandbox.VirtualFileSystem;
import org.dovelua.lua.shim.luasql.SqlServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code luasql.postgres} and {@code luasql.mysql} with {@code --allow-network} and no fixture: the
 * site's real server over JDBC, on loopback: the failures of both as the client libraries word them,
 * and MySQL's rows from a private {@code mariadbd} when Debian's
 * mariadb-server is installed, and the expected texts and values are what lua5.4 with Debian 12's
 * lua-sql-mysql 2.6.0 printed for the same script against MariaDB 10.11; PostgreSQL's from a private
 * {@code postgres} (Debian's postgresql-15, run as the postgres user), the expected values what
 * lua5.4 with lua-sql-postgres 2.6.0 and libpq 15 printed against it.
 */
class LuaSqlRealServersTest {
    @TempDir
    static Path dir;

    private static Process mariadb;
    private static int mariadbPort;

    private static final Path PG_BIN = Path.of("/usr/lib/postgresql/15/bin");
    /** The private postgres's directory (data and socket), owned by the postgres user; null: not started. */
    private static Path pgDir;
    private static Process postgres;
    private static int postgresPort;

    private final SqlServers servers = SqlServers.offline().allowNetwork(true);
    private final List<String> hints = new ArrayList<>();

    @AfterAll
    static void stop() {
        if (mariadb != null) {
            mariadb.destroy();
        }
        stopPostgres();
    }

    private List<String> run(String body) {
        ScriptOptions options = SnippetSuite.defaultOptions().sandbox(g -> g.load(BuiltinModules.install(
                new SandboxLib(new VirtualFileSystem(), hints::add), org.dovelua.lua.http.HttpRouter.offline(), servers)));
        return SnippetSuite.ours("local r = table.pack((function()\n" + body
                + "\nend)())\nfor i = 1, r.n do print(tostring(r[i])) end", options);
    }

    // an unknown host would need a DNS lookup, and tests touch no network beyond loopback: the
    // offline path's texts for it are checked in LuaSqlServersTest
    @Test
    void postgresRefusedIsLibpqsText() throws IOException {
        int closed = closedPort();
        assertThat(run("""
                local env = require("luasql.postgres").postgres()
                return select(2, env:connect("mail", "u", "p", "127.0.0.1", "%d"))
                """.formatted(closed))).containsExactly(("LuaSQL: error connecting to database. PostgreSQL:"
                + " connection to server at \"127.0.0.1\", port " + closed + " failed: Connection refused\n"
                + "\tIs the server running on that host and accepting TCP/IP connections?\n").split("\n", -1));
    }

    @Test
    void mysqlRefusedIsLibmariadbsText() throws IOException {
        int closed = closedPort();
        assertThat(run("""
                local env = require("luasql.mysql").mysql()
                return select(2, env:connect("mail", "u", "p", "127.0.0.1", %d))
                """.formatted(closed))).containsExactly(
                "LuaSQL: error connecting to database. MySQL: Can't connect to server on '127.0.0.1' (115)");
    }

    @Test
    void mysqlReadsTheRealServersRowsAsLuasqlDoes() throws Exception {
        startMariadb();
        assertThat(run("""
                local env = require("luasql.mysql").mysql()
                local denied = select(2, env:connect("mail", "dovecot", "bad", "127.0.0.1", %1$d))
                local conn = assert(env:connect("mail", "dovecot", "pw", "127.0.0.1", %1$d))
                local cur = conn:execute("SELECT id, username, password, active, quota, note, price, b, created"
                    .. " FROM users ORDER BY id")
                local types = table.concat(cur:getcoltypes(), ",")
                local n = cur:numrows()
                local a = {cur:fetch()}
                local b = {cur:fetch()}
                local up = conn:execute("UPDATE users SET quota = 5")
                local ins = conn:execute("INSERT INTO users (username) VALUES ('c')")
                local _, err = conn:execute("SELECT * FROM nosuch")
                return denied, types, math.type(n), n, a[1], a[2], a[3], a[4], a[5], a[6], a[7], #a[8], a[9],
                    b[3], b[6], math.type(up), up, ins, conn:getlastautoid(), err
                """.formatted(mariadbPort))).containsExactly(
                "LuaSQL: error connecting to database. MySQL: Access denied for user 'dovecot'@'localhost'"
                        + " (using password: YES)",
                "number(11),string(256),string(512),number(1),number(20),binary(262140),undefined(8),string(4),"
                        + "datetime(19)",
                "integer", "2", "1", "alice@example.org", "{PLAIN}secret", "1", "1024", "hi", "1.50", "2",
                "2024-01-02 03:04:05", "nil", "nil", "integer", "2", "1", "3",
                "LuaSQL: error executing query. MySQL: Table 'mail.nosuch' doesn't exist");
    }

    /**
     * The expected values were recorded by running this body (the port written in) as
     * {@code local r = table.pack((function() BODY end)()) for i = 1, r.n do print(tostring(r[i])) end}
     * with lua5.4 and Debian 12's lua-sql-postgres 2.6.0 (libpq 15.18) against the same private
     * PostgreSQL 15 server and table.
     */
    @Test
    void postgresReadsTheRealServersRowsAsLuasqlDoes() throws Exception {
        startPostgres();
        assertThat(run("""
                local env = require("luasql.postgres").postgres()
                local denied = select(2, env:connect("mail", "dovecot", "bad", "127.0.0.1", "%1$d"))
                local conn = assert(env:connect("mail", "dovecot", "pw", "127.0.0.1", "%1$d"))
                local cur = conn:execute("SELECT id, username, password, active, quota, price, ratio, b, created, born, code"
                    .. " FROM users ORDER BY id")
                local names = table.concat(cur:getcolnames(), ",")
                local types = table.concat(cur:getcoltypes(), ",")
                local n = cur:numrows()
                local a = {cur:fetch()}
                local b = cur:fetch({}, "a")
                local up = conn:execute("UPDATE users SET quota = 5")
                local ins = conn:execute("INSERT INTO users (username) VALUES ('c')")
                local del = conn:execute("DELETE FROM users WHERE username = 'c'")
                local _, err = conn:execute("SELECT * FROM nosuch")
                local more = table.concat(conn:execute("SELECT 'x'::varchar, 'y'::bpchar, ARRAY[1], NULL"):getcoltypes(), ",")
                return denied, names, types, math.type(n), n, a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9],
                    a[10], a[11], b.password, b.active, b.quota, b.code, math.type(up), up, ins, del, err, more,
                    conn:close()
                """.formatted(postgresPort))).containsExactly(
                "LuaSQL: error connecting to database. PostgreSQL: connection to server at \"127.0.0.1\", port "
                        + postgresPort + " failed: FATAL:  password authentication failed for user \"dovecot\"",
                "",
                "id,username,password,active,quota,price,ratio,b,created,born,code",
                "int4,varchar (64),text,bool,int8,numeric,float8,bytea,timestamp,date,bpchar (3)",
                "float", "2.0",
                "1", "alice@example.org", "{PLAIN}secret", "t", "1024", "1.50", "0.25", "\\x00ff", "2024-01-02 03:04:05",
                "2024-01-02", "ab ",
                "nil", "f", "nil", "nil",
                "float", "2.0", "1.0", "1.0",
                "LuaSQL: error executing statement. PostgreSQL: ERROR:  relation \"nosuch\" does not exist",
                "LINE 1: SELECT * FROM nosuch",
                "                      ^",
                "",
                "varchar (-5),bpchar (-5),_int4,text",
                "true");
    }

    /** A loopback port nothing listens on (just released). */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Runs a command to its end; its exit code (output to {@code log}). */
    private static int exec(Path log, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /** A command as the postgres system user (postgres refuses to run as root). */
    private static String[] asPostgres(String... command) {
        String[] out = new String[command.length + 4];
        out[0] = "/usr/sbin/runuser";
        out[1] = "-u";
        out[2] = "postgres";
        out[3] = "--";
        System.arraycopy(command, 0, out, 4, command.length);
        return out;
    }

    /**
     * A private postgres in a temp dir the postgres user owns, listening on loopback with password
     * (SCRAM) logins; the database {@code mail} of the user {@code dovecot} (password {@code pw}).
     * Skipped without Debian's postgresql-15, the postgres user, runuser, or root.
     */
    private static synchronized void startPostgres() throws Exception {
        for (String bin : new String[] {"initdb", "postgres", "pg_ctl", "pg_isready", "psql"}) {
            assumeTrue(Files.isExecutable(PG_BIN.resolve(bin)), "postgresql-15 is not installed (no " + bin + ")");
        }
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runuser")), "runuser is missing");
        Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        assumeTrue("0".equals(new String(id.getInputStream().readAllBytes()).trim()), "not root: cannot run as postgres");
        Process pgUser = new ProcessBuilder("id", "-u", "postgres").redirectErrorStream(true).start();
        pgUser.getInputStream().readAllBytes();
        assumeTrue(pgUser.waitFor() == 0, "no postgres system user");
        if (postgres != null) {
            return;
        }
        // not @TempDir: postgres must own its directory and reach it, and JUnit's is root's alone
        pgDir = Files.createTempDirectory("dovelua-pg");
        Path log = pgDir.resolve("setup.log");
        Path pw = pgDir.resolve("pw");
        Files.writeString(pw, "unused\n");
        assumeTrue(exec(log, "chown", "-R", "postgres:", pgDir.toString()) == 0, "cannot chown " + pgDir);
        Path data = pgDir.resolve("data");
        assumeTrue(exec(log, asPostgres(PG_BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "-E", "UTF8", "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256",
                "--pwfile=" + pw)) == 0, "initdb failed: see " + log);
        Files.writeString(data.resolve("pg_hba.conf"), "local all postgres trust\nhost all all 127.0.0.1/32 scram-sha-256\n");
        postgresPort = closedPort();
        postgres = new ProcessBuilder(asPostgres(PG_BIN.resolve("postgres").toString(), "-D", data.toString(),
                "-k", pgDir.toString(), "-p", String.valueOf(postgresPort), "-c", "listen_addresses=127.0.0.1"))
                .redirectErrorStream(true).redirectOutput(pgDir.resolve("postgres.log").toFile()).start();
        boolean ready = false;
        for (int i = 0; i < 300 && !ready && postgres.isAlive(); i++) {
            ready = exec(log, PG_BIN.resolve("pg_isready").toString(), "-q", "-h", pgDir.toString(),
                    "-p", String.valueOf(postgresPort)) == 0;
            if (!ready) {
                Thread.sleep(100);
            }
        }
        assumeTrue(ready, "postgres did not start: see " + pgDir.resolve("postgres.log"));
        Path setup = pgDir.resolve("setup.sql");
        Files.writeString(setup, """
                CREATE USER dovecot PASSWORD 'pw';
                CREATE DATABASE mail OWNER dovecot;
                \\c mail
                SET ROLE dovecot;
                CREATE TABLE users (id SERIAL PRIMARY KEY, username VARCHAR(64) NOT NULL, password TEXT,
                    active BOOLEAN DEFAULT true, quota BIGINT, price NUMERIC(6,2), ratio DOUBLE PRECISION, b BYTEA,
                    created TIMESTAMP, born DATE, code CHAR(3));
                INSERT INTO users (username, password, active, quota, price, ratio, b, created, born, code) VALUES
                    ('alice@example.org', '{PLAIN}secret', true, 1024, 1.50, 0.25, '\\x00ff', '2024-01-02 03:04:05',
                        '2024-01-02', 'ab'),
                    ('bob@example.org', NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
                """);
        exec(log, "chown", "postgres:", setup.toString());
        assumeTrue(exec(log, asPostgres(PG_BIN.resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", pgDir.toString(), "-p", String.valueOf(postgresPort), "-U", "postgres", "-d", "postgres",
                "-f", setup.toString())) == 0, "the test database could not be made: see " + log);
    }

    /** Stops the private postgres (fast shutdown, then the process itself) and removes its directory. */
    private static void stopPostgres() {
        if (pgDir == null) {
            return;
        }
        try {
            if (postgres != null) {
                if (postgres.isAlive()) {
                    exec(pgDir.resolve("stop.log"), asPostgres(PG_BIN.resolve("pg_ctl").toString(), "-D",
                            pgDir.resolve("data").toString(), "-m", "fast", "-w", "-t", "30", "stop"));
                }
                postgres.destroy();
                if (!postgres.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    postgres.destroyForcibly();
                }
            }
        } catch (IOException | InterruptedException e) {
            postgres.destroyForcibly();
        } finally {
            try (java.util.stream.Stream<Path> all = Files.walk(pgDir)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // left behind in the temp dir
            }
            pgDir = null;
            postgres = null;
        }
    }

    /** A private mariadbd in a temp datadir, skipped without Debian's mariadb-server. */
    private static synchronized void startMariadb() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/mariadbd")) && Files.isExecutable(Path.of("/usr/bin/mariadb-install-db")),
                "mariadb-server is not installed");
        if (mariadb != null) {
            return;
        }
        Path data = dir.resolve("mariadb");
        Process install = new ProcessBuilder("/usr/bin/mariadb-install-db", "--datadir=" + data, "--user=root",
                "--auth-root-authentication-method=normal", "--skip-test-db")
                .redirectErrorStream(true).redirectOutput(dir.resolve("install.log").toFile()).start();
        assumeTrue(install.waitFor() == 0, "mariadb-install-db failed");
        mariadbPort = closedPort();
        mariadb = new ProcessBuilder("/usr/sbin/mariadbd", "--no-defaults", "--datadir=" + data, "--port=" + mariadbPort,
                "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mysqld.sock"), "--user=root",
                "--pid-file=" + dir.resolve("mysqld.pid"), "--skip-log-bin")
                .redirectErrorStream(true).redirectOutput(dir.resolve("mariadbd.log").toFile()).start();
        Properties root = new Properties();
        root.setProperty("user", "root");
        root.setProperty("password", "");
        Connection c = null;
        for (int i = 0; i < 300 && c == null && mariadb.isAlive(); i++) {
            try {
                c = new org.mariadb.jdbc.Driver().connect("jdbc:mariadb://127.0.0.1:" + mariadbPort + "/", root);
            } catch (SQLException e) {
                Thread.sleep(100);
            }
        }
        assumeTrue(c != null, "mariadbd did not start: see " + dir.resolve("mariadbd.log"));
        try (Connection admin = c; Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE mail");
            s.execute("CREATE USER 'dovecot'@'%' IDENTIFIED BY 'pw'");
            s.execute("GRANT ALL ON mail.* TO 'dovecot'@'%'");
            s.execute("CREATE TABLE mail.users (id INT AUTO_INCREMENT PRIMARY KEY, username VARCHAR(64) NOT NULL,"
                    + " password VARCHAR(128), active TINYINT(1) DEFAULT 1, quota BIGINT, note TEXT, price DECIMAL(6,2),"
                    + " b VARBINARY(4), created DATETIME) DEFAULT CHARSET=utf8mb4");
            s.execute("INSERT INTO mail.users (username, password, active, quota, note, price, b, created) VALUES"
                    + " ('alice@example.org', '{PLAIN}secret', 1, 1024, 'hi', 1.50, x'00ff', '2024-01-02 03:04:05'),"
                    + " ('bob@example.org', NULL, 0, NULL, NULL, NULL, NULL, NULL)");
        }
    }
}
