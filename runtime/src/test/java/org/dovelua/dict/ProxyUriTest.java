package org.dovelua.dict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** client_dict_init()'s URI forms and refusals (dict-client.c@2.3.19). */
class ProxyUriTest {
    private static ProxyUri p(String args) throws DictInitException {
        return ProxyUri.parse(args, "/var/run/dovecot");
    }

    @Test
    void absoluteRelativeAndDefaultSocket() throws Exception {
        assertEquals(new ProxyUri(0, 5000, "/run/dovecot/dict-auth", "authdb"), p("/run/dovecot/dict-auth:authdb"));
        assertEquals(new ProxyUri(0, 5000, "/var/run/dovecot/dict-async", "name"), p("dict-async:name"));
        assertEquals(new ProxyUri(0, 5000, "/var/run/dovecot/dict", "authdb"), p(":authdb"));
    }

    @Test
    void theNameKeepsItsColonsAndMayBeEmpty() throws Exception {
        assertEquals("a:b:c", p("/s:a:b:c").dictName());
        assertEquals("", p("/s:").dictName());
    }

    @Test
    void prefixesInEitherOrder() throws Exception {
        assertEquals(new ProxyUri(100, 20, "/s", "n"), p("idle_msecs=100:warn_slow_msecs=20:/s:n"));
        assertEquals(new ProxyUri(100, 20, "/s", "n"), p("warn_slow_msecs=20:idle_msecs=100:/s:n"));
        // a later prefix wins
        assertEquals(7, p("idle_msecs=1:idle_msecs=7:/s:n").idleMsecs());
    }

    @Test
    void refusalsCopyDovecotsTexts() {
        assertEquals("Invalid URI: authdb", assertThrows(DictInitException.class, () -> p("authdb")).getMessage());
        assertEquals("Invalid URI: idle_msecs=5", assertThrows(DictInitException.class, () -> p("idle_msecs=5")).getMessage());
        assertEquals("Invalid URI: warn_slow_msecs=5",
                assertThrows(DictInitException.class, () -> p("warn_slow_msecs=5")).getMessage());
        assertEquals("Invalid idle_msecs", assertThrows(DictInitException.class, () -> p("idle_msecs=x:/s:n")).getMessage());
        assertEquals("Invalid idle_msecs", assertThrows(DictInitException.class, () -> p("idle_msecs=:/s:n")).getMessage());
        assertEquals("Invalid idle_msecs", assertThrows(DictInitException.class, () -> p("idle_msecs=-1:/s:n")).getMessage());
        assertEquals("Invalid idle_msecs",
                assertThrows(DictInitException.class, () -> p("idle_msecs=4294967296:/s:n")).getMessage());
        assertEquals("Invalid warn_slow_msecs",
                assertThrows(DictInitException.class, () -> p("warn_slow_msecs=1x:/s:n")).getMessage());
        // the prefixes consumed, what is left has no ':'
        assertEquals("Invalid URI: authdb", assertThrows(DictInitException.class, () -> p("idle_msecs=1:authdb")).getMessage());
    }

    @Test
    void dictInitPrefixesTheModule() {
        DictInitException e = assertThrows(DictInitException.class,
                () -> DictModules.standard().init("proxy:authdb", new TestDictContext()));
        assertEquals("dict proxy: Invalid URI: authdb", e.getMessage());
    }
}
