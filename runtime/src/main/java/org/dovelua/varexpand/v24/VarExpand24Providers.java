package org.dovelua.varexpand.v24;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Map;
import org.dovelua.version.DovecotVersion;

/**
 * The built-in value providers of Dovecot 2.4's var-expand ({@code internal_providers[]} in
 * src/lib-var-expand/var-expand.c) that describe the host and the moment: {@code process:},
 * {@code system:}, {@code dovecot:}, {@code date:}, {@code time:}, {@code generate:}. dovelua
 * answers for its own process and host, which is what an auth process on this machine would see.
 * ({@code event:} is {@link VarExpand24#eventField}.)
 */
final class VarExpand24Providers {
    private VarExpand24Providers() {
    }

    /**
     * {@code DOVECOT_REVISION}: the release tag's commit, 10 hex digits, as the tarball's
     * build stamps it. Known for the 2.4 releases in dovecot/core; 2.4.5's as Debian forky's
     * {@code dovecot --version} prints it (case 346).
     */
    private static final Map<String, String> REVISIONS = Map.of("2.4.0", "daeb6bc59c", "2.4.1", "7d8c0e5759",
            "2.4.2", "0962ed2104", "2.4.3", "c1b22ef978", "2.4.4", "8b687aa65c", "2.4.5", "0cbb641e3e");


    /** null when {@code prefix} is not one of these providers. */
    static String lookup(String prefix, String key, DovecotVersion version, Map<String, String> env,
            java.time.Clock clock) throws VarExpand24Filters.FilterError {
        return switch (prefix) {
            case "process" -> process(key);
            case "system" -> system(key, env);
            case "dovecot" -> dovecot(key, version);
            case "date" -> date(key, clock);
            case "time" -> time(key, version, clock);
            case "generate" -> generate(key);
            default -> null;
        };
    }

    private static VarExpand24Filters.FilterError unsupportedField(String prefix, String key) {
        return new VarExpand24Filters.FilterError(prefix + ": Unsupported field '" + key + "'");
    }

    private static VarExpand24Filters.FilterError unsupportedKey(String prefix, String key) {
        return new VarExpand24Filters.FilterError(prefix + ": Unsupported key '" + key + "'");
    }

    private static String process(String key) throws VarExpand24Filters.FilterError {
        return switch (key) {
            case "pid" -> Long.toString(ProcessHandle.current().pid());
            case "uid" -> procStatusId("Uid:");
            case "gid" -> procStatusId("Gid:");
            default -> throw unsupportedField("process", key);
        };
    }

    /** geteuid()/getegid(): the effective id, the second column of /proc/self/status. */
    private static String procStatusId(String field) throws VarExpand24Filters.FilterError {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return line.substring(field.length()).trim().split("\\s+")[1];
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        throw new VarExpand24Filters.FilterError("process: dovelua cannot read its " + field + " on this system");
    }

    private static String system(String key, Map<String, String> env) throws VarExpand24Filters.FilterError {
        switch (key) {
            case "cpu_count": {
                String ncpu = env.get("NCPU");
                return ncpu != null ? ncpu : Integer.toString(Runtime.getRuntime().availableProcessors());
            }
            case "hostname":
                return hostname();
            case "os":
                // uname().sysname
                return System.getProperty("os.name");
            case "os-version":
                // uname().release
                return System.getProperty("os.version");
            default:
                throw unsupportedField("system", key);
        }
    }

    /** my_hostname: the host name up to its first dot (lib/hostpid.c). */
    private static String hostname() {
        String h;
        try {
            h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            h = "localhost";
        }
        int dot = h.indexOf('.');
        return dot < 0 ? h : h.substring(0, dot);
    }

    private static String dovecot(String key, DovecotVersion version) throws VarExpand24Filters.FilterError {
        String v = version.toString();
        return switch (key) {
            case "name" -> "Dovecot";
            case "version" -> version.packageVersion();
            case "support-url" -> "https://www.dovecot.org/";
            case "support-email" -> "dovecot@dovecot.org";
            case "revision" -> {
                String r = REVISIONS.get(v);
                if (r == null) {
                    throw new VarExpand24Filters.FilterError("dovecot: dovelua does not know the revision of " + v);
                }
                yield r;
            }
            default -> throw unsupportedField("dovecot", key);
        };
    }

    private static final Object GUID_LOCK = new Object();
    private static long guidSec;
    private static long guidNsec;
    private static long guid128Sec;
    private static long guid128Nsec;

    /** var_expand_generate(): guid_generate(), guid_128_generate() and random UUIDv4s (lib/guid.c). */
    private static String generate(String key) throws VarExpand24Filters.FilterError {
        if (key.equals("guid")) {
            synchronized (GUID_LOCK) {
                // the current time in nanoseconds starts a 64-bit counter
                if (guidSec == 0) {
                    java.time.Instant now = java.time.Instant.now();
                    guidSec = now.getEpochSecond();
                    guidNsec = now.getNano();
                } else if (guidNsec < 0xffffffffL) {
                    guidNsec++;
                } else {
                    guidSec++;
                    guidNsec = 0;
                }
                return String.format("%08x%08x.%x.%s", guidNsec, guidSec, ProcessHandle.current().pid(), hostname());
            }
        }
        if (key.equals("guid128")) {
            return HexFormat.of().formatHex(guid128());
        }
        if (key.startsWith("uuid")) {
            String rest = key.substring(4);
            byte[] u = new byte[16];
            new java.security.SecureRandom().nextBytes(u);
            u[6] = (byte) ((u[6] & 0x0f) | 0x40); // version 4
            u[8] = (byte) ((u[8] & 0xbf) | 0x80); // variant 2
            String hex = HexFormat.of().formatHex(u);
            String record = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                    + hex.substring(16, 20) + "-" + hex.substring(20);
            return switch (rest) {
                case "", ":record" -> record;
                case ":compact" -> hex;
                case ":microsoft" -> "{" + record + "}";
                default -> throw unsupportedKey("generate", rest);
            };
        }
        throw unsupportedKey("generate", key);
    }

    /**
     * guid_128_generate(): nanoseconds and seconds (little-endian), pid, the SHA-1 tail of the host
     * (Dovecot hashes my_hostdomain(), the FQDN; dovelua the host name it reads).
     */
    private static byte[] guid128() {
        long sec;
        long nsec;
        synchronized (GUID_LOCK) {
            java.time.Instant now = java.time.Instant.now();
            if (guid128Sec == 0) {
                guid128Sec = now.getEpochSecond();
                guid128Nsec = now.getNano();
            } else if (now.getEpochSecond() > guid128Sec
                    || now.getEpochSecond() == guid128Sec && now.getNano() / 1000 * 1000 > guid128Nsec) {
                // ioloop_timeval has microseconds
                guid128Sec = now.getEpochSecond();
                guid128Nsec = now.getNano() / 1000 * 1000;
            } else if (guid128Nsec < 999_999_999L) {
                guid128Nsec++;
            } else {
                guid128Sec++;
                guid128Nsec = 0;
            }
            sec = guid128Sec;
            nsec = guid128Nsec;
        }
        byte[] g = new byte[16];
        for (int i = 0; i < 4; i++) {
            g[i] = (byte) (nsec >>> (8 * i));
            g[4 + i] = (byte) (sec >>> (8 * i));
        }
        long pid = ProcessHandle.current().pid();
        for (int i = 0; i < 4; i++) {
            g[8 + i] = (byte) (pid >>> (8 * i));
        }
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-1")
                    .digest(hostname().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            System.arraycopy(h, h.length - 4, g, 12, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return g;
    }

    private static String date(String key, java.time.Clock clock) throws VarExpand24Filters.FilterError {
        LocalDateTime now = LocalDateTime.now(clock);
        return switch (key) {
            case "year" -> String.format("%04d", now.getYear());
            case "month" -> String.format("%02d", now.getMonthValue());
            case "day" -> String.format("%02d", now.getDayOfMonth());
            default -> throw unsupportedKey("date", key);
        };
    }

    private static String time(String key, DovecotVersion version, java.time.Clock clock)
            throws VarExpand24Filters.FilterError {
        if (key.equals("unix") && version.has(org.dovelua.version.Since.VAR_EXPAND_TIME_FILTERS)) {
            // commit 97d5041edb: i_nanoseconds() as "%ju.%09ju"
            java.time.Instant now = clock.instant();
            return now.getEpochSecond() + "." + String.format("%09d", now.getNano());
        }
        LocalDateTime now = LocalDateTime.now(clock);
        return switch (key) {
            case "hour" -> String.format("%02d", now.getHour());
            case "min", "minute" -> String.format("%02d", now.getMinute());
            case "sec", "second" -> String.format("%02d", now.getSecond());
            case "us", "usec" -> Integer.toString(now.getNano() / 1000);
            default -> throw unsupportedKey("time", key);
        };
    }
}
