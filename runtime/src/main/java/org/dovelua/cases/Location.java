package org.dovelua.cases;

import java.nio.file.Path;

/** A place in a case file, printed as {@code file:line:column} (both 1-based). */
public record Location(Path file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
