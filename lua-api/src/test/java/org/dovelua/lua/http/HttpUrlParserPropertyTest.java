package org.dovelua.lua.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.dovelua.lua.http.HttpUrlParser.Flag;
import org.dovelua.lua.http.HttpUrlParser.Rules;
import org.junit.jupiter.api.Test;

/**
 * Invariants of {@link HttpUrlParser} over generated URLs (a fixed seed, so a failure repeats):
 * it never throws and only says lib-http's texts; a well-formed http(s) URL OkHttp accepts, it
 * accepts too; what it accepts OkHttp can be sent to; a byte no URL component allows is refused
 * wherever it is put.
 */
class HttpUrlParserPropertyTest {
    private static final long SEED = 0x5EED_0519L;
    private static final int ROUNDS = 4000;
    private static final Rules[] RULES = {Rules.V23, Rules.V24};

    /** Every text http_url_parse() gives for an absolute URL (http-url.c, uri-util.c). */
    private static final Pattern ERRORS = Pattern.compile(String.join("|",
            "Relative HTTP URL not allowed", "Not an HTTP URL", "Absolute HTTP URL requires `//' after `http:'",
            "HTTP URL does not allow empty host identifier", "HTTP URL does not allow `userinfo@' part",
            "Invalid host identifier", "Invalid host port", "Invalid port number",
            "Invalid domain label in hostname", "Invalid percent encoding in hostname", "\\(null\\)",
            "Expecting ']' at end of IP-literal", "Empty IPv6 host address",
            "Future IP host address '.*' not supported", "Invalid IPv6 host address '.*'",
            "Unexpected URI boundary after '%'", "Expecting hex digit after '%.?', but found ('.'|<0x[0-9a-f]{2}>)",
            "Percent encoding is not allowed to encode NUL character",
            "(Path|Query|Fragment) component contains invalid character( '.'| <0x[0-9a-f]{2}>)?",
            "URL fragment not allowed for HTTP URL in this context"), Pattern.DOTALL);

    private static final String UNRESERVED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~";
    private static final String SUB_DELIMS = "!$&'()*+,;=";
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    /** Bytes no part of an http URL takes (not unreserved, sub-delims, gen-delims or '%'). */
    private static final String NEVER = " \"<>\\^`{|}\u007f\t";

    private final Random random = new Random(SEED);

    @Test
    void neverThrowsAndSaysOnlyLibHttpsTexts() {
        String alphabet = "hHtTpPsS:/?#[]@%.-_~!$&'()*+,;=0123456789aAfFgGzZv \t\"\\\u00e9\u0001";
        for (int i = 0; i < ROUNDS; i++) {
            StringBuilder b = new StringBuilder(random.nextBoolean() ? "http://" : "");
            int n = random.nextInt(24);
            for (int k = 0; k < n; k++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String url = b.toString();
            for (Rules rules : RULES) {
                for (Flag[] flags : List.of(new Flag[0], new Flag[] {Flag.ALLOW_USERINFO_PART},
                        new Flag[] {Flag.ALLOW_USERINFO_PART, Flag.ALLOW_FRAGMENT_PART, Flag.ALLOW_PCT_NUL})) {
                    HttpUrlParser.Result r = HttpUrlParser.parse(url, rules, flags);
                    assertThat(r.ok() != (r.error() != null)).as(url).isTrue();
                    if (!r.ok()) {
                        assertThat(r.error()).as(url).matches(ERRORS);
                    } else {
                        assertThat(HttpUrls.sendable(url, r.url())).as("sendable %s", url).isNotNull();
                    }
                }
            }
        }
    }

    @Test
    void wellFormedUrlsOkHttpAcceptsAreAccepted() {
        for (int i = 0; i < ROUNDS; i++) {
            String url = wellFormed();
            HttpUrl ok = HttpUrl.parse(url);
            assertThat(ok).as("OkHttp %s", url).isNotNull();
            for (Rules rules : RULES) {
                HttpUrlParser.Result r = HttpUrlParser.parse(url, rules, Flag.ALLOW_USERINFO_PART);
                assertThat(r.error()).as("%s (%s)", url, rules).isNull();
                HttpUrl sent = HttpUrls.sendable(url, r.url());
                assertThat(sent.isHttps()).as(url).isEqualTo(r.url().https());
                assertThat(sent.port()).as(url)
                        .isEqualTo(r.url().port() == 0 ? HttpUrl.defaultPort(sent.scheme()) : r.url().port());
                String host = r.url().ipLiteral() ? r.url().host().substring(1, r.url().host().length() - 1)
                        : r.url().host();
                if (!host.contains(":")) {
                    assertThat(sent.host()).as(url).isEqualTo(host.toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    @Test
    void aByteNoComponentAllowsIsRefusedAnywhere() {
        for (int i = 0; i < ROUNDS / 4; i++) {
            String url = wellFormed();
            int at = random.nextInt(url.length() + 1);
            char bad = NEVER.charAt(random.nextInt(NEVER.length()));
            String broken = url.substring(0, at) + bad + url.substring(at);
            for (Rules rules : RULES) {
                assertThat(HttpUrlParser.parse(broken, rules, Flag.ALLOW_USERINFO_PART, Flag.ALLOW_FRAGMENT_PART).ok())
                        .as("%s (%s)", broken, rules).isFalse();
            }
        }
    }

    /** An RFC 3986 http(s) URL whose host is a DNS name, an IPv4 address or an IPv6 literal. */
    private String wellFormed() {
        StringBuilder b = new StringBuilder();
        String scheme = random.nextBoolean() ? "http" : "https";
        b.append(random.nextInt(4) == 0 ? scheme.toUpperCase(Locale.ROOT) : scheme).append("://");
        if (random.nextInt(5) == 0) {
            b.append(chars(UNRESERVED + SUB_DELIMS + ":", 1 + random.nextInt(8))).append('@');
        }
        switch (random.nextInt(4)) {
            case 0 -> b.append(random.nextInt(256)).append('.').append(random.nextInt(256)).append('.')
                    .append(random.nextInt(256)).append('.').append(random.nextInt(256));
            case 1 -> b.append('[').append(ipv6()).append(']');
            default -> b.append(hostName());
        }
        if (random.nextInt(3) == 0) {
            b.append(':').append(1 + random.nextInt(65535));
        }
        int segments = random.nextInt(4);
        for (int k = 0; k < segments; k++) {
            b.append('/').append(pchars(random.nextInt(6)));
        }
        if (random.nextInt(3) == 0) {
            b.append('?').append(pchars(random.nextInt(8)).replace("%2F", "/"));
        }
        return b.toString();
    }

    private String hostName() {
        List<String> labels = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int k = 0; k < n; k++) {
            String label = chars(ALNUM, 1);
            if (random.nextBoolean()) {
                label += chars(ALNUM + "-", random.nextInt(6)) + chars(ALNUM, 1);
            }
            labels.add(label);
        }
        // a last label of letters: OkHttp takes an all-digit name for an address
        labels.add(chars("abcdefghijklmnopqrstuvwxyz", 2 + random.nextInt(3)));
        return String.join(".", labels);
    }

    private String ipv6() {
        List<String> groups = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            groups.add(Integer.toHexString(random.nextInt(0x10000)));
        }
        if (random.nextBoolean()) {
            int from = random.nextInt(8);
            int to = from + 1 + random.nextInt(8 - from);
            String head = String.join(":", groups.subList(0, from));
            String tail = String.join(":", groups.subList(to, 8));
            return head + "::" + tail;
        }
        return String.join(":", groups);
    }

    /** pchar, with some percent escapes (never %00). */
    private String pchars(int n) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < n; k++) {
            if (random.nextInt(6) == 0) {
                b.append(String.format("%%%02X", 1 + random.nextInt(255)));
            } else {
                b.append(chars(UNRESERVED + SUB_DELIMS + ":@", 1));
            }
        }
        return b.toString();
    }

    private String chars(String from, int n) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < n; k++) {
            b.append(from.charAt(random.nextInt(from.length())));
        }
        return b.toString();
    }
}
