package org.dovelua.lua.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** http-client.c's per-process client numbers around auth_policy_init() (case 403 on real 2.4.5). */
class HttpClientIdsTest {
    @Test
    void thePolicyClientTakesTheNumberAfterTheBodiesClients() {
        HttpClientIds ids = new HttpClientIds();
        assertThat(ids.next(false)).isEqualTo(1); // the passdb state's body
        assertThat(ids.next(false)).isEqualTo(2); // the userdb state's body
        assertThat(ids.next(true)).isEqualTo(4); // a lookup: the policy client is [3]
        assertThat(ids.next(true)).isEqualTo(5);
    }

    @Test
    void withoutABodyClientALookupsClientIsTheSecond() {
        HttpClientIds ids = new HttpClientIds();
        ids.policyClientMade();
        ids.policyClientMade(); // once per process
        assertThat(ids.next(true)).isEqualTo(2);
        assertThat(ids.nextRequest()).isEqualTo(1);
        assertThat(ids.nextRequest()).isEqualTo(2);
    }
}
