package org.dovelua.lua.shim.luasql;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
 * The server is a {@link SqlServers} route (H2 loaded from a fixture); without one, the site's real
 * server with {@code --allow-network} ({@link RealServer}), else {@code connect} fails as the client
 * library fails for a server that does not answer, and a hint names {@code --sql}.
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

    /** The column type names of a real server's result on {@code conn}, as {@code getcoltypes} lists them. */
    abstract String[] realColtypes(ServerConnection conn, ResultSet rs) throws SQLException;

    /** A boolean as the server's text protocol sends it. */
    abstract String bool(boolean b);

    /** conn_escape. */
    abstract LuaValue escape(LuaString from);

    /** Extra connection methods (ping, getlastautoid) and module fields. */
    abstract void extend(LuaTable connMeta, LuaTable cursorMeta, LuaTable module);

    /** Whether commit/rollback answer false in auto-commit mode (ls_postgres.c). */
    abstract boolean commitReportsAutoCommit();

    /**
     * The client library's error for a real server at {@code address} that failed the connection:
     * refused it, or answered with an error (a failed login); null for a failure it cannot word.
     */
    abstract String connectFailure(Target t, InetAddress address, SQLException e);

    /** The Unix-domain socket the client library connects to for these arguments; null for TCP. */
    abstract String socket(Target t);

    /** conn_execute's text of a real server's error: what PQerrorMessage or mysql_error reads. */
    abstract String serverError(SQLException e, String sql);

    /** Whether {@code execute} keeps the generated key for {@code getlastautoid} (ls_mysql.c). */
    boolean readsInsertId() {
        return false;
    }

    /**
     * The connection arguments: database, user and password (null: none), host (null: the
     * default) and port (0: the default).
     */
    record Target(String database, String user, String password, String host, int port) {
    }

    /** An optional string argument as the C string luasql reads, or null. */
    static String text(LuaString s) {
        return s == null ? null : LuaSql.cString(s);
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable cursorMeta = ServerCursor.metatable(this);
        LuaTable connMeta = ServerConnection.metatable(this, cursorMeta);
        LuaTable envMeta = new LuaTable();
        LuaSql.environmentClose(envMeta);
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
        boolean real = c.isEmpty() && servers.networkAllowed();
        if (real) {
            return connectReal(t, args.arg1(), connMeta);
        }
        if (c.isEmpty()) {
            String where = where(t);
            sandbox.hint(where, "no " + product() + " server answers " + where + " in dovelua: add --sql " + where
                    + "=SCHEMA_AND_DATA.sql (or sql: in a case file), or --allow-network to reach the real server");
            return LuaSql.fail("error connecting to database. " + product() + ": ", unreachable(t));
        }
        Runnable forget = sandbox.hold(c.get()); // a connection the script never closes ends with the state
        return new ServerConnection(connMeta, args.arg1(), c.get(), forget, false);
    }

    private String where(Target t) {
        return kind.scheme + "://" + (t.host() == null ? "localhost" : t.host())
                + (t.port() == 0 ? "" : ":" + t.port()) + "/" + t.database();
    }

    /** --allow-network: the site's server over TCP, its failures worded as the client library words them. */
    private Varargs connectReal(Target t, LuaValue env, LuaTable connMeta) {
        String failure;
        String socket = socket(t);
        if (socket != null) {
            // JDBC has no Unix-domain sockets: the script's default connection is not reached
            sandbox.hint(socket, where(t) + " is the local socket " + socket + ", which dovelua does not reach"
                    + " (TCP only): pass the host as \"127.0.0.1\" to reach a local server over TCP");
            failure = unreachable(t);
        } else {
            InetAddress address;
            try {
                address = InetAddress.getByName(t.host());
            } catch (UnknownHostException e) {
                return LuaSql.fail("error connecting to database. " + product() + ": ", unreachable(t));
            }
            try {
                Connection jdbc = RealServer.open(kind, t);
                return new ServerConnection(connMeta, env, jdbc, sandbox.hold(jdbc), true);
            } catch (SQLException e) {
                failure = connectFailure(t, address, e);
                if (failure == null) {
                    failure = String.valueOf(e.getMessage());
                    sandbox.hint(where(t), where(t) + ": the client library's text for this failure is not known"
                            + " to dovelua; the driver said: " + e.getMessage());
                }
            }
        }
        return LuaSql.fail("error connecting to database. " + product() + ": ", failure);
    }

    /** Whether a connection failure's cause chain holds a refused TCP connection. */
    static boolean refused(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** The server's message without H2's statement echo and error code. */
    static String message(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        return H2_TAIL.matcher(m).replaceFirst("");
    }

    /**
     * A value as the text protocol sends it: a string, or nil for NULL. A real server's text is
     * read as the driver received it (PQgetvalue, MYSQL_ROW); H2's values are given that form.
     */
    LuaValue value(ResultSet rs, int col, int type, boolean real) throws SQLException {
        if (real && !(kind == SqlServers.Kind.MYSQL && binary(type))) {
            String s = rs.getString(col); // pgjdbc in simple mode keeps bytea's \x text, booleans' t/f
            return s == null ? NIL : LuaValue.valueOf(s);
        }
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

    /** The column types whose MYSQL_ROW bytes are not text: read as bytes. */
    static boolean binary(int type) {
        return switch (type) {
            case java.sql.Types.BINARY, java.sql.Types.VARBINARY, java.sql.Types.LONGVARBINARY, java.sql.Types.BLOB,
                    java.sql.Types.BIT -> true;
            default -> false;
        };
    }
}
