package org.dovelua.lua.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The router keeps a bounded window of exchanges, so a long-lived instance does not keep every body. */
class HttpRouterTest {
    @Test
    void keepsOnlyTheMostRecentExchanges() {
        HttpRouter router = HttpRouter.offline();
        int[] told = new int[1];
        router.onExchange(ex -> told[0]++);
        for (int i = 0; i < 1000; i++) {
            router.record(new HttpExchange("GET", "http://h/" + i, List.of(), new byte[0], 200, "OK", List.of(),
                    new byte[1024]));
        }
        assertThat(told[0]).isEqualTo(1000);
        assertThat(router.exchanges()).hasSize(HttpRouter.KEPT_EXCHANGES);
        assertThat(router.exchanges().get(0).url()).isEqualTo("http://h/" + (1000 - HttpRouter.KEPT_EXCHANGES));
        assertThat(router.exchanges().get(HttpRouter.KEPT_EXCHANGES - 1).url()).isEqualTo("http://h/999");
    }
}
