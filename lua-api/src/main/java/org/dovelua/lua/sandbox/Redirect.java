package org.dovelua.lua.sandbox;

/**
 * Which of a command's streams the script holds (liolib.c {@code l_popen}, loslib.c {@code l_system}):
 * {@code io.popen(cmd, "r")} reads its stdout, {@code io.popen(cmd, "w")} writes its stdin, and
 * {@code os.execute(cmd)} holds neither. A stream the script does not hold is the auth process's own:
 * stdin is /dev/null, stdout and stderr are the process's (stderr lines reach Dovecot's log).
 */
public enum Redirect {
    READ("r"), WRITE("w"), SYSTEM("execute");

    private final String label;

    Redirect(String label) {
        this.label = label;
    }

    /** How a case file names it: {@code r}, {@code w} or {@code execute}. */
    public String label() {
        return label;
    }
}
