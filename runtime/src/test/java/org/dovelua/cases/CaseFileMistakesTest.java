package org.dovelua.cases;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A case file's mistakes are all reported in one run, in file order, each with its line (issue 18). */
class CaseFileMistakesTest {
    @TempDir
    Path dir;

    @Test
    void everyMistakeIsReportedAtOnceInFileOrder() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.cases.yaml"), String.join("\n",
                "script: nope.lua",
                "colour: red",
                "cases:",
                "  - auth_test: {user: alice, pasword: x}",
                "    expect: {result: ok}",
                "  - user: bob",
                "    expect: {result: maybe}",
                "  - user: carol",
                "    expect: {result: found}",
                "  - user: dave",
                ""));
        assertThatThrownBy(() -> CaseFile.read(f)).hasMessage(String.join("\n",
                f + ":1:9: script: " + dir.resolve("nope.lua") + " is not a file (paths are relative to the case file)",
                f + ":2:1: unknown key 'colour' in the case file (expected one of: config, script, dovecot_version, "
                        + "mounts, env, auth_verbose, auth_debug, timeout, allow_fs, stubs, allow_network, exec, sql, "
                        + "dicts, one_auth_process, cases)",
                f + ":4:30: unknown key 'pasword' in auth_test (expected one of: user, password, service, lip, rip, "
                        + "lport, rport, real_lip, real_rip, real_lport, real_rport, secured, session, local_name, "
                        + "client_id, info, mech)",
                f + ":7:22: result: 'maybe' is not a result of user (expected one of: found, not_found, failed)",
                f + ":10:5: case 4 (user) has no expect: add what the answer must be (e.g. expect: {result: ok}), or "
                        + "expect: {} to check only that the request runs"));
    }

    @Test
    void oneMistakeIsReportedAsBefore() throws Exception {
        Files.writeString(dir.resolve("auth.lua"), "\n");
        Path f = Files.writeString(dir.resolve("one.cases.yaml"),
                "script: auth.lua\ncases:\n  - user: bob\n    expect: {result: maybe}\n");
        assertThatThrownBy(() -> CaseFile.read(f)).hasMessage(f + ":4:22: result: 'maybe' is not a result of user"
                + " (expected one of: found, not_found, failed)");
    }
}
