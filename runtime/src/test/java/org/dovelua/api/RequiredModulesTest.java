package org.dovelua.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Modules a script requires at its top (issue 13): the built-in {@code json} and {@code dkjson}
 * load in the auth process, and a module dovelua lacks ends start-up with lua5.4's
 * {@code module '...' not found:} text and a hint with the two ways forward.
 */
class RequiredModulesTest {
    @TempDir
    Path dir;

    private Result authTest(String script) throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("auth.lua"), script);
        Path conf = Files.writeString(dir.resolve("dovecot.conf"), "passdb {\n  driver = lua\n"
                + "  args = file=/etc/dovecot/auth.lua blocking=yes\n}\nuserdb {\n  driver = static\n  args = uid=1\n}\n");
        try (Dovelua d = Dovelua.builder().config(conf).mount("/etc/dovecot", etc).build()) {
            return d.authTest("alice", "pw");
        }
    }

    @Test
    void jsonAndDkjsonLoadInTheAuthProcess() throws Exception {
        Result r = authTest("""
                local json = require "json"
                local dkjson = require "dkjson"
                function auth_passdb_lookup(req)
                  local a = json.decode('{"password": "pw"}')
                  local b = dkjson.decode('{"scheme": "PLAIN"}')
                  return dovecot.auth.PASSDB_RESULT_OK, "password={" .. b.scheme .. "}" .. a.password
                end
                """);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).doesNotContain("dovelua: hint:");
    }

    @Test
    void aMissingModuleEndsStartUpAsOnTheServerWithAHint() throws Exception {
        Result r = authTest("""
                local openssl = require "luaossl"
                function auth_passdb_lookup(req)
                  return dovecot.auth.PASSDB_RESULT_OK, "password=pw"
                end
                """);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("dovelua: hint: module 'luaossl' not found: dovelua has no built-in 'luaossl'."
                + " Either mount a pure-Lua copy on package.path, e.g. --mount /usr/share/lua/5.4/luaossl.lua=LOCAL_FILE,"
                + " or ask for it to be built in: open an issue on dovelua's issue tracker");
        assertThat(r.logs()).containsSubsequence("auth: Fatal: passdb-lua: initialization failed:"
                + " lua_pcall(/etc/dovecot/auth.lua) failed: /etc/dovecot/auth.lua:1: module 'luaossl' not found:",
                "auth: Error: \tno field package.preload['luaossl']",
                "auth: Error: \tno file '/usr/local/share/lua/5.4/luaossl.lua'",
                "auth: Error: \tno file './luaossl.so'");
    }
}
