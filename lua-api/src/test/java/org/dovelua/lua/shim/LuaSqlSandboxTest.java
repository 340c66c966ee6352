package org.dovelua.lua.shim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.dovelua.lua.BuiltinModules;
import org.dovelua.lua.LuaRunner;
import org.dovelua.lua.sandbox.VirtualFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code luasql.sqlite3} may open files: a mounted database opens read-only, a path nothing
 * provides fails as SQLite fails to open it, with a hint, and nothing is ever created outside
 * {@code --allow-fs}.
 */
class LuaSqlSandboxTest {
    @TempDir
    Path dir;

    private Path database() throws Exception {
        Path db = dir.resolve("users.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE users (name TEXT, pw TEXT)");
            s.executeUpdate("INSERT INTO users VALUES ('alice', 'secret')");
        }
        return db;
    }

    private LuaRunner lua(VirtualFileSystem vfs) {
        LuaRunner lua = new LuaRunner(vfs);
        BuiltinModules.install(lua.sandbox);
        return lua;
    }

    @Test
    void aMountedDatabaseIsReadOnly() throws Exception {
        LuaRunner lua = lua(new VirtualFileSystem().mount("/var/lib/dovecot/users.sqlite", database()));
        assertThat(lua.run("""
                local conn = require("luasql.sqlite3").sqlite3():connect("/var/lib/dovecot/users.sqlite")
                local cur = conn:execute("SELECT pw FROM users WHERE name = 'alice'")
                local pw = cur:fetch()
                cur:close()
                return pw, conn:execute("INSERT INTO users VALUES ('eve', 'x')")
                """)).containsExactly("secret", "nil", "LuaSQL: attempt to write a readonly database");
        assertThat(lua.hints).singleElement().asString().contains("/var/lib/dovecot/users.sqlite is read-only");
    }

    @Test
    void anUnmountedPathCannotBeOpened() {
        LuaRunner lua = lua(new VirtualFileSystem());
        assertThat(lua.run("return require('luasql.sqlite3').sqlite3():connect('/var/lib/dovecot/users.sqlite')"))
                .containsExactly("nil", "LuaSQL: unable to open database file");
        assertThat(lua.hints).containsExactly(
                "/var/lib/dovecot/users.sqlite is not mounted: add --mount /var/lib/dovecot/users.sqlite=LOCAL_FILE (or --allow-fs)");
    }

    @Test
    void aMissingFileInAMountedDirectoryIsNotCreated() throws Exception {
        LuaRunner lua = lua(new VirtualFileSystem().mount("/var/lib/dovecot", dir));
        assertThat(lua.run("return require('luasql.sqlite3').sqlite3():connect('/var/lib/dovecot/new.sqlite')"))
                .containsExactly("nil", "LuaSQL: unable to open database file");
        assertThat(dir.resolve("new.sqlite")).doesNotExist();
        assertThat(lua.hints).singleElement().asString().contains("is not in " + dir);
    }

    @Test
    void withTheRealFileSystemADatabaseIsCreated() {
        LuaRunner lua = lua(new VirtualFileSystem().allowRealFs(true));
        Path db = dir.resolve("made.sqlite");
        assertThat(lua.run("local c = require('luasql.sqlite3').sqlite3():connect('" + db + "')\n"
                + "return c:execute('CREATE TABLE t (a)'), c:execute('INSERT INTO t VALUES (1)'), c:close()"))
                .containsExactly("0.0", "1.0", "true");
        assertThat(Files.exists(db)).isTrue();
    }

    /** A connection the script never closes ends with its state, as the auth process's exit would end it. */
    @Test
    void aStateClosesTheConnectionsItsScriptLeftOpen() throws Exception {
        Path db = database();
        org.dovelua.lua.ScriptOptions options = org.dovelua.lua.SnippetSuite.defaultOptions().sandbox(g -> g.load(
                BuiltinModules.install(new org.dovelua.lua.sandbox.SandboxLib(new VirtualFileSystem().mount("/db", db),
                        hint -> { }))));
        org.dovelua.lua.dovecot.DovecotEvent root = org.dovelua.lua.dovecot.DovecotEvent.root("auth", (p, l, m) -> { }, false);
        org.dovelua.lua.LuaScript script = org.dovelua.lua.LuaScript.load("t.lua",
                "conn = require('luasql.sqlite3').sqlite3():connect('/db')".getBytes(), root, options);
        script.runBody();
        org.luaj.vm2.LuaValue conn = script.globals().get("conn");
        script.close();
        org.luaj.vm2.Varargs r = conn.get("execute").invoke(conn, org.luaj.vm2.LuaValue.valueOf("SELECT 1"));
        assertThat(r.arg(2).tojstring()).isEqualTo("LuaSQL: database connection closed");
    }

    @Test
    void otherFilesAreOutOfReachInsideTheSandbox() throws Exception {
        LuaRunner lua = lua(new VirtualFileSystem().mount("/db/users.sqlite", database()));
        Path outside = dir.resolve("copy.sqlite");
        assertThat(lua.run("local c = require('luasql.sqlite3').sqlite3():connect(':memory:')\n"
                + "local _, attach = c:execute(\"ATTACH DATABASE '" + outside + "' AS x\")\n"
                + "local _, vacuum = c:execute(\"VACUUM INTO '" + outside + "'\")\n"
                + "return attach, vacuum"))
                .containsExactly("LuaSQL: too many attached databases - max 0", "LuaSQL: not authorized");
        assertThat(outside).doesNotExist();
    }
}
