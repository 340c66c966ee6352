package org.dovelua.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule against its fixtures under {@code resources/check/RULE-ID/}: each {@code trigger*}
 * directory reports the rule, each {@code clean*} directory does not. A directory holds an
 * {@code auth.lua} (checked as {@code --script}), or a {@code dovecot.conf} (checked as {@code -c}
 * with {@code /etc/dovecot} mounted there), or a {@code cases.yaml} (checked as {@code --cases}),
 * and optionally a {@code version.txt}.
 */
class CheckRulesTest {
    static Path fixtures() throws Exception {
        return Path.of(CheckRulesTest.class.getResource("/check").toURI());
    }

    static Stream<Path> directories() throws Exception {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> rules = Files.list(fixtures())) {
            for (Path rule : rules.sorted().toList()) {
                try (Stream<Path> cases = Files.list(rule)) {
                    dirs.addAll(cases.filter(Files::isDirectory).sorted().toList());
                }
            }
        }
        return dirs.stream();
    }

    static List<Finding> check(Path dir) throws IOException {
        Checker c = new Checker();
        Path version = dir.resolve("version.txt");
        if (Files.exists(version)) {
            c.version(Files.readString(version).trim());
        }
        if (Files.exists(dir.resolve("dovecot.conf"))) {
            c.config(dir.resolve("dovecot.conf")).mount("/etc/dovecot", dir);
        } else if (Files.exists(dir.resolve("cases.yaml"))) {
            c.cases(dir.resolve("cases.yaml"));
        } else {
            c.script(dir.resolve("auth.lua"));
        }
        return c.run();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void triggersOrNot(Path dir) throws IOException {
        String rule = dir.getParent().getFileName().toString();
        List<String> ids = check(dir).stream().map(f -> f.rule().id()).toList();
        if (dir.getFileName().toString().startsWith("trigger")) {
            assertThat(ids).as(dir + " must report " + rule).contains(rule);
        } else {
            assertThat(ids).as(dir + " must not report " + rule).doesNotContain(rule);
        }
    }

    @Test
    void everyRuleHasATriggeringAndACleanFixture() throws Exception {
        for (Rule r : Rule.all()) {
            Path dir = fixtures().resolve(r.id());
            assertThat(dir.resolve("trigger")).as(r.id()).isDirectory();
            assertThat(dir.resolve("clean")).as(r.id()).isDirectory();
        }
    }

    @Test
    void requestMemberSuggestsTheRenamedMemberAndAliasesAreFollowed() throws Exception {
        List<Finding> f = check(fixtures().resolve("request-member/trigger24"));
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(2);
            assertThat(x.message()).contains("req.service").contains("did you mean req.protocol?");
        });
        assertThat(check(fixtures().resolve("request-member/trigger")))
                .anySatisfy(x -> assertThat(x.message()).startsWith("r.remote_adr:"));
    }

    @Test
    void httpSettingsNameTheOtherVersionsKey() throws Exception {
        assertThat(check(fixtures().resolve("http-client-ignored/trigger"))).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("did you mean request_timeout_msecs?"));
        assertThat(check(fixtures().resolve("http-client-unknown/trigger"))).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("max_attempts is unknown setting")
                        .contains("request_max_attempts"));
    }

    /** 2.4.2's lib-dns-client settings (Since.HTTP_CLIENT_DNS_SETTINGS; cases 404, 405): unknown on 2.4.1 only. */
    @Test
    void dnsClientSettingsAreKnownFrom242(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path script = tmp.resolve("auth.lua");
        Files.writeString(script, "local c = dovecot.http.client{dns_client_timeout = '5s', base_dir = '/run/x'}\n"
                + "function auth_passdb_lookup(req)\n  return dovecot.auth.PASSDB_RESULT_OK, {password = 'x'}\nend\n");
        List<String> on241 = new Checker().script(script).version("2.4.1").run().stream().map(f -> f.message()).toList();
        List<String> on245 = new Checker().script(script).version("2.4.5").run().stream().map(f -> f.message()).toList();
        assertThat(on241).anyMatch(m -> m.contains("dns_client_timeout is unknown setting"))
                .anyMatch(m -> m.contains("base_dir is unknown setting"));
        assertThat(on245).noneMatch(m -> m.contains("unknown setting"));
    }

    @Test
    void versionRowsDecideReturnRules(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path script = tmp.resolve("auth.lua");
        Files.writeString(script, "function auth_passdb_lookup(req)\n  return dovecot.auth.PASSDB_RESULT_OK\nend\n"
                + "function auth_password_verify(req, p)\n  return dovecot.auth.PASSDB_RESULT_OK, \"x=y\"\nend\n");
        List<String> on23 = new Checker().script(script).run().stream().map(f -> f.rule().id()).toList();
        List<String> on240 = new Checker().script(script).version("2.4.0").run().stream().map(f -> f.rule().id()).toList();
        List<String> on241 = new Checker().script(script).version("2.4.1").run().stream().map(f -> f.rule().id()).toList();
        assertThat(on23).containsExactly("return-missing-value");
        assertThat(on240).isEmpty();
        assertThat(on241).containsExactly("return-value-type");
    }

    @Test
    void anUnsetResultSuccessIsReturnOkAndNoauthenticateIsAFieldNotAWord(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        Files.writeString(tmp.resolve("auth.lua"), "function auth_passdb_lookup(req)\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, {password = 'pw'}\nend\n");
        String tail = "passdb {\n  driver = static\n  args = password=fallback\n}\n"
                + "userdb {\n  driver = lua\n  args = file=/etc/dovecot/auth.lua\n}\n";
        // result_success defaults to return-ok (auth-settings.c): failure and internalfail returning is enough
        Files.writeString(tmp.resolve("dovecot.conf"), "passdb {\n  driver = lua\n  args = file=/etc/dovecot/auth.lua\n"
                + "  result_failure = return-fail\n  result_internalfail = return-fail\n}\n" + tail);
        assertThat(new Checker().config(tmp.resolve("dovecot.conf")).mount("/etc/dovecot", tmp).run())
                .extracting(f -> f.rule().id()).containsExactly("passdb-unreachable");
        // a static passdb whose args merely contain the word does not answer NEXT; one with the field does
        String statics = "passdb {\n  driver = static\n  args = password=noauthenticate_pw%s\n"
                + "  result_failure = return-fail\n  result_internalfail = return-fail\n}\n" + tail;
        Files.writeString(tmp.resolve("dovecot.conf"), statics.formatted(""));
        assertThat(new Checker().config(tmp.resolve("dovecot.conf")).mount("/etc/dovecot", tmp).run())
                .extracting(f -> f.rule().id()).containsExactly("passdb-unreachable");
        Files.writeString(tmp.resolve("dovecot.conf"), statics.formatted(" noauthenticate"));
        assertThat(new Checker().config(tmp.resolve("dovecot.conf")).mount("/etc/dovecot", tmp).run()).isEmpty();
    }

    @Test
    void theCacheKeyFunctionsTakeNoRequest(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path script = tmp.resolve("auth.lua");
        // db-lua.c calls them once at init without arguments: their parameter is not a request
        Files.writeString(script, "function auth_passdb_get_cache_key(x)\n  return x.nosuchmember or '%{user}'\nend\n"
                + "function auth_passdb_lookup(req)\n  return dovecot.auth.PASSDB_RESULT_OK, {password = 'pw'}\nend\n");
        assertThat(new Checker().script(script).version("2.4.1").run()).isEmpty();
    }

    @Test
    void lineNumbersSurviveThe54Rewrite(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path script = tmp.resolve("auth.lua");
        Files.writeString(script, "local x <const> = 1\nlocal y = 7 // 2\n\nfunction auth_passdb_lookup(req)\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, {password = req.passwrd}\nend\n");
        assertThat(new Checker().script(script).run()).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(5);
            assertThat(f.message()).contains("did you mean req.password?");
        });
    }

    @Test
    void twoMembersOnOneLineAreTwoFindingsAndRemoteAddrGetsTheRemoteNames(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        Path script = tmp.resolve("auth.lua");
        Files.writeString(script, "function auth_passdb_lookup(req)\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, {password = req.remote_addr .. req.usr}\nend\n");
        assertThat(new Checker().script(script).run()).extracting(Finding::message).satisfiesExactly(
                m -> assertThat(m).contains("req.remote_addr").endsWith("did you mean req.remote_ip or req.remote_port?"),
                m -> assertThat(m).contains("req.usr").endsWith("did you mean req.user?"));
    }

    @Test
    void localAliasesOfDovecotTablesAreFollowed(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path script = tmp.resolve("auth.lua");
        Files.writeString(script, "local A = dovecot.auth\nlocal http = dovecot.http\nlocal c = http.client{ timeout = 1 }\n"
                + "function auth_passdb_lookup(req)\n  return A.PASSDB_RESULT_WHATEVER, \"\"\nend\n");
        assertThat(new Checker().script(script).run()).extracting(f -> f.line() + ":" + f.rule().id())
                .containsExactly("3:http-client-ignored", "5:return-code");
    }
}
