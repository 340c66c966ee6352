package org.dovelua.lua.gopher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dovelua.testkit.KnownDivergences;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The gopher-lua semantics suite: each snippet of {@code gopher51/semantics.txt} runs in a
 * {@link GopherState} and must print its {@code --> } lines. There is no gopher-lua binary here, so
 * every snippet cites ({@code -- gopher: file.go function}) the gopher-lua 1.1.2 source that gives
 * its text. A header {@code === name divergence: <why>} is a known divergence ({@link KnownDivergences}).
 */
class Gopher51SemanticsTest {
    record Snippet(String name, String divergence, String citation, String source, List<String> expected) {
    }

    static List<Snippet> read() throws IOException {
        List<Snippet> out = new ArrayList<>();
        try (InputStream in = Gopher51SemanticsTest.class.getResourceAsStream("/gopher51/semantics.txt")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            String header = null;
            String citation = null;
            StringBuilder src = new StringBuilder();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i <= lines.length; i++) {
                if (i == lines.length || lines[i].startsWith("=== ")) {
                    if (header != null) {
                        int d = header.indexOf(" divergence: ");
                        out.add(new Snippet(d < 0 ? header : header.substring(0, d),
                                d < 0 ? null : header.substring(d + " divergence: ".length()), citation,
                                src.toString(), List.copyOf(expected)));
                    }
                    if (i == lines.length) {
                        break;
                    }
                    header = lines[i].substring(4);
                    citation = null;
                    src.setLength(0);
                    expected.clear();
                } else if (lines[i].startsWith("--> ")) {
                    expected.add(lines[i].substring(4));
                } else {
                    if (lines[i].startsWith("-- gopher: ") && citation == null) {
                        citation = lines[i].substring("-- gopher: ".length());
                    }
                    src.append(lines[i]).append('\n');
                }
            }
        }
        return out;
    }

    @Test
    void everySnippetCitesGopherLuaAndExpectsSomething() throws IOException {
        List<Snippet> all = read();
        assertThat(all).hasSizeGreaterThanOrEqualTo(40);
        for (Snippet s : all) {
            assertThat(s.citation()).as(s.name()).isNotBlank();
            assertThat(s.expected()).as(s.name()).isNotEmpty();
        }
    }

    @TestFactory
    Stream<DynamicTest> snippetsPrintWhatGopherLuaPrints() throws IOException {
        return read().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            List<String> ours = GopherRun.lines(s.source());
            String where = "gopher51/semantics.txt: " + s.name();
            if (s.divergence() == null) {
                assertThat(ours).as(where).isEqualTo(s.expected());
            } else {
                KnownDivergences.expectFailure(where, s.divergence(),
                        () -> assertThat(ours).as(where).isEqualTo(s.expected()));
            }
        }));
    }
}
