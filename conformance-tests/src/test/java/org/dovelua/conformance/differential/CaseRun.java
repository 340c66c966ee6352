package org.dovelua.conformance.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One doveadm command line of a case and what real Dovecot answered to it: {@code args},
 * {@code exit}, {@code stdout} (compared as a set of lines with {@code fields_as_set: true}),
 * {@code log}, and an optional {@code divergence:} (why dovelua still differs).
 */
public final class CaseRun {
    private final DifferentialCase owner;
    private final int number;
    private final JsonNode node;

    CaseRun(DifferentialCase owner, int number, JsonNode node) {
        this.owner = owner;
        this.number = number;
        this.node = node;
    }

    public DifferentialCase owner() {
        return owner;
    }

    /** 1-based, as test names and messages count runs. */
    public int number() {
        return number;
    }

    public List<String> args() {
        List<String> a = new ArrayList<>();
        node.path("args").forEach(x -> a.add(x.asText()));
        return a;
    }

    /** The arguments with {@code %DIR%} replaced by the case directory as Dovecot sees it. */
    List<String> args(String dir) {
        return args().stream().map(x -> x.replace("%DIR%", dir)).toList();
    }

    /**
     * {@code sleep: N}: seconds that pass before this run (auth cache TTLs). Real Dovecot's side
     * sleeps; dovelua's session moves its clock forward instead.
     */
    int sleep() {
        int s = node.path("sleep").asInt(0);
        if (s < 0 || s > 30) {
            throw new IllegalArgumentException(this + ": sleep must be 0..30 seconds, not " + s);
        }
        if (s > 0 && !owner.oneAuthProcess()) {
            throw new IllegalArgumentException(this + ": sleep needs one_auth_process: true (the time passes"
                    + " inside one auth process)");
        }
        return s;
    }

    int exit() {
        return node.path("exit").asInt();
    }

    String stdout() {
        return node.path("stdout").asText("");
    }

    boolean fieldsAsSet() {
        return node.path("fields_as_set").asBoolean(false);
    }

    /** {@code log_repeats_collapsed: true}: a log line repeated right after itself counts once (real Dovecot's timing). */
    boolean logRepeatsCollapsed() {
        return node.path("log_repeats_collapsed").asBoolean(false);
    }

    List<String> log() {
        List<String> log = new ArrayList<>();
        node.path("log").forEach(l -> log.add(l.asText()));
        return log;
    }

    /** The lines the case's dict server received in this run, or null when none are recorded. */
    List<String> wire() {
        if (!node.has("wire")) {
            return null;
        }
        List<String> w = new ArrayList<>();
        node.path("wire").forEach(l -> w.add(l.asText()));
        return w;
    }

    /** Why dovelua still differs here: the run's own {@code divergence:}, else the case's, else null. */
    public String divergence() {
        return node.hasNonNull("divergence") ? node.get("divergence").asText() : owner.divergence();
    }

    /** How messages and reports name this run. */
    public String where() {
        return owner.name() + " run " + number + " args=" + args();
    }
}
