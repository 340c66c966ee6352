package org.dovelua.lua.shim.luasql;

import java.io.ByteArrayOutputStream;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.sandbox.SandboxLib;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The {@code luasql.mysql} module of LuaSQL 2.6.0 (ls_mysql.c) as Debian 12's lua-sql-mysql builds it
 * against MariaDB Connector/C 10.6: {@code connect(db[, user[, password[, host[, port[, socket[, flags]]]]]])},
 * affected rows and {@code numrows} as integers, {@code getlastautoid}, {@code ping}, {@code seek}, and
 * column types as {@code "number(11)"}. The server is an H2 database in MySQL mode ({@link SqlServers}).
 */
public final class MysqlLib extends ServerLib {
    /** MariaDB Connector/C's version in Debian 12 ({@code mysql_get_client_info}). */
    static final String CLIENT_VERSION = "10.6.11";

    public MysqlLib(SqlServers servers, SandboxLib sandbox) {
        super(SqlServers.Kind.MYSQL, servers, sandbox);
    }

    @Override
    String product() {
        return "MySQL";
    }

    @Override
    String driver() {
        return "mysql";
    }

    @Override
    String closedText(String what) {
        return what + " is closed"; // ls_mysql.c getconnection & co. have no LUASQL_PREFIX
    }

    @Override
    Target target(Varargs args) {
        String db = LuaSql.cString(LuaSql.checkString(args, 2, "connect"));
        LuaString user = LuaSql.optString(args, 3, "connect", null);
        LuaString password = LuaSql.optString(args, 4, "connect", null);
        LuaString host = LuaSql.optString(args, 5, "connect", null);
        long port = args.arg(6).isnil() ? 0 : LuaArgs.checkInteger(args.subargs(2), 5, "connect");
        LuaSql.optString(args, 7, "connect", null);
        if (!args.arg(8).isnil()) {
            LuaArgs.checkInteger(args.subargs(2), 7, "connect");
        }
        return new Target(db, text(user), text(password), text(host), (int) port);
    }

    /** libmariadb's CR_CONNECTION_ERROR, CR_CONN_HOST_ERROR and CR_UNKNOWN_HOST texts. */
    @Override
    String unreachable(Target t) {
        String host = t.host();
        if (host == null || host.isEmpty() || host.equals("localhost")) {
            return "Can't connect to local server through socket '/run/mysqld/mysqld.sock' (2)";
        }
        if (isIpLiteral(host)) {
            return cantConnect(host);
        }
        return "Unknown server host '" + host + "' (-2)"; // offline, no name resolves (EAI_NONAME)
    }

    /**
     * CR_CONN_HOST_ERROR for a refused connection: pvio_socket_connect returns SO_ERROR but the
     * message takes errno, still the non-blocking connect's EINPROGRESS (checked on lua-sql-mysql).
     */
    private static String cantConnect(String host) {
        return "Can't connect to server on '" + host + "' (115)";
    }

    /** mysql_real_connect's socket: the default one for no host or {@code localhost} (libmariadb). */
    @Override
    String socket(Target t) {
        String host = t.host();
        return host == null || host.isEmpty() || host.equals("localhost") ? "/run/mysqld/mysqld.sock" : null;
    }

    /** A server's refusal (ER_ACCESS_DENIED_ERROR and the like) is mysql_error's text, the server's. */
    @Override
    String connectFailure(Target t, java.net.InetAddress address, SQLException e) {
        if (serverCode(e)) {
            return serverError(e, null);
        }
        return refused(e) ? cantConnect(t.host()) : null;
    }

    /** Server errors are 1000-1999; libmariadb's own CR_ codes 2000 and up (errmsg.h). */
    private static boolean serverCode(SQLException e) {
        return e.getErrorCode() >= 1000 && e.getErrorCode() < 2000;
    }

    /** mysql_error: the server's message, without Connector/J's {@code (conn=N) } prefix. */
    @Override
    String serverError(SQLException e, String sql) {
        return String.valueOf(e.getMessage()).replaceFirst("^\\(conn=\\d+\\) ", "");
    }

    @Override
    boolean readsInsertId() {
        return true;
    }

    static boolean isIpLiteral(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.contains(":");
    }

    @Override
    String executeFailure() {
        return "error executing query. MySQL: ";
    }

    @Override
    LuaValue affected(long rows) {
        return LuaInteger.valueOf(rows); // lua_pushinteger(mysql_affected_rows)
    }

    @Override
    LuaValue numrows(int rows) {
        return LuaInteger.valueOf(rows);
    }

    /** create_colinfo: {@code "%.20s(%ld)"} of getcolumntype and the field's length. */
    @Override
    String coltype(ResultSetMetaData md, int col) throws SQLException {
        String name = switch (md.getColumnType(col)) {
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB, Types.NCHAR, Types.NVARCHAR -> "string";
            case Types.DECIMAL, Types.NUMERIC, Types.SMALLINT, Types.INTEGER, Types.FLOAT, Types.DOUBLE, Types.REAL,
                    Types.BIGINT, Types.TINYINT, Types.BOOLEAN, Types.BIT -> "number";
            case Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> "binary";
            case Types.DATE -> "date";
            case Types.TIMESTAMP -> "datetime";
            case Types.TIME -> "time";
            case Types.NULL -> "null";
            default -> "undefined";
        };
        return name + "(" + md.getPrecision(col) + ")";
    }

    @Override
    String[] realColtypes(ServerConnection conn, java.sql.ResultSet rs) throws SQLException {
        return MysqlFieldTypes.describe(rs);
    }

    @Override
    String bool(boolean b) {
        return b ? "1" : "0"; // BOOLEAN is TINYINT(1)
    }

    /** mysql_real_escape_string: a backslash before NUL, newline, CR, backslash, quotes and ^Z. */
    @Override
    LuaValue escape(LuaString from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(from.length() * 2);
        for (int i = 0; i < from.length(); i++) {
            int b = from.luaByte(i);
            switch (b) {
                case 0 -> out.writeBytes(new byte[] {'\\', '0'});
                case '\n' -> out.writeBytes(new byte[] {'\\', 'n'});
                case '\r' -> out.writeBytes(new byte[] {'\\', 'r'});
                case 032 -> out.writeBytes(new byte[] {'\\', 'Z'});
                case '\\', '\'', '"' -> out.writeBytes(new byte[] {'\\', (byte) b});
                default -> out.write(b);
            }
        }
        return LuaString.valueOf(out.toByteArray());
    }

    @Override
    boolean commitReportsAutoCommit() {
        return false;
    }

    @Override
    void extend(LuaTable connMeta, LuaTable cursorMeta, LuaTable module) {
        module.set("_CLIENTVERSION", CLIENT_VERSION);
        LuaSql.method(connMeta, "getlastautoid", args ->
                LuaInteger.valueOf(ServerConnection.open(args, "getlastautoid", connMeta, this).lastInsertId));
        LuaSql.method(connMeta, "ping", args -> {
            ServerConnection c = LuaSql.self(args, "ping", connMeta, ServerConnection.class);
            if (c.closed) {
                return FALSE;
            }
            try {
                return LuaValue.valueOf(c.jdbc.isValid(1));
            } catch (SQLException e) {
                return FALSE;
            }
        });
        LuaSql.method(cursorMeta, "seek", args -> {
            ServerCursor cur = ServerCursor.open(args, "seek", cursorMeta, this);
            cur.seek(LuaArgs.checkInteger(args.subargs(2), 1, "seek"));
            return NONE;
        });
    }
}
