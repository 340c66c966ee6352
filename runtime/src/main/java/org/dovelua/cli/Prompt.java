package org.dovelua.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code t_askpass("Password: ")} for {@code auth test USER} without a password (src/lib/askpass.c
 * askpass_str): on a terminal it asks without echo; otherwise it reads stdin without a prompt, up to
 * the first LF or CR or its end (/dev/null: an empty password, which ANONYMOUS and EXTERNAL never use).
 */
final class Prompt {
    private Prompt() {
    }

    static String password(DoveluaCommand root) {
        java.io.Console console = System.console();
        if (console != null) {
            char[] pw = console.readPassword("Password: ");
            return pw == null ? "" : new String(pw);
        }
        ByteArrayOutputStream pass = new ByteArrayOutputStream();
        try {
            for (int ch = root.in.read(); ch >= 0 && ch != '\n' && ch != '\r'; ch = root.in.read()) {
                pass.write(ch);
            }
        } catch (IOException e) {
            // read() failing ends the loop as its -1 would
        }
        return pass.toString(StandardCharsets.UTF_8);
    }
}
