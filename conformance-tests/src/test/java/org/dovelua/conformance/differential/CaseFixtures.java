package org.dovelua.conformance.differential;

/**
 * The servers a case brings ({@code http:}, {@code redis:}) and the placeholders they fill in
 * the script, config, files and environment.
 */
final class CaseFixtures implements AutoCloseable {
    final HttpFixture http;
    final RedisFixture redis;

    CaseFixtures(HttpFixture http, RedisFixture redis) {
        this.http = http;
        this.redis = redis;
    }

    String apply(String text) {
        return redis.apply(http.apply(text));
    }

    @Override
    public void close() {
        try (HttpFixture h = http) {
            redis.close();
        }
    }
}
