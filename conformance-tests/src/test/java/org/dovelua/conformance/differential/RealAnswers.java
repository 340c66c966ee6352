package org.dovelua.conformance.differential;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Real answers to commands whose answer is a function of the command and the installed Dovecot
 * alone ({@code doveadm pw}), kept beside the verified-recordings cache and reused while
 * {@link RealSideIdentity#dovecotOf} (Dovecot's version and the packages its crypt, TLS and Lua
 * code come from) is unchanged: the issue-20 rule of recording real Dovecot once and reusing it.
 * A generated hash ({@code pw -s}) is random, and any one real Dovecot made serves. Off with
 * {@code -Ddifferential.cache=off}; where the identity cannot be found out the command runs.
 */
public final class RealAnswers {
    private final Path dir; // null: off

    private RealAnswers(Path dir) {
        this.dir = dir;
    }

    /** The answers kept under the directory {@code differential.cache} names. */
    public static RealAnswers of(String setting) {
        Path cache = VerifiedRecordings.directory(setting);
        return new RealAnswers(cache == null ? null : cache.resolve("real-answers"));
    }

    /** {@code cmd} run in {@code root}, or its kept answer. */
    public Command.Result run(DovecotRoot root, List<String> cmd, Duration timeout) throws Exception {
        Path file = file(root, cmd);
        if (file != null && Files.isRegularFile(file)) {
            Command.Result kept = parse(Files.readString(file, StandardCharsets.UTF_8));
            if (kept != null) {
                return kept;
            }
        }
        Command.Result r = Command.run(root.command(cmd), timeout);
        if (file != null) {
            VerifiedRecordings.writeAtomically(file, format(r, root.describe() + " " + String.join(" ", cmd)));
        }
        return r;
    }

    private Path file(DovecotRoot root, List<String> cmd) {
        if (dir == null) {
            return null;
        }
        String identity;
        try {
            identity = RealSideIdentity.dovecotOf(root);
        } catch (Exception e) {
            return null;
        }
        var md = RealSideIdentity.sha256();
        md.update(identity.getBytes(StandardCharsets.UTF_8));
        for (String a : cmd) {
            md.update(("\0" + a).getBytes(StandardCharsets.UTF_8));
        }
        return dir.resolve(HexFormat.of().formatHex(md.digest()));
    }

    /** Exit code, stdout and stderr (Base64: any bytes), then what it was for a person looking. */
    static String format(Command.Result r, String what) {
        Base64.Encoder b = Base64.getEncoder();
        return r.exitCode() + "\n" + b.encodeToString(r.stdout().getBytes(StandardCharsets.UTF_8)) + "\n"
                + b.encodeToString(r.stderr().getBytes(StandardCharsets.UTF_8)) + "\n" + what.replace('\n', ' ') + "\n";
    }

    /** The answer {@link #format} wrote, or null for a file that is not one (it is run again). */
    static Command.Result parse(String text) {
        String[] l = text.split("\n", -1);
        if (l.length < 4) {
            return null;
        }
        try {
            Base64.Decoder b = Base64.getDecoder();
            return new Command.Result(Integer.parseInt(l[0]), new String(b.decode(l[1]), StandardCharsets.UTF_8),
                    new String(b.decode(l[2]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
