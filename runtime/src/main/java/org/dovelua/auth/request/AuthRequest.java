package org.dovelua.auth.request;

import org.dovelua.auth.config.AuthSettings;
import org.dovelua.auth.db.AuthDb;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.version.Since;

/**
 * {@code struct auth_request} with its {@code fields} (src/auth/auth-request.h): what the client
 * sent, what passdbs and userdbs have set, and the per-lookup state the chain rules read.
 */
public final class AuthRequest {
    /** {@code enum auth_request_secured}. */
    public enum Secured { NONE, SECURED, TLS }

    // What the client (doveadm) sent.
    public String user;
    public String originalUsername;
    public String translatedUsername;
    public String requestedLoginUser;
    public String masterUser;
    public String service;
    public String localIp;
    public String remoteIp;
    public int localPort;
    public int remotePort;
    public String realLocalIp;
    public String realRemoteIp;
    public int realLocalPort;
    public int realRemotePort;
    public String localName;
    public String sessionId;
    public String clientId;
    public String mechName;
    public String mechPassword;
    /** A request of {@code auth test -A MECH}'s SASL exchange (its prefix is there before any db runs). */
    public boolean saslExchange;
    public Secured secured = Secured.NONE;
    public boolean validClientCert;
    public long clientPid;
    public long sessionPid = -1;

    // What lookups produce.
    public final AuthFields extraFields;
    public AuthFields userdbReply;
    public String passdbPassword;
    public boolean skipPasswordCheck;
    public boolean failed;
    /** {@code failure_nodelay}: a {@code nodelay} field was set, even if the fields were rolled back since. */
    public boolean failureNodelay;
    public boolean userdbLookup;
    public boolean userdbLookupTempfailed;
    public boolean userdbPrefetchSet;
    public boolean passdbsSeenUserUnknown;
    public boolean passdbsSeenInternalFailure;
    public boolean userdbsSeenInternalFailure;
    /**
     * The userdb lookup of a login (a master {@code REQUEST} after an authentication; C's
     * {@code client_pid != 0}): a user no userdb knows is then an error, the user should exist.
     */
    public boolean loginUserdbLookup;
    public boolean userChangedByLookup;
    public boolean successful;

    /**
     * The scheme a credentials lookup wants ({@code wanted_credentials_scheme}): "" for
     * {@code auth lookup} (master PASS), a mechanism's scheme for non-plaintext SASL (C.9).
     */
    public String wantedCredentialsScheme = "";
    /** {@code prefer_plain_credentials}: a mechanism that can use plaintext would rather have it. */
    public boolean preferPlainCredentials;
    /** {@code fields.realm}: set by DIGEST-MD5 only; null otherwise. */
    public String realm;
    /** {@code domain_is_realm}: DIGEST-MD5's realm was the user's domain. */
    public boolean domainIsRealm;
    /** The credentials a successful credentials lookup produced (raw, decoded or generated). */
    public byte[] credentials;

    /** Whether the current lookup runs in an auth worker (which sees only the exported request). */
    public boolean inWorker;
    /** The passdb or userdb being consulted now (for log prefixes and %!). */
    public AuthDb currentDb;
    /** The event of the passdb/userdb lookup in progress ({@code authdb_event()}). */
    public DovecotEvent dbEvent;
    /** The request's own event. */
    public DovecotEvent event;
    /**
     * auth-request-handler.c {@code auth_only}: a client connection without a master login after it
     * (doveadm auth test's auth-client); a login's (auth-login) and master lookups are not.
     */
    public boolean authOnly = true;
    public final AuthSettings settings;

    public AuthRequest(AuthSettings settings) {
        this.settings = settings;
        this.extraFields = new AuthFields(settings.version);
    }

    /** {@code auth_request_init_userdb_reply()} without default fields. */
    public AuthFields userdbReply() {
        if (userdbReply == null) {
            userdbReply = new AuthFields(settings.version);
        }
        return userdbReply;
    }

    /** {@code authdb_event(request)}: the db event when a lookup runs, else the request event. */
    public DovecotEvent dbEvent() {
        return dbEvent != null ? dbEvent : event;
    }

    /** {@code get_log_identifier}: {@code user[,ip][,master][,<session>]}. */
    public String logIdentifier() {
        String id = userIdentifier(null);
        return sessionId == null ? id : id + ",<" + sessionId + ">";
    }

    /**
     * The identifier with 2.4's {@code ,sasl:<mech>} after the ip and before {@code ,master}
     * (auth-request.c get_log_prefix, 2.4.1); {@code mech} null leaves it out. 2.4 puts the
     * session after the parenthesis, so it is not part of this.
     */
    public String userIdentifier(String mech) {
        StringBuilder sb = new StringBuilder(user == null ? "?" : sanitize(user, 64));
        if (remoteIp != null) {
            sb.append(',').append(remoteIp);
        }
        if (mech != null) {
            sb.append(",sasl:").append(mech.toLowerCase(java.util.Locale.ROOT));
        }
        if (requestedLoginUser != null) {
            sb.append(",master");
        }
        return sb.toString();
    }

    /** {@code str_sanitize_append}: control characters become '?', long names end in "...". */
    public static String sanitize(String s, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (sb.length() > max) {
            return sb.substring(0, max - 3) + "...";
        }
        return sb.toString();
    }

    /** The number the auth worker gave this request (2.4's {@code request [N]}). */
    public int workerRequest;

    /**
     * {@code auth_request_get_log_prefix(..., AUTH_SUBSYS_DB)}: {@code <db name>(<identifier>): };
     * in 2.4 the identifier moved before the level ({@link #processLogPrefix}) and only
     * {@code <db name>: } stays (seen on 2.4.1).
     */
    public String dbLogPrefix() {
        if (currentDb != null && settings.version.has(Since.LOG_PREFIX_24)) {
            return currentDb.logName() + ": ";
        }
        String name = currentDb == null ? "auth" : currentDb.logName();
        return name + "(" + logIdentifier() + "): ";
    }

    /**
     * 2.4's request prefix before the level: {@code (<identifier>): request [N]} in an auth worker,
     * {@code (<identifier>,sasl:<mech>)} in the auth process (seen on 2.4.1, where the worker's also
     * has {@code <pid>} after the parenthesis: left out, as dovelua leaves out pids everywhere);
     * empty in 2.3 and outside a db lookup.
     */
    public String processLogPrefix() {
        // a SASL request has its (user,sasl:mech) prefix before any db runs (mech-oauth2.c's lines, seen on 2.4.1)
        if ((currentDb == null && !saslExchange) || !settings.version.has(Since.LOG_PREFIX_24)) {
            return "";
        }
        // auth-request.c@2.4.1 get_log_prefix(): the session follows the parenthesis, "(user,ip)<session>"
        String session = sessionId == null ? "" : "<" + sessionId + ">";
        if (inWorker) {
            return "(" + userIdentifier(null) + ")" + session + ": request [" + workerRequest + "]";
        }
        return authProcessLogPrefix(mechName);
    }

    /** The auth process's 2.4 request prefix with {@code mech}: {@code (user,ip,sasl:mech)<session>}. */
    public String authProcessLogPrefix(String mech) {
        return "(" + userIdentifier(mech) + ")" + (sessionId == null ? "" : "<" + sessionId + ">");
    }
}
