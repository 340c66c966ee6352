package org.dovelua.conformance.differential;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external command ({@code dovecot}, {@code doveadm}, {@code mount}) to completion with
 * stdin from /dev/null. Output goes through files, not pipes, so a command that fills one stream
 * while we read the other cannot block.
 */
public final class Command {

    /** What a command (or dovelua in-process) answered; a record so two answers compare with equals. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private Command() {
    }

    public static Result run(List<String> cmd, Duration timeout) throws Exception {
        Path out = Files.createTempFile("dl-out", ".txt");
        Path err = Files.createTempFile("dl-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timeout: " + cmd);
            }
            return new Result(p.exitValue(), text(out), text(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String text(Path file) throws Exception {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
