package org.dovelua.stubs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code nextcloud}: Nextcloud's WebDAV root ({@code PROPFIND /remote.php/dav/}) with HTTP Basic
 * checked against per-user app passwords: 207 Multi-Status when they match, 401 with Sabre's
 * error body otherwise. Switches: {@code fail_status} (answer everything with e.g. 503) and
 * {@code delay_ms} (slowness, to reach a client timeout).
 */
public final class NextcloudStub extends StubServer {
    /** The file. */
    public static final class Spec {
        /** user → app passwords (a login password works too if listed). */
        @com.fasterxml.jackson.annotation.JsonSetter(nulls = com.fasterxml.jackson.annotation.Nulls.FAIL)
        public Map<String, List<String>> users = new LinkedHashMap<>();
        public int failStatus;
        public long delayMs;

        public void setFailStatus(int s) {
            if (s != 0 && (s < 100 || s > 999)) {
                throw new IllegalArgumentException("fail_status must be a 3-digit HTTP status, not " + s);
            }
            failStatus = s;
        }
    }

    private static final String DAV_PATH = "/remote.php/dav";
    private final Spec spec;

    NextcloudStub(Spec spec) {
        this.spec = spec;
    }

    @Override
    protected StubResponse handle(StubRequest request) {
        StubResponse r = answer(request);
        if (spec.delayMs > 0) {
            r.headersDelay(spec.delayMs);
        }
        return r;
    }

    private StubResponse answer(StubRequest request) {
        if (spec.failStatus != 0) {
            return response(spec.failStatus, reason(spec.failStatus), "", "Content-Type", "text/html; charset=UTF-8");
        }
        String path = request.url() == null ? "" : request.url().encodedPath();
        if (!path.equals(DAV_PATH) && !path.startsWith(DAV_PATH + "/")) {
            return response(404, "Not Found", "", "Content-Type", "text/html; charset=UTF-8");
        }
        if (!authorized(request.header("Authorization"))) {
            return response(401, "Unauthorized", sabreError("Sabre\\DAV\\Exception\\NotAuthenticated",
                    "No public access to this resource., Username or password was incorrect, "
                            + "No 'Authorization: Bearer' header found. Either the client didn't send one, "
                            + "or the server is mis-configured, Username or password was incorrect"),
                    "Content-Type", "application/xml; charset=utf-8",
                    "WWW-Authenticate", "Basic realm=\"Nextcloud\", charset=\"UTF-8\"");
        }
        if (!"PROPFIND".equals(request.method())) {
            return response(405, "Method Not Allowed", sabreError("Sabre\\DAV\\Exception\\MethodNotAllowed",
                    request.method() + " is not allowed on this resource"),
                    "Content-Type", "application/xml; charset=utf-8");
        }
        String body = "<?xml version=\"1.0\"?>\n"
                + "<d:multistatus xmlns:d=\"DAV:\" xmlns:s=\"http://sabredav.org/ns\" "
                + "xmlns:oc=\"http://owncloud.org/ns\" xmlns:nc=\"http://nextcloud.org/ns\">"
                + "<d:response><d:href>/remote.php/dav/</d:href><d:propstat><d:prop>"
                + "<d:resourcetype><d:collection/></d:resourcetype></d:prop>"
                + "<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>\n";
        return response(207, "Multi-Status", body, "Content-Type", "application/xml; charset=utf-8", "DAV",
                "1, 3, extended-mkcol, access-control, calendarserver-principal-property-search");
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        List<String> passwords = spec.users.get(decoded.substring(0, colon));
        return passwords != null && passwords.contains(decoded.substring(colon + 1));
    }

    private static String sabreError(String exception, String message) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<d:error xmlns:d=\"DAV:\" xmlns:s=\"http://sabredav.org/ns\">\n"
                + "  <s:exception>" + exception + "</s:exception>\n"
                + "  <s:message>" + message + "</s:message>\n"
                + "</d:error>\n";
    }
}
