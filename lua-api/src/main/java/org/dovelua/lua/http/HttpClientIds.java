package org.dovelua.lua.http;

/**
 * The {@code http-client[N]} and {@code [ReqN: ...]} numbers of one process: http-client.c {@code http_client_init_shared}
 * counts every lib-http client the process makes in a {@code static unsigned int id}, so the Lua
 * states of one process (a passdb's and a userdb's) share it, and the auth process's own policy
 * client ({@code auth_policy_init()}, main.c {@code main_init} after {@code auths_init()}) takes the
 * number after those the scripts' bodies made (seen on 2.4.5, case 403: body clients of the passdb
 * and the userdb state [1] and [2], a client made in a lookup [4]).
 */
public final class HttpClientIds {
    private int last;
    private boolean policyClientMade;
    /** http-client-request.c {@code http_client_request_new}'s {@code static id_counter}. */
    private int lastRequest;

    /** The next request's number ({@code [ReqN: ...]}), given when the request is made. */
    public synchronized int nextRequest() {
        return ++lastRequest;
    }

    /**
     * The next client's number; {@code inLookup}: made after the process's init (a lookup), so the
     * policy client exists by then.
     */
    public synchronized int next(boolean inLookup) {
        if (inLookup) {
            policyClientMade();
        }
        return ++last;
    }

    /** {@code auth_policy_init()}: once per process, when its dbs are initialised. */
    public synchronized void policyClientMade() {
        if (!policyClientMade) {
            policyClientMade = true;
            last++;
        }
    }
}
