package org.dovelua.check;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.dovelua.auth.lua.AuthRequestMembers;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;

/**
 * The request's members per release, read from the request object itself
 * ({@link AuthRequestMembers}), and what to suggest for a missing one: the same field under the
 * release's name (a rename found by value, {@code service} → {@code protocol}) or the nearest name.
 */
final class RequestMembers {
    private static final Map<String, Set<String>> NAMES = new ConcurrentHashMap<>();
    private static final Map<String, Map<String, String>> VALUES = new ConcurrentHashMap<>();

    private RequestMembers() {
    }

    static Set<String> names(DovecotVersion v) {
        return NAMES.computeIfAbsent(v.toString(), k -> AuthRequestMembers.names(v));
    }

    private static Map<String, String> values(DovecotVersion v) {
        return VALUES.computeIfAbsent(v.toString(), k -> AuthRequestMembers.probeValues(v));
    }

    /** Every release the timeline tells apart: each row's first release and the one before it. */
    static List<DovecotVersion> timeline() {
        TreeSet<DovecotVersion> all = new TreeSet<>();
        for (Since s : Since.values()) {
            all.add(s.since());
            all.add(s.lastWithout());
            if (s.until() != null) {
                all.add(s.until());
            }
        }
        return List.copyOf(all);
    }

    /** The releases of the timeline whose request has {@code member}. */
    static List<DovecotVersion> releasesWith(String member) {
        return timeline().stream().filter(v -> names(v).contains(member)).toList();
    }

    /**
     * What to suggest for {@code member} in {@code v}: the same field's name there, else the
     * nearest name, else the names sharing its first word ({@code remote_addr}: remote_ip or
     * remote_port); empty when nothing is close.
     */
    static List<String> suggestions(String member, DovecotVersion v) {
        String one = suggestion(member, v);
        if (one != null) {
            return List.of(one);
        }
        int us = member.indexOf('_');
        if (us < 3) {
            return List.of();
        }
        String prefix = member.substring(0, us + 1);
        List<String> same = names(v).stream().filter(n -> n.startsWith(prefix)).toList();
        return same.size() <= 3 ? same : List.of();
    }

    /** {@code v}'s name for what {@code member} is in another release, or the nearest name, or null. */
    static String suggestion(String member, DovecotVersion v) {
        Map<String, String> mine = values(v);
        for (DovecotVersion other : timeline()) {
            String value = values(other).get(member);
            if (value == null) {
                continue;
            }
            String best = null;
            for (Map.Entry<String, String> e : mine.entrySet()) {
                if (e.getValue().equals(value) && (best == null
                        || org.dovelua.lib.EditDistance.osa(member, e.getKey())
                                < org.dovelua.lib.EditDistance.osa(member, best))) {
                    best = e.getKey();
                }
            }
            if (best != null) {
                return best;
            }
        }
        return Findings.nearest(member, names(v));
    }
}
