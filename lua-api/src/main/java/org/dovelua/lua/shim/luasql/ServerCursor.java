package org.dovelua.lua.shim.luasql;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * A {@code MySQL cursor} or {@code PostgreSQL cursor} (ls_mysql.c, ls_postgres.c {@code cur_data}):
 * the whole result, read when the statement ran, handed out a row per {@code fetch}. The end of
 * the rows closes it.
 */
final class ServerCursor extends LuaSqlObject {
    private final ServerLib lib;
    private final List<LuaValue[]> rows = new ArrayList<>();
    private final LuaTable colnames = new LuaTable();
    private final LuaTable coltypes = new LuaTable();
    private final int numcols;
    private int next;

    ServerCursor(LuaTable metatable, ServerLib lib, ServerConnection conn, ResultSet rs) throws SQLException {
        super(metatable);
        this.lib = lib;
        ResultSetMetaData md = rs.getMetaData();
        numcols = md.getColumnCount();
        int[] types = new int[numcols];
        String[] real = conn.real ? lib.realColtypes(conn, rs) : null;
        for (int i = 1; i <= numcols; i++) {
            colnames.rawset(i, LuaValue.valueOf(md.getColumnLabel(i)));
            coltypes.rawset(i, LuaValue.valueOf(real != null ? real[i - 1] : lib.coltype(md, i)));
            types[i - 1] = md.getColumnType(i);
        }
        while (rs.next()) {
            LuaValue[] row = new LuaValue[numcols];
            for (int i = 0; i < numcols; i++) {
                row[i] = lib.value(rs, i + 1, types[i], conn.real);
            }
            rows.add(row);
        }
    }

    static LuaTable metatable(ServerLib lib) {
        LuaTable mt = new LuaTable();
        LuaSql.method(mt, "close", args -> {
            ServerCursor cur = LuaSql.self(args, "close", mt, ServerCursor.class);
            boolean was = !cur.closed;
            cur.closed = true;
            return LuaValue.valueOf(was);
        });
        LuaSql.method(mt, "getcolnames", args -> open(args, "getcolnames", mt, lib).colnames);
        LuaSql.method(mt, "getcoltypes", args -> open(args, "getcoltypes", mt, lib).coltypes);
        LuaSql.method(mt, "numrows", args -> lib.numrows(open(args, "numrows", mt, lib).rows.size()));
        LuaSql.method(mt, "fetch", args -> open(args, "fetch", mt, lib).fetch(args));
        return mt;
    }

    static ServerCursor open(Varargs args, String fn, LuaTable mt, ServerLib lib) {
        return LuaSql.open(LuaSql.self(args, fn, mt, ServerCursor.class), fn, lib.closedText("cursor"));
    }

    /** mysql_data_seek: the next fetch gives row {@code n} (0-based). */
    void seek(long n) {
        next = (int) Math.max(0, Math.min(n, rows.size()));
    }

    /** cur_fetch: nil at the end (closing the cursor), else the row as values or in the table. */
    private Varargs fetch(Varargs args) {
        if (next >= rows.size()) {
            closed = true;
            return NIL;
        }
        LuaValue[] row = rows.get(next++);
        if (args.arg(2).istable()) {
            LuaTable t = (LuaTable) args.arg(2);
            String opts = LuaSql.cString(LuaSql.optString(args, 3, "fetch", LuaValue.valueOf("n")));
            if (opts.indexOf('n') >= 0) {
                for (int i = 0; i < numcols; i++) {
                    t.rawset(i + 1, row[i]);
                }
            }
            if (opts.indexOf('a') >= 0) {
                for (int i = 0; i < numcols; i++) {
                    t.rawset(colnames.rawget(i + 1), row[i]);
                }
            }
            return t;
        }
        return varargsOf(row);
    }
}
