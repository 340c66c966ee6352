package org.dovelua.lua.gopher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.luaj.vm2.LuaError;

/** Runs a snippet in a fresh {@link GopherState} and returns the lines it prints. */
final class GopherRun {
    private GopherRun() {
    }

    static List<String> lines(String source) {
        try (GopherState s = GopherState.create()) {
            return lines(s, source);
        }
    }

    static List<String> lines(GopherState s, String source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.globals().STDOUT = new PrintStream(out, true, StandardCharsets.UTF_8);
        try {
            s.call(() -> s.load("@t.lua", source.getBytes(StandardCharsets.UTF_8)).call());
        } catch (LuaError e) {
            s.globals().STDOUT.println("error: " + e.getMessage());
        }
        String text = out.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    }
}
