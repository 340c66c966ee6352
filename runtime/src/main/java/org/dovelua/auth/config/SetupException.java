package org.dovelua.auth.config;

/** A configuration the auth process refuses to start with; the message names the file and line. */
public final class SetupException extends Exception {
    private final transient ConfigException doveconf;

    public SetupException(String message) {
        super(message, null, false, false);
        this.doveconf = null;
    }

    private SetupException(ConfigException refused) {
        super(refused.getMessage(), null, false, false);
        this.doveconf = refused;
    }

    /**
     * A config doveconf itself refuses: doveadm, which runs doveconf first, stops before any
     * command with doveconf's Fatal line and exit 89.
     */
    public static SetupException refusedByDoveconf(ConfigException refused) {
        return new SetupException(refused);
    }

    /** The doveconf refusal, or null for an error of the auth process's own start. */
    public ConfigException doveconf() {
        return doveconf;
    }
}
