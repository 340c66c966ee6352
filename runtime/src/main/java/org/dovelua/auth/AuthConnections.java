package org.dovelua.auth;

import java.util.BitSet;
import org.dovelua.auth.config.AuthSettings;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.version.Since;

/**
 * The auth process's connections, as 2.4's lib connection.c logs them with auth_debug
 * ({@link Since#CONNECTION_DEBUG_LINES}; 2.3's auth process logs none of these). Each doveadm
 * command is one connection: {@code auth test} to auth-client, {@code auth login} to auth-login
 * and then auth-master, lookups to auth-userdb; the worker connection lives as long as the worker.
 * File descriptors are the lowest free ones from 18 up: a plain config's auth process holds 0-17
 * (seen on 2.4.1, case 339: clients 18, the worker 19, a login's master 20).
 */
final class AuthConnections {
    private static final int FIRST_FREE_FD = 18;
    /** The worker's side of its connection (seen: 2.3.19 fd=13, 2.4.1 fd=12, 2.4.5 fd=8). */
    private static final int WORKER_SIDE_FD_23 = 13;
    private static final int WORKER_SIDE_FD_24 = 12;
    private static final int WORKER_SIDE_FD_245 = 8;

    private final AuthSettings settings;
    private final DovecotEvent process;
    private final BitSet fds = new BitSet();
    /** auth-client-connection.c {@code connect_uid_counter}: auth-client and auth-login connections. */
    private int clientIds;
    private int workerFd = -1;

    AuthConnections(AuthSettings settings, DovecotEvent process) {
        this.settings = settings;
        this.process = process;
    }

    org.dovelua.version.DovecotVersion version() {
        return settings.version;
    }

    private boolean logged() {
        return settings.version.has(Since.CONNECTION_DEBUG_LINES);
    }

    private int openFd() {
        // 2.4.3's auth-token listener holds one more fd (Since.AUTH_TOKEN_LISTENER)
        int fd = fds.nextClearBit(FIRST_FREE_FD + (settings.version.has(Since.AUTH_TOKEN_LISTENER) ? 1 : 0));
        fds.set(fd);
        return fd;
    }

    /**
     * The same table for the auth process's lib-http connections (db-oauth2's client): a connection
     * kept idle holds its fd, so later connections get the next one (seen on 2.4.1, case 482: the
     * client's connection 19, a login's master then 20).
     */
    org.dovelua.lua.http.SocketFds socketFds() {
        return new org.dovelua.lua.http.SocketFds() {
            @Override
            public int open() {
                return openFd();
            }

            @Override
            public void close(int fd) {
                fds.clear(fd);
            }
        };
    }

    /** One doveadm connection: its log prefix (empty before 2.4) and its fd. */
    final class Connection {
        private final String prefix;
        private final int fd;
        private final boolean master;

        private boolean authOnly = true;

        private Connection(String prefix, int fd, boolean master) {
            this.prefix = prefix;
            this.fd = fd;
            this.master = master;
        }

        /** auth-client-connection.c: only the auth-login listener's requests go on to a master login. */
        boolean authOnly() {
            return authOnly;
        }

        /**
         * An error on a master connection (auth-master-connection.c's event): 2.4's connection prefix,
         * then {@code auth-master client: }, and the connection's age (auth_master_event_log_callback).
         */
        void error(String message) {
            process.logPlain(org.dovelua.lua.dovecot.LogLevel.ERROR, prefix + "auth-master client: " + message
                    + " (created 0 msecs ago, handshake 0 msecs ago)");
        }

        /** The prefix a line logged through this connection's event carries. */
        String prefix() {
            return prefix;
        }

        /**
         * {@code connection_disconnect()}; auth-master-connection.c's log callback adds the
         * connection's age ({@code auth_master_event_log_callback}).
         */
        void close() {
            fds.clear(fd);
            if (logged()) {
                // connection_disconnect_reason(): "EOF" for an accepted connection since 2.4.3
                String closed = "Disconnected: " + (settings.version.has(Since.SERVER_CONNECTION_EOF) ? "EOF"
                        : "Connection closed") + " (fd=" + fd + ")";
                process.debug(prefix + (master ? "auth-master client: " + closed
                        + " (created 0 msecs ago, handshake 0 msecs ago)" : closed));
            }
        }
    }

    /** A client connection to {@code socket} (auth-client, auth-login): named by the listener, numbered. */
    Connection client(String socket) {
        int fd = openFd();
        int id = ++clientIds;
        Connection c = new Connection(logged() ? "conn unix:" + socket + " (pid=0,uid=0) [" + id + "]: " : "", fd, false);
        c.authOnly = !socket.equals("auth-login");
        if (!logged()) {
            return c;
        }
        process.debug(c.prefix + "Server accepted connection (fd=" + fd + ")");
        return c;
    }

    /** A master connection to the socket {@code name} in base_dir (auth-userdb, auth-master): named by its path. */
    Connection master(String name) {
        int fd = openFd();
        if (!logged()) {
            return new Connection("", fd, true);
        }
        Connection c = new Connection("conn unix:" + settings.baseDir + "/" + name + " (pid=0,uid=0): ", fd, true);
        process.debug(c.prefix + "Server accepted connection (fd=" + fd + ")");
        return c;
    }

    /**
     * The auth process connects to a new worker (auth-worker-connection.c); the worker's own
     * lines come between the handshake and its process limit. Returns the worker side's fd.
     */
    int workerConnecting(long workerPid, long workerUid) {
        workerFd = openFd();
        if (logged()) {
            String conn = "conn unix:auth-worker (pid=" + workerPid + ",uid=" + workerUid + "): ";
            process.debug("conn unix:auth-worker: Connecting");
            process.debug(conn + "Client connected (fd=" + workerFd + ")");
            process.debug(conn + "Sending version handshake");
        }
        if (!logged()) {
            return WORKER_SIDE_FD_23;
        }
        return settings.version.has(Since.WORKER_ACCEPTS_ON_FD_8) ? WORKER_SIDE_FD_245 : WORKER_SIDE_FD_24;
    }

    /** The worker's handshake: auth-worker-server.c sends its service's process_limit. */
    void workerHandshake() {
        if (logged()) {
            process.debug("auth-worker: Worker sent process limit '" + settings.workerProcessLimit + "'");
        }
    }

    /** The auth process sees the worker close its connection ({@code connection_deinit()}'s line). */
    void workerClosed() {
        if (logged() && workerFd >= 0) {
            process.debug("auth-worker: Disconnected: Connection closed (fd=" + workerFd + ")");
        }
    }

    /** The worker is gone; its connection's fd is free again. */
    void workerGone() {
        if (workerFd >= 0) {
            fds.clear(workerFd);
            workerFd = -1;
        }
    }
}
