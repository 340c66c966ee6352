package org.dovelua.auth;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.version.Since;

/**
 * The auth failure penalty (src/auth/auth-penalty.c) with anvil's side of it (src/anvil/penalty.c):
 * per remote IP (an IPv6 address masked to /48; no IP is the ident ""), a penalty that each
 * delayed failure raises by one (to at most 4) unless the same user and password failed before
 * (anvil keeps the checksums of the last ten), that a success resets, and that drops one step per
 * 15 s since the last raise. Before a request starts the auth process asks for it and waits
 * 2·2^penalty seconds (at most 15); 2.4.3+ logs {@code penalty(IP): Delaying response for N
 * seconds} ({@link Since#AUTH_PENALTY_LOGGED}). dovelua does not wait; time is the auth process's
 * clock (a session's {@code sleep:}s).
 */
final class AuthPenalty {
    /** auth-penalty.h. */
    static final int INIT_SECS = 2;
    static final int MAX_SECS = 15;
    static final int MAX_PENALTY = 4;
    /** AUTH_PENALTY_TIMEOUT: the PENALTY-SET-EXPIRE-SECS the auth process gives anvil. */
    static final int EXPIRE_SECS = INIT_SECS + 4 + 8 + MAX_SECS;
    /** penalty.c CHECKSUM_VALUE_PTR_COUNT: the most checksums a record keeps. */
    private static final int CHECKSUMS = 10;
    /** auth-penalty.c PENALTY_IPV6_MASK_BITS. */
    private static final int IPV6_MASK_BYTES = 48 / 8;

    /** anvil's {@code struct penalty_rec}. */
    private static final class Rec {
        int penalty;
        long lastPenalty;
        long lastUpdate;
        final List<Long> checksums = new ArrayList<>();
    }

    private final Map<String, Rec> recs = new HashMap<>();
    private final LongSupplier clock;

    AuthPenalty(LongSupplier clock) {
        this.clock = clock;
    }

    /** auth_penalty_to_secs(). */
    static int toSecs(int penalty) {
        int secs = INIT_SECS;
        for (int i = 0; i < penalty; i++) {
            secs *= 2;
        }
        return Math.min(secs, MAX_SECS);
    }

    /**
     * auth_penalty_lookup() and auth_penalty_anvil_callback(): the request's penalty, logged on a
     * child of the request's event with {@code penalty(<ident>): }.
     */
    int lookup(AuthRequest r) {
        String ident = ident(r.remoteIp);
        long now = clock.getAsLong();
        Rec rec = live(ident, now);
        int penalty = rec == null ? 0 : rec.penalty;
        long lastPenalty = rec == null ? 0 : Math.min(rec.lastPenalty, now);
        int drop = MAX_PENALTY;
        while (penalty > 0) {
            if (now - lastPenalty < toSecs(drop)) {
                break;
            }
            drop--;
            penalty--;
        }
        if (r.settings.version.has(Since.AUTH_PENALTY_LOGGED)) {
            DovecotEvent e = r.event.child();
            e.setLogPrefixCallback(() -> "penalty(" + ident + "): ");
            e.debug("Delaying response for " + (penalty == 0 ? 0 : toSecs(penalty)) + " seconds");
        }
        return penalty;
    }

    /** auth_penalty_update() with anvil's penalty_inc(). */
    void update(AuthRequest r, int value) {
        String ident = ident(r.remoteIp);
        long now = clock.getAsLong();
        value = Math.min(value, MAX_PENALTY);
        long checksum = value == 0 || r.mechPassword == null ? 0 : checksum(r.mechPassword, r.user);
        Rec rec = live(ident, now);
        if (rec == null) {
            rec = new Rec();
            recs.put(ident, rec);
        }
        if (checksum == 0) {
            rec.penalty = value;
            rec.lastPenalty = now;
        } else if (rec.checksums.remove(checksum)) {
            rec.checksums.add(0, checksum); // penalty_bump_checksum(): the same user and password again
            rec.penalty = value - 1;
        } else {
            rec.checksums.add(0, checksum);
            if (rec.checksums.size() > CHECKSUMS) {
                rec.checksums.remove(CHECKSUMS);
            }
            rec.penalty = value;
            rec.lastPenalty = now;
        }
        rec.lastUpdate = now - rec.lastPenalty;
    }

    /** The record unless anvil's penalty_timeout() has dropped it (no update for EXPIRE_SECS). */
    private Rec live(String ident, long now) {
        Rec rec = recs.get(ident);
        if (rec != null && rec.lastPenalty + rec.lastUpdate <= now - EXPIRE_SECS) {
            recs.remove(ident);
            return null;
        }
        return rec;
    }

    /** get_userpass_checksum(): crc32_str_more(crc32_str(password), user). */
    static long checksum(String password, String user) {
        CRC32 crc = new CRC32();
        crc.update(password.getBytes(StandardCharsets.UTF_8));
        crc.update((user == null ? "" : user).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** auth_penalty_get_ident(): net_ip2addr() of the remote IP, IPv6 masked to /48; "" without one. */
    static String ident(String remoteIp) {
        if (remoteIp == null || remoteIp.isEmpty()) {
            return "";
        }
        if (remoteIp.indexOf(':') < 0) {
            return remoteIp;
        }
        try {
            byte[] a = InetAddress.getByName(remoteIp).getAddress();
            if (a.length != 16) {
                return remoteIp;
            }
            for (int i = IPV6_MASK_BYTES; i < a.length; i++) {
                a[i] = 0;
            }
            return ipv6Text(a);
        } catch (java.io.IOException e) {
            return remoteIp;
        }
    }

    /** inet_ntop()'s IPv6 text: the longest run of two or more zero groups (the first of equals) is "::". */
    static String ipv6Text(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8;) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
