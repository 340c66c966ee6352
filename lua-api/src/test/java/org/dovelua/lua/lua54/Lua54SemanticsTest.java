package org.dovelua.lua.lua54;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dovelua.lua.SnippetSuite;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lua-semantics suite: each snippet of {@code lua54/semantics.txt} runs on dovelua and on the
 * real {@code lua5.4}, and both must print the same lines ({@link SnippetSuite}).
 */
public class Lua54SemanticsTest {
    static final SnippetSuite SUITE = new SnippetSuite("/lua54/semantics.txt", "Lua 5.4 semantics").minimum(150);

    static List<SnippetSuite.Snippet> snippets() throws IOException {
        return SUITE.snippets();
    }

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> snippetsPrintWhatLua54Prints() throws Exception {
        return SUITE.tests(dir, "lua54-semantics-differences.txt");
    }

    /** What dovelua prints for a snippet, loaded and run as Dovecot runs a script's body. */
    public static List<String> ours(String source) {
        return SnippetSuite.ours(source);
    }
}
