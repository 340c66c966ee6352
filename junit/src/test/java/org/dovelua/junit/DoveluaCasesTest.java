package org.dovelua.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The JUnit integration: names, sources, and failures that read as diffs. */
class DoveluaCasesTest {
    @TempDir
    Path dir;

    private Path suite(String cases) throws Exception {
        Files.writeString(dir.resolve("auth.lua"), "function auth_passdb_lookup(req)\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, 'password=pw'\nend\n"
                + "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, 'uid=1000' end\n");
        Path f = dir.resolve("cases.yaml");
        Files.writeString(f, "script: auth.lua\ncases:\n" + cases);
        return f;
    }

    private static List<DynamicTest> tests(DynamicNode container) {
        try (Stream<? extends DynamicNode> children = ((DynamicContainer) container).getChildren()) {
            return children.map(DynamicTest.class::cast).toList();
        }
    }

    @Test
    void aContainerPerFileAndATestPerCaseWithItsLine() throws Exception {
        Path f = suite("  - name: alice\n    auth_test: {user: alice, password: pw}\n    expect: {result: ok}\n"
                + "  - user: bob\n    expect: {}\n");
        List<DynamicNode> nodes = DoveluaCases.from(dir).toList();
        assertThat(nodes).hasSize(1);
        assertThat(nodes.get(0).getTestSourceUri()).contains(f.toUri());
        List<DynamicTest> tests = tests(nodes.get(0));
        assertThat(tests).extracting(DynamicNode::getDisplayName).containsExactly("alice", "user bob");
        assertThat(tests.get(0).getTestSourceUri().get().toString()).isEqualTo(f.toUri() + "?line=3&column=5");
        for (DynamicTest t : tests) {
            assertThat(catchThrowable(() -> t.getExecutable().execute())).isNull();
        }
    }

    @Test
    void aFailureIsTheDiffWithoutAStackTrace() throws Exception {
        Path f = suite("  - name: wrong result\n    auth_test: {user: alice, password: pw}\n"
                + "    expect: {result: password_mismatch}\n");
        DynamicTest t = tests(DoveluaCases.from(f).toList().get(0)).get(0);
        Throwable e = catchThrowable(() -> t.getExecutable().execute());
        assertThat(e).isInstanceOf(AssertionFailedError.class)
                .hasMessage(f + ":3: wrong result\nresult\n  expected: password_mismatch\n  actual:   ok\n"
                        + "(ran: auth test alice, exit 0, result ok)\n"
                        + "rerun: dovelua --script " + dir.resolve("auth.lua") + " auth test alice pw\n");
        assertThat(e.getStackTrace()).isEmpty();
        AssertionFailedError afe = (AssertionFailedError) e;
        assertThat(afe.getExpected().getStringRepresentation()).isEqualTo("password_mismatch");
        assertThat(afe.getActual().getStringRepresentation()).isEqualTo("ok");
    }

    @Test
    void skippedCasesAbortAndUnreadableFilesFailWithTheirLocation() throws Exception {
        Path f = suite("  - user: bob\n    skip: waiting for stubs\n");
        DynamicTest skipped = tests(DoveluaCases.from(f).toList().get(0)).get(0);
        assertThat(catchThrowable(() -> skipped.getExecutable().execute())).isInstanceOf(TestAbortedException.class)
                .hasMessage("waiting for stubs");
        Files.writeString(f, "script: auth.lua\ncases:\n  - usr: bob\n");
        DynamicNode broken = DoveluaCases.from(f).toList().get(0);
        assertThat(broken).isInstanceOf(DynamicTest.class);
        assertThat(catchThrowable(() -> ((DynamicTest) broken).getExecutable().execute()))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith(f + ":3:5: unknown key 'usr' in a case");
    }

    @Test
    void aNauthilusPluginCaseFileRunsWithoutAnAuthProcess() throws Exception {
        Files.writeString(dir.resolve("p.lua"), "function nauthilus_call_subject(r) return r.username == 'eve', 0 end\n");
        Path f = Files.writeString(dir.resolve("p.cases.yaml"), "nauthilus: {plugin: p.lua, kind: subject, mode: test}\n"
                + "cases:\n  - request: {username: eve}\n    expect: {reject: true}\n"
                + "  - request: {username: bob}\n    expect: {reject: true}\n");
        List<DynamicTest> tests = tests(DoveluaCases.from(f).toList().get(0));
        assertThat(tests).extracting(DynamicNode::getDisplayName).containsExactly("request eve", "request bob");
        assertThat(catchThrowable(() -> tests.get(0).getExecutable().execute())).isNull();
        assertThat(catchThrowable(() -> tests.get(1).getExecutable().execute())).isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith(f + ":5: request bob\nreject\n  expected: true\n  actual:   false\n");
    }
}
