package org.dovelua.dict;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.dovelua.lib.TabEscape;
import org.dovelua.lua.ProcessDeath;
import org.dovelua.lua.dovecot.DovecotEvent;

/**
 * The {@code proxy:} dict: Dovecot 2.3.19's dict-client.c, protocol 3.2, as the auth process
 * uses it (one command at a time: auth waits for each lookup before the next). Connects lazily,
 * sends {@code H3\t2\t0\t\t<name>} and then the command; accepts async ids ({@code *n},
 * {@code +n\t...}) and bare in-order replies; keeps the connection for the burst and drops it
 * when the worker goes idle ({@link #idle()}, idle_msecs 0). A closed connection fails the
 * command at once; a timeout (30 s) reconnects and retries once, with the warning dict-client.c
 * logs. The replies that crash real 2.3.19's auth worker end the process here too.
 */
public final class ProxyDict implements Dict {
    /** DICT_CLIENT_PROTOCOL_MAJOR_VERSION, _MINOR_VERSION (dict-client.h@2.3.19). */
    static final String HELLO = "H3\t2\t0\t\t";
    /** DICT_CLIENT_REQUEST_TIMEOUT_MSECS. */
    static final long REQUEST_TIMEOUT_MSECS = 30_000;

    /** Where the dict's socket is on this machine, and the built-in server behind it (if any). */
    record Endpoint(Path socket, LongSupplier hangs, AutoCloseable server) {
    }

    private final ProxyUri uri;
    private final Endpoint endpoint;
    private final DictContext ctx;
    private final DovecotEvent dictEvent;
    /** The connection's event: "conn unix:PATH (pid=P,uid=U): ", the label as connected. */
    private DovecotEvent connEvent;
    /** The server's credentials, looked up once per dict. */
    private String peerLabel;
    private long timeoutMsecs = REQUEST_TIMEOUT_MSECS;
    private DictClientConnection conn;
    private long connectStartedNanos;
    private long idleSinceNanos;
    private boolean hinted;
    /** The handshake of a new connection, sent with its first command. */
    private String pendingHello;

    ProxyDict(ProxyUri uri, Endpoint endpoint, DictContext ctx) {
        this.uri = uri;
        this.endpoint = endpoint;
        this.ctx = ctx;
        // dict.c dict_init(): "dict(proxy): "; connection.c connection_update_event(): "conn unix:PATH: "
        this.dictEvent = ctx.event().child().appendLogPrefix("dict(proxy): ");
    }

    /** The module's entry in DictModules: the URI, then where its socket is (fixture, mount or nowhere). */
    public static Dict init(String args, DictContext ctx) throws DictInitException {
        ProxyUri uri = ProxyUri.parse(args, ctx.baseDir());
        return new ProxyDict(uri, ProxyEndpoints.find(uri, ctx), ctx);
    }

    /** For tests against a slow fake server: the request timeout instead of 30 s. */
    ProxyDict timeoutMsecs(long ms) {
        this.timeoutMsecs = ms;
        return this;
    }

    ProxyUri uri() {
        return uri;
    }

    /** One command in flight ({@code struct client_dict_cmd}). */
    private static final class Cmd {
        final String query;
        final long startNanos = System.nanoTime();
        long asyncId;
        long asyncIdNanos;
        boolean reconnected;
        boolean retry = true;
        /** Time the built-in server's hang stands for (it answers at once that it never will). */
        long modelledMs;
        boolean seenRows;
        long sentNanos;
        long sentHangs;

        Cmd(String query) {
            this.query = query;
        }

        /** Since the command was created; a modelled hang counts as exactly the timeouts it stands for. */
        long elapsedMs() {
            return modelledMs > 0 ? modelledMs : (System.nanoTime() - startNanos) / 1_000_000L;
        }
    }

    /** What a command ended with: a reply line, or an error (already with no timing suffix). */
    private record Ending(DictReply reply, String error) {
    }

    @Override
    public synchronized DictLookup lookup(String key, String username) {
        Cmd cmd = new Cmd("L" + TabEscape.escape(key) + "\t" + TabEscape.escape(username));
        Ending e = run(cmd, null);
        if (e.error != null) {
            return DictLookup.failed(e.error + " (reply took " + warningsSec(cmd, null) + ")");
        }
        DictReply r = e.reply;
        // client_dict_lookup_async_callback()
        DictLookup result;
        switch (r.code()) {
            case 'O':
                result = DictLookup.found(r.value());
                break;
            case 'M': {
                List<String> values = TabEscape.split(r.value());
                if (values.isEmpty()) {
                    // an empty list leaves lib-dict's value NULL with ret 1, which the auth dict
                    // driver then uses: the worker dies with SIGSEGV (seen on 2.3.19, case 273)
                    disconnect();
                    ctx.hint("dict proxy: the reply '" + printable(r.line()) + "' to '" + printable(cmd.query)
                            + "' is an M with no values: Dovecot 2.3.19's dict-client.c returns found with a NULL"
                            + " value and its auth dict driver crashes (SIGSEGV) on it");
                    throw new ProcessDeath(ProcessDeath.Kind.SEGFAULT, "dict lookup of '" + cmd.query
                            + "' found a NULL value (empty M reply)");
                }
                result = DictLookup.found(values.get(0));
                break;
            }
            case 'N':
                result = DictLookup.notFound();
                break;
            case 'F':
                result = DictLookup.failed((r.value().isEmpty() ? "dict-server returned failure"
                        : "dict-server returned failure: " + r.value()) + " (reply took " + warningsSec(cmd, r.extra()) + ")");
                break;
            default:
                // dict-client.c disconnects inside the reply callback and then uses the freed
                // command: real 2.3.19's auth worker dies with SIGSEGV (dict-observed-2.3.19.md #8)
                disconnect();
                ctx.hint("dict proxy: the reply '" + printable(r.line()) + "' to '" + printable(cmd.query)
                        + "' has no lookup reply code (O, M, N, F): Dovecot 2.3.19's dict-client.c disconnects"
                        + " inside its reply callback and its auth worker crashes (SIGSEGV)");
                throw new ProcessDeath(ProcessDeath.Kind.SEGFAULT, "dict-client: Invalid lookup '" + cmd.query
                        + "' reply: " + r.line());
        }
        long ms = cmd.elapsedMs();
        if (result.ret() >= 0 && ms >= uri.warnSlowMsecs()) {
            connEvent.warning("dict lookup took " + warningsSec(cmd, r.extra()) + ": " + cmd.query);
        }
        afterCommand();
        return result;
    }

    @Override
    public synchronized DictIteration iterate(String path, String username) {
        // client_dict_iterate_cmd_send(): flags 0, max_rows 0
        Cmd cmd = new Cmd("I0\t0\t" + TabEscape.escape(path) + "\t" + TabEscape.escape(username));
        List<DictIteration.Row> rows = new ArrayList<>();
        Ending e = run(cmd, rows);
        if (e.error != null) {
            return DictIteration.failed(e.error + " (reply took " + warningsSec(cmd, null) + ")");
        }
        DictReply r = e.reply;
        if (r.code() == 'F') {
            return DictIteration.failed("dict-server returned failure: " + r.value() + " (reply took "
                    + warningsSec(cmd, r.extra()) + ")");
        }
        long ms = cmd.elapsedMs();
        if (ms >= uri.warnSlowMsecs()) {
            connEvent.warning("dict iteration took " + warningsSec(cmd, r.extra()) + ": " + cmd.query);
        }
        afterCommand();
        return DictIteration.of(rows);
    }

    /**
     * Sends {@code cmd} and reads until its final reply ({@code rows} collects iteration rows, null
     * for a lookup). Protocol errors log and disconnect, and the command fails with the
     * connection's reason ("Deinitializing"), as dict_conn_input_line() returning -1 does.
     */
    private Ending run(Cmd cmd, List<DictIteration.Row> rows) {
        dropIfIdleTooLong();
        String err = send(cmd);
        if (err != null) {
            return new Ending(null, err);
        }
        for (;;) {
            DictClientConnection.Input in;
            try {
                in = conn.read(Math.max(1, timeoutMsecs - sinceSentMs(cmd)), cmd.sentHangs);
            } catch (IOException ex) {
                in = new DictClientConnection.Closed("Connection closed: " + ex.getMessage());
            }
            if (in instanceof DictClientConnection.Closed c) {
                disconnect();
                return new Ending(null, c.reason());
            }
            if (in instanceof DictClientConnection.TimedOut t) {
                String failed = timedOut(cmd, t.modelled(), rows);
                if (failed != null) {
                    return new Ending(null, failed);
                }
                continue;
            }
            String line = ((DictClientConnection.Line) in).text();
            DictReply r = DictReply.parse(line);
            if (r.isAsyncId()) {
                // dict_conn_assign_next_async_id()
                long id = DictReply.id(line);
                String proto = id == 0 ? "Received invalid async-id line: " + line
                        : cmd.asyncId != 0 ? "Received async-id line, but all 1 commands already have it: " + line
                        : null;
                if (proto != null) {
                    return protocolError(proto);
                }
                cmd.asyncId = id;
                cmd.asyncIdNanos = System.nanoTime();
                continue;
            }
            if (r.asyncArg() != null) {
                // dict_conn_find_async_id()
                long id = DictReply.id(r.asyncArg());
                if (id == 0) {
                    return protocolError("Received invalid async-reply line: " + line);
                }
                if (id != cmd.asyncId) {
                    return protocolError("Received reply for nonexistent async-id " + id + ": " + line);
                }
            }
            if (rows == null) {
                return new Ending(r, null);
            }
            // client_dict_iter_async_callback()
            if (r.code() == DictReply.ITER_FINISHED || r.code() == 'F') {
                return new Ending(r, null);
            }
            if (r.code() != 'O' || r.extra().isEmpty()) {
                // "broken protocol": client_dict_disconnect() runs the callback again for the
                // aborted command, which marks the iteration finished; back in the first call
                // the same assertion then fails
                disconnect();
                ctx.hint("dict proxy: the reply '" + printable(line) + "' to '" + printable(cmd.query)
                        + "' is no iteration row (O<key>\\t<value>): Dovecot 2.3.19's dict-client.c"
                        + " disconnects inside its iteration callback and then fails its own assertion");
                throw new ProcessDeath(ProcessDeath.Kind.PANIC, "file dict-client.c: line 1133"
                        + " (client_dict_iter_async_callback): assertion failed: (!ctx->finished)");
            }
            rows.add(new DictIteration.Row(r.value(), r.extra().get(0)));
            cmd.seenRows = true;
        }
    }

    private long sinceSentMs(Cmd cmd) {
        return (System.nanoTime() - cmd.sentNanos) / 1_000_000L;
    }

    /** A line dict_conn_input_line() refuses: logged on the connection, which is then closed. */
    private Ending protocolError(String message) {
        connEvent.error(message);
        disconnect();
        // connection_input_default(): input_line() < 0 closes with no reason set, i.e. DEINIT
        // (connection.c connection_disconnect_reason; seen on 2.3.19, case 273)
        return new Ending(null, "Deinitializing");
    }

    /**
     * client_dict_input_timeout(): the first time, reconnect and send the command again (an
     * iteration only if it returned no rows yet); the second time the auth process's own 60 s
     * limit for the worker request fires at the same moment (dict-observed-2.3.19.md #10).
     */
    private String timedOut(Cmd cmd, boolean modelled, List<DictIteration.Row> rows) {
        long quiet;
        if (modelled) {
            cmd.modelledMs += timeoutMsecs;
            quiet = timeoutMsecs;
        } else {
            quiet = (System.nanoTime() - (conn.gotInput() ? conn.lastInputNanos() : conn.connectedNanos)) / 1_000_000L;
        }
        long diff = cmd.elapsedMs();
        // connection_input_timeout_reason()
        String noInput = conn.gotInput() ? "No input for " + secs(quiet) + " secs"
                : "No input since connected " + secs(quiet) + " secs ago";
        String reason = "Dict server timeout: " + noInput + " (1 commands pending, oldest sent " + secs(diff)
                + " secs ago: " + cmd.query + ", " + waitWarnings(diff) + ")";
        if (!cmd.retry || (rows != null && cmd.seenRows)) {
            disconnect();
            throw new ProcessDeath(ProcessDeath.Kind.TIMEOUT, "the dict server at " + uri.socketPath()
                    + " did not answer '" + printable(cmd.query) + "' (" + reason + ")");
        }
        disconnect();
        cmd.retry = false;
        cmd.reconnected = true;
        cmd.asyncId = 0;
        String err = connect();
        if (err != null) {
            return reason + " - reconnect failed: " + err;
        }
        connEvent.warning(reason + " - reconnected");
        return write(cmd);
    }

    /** client_dict_cmd_send(): connect (no retry when that fails), write; a failed write reconnects once. */
    private String send(Cmd cmd) {
        String err = connect();
        if (err != null) {
            return err;
        }
        String w = write(cmd);
        if (w == null) {
            return null;
        }
        disconnect();
        err = connect();
        if (err != null) {
            return w + " - reconnect failed: " + err;
        }
        return write(cmd);
    }

    private String write(Cmd cmd) {
        cmd.sentNanos = System.nanoTime();
        cmd.sentHangs = conn.hangs();
        String hello = pendingHello;
        pendingHello = null;
        try {
            conn.send(hello == null ? cmd.query : hello + "\n" + cmd.query);
            return null;
        } catch (IOException e) {
            return "write(" + uri.socketPath() + ") failed: " + e.getMessage();
        }
    }

    /** client_dict_connect(): the HELLO line goes out with the first command. */
    private String connect() {
        if (conn != null) {
            return null;
        }
        connectStartedNanos = System.nanoTime();
        if (endpoint.socket() == null) {
            if (!hinted) {
                hinted = true;
                ctx.hint("dict proxy: nothing answers for " + uri.socketPath() + " (dict '" + uri.dictName()
                        + "'): --mount " + uri.socketPath() + "=YOUR.sock, or give the dict a data file with"
                        + " --dict proxy::" + uri.dictName() + "=FILE (docs/dict-proxy.md)");
            }
            return "net_connect_unix(" + uri.socketPath() + ") failed: No such file or directory";
        }
        try {
            conn = DictClientConnection.connect(endpoint.socket(), endpoint.hangs());
        } catch (IOException e) {
            return "net_connect_unix(" + uri.socketPath() + ") failed: " + errno(e);
        }
        if (peerLabel == null) {
            peerLabel = UnixPeer.label(endpoint.socket(), endpoint.server() != null);
        }
        connEvent = dictEvent.child().appendLogPrefix("conn unix:" + uri.socketPath() + " (" + peerLabel + "): ");
        // o_stream_nsend_str() of the handshake and then of the command reach the socket before the
        // server reads either: one write, so a server that refuses the handshake has read both
        // lines when it closes (a close with unread input would reset the connection instead)
        pendingHello = HELLO + TabEscape.escape(uri.dictName());
        return null;
    }

    private static String errno(IOException e) {
        String m = e.getMessage();
        return m == null ? "Connection refused" : m;
    }

    /**
     * After a command: lines already received and not asked for are "Received reply without pending
     * commands" (dict_conn_input_line), which closes the connection.
     */
    private void afterCommand() {
        if (conn == null) {
            return;
        }
        String extra = conn.bufferedLine();
        if (extra != null) {
            connEvent.error(extra.startsWith("*")
                    ? "Received async-id line, but all 0 commands already have it: " + extra
                    : "Received reply without pending commands: " + extra);
            disconnect();
        }
    }

    /**
     * The worker went back to its main loop (the auth request is answered): with idle_msecs 0 the
     * connection is dropped now (client_dict_timeout, "Idle disconnection"); a longer idle_msecs
     * keeps it for the next burst that comes in time.
     */
    @Override
    public synchronized void idle() {
        if (uri.idleMsecs() == 0) {
            disconnect();
        } else {
            idleSinceNanos = System.nanoTime();
        }
    }

    private void dropIfIdleTooLong() {
        if (conn != null && idleSinceNanos != 0
                && (System.nanoTime() - idleSinceNanos) / 1_000_000L >= uri.idleMsecs()) {
            disconnect();
        }
        idleSinceNanos = 0;
    }

    private void disconnect() {
        if (conn != null) {
            conn.close();
            conn = null;
        }
    }

    @Override
    public synchronized void close() {
        disconnect();
        if (endpoint.server() != null) {
            try {
                endpoint.server().close();
            } catch (Exception e) {
                // dict_deinit() has nothing to report
            }
        }
    }

    /** dict_warnings_sec(): the " (reply took ...)" text; dovelua measures its own wait as "dict wait". */
    private String warningsSec(Cmd cmd, List<String> extra) {
        long ms = cmd.elapsedMs();
        StringBuilder sb = new StringBuilder(secs(ms)).append(" secs (").append(waitWarnings(ms));
        long now = System.nanoTime();
        if (cmd.reconnected) {
            sb.append(", reconnected ").append(secs((now - connectStartedNanos) / 1_000_000L)).append(" secs ago");
        }
        if (cmd.asyncId != 0) {
            sb.append(", async-id reply ").append(secs((now - cmd.asyncIdNanos) / 1_000_000L)).append(" secs ago");
        }
        ServerTimings t = extra == null ? null : ServerTimings.parse(extra);
        if (t != null) {
            long nowMs = System.currentTimeMillis() + cmd.modelledMs;
            int sinceStart = (int) (nowMs - t.startMs());
            int took = (int) (t.endMs() - t.startMs());
            sb.append(", started on dict-server ").append(uSecs(sinceStart)).append(" secs ago, took ")
                    .append(uSecs(took)).append(" secs");
        }
        return sb.append(')').toString();
    }

    /** dict_wait_warnings(): all of dovelua's wait is the dict's own. */
    private static String waitWarnings(long ms) {
        return secs(ms) + " in dict wait, 0.000 in other ioloops, 0.000 in locks";
    }

    static String secs(long ms) {
        return ms / 1000 + "." + String.format("%03d", ms % 1000);
    }

    /** {@code "%u.%03d"} of a C int: the seconds as unsigned, the milliseconds signed. */
    static String uSecs(int ms) {
        return Integer.toUnsignedString(ms / 1000) + "." + String.format("%03d", ms % 1000);
    }

    /** The four timing fields the server appends (str_to_time, str_to_uint each); null unless all parse. */
    record ServerTimings(long startMs, long endMs) {
        static ServerTimings parse(List<String> extra) {
            if (extra.size() < 4) {
                return null;
            }
            Long s = time(extra.get(0));
            Long su = uint(extra.get(1));
            Long e = time(extra.get(2));
            Long eu = uint(extra.get(3));
            if (s == null || su == null || e == null || eu == null) {
                return null;
            }
            return new ServerTimings(s * 1000 + su / 1000, e * 1000 + eu / 1000);
        }

        private static Long time(String s) {
            String d = s.startsWith("-") ? s.substring(1) : s;
            Long v = uint(d);
            return v == null ? null : s.startsWith("-") ? -v : v;
        }

        private static Long uint(String s) {
            if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            long v = Long.parseLong(s);
            return v > 0xffffffffL ? null : v;
        }
    }

    private static String printable(String s) {
        return s.replace("\t", "\\t").replace("\001", "\\001").replace("\r", "\\r");
    }
}
