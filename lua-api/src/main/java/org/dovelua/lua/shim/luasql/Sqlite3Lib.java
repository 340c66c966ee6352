package org.dovelua.lua.shim.luasql;

import java.sql.SQLException;
import java.util.Optional;
import org.dovelua.lua.sandbox.DatabaseFile;
import org.dovelua.lua.sandbox.SandboxLib;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteOpenMode;

/**
 * The {@code luasql.sqlite3} module of LuaSQL 2.6.0 (ls_sqlite3.c) as Debian 12's lua-sql-sqlite3
 * builds it, over a real SQLite (sqlite-jdbc): {@code luasql.sqlite3()} makes an environment whose
 * {@code connect(path[, busytimeout[, readonly]])} opens the database file the script names through
 * dovelua's file system. A mounted file opens read-only (mounts never change); an unmounted path is
 * the real file only with {@code --allow-fs}; otherwise SQLite's {@code unable to open database file},
 * with a hint. {@code ATTACH} and {@code VACUUM INTO}, which reach other files, are refused inside
 * the sandbox as an authorizer refuses them.
 */
public final class Sqlite3Lib extends TwoArgFunction {
    static final String ENVIRONMENT = "SQLite3 environment";
    /** {@code SQLITE_VERSION} of the headers Debian 12's lua-sql-sqlite3 2.6.0-2 was built with. */
    static final String CLIENT_VERSION = "3.40.0";
    private static final int SQLITE_LIMIT_ATTACHED = 7;

    private final SandboxLib sandbox;

    /** @param sandbox where database paths resolve (its mounts, {@code --allow-fs}, hints) */
    public Sqlite3Lib(SandboxLib sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable cursorMeta = Sqlite3Cursor.metatable();
        LuaTable connMeta = Sqlite3Connection.metatable(cursorMeta, !sandbox.realFsAllowed());
        LuaTable envMeta = new LuaTable();
        LuaSql.environmentClose(envMeta);
        LuaSql.method(envMeta, "connect", args -> connect(args, envMeta, connMeta));
        LuaSql.metatable(ENVIRONMENT, envMeta);
        LuaTable module = new LuaTable();
        module.set("sqlite3", org.dovelua.lua.LuaArgs.fn("sqlite3", args -> new LuaSqlObject(envMeta)));
        LuaSql.info(module);
        module.set("_CLIENTVERSION", CLIENT_VERSION);
        return module;
    }

    /** ls_sqlite3.c env_connect: {@code sqlite3_open_v2(path, READWRITE|CREATE or READONLY)}. */
    private Varargs connect(Varargs args, LuaTable envMeta, LuaTable connMeta) {
        LuaSql.open(LuaSql.self(args, "connect", envMeta, LuaSqlObject.class), "connect",
                LuaSql.PREFIX + "environment is closed");
        boolean readOnly = args.arg(4).isboolean() && args.arg(4).toboolean();
        String name = LuaSql.cString(LuaSql.checkString(args, 2, "connect"));
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(args.arg(3).isnumber() ? (int) args.arg(3).todouble() : 0);
        String url;
        DatabaseFile file = null;
        if (name.isEmpty() || name.contains(":memory:")) { // "" is a private temporary database
            url = "jdbc:sqlite::memory:";
        } else {
            Optional<DatabaseFile> f = sandbox.database(name);
            if (f.isEmpty()) {
                return LuaSql.fail("unable to open database file");
            }
            file = f.get();
            url = "jdbc:sqlite:" + file.local();
            readOnly |= !file.writable();
        }
        if (readOnly) {
            config.setReadOnly(true);
            config.resetOpenMode(SQLiteOpenMode.CREATE);
        }
        SQLiteConnection jdbc;
        try {
            jdbc = (SQLiteConnection) config.createConnection(url);
        } catch (SQLException e) {
            return LuaSql.fail(e instanceof org.sqlite.SQLiteException ? SqliteErrors.errmsg(e)
                    : "unable to open database file");
        }
        try {
            if (!sandbox.realFsAllowed()) {
                jdbc.getDatabase().limit(SQLITE_LIMIT_ATTACHED, 0);
            }
        } catch (SQLException e) {
            closeQuietly(jdbc);
            return LuaSql.fail(SqliteErrors.errmsg(e));
        }
        Runnable forget = sandbox.hold(jdbc); // a connection the script never closes ends with the state
        return new Sqlite3Connection(connMeta, args.arg1(), jdbc, file, forget);
    }

    private static void closeQuietly(SQLiteConnection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // sqlite3_close after a failed open: nothing to report
        }
    }
}
