package org.dovelua.lua.shim.luasql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.sandbox.SandboxLib;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * What {@code luasql.mysql} (ls_mysql.c) and {@code luasql.postgres} (ls_postgres.c) share: a client
 * of a database server, whose rows are all strings ({@code PQgetvalue}, {@code MYSQL_ROW}) or nil.
 * The server is a {@link SqlServers} route (H2 loaded from a fixture); without one, {@code connect}
 * fails as the client library fails for a server that does not answer, and a hint names {@code --sql}.
 * Each driver supplies its names, texts and value forms.
 */
abstract class ServerLib extends TwoArgFunction {
    /** H2 appends the statement and its own error code: {@code ...; SQL statement:\n... [42104-232]}. */
    private static final Pattern H2_TAIL = Pattern.compile("(?s)(; SQL statement:.*)?( \\[\\d+-\\d+])?$");

    final SqlServers servers;
    private final SandboxLib sandbox;
    final SqlServers.Kind kind;

    ServerLib(SqlServers.Kind kind, SqlServers servers, SandboxLib sandbox) {
        this.kind = kind;
        this.servers = servers;
        this.sandbox = sandbox;
    }

    /** The prefix of the metatable names: {@code MySQL}, {@code PostgreSQL}. */
    abstract String product();

    /** The module's constructor name: {@code mysql}, {@code postgres}. */
    abstract String driver();

    /** The argcheck text for a closed object: ls_mysql.c has no {@code LuaSQL: } prefix there. */
    abstract String closedText(String what);

    /** env_connect's arguments (the port is an integer for MySQL, a string for libpq). */
    abstract Target target(Varargs args);

    /** The client library's error for a server that does not answer at this address. */
    abstract String unreachable(Target t);

    /** conn_execute's failure prefix, before the server's message. */
    abstract String executeFailure();

    /** The affected-row count as the driver pushes it. */
    abstract LuaValue affected(long rows);

    /** The number of rows of a result as {@code numrows} pushes it. */
    abstract LuaValue numrows(int rows);

    /** A column's type name as {@code getcoltypes} lists it. */
    abstract String coltype(ResultSetMetaData md, int col) throws SQLException;

    /** A boolean as the server's text protocol sends it. */
    abstract String bool(boolean b);

    /** conn_escape. */
    abstract LuaValue escape(LuaString from);

    /** Extra connection methods (ping, getlastautoid) and module fields. */
    abstract void extend(LuaTable connMeta, LuaTable cursorMeta, LuaTable module);

    /** Whether commit/rollback answer false in auto-commit mode (ls_postgres.c). */
    abstract boolean commitReportsAutoCommit();

    /** The connection arguments: database, user, host (null: the default) and port (0: the default). */
    record Target(String database, String host, int port) {
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable cursorMeta = ServerCursor.metatable(this);
        LuaTable connMeta = ServerConnection.metatable(this, cursorMeta);
        LuaTable envMeta = new LuaTable();
        LuaSql.method(envMeta, "close", args -> {
            LuaSqlObject e = LuaSql.self(args, "close", envMeta, LuaSqlObject.class);
            boolean was = !e.closed;
            e.closed = true;
            return LuaValue.valueOf(was);
        });
        LuaSql.method(envMeta, "connect", args -> connect(args, envMeta, connMeta));
        LuaSql.metatable(product() + " environment", envMeta);
        LuaTable module = new LuaTable();
        module.set(driver(), LuaArgs.fn(driver(), args -> new LuaSqlObject(envMeta)));
        LuaSql.info(module);
        extend(connMeta, cursorMeta, module);
        LuaSql.metatable(product() + " connection", connMeta);
        LuaSql.metatable(product() + " cursor", cursorMeta);
        return module;
    }

    /** env_connect: the arguments are read before the environment is checked. */
    private Varargs connect(Varargs args, LuaTable envMeta, LuaTable connMeta) {
        Target t = target(args);
        LuaSql.open(LuaSql.self(args, "connect", envMeta, LuaSqlObject.class), "connect", closedText("environment"));
        Optional<Connection> c;
        try {
            c = servers.connect(kind, t.host(), t.port(), t.database());
        } catch (SQLException e) {
            sandbox.hint(e.getMessage(), e.getMessage());
            return LuaSql.fail("error connecting to database. " + product() + ": ", e.getMessage());
        }
        if (c.isEmpty()) {
            String where = kind.scheme + "://" + (t.host() == null ? "localhost" : t.host())
                    + (t.port() == 0 ? "" : ":" + t.port()) + "/" + t.database();
            sandbox.hint(where, "no " + product() + " server answers " + where + " in dovelua: add --sql " + where
                    + "=SCHEMA_AND_DATA.sql (or sql: in a case file)"
                    + (servers.networkAllowed() ? "; --allow-network does not reach real database servers yet" : ""));
            return LuaSql.fail("error connecting to database. " + product() + ": ", unreachable(t));
        }
        Runnable forget = sandbox.hold(c.get()); // a connection the script never closes ends with the state
        return new ServerConnection(connMeta, args.arg1(), c.get(), forget);
    }

    /** The server's message without H2's statement echo and error code. */
    static String message(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        return H2_TAIL.matcher(m).replaceFirst("");
    }

    /** A value as the text protocol sends it: a string, or nil for NULL. */
    LuaValue value(ResultSet rs, int col, int type) throws SQLException {
        switch (type) {
            case java.sql.Types.BOOLEAN, java.sql.Types.BIT -> {
                boolean b = rs.getBoolean(col);
                return rs.wasNull() ? NIL : LuaValue.valueOf(bool(b));
            }
            case java.sql.Types.BINARY, java.sql.Types.VARBINARY, java.sql.Types.LONGVARBINARY, java.sql.Types.BLOB -> {
                byte[] b = rs.getBytes(col);
                return b == null ? NIL : LuaString.valueOf(b);
            }
            default -> {
                String s = rs.getString(col);
                return s == null ? NIL : LuaValue.valueOf(s);
            }
        }
    }
}
