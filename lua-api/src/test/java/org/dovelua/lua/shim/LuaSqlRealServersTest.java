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
 * lua-sql-mysql 2.6.0 printed for the same script against MariaDB 10.11.
 */
class LuaSqlRealServersTest {
    @TempDir
    static Path dir;

    private static Process mariadb;
    private static int mariadbPort;

    private final SqlServers servers = SqlServers.offline().allowNetwork(true);
    private final List<String> hints = new ArrayList<>();

    @AfterAll
    static void stop() {
        if (mariadb != null) {
            mariadb.destroy();
        }
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

    /** A loopback port nothing listens on (just released). */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
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
