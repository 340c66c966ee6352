package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** dovelua serve keeps one auth process per set of global options: every option is part of the key. */
class ProcessOptionsTest {
    private static List<String> key(String... args) {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        picocli.CommandLine.ParseResult parsed = DoveluaCommand.commandLine(() -> new DoveluaCommand(none, none), args)
                .parseArgs(args);
        return ((DoveluaCommand) parsed.commandSpec().userObject()).processOptions();
    }

    @Test
    void theSameOptionsShareAProcessAndAnyOtherValueDoesNot() {
        List<String> base = key("--script", "a.lua", "auth", "test", "u", "p");
        assertThat(key("--script", "a.lua", "auth", "test", "v", "q")).isEqualTo(base);
        assertThat(key("--script", "b.lua", "auth", "test", "u", "p")).isNotEqualTo(base);
        for (String[] other : List.of(new String[] {"--env", "X=1"}, new String[] {"--dovecot-version", "2.4.1"},
                new String[] {"--mount", "/etc/dovecot=."}, new String[] {"--allow-network"})) {
            List<String> args = new java.util.ArrayList<>(List.of("--script", "a.lua"));
            args.addAll(List.of(other));
            args.addAll(List.of("auth", "test", "u", "p"));
            assertThat(key(args.toArray(new String[0]))).as(String.join(" ", other)).isNotEqualTo(base);
        }
    }
}
