package org.dovelua.lua.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.ProcessDeath;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.lua.dovecot.DovecotLib;
import org.dovelua.lua.dovecot.EventObjects;
import org.dovelua.lua.lua54.vm.Lua54Arith;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code dovecot.http} of src/lib-lua/dlua-dovecot-http.c (2.3.19+), on OkHttp. Client, request
 * and response objects are tables {@code {item = <userdata>}} with their methods stored on each
 * object (spec §4.4). {@code submit()} blocks and always returns a response: transport failures
 * become lib-http's internal 9xxx statuses with its reason texts. Dovecot's redirect, retry and
 * timeout settings are applied here; OkHttp's own redirects and retries are off. Installed after
 * {@link DovecotLib}: {@code globals.load(new HttpClientLib(router, v24, events))}.
 */
public class HttpClientLib extends TwoArgFunction {
    /** {@code enum http_response_status} internal codes (src/lib-http/http-response.h). */
    public static final int STATUS_ABORTED = 9000;
    public static final int STATUS_INVALID_URL = 9001;
    public static final int STATUS_HOST_LOOKUP_FAILED = 9002;
    public static final int STATUS_CONNECT_FAILED = 9003;
    public static final int STATUS_INVALID_REDIRECT = 9004;
    public static final int STATUS_CONNECTION_LOST = 9005;
    public static final int STATUS_BAD_RESPONSE = 9007;
    public static final int STATUS_TIMED_OUT = 9008;
    /** http-client-queue.c http_client_queue_request_timeout's error text. */
    static final String ABSOLUTE_TIMEOUT = "Absolute request timeout expired";

    private static final String CLIENT = "struct http_client";
    private static final String REQUEST = "struct http_client_request";
    private static final String RESPONSE = "struct dlua_http_response";
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);

    private final HttpRouter router;
    private final boolean settings24;
    private final EventObjects events;
    /** {@code script->event}, where dlua logs a payload read error (null: not logged). */
    private final DovecotEvent scriptEvent;
    /**
     * Made on the first {@code dovecot.http.client{}}, not with the state: building it reads the
     * JVM's trust store and starts OkHttp's machinery (about 0.3 s of a cold start), which a script
     * that never makes a client must not pay. Null until then.
     */
    private OkHttpClient base;
    private final AtomicInteger connIds = new AtomicInteger();
    /** lib-http's debug lines (null: not logged); 2.4 numbers its clients ({@code http-client[N]}). */
    private final LibHttpTrace trace;
    /** The process's client numbers (2.4's {@code http-client[N]}); this state's own unless shared. */
    private HttpClientIds clientIds = new HttpClientIds();
    /** Whether the state's init is over, so a new client is made in a lookup. */
    private boolean initDone;
    /** 2.4.3+: requests have {@code set_event}/{@code get_event} (dlua-dovecot-http.c, b98b7e1189). */
    private boolean requestEvents;
    /** Reads a file as Dovecot sees its path (through the mounts); null: no CA file is read. */
    private java.util.function.Function<String, byte[]> files;
    /** The global {@code ssl_client_ca_file} (master_service_ssl_settings; null: none). */
    private String globalCaFile;

    /** 2.4: where host names are looked up; 2.4.2+ also lib-dns-client's settings in {@code client{}} (null: 2.3). */
    private DnsClientSettings dnsClient;

    /**
     * @param settings24 2.4's setting names and syntax, and 2.4's {@code set_payload(str[, sync])}
     * @param events the state's event objects, to check {@code event_parent} (null: not checked)
     */
    public HttpClientLib(HttpRouter router, boolean settings24, EventObjects events) {
        this(router, settings24, events, null);
    }

    /** @param scriptEvent the script's event, which logs dlua's payload read errors */
    public HttpClientLib(HttpRouter router, boolean settings24, EventObjects events, DovecotEvent scriptEvent) {
        this(router, settings24, events, scriptEvent, null);
    }

    /** @param processEvent the process's event, where lib-http's debug lines go (null or no debug: none) */
    public HttpClientLib(HttpRouter router, boolean settings24, EventObjects events, DovecotEvent scriptEvent,
            DovecotEvent processEvent) {
        this.router = router;
        this.settings24 = settings24;
        this.events = events;
        this.scriptEvent = scriptEvent;
        // the process's debug setting is its config's: without it no line is logged, so no model is kept
        this.trace = processEvent == null || !processEvent.wantsDebug() ? null
                : new LibHttpTrace(settings24, processEvent::debug).info(processEvent::info);
    }

    /** How {@code http_url_parse()} reads URLs in this release (default: 2.3's). */
    private HttpUrlParser.Rules urlRules = HttpUrlParser.Rules.V23;

    /** The release's {@code http_url_parse()} rules (uri-util.c changed in 2.4.0). */
    public HttpClientLib urlRules(HttpUrlParser.Rules rules) {
        this.urlRules = rules;
        return this;
    }

    /** 2.4.3+: requests get {@code set_event(event)} and {@code get_event()}. */
    public HttpClientLib requestEvents(boolean on) {
        this.requestEvents = on;
        return this;
    }

    /**
     * What lib-ssl-iostream logs for a TLS connection: 2.4's debug lines (OpenSSL's handshake states,
     * its errors) and whether a failed handshake ends with a close-notify alert (before 2.4.2); see
     * {@link LibHttpTrace#sslIostream}.
     */
    public HttpClientLib sslIostream(boolean debugLines, boolean shutdownFailedHandshake) {
        if (trace != null) {
            trace.sslIostream(debugLines, shutdownFailedHandshake);
        }
        return this;
    }

    /** 2.4: host lookups go through the dns-client socket; 2.4.2+ {@code client{}} takes its settings. */
    public HttpClientLib dnsClientSettings(DnsClientSettings dns) {
        this.dnsClient = dns;
        return this;
    }

    /**
     * TLS trust: {@code read} gives a file's bytes by the path Dovecot sees (null when absent), and
     * {@code caFile} is the global {@code ssl_client_ca_file} (null or empty: none); see {@link TlsTrust}.
     */
    public HttpClientLib sslClientCa(java.util.function.Function<String, byte[]> read, String caFile) {
        this.files = read;
        this.globalCaFile = caFile == null || caFile.isEmpty() ? null : caFile;
        return this;
    }

    /** Numbers clients with the process's counter, shared by its Lua states ({@link HttpClientIds}). */
    public HttpClientLib clientIds(HttpClientIds ids) {
        this.clientIds = ids;
        return this;
    }

    /** The state's init is over: clients made from now on are made in lookups, after the policy client. */
    public void initDone() {
        initDone = true;
    }

    /** Host names are looked up over this dns-client socket (lib-http's lines for them are then logged). */
    public void dnsClientSocket(String path) {
        if (trace != null) {
            trace.dnsClientSocket(path);
        }
    }

    /**
     * The process's ioloop turns after an answered request: lib-http's connections go idle and its
     * hosts' idle timers fire ({@link LibHttpTrace#idle}).
     */
    public void ioloopTurn() {
        if (trace != null) {
            trace.idle();
        }
    }

    /** The client every {@code http.client} derives from, made on first use (see {@link #base}). */
    private synchronized OkHttpClient base() {
        if (base == null) {
            base = new OkHttpClient.Builder()
                    .followRedirects(false)
                    .followSslRedirects(false)
                    .retryOnConnectionFailure(false)
                    .socketFactory(new RecordingSocketFactory())
                    .addInterceptor(router.interceptor())
                    .addInterceptor(HttpClientLib::ioTimeouts)
                    .addNetworkInterceptor(HttpClientLib::dovecotWire)
                    .build();
        }
        return base;
    }

    /** Whether a client was made (and so holds a pool and dispatcher to close). */
    synchronized boolean started() {
        return base != null;
    }

    /**
     * Closes the connections and stops the dispatcher threads of every client this state made
     * (they share the base client's pool), as the state's end closes lib-http's connections.
     */
    public synchronized void close() {
        if (base == null) {
            return;
        }
        base.connectionPool().evictAll();
        base.dispatcher().executorService().shutdown();
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable http = new LuaTable();
        http.set("client", new NewClient());
        // dlua_dovecot_http_register: dovecot.http, beside dovecot.auth (pairs(dovecot) shows both)
        env.get("dovecot").rawset("http", http);
        return http;
    }

    // ---- objects -----------------------------------------------------------------------------

    private static LuaTable object(Object item) {
        LuaTable t = new LuaTable();
        t.rawset("item", new LuaUserdata(item));
        return t;
    }

    /**
     * {@code dlua_check_http_*}: not a table is a Lua error; a table without {@code item} makes
     * the C code dereference NULL (seen on 2.3.19: the auth worker dies).
     */
    private static <T> T check(Varargs args, int i, String type, Class<T> cls) {
        LuaValue v = args.arg(i);
        if (!v.istable()) {
            throw LuaArgs.error("Bad argument #" + i + ", expected " + type + " got " + LuaArgs.typeName(args, i));
        }
        LuaValue item = v.rawget("item");
        if (!(item instanceof LuaUserdata u) || !cls.isInstance(u.userdata())) {
            throw new ProcessDeath(ProcessDeath.Kind.PANIC,
                    "Segmentation fault: " + type + " object without its item userdata");
        }
        return cls.cast(u.userdata());
    }

    private interface Body {
        Varargs run(Varargs args);
    }

    private static LuaValue luaFn(String name, Body body) {
        return LuaArgs.fn(name, body::run);
    }

    // ---- client ------------------------------------------------------------------------------

    private final class Client {
        final HttpClientSettings settings;
        final OkHttpClient ok;
        final int id = clientIds.next(initDone);
        /** {@code client->event}: a child of event_parent with {@code http-client[N]: } (2.4). */
        final DovecotEvent event;
        /** What its TLS connections trust, and the client that uses it; made on its first https request. */
        private TlsTrust tls;
        private OkHttpClient tlsOk;
        /** The CA file its SSL context was made with ("" for none): what tells lib-ssl-iostream's cached contexts apart. */
        private String caFile;

        /** The OkHttp client for {@code url}: an https one verifies the server as lib-ssl-iostream does. */
        synchronized OkHttpClient okFor(HttpUrl url) {
            if (!url.isHttps() || router.targetFor(url) != null) {
                return ok;
            }
            if (tlsOk == null) {
                String path = settings.sslClientCaFile != null && !settings.sslClientCaFile.isEmpty()
                        ? settings.sslClientCaFile : globalCaFile;
                try {
                    tls = new TlsTrust(path == null || files == null ? null : files.apply(path));
                    tlsOk = ok.newBuilder().sslSocketFactory(tls.socketFactory(), tls).build();
                    caFile = path == null ? "" : path;
                } catch (java.security.GeneralSecurityException e) {
                    return ok; // an unreadable CA file: the JDK's own trust
                }
            }
            return tlsOk;
        }

        /**
         * {@code client->ssl_ctx} as lib-http compares it: null until the first https request made one
         * (http-client-host.c), then the context lib-ssl-iostream's cache gives for its settings
         * (iostream-ssl-context-cache.c), of which a dlua client sets the CA file.
         */
        synchronized String sslContext() {
            return tls == null ? null : caFile;
        }

        /** The last TLS handshake with {@code address:port} (null: none). */
        synchronized TlsHandshake tlsHandshake(String ip, int port) {
            if (tls == null) {
                return null;
            }
            try {
                return tls.handshakeWith(java.net.InetAddress.getByName(ip).getHostAddress() + ":" + port);
            } catch (UnknownHostException e) {
                return null;
            }
        }

        /** The certificate error of the handshake that just failed on this thread (null: none). */
        synchronized String tlsFailure() {
            return tls == null ? null : tls.failure();
        }

        Client(HttpClientSettings s, DovecotEvent parent) {
            this.settings = s;
            this.event = parent == null ? null
                    : parent.child().appendLogPrefix(settings24 ? "http-client[" + id + "]: " : "http-client: ");
            // request_timeout_msecs is an idle timeout on reads and writes. OkHttp's own read and
            // write timeouts wake its Okio watchdog thread on every read and write (8 of a bridge
            // request's 13 futex calls, counted with strace -c); reads get it as the socket's
            // SO_TIMEOUT instead (RecordingSocketFactory) and writes only where one could wait (ioTimeouts)
            this.ok = base().newBuilder()
                    .connectTimeout(s.effectiveConnectTimeout(), TimeUnit.MILLISECONDS)
                    .readTimeout(0, TimeUnit.MILLISECONDS)
                    .writeTimeout(0, TimeUnit.MILLISECONDS)
                    .callTimeout(s.requestAbsoluteTimeoutMsecs, TimeUnit.MILLISECONDS)
                    .build();
        }
    }

    /** {@code dlua_http_client_new}. */
    private final class NewClient extends VarArgFunction {
        NewClient() {
            name = "client";
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaArgs.require(args, 1);
            if (!args.arg1().istable()) {
                throw argError(LuaArgs.typeError(args, 1, "client", "table").getMessage());
            }
            HttpClientSettings s;
            try {
                s = settings24 ? HttpClientSettings.parse24((LuaTable) args.arg1(), dnsClient != null && dnsClient.ownSettings(),
                        urlRules)
                        : HttpClientSettings.parse23((LuaTable) args.arg1(), HttpClientLib.this::isEvent);
            } catch (HttpClientSettings.Invalid e) {
                throw LuaArgs.error("Invalid HTTP client setting: " + e.getMessage());
            }
            Client c = new Client(s, eventParent((LuaTable) args.arg1()));
            LuaTable t = object(c);
            t.rawset("request", luaFn("request", HttpClientLib.this::newRequest));
            return t;
        }
    }

    /** {@code event_parent} when it is an event, else {@code script->event} (null: none known). */
    private DovecotEvent eventParent(LuaTable settings) {
        LuaValue p = settings.get("event_parent");
        if (events != null && p.istable() && p.rawget("item").isuserdata(DovecotEvent.class)) {
            return (DovecotEvent) p.rawget("item").touserdata();
        }
        return scriptEvent;
    }

    /** {@code dlua_check_event} on {@code event_parent}: raises its own error for a non-event. */
    private boolean isEvent(LuaValue v) {
        if (events != null) {
            events.check(v, 1);
        }
        return true;
    }

    // ---- request -----------------------------------------------------------------------------

    /** A {@code struct http_client_request} before submission. */
    private static final class DoveRequest {
        final Client client;
        final String method;
        final String url;
        final HttpUrl parsed;
        /** {@code req->id}, given by {@code http_client_request_new}. */
        final int id;
        /** {@code req->event} (null without a client event). */
        DovecotEvent event;
        final List<String[]> headers = new ArrayList<>();
        boolean haveHost, haveDate, haveUserAgent, haveExpect, haveConnection, haveBodySpec, haveAuthorization;
        byte[] payload;
        boolean payloadSync;
        boolean submitted;

        DoveRequest(Client client, String method, String url, HttpUrl parsed, int id) {
            this.client = client;
            this.method = method;
            this.url = url;
            this.parsed = parsed;
            this.id = id;
            this.event = client.event == null ? null : withLabel(client.event.child());
        }

        /** {@code http_client_request_label}: {@code [ReqN: METHOD scheme://host[:port]/target]}. */
        String label() {
            return "[Req" + id + ": " + method + " " + labelUrl(parsed) + "]";
        }

        /** {@code http_client_request_update_event}: the {@code request [ReqN: ...]: } prefix. */
        DovecotEvent withLabel(DovecotEvent e) {
            return e.appendLogPrefix("request " + label() + ": ");
        }

        /** {@code http_client_request_add_header_full(..., replace_existing=TRUE)}. */
        void addHeader(String key, String value) {
            switch (key.toLowerCase(Locale.ROOT)) {
                case "authorization" -> haveAuthorization = true;
                case "connection" -> haveConnection = true;
                case "content-length", "transfer-encoding" -> haveBodySpec = true;
                case "date" -> haveDate = true;
                case "expect" -> haveExpect = true;
                case "host" -> haveHost = true;
                case "user-agent" -> haveUserAgent = true;
                default -> { }
            }
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(key)) {
                    h[1] = value;
                    return;
                }
            }
            headers.add(new String[] {key, value});
        }

        /** {@code http_client_request_remove_header}; the have_hdr_* marks stay. */
        void removeHeader(String key) {
            headers.removeIf(h -> h[0].equalsIgnoreCase(key));
        }

        /** The header block {@code http_client_request_send_real} writes, in its order. */
        List<Map.Entry<String, String>> wireHeaders(String date) {
            List<Map.Entry<String, String>> out = new ArrayList<>();
            if (!haveHost) {
                out.add(Map.entry("Host", authority(parsed)));
            }
            if (!haveDate) {
                out.add(Map.entry("Date", date));
            }
            if (!haveAuthorization && !parsed.username().isEmpty()) {
                String cred = parsed.username() + ":" + parsed.password();
                out.add(Map.entry("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(cred.getBytes(StandardCharsets.UTF_8))));
            }
            if (!haveUserAgent && client.settings.userAgent != null) {
                out.add(Map.entry("User-Agent", client.settings.userAgent));
            }
            if (!haveExpect && payload != null && payloadSync) {
                out.add(Map.entry("Expect", "100-continue"));
            }
            if (payload != null || method.equalsIgnoreCase("POST") || method.equalsIgnoreCase("PUT")) {
                if (!haveBodySpec) {
                    out.add(Map.entry("Content-Length", Integer.toString(payload == null ? 0 : payload.length)));
                }
            }
            if (!haveConnection) {
                out.add(Map.entry("Connection", "Keep-Alive"));
            }
            for (String[] h : headers) {
                out.add(Map.entry(h[0], h[1]));
            }
            return out;
        }
    }

    /** The URL as a request's label and lib-http's lines show it. */
    private static String labelUrl(HttpUrl u) {
        return u.scheme() + "://" + authority(u) + u.encodedPath() + (u.encodedQuery() == null ? "" : "?" + u.encodedQuery());
    }

    /**
     * 2.4.3's {@code dlua_http_request_set_event}: {@code http_client_request_set_event()} makes the
     * request's event a new child of the given one, with the request's label as its prefix (the
     * client's {@code http-client[N]: } is no longer in it); {@code dlua_http_request_get_event}
     * pushes the request's event.
     */
    private void requestEventMethods(LuaTable o) {
        o.rawset("set_event", luaFn("set_event", a -> {
            LuaArgs.require(a, 2);
            DoveRequest r = check(a, 1, REQUEST, DoveRequest.class);
            DovecotEvent parent = events.check(a, 2);
            DovecotEvent e = r.withLabel(parent.child());
            if (r.client.event != null && r.client.event.wantsDebug()) {
                e.setDebug(true); // event_set_forced_debug(req->event, event_want_debug(client->event))
            }
            r.event = e;
            return NONE;
        }));
        o.rawset("get_event", luaFn("get_event", a -> {
            LuaArgs.require(a, 1);
            DoveRequest r = check(a, 1, REQUEST, DoveRequest.class);
            return events.push(r.event);
        }));
    }

    /** {@code req->authority}: host, and the port when it is not the scheme's default. */
    private static String authority(HttpUrl u) {
        String host = u.host().contains(":") ? "[" + u.host() + "]" : u.host();
        return u.port() == HttpUrl.defaultPort(u.scheme()) ? host : host + ":" + u.port();
    }

    /** {@code dlua_http_request_new}: {@code client:request{url=, method=}}. */
    private Varargs newRequest(Varargs args) {
        LuaArgs.require(args, 2);
        Client client = check(args, 1, CLIENT, Client.class);
        if (!args.arg(2).istable()) {
            throw argError("bad argument #1 to 'request' (table expected, got " + LuaArgs.typeName(args, 2) + ")");
        }
        LuaValue t = args.arg(2);
        LuaValue u = t.get("url");
        if (u.isnil()) {
            throw LuaArgs.error("cannot create request: url not specified");
        }
        String url = checkTopString(u);
        String method = "GET";
        LuaValue m = t.get("method");
        if (!m.isnil()) {
            method = checkTopString(m);
        }
        // dlua_http_request_new: http_url_parse(url, NULL, HTTP_URL_ALLOW_USERINFO_PART, ...) on the C string
        HttpUrlParser.Result parsed = u.isstring() ? HttpUrlParser.parse(bytes(u.strvalue()), urlRules,
                HttpUrlParser.Flag.ALLOW_USERINFO_PART)
                : HttpUrlParser.parse(url, urlRules, HttpUrlParser.Flag.ALLOW_USERINFO_PART);
        if (!parsed.ok()) {
            throw LuaArgs.error("Failed to parse url " + HttpUrlParser.asCString(url) + ": " + parsed.error());
        }
        DoveRequest req = new DoveRequest(client, method, url, sendable(url, parsed.url()), clientIds.nextRequest());
        LuaTable o = object(req);
        if (requestEvents) {
            requestEventMethods(o);
        }
        o.rawset("add_header", luaFn("add_header", a -> {
            LuaArgs.require(a, 3);
            DoveRequest r = check(a, 1, REQUEST, DoveRequest.class);
            String name = checkMethodString(a, 2, "add_header");
            String value = checkMethodString(a, 3, "add_header");
            // i_assert()s in http_client_request_add_header_full (2.3.19 lines 443/444); seen on
            // 2.3.19: a value ending in "\n" (a secret file read with its newline) panics the worker
            if (hasAnyOf(name, ":\r\n")) {
                throw new ProcessDeath(ProcessDeath.Kind.PANIC, "file http-client-request.c: line 443 "
                        + "(http_client_request_add_header_full): assertion failed: (strpbrk(key, \":\\r\\n\") == NULL)");
            }
            if (hasAnyOf(value, "\r\n")) {
                throw new ProcessDeath(ProcessDeath.Kind.PANIC, "file http-client-request.c: line 444 "
                        + "(http_client_request_add_header_full): assertion failed: (strpbrk(value, \"\\r\\n\") == NULL)");
            }
            r.addHeader(name, value);
            return NONE;
        }));
        o.rawset("remove_header", luaFn("remove_header", a -> {
            LuaArgs.require(a, 2);
            DoveRequest r = check(a, 1, REQUEST, DoveRequest.class);
            r.removeHeader(checkMethodString(a, 2, "remove_header"));
            return NONE;
        }));
        o.rawset("set_payload", luaFn("set_payload", a -> {
            if (settings24) {
                LuaArgs.requireIn(a, 2, 3);
            } else {
                LuaArgs.require(a, 2);
            }
            DoveRequest r = check(a, 1, REQUEST, DoveRequest.class);
            LuaValue p = a.arg(2);
            if (!(p.type() == LuaValue.TSTRING || p.type() == LuaValue.TNUMBER)) {
                throw argError("bad argument #1 to 'set_payload' (string expected, got " + LuaArgs.typeName(a, 2) + ")");
            }
            LuaString s = p.strvalue();
            byte[] bytes = new byte[s.rawlen()];
            s.copyInto(0, bytes, 0, bytes.length);
            // 2.3: strlen() of the string, and always synchronous (Expect: 100-continue);
            // 2.4: set_payload(str[, sync]), sync defaulting to false.
            int nul = indexOfNul(bytes);
            r.payload = nul >= 0 && !settings24 ? java.util.Arrays.copyOf(bytes, nul) : bytes;
            r.payloadSync = !settings24 || a.arg(3).toboolean();
            return NONE;
        }));
        o.rawset("submit", luaFn("submit", a -> {
            LuaArgs.require(a, 1);
            DoveRequest r = check(a, 1, REQUEST, DoveRequest.class);
            return submit(r);
        }));
        return o;
    }

    /**
     * {@code luaL_argerror}/{@code luaL_typeerror}: unlike Dovecot's own {@code luaL_error} texts,
     * these carry the calling Lua chunk's position (seen on 2.3.19:
     * {@code [string "..."]:1: bad argument #1 to 'client' (table expected, got string)}), so LuaJ
     * adds it here.
     */
    private static org.luaj.vm2.LuaError argError(String msg) {
        return new org.luaj.vm2.LuaError(msg);
    }

    private static String checkMethodString(Varargs args, int i, String fn) {
        try {
            return LuaArgs.checkMethodString(args, i, fn);
        } catch (org.luaj.vm2.LuaError e) {
            throw argError(e.getMessage());
        }
    }

    private static int indexOfNul(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] bytes(org.luaj.vm2.LuaString s) {
        byte[] b = new byte[s.length()];
        s.copyInto(0, b, 0, b.length);
        return b;
    }

    /** OkHttp's URL for one {@code http_url_parse()} accepted ({@link HttpUrls#sendable}). */
    private static HttpUrl sendable(String url, HttpUrlParser.Url parsed) {
        HttpUrl u = HttpUrls.sendable(url, parsed);
        if (u == null) {
            throw new IllegalStateException("lib-http accepts " + url + " but OkHttp cannot send to it");
        }
        return u;
    }

    /** {@code luaL_checkstring(L, -1)}: Lua 5.4 names the stack index, less one for the method call. */
    private static String checkTopString(LuaValue v) {
        if (v.type() == LuaValue.TSTRING || v.type() == LuaValue.TNUMBER) {
            return v.tojstring();
        }
        throw argError("bad argument #-2 to 'request' (string expected, got " + v.typename() + ")");
    }

    // ---- submission --------------------------------------------------------------------------

    /** What the script sees: a status, reason, headers and body. */
    private record Result(int status, String reason, List<Map.Entry<String, String>> headers, byte[] body) {
        static Result internal(int status, String reason) {
            return new Result(status, reason, List.of(), new byte[0]);
        }
    }

    /**
     * Carried on the OkHttp request so the network interceptor writes Dovecot's header block.
     *
     * @param writeTimeoutMs OkHttp's write timeout for it (0: none, see {@link #writeTimeout})
     */
    private record Wire(List<Map.Entry<String, String>> headers, long writeTimeoutMs) {
    }

    /**
     * Requests no bigger than this cannot wait in a write: OkHttp sends HTTP/1.1 requests one at a
     * time, so the socket's send buffer is empty when one is written, and Linux starts every TCP
     * send buffer at 16 KiB ({@code tcp_wmem}'s default), whatever the peer does.
     */
    static final int UNBLOCKED_WRITE = 8 * 1024;

    /**
     * {@code request_timeout_msecs} for the writes of a request of this size (request line, header
     * block, payload; the line counted with the whole URL, which is at least its target), or 0 where
     * no write can wait.
     */
    static long writeTimeout(String requestLine, List<Map.Entry<String, String>> wire, byte[] payload,
            long requestTimeoutMs) {
        long size = requestLine.length() + 2L + (payload == null ? 0 : payload.length);
        for (Map.Entry<String, String> h : wire) {
            size += h.getKey().length() + h.getValue().length() + 4L;
        }
        return size > UNBLOCKED_WRITE ? Math.min(Integer.MAX_VALUE, requestTimeoutMs) : 0;
    }

    /** The application interceptor giving a large request its write timeout (clients have none). */
    private static Response ioTimeouts(okhttp3.Interceptor.Chain chain) throws IOException {
        Wire wire = chain.request().tag(Wire.class);
        if (wire == null || wire.writeTimeoutMs == 0) {
            return chain.proceed(chain.request());
        }
        return chain.withWriteTimeout((int) wire.writeTimeoutMs, TimeUnit.MILLISECONDS).proceed(chain.request());
    }

    /** An answer to {@link #request}: lib-http's status (9xxx for its own failures), reason and payload. */
    public record Answer(int status, String reason, byte[] body) {
    }

    /**
     * A request Dovecot's own C code makes through lib-http (lib-oauth2's introspection), not a
     * script: the same client, routing, header block and 9xxx failures as {@code dovecot.http}.
     *
     * @param headers extra headers in order ({@code http_client_request_add_header})
     * @param payload the body, or null for none
     */
    public Answer request(HttpClientSettings settings, String method, String url, List<Map.Entry<String, String>> headers,
            byte[] payload) {
        // http_client_request_url_str: a URL http_url_parse() refuses fails the request (delayed) with
        // HTTP_CLIENT_REQUEST_ERROR_INVALID_URL
        HttpUrlParser.Result parsed = HttpUrlParser.parse(url, urlRules, HttpUrlParser.Flag.ALLOW_USERINFO_PART);
        if (!parsed.ok()) {
            return new Answer(STATUS_INVALID_URL, "Invalid HTTP URL: " + parsed.error(), new byte[0]);
        }
        DoveRequest r = new DoveRequest(ownClient(settings), method, url, sendable(url, parsed.url()),
                clientIds.nextRequest());
        for (Map.Entry<String, String> h : headers) {
            r.addHeader(h.getKey(), h.getValue());
        }
        r.payload = payload;
        Result result = submitResult(r);
        return new Answer(result.status, result.reason, result.body);
    }

    /** C code's clients by their settings: db-oauth2 makes one at init and sends every request with it. */
    private final Map<HttpClientSettings, Client> ownClients = new java.util.IdentityHashMap<>();

    /**
     * The C code's clients of the auth process (db-oauth2's): a request is not waited for, its
     * callback runs inside the response, and connections take the auth process's fds
     * ({@code fds}); see {@link LibHttpTrace#callbacksInResponse}.
     */
    public HttpClientLib callbacksInResponse(SocketFds fds) {
        if (trace != null) {
            trace.callbacksInResponse().fds(fds);
        }
        return this;
    }

    /**
     * {@code http_client_init_auto()} for C code at its init: the client takes its number now;
     * {@code debug} false: its event does not debug, so lib-http logs only the shared context's
     * lines for it ({@link LibHttpTrace#quietClient}).
     */
    public void initClient(HttpClientSettings settings, boolean debug) {
        Client c = ownClient(settings);
        if (trace != null && !debug) {
            trace.quietClient(c.id);
        }
    }

    /** The callback of the last response returned ({@link LibHttpTrace#callbackReturned}). */
    public void callbackReturned() {
        if (trace != null) {
            trace.callbackReturned();
        }
    }

    private synchronized Client ownClient(HttpClientSettings settings) {
        return ownClients.computeIfAbsent(settings, s -> new Client(s, null));
    }

    private Varargs submit(DoveRequest r) {
        return response(submitResult(r));
    }

    private Result submitResult(DoveRequest r) {
        if (r.submitted) {
            // the request was freed after the first submit; seen on 2.3.19: the worker dies of signal 11
            throw new ProcessDeath(ProcessDeath.Kind.PANIC,
                    "Segmentation fault: http request submitted twice (the struct http_client_request was freed)");
        }
        r.submitted = true;
        long start = System.nanoTime();
        String date = HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
        List<Map.Entry<String, String>> wire = r.wireHeaders(date);
        HttpClientSettings s = r.client.settings;
        HttpUrl url = r.parsed;
        String method = r.method;
        int redirects = 0;
        int attempts = 0;
        Result result;
        // the request's number, given when it was made ([ReqN: ...])
        TraceState traced = new TraceState(r.id);
        while (true) {
            long attemptStart = System.nanoTime();
            traced.wire = wire;
            String lookupError = hostLookupError(s, url);
            if (lookupError != null) {
                // http-client-host.c http_client_host_shared_lookup_failure
                result = Result.internal(STATUS_HOST_LOOKUP_FAILED, "Failed to lookup host " + url.host() + ": " + lookupError);
                trace(traced, r, method, url, result, attemptStart, LibHttpTrace.Next.DONE, null);
                break;
            }
            result = once(r.client, method, url, wire, r.payload, start, attempts);
            boolean retry = s.autoRetry && attempts + 1 < s.maxAttempts
                    && (result.status == STATUS_CONNECTION_LOST || result.status == 408);
            if (retry) {
                trace(traced, r, method, url, result, attemptStart, LibHttpTrace.Next.RETRY, null);
                attempts++;
                continue;
            }
            String location = first(result.headers, "Location");
            if (s.autoRedirect && result.status / 100 == 3 && result.status != 304 && location != null) {
                // http_client_request_redirect (http-client-request.c)
                // http_url_parse(location, NULL, 0, ...): no userinfo, no fragment
                HttpUrlParser.Result target = HttpUrlParser.parse(location, urlRules);
                Result failed = null;
                if (!target.ok()) {
                    failed = Result.internal(STATUS_INVALID_REDIRECT, "Invalid redirect location: " + target.error());
                } else if (++redirects > s.maxRedirects) {
                    failed = Result.internal(STATUS_INVALID_REDIRECT, s.maxRedirects > 0
                            ? "Redirected more than " + s.maxRedirects + " times" : "Redirect refused");
                }
                if (failed != null) {
                    trace(traced, r, method, url, result, attemptStart, LibHttpTrace.Next.REDIRECT_ERROR,
                            failed.status + " " + failed.reason);
                    result = failed;
                    break;
                }
                HttpUrl to = sendable(location, target.url());
                trace(traced, r, method, url, result, attemptStart, LibHttpTrace.Next.REDIRECT, labelUrl(to));
                url = to;
                if (result.status == 303 && !method.equalsIgnoreCase("HEAD")) {
                    method = "GET";
                }
                wire = retarget(wire, url);
                continue;
            }
            trace(traced, r, method, url, result, attemptStart, LibHttpTrace.Next.DONE, null);
            break;
        }
        // http_client_request_callback adds the retries to a response's reason; an error goes
        // through http_client_request_send_error without them (seen on 2.3.19 and 2.4.1, cases 462, 463)
        if (attempts > 0 && result.status < 9000) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            result = new Result(result.status, result.reason + " (" + attempts + " retries in " + secs(ms) + " secs)",
                    result.headers, result.body);
        }
        router.record(new HttpExchange(r.method, r.url, wire, r.payload == null ? new byte[0] : r.payload,
                result.status, result.reason, result.headers, result.body));
        return result;
    }

    /**
     * 2.4.2+: a host name (not an IP literal) is looked up through lib-dns-client with the client's
     * dns_client settings (http-client-host.c {@code http_client_host_shared_lookup}: {@code dns_lookup()}
     * under {@code host->client->event}); what fails before a name server answers, or null.
     */
    private String hostLookupError(HttpClientSettings s, HttpUrl url) {
        if (dnsClient == null || LibHttpTrace.isIpLiteral(url.host())) {
            return null;
        }
        return dnsClient.lookupError(dnsClient.ownSettings() ? s.dnsOverrides : s.given24);
    }

    /** A request's place in lib-http's model: begun on its first traced attempt, dropped once one is not. */
    private static final class TraceState {
        final int number;
        LibHttpTrace.Request request;
        /** The header block the current attempt sends. */
        List<Map.Entry<String, String>> wire = List.of();

        TraceState(int number) {
            this.number = number;
        }

        boolean stopped;
    }

    /**
     * Logs lib-http's lines for one attempt of a request, where they are modelled: every attempt
     * must go to a literal address over plain HTTP and end in a way {@link LibHttpTrace} knows;
     * the first that does not ends the request's lines.
     */
    private void trace(TraceState state, DoveRequest r, String method, HttpUrl u, Result result, long attemptStart,
            LibHttpTrace.Next next, String detail) {
        if (trace == null || state.stopped) {
            return;
        }
        LibHttpTrace.Outcome outcome;
        if (result.status < 9000) {
            outcome = LibHttpTrace.Outcome.RESPONSE;
        } else if (result.status == STATUS_CONNECTION_LOST) {
            outcome = LibHttpTrace.Outcome.CONNECTION_LOST;
        } else if (result.status == STATUS_CONNECT_FAILED && result.reason.endsWith("Connection refused")) {
            outcome = LibHttpTrace.Outcome.CONNECTION_REFUSED;
        } else if (result.status == STATUS_CONNECT_FAILED && result.reason.contains(") failed: Connection timed out in ")) {
            outcome = LibHttpTrace.Outcome.CONNECT_TIMED_OUT;
        } else if (result.status == STATUS_TIMED_OUT && result.reason.startsWith("Request timed out")) {
            outcome = LibHttpTrace.Outcome.TIMED_OUT;
        } else if (result.status == STATUS_TIMED_OUT && result.reason.startsWith(ABSOLUTE_TIMEOUT)) {
            outcome = LibHttpTrace.Outcome.ABSOLUTE_TIMEOUT;
        } else if (result.status == STATUS_CONNECT_FAILED && result.reason.startsWith("SSL handshaking with ")) {
            outcome = LibHttpTrace.Outcome.TLS_FAILED;
        } else {
            outcome = null;
        }
        // a TLS connection's lines follow its handshake: the server's last one with this client
        TlsHandshake tls = "https".equals(u.scheme()) && LibHttpTrace.isIpLiteral(u.host())
                ? r.client.tlsHandshake(u.host(), u.port()) : null;
        boolean address = LibHttpTrace.traced(u.scheme(), u.host())
                // https: a refused connection, before any TLS handshake (cases 468, 469)
                || ("https".equals(u.scheme()) && outcome == LibHttpTrace.Outcome.CONNECTION_REFUSED
                        && LibHttpTrace.traced("http", u.host()))
                // a TLS connection that connects: answered, or its certificate refused (cases 506-508)
                || (tls != null && LibHttpTrace.traced("http", u.host())
                        && (outcome == LibHttpTrace.Outcome.RESPONSE || outcome == LibHttpTrace.Outcome.TLS_FAILED));
        boolean name = !address && "http".equals(u.scheme()) && trace.tracesNames();
        LibHttpTrace.Lookup lookup = null;
        String ip = u.host();
        String queueUrl = LibHttpTrace.queueUrl(u);
        // a redirect to another host or port: the request moves to that queue (cases 504, 505)
        boolean moved = state.request != null && state.request.previous == LibHttpTrace.Next.REDIRECT
                && !state.request.queueUrl.equals(queueUrl);
        if (name && (state.request == null || (moved && !state.request.host.equals(u.host())))) {
            String failedPrefix = "Failed to lookup host " + u.host() + ": ";
            if (result.status == STATUS_HOST_LOOKUP_FAILED && result.reason.startsWith(failedPrefix)) {
                lookup = new LibHttpTrace.Lookup(0, result.reason.substring(failedPrefix.length()));
            } else {
                try {
                    // what getaddrinfo gives the dns-client service: the peer is the first address
                    java.net.InetAddress[] ips = java.net.InetAddress.getAllByName(u.host());
                    lookup = new LibHttpTrace.Lookup(ips.length, null);
                    ip = ips[0].getHostAddress();
                } catch (java.net.UnknownHostException e) {
                    state.stopped = true;
                    return;
                }
            }
        }
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        String peer = name && state.request != null && state.request.host.equals(u.host()) ? state.request.peer
                : host + ":" + u.port();
        boolean lookupFailed = lookup != null && lookup.error() != null;
        if ((outcome == null && !lookupFailed) || !(address || name)
                || (moved && (lookupFailed || !"http".equals(u.scheme())
                        || !trace.moved(state.request, u.host(), peer, queueUrl, lookup)))
                || (state.request != null && !state.request.peer.equals(peer))) {
            state.stopped = true;
            if (state.request == null && "https".equals(u.scheme()) && LibHttpTrace.isIpLiteral(u.host())
                    && (result.status != STATUS_CONNECT_FAILED || result.reason.startsWith("SSL handshaking"))) {
                // a TLS connection to an address: its lines are not modelled, but it takes its
                // connection number and, kept for the next request, its fd (cases 506-508)
                trace.untracedTls(peer, result.status < 9000);
            }
            return;
        }
        if (trace.callbackInResponse() && (outcome != LibHttpTrace.Outcome.RESPONSE || next != LibHttpTrace.Next.DONE
                || state.request != null)) {
            state.stopped = true; // the C clients' failures, retries and redirects are not modelled
            return;
        }
        if (state.request == null) {
            state.request = trace.begin(r.client.id, state.number, method, labelUrl(u), u.host(), peer, queueUrl, lookup,
                    r.client.settings.requestAbsoluteTimeoutMsecs, r.client.sslContext());
            if (state.request == null) {
                state.stopped = true; // the lookup failed the request
                return;
            }
        }
        state.request.idleMsecs = r.client.settings.maxIdleTimeMsecs;
        state.request.sends(r.payload == null || r.payloadSync ? 0 : r.payload.length,
                RawHttpExchange.head(method, u, state.wire).length());
        state.request.tls = tls;
        trace.attempt(state.request, labelUrl(u), outcome, result.status, result.reason,
                (System.nanoTime() - attemptStart) / 1_000_000, result.body.length > 0, next, detail);
    }

    private static List<Map.Entry<String, String>> retarget(List<Map.Entry<String, String>> wire, HttpUrl url) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, String> h : wire) {
            out.add(h.getKey().equals("Host") ? Map.entry("Host", authority(url)) : h);
        }
        return out;
    }

    private static String first(List<Map.Entry<String, String>> headers, String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    private Result once(Client client, String method, HttpUrl url, List<Map.Entry<String, String>> wire,
            byte[] payload, long start, int attempts) {
        int connId = connIds.incrementAndGet();
        if (payload != null && !okhttp3.internal.http.HttpMethod.permitsRequestBody(method)) {
            // OkHttp refuses a body on GET/HEAD; lib-http sends it, so this one goes out by hand
            boolean stub = router.isStub(url);
            return exchange(client, url, connId, start, attempts, () -> {
                RawHttpExchange.Response raw = RawHttpExchange.send(router.resolve(url), url, method,
                        stub ? withoutBodyHeaders(wire) : wire, stub ? null : payload,
                        client.settings.effectiveConnectTimeout(), client.settings.effectiveRequestTimeout(),
                        client.settings.requestAbsoluteTimeoutMsecs, router.maxResponsePayload());
                if (raw.badResponse() != null) {
                    if (raw.badResponse().equals(ResponsePayload.TOO_LARGE)) {
                        router.payloadCut(url, "the response's Content-Length is above");
                    }
                    return Result.internal(STATUS_BAD_RESPONSE, raw.badResponse());
                }
                return new Result(raw.status(), raw.reason(), raw.headers(), payloadRead(url, raw.payload()));
            });
        }
        RequestBody body = null;
        if (payload != null || okhttp3.internal.http.HttpMethod.requiresRequestBody(method)) {
            body = RequestBody.create(payload == null ? new byte[0] : payload, null);
        }
        Request req;
        try {
            req = new Request.Builder().url(url).method(method, body).tag(Wire.class,
                    new Wire(wire, writeTimeout(method + " " + url + " HTTP/1.1", wire, payload,
                            client.settings.effectiveRequestTimeout()))).build();
        } catch (IllegalArgumentException e) {
            // a method OkHttp cannot put on the wire; say so rather than guess what lib-http would do
            return Result.internal(STATUS_ABORTED, "dovelua: " + e.getMessage());
        }
        Call call = client.okFor(url).newCall(req);
        // what arrived, to quote a bad status line as lib-http does; only plain HTTP is readable
        boolean plain = router.targetFor(url) != null || "http".equals(url.scheme());
        RecordingSocketFactory.begin((int) Math.min(Integer.MAX_VALUE, client.settings.effectiveRequestTimeout()));
        Result result = exchange(client, url, connId, start, attempts, () -> {
            try (Response resp = call.execute()) {
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                Headers h = resp.headers();
                for (int i = 0; i < h.size(); i++) {
                    headers.add(Map.entry(h.name(i), h.value(i)));
                }
                ResponseBody rb = resp.body();
                if (rb == null) {
                    return new Result(resp.code(), resp.message(), headers, new byte[0]);
                }
                long ceiling = router.maxResponsePayload();
                if (rb.contentLength() > ceiling) {
                    // http_message_parse_body_sized with a max payload size: a parse error (9007)
                    router.payloadCut(url, "the response's Content-Length is above");
                    return Result.internal(STATUS_BAD_RESPONSE, ResponsePayload.TOO_LARGE);
                }
                boolean chunked = "chunked".equalsIgnoreCase(resp.header("Transfer-Encoding"));
                ResponsePayload.Read read = ResponsePayload.read(rb.byteStream(), chunked, ceiling,
                        client.settings.effectiveRequestTimeout());
                return new Result(resp.code(), resp.message(), headers, payloadRead(url, read));
            }
        });
        byte[] received = RecordingSocketFactory.end();
        if (plain && received.length > 0 && (result.status < 9000 || result.status == STATUS_BAD_RESPONSE)) {
            String error = HttpResponseParser.statusLineError(received, HttpResponseParser.finalResponseStart(received));
            if (error != null) {
                return Result.internal(STATUS_BAD_RESPONSE, error);
            }
        }
        return result;
    }

    /**
     * The payload the script gets, after logging what dlua logs for a failed read
     * ({@code e_error(ctx->event, "ERROR: REQUEST PAYLOAD READ ERROR: %s", ...)}, dlua-dovecot-http.c)
     * and dovelua's hint when its own limits cut the payload.
     */
    private byte[] payloadRead(HttpUrl url, ResponsePayload.Read read) {
        if (read.error() != null && scriptEvent != null) {
            scriptEvent.error("ERROR: REQUEST PAYLOAD READ ERROR: " + read.error());
        }
        if (read.cut() == ResponsePayload.Cut.CEILING) {
            router.payloadCut(url, "the response payload went past");
        } else if (read.cut() == ResponsePayload.Cut.ABSOLUTE_TIMEOUT) {
            router.payloadTimedOut(url, read.bytes().length);
        }
        return read.bytes();
    }

    /** Dovecot's header block without what announces a payload (for a stub that takes none on GET). */
    private static List<Map.Entry<String, String>> withoutBodyHeaders(List<Map.Entry<String, String>> wire) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, String> h : wire) {
            if (!h.getKey().equalsIgnoreCase("Expect") && !h.getKey().equalsIgnoreCase("Content-Length")) {
                out.add(h);
            }
        }
        return out;
    }

    private interface Exchange {
        Result run() throws IOException;
    }

    /** Runs one exchange and turns transport failures into lib-http's 9xxx statuses and texts. */
    private Result exchange(Client client, HttpUrl url, int connId, long start, int attempts, Exchange exchange) {
        try {
            return exchange.run();
        } catch (UnknownHostException e) {
            // http-client-host.c: "Failed to lookup host %s: %s" with getaddrinfo's text
            return Result.internal(STATUS_HOST_LOOKUP_FAILED,
                    "Failed to lookup host " + url.host() + ": Name or service not known");
        } catch (ConnectException e) {
            return Result.internal(STATUS_CONNECT_FAILED,
                    "connect(" + target(client, url) + ") failed: Connection refused");
        } catch (SocketTimeoutException e) {
            // the JDK's NioSocketImpl says "Connect timed out" (older ones "connect timed out")
            if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).startsWith("connect timed out")) {
                return Result.internal(STATUS_CONNECT_FAILED, "connect(" + target(client, url)
                        + ") failed: Connection timed out in " + secs(elapsed(start)) + " secs");
            }
            return Result.internal(STATUS_TIMED_OUT, "Request timed out (" + stats(start, attempts) + ")");
        } catch (InterruptedIOException e) {
            // OkHttp's call timeout: request_absolute_timeout_msecs
            return Result.internal(STATUS_TIMED_OUT, ABSOLUTE_TIMEOUT + " (" + stats(start, attempts) + ")");
        } catch (javax.net.ssl.SSLHandshakeException e) {
            String cert = client.tlsFailure();
            if (cert == null) {
                return lost(client, url, connId, start, attempts);
            }
            // http-client-connection.c http_client_connection_ssl_handshaked's failure, with
            // lib-ssl-iostream's error for the certificate (seen on 2.3.19 and 2.4.1, cases 506, 507)
            String at = target(client, url);
            return Result.internal(STATUS_CONNECT_FAILED, "SSL handshaking with " + at + " failed: read(SSL (conn:" + at
                    + ",id=" + connId + ")) failed: " + cert);
        } catch (ProtocolException e) {
            return Result.internal(STATUS_BAD_RESPONSE, badResponse(e.getMessage()));
        } catch (IOException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.startsWith("Unexpected status line")) {
                return Result.internal(STATUS_BAD_RESPONSE, badResponse(msg));
            }
            return lost(client, url, connId, start, attempts);
        }
    }

    private Result lost(Client client, HttpUrl url, int connId, long start, int attempts) {
        return Result.internal(STATUS_CONNECTION_LOST, "Connection lost: read((conn:" + target(client, url)
                + ",id=" + connId + ")) failed: EOF (" + stats(start, attempts) + ")");
    }

    /**
     * http-response-parser.c's {@code Invalid HTTP version in response: %s} from OkHttp's message
     * alone, for when the received bytes cannot be read (TLS): without the bytes after the line's
     * CRLF that lib-http would quote. Plain connections get {@link HttpResponseParser}'s exact text.
     */
    private static String badResponse(String okhttpMessage) {
        String prefix = "Unexpected status line: ";
        if (okhttpMessage != null && okhttpMessage.startsWith(prefix)) {
            return "Invalid HTTP version in response: " + replySanitize(okhttpMessage.substring(prefix.length()) + "\r\n");
        }
        return "Invalid HTTP response: " + okhttpMessage;
    }

    static String replySanitize(String received) {
        return HttpResponseParser.sanitize(received.getBytes(StandardCharsets.ISO_8859_1), 0);
    }

    /** The ip:port lib-http connects to (after routing, as the stub's address is what is dialled). */
    private String target(Client client, HttpUrl url) {
        HttpUrl routed = router.targetFor(url);
        HttpUrl u = routed != null ? routed : url;
        return u.host() + ":" + u.port();
    }

    /** {@code strpbrk(s, chars) != NULL} (a regex here was compiled twice per add_header). */
    private static boolean hasAnyOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String secs(long ms) {
        return String.format(Locale.ROOT, "%d.%03d", ms / 1000, ms % 1000);
    }

    /** {@code http_client_request_append_stats_text}, capitalised as lib-http's callers print it. */
    private static String stats(long start, int attempts) {
        String t = secs(elapsed(start));
        return "Request queued " + t + " secs ago" + (attempts > 0 ? ", " + attempts + " times retried" : "")
                + ", 1 send attempts in " + t + " secs, " + t + " in http ioloop, 0.000 in other ioloops, connected "
                + t + " secs ago";
    }

    /** The network interceptor: lib-http's header block replaces OkHttp's. */
    private static Response dovecotWire(okhttp3.Interceptor.Chain chain) throws IOException {
        Request req = chain.request();
        Wire wire = req.tag(Wire.class);
        if (wire == null) {
            return chain.proceed(req);
        }
        Headers.Builder hb = new Headers.Builder();
        for (Map.Entry<String, String> h : wire.headers) {
            hb.addUnsafeNonAscii(h.getKey(), h.getValue());
        }
        return chain.proceed(req.newBuilder().headers(hb.build()).build());
    }

    // ---- response ----------------------------------------------------------------------------

    /** {@code dlua_push_http_response}. */
    private static LuaTable response(Result r) {
        LuaTable o = object(r);
        o.rawset("status", luaFn("status", a -> {
            LuaArgs.require(a, 1);
            return Lua54Arith.integer(check(a, 1, RESPONSE, Result.class).status);
        }));
        o.rawset("payload", luaFn("payload", a -> {
            LuaArgs.require(a, 1);
            return LuaString.valueUsing(check(a, 1, RESPONSE, Result.class).body);
        }));
        o.rawset("header", luaFn("header", a -> {
            LuaArgs.require(a, 2);
            Result res = check(a, 1, RESPONSE, Result.class);
            String name = checkMethodString(a, 2, "header");
            String v = first(res.headers, name);
            return LuaValue.valueOf(v == null ? "" : v); // absent: "" (seen on 2.3.19)
        }));
        o.rawset("reason", luaFn("reason", a -> {
            LuaArgs.require(a, 1);
            return LuaValue.valueOf(check(a, 1, RESPONSE, Result.class).reason);
        }));
        return o;
    }
}
