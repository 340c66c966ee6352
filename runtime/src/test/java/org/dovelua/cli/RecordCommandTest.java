package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dovelua record}: the written case file passes as it is, and pins what the requests did. */
class RecordCommandTest {
    @TempDir
    Path dir;

    private Path script() throws Exception {
        Files.writeString(dir.resolve("api.yaml"), "responses:\n  - match: {path: /users/alice}\n    status: 200\n"
                + "    body: ok\n  - status: 404\n    body: no\n");
        return Files.writeString(dir.resolve("auth.lua"), String.join("\n",
                "function auth_passdb_lookup(req)",
                "  local c = dovecot.http.client({timeout = 1000})",
                "  local r = c:request({url = 'http://api.example/users/' .. req.user}):submit()",
                "  if r:status() ~= 200 then return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, 'no' end",
                "  return dovecot.auth.PASSDB_RESULT_OK, 'password=secret plan=gold'",
                "end",
                "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, 'uid=1000 gid=1000 home=/h' end",
                "function auth_userdb_iterate() return {'alice', 'bob'} end", ""));
    }

    @Test
    void theRecordedFilePassesAndPinsTheAnswers() throws Exception {
        Path script = script();
        Path out = dir.resolve("sub/login.cases.yaml");
        Files.createDirectories(out.getParent());
        Main.Result r = Main.capture("--script", script.toString(), "--stub", "http://api.example=static:"
                + dir.resolve("api.yaml"), "record", "-o", out.toString(), "-x", "service=imap",
                "auth alice secret", "auth alice wrong", "auth carol x", "lookup alice", "user alice", "iterate");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("wrote 6 cases to " + out);
        String yaml = Files.readString(out);
        assertThat(yaml).contains("script: ../auth.lua").contains("http://api.example: static:../api.yaml")
                .contains("name: \"auth test alice: password_mismatch\"")
                .contains("url: http://api.example/users/carol").contains("status: 404")
                .contains("plan: gold");
        Main.Result test = Main.capture("test", out.toString());
        assertThat(test.stdout()).as(test.stdout()).endsWith("6 passed, 0 failed\n");
    }

    @Test
    void aChangedAnswerFailsTheRecordedCase() throws Exception {
        Path script = script();
        Path out = dir.resolve("login.cases.yaml");
        Main.capture("--script", script.toString(), "--stub", "http://api.example=static:" + dir.resolve("api.yaml"),
                "record", "-o", out.toString(), "auth alice secret");
        Files.writeString(script, Files.readString(script).replace("plan=gold", "plan=silver"));
        Main.Result test = Main.capture("test", out.toString());
        assertThat(test.exitCode()).isEqualTo(1);
        assertThat(test.stdout()).contains("plan=silver");
    }

    @Test
    void badRequestsAndAnExistingFileAreRefused() throws Exception {
        Path script = script();
        Main.Result bad = Main.capture("--script", script.toString(), "record", "auth");
        assertThat(bad.exitCode()).isEqualTo(64);
        assertThat(bad.stderr()).contains("dovelua: record: request 'auth': expected one of auth USER [PASSWORD], "
                + "lookup USER, user USER, iterate (each one argument: quote it)");
        Path existing = Files.writeString(dir.resolve("cases.yaml"), "keep me\n");
        Main.Result clash = Main.capture("--script", script.toString(), "record", "-o", existing.toString(), "iterate");
        assertThat(clash.exitCode()).isEqualTo(64);
        assertThat(Files.readString(existing)).isEqualTo("keep me\n");
    }

    @Test
    void aSaslRunIsWrittenWithItsMechanismAndReplaysWithIt() throws Exception {
        // a SHA256 password: PLAIN verifies it, CRAM-MD5 cannot (it needs the plaintext or CRAM-MD5 credentials)
        Path conf = Files.writeString(dir.resolve("dovecot.conf"), "auth_mechanisms = plain cram-md5\n"
                + "passdb {\n  driver = static\n  args = password={SHA256}MMlS+rEiw/l1nwKm2Vw3WLJGtP7iOZV7LU/uRuJhcMQ=\n}\n"
                + "userdb {\n  driver = static\n  args = uid=1000 gid=1000 home=/home/%u\n}\n");
        Path out = dir.resolve("cram.cases.yaml");
        Main.Result r = Main.capture("-c", conf.toString(), "record", "-o", out.toString(), "-A", "CRAM-MD5",
                "auth alice pw", "lookup alice");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        String yaml = Files.readString(out);
        assertThat(yaml).contains("mech: CRAM-MD5").doesNotContain("result: ok");
        assertThat(yaml.split("mech: ", -1)).as("the auth request only, not the lookup").hasSize(2);
        assertThat(Main.capture("test", out.toString()).stdout()).endsWith("2 passed, 0 failed\n");

        Files.writeString(out, yaml.replace("mech: CRAM-MD5", ""));
        assertThat(Main.capture("test", out.toString()).exitCode()).as("PLAIN verifies the password").isEqualTo(1);

        Main.Result bad = Main.capture("-c", conf.toString(), "record", "-A", "SCRAM-SHA-3", "auth alice pw");
        assertThat(bad.exitCode()).isEqualTo(64);
        assertThat(bad.stderr()).startsWith("dovelua: record: -A: unknown SASL mechanism 'SCRAM-SHA-3' (one of PLAIN,");
    }
}
