package org.dovelua.api;

import java.util.List;

/**
 * A doveadm command, as it follows the global options on the {@code dovelua} command line. The
 * {@code info} pairs are doveadm's {@code -x key=value} arguments, kept as given so a malformed
 * one is reported as doveadm-style usage ({@link BadRequestException}).
 */
public sealed interface Command {
    /**
     * {@code doveadm auth test [-x k=v]... [-M MASTER] [-A MECH] USER PASSWORD}: a SASL exchange
     * (PLAIN unless {@code mech} names another; {@code -A} is 2.4's) through the passdbs;
     * {@code masterUser} authenticates and {@code user} is who it logs in as. Both may be null.
     * {@code ownClient}: dovelua is the SASL client (case files, the Java API), so any mechanism the
     * server side runs (CRAM-MD5 and DIGEST-MD5 too) on any release, not only doveadm's.
     */
    record AuthTest(String user, String password, List<String> info, String mech, String masterUser, boolean ownClient)
            implements Command {
        public AuthTest {
            info = List.copyOf(info);
        }

        public AuthTest(String user, String password, List<String> info) {
            this(user, password, info, null, null, false);
        }

        /** As doveadm sends it: {@code -A}'s mechanism through lib-sasl's client. */
        public AuthTest(String user, String password, List<String> info, String mech, String masterUser) {
            this(user, password, info, mech, masterUser, false);
        }
    }

    /**
     * {@code doveadm auth login [-x k=v]... USER PASSWORD}: SASL PLAIN through the passdbs as a login
     * process asks, then the userdb lookup the mail process's master request makes for it.
     */
    record AuthLogin(String user, String password, List<String> info, String mech, String masterUser, boolean ownClient)
            implements Command {
        public AuthLogin {
            info = List.copyOf(info);
        }

        public AuthLogin(String user, String password, List<String> info) {
            this(user, password, info, null, null, false);
        }

        /** As doveadm sends it: {@code -A}'s mechanism through lib-sasl's client. */
        public AuthLogin(String user, String password, List<String> info, String mech, String masterUser) {
            this(user, password, info, mech, masterUser, false);
        }
    }

    /** {@code doveadm auth lookup [-x k=v]... [-f FIELD] USER...}: passdb lookups. */
    record AuthLookup(List<String> users, List<String> info, String field) implements Command {
        public AuthLookup {
            users = List.copyOf(users);
            info = List.copyOf(info);
        }
    }

    /**
     * {@code doveadm auth cache flush [USER...]}: drops the auth cache's entries (of the users given,
     * else all) and prints how many there were.
     */
    record CacheFlush(List<String> users) implements Command {
        public CacheFlush {
            users = List.copyOf(users);
        }
    }

    /**
     * {@code doveadm user [-u] [-x k=v]... [-f FIELD] USER|MASK...}: userdb lookups, printed as the
     * mail user's table (or the userdb reply with {@code -u}); a mask with {@code *} or {@code ?}
     * lists the users of the iteration that match.
     */
    record User(List<String> masks, List<String> info, String field, boolean userdbOnly) implements Command {
        public User {
            masks = List.copyOf(masks);
            info = List.copyOf(info);
        }

        boolean listing() {
            return masks.stream().anyMatch(m -> m.indexOf('*') >= 0 || m.indexOf('?') >= 0);
        }
    }
}
