package org.dovelua.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dovelua.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dovelua check} on the command line: exit codes, the three output forms, config discovery, --cases. */
class CheckCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String fixture(String dir) throws Exception {
        return CheckRulesTest.fixtures().resolve(dir).toString();
    }

    @Test
    void exitCodes() throws Exception {
        assertThat(Main.capture("check", "--script", fixture("return-code/clean") + "/auth.lua").exitCode()).isZero();
        Main.Result bad = Main.capture("check", "--script", fixture("return-code/trigger") + "/auth.lua");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.stdout()).matches("(?s).*auth\\.lua:2:10: error: dovecot\\.auth\\.PASSDB_RESULT_SUCCESS does not "
                + "exist.* \\[return-code\\]\n");
        assertThat(Main.capture("check").exitCode()).isEqualTo(64);
        assertThat(Main.capture("check", "--json", "--sarif", "--script", fixture("return-code/clean") + "/auth.lua")
                .exitCode()).isEqualTo(64);
        assertThat(Main.capture("check", "--script", "/nonexistent.lua").exitCode()).isEqualTo(64);
        Main.Result version = Main.capture("check", "--dovecot-version", "3.0", "--script",
                fixture("return-code/clean") + "/auth.lua");
        assertThat(version.exitCode()).isEqualTo(64);
        assertThat(version.stderr()).contains("--dovecot-version");
    }

    @Test
    void theGlobalOptionsWorkToo() throws Exception {
        Main.Result r = Main.capture("--dovecot-version", "2.4.1", "--script", fixture("request-member/trigger24")
                + "/auth.lua", "check");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).contains("[request-member]");
    }

    @Test
    void json() throws Exception {
        Main.Result r = Main.capture("check", "--json", "--script", fixture("global-write/trigger") + "/auth.lua");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode f = JSON.readTree(r.stdout()).get("findings").get(0);
        assertThat(f.get("rule").asText()).isEqualTo("global-write");
        assertThat(f.get("severity").asText()).isEqualTo("warning");
        assertThat(f.get("line").asInt()).isEqualTo(2);
        assertThat(f.get("column").asInt()).isEqualTo(3);
        assertThat(f.get("file").asText()).endsWith("auth.lua");
        assertThat(f.get("message").asText()).contains("last_user");
        Main.Result clean = Main.capture("check", "--json", "--script", fixture("global-write/clean") + "/auth.lua");
        assertThat(JSON.readTree(clean.stdout()).get("findings")).isEmpty();
    }

    @Test
    void sarif() throws Exception {
        Main.Result r = Main.capture("check", "--sarif", "--dovecot-version", "2.4.1", "--script",
                fixture("return-value-type/trigger") + "/auth.lua");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode root = JSON.readTree(r.stdout());
        assertThat(root.get("version").asText()).isEqualTo("2.1.0");
        assertThat(root.get("$schema").asText()).contains("sarif-2.1.0");
        JsonNode run = root.get("runs").get(0);
        JsonNode rules = run.get("tool").get("driver").get("rules");
        assertThat(rules).hasSize(Rule.values().length);
        for (JsonNode rule : rules) {
            assertThat(rule.get("id").asText()).isNotEmpty();
            assertThat(rule.get("shortDescription").get("text").asText()).isNotEmpty();
            assertThat(rule.get("helpUri").asText()).isEqualTo("docs/check-rules.md#" + rule.get("id").asText());
        }
        JsonNode result = run.get("results").get(0);
        assertThat(result.get("ruleId").asText()).isEqualTo("return-value-type");
        assertThat(result.get("level").asText()).isEqualTo("error");
        assertThat(result.get("message").get("text").asText()).contains("expected nil or table, got string");
        JsonNode loc = result.get("locations").get(0).get("physicalLocation");
        assertThat(loc.get("artifactLocation").get("uri").asText()).endsWith("return-value-type/trigger/auth.lua");
        assertThat(loc.get("region").get("startLine").asInt()).isEqualTo(2);
        assertThat(loc.get("region").get("startColumn").asInt()).isEqualTo(39);
        assertThat(rules.get(result.get("ruleIndex").asInt()).get("id").asText()).isEqualTo("return-value-type");
    }

    @Test
    void configDiscoveryFindsTheScriptsThroughMounts() throws Exception {
        String dir = fixture("blocking-call/trigger");
        Main.Result r = Main.capture("--mount", "/etc/dovecot=" + dir, "check", "-c", dir + "/dovecot.conf");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).contains("auth.lua:3:").contains("[blocking-call]");
        Main.Result unmounted = Main.capture("check", "-c", dir + "/dovecot.conf");
        assertThat(unmounted.exitCode()).isEqualTo(64);
        assertThat(unmounted.stderr()).contains("/etc/dovecot/auth.lua does not exist")
                .contains("--mount /etc/dovecot=DIR");
    }

    @Test
    void a24ConfigIsCheckedWithItsVersion(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("auth.lua"), "function auth_passdb_lookup(req)\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, {user = req.protocol}\nend\n"
                + "function auth_userdb_lookup(req)\n  return dovecot.auth.USERDB_RESULT_OK, {}\nend\n");
        Files.writeString(tmp.resolve("dovecot.conf"), "dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\n"
                + "passdb lua {\n  lua_file = " + tmp.resolve("auth.lua") + "\n}\n"
                + "userdb lua {\n  lua_file = " + tmp.resolve("auth.lua") + "\n}\n");
        assertThat(Main.capture("check", "-c", tmp.resolve("dovecot.conf").toString()).exitCode()).isZero();
        Main.Result on23 = Main.capture("check", "--dovecot-version", "2.3.19", "-c", tmp.resolve("dovecot.conf").toString());
        assertThat(on23.stdout()).contains("req.protocol").contains("did you mean req.service?");
    }

    /**
     * A member read by a computed key is invisible to the static analysis; running the cases finds
     * it on its line, and a member seen both ways is reported once.
     */
    @Test
    void casesAddDynamicFindingsDeduplicated(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("auth.lua"), "function auth_passdb_lookup(req)\n"
                + "  local k = 'ser' .. 'vice'\n  local a, b = req[k], req.service\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, {password = 'x'}\nend\n"
                + "function auth_userdb_lookup(req)\n  local m = 'me' .. 'ch'\n  local x = req[m]\n"
                + "  return dovecot.auth.USERDB_RESULT_OK, {}\nend\n");
        Files.writeString(tmp.resolve("cases.yaml"), "script: auth.lua\ndovecot_version: 2.4.1\ncases:\n"
                + "  - name: login\n    auth_test: {user: alice, password: x, service: imap}\n    expect: {}\n"
                + "  - name: lookup\n    user: alice\n    expect: {}\n");
        String script = tmp.resolve("auth.lua").toString();
        Main.Result staticOnly = Main.capture("check", "--dovecot-version", "2.4.1", "--script", script);
        assertThat(staticOnly.stdout().lines().toList()).singleElement()
                .satisfies(l -> assertThat(l).contains(":3:").contains("req.service"));
        Main.Result both = Main.capture("check", "--dovecot-version", "2.4.1", "--script", script, "--cases",
                tmp.resolve("cases.yaml").toString());
        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(both.stdout().lines().toList()).hasSize(2);
        assertThat(both.stdout()).contains("auth.lua:3:").contains("auth.lua:8:1: warning: req.mech:")
                .contains("did you mean req.mechanism? (seen when the cases ran)");
    }

    @Test
    void theHookIsOffAfterACheck() throws Exception {
        java.lang.reflect.Field f = org.dovelua.auth.lua.AuthRequestMembers.class.getDeclaredField("listener");
        f.setAccessible(true);
        assertThat(f.get(null)).isNull();
    }
}
