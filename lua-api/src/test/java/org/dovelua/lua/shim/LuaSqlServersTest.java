package org.dovelua.lua.shim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dovelua.lua.BuiltinModules;
import org.dovelua.lua.ScriptOptions;
import org.dovelua.lua.SnippetSuite;
import org.dovelua.lua.sandbox.SandboxLib;
import org.dovelua.lua.sandbox.VirtualFileSystem;
import org.dovelua.lua.shim.luasql.SqlServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code luasql.mysql} and {@code luasql.postgres} against fixtures loaded into H2: what each driver
 * returns (strings, integer or float counts, its own texts), and what an address without a fixture
 * answers, as the client libraries word an unreachable server.
 */
class LuaSqlServersTest {
    private final SqlServers servers = SqlServers.offline();

    @AfterEach
    void close() {
        servers.close();
    }

    private static Path fixture() throws URISyntaxException {
        return Path.of(LuaSqlServersTest.class.getResource("/shim/luasql/mail.sql").toURI());
    }

    private static Path pgFixture() throws URISyntaxException {
        return Path.of(LuaSqlServersTest.class.getResource("/shim/luasql/mail-pg.sql").toURI());
    }

    /** A state as Dovecot runs scripts (Lua 5.4's libraries) whose chunk's results are printed a line each. */
    private final class Lua {
        final List<String> hints = new ArrayList<>();

        List<String> run(String body) {
            ScriptOptions options = SnippetSuite.defaultOptions().sandbox(g -> g.load(BuiltinModules.install(
                    new SandboxLib(new VirtualFileSystem(), hints::add), org.dovelua.lua.http.HttpRouter.offline(), servers)));
            return SnippetSuite.ours("local r = table.pack((function()\n" + body
                    + "\nend)())\nfor i = 1, r.n do print(tostring(r[i])) end", options);
        }
    }

    private Lua lua() {
        return new Lua();
    }

    @Test
    void mysqlRowsAreStringsAndCountsIntegers() throws Exception {
        servers.route("mysql://db.example.org/mail", fixture());
        Lua lua = lua();
        assertThat(lua.run("""
                local env = require("luasql.mysql").mysql()
                local conn = assert(env:connect("mail", "dovecot", "pw", "db.example.org"))
                local cur = conn:execute("SELECT username, password, active, quota FROM users ORDER BY id")
                local a = {cur:fetch()}
                local b = cur:fetch({}, "a")
                local n = cur:numrows()
                local last = cur:fetch()
                local ins = conn:execute("INSERT INTO users (username) VALUES ('carol@example.org')")
                return tostring(conn):gsub("0x%x+", "ADDR"), a[1], a[2], a[3], a[4], math.type(a[4]) or type(a[4]),
                    b.username, b.password, b.active, b.quota, math.type(n), n, last, tostring(cur),
                    math.type(ins), ins, conn:getlastautoid(), conn:ping()
                """)).containsExactly("MySQL connection (ADDR)", "alice@example.org", "{PLAIN}secret", "1", "1024",
                "string", "bob@example.org", "nil", "0", "nil", "integer", "2", "nil", "MySQL cursor (closed)",
                "integer", "1", "3", "true");
    }

    @Test
    void mysqlTextsForClosedObjectsHaveNoPrefix() throws Exception {
        servers.route("mysql://localhost/mail", fixture());
        assertThat(lua().run("""
                local conn = require("luasql.mysql").mysql():connect("mail")
                conn:close()
                local ok, err = pcall(function() local r = conn:execute("SELECT 1") return r end)
                return err, (pcall(function() local e = conn:escape("x") return e end)), conn:close()
                """)).containsExactly("t.lua:4: calling 'execute' on bad self (connection is closed)", "false", "false");
    }

    @Test
    void mysqlEscapesWithBackslashes() {
        servers.route("mysql://localhost/mail", fixtureUnchecked());
        assertThat(lua().run("""
                local conn = require("luasql.mysql").mysql():connect("mail")
                return conn:escape("o'k \\"x\\" \\\\ \\n\\0")
                """)).containsExactly("o\\'k \\\"x\\\" \\\\ \\n\\0");
    }

    @Test
    void postgresCountsAreFloatsAndBooleansLetters() throws Exception {
        servers.route("postgres://10.0.0.5:5433/mail", pgFixture());
        assertThat(lua().run("""
                local conn = assert(require("luasql.postgres").postgres():connect("mail", "u", "p", "10.0.0.5", 5433))
                local cur = conn:execute("SELECT username, active FROM users ORDER BY id")
                local n = cur:numrows()
                local u, act = cur:fetch()
                local up = conn:execute("UPDATE users SET quota = 1")
                return tostring(cur):gsub("0x%x+", "ADDR"), n, u, act, up, conn:commit(), conn:escape("o'k"),
                    conn.getlastautoid, cur:getcoltypes()[1], cur:getcoltypes()[2]
                """)).containsExactly("PostgreSQL cursor (ADDR)", "2.0", "alice@example.org", "t", "2.0", "false", "o''k",
                "nil", "varchar (64)", "bool"); // luasql 2.6.0's names for these types, recorded from a real server
    }

    @Test
    void withoutAFixtureTheServerIsUnreachable() {
        Lua lua = lua();
        assertThat(lua.run("""
                local m = require("luasql.mysql").mysql()
                local p = require("luasql.postgres").postgres()
                return select(2, m:connect("mail", "u", "p", "127.0.0.1")), select(2, m:connect("mail")),
                    select(2, m:connect("mail", "u", "p", "db.example.org")),
                    select(2, p:connect("mail", "u", "p", "127.0.0.1", "5433")), select(2, p:connect("mail"))
                """)).containsExactly(String.join("\n",
                "LuaSQL: error connecting to database. MySQL: Can't connect to server on '127.0.0.1' (115)",
                "LuaSQL: error connecting to database. MySQL: Can't connect to local server through socket"
                        + " '/run/mysqld/mysqld.sock' (2)",
                "LuaSQL: error connecting to database. MySQL: Unknown server host 'db.example.org' (-2)",
                "LuaSQL: error connecting to database. PostgreSQL: connection to server at \"127.0.0.1\", port 5433"
                        + " failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n",
                "LuaSQL: error connecting to database. PostgreSQL: connection to server on socket"
                        + " \"/var/run/postgresql/.s.PGSQL.5432\" failed: No such file or directory\n"
                        + "\tIs the server running locally and accepting connections on that socket?\n").split("\n", -1));
        assertThat(lua.hints).contains("no MySQL server answers mysql://127.0.0.1/mail in dovelua: add --sql"
                + " mysql://127.0.0.1/mail=SCHEMA_AND_DATA.sql (or sql: in a case file), or --allow-network to reach the"
                + " real server");
    }

    @Test
    void scriptsCannotReachFilesThroughTheServer() throws Exception {
        servers.route("mysql://localhost/mail", fixture());
        assertThat(lua().run("""
                local conn = require("luasql.mysql").mysql():connect("mail")
                local _, a = conn:execute("SELECT FILE_READ('/etc/passwd')")
                local _, b = conn:execute("RUNSCRIPT FROM '/etc/passwd'")
                local _, c = conn:execute("CREATE ALIAS X FOR 'java.lang.System.exit'")
                return a, b, c
                """)).allSatisfy(err -> assertThat(err).startsWith("LuaSQL: error executing query. MySQL: ")
                        .containsIgnoringCase("admin rights"));
    }

    @Test
    void aResetLoadsTheFixtureAgain() throws Exception {
        servers.route("mysql://localhost/mail", fixture());
        String count = "local c = require('luasql.mysql').mysql():connect('mail')\n"
                + "c:execute(\"DELETE FROM users WHERE username = 'bob@example.org'\")\n"
                + "return c:execute('SELECT count(*) FROM users'):fetch()";
        assertThat(lua().run(count)).containsExactly("1");
        servers.reset();
        assertThat(lua().run("return require('luasql.mysql').mysql():connect('mail'):execute('SELECT count(*) FROM users'):fetch()"))
                .containsExactly("2");
    }

    @Test
    void badRoutesSayWhatIsExpected() {
        assertThatThrownBy(() -> servers.route("ldap://x/y", fixtureUnchecked()))
                .hasMessageContaining("the scheme must be mysql:// or postgres://");
        assertThatThrownBy(() -> servers.route("mysql://x", fixtureUnchecked()))
                .hasMessageContaining("expected HOST[:PORT]/DATABASE");
        assertThatThrownBy(() -> servers.route("mysql://x/y", Path.of("no-such.sql")))
                .hasMessageContaining("does not exist");
    }

    private static Path fixtureUnchecked() {
        try {
            return fixture();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
