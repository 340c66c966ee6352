package org.dovelua.lua.shim.luasql;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The database servers {@code luasql.mysql} and {@code luasql.postgres} reach, as {@code HttpRouter}
 * is for HTTP: offline by default. A route ({@code --sql mysql://HOST[:PORT]/DB=fixture.sql}, a case
 * file's {@code sql:}) stands a server in for that address: an in-memory H2 database in the dialect's
 * compatibility mode, loaded from the fixture at the first connection and shared by every
 * connection after it, until {@link #reset()} (before each case) or {@link #close()}.
 *
 * <p>Scripts connect as an H2 user without admin rights, so H2's own file and code functions
 * ({@code RUNSCRIPT}, {@code FILE_READ}, {@code CREATE ALIAS}, {@code LINK_SCHEMA}) stay out of
 * reach; the fixture is loaded by the admin.
 */
public final class SqlServers implements AutoCloseable {
    /** The kinds of server: URL scheme, luasql module, H2 compatibility mode, default port. */
    public enum Kind {
        MYSQL("mysql", "MySQL", 3306), POSTGRES("postgres", "PostgreSQL", 5432);

        final String scheme;
        final String h2Mode;
        final int defaultPort;

        Kind(String scheme, String h2Mode, int defaultPort) {
            this.scheme = scheme;
            this.h2Mode = h2Mode;
            this.defaultPort = defaultPort;
        }
    }

    /** One address a fixture answers for. */
    record Address(Kind kind, String host, int port, String database) {
        @Override
        public String toString() {
            return kind.scheme + "://" + host + ":" + port + "/" + database;
        }
    }

    private static final AtomicLong IDS = new AtomicLong();
    private static final String SCRIPT_USER = "dovelua";

    private final Map<Address, Path> fixtures = new HashMap<>();
    private final Map<Address, Connection> loaded = new HashMap<>(); // the admin's, keeps the db alive
    private boolean allowNetwork;

    /** No server: every connection fails as an unreachable one does. */
    public static SqlServers offline() {
        return new SqlServers();
    }

    /**
     * Answers {@code url} ({@code mysql://HOST[:PORT]/DB} or {@code postgres://...}) from the
     * schema and data in {@code fixture}.
     *
     * @throws IllegalArgumentException naming what is wrong with the url or the file
     */
    public SqlServers route(String url, Path fixture) {
        Address a = parse(url);
        if (!Files.isRegularFile(fixture)) {
            throw new IllegalArgumentException("the fixture " + fixture
                    + " does not exist (a .sql file with the schema and data)");
        }
        synchronized (this) {
            fixtures.put(a, fixture.toAbsolutePath());
        }
        return this;
    }

    /** Lets connections without a route reach a real server ({@code --allow-network}). */
    public SqlServers allowNetwork(boolean allow) {
        this.allowNetwork = allow;
        return this;
    }

    public boolean networkAllowed() {
        return allowNetwork;
    }

    /** The routes, as URLs, for hints. */
    public synchronized List<String> routes() {
        List<String> out = new ArrayList<>();
        fixtures.keySet().forEach(a -> out.add(a.toString()));
        out.sort(null);
        return out;
    }

    static Address parse(String url) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(usage(url, e.getReason()));
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme();
        Kind kind = switch (scheme) {
            case "mysql", "mariadb" -> Kind.MYSQL;
            case "postgres", "postgresql" -> Kind.POSTGRES;
            default -> throw new IllegalArgumentException(usage(url, "the scheme must be mysql:// or postgres://"));
        };
        String db = u.getPath() == null ? "" : u.getPath().replaceFirst("^/", "");
        if (u.getHost() == null || db.isEmpty() || db.contains("/")) {
            throw new IllegalArgumentException(usage(url, "expected HOST[:PORT]/DATABASE"));
        }
        return new Address(kind, u.getHost(), u.getPort() < 0 ? kind.defaultPort : u.getPort(), db);
    }

    private static String usage(String url, String why) {
        return "'" + url + "': " + why + ", e.g. mysql://db.example.org/mail=./users.sql";
    }

    /**
     * A new connection to the stand-in for this address, loading its fixture first if needed;
     * empty when no route answers it.
     */
    synchronized Optional<Connection> connect(Kind kind, String host, int port, String database) throws SQLException {
        Address a = new Address(kind, host == null || host.isEmpty() ? "localhost" : host,
                port == 0 ? kind.defaultPort : port, database);
        Path fixture = fixtures.get(a);
        if (fixture == null) {
            return Optional.empty();
        }
        String url = "jdbc:h2:mem:dovelua-sql-" + IDS.incrementAndGet() + ";MODE=" + kind.h2Mode
                + ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        Connection admin = loaded.get(a);
        if (admin == null) {
            admin = DriverManager.getConnection(url, "sa", "");
            try (Statement s = admin.createStatement()) {
                s.execute("RUNSCRIPT FROM '" + fixture.toString().replace("'", "''") + "'");
                s.execute("CREATE USER " + SCRIPT_USER + " PASSWORD ''");
                s.execute("GRANT ALTER ANY SCHEMA TO " + SCRIPT_USER);
                s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA PUBLIC TO " + SCRIPT_USER);
            } catch (SQLException e) {
                admin.close();
                throw new SQLException("the fixture " + fixture + " for " + a + " does not load: " + e.getMessage(), e);
            }
            loaded.put(a, admin);
        }
        String dbUrl = admin.getMetaData().getURL();
        return Optional.of(DriverManager.getConnection(dbUrl, SCRIPT_USER, ""));
    }

    /** Drops what scripts changed: the next connection loads each fixture afresh. */
    public synchronized void reset() {
        for (Connection c : loaded.values()) {
            try (Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                // already gone
            }
            try {
                c.close();
            } catch (SQLException e) {
                // closed by SHUTDOWN
            }
        }
        loaded.clear();
    }

    @Override
    public void close() {
        reset();
    }
}
