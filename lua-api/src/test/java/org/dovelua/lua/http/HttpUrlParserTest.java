package org.dovelua.lua.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.dovelua.lua.http.HttpUrlParser.Flag;
import org.dovelua.lua.http.HttpUrlParser.Rules;
import org.junit.jupiter.api.Test;

/**
 * http_url_parse()'s answers, as real 2.3.19 and 2.4.1 gave them (differential cases 519, 520),
 * and the parts of an accepted URL.
 */
class HttpUrlParserTest {
    private static String dlua(String url, Rules rules) {
        return HttpUrlParser.parse(url, rules, Flag.ALLOW_USERINFO_PART).error();
    }

    private static String both(String url) {
        String v23 = dlua(url, Rules.V23);
        assertThat(dlua(url, Rules.V24)).as("2.4 for %s", url).isEqualTo(v23);
        return v23;
    }

    @Test
    void hostErrors() {
        assertThat(both("http://exa mple.com/")).isEqualTo("Invalid host identifier");
        assertThat(both("http://exa_mple.com/")).isEqualTo("Invalid host identifier");
        assertThat(both("http://-example.com/")).isEqualTo("Invalid host identifier");
        assertThat(both("http://example-.com/")).isEqualTo("Invalid domain label in hostname");
        assertThat(both("http://1.2.3.4.5/")).isEqualTo("Invalid host identifier");
        assertThat(both("http:///path")).isEqualTo("HTTP URL does not allow empty host identifier");
        assertThat(both("http://:80/")).isEqualTo("HTTP URL does not allow empty host identifier");
        assertThat(both("http://")).isEqualTo("HTTP URL does not allow empty host identifier");
        assertThat(both("http://ex%41mple.com/")).isNull();
        assertThat(both("http://256.1.1.1/")).isNull();
    }

    @Test
    void portErrors() {
        assertThat(both("http://example.com:99999/")).isEqualTo("Invalid port number");
        assertThat(both("http://example.com:0/")).isEqualTo("Invalid port number");
        assertThat(both("http://example.com:80x/")).isEqualTo("Invalid host port");
        assertThat(both("http://example.com:/")).isNull();
        assertThat(both("http://h:8080?x=1")).isNull();
        assertThat(both("http://h:000080/")).isNull();
    }

    @Test
    void ipLiterals() {
        assertThat(both("http://[::1/")).isEqualTo("Expecting ']' at end of IP-literal");
        assertThat(both("http://[]/")).isEqualTo("Empty IPv6 host address");
        assertThat(both("http://[v1.x]/")).isEqualTo("Future IP host address 'v1.x' not supported");
        assertThat(both("http://[::g]/")).isEqualTo("Invalid IPv6 host address '::g'");
        assertThat(both("http://[::1]x/")).isEqualTo("Invalid host identifier");
        assertThat(both("http://[::1]:8080/")).isNull();
        // 2.4.0 reads the literal with net_addr2ip()
        assertThat(dlua("http://[127.0.0.1]/", Rules.V23)).isEqualTo("Invalid IPv6 host address '127.0.0.1'");
        assertThat(dlua("http://[127.1]/", Rules.V23)).isEqualTo("Invalid IPv6 host address '127.1'");
        assertThat(dlua("http://[fe80::1%1]/", Rules.V23)).isEqualTo("Invalid IPv6 host address 'fe80::1%1'");
        assertThat(dlua("http://[127.0.0.1]/", Rules.V24)).isNull();
        assertThat(dlua("http://[127.1]/", Rules.V24)).isNull();
        assertThat(dlua("http://[fe80::1%1]/", Rules.V24)).isNull();
    }

    @Test
    void percentEncoding() {
        assertThat(both("http://h/%zz")).isEqualTo("Expecting hex digit after '%', but found 'z'");
        assertThat(both("http://h/%4g")).isEqualTo("Expecting hex digit after '%4', but found 'g'");
        assertThat(both("http://h/%4")).isEqualTo("Unexpected URI boundary after '%'");
        assertThat(both("http://h/%\u0001")).isEqualTo("Unexpected URI boundary after '%'");
        assertThat(both("http://h/?a%")).isEqualTo("Unexpected URI boundary after '%'");
        assertThat(both("http://h/a%00b")).isEqualTo("Percent encoding is not allowed to encode NUL character");
        assertThat(HttpUrlParser.parse("http://h/a%00b", Rules.V24, Flag.ALLOW_PCT_NUL).ok()).isTrue();
        assertThat(both("http://h/p#%zz")).isEqualTo("Expecting hex digit after '%', but found 'z'");
        assertThat(both("http://h/a%2fb?c=%2F")).isNull();
        // a non-printable byte: raw before 2.4.0, uri_char_sanitize()d since
        assertThat(dlua("http://h/%\u0001x", Rules.V23)).isEqualTo("Expecting hex digit after '%', but found '\u0001'");
        assertThat(dlua("http://h/%\u0001x", Rules.V24)).isEqualTo("Expecting hex digit after '%', but found <0x01>");
    }

    @Test
    void percentEncodingInHostNames() {
        assertThat(dlua("http://ex%2Emple.com/", Rules.V23)).isNull();
        assertThat(dlua("http://ex%2Emple.com/", Rules.V24)).isEqualTo("Invalid percent encoding in hostname");
        assertThat(dlua("http://%2Eexample.com/", Rules.V23)).isEqualTo("(null)");
        assertThat(dlua("http://%2Eexample.com/", Rules.V24)).isEqualTo("Invalid percent encoding in hostname");
        assertThat(dlua("http://ex%2E.com/", Rules.V23)).isEqualTo("Invalid host identifier");
        assertThat(both("http://ex%2dample.com/")).isNull();
    }

    @Test
    void invalidCharacters() {
        assertThat(dlua("http://h/a b", Rules.V23)).isEqualTo("Path component contains invalid character");
        assertThat(dlua("http://h/a b", Rules.V24)).isEqualTo("Path component contains invalid character ' '");
        assertThat(dlua("http://h/a\\b", Rules.V24)).isEqualTo("Path component contains invalid character '\\'");
        assertThat(dlua("http://h/\u00e9", Rules.V24)).isEqualTo("Path component contains invalid character <0xc3>");
        assertThat(dlua("http://h/?a b", Rules.V23)).isEqualTo("Query component contains invalid character");
        assertThat(dlua("http://h/?a b", Rules.V24)).isEqualTo("Query component contains invalid character ' '");
        assertThat(dlua("http://h/#a b", Rules.V23)).isEqualTo("Fragment component contains invalid character");
        assertThat(dlua("http://h/#a b", Rules.V24)).isEqualTo("Fragment component contains invalid character ' '");
        assertThat(both("http://h/#frag")).isEqualTo("URL fragment not allowed for HTTP URL in this context");
        assertThat(HttpUrlParser.parse("http://h/#frag", Rules.V24, Flag.ALLOW_FRAGMENT_PART).ok()).isTrue();
    }

    @Test
    void schemes() {
        assertThat(both("https:example.com")).isEqualTo("Absolute HTTP URL requires `//' after `http:'");
        assertThat(both("http:/x")).isEqualTo("Absolute HTTP URL requires `//' after `http:'");
        assertThat(both("ftp://x/")).isEqualTo("Not an HTTP URL");
        assertThat(both("1http://x/")).isEqualTo("Relative HTTP URL not allowed");
        assertThat(both("ht_tp://x/")).isEqualTo("Relative HTTP URL not allowed");
        assertThat(both("")).isEqualTo("Relative HTTP URL not allowed");
        assertThat(both("a".repeat(70) + "://x/")).isEqualTo("Relative HTTP URL not allowed");
        assertThat(both("HTTP://Example.COM/")).isNull();
        // no scheme, an authority: lib-http takes it as http
        HttpUrlParser.Result r = HttpUrlParser.parse("//example.com/x", Rules.V24);
        assertThat(r.url()).isEqualTo(new HttpUrlParser.Url(false, "example.com", false, 0, "/x", null));
    }

    @Test
    void userinfo() {
        assertThat(both("http://user:pw@h/")).isNull();
        assertThat(both("http://us%41er:p%3a@h/")).isNull();
        assertThat(both("http://us%zzer@h/")).isEqualTo("Expecting hex digit after '%', but found 'z'");
        // the user part's escape is read past its ':'
        assertThat(both("http://u%4:p@h/")).isEqualTo("Expecting hex digit after '%4', but found ':'");
        // a redirect's Location and openid_configuration_url: flags 0
        assertThat(HttpUrlParser.parse("http://user@127.0.0.1/x", Rules.V23).error())
                .isEqualTo("HTTP URL does not allow `userinfo@' part");
    }

    @Test
    void aCStringEndsAtItsNul() {
        assertThat(both("http://exa\0 mple.com/")).isNull();
        assertThat(HttpUrlParser.asCString("http://exa\0 mple.com/")).isEqualTo("http://exa");
        assertThat(HttpUrlParser.parse("http://h/\0".getBytes(StandardCharsets.UTF_8), Rules.V24).url().path())
                .isEqualTo("/");
    }

    @Test
    void partsOfAnAcceptedUrl() {
        assertThat(HttpUrlParser.parse("HTTPS://u@Ex%41mple.com.:8443/a/b?c=d", Rules.V24, Flag.ALLOW_USERINFO_PART).url())
                .isEqualTo(new HttpUrlParser.Url(true, "ExAmple.com", false, 8443, "/a/b", "c=d"));
        assertThat(HttpUrlParser.parse("http://[::1]", Rules.V24).url())
                .isEqualTo(new HttpUrlParser.Url(false, "[::1]", true, 0, null, null));
        assertThat(HttpUrlParser.parse("http://10.0.0.1:81?q", Rules.V24).url())
                .isEqualTo(new HttpUrlParser.Url(false, "10.0.0.1", false, 81, null, "q"));
    }

    @Test
    void whatOkHttpCannotParseIsSentFromLibHttpsParts() {
        assertThat(HttpUrls.sendable("http://example.com:/x", HttpUrlParser.parse("http://example.com:/x", Rules.V24).url())
                .toString()).isEqualTo("http://example.com/x");
        assertThat(HttpUrls.sendable("//example.com/x?y", HttpUrlParser.parse("//example.com/x?y", Rules.V24).url())
                .toString()).isEqualTo("http://example.com/x?y");
        assertThat(HttpUrls.sendable("http://[127.0.0.1]:8/", HttpUrlParser.parse("http://[127.0.0.1]:8/", Rules.V24).url())
                .toString()).isEqualTo("http://127.0.0.1:8/");
        assertThat(HttpUrls.sendable("http://[fe80::1%1]/", HttpUrlParser.parse("http://[fe80::1%1]/", Rules.V24).url())
                .host()).isEqualTo("fe80::1");
    }
}
