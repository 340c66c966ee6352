package org.dovelua.stubs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code nauthilus}: Nauthilus's backchannel auth API (nauthilus-spec.md Part 1) for the users of
 * a YAML file: {@code /api/v1/auth/json} and {@code /api/v1/auth/header}, {@code mode=no-auth} and
 * {@code mode=list-accounts} with Accept negotiation, Basic auth of the caller, and the
 * 200/403/500/400/401 shapes with exactly the headers real Nauthilus sends or leaves out (§1.6).
 * {@code version: 3} decodes JSON strictly (unknown fields such as Dovecot's {@code service} are
 * 400, §1.3); {@code version: 2} is ≤2.x's lenient decoding and exact Accept matching (§1.8).
 */
public final class NauthilusStub extends StubServer {
    /** The file. */
    public static final class Spec {
        /** Major version: 3 (strict JSON, HEAD behaviour) or 2 (1.4–2.x lenient). */
        public int version = 3;
        /** Caller credentials ({@code auth.backchannel.basic_auth}); absent: no check. */
        public Backchannel backchannel;
        /** Non-empty: every auth request is a temporary failure with this reason (500). */
        public String tempfail;
        /** Every password check is a brute-force hit (403, default text). */
        public boolean bruteForce;
        /** The name of the account attribute ({@code account_field}). */
        public String accountField = "account";
        /** The backend number reported in {@code backend} (3 = lua). */
        public int backend = 3;
        @com.fasterxml.jackson.annotation.JsonSetter(nulls = com.fasterxml.jackson.annotation.Nulls.FAIL, contentNulls = com.fasterxml.jackson.annotation.Nulls.FAIL)
        public Map<String, User> users = new LinkedHashMap<>();

        public void setVersion(int v) {
            if (v < 1 || v > 3) {
                throw new IllegalArgumentException("version must be 1, 2 or 3 (the Nauthilus major version), not " + v);
            }
            version = v;
        }
    }

    /** {@code auth.backchannel.basic_auth}. */
    public static final class Backchannel {
        public String username;
        public String password;
    }

    /** One user as the backend sees it. */
    public static final class User {
        public String password;
        /** The account value (Auth-User); defaults to the login name. */
        public String account;
        /** Attributes: a scalar or a list of scalars each. */
        @com.fasterxml.jackson.annotation.JsonSetter(nulls = com.fasterxml.jackson.annotation.Nulls.FAIL)
        public Map<String, Object> attributes = new LinkedHashMap<>();
        /** A status text a site script sets before denying (e.g. "Account not enabled"). */
        public String deny;
    }

    static final String PASSWORD_FAIL = "Invalid login or password";
    static final String TEMPFAIL_DEFAULT = "Temporary server problem, try again later";
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final Set<String> REQUEST_FIELDS = Set.of("username", "password", "client_ip", "client_port",
            "client_hostname", "client_id", "local_ip", "local_port", "protocol", "method", "user_agent",
            "external_session_id", "ssl", "ssl_session_id", "ssl_client_verify", "ssl_client_dn", "ssl_client_cn",
            "ssl_issuer", "ssl_client_notbefore", "ssl_client_notafter", "ssl_subject_dn", "ssl_issuer_dn",
            "ssl_client_subject_dn", "ssl_client_issuer_dn", "ssl_protocol", "ssl_cipher", "ssl_serial",
            "ssl_fingerprint", "oidc_cid", "auth_login_attempt");
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);

    private final Spec spec;
    private final Random random = new Random(4711);
    private final Map<String, Integer> failures = new HashMap<>();
    /** A user's 200 JSON body by login name: it depends on the file only, and building it was a third of the stub's time. */
    private final Map<String, String> okBodies = new HashMap<>();

    NauthilusStub(Spec spec) {
        this.spec = spec;
    }

    @Override
    public synchronized void reset() {
        random.setSeed(4711);
        failures.clear();
        okBodies.clear();
    }

    /** What one auth request asks. */
    private record Ask(String username, String password, boolean noAuth) {
    }

    @Override
    protected synchronized StubResponse handle(StubRequest request) {
        okhttp3.HttpUrl url = request.url(); // parsed once, not four times
        String path = url == null ? "" : url.encodedPath();
        String mode = url == null ? null : url.queryParameter("mode");
        boolean json = path.equals("/api/v1/auth/json");
        boolean header = path.equals("/api/v1/auth/header");
        if (!json && !header) {
            return response(404, "Not Found", "", "Date", date()); // NoRoute: empty body
        }
        if (!backchannelOk(request.header("Authorization"))) {
            // §1.2: no Auth-Status, no session, empty body
            return response(401, "Unauthorized", "", "Date", date(),
                    "Www-Authenticate", "Basic realm=\"restricted\", charset=\"UTF-8\"");
        }
        if ("list-accounts".equals(mode)) {
            return listAccounts(request.header("Accept"));
        }
        boolean noAuth = "no-auth".equals(mode);
        Ask ask;
        if (json) {
            String ct = request.header("Content-Type");
            if (ct == null || !(ct.startsWith("application/json") || ct.startsWith("application/x-www-form-urlencoded"))) {
                return jsonError(400, "Bad Request", "{\"error\":\"Unsupported media type\"}");
            }
            Object decoded = decode(request.bodyUtf8(), noAuth);
            if (decoded instanceof StubResponse bad) {
                return bad;
            }
            ask = (Ask) decoded;
        } else {
            ask = new Ask(nz(request.header("Auth-User")), nz(request.header("Auth-Pass")), noAuth);
            if (ask.username.isEmpty()) {
                return tempfail(false, "No username given");
            }
        }
        return decide(ask, json);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private boolean backchannelOk(String authorization) {
        if (spec.backchannel == null) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String cred = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            return cred.equals(spec.backchannel.username + ":" + spec.backchannel.password);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** §1.3: strict (3.x) or lenient (≤2.x) decoding; an Ask, or the 400 response. */
    private Object decode(String body, boolean noAuth) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return jsonError(400, "Bad Request", error(goSyntaxError(body)));
        }
        if (node == null || !node.isObject()) {
            String t = node == null || node.isNull() ? null : goType(node);
            if (t != null) {
                return jsonError(400, "Bad Request", error("json: cannot unmarshal " + t + " into Go value of type authdto.JSONRequest"));
            }
            node = JSON.createObjectNode();
        }
        var fields = node.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (!REQUEST_FIELDS.contains(f.getKey())) {
                if (spec.version >= 3) {
                    return jsonError(400, "Bad Request", error("json: unknown field \"" + f.getKey() + "\""));
                }
                continue;
            }
            JsonNode v = f.getValue();
            boolean wantsNumber = f.getKey().equals("auth_login_attempt");
            if (!v.isNull() && (wantsNumber ? !v.canConvertToLong() || v.asLong() < 0 : !v.isTextual())) {
                return jsonError(400, "Bad Request", error("json: cannot unmarshal " + goType(v)
                        + " into Go struct field JSONRequest." + f.getKey() + " of type " + (wantsNumber ? "uint" : "string")));
            }
        }
        String user = node.path("username").asText("");
        String pass = node.path("password").asText("");
        if (user.isEmpty()) {
            return jsonError(400, "Bad Request", "{\"errors\":[{\"field\":\"Username\",\"message\":\"This field is required\"}]}");
        }
        if (pass.isEmpty() && !noAuth) {
            return jsonError(400, "Bad Request", "{\"errors\":[{\"field\":\"Password\",\"message\":\"This field is required\"}]}");
        }
        return new Ask(user, pass, noAuth);
    }

    private static String goType(JsonNode v) {
        if (v.isNumber()) {
            return "number";
        }
        if (v.isBoolean()) {
            return "bool";
        }
        if (v.isArray()) {
            return "array";
        }
        if (v.isObject()) {
            return "object";
        }
        return "string";
    }

    private static String goSyntaxError(String body) {
        String t = body.strip();
        if (t.isEmpty()) {
            return "EOF";
        }
        return "invalid character '" + t.charAt(0) + "' looking for beginning of value";
    }

    private static String error(String msg) {
        ObjectNode o = JSON.createObjectNode();
        o.put("error", msg);
        return o.toString();
    }

    /** §1.5: the pipeline's outcome for one request. */
    private StubResponse decide(Ask ask, boolean json) {
        if (spec.tempfail != null && !spec.tempfail.isEmpty()) {
            return tempfail(json, spec.tempfail);
        }
        if (spec.bruteForce && !ask.noAuth) {
            return fail(json, ask.username, PASSWORD_FAIL);
        }
        User u = spec.users.get(ask.username);
        if (u == null) {
            return fail(json, ask.username, PASSWORD_FAIL);
        }
        if (!ask.noAuth && (u.password == null || !u.password.equals(ask.password))) {
            return fail(json, ask.username, PASSWORD_FAIL);
        }
        if (u.deny != null && !u.deny.isEmpty()) {
            return fail(json, ask.username, u.deny);
        }
        return ok(json, ask.username, u);
    }

    private String account(String username, User u) {
        return u.account != null ? u.account : username;
    }

    private Map<String, List<String>> attributes(String username, User u) {
        Map<String, List<String>> attrs = new TreeMap<>(); // Go sorts map keys
        u.attributes.forEach((k, v) -> {
            List<String> values = new ArrayList<>();
            if (v instanceof List<?> l) {
                l.forEach(x -> values.add(String.valueOf(x)));
            } else {
                values.add(String.valueOf(v));
            }
            attrs.put(k, values);
        });
        attrs.put(spec.accountField, List.of(account(username, u)));
        return attrs;
    }

    private StubResponse ok(boolean json, String username, User u) {
        String account = account(username, u);
        Map<String, List<String>> attrs = attributes(username, u);
        List<String> h = new ArrayList<>(List.of("Auth-Status", "OK"));
        if (!account.isEmpty()) {
            h.addAll(List.of("Auth-User", account));
        }
        if (json) {
            h.addAll(List.of("Content-Type", JSON_TYPE));
        }
        h.addAll(List.of("Date", date()));
        if (!json) {
            // setHeaderHeaders: each attribute as X-Nauthilus-<Canonical-Name>, values comma-joined
            attrs.forEach((k, v) -> h.addAll(List.of("X-Nauthilus-" + canonical(k), String.join(k.equals("dn") ? ";" : ",", v))));
        }
        h.addAll(List.of("X-Nauthilus-Memory-Cache", "Miss", "X-Nauthilus-Session", ksuid()));
        String body = json ? okBodies.computeIfAbsent(username, n -> okBody(attrs)) : "";
        return response(200, "OK", body, h.toArray(new String[0]));
    }

    private String okBody(Map<String, List<String>> attrs) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ok", true);
        o.put("account_field", spec.accountField);
        o.put("totp_secret_field", "");
        o.put("backend", spec.backend);
        ObjectNode a = o.putObject("attributes");
        attrs.forEach((k, v) -> {
            ArrayNode arr = a.putArray(k);
            v.forEach(arr::add);
        });
        return o.toString();
    }

    private StubResponse fail(boolean json, String username, String text) {
        int n = failures.merge(username, 1, Integer::sum);
        int wait = (int) (10 * Math.tanh(0.03 * n)); // setAuthWaitHeader
        return response(403, "Forbidden", "null", "Auth-Status", text, "Auth-Wait", Integer.toString(wait),
                "Content-Type", JSON_TYPE, "Date", date(), "X-Nauthilus-Session", ksuid());
    }

    private StubResponse tempfail(boolean json, String reason) {
        if (json) {
            return response(500, "Internal Server Error", error(reason), "Auth-Status", reason,
                    "Content-Type", JSON_TYPE, "Date", date(), "X-Nauthilus-Session", ksuid());
        }
        return response(500, "Internal Server Error", reason, "Auth-Status", reason,
                "Content-Type", "text/plain; charset=utf-8", "Date", date(), "X-Nauthilus-Session", ksuid());
    }

    private StubResponse jsonError(int status, String reason, String body) {
        return response(status, reason, body, "Content-Type", JSON_TYPE, "Date", date());
    }

    /** §1.8: the account list, in the representation the Accept header negotiates. */
    private StubResponse listAccounts(String accept) {
        List<String> accounts = new ArrayList<>();
        spec.users.forEach((name, u) -> {
            String a = account(name, u);
            if (!accounts.contains(a)) {
                accounts.add(a);
            }
        });
        String type = spec.version >= 3 ? negotiate(accept) : exact(accept);
        if (type == null) {
            return response(415, "Unsupported Media Type", "", "Date", date());
        }
        switch (type) {
            case "application/json": {
                ArrayNode arr = JSON.createArrayNode();
                accounts.forEach(arr::add);
                return response(200, "OK", arr.toString(), "Content-Type", JSON_TYPE, "Date", date());
            }
            case "application/cbor":
                return new StubResponse().status("HTTP/1.1 200 OK").header("Content-Type", "application/cbor")
                        .header("Date", date()).body(cbor(accounts));
            default: {
                StringBuilder sb = new StringBuilder();
                accounts.forEach(a -> sb.append(a).append("\r\n"));
                return response(200, "OK", sb.toString(), "Content-Type", type + "; charset=utf-8", "Date", date());
            }
        }
    }

    /** ≤2.x compared Accept exactly; an empty Accept was 415. */
    private static String exact(String accept) {
        if ("application/json".equals(accept)) {
            return "application/json";
        }
        if ("*/*".equals(accept) || "text/plain".equals(accept)) {
            return "text/plain";
        }
        return null;
    }

    /** 3.x negotiation: highest q wins, ties go to cbor, json, form, text (contentneg/negotiator.go). */
    static String negotiate(String accept) {
        List<String> offers = List.of("application/cbor", "application/json", "application/x-www-form-urlencoded", "text/plain");
        if (accept == null || accept.isBlank()) {
            return offers.get(0);
        }
        String best = null;
        double bestQ = 0;
        for (String offer : offers) {
            double q = 0;
            for (String part : accept.split(",")) {
                String[] p = part.trim().split(";");
                String range = p[0].trim().toLowerCase(Locale.ROOT);
                double pq = 1;
                for (int i = 1; i < p.length; i++) {
                    String param = p[i].trim();
                    if (param.startsWith("q=")) {
                        try {
                            pq = Double.parseDouble(param.substring(2));
                        } catch (NumberFormatException e) {
                            pq = 0;
                        }
                    }
                }
                boolean match = range.equals(offer) || range.equals("*/*")
                        || (range.endsWith("/*") && offer.startsWith(range.substring(0, range.length() - 1)));
                if (match) {
                    q = Math.max(q, pq);
                }
            }
            if (q > bestQ) {
                bestQ = q;
                best = offer;
            }
        }
        return best;
    }

    /** A CBOR array of text strings (RFC 8949 major types 4 and 3). */
    static byte[] cbor(List<String> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        head(out, 4, items.size());
        for (String s : items) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            head(out, 3, b.length);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private static void head(ByteArrayOutputStream out, int major, long n) {
        int m = major << 5;
        if (n < 24) {
            out.write(m | (int) n);
        } else if (n < 0x100) {
            out.write(m | 24);
            out.write((int) n);
        } else if (n < 0x10000) {
            out.write(m | 25);
            out.write((int) (n >> 8));
            out.write((int) n & 0xff);
        } else {
            out.write(m | 26);
            for (int s = 24; s >= 0; s -= 8) {
                out.write((int) (n >> s) & 0xff);
            }
        }
    }

    /** Go's textproto.CanonicalMIMEHeaderKey: {@code rnsMSQuota} → {@code Rnsmsquota}. */
    static String canonical(String name) {
        StringBuilder sb = new StringBuilder();
        boolean upper = true;
        for (char c : name.toCharArray()) {
            sb.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return sb.toString();
    }

    /** A KSUID: 4 bytes of seconds since 2014-05-13 and 16 random bytes, 27 base62 digits. */
    String ksuid() {
        byte[] b = new byte[20];
        long ts = System.currentTimeMillis() / 1000 - 1_400_000_000L;
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) (ts >> (24 - 8 * i));
        }
        byte[] payload = new byte[16];
        random.nextBytes(payload);
        System.arraycopy(payload, 0, b, 4, 16);
        return base62(b);
    }

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /**
     * The 20 bytes as one unsigned big-endian number in 27 base62 digits, most significant first
     * (segmentio/ksuid's fastEncodeBase62): long division of five 32-bit words by 62, no BigInteger.
     */
    static String base62(byte[] b) {
        int[] words = new int[5];
        for (int i = 0; i < 5; i++) {
            words[i] = (b[4 * i] & 0xff) << 24 | (b[4 * i + 1] & 0xff) << 16 | (b[4 * i + 2] & 0xff) << 8
                    | (b[4 * i + 3] & 0xff);
        }
        char[] out = new char[27];
        java.util.Arrays.fill(out, '0');
        int pos = out.length;
        boolean nonZero = true;
        while (nonZero) {
            nonZero = false;
            long rem = 0;
            for (int i = 0; i < words.length; i++) {
                long cur = rem << 32 | (words[i] & 0xffffffffL);
                long q = cur / 62;
                rem = cur % 62;
                words[i] = (int) q;
                nonZero |= q != 0;
            }
            if (nonZero || rem != 0) {
                out[--pos] = BASE62.charAt((int) rem);
            }
        }
        return new String(out);
    }

    /** The Date header's text, made once per second (its resolution). */
    private static volatile Object[] lastDate = {Long.MIN_VALUE, ""};

    private static String date() {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        long second = now.toEpochSecond();
        Object[] last = lastDate;
        if ((Long) last[0] == second) {
            return (String) last[1];
        }
        String text = HTTP_DATE.format(now);
        lastDate = new Object[] {second, text};
        return text;
    }
}
