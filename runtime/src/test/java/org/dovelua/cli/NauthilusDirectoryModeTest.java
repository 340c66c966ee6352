package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code dovelua nauthilus test DIR...}: a line per pair, failures in full, the summary, exit codes, JUnit XML, traces. */
class NauthilusDirectoryModeTest {
    @TempDir
    Path tmp;

    private static String pairs(String name) {
        try {
            return Path.of(NauthilusDirectoryModeTest.class.getResource("/nauthilus-pairs/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void allPassingPairsPrintOneLineEachAndTheSummaryAndExitZero() {
        String d = pairs("allpass");
        Main.Result r = Main.capture("nauthilus", "test", d + "/");
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).isEqualTo("PASS " + d + "/action_pass_wrapper.lua (action)\n"
                + "PASS " + d + "/environment_quiet_wrapper.lua (environment)\n"
                + "\n2 passed, 0 failed\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void aFailingPairShowsItsResultBlockALoadErrorAndAnUnderivableKindTheirTextsAndTheRunExitsOne() {
        String d = pairs("mixed");
        Main.Result r = Main.capture("nauthilus", "test", d);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).startsWith("FAIL " + d + "/action_fail_wrapper.lua (action)\n"
                + "\n=== Lua Script Test Results ===\nScript: " + d + "/action_fail_wrapper.lua\nCallback Type: action\n"
                + "Success: false\n\nAction Result: true\n\nErrors:\n"
                + "  \u2717 action result mismatch: expected false, got true\n\n===============================\n"
                + "PASS " + d + "/action_pass_wrapper.lua (action)\n"
                + "FAIL " + d + "/environment_broken_wrapper.lua (environment)\n"
                + "  Error running test: failed to load Lua script: ");
        assertThat(r.stdout()).endsWith("FAIL " + d + "/notes_wrapper.lua (?)\n"
                + "  " + d + "/notes_wrapper.lua: the callback kind cannot be told from the name \"notes\"; rename the"
                + " pair to start with subject_, environment_, action_, backend_, hook_ or cache_flush, or run it with"
                + " --test-lua/--test-callback/--test-mock\n"
                + "\n1 passed, 3 failed\n");
    }

    @Test
    void junitXmlHasASuitePerFolderAndATestcasePerPairWithTheFirstErrorAsFailureMessage() throws Exception {
        String mixed = pairs("mixed");
        String allpass = pairs("allpass");
        Path xml = tmp.resolve("reports/nauthilus.xml");
        Main.Result r = Main.capture("nauthilus", "test", "--junit-xml", xml.toString(), mixed, allpass);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).endsWith("\n3 passed, 3 failed\n");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("name")).isEqualTo("dovelua nauthilus test");
        assertThat(root.getAttribute("tests")).isEqualTo("6");
        assertThat(root.getAttribute("failures")).isEqualTo("3");
        NodeList suites = root.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(2);
        Element first = (Element) suites.item(0);
        assertThat(first.getAttribute("name")).isEqualTo(mixed);
        assertThat(first.getAttribute("tests")).isEqualTo("4");
        assertThat(first.getAttribute("failures")).isEqualTo("3");
        assertThat(((Element) suites.item(1)).getAttribute("failures")).isEqualTo("0");
        NodeList cases = first.getElementsByTagName("testcase");
        Element fail = (Element) cases.item(0);
        assertThat(fail.getAttribute("name")).isEqualTo("action_fail");
        assertThat(fail.getAttribute("classname")).isEqualTo(mixed);
        assertThat(fail.getAttribute("file")).isEqualTo(mixed + "/action_fail_wrapper.lua");
        Element failure = (Element) fail.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("action result mismatch: expected false, got true");
        assertThat(failure.getTextContent()).contains("=== Lua Script Test Results ===", "Success: false");
        Element pass = (Element) cases.item(1);
        assertThat(pass.getAttribute("name")).isEqualTo("action_pass");
        assertThat(pass.getElementsByTagName("failure").getLength()).isZero();
        Element notes = (Element) cases.item(3);
        assertThat(((Element) notes.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .startsWith(mixed + "/notes_wrapper.lua: the callback kind cannot be told");
    }

    @Test
    void traceCallsFollowsEachPairsLineOrTheResultBlock() throws Exception {
        Path d = tmp.resolve("plugins");
        Files.createDirectories(d);
        Files.writeString(d.resolve("action_ctx_wrapper.lua"), "local c = require('nauthilus_context')\n"
                + "function nauthilus_call_action(r) c.context_set('k', 'v') return true end\n");
        Files.writeString(d.resolve("action_ctx_test.json"), "{}");
        String trace = "{\n  \"context\" : {\n    \"expected_calls\" : [ {\n      \"method\" : \"context_set\",\n"
                + "      \"arg_contains\" : \"k\"\n    } ]\n  }\n}\n";
        Main.Result dirMode = Main.capture("nauthilus", "test", "--trace-calls", d.toString());
        assertThat(dirMode.stdout()).isEqualTo("PASS " + d + "/action_ctx_wrapper.lua (action)\n" + trace
                + "\n1 passed, 0 failed\n");
        Main.Result single = Main.capture("nauthilus", "test", "--trace-calls", "--test-lua",
                d.resolve("action_ctx_wrapper.lua").toString(), "--test-callback", "action");
        assertThat(single.exitCode()).isZero();
        assertThat(single.stdout()).endsWith("\n===============================\n" + trace);
    }

    @Test
    void usageErrors() throws Exception {
        String d = pairs("allpass");
        Main.Result both = Main.capture("nauthilus", "test", d, "--test-lua", "x.lua");
        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(both.stderr()).isEqualTo("Error: give either DIR or --test-lua/--test-callback/--test-mock, not both\n");
        Main.Result file = Main.capture("nauthilus", "test", d + "/action_pass_wrapper.lua");
        assertThat(file.exitCode()).isEqualTo(1);
        assertThat(file.stderr()).isEqualTo("Error: " + d + "/action_pass_wrapper.lua: not a directory (give --test-lua"
                + " for one script)\n");
        Main.Result empty = Main.capture("nauthilus", "test", tmp.toString());
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.stderr()).isEqualTo("Error: " + tmp + ": no <name>_wrapper.lua / <name>_test.json pairs found\n");
        assertThat(empty.stdout()).isEmpty();
        Main.Result junitAlone = Main.capture("nauthilus", "test", "--junit-xml", "r.xml", "--test-lua", "x.lua",
                "--test-callback", "action");
        assertThat(junitAlone.exitCode()).isEqualTo(1);
        assertThat(junitAlone.stderr()).isEqualTo("Error: --junit-xml needs a DIR of pairs\n");
    }
}
