package org.dovelua.soak;

import java.util.List;
import org.dovelua.api.Command;

/**
 * One kind of request in a soak's mix and its share: {@code [WEIGHT*]auth USER [PASSWORD]}
 * ({@code doveadm auth test}), {@code [WEIGHT*]lookup USER} ({@code doveadm auth lookup}) or
 * {@code [WEIGHT*]user USER} ({@code doveadm user -u}, a userdb lookup).
 */
public record SoakRequest(String label, int weight, Command command) {
    public SoakRequest {
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1");
        }
    }

    /**
     * Reads a request as the command line gives it; {@code info} are the {@code -x} pairs every
     * request carries.
     *
     * @throws IllegalArgumentException for anything else, naming the expected form
     */
    public static SoakRequest parse(String spec, List<String> info) {
        String text = spec.strip();
        int weight = 1;
        int star = text.indexOf('*');
        if (star > 0 && text.substring(0, star).strip().matches("[0-9]{1,6}")) {
            weight = Integer.parseInt(text.substring(0, star).strip());
            text = text.substring(star + 1).strip();
        }
        String[] w = text.isEmpty() ? new String[0] : text.split("\\s+");
        Command c = null;
        if (w.length == 3 || w.length == 2) {
            switch (w[0]) {
                case "auth" -> c = new Command.AuthTest(w[1], w.length == 3 ? w[2] : "", info);
                case "lookup" -> c = w.length == 2 ? new Command.AuthLookup(List.of(w[1]), info, null) : null;
                case "user" -> c = w.length == 2 ? new Command.User(List.of(w[1]), info, null, true) : null;
                default -> c = null;
            }
        }
        if (c == null || weight < 1) {
            throw new IllegalArgumentException("soak: request '" + spec + "': expected [WEIGHT*]auth USER [PASSWORD], "
                    + "[WEIGHT*]lookup USER or [WEIGHT*]user USER");
        }
        return new SoakRequest(text, weight, c);
    }
}
