package org.dovelua.lua.shim.luasql;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The site's own database server, reached over TCP with {@code --allow-network} when no fixture
 * answers the address: pgjdbc stands in for libpq under {@code luasql.postgres}, MariaDB Connector/J
 * for libmariadb under {@code luasql.mysql}. Both are set to read results as the text the server
 * sends, as {@code PQexec} and {@code mysql_real_query} do, so values come back as the C library
 * hands them to luasql.
 */
final class RealServer {
    static {
        // Connector/J logs server errors to stderr by itself; libmariadb reports them to luasql only
        if (System.getProperty("mariadb.logging.disable") == null) {
            System.setProperty("mariadb.logging.disable", "true");
        }
    }

    private RealServer() {
    }

    /** A connection as env_connect opens one ({@code PQsetdbLogin}, {@code mysql_real_connect}). */
    static Connection open(SqlServers.Kind kind, ServerLib.Target t) throws SQLException {
        String host = t.host().contains(":") ? "[" + t.host() + "]" : t.host();
        int port = t.port() <= 0 ? kind.defaultPort : t.port();
        Properties p = new Properties();
        // libpq and libmariadb: no user means the user the process runs as (pqGetpwuid, read_user_name)
        p.setProperty("user", t.user() == null || t.user().isEmpty() ? System.getProperty("user.name") : t.user());
        p.setProperty("password", t.password() == null ? "" : t.password());
        Driver driver;
        String url;
        if (kind == SqlServers.Kind.POSTGRES) {
            driver = new org.postgresql.Driver();
            url = "jdbc:postgresql://" + host + ":" + port + "/" + t.database();
            p.setProperty("preferQueryMode", "simple"); // PQexec: the simple query protocol, text results
            p.setProperty("binaryTransfer", "false");
            // settings as startup parameters, not SET statements: every server libpq 15 reaches is newer
            p.setProperty("assumeMinServerVersion", "9.0");
        } else {
            driver = new org.mariadb.jdbc.Driver();
            url = "jdbc:mariadb://" + host + ":" + port + "/" + t.database();
            p.setProperty("tinyInt1isBit", "false"); // MYSQL_ROW: a TINYINT(1) is the text "1"
            p.setProperty("yearIsDateType", "false"); // and a YEAR "2024"
        }
        Connection c = driver.connect(url, p);
        if (c == null) {
            throw new SQLException("no driver for " + url);
        }
        return c;
    }
}
