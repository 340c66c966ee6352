package org.dovelua.migrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.dovelua.api.Result;
import org.dovelua.cases.CaseOutcome;
import org.dovelua.lua.http.HttpExchange;

/**
 * What one case did under one release, as lines per {@link Aspect}, so two releases' answers
 * compare aspect by aspect; and whether the case's own expectations held.
 */
public record Behaviour(Map<Aspect, List<String>> aspects, boolean passed) {
    public Behaviour {
        aspects = java.util.Collections.unmodifiableMap(new EnumMap<>(aspects));
    }

    /** The lines of one aspect. */
    public List<String> lines(Aspect a) {
        return aspects.getOrDefault(a, List.of());
    }

    /** A case outcome's answer; a case that could not run is its error in {@link Aspect#RESULT}. */
    public static Behaviour of(CaseOutcome o) {
        Map<Aspect, List<String>> m = new EnumMap<>(Aspect.class);
        Result r = o.result();
        if (r == null) {
            m.put(Aspect.RESULT, List.of("could not run: " + o.error()));
            return new Behaviour(m, false);
        }
        m.put(Aspect.RESULT, List.of("exit " + r.exitCode(), "result " + r.result()));
        m.put(Aspect.FIELDS, r.fieldLines());
        m.put(Aspect.STDOUT, lines(r.stdout()));
        m.put(Aspect.LOGS, r.logs());
        List<String> http = new ArrayList<>();
        for (HttpExchange x : r.http()) {
            http.addAll(request(x));
        }
        m.put(Aspect.HTTP, http);
        m.put(Aspect.EXEC, r.exec().stream().map(Object::toString).toList());
        return new Behaviour(m, o.status() == CaseOutcome.Status.PASSED);
    }

    /**
     * An exchange as the script made it: the request line, headers and body, and the status it saw.
     * The response's headers and body are the stub's (a Nauthilus stub's session id is new each
     * run); lib-http's Date header is the wall clock's: neither is the release's doing.
     */
    private static List<String> request(HttpExchange x) {
        List<String> out = new ArrayList<>();
        out.add("> " + x.method() + " " + x.url());
        x.requestHeaders().forEach(h -> out.add("> " + h.getKey() + ": "
                + (h.getKey().equalsIgnoreCase("Date") ? "(now)" : h.getValue())));
        if (x.requestBody().length > 0) {
            lines(x.requestBodyText()).forEach(l -> out.add("> " + l));
        }
        out.add("< " + x.status() + " " + x.reason());
        return out;
    }

    /** Every case of a file whose auth process could not be built at all. */
    static Behaviour failedToStart(String why) {
        return new Behaviour(Map.of(Aspect.RESULT, List.of("could not run: " + why)), false);
    }

    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        if (out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** The aspects in which {@code other} differs from this, in {@link Aspect} order. */
    public List<Aspect> differences(Behaviour other) {
        List<Aspect> out = new ArrayList<>();
        for (Aspect a : Aspect.values()) {
            if (!lines(a).equals(other.lines(a))) {
                out.add(a);
            }
        }
        return out;
    }
}
