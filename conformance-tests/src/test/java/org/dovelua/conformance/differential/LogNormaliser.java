package org.dovelua.conformance.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings real Dovecot's log file and dovelua's stderr to one comparable form: keeps the auth, auth-worker and
 * dict process lines, strips timestamps, pids and the worker connection prefix, drops Debug lines
 * unless the case turns auth_debug on, drops traceback continuation lines, and replaces what
 * varies per run (case directory, ports, connection ids, timings) by fixed text.
 */
final class LogNormaliser {
    /*
     * Line prefixes: 2.3 "auth-worker(1234): Info: conn unix:auth-worker (pid=..): auth-worker<1>: lua(u,ip): ..."
     * 2.4 "auth-worker(u,ip)<1234>: request [3]: Info: lua: ..." (context in parentheses, worker pid and
     * session in angle brackets, then the worker's request number). Groups: process, context, angles, message.
     */
    static final Pattern REAL_LINE = Pattern.compile("^[A-Z][a-z]{2} [ 0-9]\\d \\d\\d:\\d\\d:\\d\\d "
            + "(auth|auth-worker|dict)(\\([^)]*\\))?((?:<[^>]*>)*): (.*)$");
    static final Pattern DOVELUA_LINE = Pattern.compile("^(auth|auth-worker|dict)(\\([^)]*\\))?((?:<[^>]*>)*): (.*)$");
    static final Pattern PID_CONTEXT = Pattern.compile("\\(\\d+\\)");
    static final Pattern ANGLE_PID = Pattern.compile("<\\d+>");
    /** 2.4 auth-workers number the requests they serve; the count depends on worker reuse, not on the case. */
    static final Pattern REQUEST_NO = Pattern.compile("^request \\[\\d+\\]: ");
    /** The per-connection prefix real auth-workers put before the request prefix; it carries pids. */
    static final Pattern WORKER_CONN =
            Pattern.compile("conn unix:auth-worker \\(pid=\\d+,uid=\\d+\\): auth-worker<\\d+>: ");

    static final Pattern RAW_BACKTRACE = Pattern.compile("^(Error: Raw backtrace: ).*$");
    /** 2.3: "Error: stack traceback:"; 2.4 puts the passdb name in between: "Error: lua: stack traceback:". */
    static final Pattern TRACEBACK = Pattern.compile("^[A-Za-z]+: (?:[a-z-]+: )?(\t|stack traceback:)");
    static final Pattern PIDS = Pattern.compile("\\(pid=\\d+");
    /**
     * The auth-worker connection's uid is the dovecot system user's, which differs between machines
     * (102 where the cases were recorded, 103 on others); dovelua prints this machine's, as Dovecot does.
     */
    static final Pattern WORKER_UID = Pattern.compile("(conn unix:auth-worker \\(pid=N),uid=\\d+\\)");
    static final Pattern CHILD_PID = Pattern.compile("child \\d+ ");
    /**
     * lib-master's login request (doveadm auth login): its tag, doveadm's pid and the cookie are new
     * each run: {@code master in: REQUEST <tag> <pid> <id> <cookie> session_pid=<pid>}, {@code master userdb out: USER <tag>}.
     */
    static final Pattern MASTER_REQUEST =
            Pattern.compile("^(Debug: master in: REQUEST\t)\\d+\t\\d+\t(\\d+)\t[0-9a-f]*\tsession_pid=\\d+");
    static final Pattern MASTER_OUT_TAG = Pattern.compile("^(Debug: master userdb out: [A-Z]+\t)\\d+");
    /**
     * doveadm's auth-master requests are numbered from a random multiple of 131072 since 2.4.2
     * (lib-auth-client auth-master.c {@code id_counter = i_rand_limit(32767) * 131072U}, commit
     * 529e9d98cb): only the count within the connection is compared.
     */
    /**
     * auth-master-connection.c master_input_request(): "Master request <client pid>.<client id> not
     * found" names doveadm's pid.
     */
    static final Pattern MASTER_REQUEST_NOT_FOUND = Pattern.compile("Master request \\d+\\.(\\d+) not found");
    static final Pattern MASTER_LOOKUP_ID = Pattern.compile(
            "^(Debug: (?:master in: (?:PASS|USER|LIST)|passdb out: [A-Z]+|userdb out: [A-Z]+)\t)(\\d+)");
    /** A SASL challenge (CRAM-MD5's, DIGEST-MD5's, SCRAM's) carries random nonces: its data is not compared. */
    static final Pattern SASL_CONT = Pattern.compile(
            "^(Debug: (?:conn unix:\\S+ \\([^)]*\\) \\[\\d+\\]: )?client passdb out: CONT\t\\d+\t).+$");
    /** 2.4 sends a success's final data (SCRAM's server signature, made with the nonces) as resp= on OK. */
    static final Pattern SASL_FINAL_RESP = Pattern.compile("^(Debug: .*client passdb out: OK\t.*\tresp=)\\S+$");
    /** The case's HTTP server ports, lib-http's connection ids and request timing figures vary per run. */
    static final Pattern LOOPBACK_PORT = Pattern.compile("(127\\.0\\.0\\.1|localhost):\\d+");
    static final Pattern CONN_ID = Pattern.compile(",id=\\d+\\)");
    static final Pattern HTTP_STATS = Pattern.compile("\\(Request queued [^)]*\\)");
    /** lib-http's measured times in its debug lines. */
    static final Pattern HTTP_TOOK = Pattern.compile("\\(took \\d+ ms \\+ \\d+ ms in queue\\)");
    /** lib-dns's measured lookup time (dns-lookup.c), for a lib-http host name (cases 466, 467). */
    static final Pattern DNS_LOOKUP_TOOK = Pattern.compile("(Lookup (?:successful|failed)) after \\d+ msecs");
    /**
     * A looked-up host's idle timeout is what is left of its IPs' TTL (http-client-host.c
     * {@code http_client_host_shared_check_idle}: dns_ttl_msecs, 30 minutes, less the time since the
     * lookup); the fixed 100 msecs of a literal IP stays compared.
     */
    static final Pattern HOST_IDLE_TTL = Pattern.compile("Host is idle \\(timeout = \\d{4,} msecs\\)");
    /** The shared peer's connect backoff: 100 msecs less what has passed since the failure (http-client-peer.c). */
    /** The shared peer's backoff when a connection is made later than it (http-client-peer.c, case 507). */
    static final Pattern HTTP_BACKOFF_EXCEEDED = Pattern.compile("Backoff time already exceeded by \\d+ msecs");
    static final Pattern HTTP_BACKOFF = Pattern.compile("Starting backoff timer for \\d+ msecs");
    static final Pattern HTTP_AFTER_RESPONSE = Pattern.compile("\\(\\d+ ms after initial response\\)");
    /**
     * 2.4's queue request timer (http-client-queue.c http_client_queue_set_request_timer and
     * http_client_queue_request_timeout): wall-clock times, {@code Set request timeout to T (now: T)}
     * and {@code Timeout (now: T)} (cases 501, 503).
     */
    /**
     * lib-ssl-iostream's OpenSSL info callback (iostream-openssl.c openssl_info_callback, 2.4) logs
     * {@code SSL: where=0x1002, ret=-1: <state>} each time SSL_connect() would block, which depends on
     * when the peer's records arrive: seen 0 to 6 times per state from run to run (case 507), so these
     * lines are dropped; the states' ret=1 lines are compared.
     */
    static final Pattern SSL_WOULD_BLOCK = Pattern.compile(": SSL: where=0x[0-9a-f]+, ret=-1: ");
    /** lib-http's measured connect time (http-client-connection.c, connect timeout: cases 502, 503). */
    static final Pattern HTTP_CONNECT_TIMED_OUT = Pattern.compile("(Connection timed out in) \\d+\\.\\d{3} secs");
    static final Pattern HTTP_QUEUE_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
    /**
     * dict-client.c's " (reply took ...)" suffix: measured times, and the dict server's own
     * timestamps (dict_warnings_sec); its parts are checked by the runtime's dict tests.
     */
    /** auth-master-connection.c's log callback: the connection's age, measured (2.4). */
    static final Pattern CONNECTION_AGE =
            Pattern.compile("\\(created \\d+ msecs ago(, handshake \\d+ msecs ago)?\\)");
    static final Pattern DICT_REPLY_TOOK = Pattern.compile("\\(reply took \\d+\\.\\d{3} secs \\([^)]*\\)\\)");

    /**
     * doveconf's refusal of the config, on doveadm's stderr (real) or dovelua's: compared as it is,
     * since Dovecot never starts to log anything else.
     */
    static final String DOVECONF = "doveconf: ";

    private LogNormaliser() {
    }

    /** Real Dovecot's log file text: each line starts with a timestamp. */
    static List<String> real(String text, String dir, boolean debug) {
        return normalise(text, dir, debug, REAL_LINE);
    }

    /** dovelua's stderr: the same lines without timestamps. */
    static List<String> dovelua(String text, String dir, boolean debug) {
        return normalise(text, dir, debug, DOVELUA_LINE);
    }

    private static List<String> normalise(String text, String dir, boolean debug, Pattern lineForm) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(DOVECONF)) {
                out.add(line.replace(dir, "%DIR%"));
                continue;
            }
            if (line.startsWith("\t") || line.startsWith("stack traceback:")) {
                continue;
            }
            Matcher m = lineForm.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String ctx = m.group(2) == null || PID_CONTEXT.matcher(m.group(2)).matches() ? "" : m.group(2);
            // 2.4 workers write their pid as <pid> after the request context; dovelua leaves pids out
            ctx += ANGLE_PID.matcher(m.group(3)).replaceAll("");
            String msg = WORKER_CONN.matcher(m.group(4)).replaceFirst("");
            String request = "";
            Matcher rq = REQUEST_NO.matcher(msg);
            if (rq.lookingAt()) {
                request = "request [N]: ";
                msg = msg.substring(rq.end());
            }
            // Dovecot prefixes every line of a multi-line message, so a traceback shows up as
            // "Error: stack traceback:" / "Error: \t..." lines
            if (TRACEBACK.matcher(msg).find()) {
                continue;
            }
            msg = PIDS.matcher(msg).replaceAll("(pid=N");
            msg = WORKER_UID.matcher(msg).replaceAll("$1,uid=N)");
            if (!debug && msg.startsWith("Debug: ")) {
                continue;
            }
            if (SSL_WOULD_BLOCK.matcher(msg).find()) {
                continue;
            }
            // addresses in panic backtraces and pids of killed children vary from run to run
            msg = RAW_BACKTRACE.matcher(msg).replaceFirst("$1<elided>");
            msg = CHILD_PID.matcher(msg).replaceAll("child N ");
            msg = MASTER_REQUEST.matcher(msg).replaceFirst("$1TAG\tPID\t$2\tCOOKIE\tsession_pid=PID");
            msg = MASTER_OUT_TAG.matcher(msg).replaceFirst("$1TAG");
            msg = MASTER_REQUEST_NOT_FOUND.matcher(msg).replaceFirst("Master request N.$1 not found");
            java.util.regex.Matcher lookupId = MASTER_LOOKUP_ID.matcher(msg);
            if (lookupId.find()) {
                msg = lookupId.group(1) + (Long.parseLong(lookupId.group(2)) % 131072) + msg.substring(lookupId.end());
            }
            msg = SASL_CONT.matcher(msg).replaceFirst("$1DATA");
            msg = SASL_FINAL_RESP.matcher(msg).replaceFirst("$1DATA");
            msg = LOOPBACK_PORT.matcher(msg).replaceAll("$1:PORT");
            msg = HTTP_BACKOFF.matcher(msg).replaceAll("Starting backoff timer for N msecs");
            msg = HTTP_BACKOFF_EXCEEDED.matcher(msg).replaceAll("Backoff time already exceeded by N msecs");
            msg = DNS_LOOKUP_TOOK.matcher(msg).replaceAll("$1 after N msecs");
            msg = HOST_IDLE_TTL.matcher(msg).replaceAll("Host is idle (timeout = N msecs)");
            msg = CONN_ID.matcher(msg).replaceAll(",id=N)");
            msg = HTTP_STATS.matcher(msg).replaceAll("(Request queued STATS)");
            msg = HTTP_TOOK.matcher(msg).replaceAll("(took N ms + N ms in queue)");
            msg = HTTP_AFTER_RESPONSE.matcher(msg).replaceAll("(N ms after initial response)");
            msg = HTTP_CONNECT_TIMED_OUT.matcher(msg).replaceAll("$1 S secs");
            if (msg.contains("Set request timeout to ") || msg.contains(": Timeout (now: ")) {
                msg = HTTP_QUEUE_TIME.matcher(msg).replaceAll("TIME");
            }
            msg = DICT_REPLY_TOOK.matcher(msg).replaceAll("(reply took TIMING)");
            msg = CONNECTION_AGE.matcher(msg).replaceAll(
                    a -> "(created N msecs ago" + (a.group(1) != null ? ", handshake N msecs ago" : "") + ")");
            out.add((m.group(1) + ctx + ": " + request + msg).replace(dir, "%DIR%"));
        }
        return out;
    }
}
