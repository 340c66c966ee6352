package org.dovelua.lua.shim.luasql;

import java.sql.SQLException;
import java.util.regex.Pattern;
import org.dovelua.lua.sandbox.DatabaseFile;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.core.Codes;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.DB;

/**
 * A {@code SQLite3 connection} (ls_sqlite3.c {@code conn_data}): one SQLite handle, its open cursor
 * count, and luasql's own auto-commit flag ({@code BEGIN}/{@code COMMIT} issued as SQL, so the JDBC
 * driver stays in its own auto-commit mode and never adds a transaction).
 */
final class Sqlite3Connection extends LuaSqlObject {
    static final String NAME = "SQLite3 connection";
    /** VACUUM INTO writes a new file anywhere; inside the sandbox it is refused. */
    private static final Pattern VACUUM_INTO = Pattern.compile("(?is)\\s*VACUUM\\b.*\\bINTO\\b.*");

    /** What sqlite-jdbc says when SQLite prepared no statement (empty text, only a comment). */
    private static final String NO_STATEMENT = "The prepared statement has been finalized";

    final SQLiteConnection jdbc;
    private final LuaValue env; // conn->env: keeps the environment reachable
    private final DatabaseFile file;
    int cursors;
    private boolean autoCommit = true;

    private final Runnable forget;

    Sqlite3Connection(LuaTable metatable, LuaValue env, SQLiteConnection jdbc, DatabaseFile file, Runnable forget) {
        super(metatable);
        this.forget = forget;
        this.env = env;
        this.jdbc = jdbc;
        this.file = file;
    }

    static LuaTable metatable(LuaTable cursorMeta, boolean sandboxed) {
        LuaTable mt = new LuaTable();
        LuaSql.method(mt, "close", args -> LuaValue.valueOf(self(args, "close", mt).close()));
        LuaSql.method(mt, "escape", args -> escape(LuaSql.checkString(args, 2, "escape")));
        LuaSql.method(mt, "execute", args -> open(args, "execute", mt)
                .execute(LuaSql.checkString(args, 2, "execute"), cursorMeta, sandboxed));
        LuaSql.method(mt, "commit", args -> open(args, "commit", mt).exec(c -> c.autoCommit ? "COMMIT" : "COMMIT;BEGIN"));
        LuaSql.method(mt, "rollback", args -> open(args, "rollback", mt)
                .exec(c -> c.autoCommit ? "ROLLBACK" : "ROLLBACK;BEGIN"));
        LuaSql.method(mt, "setautocommit", args -> open(args, "setautocommit", mt).setAutoCommit(args.arg(2).toboolean()));
        LuaSql.method(mt, "getlastautoid", args -> {
            Sqlite3Connection c = open(args, "getlastautoid", mt);
            return LuaValue.valueOf((double) c.scalar("SELECT last_insert_rowid()")); // lua_pushnumber
        });
        return LuaSql.metatable(NAME, mt);
    }

    private static Sqlite3Connection self(Varargs args, String fn, LuaTable mt) {
        return LuaSql.self(args, fn, mt, Sqlite3Connection.class);
    }

    /** ls_sqlite3.c getconnection. */
    private static Sqlite3Connection open(Varargs args, String fn, LuaTable mt) {
        return LuaSql.open(self(args, fn, mt), fn, LuaSql.PREFIX + "connection is closed");
    }

    /** conn_close/conn_gc: false when closed already; an error while cursors are open. */
    boolean close() {
        if (closed) {
            return false;
        }
        if (cursors > 0) {
            throw org.dovelua.lua.LuaArgs.positioned(LuaSql.PREFIX + "there are open cursors");
        }
        closed = true;
        forget.run();
        try {
            jdbc.close();
        } catch (SQLException e) {
            // sqlite3_close's result is ignored by luasql
        }
        return true;
    }

    /** conn_escape: {@code sqlite3_mprintf("%q", from)}, single quotes doubled, up to a NUL byte. */
    private static LuaValue escape(LuaString from) {
        return LuaSql.quotesDoubled(from);
    }

    /**
     * conn_execute: prepare the first statement, step once; a statement with columns (or a row)
     * is reset and becomes a cursor, one without is finalised and gives {@code sqlite3_changes}
     * as a float.
     */
    private Varargs execute(LuaString statement, LuaTable cursorMeta, boolean sandboxed) {
        String sql = LuaSql.cString(statement);
        if (sandboxed && VACUUM_INTO.matcher(sql).matches()) {
            return LuaSql.fail("not authorized");
        }
        CoreStatement vm;
        try {
            vm = (CoreStatement) jdbc.prepareStatement(sql);
        } catch (SQLException e) {
            if (NO_STATEMENT.equals(e.getMessage())) {
                // text without a statement: SQLite prepares NULL, sqlite3_step(NULL) is SQLITE_MISUSE and
                // sqlite3_errmsg still says the prepare went well
                return LuaSql.fail("not an error");
            }
            return LuaSql.fail(refusedIfReadOnly(e));
        }
        try {
            int res = vm.pointer.safeRunInt(DB::step);
            int numcols = vm.pointer.safeRunInt(DB::column_count);
            if (res == Codes.SQLITE_ROW || res == Codes.SQLITE_DONE && numcols > 0) {
                vm.pointer.safeRunInt(DB::reset);
                return new Sqlite3Cursor(cursorMeta, this, vm, numcols);
            }
            if (res == Codes.SQLITE_DONE) {
                finalizeQuietly(vm);
                return LuaValue.valueOf((double) scalar("SELECT changes()"));
            }
            String err = stepError(vm, res);
            finalizeQuietly(vm);
            return LuaSql.fail(err);
        } catch (SQLException e) {
            finalizeQuietly(vm);
            return LuaSql.fail(refusedIfReadOnly(e));
        }
    }

    /** {@code sqlite3_errmsg} after a failed step, as sqlite-jdbc reports the code. */
    String stepError(CoreStatement vm, int res) {
        try {
            jdbc.getDatabase().throwex(res);
            return SQLiteErrorCode.getErrorCode(res).message;
        } catch (SQLException e) {
            return refusedIfReadOnly(e);
        }
    }

    private String refusedIfReadOnly(SQLException e) {
        if (file != null && !file.writable() && e instanceof SQLiteException se
                && se.getResultCode().code % 256 == Codes.SQLITE_READONLY) {
            file.refused().run();
        }
        return SqliteErrors.errmsg(e);
    }

    static void finalizeQuietly(CoreStatement vm) {
        try {
            ((java.sql.Statement) vm).close();
        } catch (SQLException e) {
            // sqlite3_finalize's code repeats the step's error, reported already
        }
    }

    /** One integer from a function of the connection (changes(), last_insert_rowid()). */
    long scalar(String sql) {
        try (java.sql.Statement s = jdbc.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            return rs.getLong(1);
        } catch (SQLException e) {
            throw org.dovelua.lua.LuaArgs.positioned(LuaSql.PREFIX + SqliteErrors.errmsg(e));
        }
    }

    /** conn_commit/conn_rollback: {@code sqlite3_exec}, {@code nil, "LuaSQL: " .. errmsg} on failure. */
    private Varargs exec(java.util.function.Function<Sqlite3Connection, String> sql) {
        try {
            sqliteExec(sql.apply(this));
            return LuaValue.TRUE;
        } catch (SQLException e) {
            return LuaSql.fail(refusedIfReadOnly(e));
        }
    }

    /** conn_setautocommit: true rolls back, ignoring errors; false begins, raising on failure. */
    private Varargs setAutoCommit(boolean on) {
        autoCommit = on;
        try {
            sqliteExec(on ? "ROLLBACK" : "BEGIN");
        } catch (SQLException e) {
            if (!on) {
                throw org.dovelua.lua.LuaArgs.raw(LuaSql.PREFIX + SqliteErrors.errmsg(e));
            }
        }
        return LuaValue.TRUE;
    }

    /** {@code sqlite3_exec}: every statement of {@code sql}; sqlite-jdbc throws with errmsg. */
    private void sqliteExec(String sql) throws SQLException {
        int rc = jdbc.getDatabase()._exec(sql);
        if (rc != Codes.SQLITE_OK) {
            jdbc.getDatabase().throwex(rc);
        }
    }

    LuaValue env() {
        return env;
    }
}
