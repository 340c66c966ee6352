package org.dovelua.lua.shim.luasql;

import java.sql.SQLException;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.sqlite.core.Codes;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.DB;

/**
 * A {@code SQLite3 cursor} (ls_sqlite3.c {@code cur_data}): a prepared statement stepped one row per
 * {@code fetch}. Values keep SQLite's storage class per row ({@code push_column}): integers as Lua
 * integers, reals as floats, text and blobs as strings, NULL as nil. The end of the rows, or an error,
 * finalises the statement and closes the cursor.
 */
final class Sqlite3Cursor extends LuaSqlObject {
    static final String NAME = "SQLite3 cursor";

    private final Sqlite3Connection conn;
    private CoreStatement vm;
    private final int numcols;
    private final LuaTable colnames = new LuaTable();
    private final LuaTable coltypes = new LuaTable();

    Sqlite3Cursor(LuaTable metatable, Sqlite3Connection conn, CoreStatement vm, int numcols) throws SQLException {
        super(metatable);
        this.conn = conn;
        this.vm = vm;
        this.numcols = numcols;
        conn.cursors++;
        for (int i = 0; i < numcols; i++) {
            int col = i;
            colnames.rawset(i + 1, text(vm.pointer.safeRun((db, p) -> db.column_name(p, col))));
            coltypes.rawset(i + 1, text(vm.pointer.safeRun((db, p) -> db.column_decltype(p, col))));
        }
    }

    private static LuaValue text(String s) {
        return s == null ? NIL : LuaValue.valueOf(s); // lua_pushstring(NULL) pushes nil
    }

    static LuaTable metatable() {
        LuaTable mt = new LuaTable();
        LuaSql.method(mt, "close", args -> {
            Sqlite3Cursor cur = LuaSql.self(args, "close", mt, Sqlite3Cursor.class);
            if (cur.closed) {
                return FALSE;
            }
            cur.nullify();
            return TRUE;
        });
        LuaSql.method(mt, "getcolnames", args -> open(args, "getcolnames", mt).colnames);
        LuaSql.method(mt, "getcoltypes", args -> open(args, "getcoltypes", mt).coltypes);
        LuaSql.method(mt, "fetch", args -> open(args, "fetch", mt).fetch(args));
        return LuaSql.metatable(NAME, mt);
    }

    private static Sqlite3Cursor open(Varargs args, String fn, LuaTable mt) {
        return LuaSql.open(LuaSql.self(args, fn, mt, Sqlite3Cursor.class), fn, LuaSql.PREFIX + "cursor is closed");
    }

    /** cur_fetch: step first, then read the table and mode arguments. */
    private Varargs fetch(Varargs args) {
        int res;
        try {
            res = vm.pointer.safeRunInt(DB::step);
        } catch (SQLException e) {
            return finish(SqliteErrors.errmsg(e));
        }
        if (res == Codes.SQLITE_DONE) {
            return finish(null);
        }
        if (res != Codes.SQLITE_ROW) {
            return finish(conn.stepError(vm, res));
        }
        try {
            if (args.arg(2).istable()) {
                LuaTable t = (LuaTable) args.arg(2);
                String opts = LuaSql.cString(LuaSql.optString(args, 3, "fetch", LuaValue.valueOf("n")));
                if (opts.indexOf('n') >= 0) {
                    for (int i = 0; i < numcols; i++) {
                        t.rawset(i + 1, column(i));
                    }
                }
                if (opts.indexOf('a') >= 0) {
                    for (int i = 0; i < numcols; i++) {
                        t.rawset(colnames.rawget(i + 1), column(i));
                    }
                }
                return t;
            }
            LuaValue[] row = new LuaValue[numcols];
            for (int i = 0; i < numcols; i++) {
                row[i] = column(i);
            }
            return varargsOf(row);
        } catch (SQLException e) {
            throw org.dovelua.lua.LuaArgs.positioned(LuaSql.PREFIX + SqliteErrors.errmsg(e));
        }
    }

    /** finalize(): nil at the end, {@code nil, "LuaSQL: " .. errmsg} after an error; closed either way. */
    private Varargs finish(String error) {
        nullify();
        return error == null ? NIL : LuaSql.fail(error);
    }

    /** push_column: the value as the row's storage class holds it. */
    private LuaValue column(int col) throws SQLException {
        int type = vm.pointer.safeRunInt((db, p) -> db.column_type(p, col));
        switch (type) {
            case Codes.SQLITE_INTEGER:
                return LuaInteger.valueOf(vm.pointer.safeRunLong((db, p) -> db.column_long(p, col)));
            case Codes.SQLITE_FLOAT:
                return LuaValue.valueOf(vm.pointer.safeRunDouble((db, p) -> db.column_double(p, col)));
            case Codes.SQLITE_TEXT:
            case Codes.SQLITE_BLOB:
                byte[] b = vm.pointer.safeRun((db, p) -> db.column_blob(p, col));
                return LuaString.valueOf(b == null ? new byte[0] : b);
            case Codes.SQLITE_NULL:
                return NIL;
            default:
                throw org.dovelua.lua.LuaArgs.positioned(LuaSql.PREFIX + "Unrecognized column type");
        }
    }

    /** cur_nullify + sqlite3_finalize: closed, and no longer counted by the connection. */
    private void nullify() {
        closed = true;
        conn.cursors--;
        Sqlite3Connection.finalizeQuietly(vm);
        vm = null;
    }
}
