package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dovecot.conf that doveconf refuses stops doveadm with doveconf's Fatal line and exit 89, as
 * real 2.3.19 and 2.4.1 answered for each form below (texts seen with {@code doveconf -c}); a
 * name of the other release family is unknown; settings dovelua does not emulate stay accepted.
 */
class UnknownSettingTest {
    private static final String DBS = "passdb {\n  driver = static\n  args = password=pw\n}\n"
            + "userdb {\n  driver = static\n  args = uid=1000 gid=1000 home=/home/%u\n}\n";
    private static final String DBS_24 = "passdb static {\n  password = pw\n}\n"
            + "userdb static {\n  fields {\n    uid = 1000\n    gid = 1000\n    home = /home/%{user}\n  }\n}\n";
    private static final String HEAD_24 = "dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\n";

    @TempDir
    Path dir;

    private Path conf(String text) throws Exception {
        return Files.writeString(dir.resolve("dovecot.conf"), text);
    }

    private Main.Result authTest(Path conf) {
        return Main.capture("-c", conf.toString(), "auth", "test", "alice", "pw");
    }

    private void refused(String text, String problem, String hint) throws Exception {
        Path c = conf(text);
        Main.Result r = authTest(c);
        assertThat(r.exitCode()).isEqualTo(89);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("doveconf: Fatal: Error in configuration file " + c + problem + "\n"
                + (hint == null ? "" : "dovelua: hint: " + hint + "\n"));
    }

    @Test
    void anUnknownRootSettingIsRefusedWithTheNearestKnownName() throws Exception {
        refused("auth_verbos = yes\n" + DBS, " line 1: Unknown setting: auth_verbos", "did you mean auth_verbose?");
    }

    @Test
    void aSettingInsideASectionIsNamedWithItsSectionPath() throws Exception {
        refused(DBS + "passdb {\n  driver = static\n  colour = red\n}\n",
                " line 11: Unknown setting: passdb { colour", null);
        refused(DBS + "service auth {\n  unix_listener auth-userdb {\n    mdoe = 0600\n  }\n}\n",
                " line 11: Unknown setting: service { unix_listener { mdoe", "did you mean mode?");
        refused("foo {\n}\n" + DBS, " line 1: Unknown setting: foo { foo", null);
    }

    @Test
    void filtersTakeRootSettingsAndArePathless() throws Exception {
        refused("protocol imap {\n  auth_verbos = yes\n}\n" + DBS, " line 2: Unknown setting: auth_verbos",
                "did you mean auth_verbose?");
    }

    @Test
    void freeFormSectionsAndSettingsDoveluaDoesNotEmulateAreAccepted() throws Exception {
        Main.Result r = authTest(conf("plugin {\n  colour = red\n  quota = maildir:User quota\n}\n"
                + "mail_location = maildir:~/Maildir\nnamespace inbox {\n  inbox = yes\n  mailbox Sent {\n"
                + "    special_use = \\Sent\n  }\n}\nservice imap-login {\n  inet_listener imap {\n    port = 0\n"
                + "  }\n}\nlocal 127.0.0.1 {\n  protocol imap {\n    ssl = no\n  }\n}\n" + DBS));
        assertThat(r.stderr()).doesNotContain("doveconf");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("passdb: alice auth succeeded");
    }

    @Test
    void aMissingBraceIsDoveconfsFatalToo() throws Exception {
        refused(DBS + "passdb {\n  driver = static\n", ": Missing '}' (section started at " + dir.resolve("dovecot.conf")
                + ":9)", "section \"passdb\" is not closed; add '}' on a line of its own");
    }

    @Test
    void aLineThatIsNeitherSettingNorSectionExpectsABrace() throws Exception {
        // config-parser.c config_parse_line: without '=' the line is read as a section start
        refused(DBS + "passdb {\n  driver\n}\n", " line 10: Expecting '{'",
                "a setting is written \"key = value\", a section \"name {\"");
    }

    @Test
    void syntaxErrorsAreInDoveconfsWords() throws Exception {
        refused("= value\n" + DBS, " line 1: Missing key name ('=' at the beginning of line)",
                "a setting is written \"key = value\", a section \"name {\"");
        refused("!include " + dir.resolve("none.conf") + "\n" + DBS, " line 1: No matches",
                "!include " + dir.resolve("none.conf") + ": no such file; use !include_try for files that may be absent");
        // glob("") finds nothing, which !include_try ignores
        assertThat(authTest(conf("!include_try\n" + DBS)).exitCode()).isZero();
    }

    @Test
    void aBraceAfterAValueIsDoveluasOwnRefusal() throws Exception {
        // Dovecot keeps "static }" as the value and fails later; dovelua stops here, in its own words
        Main.Result r = authTest(conf(DBS + "passdb {\n  driver = static }\n"));
        assertThat(r.exitCode()).isEqualTo(78);
        assertThat(r.stderr()).startsWith("dovelua: " + dir.resolve("dovecot.conf") + ":10: Unexpected '}' after the value");
    }

    @Test
    void aNameOfTheOtherReleaseFamilyIsUnknown() throws Exception {
        // lua_file is 2.4's; under the 2.3 profile it is refused, under 2.4 accepted
        refused("lua_file = /x.lua\n" + DBS, " line 1: Unknown setting: lua_file", null);
        assertThat(authTest(conf(HEAD_24 + "lua_file = /x.lua\n" + DBS_24)).stderr()).doesNotContain("doveconf");
        // mail_location is gone in 2.4 (2.4.1 answers with the key first)
        refused(HEAD_24 + "mail_location = maildir:~/Maildir\n" + DBS_24,
                " line 3: mail_location: Unknown setting: mail_location", null);
    }

    @Test
    void a24FilterTriesItsPrefixesAndSaysSo() throws Exception {
        refused(HEAD_24 + DBS_24 + "passdb static {\n  colour = red\n}\n",
                " line 14: colour: Unknown setting: colour (passdb_colour or passdb_static_colour not found either.)",
                null);
        refused(HEAD_24 + DBS_24 + "passdb static2 {\n  driver = static\n  password = x\n}\n",
                " line 15: password: Unknown setting: password (passdb_password or passdb_static2_password not found"
                        + " either. Did you mean passdb_static_password?)", null);
        refused(HEAD_24 + DBS_24 + "foo {\n}\n", " line 13: Unknown section name: foo", null);
    }

    @Test
    void anUnknownMechanismStopsTheAuthProcessNotDoveconf() throws Exception {
        Main.Result r = authTest(conf("auth_mechanisms = plain logn\n" + DBS));
        assertThat(r.exitCode()).isEqualTo(75);
        assertThat(r.stderr()).contains("auth: Fatal: Unknown authentication mechanism 'LOGN'\n"
                + "master: Error: service(auth): command startup failed, throttling for 2.000 secs\n"
                + "Fatal: Couldn't connect to auth socket\n");
        assertThat(authTest(conf("auth_mechanisms = PLAIN login scram-sha-256\n" + DBS)).exitCode()).isZero();
    }
}
