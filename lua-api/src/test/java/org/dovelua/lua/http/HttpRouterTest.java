package org.dovelua.lua.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** The router's routing, and its bounded window of exchanges, so a long-lived instance does not keep every body. */
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

    @Test
    void aRememberedRouteGivesWayToARouteAddedLater() throws Exception {
        HttpRouter router = HttpRouter.offline();
        router.route("https://login.example.com", HttpUrl.parse("http://127.0.0.1:1000/"));
        HttpUrl url = HttpUrls.parse("https://login.example.com/api/v1/auth/json?mode=no-auth");
        assertThat(router.resolve(url).toString()).isEqualTo("http://127.0.0.1:1000/api/v1/auth/json?mode=no-auth");
        assertThat(router.resolve(url)).isSameAs(router.resolve(url));
        router.route("https://login.example.com/api", HttpUrl.parse("http://127.0.0.1:2000/"));
        assertThat(router.resolve(url).toString()).isEqualTo("http://127.0.0.1:2000/api/v1/auth/json?mode=no-auth");
    }

    @Test
    void remembersParsedUrlsButNotWithoutBound() {
        assertThat(HttpUrls.parse("http://[::1")).isNull();
        HttpUrl first = HttpUrls.parse("http://127.0.0.1:1/a");
        assertThat(HttpUrls.parse("http://127.0.0.1:1/a")).isSameAs(first);
        for (int i = 0; i < 1000; i++) {
            assertThat(HttpUrls.parse("http://127.0.0.1:1/" + i).encodedPath()).isEqualTo("/" + i);
        }
        assertThat(HttpUrls.memoSize()).isLessThanOrEqualTo(HttpUrls.MEMO_SIZE);
    }
}
