package org.dovelua.cli;

import java.io.PrintWriter;
import java.util.spi.ToolProvider;

/**
 * {@code dovelua} as a {@link ToolProvider}: {@code ToolProvider.findFirst("dovelua")} runs the
 * command line in-process with the caller's streams, as {@code javac} and {@code jar} do.
 */
public final class DoveluaTool implements ToolProvider {
    @Override
    public String name() {
        return "dovelua";
    }

    @Override
    public int run(PrintWriter out, PrintWriter err, String... args) {
        return new Main(out, err).run(args);
    }
}
