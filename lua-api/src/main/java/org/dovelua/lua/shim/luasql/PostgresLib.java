package org.dovelua.lua.shim.luasql;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import org.dovelua.lua.sandbox.SandboxLib;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.postgresql.util.PSQLException;

/**
 * The {@code luasql.postgres} module of LuaSQL 2.6.0 (ls_postgres.c) as Debian 12's lua-sql-postgres
 * builds it against libpq 15: {@code connect(db[, user[, password[, host[, port]]]])} (the port a
 * string), affected rows and {@code numrows} as floats ({@code lua_pushnumber}), booleans as
 * {@code t}/{@code f}, pg_type's {@code typname}s for column types, and {@code commit}/{@code rollback}
 * answering false in auto-commit mode. The server is an H2 database in PostgreSQL mode
 * ({@link SqlServers}).
 */
public final class PostgresLib extends ServerLib {
    public PostgresLib(SqlServers servers, SandboxLib sandbox) {
        super(SqlServers.Kind.POSTGRES, servers, sandbox);
    }

    @Override
    String product() {
        return "PostgreSQL";
    }

    @Override
    String driver() {
        return "postgres";
    }

    @Override
    String closedText(String what) {
        return LuaSql.PREFIX + what + " is closed";
    }

    @Override
    Target target(Varargs args) {
        String db = LuaSql.cString(LuaSql.checkString(args, 2, "connect"));
        LuaString user = LuaSql.optString(args, 3, "connect", null);
        LuaString password = LuaSql.optString(args, 4, "connect", null);
        LuaString host = LuaSql.optString(args, 5, "connect", null);
        LuaString port = LuaSql.optString(args, 6, "connect", null);
        int p = 0;
        if (port != null) {
            try {
                p = Integer.parseInt(LuaSql.cString(port).trim());
            } catch (NumberFormatException e) {
                p = -1; // libpq: invalid port number; no route answers it
            }
        }
        return new Target(db, text(user), text(password), text(host), p);
    }

    /** libpq 15's PQerrorMessage for a server that is not there (fe-connect.c). */
    @Override
    String unreachable(Target t) {
        int port = t.port() <= 0 ? 5432 : t.port();
        String host = t.host();
        String refused = "Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n";
        if (host == null || host.isEmpty()) {
            return "connection to server on socket \"/var/run/postgresql/.s.PGSQL." + port + "\" failed: "
                    + "No such file or directory\n\tIs the server running locally and accepting connections on that socket?\n";
        }
        if (host.equals("localhost")) {
            return "connection to server at \"localhost\" (127.0.0.1), port " + port + " failed: " + refused;
        }
        if (MysqlLib.isIpLiteral(host)) {
            return "connection to server at \"" + host + "\", port " + port + " failed: " + refused;
        }
        return "could not translate host name \"" + host + "\" to address: Name or service not known\n";
    }

    /** libpq's default socket for no host (DEFAULT_PGSOCKET_DIR in Debian's libpq). */
    @Override
    String socket(Target t) {
        int port = t.port() <= 0 ? 5432 : t.port();
        return t.host() == null || t.host().isEmpty() ? "/var/run/postgresql/.s.PGSQL." + port : null;
    }

    /**
     * fe-connect.c (libpq 15): each failed attempt is {@code connection to server at "HOST" (ADDR),
     * port P failed: } (no ADDR for a numeric host) and the reason: the socket error, or the
     * server's ErrorResponse (a failed login: {@code FATAL:  password authentication failed...}).
     */
    @Override
    String connectFailure(Target t, java.net.InetAddress address, SQLException e) {
        int port = t.port() <= 0 ? 5432 : t.port();
        String at = "connection to server at \"" + t.host() + "\""
                + (MysqlLib.isIpLiteral(t.host()) ? "" : " (" + address.getHostAddress() + ")")
                + ", port " + port + " failed: ";
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            return at + LibpqErrors.format(p.getServerErrorMessage(), null);
        }
        if (refused(e)) {
            return at + "Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n";
        }
        return null;
    }

    /** PQerrorMessage after PQexec: the server's ErrorResponse as libpq lays it out. */
    @Override
    String serverError(SQLException e, String sql) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            return LibpqErrors.format(p.getServerErrorMessage(), sql);
        }
        return String.valueOf(e.getMessage()) + "\n";
    }

    /**
     * ls_postgres.c getcolumntype: the server's {@code select typname from pg_type where oid = PQftype}
     * cut to 20 characters, and for {@code bpchar} and {@code varchar} {@code "%.20s (%d)"} with
     * {@code PQfmod - 4} ({@code -5} for no length); {@code undefined} when the lookup finds nothing.
     * luasql asks on each {@code getcoltypes}; this asks once per type and connection, when the
     * statement ran.
     */
    @Override
    String[] realColtypes(ServerConnection conn, ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        org.postgresql.jdbc.PgResultSet pg = rs.unwrap(org.postgresql.jdbc.PgResultSet.class);
        String[] out = new String[md.getColumnCount()];
        for (int i = 1; i <= out.length; i++) {
            int oid = pg.getColumnOID(i);
            String name = conn.typnames.get(oid);
            if (name == null) {
                name = typname(conn, oid);
                if (name != null) {
                    conn.typnames.put(oid, name);
                }
            }
            if (name == null) {
                out[i - 1] = "undefined";
            } else if (name.equals("bpchar") || name.equals("varchar")) {
                int length = md.getPrecision(i); // pgjdbc: PQfmod - 4, or its unknownLength for no typmod
                out[i - 1] = cut(name) + " (" + (length <= 0 || length == Integer.MAX_VALUE ? -5 : length) + ")";
            } else {
                out[i - 1] = cut(name);
            }
        }
        return out;
    }

    private static String typname(ServerConnection conn, int oid) {
        try (java.sql.Statement st = conn.jdbc.createStatement();
                ResultSet r = st.executeQuery("select typname from pg_type where oid = " + Integer.toUnsignedLong(oid))) {
            return r.next() ? r.getString(1) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    private static String cut(String typname) {
        return typname.length() > 20 ? typname.substring(0, 20) : typname;
    }

    @Override
    String executeFailure() {
        return "error executing statement. PostgreSQL: ";
    }

    @Override
    LuaValue affected(long rows) {
        return LuaValue.valueOf((double) rows); // lua_pushnumber(atof(PQcmdTuples))
    }

    @Override
    LuaValue numrows(int rows) {
        return LuaValue.valueOf((double) rows);
    }

    /**
     * getcolumntype over an H2 fixture: the typname PostgreSQL gives the column's type, as
     * {@link #realColtypes} reads it from a real server ({@code varchar (64)}, {@code int4}, {@code bool}).
     */
    @Override
    String coltype(ResultSetMetaData md, int col) throws SQLException {
        int p = md.getPrecision(col);
        return switch (md.getColumnType(col)) {
            case Types.VARCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.CLOB ->
                    p > 0 && p < 10_485_760 ? "varchar (" + p + ")" : "text";
            case Types.CHAR, Types.NCHAR -> "bpchar (" + p + ")";
            case Types.INTEGER -> "int4";
            case Types.BIGINT -> "int8";
            case Types.SMALLINT, Types.TINYINT -> "int2";
            case Types.BOOLEAN, Types.BIT -> "bool";
            case Types.NUMERIC, Types.DECIMAL -> "numeric";
            case Types.DOUBLE, Types.FLOAT -> "float8";
            case Types.REAL -> "float4";
            case Types.DATE -> "date";
            case Types.TIMESTAMP -> "timestamp";
            case Types.TIMESTAMP_WITH_TIMEZONE -> "timestamptz";
            case Types.TIME -> "time";
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> "bytea";
            default -> md.getColumnTypeName(col).toLowerCase(java.util.Locale.ROOT);
        };
    }

    @Override
    String bool(boolean b) {
        return b ? "t" : "f";
    }

    /** PQescapeStringConn with standard_conforming_strings on: single quotes doubled, up to a NUL. */
    @Override
    LuaValue escape(LuaString from) {
        return LuaSql.quotesDoubled(from);
    }

    @Override
    boolean commitReportsAutoCommit() {
        return true;
    }

    @Override
    void extend(LuaTable connMeta, LuaTable cursorMeta, LuaTable module) {
        // ls_postgres.c: no getlastautoid, no ping; _CLIENTVERSION only where PQlibVersion is a macro
    }
}
