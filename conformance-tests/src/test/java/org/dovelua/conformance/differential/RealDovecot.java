package org.dovelua.conformance.differential;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One running real Dovecot for a case directory: {@code dovecot -c CONF} (as DESIGN.md's
 * "Differential testing" starts it), {@code doveadm -c CONF ...} against it, and on close the
 * SIGTERM {@code doveadm stop} sends.
 */
final class RealDovecot implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final DovecotRoot root;
    private final CaseDir dir;
    private final long pid;
    private final DovecotLog log;

    private RealDovecot(DovecotRoot root, CaseDir dir, long pid) {
        this.root = root;
        this.dir = dir;
        this.pid = pid;
        this.log = new DovecotLog(dir.host().resolve("dovecot.log"));
    }

    /**
     * Starts Dovecot on the case directory's dovecot.conf and waits until it takes auth clients. A
     * config doveconf refuses leaves Dovecot down ({@link #running()} false): doveadm, which runs
     * doveconf itself, then answers each run with doveconf's Fatal line and exit 89.
     */
    static RealDovecot start(DovecotRoot root, CaseDir dir) throws Exception {
        Command.Result started = Command.run(root.command(List.of("dovecot", "-c", dir.seenConf())), COMMAND_TIMEOUT);
        if (started.exitCode() != 0 && started.stderr().contains("doveconf: Fatal: ")) {
            return new RealDovecot(root, dir, -1);
        }
        if (started.exitCode() != 0) {
            throw new IllegalStateException("dovecot did not start: " + started.stderr());
        }
        Path pidFile = dir.host().resolve("run/master.pid");
        waitFor(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank()
                && Files.exists(dir.host().resolve("run/auth-client")), 5000);
        return new RealDovecot(root, dir, Long.parseLong(Files.readString(pidFile).trim()));
    }

    /** {@code doveadm -c CONF args...}. */
    Command.Result doveadm(List<String> args) throws Exception {
        return Command.run(root.command(doveadmLine(args)), COMMAND_TIMEOUT);
    }

    /** False when doveconf refused the config and Dovecot never started. */
    boolean running() {
        return pid > 0;
    }

    DovecotLog log() {
        return log;
    }

    /**
     * Stops Dovecot as {@code doveadm stop} does (doveadm-master.c doveadm_master_send_signal:
     * SIGTERM to the pid in base_dir/master.pid), without the waiting: doveadm polls up to 3 s for
     * the master to go, and the master's shutdown takes 2-3 s of its own (service-monitor.c
     * services_monitor_wait_and_kill waits for idle children, then sleeps 1 s after SIGQUIT). By
     * now the case's answers and log have been read, and its directory is never used again.
     */
    @Override
    public void close() {
        if (running()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
    }

    private List<String> doveadmLine(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("doveadm", "-c", dir.seenConf()));
        cmd.addAll(args);
        return cmd;
    }

    private interface Cond {
        boolean ok() throws Exception;
    }

    private static void waitFor(Cond cond, long ms) throws Exception {
        long end = System.currentTimeMillis() + ms;
        while (!cond.ok()) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("timed out waiting for real Dovecot");
            }
            Thread.sleep(20);
        }
    }
}
