package org.dovelua.auth;

import org.dovelua.lua.http.HttpUrlParser;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;

/** A release's {@code http_url_parse()} (lib-http over uri-util.c), from the version table. */
public final class HttpUrlRules {
    private HttpUrlRules() {
    }

    public static HttpUrlParser.Rules of(DovecotVersion v) {
        return new HttpUrlParser.Rules(v.has(Since.URI_ERRORS_NAME_CHARACTER), v.has(Since.URI_HOST_PCT_CHECKED),
                v.has(Since.URI_IP_LITERAL_ADDR2IP));
    }
}
