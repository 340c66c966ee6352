package org.dovelua.lua.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The debug lines lib-http logs for a {@code dovecot.http} request (src/lib-http/http-client-host.c,
 * -peer.c, -connection.c, -queue.c, -request.c), from a model of its hosts, shared peers and
 * connections: the connection a request goes over is the one lib-http would use (an idle one to the
 * same address and port, else a new one), whatever OkHttp's pool did. Hosts live for one auth
 * request (their 100 ms idle timer fires before the next doveadm command); connections stay idle
 * for the next. Modelled paths, each as real 2.3.19 and 2.4.1 log it (cases 390, 391): a response,
 * a connection lost after the request was sent, a refused connection, to a literal IP address over
 * plain HTTP. Requests on other paths (time-outs, retries, redirects, host names, TLS) log no
 * lib-http lines (docs/lua-compatibility.md).
 */
final class LibHttpTrace {
    /** Seen: the first lib-http socket of an auth worker (2.3.19 fd 14, 2.4.1 fd 13). */
    private static final int FIRST_FD_23 = 14;
    private static final int FIRST_FD_24 = 13;

    /** How a request ended, as far as the trace tells them apart. */
    enum Outcome { RESPONSE, CONNECTION_LOST, CONNECTION_REFUSED }

    private final boolean v24;
    private final Consumer<String> debug;
    private int connections;
    /** Open connections' fds: the lowest free from the first, as the worker opens them. */
    private final Map<Integer, Integer> fds = new HashMap<>();
    /** Shared peers by {@code address:port}: their idle connection ids (lib-http's peer pool). */
    private final Map<String, List<Integer>> peers = new HashMap<>();
    /** 2.4's per-client peers: {@code client/address:port}. */
    private final Set<String> clientPeers = new HashSet<>();
    /** What the ioloop logs once the auth request is answered, in order, by host. */
    private final Map<String, List<String>> idleLines = new LinkedHashMap<>();
    private final List<String> afterHosts = new ArrayList<>();

    LibHttpTrace(boolean v24, Consumer<String> debug) {
        this.v24 = v24;
        this.debug = debug;
    }


    /** Whether lib-http's lines for {@code host} and {@code scheme} are modelled. */
    static boolean traced(String scheme, String host) {
        return "http".equals(scheme) && isIpLiteral(host);
    }

    /** An IPv4 or (OkHttp's bracketless) IPv6 literal: lib-http looks no such host up. */
    static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    /**
     * Logs one request's lines: {@code client} is 2.4's client id, {@code reason} the status text
     * the script sees, {@code payload} whether dlua read a payload.
     */
    void request(int client, int number, String method, String url, String host, String peer, Outcome outcome,
            int status, String reason, long tookMillis, boolean payload) {
        String req = "[Req" + number + ": " + method + " " + url + "]";
        String c = "http-client[" + client + "]: ";
        String queue = c + "queue http://" + peer + ": ";
        String cpeer = c + "peer " + peer + ": ";
        if (!idleLines.containsKey(host)) {
            log("http-client: host " + host + ": Host created");
            log("http-client: host " + host + ": Host session created");
            idleLines.put(host, new ArrayList<>());
        }
        List<Integer> idle = peers.get(peer);
        if (idle == null) {
            idle = new ArrayList<>();
            peers.put(peer, idle);
            log("http-client: peer " + peer + " (shared): Peer created");
            log("http-client: peer " + peer + ": Peer pool created");
        } else {
            log("http-client: peer " + peer + " (shared): Peer reused");
        }
        if (v24 && clientPeers.add(client + "/" + peer)) {
            log(cpeer + "Peer created");
        }
        boolean fresh = idle.isEmpty();
        int id = fresh ? ++connections : idle.remove(0);
        if (fresh) {
            int fd = v24 ? FIRST_FD_24 : FIRST_FD_23;
            while (fds.containsValue(fd)) {
                fd++;
            }
            fds.put(id, fd);
        }
        int fd = fds.get(id);
        String conn = "http-client: conn " + peer + " [" + id + "]: ";
        if (v24) {
            log(queue + "Setting up connection to " + peer + " (1 requests pending)");
            log(cpeer + "Linked queue http://" + peer + " (1 queues linked)");
            if (fresh) {
                log(queue + "Started new connection to " + peer);
            }
            log(c + "request " + req + ": Submitted (requests left=1)");
            log(c + "Waiting for 1 requests to finish");
        }
        if (fresh) {
            if (v24) {
                log(cpeer + "Creating 1 new connections to handle requests (already 0 usable, connecting to 0,"
                        + " closing 0)");
                log(cpeer + "Making new connection 1 of 1 (0 connections exist, 0 pending)");
            }
            log(conn + "Connecting");
            log(conn + "Waiting for connect (fd=" + fd + ") to finish for max 0 msecs");
            log(conn + "HTTP connection created (1 parallel connections exist)");
            if (outcome == Outcome.CONNECTION_REFUSED) {
                fds.remove(id);
                refused(host, peer, conn, c, queue, cpeer, req, reason, fd);
                return;
            }
            log(conn + "Client connected (fd=" + fd + ")");
            log(conn + "Connected");
            log(conn + "Ready for requests");
            if (v24) {
                log(cpeer + "Successfully connected (1 connections exist, 0 pending)");
            }
            log("http-client: peer " + peer + ": Successfully connected (1 connections exist, 0 pending)");
        }
        if (v24) {
            log(cpeer + "Using 1 idle connections to handle 1 requests (1 total connections ready)");
            log(queue + "Connection to peer " + peer + " claimed request " + req + " ");
        }
        log(conn + "Claimed request " + req);
        if (v24) {
            log(c + "request " + req + ": Sent header");
            log(cpeer + "No more requests to service for this peer (1 connections exist, 0 pending)");
        }
        if (outcome == Outcome.CONNECTION_LOST) {
            fds.remove(id);
            lost(host, peer, conn, c, queue, cpeer, req, reason, fd, client);
            return;
        }
        String took = " (took " + tookMillis + " ms + 0 ms in queue)";
        log(v24 ? c + "request " + req + ": Got " + status + " response: " + reason + took
                : conn + "Got " + status + " response for request " + req + ": " + reason + took);
        if (payload) {
            log("DEBUG: REQUEST: Finished"); // dlua-dovecot-http.c dlua_http_response_input_payload
        }
        log(conn + "Response payload stream destroyed (0 ms after initial response)");
        if (v24) {
            log(c + "request " + req + ": Finished");
            log(queue + "Dropping request " + req);
        }
        log("http-client: host " + host + ": Host is idle (timeout = 100 msecs)");
        if (v24) {
            log(c + "request " + req + ": Free (requests left=1)");
            log(c + "All requests finished");
            idleLines.get(host).add(cpeer + "No requests to service for this peer (1 connections exist, 0 pending)");
        }
        idleLines.get(host).add(conn + "No more requests queued; going idle");
        idle.add(id);
        if (v24) {
            afterHosts.add(queue + "Destroy");
            afterHosts.add(cpeer + "Unlinked queue http://" + peer + " (0 queues linked)");
        }
    }

    private void lost(String host, String peer, String conn, String c, String queue, String cpeer, String req,
            String reason, int fd, int client) {
        log(conn + "Aborting connection with temporary error: " + reason);
        log(conn + "Connection disconnect");
        log(conn + "Disconnected: Connection closed (fd=" + fd + ")");
        log(conn + "Detached peer");
        if (v24) {
            log(cpeer + "Lost a connection (1 queues linked, 0 connections left, 0 connections pending,"
                    + " 0 requests pending, 0 requests urgent)");
        }
        log(conn + "Retrying pending requests");
        failed(host, c, queue, req, HttpClientLib.STATUS_CONNECTION_LOST + " " + reason);
        log(conn + "Connection close");
        log(conn + "Connection destroy");
        if (v24) {
            log(c + "All requests finished");
        }
        // the peer has no connection left: it goes with the ioloop's next turn
        List<String> end = idleLines.get(host);
        if (v24) {
            end.add(cpeer + "No requests to service for this peer (0 connections exist, 0 pending)");
            end.add(cpeer + "Dropping peer now");
            end.add(cpeer + "Peer close");
            end.add(cpeer + "Peer disconnect");
            end.add(cpeer + "Peer destroy");
            clientPeers.remove(client + "/" + peer);
            afterHosts.add(queue + "Destroy");
        }
        end.add("http-client: peer " + peer + ": Peer pool destroy");
        end.add("http-client: peer " + peer + " (shared): Peer destroy");
        peers.remove(peer);
    }

    private void refused(String host, String peer, String conn, String c, String queue, String cpeer, String req,
            String reason, int fd) {
        log(conn + "Client connection failed (fd=" + fd + ")");
        if (v24) {
            log(cpeer + "Connection failed (1 connections exist, 0 pending)");
        }
        log("http-client: peer " + peer + ": Failed to make connection (1 connections exist, 0 pending)");
        if (v24) {
            log(cpeer + "Failed to establish any connection within our peer pool: " + reason
                    + " (1 connections exist, 0 pending)");
            log(queue + "Failed to set up connection to " + peer + ": " + reason + " (1 peers pending, 1 requests pending)");
            log(cpeer + "Unlinked queue http://" + peer + " (0 queues linked)");
            log(queue + "Failed to set up any connection; failing all queued requests");
        }
        failed(host, c, queue, req, HttpClientLib.STATUS_CONNECT_FAILED + " " + reason);
        log(conn + "Connection close");
        log(conn + "Connection disconnect");
        // 2.3's connection says connect() without the address (http-client-connection.c)
        log(conn + "Disconnected: " + (v24 ? reason : "connect() failed: Connection refused") + " (fd=" + fd + ")");
        log(conn + "Detached peer");
        log(conn + "Connection destroy");
        if (v24) {
            log(c + "All requests finished");
            afterHosts.add(queue + "Destroy");
        }
    }

    /** A request failed before a response: its error, then the host goes idle. */
    private void failed(String host, String c, String queue, String req, String error) {
        if (v24) {
            log(c + "request " + req + ": Error: " + error);
            log(queue + "Dropping request " + req);
        }
        log("http-client: host " + host + ": Host is idle (timeout = 100 msecs)");
        if (v24) {
            log(c + "request " + req + ": Destroy (requests left=1)");
            log(c + "request " + req + ": Free (requests left=0)");
        }
    }

    /**
     * The auth request was answered: the ioloop turns, connections go idle, and the hosts' 100 ms
     * idle timers fire (well before the next doveadm command).
     */
    void idle() {
        for (Map.Entry<String, List<String>> e : idleLines.entrySet()) {
            e.getValue().forEach(this::log);
            log("http-client: host " + e.getKey() + ": Idle host timed out");
            log("http-client: host " + e.getKey() + ": Host destroy");
            log("http-client: host " + e.getKey() + ": Host session destroy");
        }
        idleLines.clear();
        afterHosts.forEach(this::log);
        afterHosts.clear();
    }

    private void log(String line) {
        debug.accept(line);
    }
}
