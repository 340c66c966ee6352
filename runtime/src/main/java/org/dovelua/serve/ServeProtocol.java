package org.dovelua.serve;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of one call. The client sends NUL-terminated fields: the token, its working
 * directory, the argument count, then each argument (bash: {@code printf '%s\0' "$token" "$PWD"
 * "$#" "$@"}). The server answers one line, then the bytes it announced:
 * {@code done EXIT OUTLEN ERRLEN\n} followed by stdout's and stderr's bytes, or {@code local\n}:
 * the client runs the command itself (a command not served, another directory, a stale server).
 */
public final class ServeProtocol {
    /** A field longer than this ends the call (a command line is far shorter). */
    static final int MAX_FIELD = 1 << 20;
    static final int MAX_ARGS = 10_000;

    private ServeProtocol() {
    }

    /** One request as the client sent it. */
    public record Request(String token, String cwd, List<String> argv) {
    }

    /** What the server answers: an exit code and the two streams' bytes, or "run it yourself". */
    public record Answer(boolean local, int exitCode, byte[] stdout, byte[] stderr) {
        public static final Answer LOCAL = new Answer(true, 0, new byte[0], new byte[0]);

        public static Answer done(int exitCode, String stdout, String stderr) {
            return new Answer(false, exitCode, stdout.getBytes(StandardCharsets.UTF_8),
                    stderr.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static void writeRequest(OutputStream out, Request r) throws IOException {
        field(out, r.token());
        field(out, r.cwd());
        field(out, Integer.toString(r.argv().size()));
        for (String a : r.argv()) {
            field(out, a);
        }
        out.flush();
    }

    private static void field(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    /** Reads the token first, so an unauthenticated peer gets no further than {@link #MAX_FIELD} bytes. */
    public static String readField(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != 0; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the client went away mid-request");
            }
            if (b.size() >= MAX_FIELD) {
                throw new IOException("request field too long");
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** The rest of a request after its token. */
    public static Request readRest(String token, InputStream in) throws IOException {
        String cwd = readField(in);
        int n;
        try {
            n = Integer.parseInt(readField(in));
        } catch (NumberFormatException e) {
            throw new IOException("bad argument count");
        }
        if (n < 0 || n > MAX_ARGS) {
            throw new IOException("bad argument count " + n);
        }
        List<String> argv = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            argv.add(readField(in));
        }
        return new Request(token, cwd, List.copyOf(argv));
    }

    public static void writeAnswer(OutputStream out, Answer a) throws IOException {
        if (a.local()) {
            out.write("local\n".getBytes(StandardCharsets.US_ASCII));
        } else {
            out.write(("done " + a.exitCode() + " " + a.stdout().length + " " + a.stderr().length + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(a.stdout());
            out.write(a.stderr());
        }
        out.flush();
    }

    public static Answer readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the server went away");
            }
            line.write(c);
        }
        String[] f = line.toString(StandardCharsets.US_ASCII).split(" ");
        if (f[0].equals("local")) {
            return Answer.LOCAL;
        }
        if (!f[0].equals("done") || f.length != 4) {
            throw new IOException("unexpected answer: " + line);
        }
        byte[] out = in.readNBytes(Integer.parseInt(f[2]));
        byte[] err = in.readNBytes(Integer.parseInt(f[3]));
        return new Answer(false, Integer.parseInt(f[1]), out, err);
    }
}
