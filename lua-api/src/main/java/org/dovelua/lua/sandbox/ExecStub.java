package org.dovelua.lua.sandbox;

import java.util.regex.Pattern;

/**
 * What one command answers: its stdout, stderr and how it ends. {@code pattern} is a glob over the
 * whole command line: {@code *} stands for any run of characters (spaces and quotes included),
 * {@code ?} for one, everything else for itself; a command that is exactly the pattern's text also
 * matches, so a pattern without wildcards is an exact command line.
 */
public record ExecStub(String pattern, byte[] stdout, byte[] stderr, WaitStatus status) {
    public ExecStub {
        stdout = stdout.clone();
        stderr = stderr.clone();
    }

    public boolean matches(String command) {
        return command.equals(pattern) || glob(pattern).matcher(command).matches();
    }

    private static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*' || c == '?') {
                re.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        return Pattern.compile(re.append(Pattern.quote(literal.toString())).toString(), Pattern.DOTALL);
    }

    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    @Override
    public byte[] stderr() {
        return stderr.clone();
    }
}
