package org.dovelua.nauthilus.luatest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture decoded with Go's encoding/json rules (runner.go loadMockData, types.go MockData). */
class MockDataTest {
    @TempDir
    Path dir;

    @Test
    void allTwentyThreeBlocks() {
        assertThat(MockData.BLOCKS).hasSize(23).startsWith("context", "redis", "policy").endsWith("expected_output");
    }

    @Test
    void unknownKeysAreIgnoredAndKeysMatchCaseInsensitively() throws Exception {
        MockData d = MockData.parse("{\"Context\": {\"USERNAME\": \"alice\", \"shoe_size\": 44},"
                + " \"whatever\": [1, 2], \"Util\": {\"Envs\": {\"A\": \"1\"}}}");
        assertThat(d.has("context")).isTrue();
        assertThat(d.block("context").path("username").asText()).isEqualTo("alice");
        assertThat(d.block("context").has("shoe_size")).isFalse();
        assertThat(d.block("util").path("envs").path("A").asText()).isEqualTo("1");
        assertThat(d.has("redis")).isFalse();
        assertThat(d.block("redis").isMissingNode()).isTrue();
    }

    @Test
    void nullLeavesABlockAbsent() throws Exception {
        MockData d = MockData.parse("{\"context\": null, \"util\": {\"envs\": null}}");
        assertThat(d.has("context")).isFalse();
        assertThat(d.block("util").has("envs")).isFalse();
    }

    @Test
    void wrongTypesFailAsGoDecoderDoes() {
        assertThatThrownBy(() -> MockData.parse("{\"context\": {\"username\": 5}}")).hasMessage(
                "json: cannot unmarshal number into Go struct field ContextMock.context.username of type string");
        assertThatThrownBy(() -> MockData.parse("{\"context\": {\"debug\": \"yes\"}}")).hasMessage(
                "json: cannot unmarshal string into Go struct field ContextMock.context.debug of type bool");
        assertThatThrownBy(() -> MockData.parse("{\"context\": {\"brute_force_count\": 1.5}}")).hasMessage(
                "json: cannot unmarshal number 1.5 into Go struct field ContextMock.context.brute_force_count of type int");
        assertThatThrownBy(() -> MockData.parse("{\"context\": []}")).hasMessage(
                "json: cannot unmarshal array into Go struct field MockData.context of type luatest.ContextMock");
        assertThatThrownBy(() -> MockData.parse("{\"util\": {\"expected_calls\": [{\"method\": 1}]}}")).hasMessage(
                "json: cannot unmarshal number into Go struct field ModuleExpectedCall.util.expected_calls.method of type string");
        assertThatThrownBy(() -> MockData.parse("{\"util\": {\"expected_calls\": {}}}")).hasMessage(
                "json: cannot unmarshal object into Go struct field UtilMock.util.expected_calls of type []luatest.ModuleExpectedCall");
        assertThatThrownBy(() -> MockData.parse("[]")).hasMessage(
                "json: cannot unmarshal array into Go value of type luatest.MockData");
        // the first error in document order
        assertThatThrownBy(() -> MockData.parse("{\"util\": {\"envs\": []}, \"context\": {\"username\": 5}}"))
                .hasMessage("json: cannot unmarshal array into Go struct field UtilMock.util.envs of type map[string]string");
    }

    @Test
    void syntaxErrors() {
        assertThatThrownBy(() -> MockData.parse("{\"context\": ")).hasMessage("unexpected end of JSON input");
        assertThatThrownBy(() -> MockData.parse("")).hasMessage("unexpected end of JSON input");
    }

    @Test
    void theRunnerTextsForABadFixture() throws Exception {
        Files.writeString(dir.resolve("bad.json"), "{\"context\": {\"username\": true}}");
        Files.writeString(dir.resolve("s.lua"), "function nauthilus_call_action() end");
        LuaTestRun r = LuaTestRun.run(dir, "s.lua", "action", "bad.json");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("Error creating test runner: failed to load mock data: failed to parse mock data JSON: "
                + "json: cannot unmarshal bool into Go struct field ContextMock.context.username of type string\n");
        LuaTestRun missing = LuaTestRun.run(dir, "s.lua", "action", "none.json");
        assertThat(missing.stderr()).isEqualTo("Error creating test runner: failed to load mock data: "
                + "failed to read mock data file: open none.json: no such file or directory\n");
    }
}
