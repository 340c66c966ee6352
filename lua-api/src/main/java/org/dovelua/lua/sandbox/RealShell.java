package org.dovelua.lua.sandbox;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dovelua.lua.Hints;

/**
 * {@code --allow-exec}: runs {@code /bin/sh -c COMMAND} for real, with the script's streams piped
 * as {@code popen()} pipes them and the others passed on; stdin is /dev/null, as a Dovecot service's.
 *
 * <p>Java reports a command killed by signal N as exit status 128+N, which a command can also
 * exit with; so where perl is installed (Debian's perl-base is essential) the shell runs under a
 * perl {@code system()} that writes the raw {@code wait()} status to a file, and the status is
 * read from there.
 */
public final class RealShell implements Shell {
    private static final Path PERL = Path.of("/usr/bin/perl");
    /** popen/system exec {@code sh -c CMD} with argv[0] "sh" (glibc), which dash names in its errors. */
    private static final String WAIT_STATUS = "system { '/bin/sh' } 'sh', '-c', $ARGV[1];"
            + " open(my $f, '>', $ARGV[0]) or exit 126; print $f $?; close($f)";

    private final File directory;

    /** Commands run in {@code directory} (null: dovelua's own working directory). */
    public RealShell(Path directory) {
        this.directory = directory == null ? null : directory.toFile();
    }

    @Override
    public Child start(String command, Redirect redirect, OutputStream stdout, OutputStream stderr, Hints hints)
            throws IOException {
        Path statusFile = Files.isExecutable(PERL) ? Files.createTempFile("dovelua-exec-", ".status") : null;
        // without perl, $0 (dash's name in errors) is set by the word after the -c string
        List<String> argv = statusFile == null ? List.of("/bin/sh", "-c", command, "sh")
                : List.of(PERL.toString(), "-e", WAIT_STATUS, statusFile.toString(), command);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(directory);
        pb.redirectInput(redirect == Redirect.WRITE ? ProcessBuilder.Redirect.PIPE
                : ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            if (statusFile != null) {
                Files.deleteIfExists(statusFile);
            }
            throw e;
        }
        List<Thread> pumps = new ArrayList<>();
        pumps.add(pump(p.getErrorStream(), stderr));
        if (redirect != Redirect.READ) {
            pumps.add(pump(p.getInputStream(), stdout));
        }
        InputStream out = redirect == Redirect.READ ? new BufferedInputStream(p.getInputStream())
                : InputStream.nullInputStream();
        OutputStream in = redirect == Redirect.WRITE ? p.getOutputStream() : OutputStream.nullOutputStream();
        return new Child() {
            @Override
            public InputStream stdout() {
                return out;
            }

            @Override
            public OutputStream stdin() {
                return in;
            }

            @Override
            public WaitStatus waitFor() throws IOException {
                // pclose: fclose the script's end first (a writer still writing gets SIGPIPE), then wait
                in.close();
                out.close();
                try {
                    int exit = p.waitFor();
                    for (Thread t : pumps) {
                        t.join();
                    }
                    return statusFile == null ? WaitStatus.exited(exit) : readStatus(statusFile, exit);
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for `" + command + "`", e);
                } finally {
                    if (statusFile != null) {
                        Files.deleteIfExists(statusFile);
                    }
                }
            }
        };
    }

    private static WaitStatus readStatus(Path statusFile, int perlExit) throws IOException {
        String raw = Files.readString(statusFile, StandardCharsets.US_ASCII).strip();
        if (perlExit != 0 || raw.isEmpty()) {
            return WaitStatus.exited(perlExit);
        }
        return WaitStatus.ofRaw(Integer.parseInt(raw));
    }

    /** Copies a stream of the command to the auth process's, on a thread of its own. */
    private static Thread pump(InputStream from, OutputStream to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (from) {
                for (int n; (n = from.read(buf)) >= 0; ) {
                    synchronized (to) {
                        to.write(buf, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "exec-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
