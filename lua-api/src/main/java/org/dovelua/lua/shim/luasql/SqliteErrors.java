package org.dovelua.lua.shim.luasql;

import java.sql.SQLException;
import org.sqlite.SQLiteException;

/**
 * {@code sqlite3_errmsg} out of sqlite-jdbc's exceptions, which wrap it as
 * {@code [SQLITE_ERROR] SQL error or missing database (no such table: t)}.
 */
final class SqliteErrors {
    private SqliteErrors() {
    }

    /** The engine's own message, as luasql passes it on. */
    static String errmsg(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof SQLiteException se) {
            String head = "[" + se.getResultCode().name() + "] " + se.getResultCode().message;
            if (m.startsWith(head + " (") && m.endsWith(")")) {
                return m.substring(head.length() + 2, m.length() - 1);
            }
            if (m.equals(head)) {
                return se.getResultCode().message;
            }
        }
        return m;
    }
}
