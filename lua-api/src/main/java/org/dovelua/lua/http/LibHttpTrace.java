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
 * -peer.c, -connection.c, -queue.c, -request.c), from a model of its hosts, shared peers, per-client
 * peers and connections: the connection a request goes over is the one lib-http would use (an idle
 * one to the same address and port, else a new one), whatever OkHttp's pool did. Hosts live for one
 * auth request (their 100 ms idle timer fires before the next doveadm command); connections stay
 * idle for the next. A request is {@link #begin begun} once and then makes one {@link #attempt} per
 * connection it goes over. Modelled paths, each as real 2.3.19 and 2.4.1 log it, to a literal IP
 * address over plain HTTP: a response, a connection lost after the request was sent, a refused
 * connection (cases 390, 391), a request timeout (460, 461), a lost connection retried on a new one
 * (462, 463: with the peer's connect backoff when the lost connection had read nothing), redirects
 * followed on the same connection, past the limit or refused (464, 465), and a client's first request
 * claiming another client's idle connection (465), a host name looked up over the dns-client socket
 * (466, 467), an https connection refused before any TLS handshake (468, 469), an absolute request
 * timeout (500, 501: the connection stays busy; its late answer, which real Dovecot logs whenever it
 * comes, is not followed), a connect timeout (502, 503) and a redirect to another host (looked up,
 * claiming the peer's idle connection) or port (a new peer) ({@link #moved}, 504, 505), and a TLS
 * connection to an address that is answered or refuses the certificate, with lib-ssl-iostream's lines
 * ({@link #handshake}; 506-508). Not modelled, so logged without lib-http lines: any other end of a
 * TLS connection (it still takes its number and fd, {@link #untracedTls}). Which fd a socket gets is
 * {@link WorkerFds}'. The auth process's C clients (db-oauth2's, case 482) use the same model
 * {@link #callbacksInResponse}: a response to an address over plain HTTP, not waited for.
 */
final class LibHttpTrace {
    /** How one attempt ended, as far as the trace tells them apart. */
    enum Outcome {
        RESPONSE, CONNECTION_LOST, CONNECTION_REFUSED, TIMED_OUT,
        /** connect_timeout passed before the peer answered the connect (cases 502, 503). */
        CONNECT_TIMED_OUT,
        /** request_absolute_timeout passed: the request fails, its connection stays busy (cases 500, 501). */
        ABSOLUTE_TIMEOUT,
        /** 2.3: the server's certificate was not trusted, the TLS handshake failed (case 506). */
        TLS_FAILED
    }

    /** What the request does after an attempt. */
    enum Next {
        /** The script gets this attempt's result. */
        DONE,
        /** The lost connection's request is sent again on a new one (max_attempts). */
        RETRY,
        /** The 3xx response is followed to {@code detail} (http_client_request_redirect). */
        REDIRECT,
        /** The 3xx response fails the request with {@code detail}, e.g. {@code 9004 Redirect refused}. */
        REDIRECT_ERROR
    }

    /** One submitted request: its number, first label (2.4's request event keeps it) and place. */
    static final class Request {
        final int client;
        final String label0;
        final String method;
        /** The host, peer and queue the request is in: a redirect to another host or port moves it ({@link #moved}). */
        String host;
        String peer;
        /** The host the request was submitted to: its ioloop lines hold the connections' idle lines. */
        final String firstHost;
        final int number;
        /** The host's queue, {@code http://host:port} (-queue.c), named after the URL's host. */
        String queueUrl;
        /** After a redirect to another queue: the queue and peer it left (null: none). */
        String leftQueue;
        String leftPeer;
        /** The left connection's lines for the ioloop's next turn, where it goes idle. */
        final List<String> leftIdle = new ArrayList<>();
        /** 2.4's "Submitted" lines were logged already (while the host name was looked up). */
        boolean submitted;
        /** The dns-client connection's last lines, logged once the connection to the peer is set up. */
        final List<String> afterLookup = new ArrayList<>();
        int redirects;
        int retries;
        /** The next attempt follows a redirect (on the connection that answered) or a retry. */
        Next previous = Next.DONE;
        int connection;
        /** The payload's size ({@code Send more}; 0: none or sent after 100-continue) and the header block's. */
        int payloadBytes;
        int headBytes;
        /** The client's max_idle_time_msecs (0: none), which the idle connection's line shows. */
        long idleMsecs;

        /** What the request sends: its payload's size (0: none) and the size of its request line and headers. */
        void sends(int payloadBytes, int headBytes) {
            this.payloadBytes = payloadBytes;
            this.headBytes = headBytes;
        }

        /**
         * The client's SSL context ({@code client->ssl_ctx}, null until its first https request), which
         * picks the shared peer's pool (http-client-peer.c http_client_peer_pool_get).
         */
        String sslContext;
        /** The handshake a new TLS connection for the next attempt has (the server's last; null: none). */
        TlsHandshake tls;

        private Request(int client, int number, String method, String url, String host, String peer,
                String queueUrl) {
            this.client = client;
            this.queueUrl = queueUrl;
            this.number = number;
            this.method = method;
            this.label0 = label(number, method, url);
            this.host = host;
            this.firstHost = host;
            this.peer = peer;
        }
    }

    private final boolean v24;
    private final Consumer<String> debug;
    /** The process's Info lines (lib-ssl-iostream's certificate error on 2.3); none by default. */
    private Consumer<String> info = line -> { };
    private int connections;
    /** The process's fd table: which number each socket gets (the worker's unless {@link #fds(SocketFds)}). */
    private SocketFds fds;
    /**
     * The C code's clients in the auth process (db-oauth2's): no http_client_wait (no ioloop of its
     * own, no "Waiting"/"All requests finished"), and the request's callback runs inside the
     * response, so its last lines wait for the callback's return ({@link #callbackReturned}).
     */
    private boolean callbackInResponse;
    /** Clients whose own event does not debug: their {@code http-client[N]: } lines are not logged. */
    private final Set<Integer> quietClients = new HashSet<>();
    /** Per client: its requests not freed yet (http-client.c {@code client->requests_count}). */
    private final Map<Integer, Integer> requestsLeft = new HashMap<>();
    /** {@code client/queue} set up while its host lives (callbackInResponse: the next request uses its peer). */
    private final Set<String> liveQueues = new HashSet<>();
    /** A response's last lines, logged once its callback returns (callbackInResponse), and its request. */
    private Runnable pendingEnd;
    private Request pendingRequest;
    /** Open connections' fds, by connection id. */
    private final Map<Integer, Integer> connFds = new HashMap<>();
    /** Open connections' peers ({@code address:port}), by connection id: the peer pool's connections. */
    private final Map<Integer, String> connPeers = new HashMap<>();
    /** The epoll fd of the ioloop {@code http_client_wait} runs the current request in (-1: none). */
    private int waitFd = -1;
    /** Connections that have read a response: losing one that has not is "premature" (-connection.c). */
    private final Set<Integer> served = new HashSet<>();
    /** The client whose peer a connection belongs to. */
    private final Map<Integer, Integer> owners = new HashMap<>();
    /** Shared peers, by {@code address:port}. */
    private final Set<String> sharedPeers = new HashSet<>();
    /**
     * Their pools, by {@code address:port} and SSL context ({@link #poolKey}): the pools' idle
     * connection ids (a pool's connections serve only clients with its SSL context).
     */
    private final Map<String, List<Integer>> pools = new HashMap<>();
    /**
     * Shared peers whose last connection failed, with when (nanoTime) and the backoff then set
     * (http-client-peer.c http_client_peer_shared_connection_failure; a success clears it).
     */
    private final Map<String, long[]> failures = new HashMap<>();
    /** lib-http's connect backoff: connect_backoff_time_msecs, doubled per failure up to connect_backoff_max_time_msecs. */
    private static final long BACKOFF_INITIAL_MSECS = 100;
    private static final long BACKOFF_MAX_MSECS = 60000;
    /** An address's host idle timeout (http-client-host.c HTTP_CLIENT_HOST_MINIMUM_IDLE_TIMEOUT_MSECS). */
    private static final long HOST_IDLE_MSECS = 100;
    /** The ioloop's time, in nanoseconds, that backoffs are measured by. */
    java.util.function.LongSupplier clock = System::nanoTime;
    /** New TLS 1.3 connections whose first read, with the server's session ticket, is still to come. */
    private final Map<Integer, TlsHandshake> ticketPending = new HashMap<>();
    /** 2.4: lib-ssl-iostream's debug lines on the connection (OpenSSL's states, its errors); 2.3: the Info line. */
    private boolean sslDebug;
    /** A failed handshake is shut down, logging OpenSSL's close-notify alert (before 2.4.2). */
    private boolean sslShutdownFailed;
    /** Per-client peers: {@code client/address:port} (2.4 logs them; 2.3 only their pools' reuse). */
    private final Set<String> clientPeers = new HashSet<>();
    /** What the ioloop logs once the auth request is answered, in order, by host. */
    private final Map<String, List<String>> idleLines = new LinkedHashMap<>();
    private final List<String> afterHosts = new ArrayList<>();
    /** Looked-up host names alive (their IPs' TTL outlives a doveadm command), by when they were looked up. */
    private final Map<String, Long> namedHosts = new HashMap<>();
    /** 2.4's queues of those hosts ({@code client/queue}), with their peers: they live as long as their host. */
    private final Map<String, String> namedQueues = new HashMap<>();
    /** {@code unix:PATH} of the dns-client socket lib-http looks host names up with (null: names not traced). */
    private String dnsSocket;
    /** lib-http's default TTL of a host's looked-up IPs (HTTP_CLIENT_DEFAULT_DNS_TTL_MSECS, http-client.h). */
    static final long DNS_TTL_MSECS = 30 * 60 * 1000;
    /** http-client-queue.c's {@code t_strflocaltime("%Y-%m-%d %H:%M:%S", ...)} and the milliseconds. */
    private static final java.time.format.DateTimeFormatter QUEUE_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    /** What a host name's lookup gave: the IPs' count, or lib-dns's error text. */
    record Lookup(int ips, String error) {
    }

    LibHttpTrace(boolean v24, Consumer<String> debug) {
        this.v24 = v24;
        this.debug = debug;
        this.fds = new WorkerFds(v24);
    }


    /**
     * Host names are looked up over the dns-client service's socket: dlua's client settings name
     * {@code dns-client} (2.3.19 dlua-dovecot-http.c), which 2.4 logs under base_dir (seen: both
     * connect to the socket, cases 466, 467).
     */
    void dnsClientSocket(String path) {
        this.dnsSocket = path;
    }

    /** The process's fd table the connections take their numbers from. */
    LibHttpTrace fds(SocketFds table) {
        this.fds = table;
        return this;
    }

    /** The C code's clients of the auth process ({@link #callbackInResponse}). */
    LibHttpTrace callbacksInResponse() {
        this.callbackInResponse = true;
        return this;
    }

    /**
     * A client whose event does not debug: lib-http's lines on the client's, its queues', peers' and
     * requests' events are not logged; the shared context's (hosts, shared peers, connections) are
     * when any client debugs (http-client.c http_client_context_update_settings).
     */
    void quietClient(int client) {
        quietClients.add(client);
    }

    /** Whether this is the auth process's C clients' model ({@link #callbacksInResponse}). */
    boolean callbackInResponse() {
        return callbackInResponse;
    }

    /** Where the process's Info lines go. */
    LibHttpTrace info(Consumer<String> sink) {
        this.info = sink;
        return this;
    }

    /**
     * What lib-ssl-iostream logs for a TLS connection (iostream-openssl.c): {@code debug}, 2.4's
     * lines on the connection's event (OpenSSL's states, {@link OpenSslClientStates}, and its errors;
     * else 2.3's Info line for an untrusted certificate), and {@code shutdownFailed}, whether a failed
     * handshake is shut down with a close-notify alert (openssl_iostream_shutdown, before 2.4.2).
     */
    LibHttpTrace sslIostream(boolean debug, boolean shutdownFailed) {
        this.sslDebug = debug;
        this.sslShutdownFailed = shutdownFailed;
        return this;
    }

    /** A shared peer's pool for a client with {@code sslContext} (null: none yet). */
    private static String poolKey(String peer, String sslContext) {
        return peer + " " + (sslContext == null ? "-" : "ssl:" + sslContext);
    }

    /** The shared peer and its pools go (http_client_peer_shared_close). */
    private void dropSharedPeer(String peer) {
        sharedPeers.remove(peer);
        pools.keySet().removeIf(k -> k.startsWith(peer + " "));
        failures.remove(peer);
        clientPeers.removeIf(k -> k.endsWith("/" + peer));
    }

    /** Whether host names are traced (the dns-client socket is known). */
    boolean tracesNames() {
        return dnsSocket != null;
    }

    /** Whether lib-http's lines for {@code host} and {@code scheme} are modelled. */
    static boolean traced(String scheme, String host) {
        return "http".equals(scheme) && isIpLiteral(host);
    }

    /** An IPv4 or (OkHttp's bracketless) IPv6 literal: lib-http looks no such host up. */
    static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private static String label(int number, String method, String url) {
        return "[Req" + number + ": " + method + " " + url + "]";
    }

    /** One request to one host: what one attempt logs, for the callers that make a single one. */
    void request(int client, int number, String method, String url, String host, String peer, Outcome outcome,
            int status, String reason, long tookMillis, boolean payload) {
        Request r = begin(client, number, method, url, host, peer, "http://" + peer, null);
        attempt(r, url, outcome, status, reason, tookMillis, payload, Next.DONE, null);
    }

    /**
     * http_client_request_submit: the host, the shared peer and the client's peer are found or made;
     * a host name is first looked up ({@code lookup}, null for an IP address: http-client-host.c
     * http_client_host_shared_lookup, lib-dns's dns-lookup.c). A failed lookup fails the request
     * ({@link #lookupFailed}) and returns null.
     */
    Request begin(int client, int number, String method, String url, String host, String peer, String queueUrl,
            Lookup lookup) {
        return begin(client, number, method, url, host, peer, queueUrl, lookup, 0);
    }

    /**
     * As {@link #begin(int, int, String, String, String, String, String, Lookup)} for a client with
     * {@code request_absolute_timeout} ({@code absoluteMsecs}, 0: none): 2.4's queue logs the timer it
     * sets for the request (http-client-queue.c http_client_queue_set_request_timer, case 501).
     */
    Request begin(int client, int number, String method, String url, String host, String peer, String queueUrl,
            Lookup lookup, long absoluteMsecs) {
        return begin(client, number, method, url, host, peer, queueUrl, lookup, absoluteMsecs, null);
    }

    /**
     * As {@link #begin(int, int, String, String, String, String, String, Lookup, long)} for a client
     * with an SSL context ({@code sslContext}: what tells contexts apart, null: none yet), which picks
     * the shared peer's pool.
     */
    Request begin(int client, int number, String method, String url, String host, String peer, String queueUrl,
            Lookup lookup, long absoluteMsecs, String sslContext) {
        Request r = new Request(client, number, method, url, host, peer, queueUrl);
        r.sslContext = sslContext;
        endWait(); // a request whose lines stopped being modelled has had its wait end too
        if (pendingRequest != null && !pendingRequest.queueUrl.equals(queueUrl)) {
            // a callback's request to another queue: not seen, so its order is not modelled
            callbackReturned();
        }
        if (callbackInResponse) {
            requestsLeft.merge(client, 1, Integer::sum);
        }
        String h = "http-client: host " + host + ": ";
        // a looked-up host still alive has its queue and peer: none is looked for again
        boolean hostAlive = namedHosts.containsKey(host);
        if (!idleLines.containsKey(host)) {
            idleLines.put(host, new ArrayList<>());
            if (!namedHosts.containsKey(host)) {
                log(h + "Host created");
                log(h + "Host session created");
                if (lookup != null) {
                    long started = System.nanoTime();
                    // made in http_client_request_submit, before http_client_wait's ioloop
                    DnsConnection dns = dnsLookupStarted(h, host);
                    String conn = dns.prefix();
                    if (v24) {
                        log("http-client[" + client + "]: request " + r.label0 + ": Submitted (requests left=1)");
                        log("http-client[" + client + "]: Waiting for 1 requests to finish");
                        r.submitted = true;
                    }
                    long took = (System.nanoTime() - started) / 1_000_000;
                    // the wait's ioloop gets its epoll fd when the dns connection's io moves into it
                    // (http_client_wait -> dns_client_switch_ioloop); the connection closes before
                    // the peer's connection is made (its fd is then free for it: cases 466, 467)
                    waitFd = fds.open();
                    dnsClosed(r, dns);
                    if (lookup.error() != null) {
                        log(conn + "dns(" + host + "): Lookup failed after " + took + " msecs: " + lookup.error());
                        log(h + "DNS lookup failed: " + lookup.error());
                        lookupFailed(r, lookup.error());
                        return null;
                    }
                    log(conn + "dns(" + host + "): Lookup successful after " + took + " msecs");
                    log(h + "DNS lookup successful; got " + lookup.ips() + " IPs");
                    namedHosts.put(host, System.nanoTime());
                }
            }
        }
        if (waitFd < 0 && !callbackInResponse) {
            // http_client_wait's ioloop: its epoll fd is made by its first io or io_loop_run,
            // before the connection the queue's immediate timeout makes in it
            waitFd = fds.open();
        }
        if (absoluteMsecs > 0 && v24) {
            java.time.LocalDateTime now = java.time.LocalDateTime.now();
            log("http-client[" + client + "]: queue " + queueUrl + ": Set request timeout to "
                    + QUEUE_TIME.format(now.plusNanos(absoluteMsecs * 1_000_000)) + " (now: " + QUEUE_TIME.format(now) + ")");
        }
        if (hostAlive || liveQueues.contains(client + "/" + queueUrl)) {
            return r; // the queue has its peer (http_client_queue_connection_attempt: "Using existing connection")
        }
        peerFor(r, client, peer);
        return r;
    }

    /**
     * http_client_peer_get: the shared peer is found or made, and unless the client has its peer
     * there already, the pool for its SSL context (http_client_peer_pool_get: another client's with
     * the same context is reused, -peer.c), then the client's peer (2.4 logs it).
     */
    private void peerFor(Request r, int client, String peer) {
        if (sharedPeers.add(peer)) {
            log("http-client: peer " + peer + " (shared): Peer created");
        } else {
            log("http-client: peer " + peer + " (shared): Peer reused");
        }
        if (!clientPeers.contains(client + "/" + peer)) {
            if (pools.putIfAbsent(poolKey(peer, r.sslContext), new ArrayList<>()) == null) {
                log("http-client: peer " + peer + ": Peer pool created");
            } else {
                log("http-client: peer " + peer + ": Peer pool reused");
            }
        }
        if (clientPeers.add(client + "/" + peer) && v24) {
            log(cpeer(client, peer) + "Peer created");
        }
    }

    /** {@code http_client_queue}'s name: {@code scheme://host:port} (-queue.c, http_client_queue_create). */
    static String queueUrl(okhttp3.HttpUrl u) {
        return u.scheme() + "://" + (u.host().contains(":") ? "[" + u.host() + "]" : u.host()) + ":" + u.port();
    }

    /** One lookup's dns-client connection: its fd, and the prefix of its lines. */
    private record DnsConnection(int fd, String prefix) {
    }

    /**
     * dns-client's lines from a lookup's start to its version handshake (http-client-host.c
     * {@code http_client_host_shared_lookup}, dns-lookup.c, connection.c), taking the next free fd.
     */
    private DnsConnection dnsLookupStarted(String h, String host) {
        String dns = h + "conn unix:" + dnsSocket;
        log(h + "Need to perform DNS lookup");
        log(h + "Performing asynchronous DNS lookup");
        log(dns + ": dns(" + host + "): Lookup started");
        log(dns + ": Connecting");
        int fd = fds.open();
        // the dns-client service's process answers; dovelua has none, so its own pid stands in
        String conn = dns + " (pid=" + ProcessHandle.current().pid() + ",uid=0): ";
        log(conn + "Client connected (fd=" + fd + ")");
        log(conn + "Sending version handshake");
        return new DnsConnection(fd, conn);
    }

    /** The dns connection closes once answered; its lines come after the lookup's, on the request. */
    private void dnsClosed(Request r, DnsConnection dns) {
        fds.close(dns.fd());
        r.afterLookup.add(dns.prefix() + "Disconnected: Connection closed (fd=" + dns.fd() + ")");
        r.afterLookup.add(dns.prefix() + "Disconnect: deinit");
    }

    /**
     * A redirect to another queue (another host or port, http_client_request_redirect): the request
     * is submitted there as a new one (http_client_request_do_submit). A host name not looked up yet
     * is looked up over the dns-client socket in http_client_wait's ioloop, during which the left
     * connection goes idle (case 504, 505 run 1); then the target's shared and client peers are found
     * or made. The left queue goes with its host's idle timer, unlinking from its peer then. Returns
     * false where the move is not modelled (a failed lookup, a looked-up host still alive).
     */
    boolean moved(Request r, String host, String peer, String queueUrl, Lookup lookup) {
        if ((lookup != null && lookup.error() != null) || namedHosts.containsKey(host)) {
            return false;
        }
        String h = "http-client: host " + host + ": ";
        if (lookup != null) {
            long started = System.nanoTime();
            DnsConnection dns = dnsLookupStarted(h, host); // in the wait's ioloop, whose epoll fd is taken
            String conn = dns.prefix();
            leftGoesIdle(r);
            log(conn + "dns(" + host + "): Lookup successful after " + (System.nanoTime() - started) / 1_000_000
                    + " msecs");
            log(h + "DNS lookup successful; got " + lookup.ips() + " IPs");
            namedHosts.put(host, System.nanoTime());
            dnsClosed(r, dns);
        }
        if (v24 && !namedHosts.containsKey(r.host)) {
            // http_client_host_free -> http_client_queue_free -> http_client_peer_unlink_queue
            String c = "http-client[" + r.client + "]: ";
            int stays = namedQueuesOn(r.client, r.peer, r.queueUrl) + (lookup != null && peer.equals(r.peer) ? 1 : 0);
            afterHosts.add(c + "queue " + r.queueUrl + ": Destroy");
            afterHosts.add(cpeer(r.client, r.peer) + "Unlinked queue " + r.queueUrl + " (" + stays + " queues linked)");
        }
        r.host = host;
        r.peer = peer;
        r.queueUrl = queueUrl;
        idleLines.putIfAbsent(host, new ArrayList<>()); // its idle timer fires with the others'

        peerFor(r, r.client, peer);
        return true;
    }

    /** The left connection's idle lines, once the ioloop turns after a redirect to another queue. */
    private void leftGoesIdle(Request r) {
        r.leftIdle.forEach(this::log);
        r.leftIdle.clear();
    }

    /** The request fails with the lookup's error (http_client_host_lookup_failure); the host goes idle. */
    private void lookupFailed(Request r, String error) {
        String c = "http-client[" + r.client + "]: ";
        failed(r.host, c, c + "queue " + r.queueUrl + ": ", r.label0, r.label0, HttpClientLib.STATUS_HOST_LOOKUP_FAILED
                + " Failed to lookup host " + r.host + ": " + error);
        r.afterLookup.forEach(this::log);
        if (v24) {
            log(c + "All requests finished");
            afterHosts.add(c + "queue " + r.queueUrl + ": Destroy");
        }
    }

    /** Untraced TLS peers ({@code address:port}) with an idle connection, and those connections' fds. */
    private final Map<String, Integer> idleTls = new HashMap<>();

    /**
     * A request over TLS to an address whose lines are not modelled (a lost connection, or no
     * handshake seen): a new connection (none of the
     * peer's idle) takes the next connection number and, made in http_client_wait's ioloop, an fd
     * after that loop's epoll fd, which it keeps while idle ({@code kept}: it read a response); seen
     * in cases 506-508, where later plain connections are numbered and placed after it.
     */
    void untracedTls(String peer, boolean kept) {
        if (idleTls.containsKey(peer)) {
            if (!kept) {
                fds.close(idleTls.remove(peer));
            }
            return;
        }
        connections++;
        endWait();
        int wait = fds.open();
        int fd = fds.open();
        fds.close(wait);
        if (kept) {
            idleTls.put(peer, fd);
        } else {
            fds.close(fd);
        }
    }

    /** http_client_wait returns: its ioloop is destroyed, closing its epoll fd (ioloop.c io_loop_destroy). */
    private void endWait() {
        if (waitFd >= 0) {
            fds.close(waitFd);
            waitFd = -1;
        }
    }

    /**
     * http_client_host_shared_check_idle: what is left of a looked-up host's IPs' TTL, else (an IP
     * address, a failed lookup) the minimum of 100 msecs.
     */
    private String hostIdle(String host) {
        Long looked = namedHosts.get(host);
        long timeout = 100;
        if (looked != null) {
            timeout = Math.max(100, DNS_TTL_MSECS - (System.nanoTime() - looked) / 1_000_000);
        }
        return "http-client: host " + host + ": Host is idle (timeout = " + timeout + " msecs)";
    }

    private static String cpeer(int client, String peer) {
        return "http-client[" + client + "]: peer " + peer + ": ";
    }

    /**
     * One attempt of {@code r} to {@code url} (the request's current target): {@code reason} is the
     * status text the script would see, {@code payload} whether a payload was read, {@code detail}
     * the redirect's target URL or error (see {@link Next}).
     */
    void attempt(Request r, String url, Outcome outcome, int status, String reason, long tookMillis,
            boolean payload, Next next, String detail) {
        String req = label(r.number, r.method, url);
        String req0 = r.label0;
        String peer = r.peer;
        String host = r.host;
        String c = "http-client[" + r.client + "]: ";
        String queue = c + "queue " + r.queueUrl + ": ";
        String cpeer = cpeer(r.client, peer);
        // an https queue names its peer with the TLS server name (http_client_peer_addr2str, -peer.c)
        String peerAddr = r.queueUrl.startsWith("https:") ? peer + " (SSL=" + host + ")" : peer;
        List<Integer> idle = pools.computeIfAbsent(poolKey(peer, r.sslContext), k -> new ArrayList<>());
        boolean queueLives = namedQueues.containsKey(r.client + "/" + r.queueUrl)
                || liveQueues.contains(r.client + "/" + r.queueUrl);
        boolean retried = r.previous == Next.RETRY;
        // a redirect to another queue sets the request up there as a new one ({@link #moved})
        boolean redirected = r.previous == Next.REDIRECT && r.leftQueue == null;
        // the connection of a response whose callback submitted this request is idle once it returns
        boolean fresh = idle.isEmpty() && pendingRequest == null;
        if (v24 && (redirected || queueLives)) {
            log(queue + "Using existing connection to " + peerAddr + " (1 requests pending)");
        } else if (v24 && !retried) {
            log(queue + "Setting up connection to " + peerAddr + " (1 requests pending)");
            // the left queue, on the same peer, stays linked until the host's idle timer (case 505)
            int left = r.leftQueue != null && peer.equals(r.leftPeer)
                    && !namedQueues.containsKey(r.client + "/" + r.leftQueue) ? 1 : 0;
            log(cpeer + "Linked queue " + r.queueUrl + " (" + (1 + left + namedQueuesOn(r.client, peer, r.queueUrl))
                    + " queues linked)");
            if (fresh) {
                log(queue + "Started new connection to " + peerAddr);
            }
        }
        if (v24 && r.previous != Next.REDIRECT && !retried && !r.submitted) {
            log(c + "request " + req + ": Submitted (requests left=" + requestsLeft(r.client) + ")");
            if (!callbackInResponse) {
                log(c + "Waiting for 1 requests to finish");
            }
        }
        if (callbackInResponse) {
            liveQueues.add(r.client + "/" + r.queueUrl);
            // the callback that submitted this request returns: that response's last lines
            callbackReturned();
        }
        if (namedHosts.containsKey(host) && v24) {
            namedQueues.put(r.client + "/" + r.queueUrl, peer);
        }
        int id = fresh ? ++connections : idle.remove(0);
        Integer owner = owners.put(id, r.client);
        boolean claimedIdle = !fresh && owner != null && owner != r.client;
        if (fresh) {
            connFds.put(id, fds.open());
            connPeers.put(id, peer);
        }
        // the peer pool's connections, this one with them (-connection.c "%d parallel connections exist")
        long pooled = connPeers.values().stream().filter(peer::equals).count();
        int fd = connFds.get(id);
        String conn = "http-client: conn " + peer + " [" + id + "]: ";
        r.afterLookup.forEach(this::log);
        r.afterLookup.clear();
        r.leftQueue = null;
        if (claimedIdle) {
            // http_client_peer_pool's idle connection goes over to this client's peer (-peer.c, -connection.c)
            if (v24) {
                log(cpeer + "Creating 1 new connections to handle requests (already 0 usable, connecting to 0,"
                        + " closing 0)");
            }
            log(conn + "Claimed as idle");
            log(conn + "Detached peer");
            if (v24) {
                log(cpeer(owner, peer) + "Lost a connection (0 queues linked, 0 connections left, 0 connections"
                        + " pending, 0 requests pending, 0 requests urgent)");
                log(cpeer + "Claimed idle connection (1 connections exist, 0 pending)");
                log(cpeer + "Successfully connected (1 connections exist, 0 pending)");
            }
            log("http-client: peer " + peer + ": Successfully connected (1 connections exist, 0 pending)");
            if (v24) {
                // the other client's peer has no connection left: it goes with the ioloop's next turn,
                // which for a request not waited for comes before the claimed connection sends it
                String old = cpeer(owner, peer);
                List<String> drop = List.of(old + "Dropping peer now", old + "Peer close", old + "Peer disconnect",
                        old + "Peer destroy");
                if (callbackInResponse) {
                    drop.forEach(this::log);
                } else {
                    idleLines.get(r.firstHost).addAll(drop);
                }
                clientPeers.remove(owner + "/" + peer);
            }
        }
        if (fresh) {
            if (v24 && !retried) {
                log(cpeer + "Creating 1 new connections to handle requests (already 0 usable, connecting to 0,"
                        + " closing 0)");
            }
            backoff(peer);
            if (v24 && !retried) {
                log(cpeer + "Making new connection 1 of 1 (0 connections exist, 0 pending)");
            }
            log(conn + "Connecting");
            log(conn + "Waiting for connect (fd=" + fd + ") to finish for max 0 msecs");
            log(conn + (r.queueUrl.startsWith("https:") ? "HTTPS" : "HTTP")
                    + " connection created (" + pooled + " parallel connections exist)");
            leftGoesIdle(r); // the ioloop turns while the new connection connects (case 505)
            boolean tls = r.queueUrl.startsWith("https:");
            if (outcome == Outcome.CONNECTION_REFUSED || outcome == Outcome.CONNECT_TIMED_OUT) {
                fds.close(connFds.remove(id));
                connPeers.remove(id);
                owners.remove(id);
                refused(r, peerAddr, conn, c, queue, cpeer, req, req0, reason, fd,
                        outcome == Outcome.CONNECT_TIMED_OUT);
                return;
            }
            log(conn + "Client connected (fd=" + fd + ")");
            log(conn + "Connected");
            if (tls) {
                // http-client-connection.c http_client_connection_ssl_init / _ssl_handshaked (cases 506-508)
                log(conn + "Starting SSL handshake");
                String cert = outcome == Outcome.TLS_FAILED ? certificateError(reason) : null;
                handshake(r, conn, id, cert);
                if (outcome == Outcome.TLS_FAILED) {
                    fds.close(connFds.remove(id));
                    connPeers.remove(id);
                    owners.remove(id);
                    tlsFailed(r, peerAddr, conn, c, queue, cpeer, req, req0, reason, cert, fd);
                    return;
                }
                log(conn + "SSL handshake successful");
            }
            log(conn + "Ready for requests");
            failures.remove(peer); // http_client_peer_shared_connection_success
            if (v24) {
                log(cpeer + "Successfully connected (1 connections exist, 0 pending)");
            }
            log("http-client: peer " + peer + ": Successfully connected (" + pooled + " connections exist, 0 pending)");
        }
        leftGoesIdle(r);
        if (v24) {
            log(cpeer + "Using 1 idle connections to handle 1 requests (1 total connections ready)");
            log(queue + "Connection to peer " + peer + " claimed request " + req + " ");
        }
        log(conn + "Claimed request " + req);
        if (v24) {
            log(c + "request " + req0 + ": Sent header");
            if (r.payloadBytes > 0) {
                // http_client_request_send_more: the payload joins the header in the corked output
                // (a payload within one IO_BLOCK_SIZE is sent at once)
                log(c + "request " + req0 + ": Send more (sent " + r.payloadBytes + ", buffered="
                        + (r.headBytes + r.payloadBytes) + ")");
                log(c + "request " + req0 + ": Finished sending payload");
            }
            log(cpeer + "No more requests to service for this peer (1 connections exist, 0 pending)");
        }
        TlsHandshake ticket = ticketPending.remove(id);
        if (ticket != null) {
            // the connection's first read: TLS 1.3's session ticket, read before the response (case 507)
            String ssl = conn + r.host + ": ";
            OpenSslClientStates.firstRead(ticket).forEach(l -> log(ssl + l));
        }
        r.previous = next;
        if (outcome == Outcome.CONNECTION_LOST || outcome == Outcome.TIMED_OUT) {
            boolean premature = outcome == Outcome.CONNECTION_LOST && !served.contains(id);
            fds.close(connFds.remove(id));
            connPeers.remove(id);
            owners.remove(id);
            served.remove(id);
            lost(r, conn, c, queue, cpeer, req, req0, reason, fd, premature, outcome == Outcome.TIMED_OUT,
                    next == Next.RETRY);
            return;
        }
        if (outcome == Outcome.ABSOLUTE_TIMEOUT) {
            absoluteTimeout(r, c, queue, cpeer, req, req0, reason);
            return;
        }
        served.add(id);
        String took = " (took " + tookMillis + " ms + 0 ms in queue)";
        log(v24 ? c + "request " + req0 + ": Got " + status + " response: " + reason + took
                : conn + "Got " + status + " response for request " + req + ": " + reason + took);
        if (next == Next.REDIRECT) {
            r.redirects++;
            if (v24) {
                // "Redirecting to %s%s": the new origin URL (with its path) and then its target again
                log(c + "request " + req0 + ": Redirecting to " + detail + target(detail) + " (redirects="
                        + r.redirects + ")");
            }
            okhttp3.HttpUrl to = okhttp3.HttpUrl.parse(detail);
            String toQueue = to == null ? r.queueUrl : queueUrl(to);
            boolean away = !toQueue.equals(r.queueUrl);
            if (away && !to.host().equals(host) && !idleLines.containsKey(to.host())
                    && !namedHosts.containsKey(to.host())) {
                // http_client_request_redirect -> http_client_request_do_submit: the target's host is
                // found or made (http_client_host_get) before the old queue drops the request (cases 504, 505)
                log("http-client: host " + to.host() + ": Host created");
                log("http-client: host " + to.host() + ": Host session created");
            }
            if (v24) {
                log(queue + "Dropping request " + label(r.number, r.method, detail));
            }
            log(hostIdle(host));
            idle.add(0, id);
            if (away) {
                r.leftQueue = r.queueUrl;
                r.leftPeer = peer;
                // the answering connection has nothing left to do: with the ioloop's next turn it goes
                // idle (http_client_connection_check_idle) while the request waits in its new queue
                if (v24) {
                    r.leftIdle.add(cpeer + "No requests to service for this peer (1 connections exist, 0 pending)");
                }
                r.leftIdle.add(conn + "No more requests queued; going idle");
                if (v24) {
                    r.leftIdle.add(c + "Waiting for 1 requests to finish");
                }
            }
            return;
        }
        if (next == Next.REDIRECT_ERROR) {
            idle.add(id);
            failed(host, c, queue, req, req0, detail);
            if (v24) {
                log(c + "All requests finished");
            }
            goIdle(r, conn, queue, cpeer);
            return;
        }
        if (callbackInResponse) {
            // the callback runs now (the caller's lines), its response's end once it returns
            pendingRequest = r;
            pendingEnd = () -> responseEnd(r, id, conn, queue, cpeer, req, payload);
            return;
        }
        responseEnd(r, id, conn, queue, cpeer, req, payload);
    }

    /**
     * A response's end once its callback returned (http-client-request.c http_client_request_finish,
     * -queue.c http_client_queue_drop_request, http_client_request_unref; -connection.c
     * http_client_connection_check_idle): without a request left in the queue the host goes idle,
     * and without one for the peer its connection does.
     */
    private void responseEnd(Request r, int id, String conn, String queue, String cpeer, String req, boolean payload) {
        String c = "http-client[" + r.client + "]: ";
        String req0 = r.label0;
        // a request the callback submitted to this queue is waiting for the connection
        boolean queued = callbackInResponse && requestsLeft(r.client) > 1;
        if (payload) {
            if (!callbackInResponse) {
                log("DEBUG: REQUEST: Finished"); // dlua-dovecot-http.c dlua_http_response_input_payload
            }
            log(conn + "Response payload stream destroyed (0 ms after initial response)");
        }
        if (v24) {
            log(c + "request " + req0 + ": Finished");
            log(queue + "Dropping request " + req);
        }
        if (!queued) {
            log(hostIdle(r.host));
        }
        endWait();
        if (v24) {
            log(c + "request " + req0 + ": Free (requests left=" + requestsLeft(r.client) + ")");
            if (!callbackInResponse) {
                log(c + "All requests finished");
            }
        }
        if (callbackInResponse) {
            requestsLeft.merge(r.client, -1, Integer::sum);
        }
        pools.get(poolKey(r.peer, r.sslContext)).add(id);
        if (!queued) {
            goIdle(r, conn, queue, cpeer);
        }
    }

    /** The client's requests not freed yet, this one with them: one at a time when each is waited for. */
    private int requestsLeft(int client) {
        return callbackInResponse ? requestsLeft.getOrDefault(client, 1) : 1;
    }

    /**
     * The callback of the response whose end is pending returned (the auth request it answered is
     * done, or it submitted the next request): that end's lines ({@link #callbacksInResponse}).
     */
    void callbackReturned() {
        Runnable end = pendingEnd;
        pendingEnd = null;
        pendingRequest = null;
        if (end != null) {
            end.run();
        }
    }

    /** What the ioloop logs for a connection left idle after the request. */
    private void goIdle(Request r, String conn, String queue, String cpeer) {
        // a callback not waited for returns into the ioloop, which checks the connection at once
        List<String> lines = callbackInResponse ? new ArrayList<>() : idleLines.get(r.firstHost);
        if (v24) {
            lines.add(cpeer + "No requests to service for this peer (1 connections exist, 0 pending)");
        }
        // http_client_connection_start_idle_timeout: max_idle_time_msecs with no other idle connection
        lines.add(conn + "No more requests queued; going idle"
                + (r.idleMsecs > 0 ? " (timeout = " + r.idleMsecs + " msecs)" : ""));
        if (callbackInResponse) {
            lines.forEach(this::log);
        }
        if (v24 && !namedHosts.containsKey(r.host)) {
            afterHosts.add(queue + "Destroy");
            afterHosts.add(cpeer + "Unlinked queue " + r.queueUrl + " (" + namedQueuesOn(r.client, r.peer, r.queueUrl)
                    + " queues linked)");
        }
    }

    /**
     * The client's queues on {@code peer} that outlive the auth request (a looked-up host's, kept with
     * it), other than {@code except}: -peer.c's "%d queues linked" counts them (case 505).
     */
    private int namedQueuesOn(int client, String peer, String except) {
        int n = 0;
        for (Map.Entry<String, String> e : namedQueues.entrySet()) {
            if (e.getValue().equals(peer) && e.getKey().startsWith(client + "/")
                    && !e.getKey().equals(client + "/" + except)) {
                n++;
            }
        }
        return n;
    }

    /** A redirect target's {@code path?query} (http_url_create_target). */
    private static String target(String url) {
        int scheme = url.indexOf("://");
        int slash = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : url.substring(slash);
    }

    /**
     * A connection lost with the request on it (http_client_connection_lost / _abort_temp_error) or
     * timed out (http_client_connection_request_timeout); {@code retry}: the request goes out again
     * on a new connection, after the shared peer's connect backoff when the lost one had read
     * nothing (http_client_peer_shared_start_backoff_timer, 100 msecs the first time).
     */
    private void lost(Request r, String conn, String c, String queue, String cpeer, String req, String req0,
            String reason, int fd, boolean premature, boolean timedOut, boolean retry) {
        String host = r.host;
        String peer = r.peer;
        log(conn + "Aborting connection with temporary error: " + reason);
        log(conn + "Connection disconnect");
        log(conn + "Disconnected: Connection closed" + (timedOut ? ": Connection timed out" : "") + " (fd=" + fd + ")");
        log(conn + "Detached peer");
        if (v24) {
            log(cpeer + "Lost a connection" + (premature ? " prematurely" : "") + " (1 queues linked, 0 connections"
                    + " left, 0 connections pending, 0 requests pending, 0 requests urgent)");
        }
        log(conn + "Retrying pending requests");
        String shared = "http-client: peer " + peer + " (shared): ";
        if (retry) {
            r.retries++;
            if (v24) {
                log(c + "request " + req0 + ": Retrying (attempts=" + r.retries + ")");
                log(c + "request " + req0 + ": Resubmitting request");
                log(queue + "Dropping request " + req);
            }
            log(hostIdle(host));
            if (v24) {
                log(queue + "Setting up connection to " + peer + " (1 requests pending)");
                log(queue + "Started new connection to " + peer);
            }
            log(conn + "Connection close");
            log(conn + "Connection destroy");
            if (v24) {
                log(cpeer + "Creating 1 new connections to handle requests (already 0 usable, connecting to 0,"
                        + " closing 0)");
            }
            if (premature) {
                log(shared + "Starting backoff timer for 100 msecs");
                log(shared + "Backoff timer expired");
            }
            if (v24) {
                log(cpeer + "Making new connection 1 of 1 (0 connections exist, 0 pending)");
            }
            return;
        }
        failed(host, c, queue, req, req0, (timedOut ? HttpClientLib.STATUS_TIMED_OUT
                : HttpClientLib.STATUS_CONNECTION_LOST) + " " + reason);
        log(conn + "Connection close");
        log(conn + "Connection destroy");
        if (v24) {
            log(c + "All requests finished");
        }
        // the peer has no connection left: it goes with the ioloop's next turn
        List<String> end = idleLines.get(r.firstHost);
        if (premature) {
            backoffThenDrop(r, end, queue, cpeer);
            return;
        }
        if (v24) {
            end.add(cpeer + "No requests to service for this peer (0 connections exist, 0 pending)");
            end.add(cpeer + "Dropping peer now");
            end.add(cpeer + "Peer close");
            end.add(cpeer + "Peer disconnect");
            end.add(cpeer + "Peer destroy");
            clientPeers.remove(r.client + "/" + peer);
            afterHosts.add(queue + "Destroy");
        }
        end.add("http-client: peer " + peer + ": Peer pool destroy");
        end.add("http-client: peer " + peer + " (shared): Peer destroy");
        dropSharedPeer(peer);
    }

    /**
     * The last attempt's connection was lost having read nothing: the shared peer starts its
     * connect backoff (http_client_peer_shared_start_backoff_timer), which, once it expires after
     * the host is gone, still makes a connection for the dropped peer and closes it at once; then
     * the peers go. The timer fires on the main ioloop, after http_client_wait's ioloop and its epoll
     * fd are gone, so that connection gets the worker's low free fd (seen: 7 on 2.3.19, 8 on 2.4.1,
     * cases 462, 463; {@link WorkerFds}).
     */
    private void backoffThenDrop(Request r, List<String> end, String queue, String cpeer) {
        String peer = r.peer;
        String shared = "http-client: peer " + peer + " (shared): ";
        if (v24) {
            end.add(cpeer + "No requests to service for this peer (0 connections exist, 0 pending)");
        }
        end.add(shared + "Starting backoff timer for 100 msecs");
        if (v24) {
            end.add(cpeer + "Dropping peer (waiting for backof timeout)");
            end.add(cpeer + "No requests to service for this peer (0 connections exist, 0 pending)");
            afterHosts.add(queue + "Destroy");
            afterHosts.add(cpeer + "Unlinked queue http://" + peer + " (0 queues linked)");
        }
        afterHosts.add(shared + "Backoff timer expired");
        if (v24) {
            afterHosts.add(cpeer + "Making new connection 1 of 1 (0 connections exist, 0 pending)");
        }
        String conn = "http-client: conn " + peer + " [" + ++connections + "]: ";
        int fd = fds.open();
        fds.close(fd);
        afterHosts.add(conn + "Connecting");
        afterHosts.add(conn + "Waiting for connect (fd=" + fd + ") to finish for max 0 msecs");
        afterHosts.add(conn + "HTTP connection created (1 parallel connections exist)");
        afterHosts.add(conn + "Client connected (fd=" + fd + ")");
        afterHosts.add(conn + "Connected");
        afterHosts.add(conn + "Ready for requests");
        if (v24) {
            afterHosts.add(cpeer + "Successfully connected (1 connections exist, 0 pending)");
        }
        afterHosts.add("http-client: peer " + peer + ": Successfully connected (1 connections exist, 0 pending)");
        if (v24) {
            afterHosts.add(cpeer + "Peer no longer used; will now cancel pending connections (1 connections exist,"
                    + " 0 pending)");
            afterHosts.add(cpeer + "Peer cancel");
        }
        afterHosts.add(conn + "Connection close");
        afterHosts.add(conn + "Connection disconnect");
        afterHosts.add(conn + "Disconnected: Connection closed (fd=" + fd + ")");
        afterHosts.add(conn + "Detached peer");
        if (v24) {
            afterHosts.add(cpeer + "Lost a connection (0 queues linked, 0 connections left, 0 connections pending,"
                    + " 0 requests pending, 0 requests urgent)");
        }
        afterHosts.add(conn + "Connection destroy");
        if (v24) {
            afterHosts.addAll(List.of(cpeer + "Dropping peer now", cpeer + "Peer close", cpeer + "Peer disconnect",
                    cpeer + "Peer destroy"));
        }
        afterHosts.add("http-client: peer " + peer + ": Peer pool destroy");
        afterHosts.add("http-client: peer " + peer + " (shared): Peer destroy");
        dropSharedPeer(peer);
    }

    /** lib-ssl-iostream's certificate error inside a failed handshake's reason (its last error). */
    private static String certificateError(String reason) {
        int at = reason.indexOf(")) failed: ");
        return at < 0 ? reason : reason.substring(at + ")) failed: ".length());
    }

    /**
     * What lib-ssl-iostream logs while a new connection's handshake runs, {@code cert} the server
     * certificate's error (null: trusted). 2.4 (iostream-openssl.c, on the connection's event with
     * the {@code HOST: } prefix of the ssl event): OpenSSL's states around the verify callback's
     * verdict; a certificate that is not trusted lets the handshake finish (a client's verify mode
     * is SSL_VERIFY_NONE), then the handshake callback fails it with the error again and the stream
     * is shut down (before 2.4.2 with a close-notify alert). A TLS 1.3 connection's first read gets
     * the session ticket ({@link OpenSslClientStates#firstRead}). 2.3 logs the error at Info only
     * (verbose_invalid_cert).
     */
    private void handshake(Request r, String conn, int id, String cert) {
        if (!sslDebug) {
            if (cert != null) {
                info.accept(cert);
            }
            return;
        }
        String ssl = conn + r.host + ": ";
        String verdict = cert != null ? "SSL error: " + cert : "Received valid SSL certificate: " + r.tls.subject();
        OpenSslClientStates.handshake(r.tls, verdict).forEach(l -> log(ssl + l));
        if (cert != null) {
            // http_client_connection_ssl_handshaked's error, set again by openssl_iostream_handshake
            log(ssl + "SSL error: " + cert);
            if (sslShutdownFailed) {
                log(ssl + "SSL alert: close notify");
            }
        } else if (r.tls.tls13()) {
            ticketPending.put(id, r.tls);
        }
    }

    /**
     * The server's certificate is not trusted (cases 506, 507): the peer fails the connection, the
     * request fails 9003 with the handshake's error, then the connection logs it and closes with the
     * certificate error as reason.
     */
    private void tlsFailed(Request r, String peerAddr, String conn, String c, String queue, String cpeer, String req,
            String req0, String reason, String cert, int fd) {
        connectionFailed(r, peerAddr, queue, cpeer, reason);
        failed(r.host, c, queue, req, req0, HttpClientLib.STATUS_CONNECT_FAILED + " " + reason);
        log(conn + reason);
        unusedConnectionGone(conn, c, queue, "Connection closed: " + cert, fd);
    }

    /**
     * A connection that never served a request goes (http_client_connection_close): closed,
     * disconnected for {@code why}, detached and destroyed; on 2.4 the client's wait then ends and
     * its queue goes with the host.
     */
    private void unusedConnectionGone(String conn, String c, String queue, String why, int fd) {
        log(conn + "Connection close");
        log(conn + "Connection disconnect");
        log(conn + "Disconnected: " + why + " (fd=" + fd + ")");
        log(conn + "Detached peer");
        log(conn + "Connection destroy");
        if (v24) {
            log(c + "All requests finished");
            afterHosts.add(queue + "Destroy");
        }
    }

    /**
     * A new connection failed (http_client_peer_connection_failure, -peer.c): the peers say so, the
     * shared peer's backoff is set (http_client_peer_shared_connection_failure), and 2.4's queue
     * gives its requests up.
     */
    private void connectionFailed(Request r, String peerAddr, String queue, String cpeer, String reason) {
        String peer = r.peer;
        if (v24) {
            log(cpeer + "Connection failed (1 connections exist, 0 pending)");
        }
        log("http-client: peer " + peer + ": Failed to make connection (1 connections exist, 0 pending)");
        long[] last = failures.get(peer);
        long backoff = last == null ? BACKOFF_INITIAL_MSECS : Math.min(BACKOFF_MAX_MSECS, last[1] * 2);
        failures.put(peer, new long[] {clock.getAsLong(), backoff});
        if (v24) {
            log(cpeer + "Failed to establish any connection within our peer pool: " + reason
                    + " (1 connections exist, 0 pending)");
            log(queue + "Failed to set up connection to " + peerAddr + ": " + reason + " (1 peers pending, 1 requests pending)");
            log(cpeer + "Unlinked queue " + r.queueUrl + " (" + namedQueuesOn(r.client, r.peer, r.queueUrl)
                    + " queues linked)");
            log(queue + "Failed to set up any connection; failing all queued requests");
        }
    }

    /**
     * A new connection to a shared peer whose last one failed (http_client_peer_shared_start_backoff_timer):
     * the backoff has passed already, or its timer runs out first.
     */
    private void backoff(String peer) {
        long[] last = failures.get(peer);
        if (last == null) {
            return;
        }
        String shared = "http-client: peer " + peer + " (shared): ";
        long spent = (clock.getAsLong() - last[0]) / 1_000_000;
        if (spent < last[1]) {
            log(shared + "Starting backoff timer for " + (last[1] - spent) + " msecs");
            log(shared + "Backoff timer expired");
        } else {
            log(shared + "Backoff time already exceeded by " + (spent - last[1]) + " msecs");
        }
    }

    /**
     * request_absolute_timeout passed with the request on its connection (http-client-queue.c
     * http_client_queue_request_timeout): the request fails 9008, but the connection keeps waiting for
     * the answer, busy (its late answer, which this model does not follow, would be logged when it
     * comes), so the next request to the peer makes a new connection beside it (cases 500, 501). 2.4
     * keeps the request, referenced by the connection: destroyed, not freed.
     */
    private void absoluteTimeout(Request r, String c, String queue, String cpeer, String req, String req0,
            String reason) {
        endWait();
        if (v24) {
            log(queue + "Timeout (now: " + QUEUE_TIME.format(java.time.LocalDateTime.now()) + ")");
            log(queue + "Absolute timeout expired for request " + req
                    + reason.substring(HttpClientLib.ABSOLUTE_TIMEOUT.length()));
            log(c + "request " + req0 + ": Error: " + HttpClientLib.STATUS_TIMED_OUT + " " + reason);
            log(queue + "Dropping request " + req);
        }
        log(hostIdle(r.host));
        if (v24) {
            log(c + "request " + req0 + ": Destroy (requests left=1)");
            log(c + "All requests finished");
            afterHosts.add(queue + "Destroy");
            afterHosts.add(cpeer + "Unlinked queue " + r.queueUrl + " (" + namedQueuesOn(r.client, r.peer, r.queueUrl)
                    + " queues linked)");
        }
    }

    /**
     * The connection failed to connect: refused, or {@code timedOut} (http-client-connection.c
     * http_client_connect_timeout logs its error first; lib/connection.c's disconnect reason then
     * says {@code connect() timed out in} the connection list's own connect timeout, which lib-http
     * leaves at 0: {@code 0.000 secs}, with 2.4's address).
     */
    private void refused(Request r, String peerAddr, String conn, String c, String queue, String cpeer, String req,
            String req0, String reason, int fd, boolean timedOut) {
        String host = r.host;
        String peer = r.peer;
        log(conn + (timedOut ? reason : "Client connection failed (fd=" + fd + ")"));
        connectionFailed(r, peerAddr, queue, cpeer, reason);
        failed(host, c, queue, req, req0, HttpClientLib.STATUS_CONNECT_FAILED + " " + reason);
        // 2.3's connection says connect() without the address (http-client-connection.c)
        String disconnected = timedOut ? "connect" + (v24 ? "(" + peer + ")" : "()") + " timed out in 0.000 secs"
                : v24 ? reason : "connect() failed: Connection refused";
        unusedConnectionGone(conn, c, queue, disconnected, fd);
    }

    /** A request failed: its error (2.4, under its first label), then the host goes idle. */
    private void failed(String host, String c, String queue, String req, String req0, String error) {
        endWait();
        if (v24) {
            log(c + "request " + req0 + ": Error: " + error);
            log(queue + "Dropping request " + req);
        }
        log(hostIdle(host));
        if (v24) {
            log(c + "request " + req0 + ": Destroy (requests left=1)");
            log(c + "request " + req0 + ": Free (requests left=0)");
        }
    }

    /**
     * The auth request was answered: the ioloop turns, connections go idle, and the hosts' 100 ms
     * idle timers fire (well before the next doveadm command).
     */
    void idle() {
        callbackReturned();
        for (Map.Entry<String, List<String>> e : idleLines.entrySet()) {
            e.getValue().forEach(this::log);
            if (namedHosts.containsKey(e.getKey())) {
                continue; // its idle timer is the IPs' TTL, half an hour
            }
            log("http-client: host " + e.getKey() + ": Idle host timed out");
            log("http-client: host " + e.getKey() + ": Host destroy");
            log("http-client: host " + e.getKey() + ": Host session destroy");
        }
        idleLines.clear();
        liveQueues.clear(); // with their hosts
        afterHosts.forEach(this::log);
        afterHosts.clear();
        // the hosts' idle timers fired: at least their 100 msecs have passed since any failure (case 507 run 2)
        long fired = clock.getAsLong() - HOST_IDLE_MSECS * 1_000_000;
        failures.values().forEach(f -> f[0] = Math.min(f[0], fired));
    }

    private void log(String line) {
        if (!quietClients.isEmpty() && line.startsWith("http-client[")) {
            int end = line.indexOf(']');
            if (quietClients.contains(Integer.parseInt(line.substring("http-client[".length(), end)))) {
                return;
            }
        }
        debug.accept(line);
    }
}
