package org.dovelua.auth.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** auth_cache_parse_key() (src/auth/auth-cache.c, 2.3.19). */
class AuthCacheKeyTest {
    @Test
    void knownVariablesComeOnceInTableOrderUnknownOnesAfterAsWritten() {
        assertThat(AuthCacheKey.parse("%u")).isEqualTo("%u");
        assertThat(AuthCacheKey.parse("%{user}")).isEqualTo("%u");
        assertThat(AuthCacheKey.parse("%r%u%r")).isEqualTo("%u\t%r");
        assertThat(AuthCacheKey.parse("SELECT pw FROM users WHERE u='%Lu' AND ip='%{rip}'")).isEqualTo("%u\t%r");
        assertThat(AuthCacheKey.parse("%{ldap:x}%u%{ldap:x}")).isEqualTo("%u\t%{ldap:x}\t%{ldap:x}");
        assertThat(AuthCacheKey.parse("%{real_rip}%{login_user}%s")).isEqualTo("%s\t%{login_user}\t%{real_rip}");
        assertThat(AuthCacheKey.parse("%2.3Lr")).isEqualTo("%r");
        assertThat(AuthCacheKey.parse("no variables")).isEmpty();
    }

    @Test
    void usernameAndDomainTogetherBecomeUser() {
        assertThat(AuthCacheKey.parse("%n@%d")).isEqualTo("%u");
        assertThat(AuthCacheKey.parse("%n")).isEqualTo("%n");
        assertThat(AuthCacheKey.parse("%{domain}%s%{username}")).isEqualTo("%u\t%s");
    }

    @Test
    void aBrokenVariableEndsTheParse() {
        assertThat(AuthCacheKey.parse("%u%")).isEqualTo("%u");
        assertThat(AuthCacheKey.parse("%r%L")).isEqualTo("%r");
        assertThat(AuthCacheKey.parse("%{x\\}y}")).isEqualTo("%{x\\}y}");
    }

    private static final String[] PIECES = {"%u", "%n", "%d", "%s", "%r", "%l", "%w", "%!", "%{user}", "%{rip}",
        "%{session}", "%{orig_user}", "%{original_domain}", "%{ldap:attr}", "%{passdb:x}", "%Lu", "%2.3r", "%%",
        "%x", "text", "=", "'", " ", "{", "}"};

    private static String template(Random random) {
        StringBuilder t = new StringBuilder();
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            t.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return t.toString();
    }

    /** Seeded: a parsed key parses to itself, and text around the variables changes nothing. */
    @Test
    void parsingIsIdempotentAndIgnoresTheTextAroundVariables() {
        Random random = new Random(20261206);
        for (int i = 0; i < 5000; i++) {
            String t = template(random);
            String key = AuthCacheKey.parse(t);
            assertThat(AuthCacheKey.parse(key)).as(t).isEqualTo(key);
            assertThat(AuthCacheKey.parse("SELECT " + t.replace("text", "other words"))).as(t).isEqualTo(key);
        }
    }

    /** Seeded: a known variable the template uses is in the key exactly once (%n with %d as %u). */
    @Test
    void everyKnownVariableUsedIsInTheKeyOnce() {
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            String t = template(random);
            List<String> parts = List.of(AuthCacheKey.parse(t).split("\t", -1));
            boolean n = t.contains("%n");
            boolean d = t.contains("%d");
            List<String> expectOnce = new ArrayList<>();
            if (t.contains("%u") || t.contains("%{user}") || t.contains("%Lu") || n && d) {
                expectOnce.add("%u");
            }
            if (t.contains("%r") || t.contains("%{rip}") || t.contains("%2.3r")) {
                expectOnce.add("%r");
            }
            if (t.contains("%{session}")) {
                expectOnce.add("%{session}");
            }
            for (String v : expectOnce) {
                assertThat(parts.stream().filter(v::equals).count()).as(t + " has " + v).isEqualTo(1);
            }
            assertThat(parts.contains("%n")).as(t).isEqualTo(n && !d);
            assertThat(parts.contains("%d")).as(t).isEqualTo(d && !n);
        }
    }
}
