package org.dovelua.lua.shim.luasql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * A {@code MySQL connection} or {@code PostgreSQL connection} (ls_mysql.c, ls_postgres.c
 * {@code conn_data}) over JDBC. {@code execute} reads a whole result at once, as
 * {@code mysql_store_result} and {@code PQexec} do; luasql's auto-commit flag is JDBC's.
 */
final class ServerConnection extends LuaSqlObject {
    private final LuaValue env; // conn->env: keeps the environment reachable
    final Connection jdbc;
    long lastInsertId;
    /** luasql.postgres's getcoltypes: pg_type's typname of each type oid this connection has looked up. */
    final java.util.Map<Integer, String> typnames = new java.util.HashMap<>();

    private final Runnable forget;
    /** Whether this is the site's server ({@link RealServer}) rather than a fixture's H2. */
    final boolean real;

    ServerConnection(LuaTable metatable, LuaValue env, Connection jdbc, Runnable forget, boolean real) {
        super(metatable);
        this.real = real;
        this.forget = forget;
        this.env = env;
        this.jdbc = jdbc;
    }

    /** The connection methods both drivers have; the driver adds its own and names the table. */
    static LuaTable metatable(ServerLib lib, LuaTable cursorMeta) {
        LuaTable mt = new LuaTable();
        LuaSql.method(mt, "close", args -> {
            ServerConnection c = LuaSql.self(args, "close", mt, ServerConnection.class);
            if (c.closed) {
                return FALSE;
            }
            c.closed = true; // conn_gc: open cursors keep their rows
            c.forget.run();
            try {
                c.jdbc.close();
            } catch (SQLException e) {
                // mysql_close/PQfinish report nothing
            }
            return TRUE;
        });
        LuaSql.method(mt, "escape", args -> {
            open(args, "escape", mt, lib);
            return lib.escape(LuaSql.checkString(args, 2, "escape"));
        });
        LuaSql.method(mt, "execute", args -> open(args, "execute", mt, lib)
                .execute(lib, LuaSql.cString(LuaSql.checkString(args, 2, "execute")), cursorMeta));
        LuaSql.method(mt, "commit", args -> open(args, "commit", mt, lib).end(lib, true));
        LuaSql.method(mt, "rollback", args -> open(args, "rollback", mt, lib).end(lib, false));
        LuaSql.method(mt, "setautocommit", args -> {
            ServerConnection c = open(args, "setautocommit", mt, lib);
            boolean on = args.arg(2).toboolean();
            try {
                if (on && !c.jdbc.getAutoCommit()) {
                    c.jdbc.rollback(); // ls_postgres.c: undo the active transaction
                }
                c.jdbc.setAutoCommit(on);
            } catch (SQLException e) {
                // mysql_autocommit's and PQexec's results are ignored
            }
            return TRUE;
        });
        return mt;
    }

    static ServerConnection open(Varargs args, String fn, LuaTable mt, ServerLib lib) {
        return LuaSql.open(LuaSql.self(args, fn, mt, ServerConnection.class), fn, lib.closedText("connection"));
    }

    private Varargs execute(ServerLib lib, String sql, LuaTable cursorMeta) {
        try (Statement st = jdbc.createStatement()) {
            // pgjdbc would append RETURNING * for generated keys: only MySQL asks for them
            boolean rows = lib.readsInsertId() ? st.execute(sql, Statement.RETURN_GENERATED_KEYS) : st.execute(sql);
            lastInsertId = 0;
            if (rows) {
                try (ResultSet rs = st.getResultSet()) {
                    return new ServerCursor(cursorMeta, lib, this, rs);
                }
            }
            long count = st.getLargeUpdateCount();
            if (lib.readsInsertId()) {
                try (ResultSet keys = st.getGeneratedKeys()) {
                    if (keys != null && keys.next()) {
                        lastInsertId = keys.getLong(1);
                    }
                }
            }
            return lib.affected(Math.max(count, 0));
        } catch (SQLException e) {
            return LuaSql.fail(lib.executeFailure(), real ? lib.serverError(e, sql) : ServerLib.message(e));
        }
    }

    /** conn_commit/conn_rollback. */
    private Varargs end(ServerLib lib, boolean commit) {
        try {
            boolean auto = jdbc.getAutoCommit();
            if (!auto) {
                if (commit) {
                    jdbc.commit();
                } else {
                    jdbc.rollback();
                }
            }
            return LuaValue.valueOf(!(auto && lib.commitReportsAutoCommit()));
        } catch (SQLException e) {
            return FALSE; // !mysql_commit(): false when the server refused
        }
    }

    LuaValue env() {
        return env;
    }
}
