package org.dovelua.nauthilus.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Varargs;

class GluaHttpMockTest {
    @Test
    void responsesInOrderThen200AndCapturedCalls() {
        String block = "{'responses': [{'status_code': 201, 'body': 'created', 'headers': {'X-A': '1'}},"
                + " {'error': 'connection refused'}]}";
        try (MockHarness h = new MockHarness("glua_http", block, GluaHttpMock::new)) {
            Varargs r = h.run("local http = require('glua_http')\n"
                    + "local a = http.post('http://svc/x', {body = '{}', headers = {['Content-Type'] = 'json', [1] = 'n', N = 5}})\n"
                    + "local b, be = http.get('http://svc/y')\n"
                    + "local c, ce = http.request('PUT', 'http://svc/z', {body = 42})\n"
                    + "return a.status_code, a.body, a.headers['X-A'], b, be, c.status_code, c.body, next(c.headers), ce");
            assertThat(r.arg(1).todouble()).isEqualTo(201);
            assertThat(r.arg(2).tojstring()).isEqualTo("created");
            assertThat(r.arg(3).tojstring()).isEqualTo("1");
            assertThat(r.arg(4).isnil()).isTrue();
            assertThat(r.arg(5).tojstring()).isEqualTo("connection refused");
            assertThat(r.arg(6).todouble()).isEqualTo(200);
            assertThat(r.arg(7).tojstring()).isEmpty();
            assertThat(r.arg(8).isnil()).isTrue();
            assertThat(r.arg(9).isnil()).isTrue();
            // a non-string body is dropped; request lower-cases its method
            assertThat(h.calls.calls).containsExactly("post|url=http://svc/x body={}", "get|url=http://svc/y body=",
                    "put|url=http://svc/z body=");
            GluaHttpMock mock = (GluaHttpMock) h.module;
            assertThat(mock.captured()).hasSize(3);
            assertThat(mock.captured().get(0).headers()).isEqualTo(Map.of("Content-Type", "json", "N", "5"));
        }
    }

    @Test
    void aMismatchAnswersNilErrAndConsumesNoResponse() {
        try (MockHarness h = new MockHarness("glua_http", "{'responses': [{'status_code': 404}]}", GluaHttpMock::new)) {
            h.calls.failCall(1);
            Varargs r = h.run("local http = require('glua_http')\n"
                    + "local a, ae = http.get('u1')\n"
                    + "local b = http.get('u2')\n"
                    + "return a, ae, b.status_code");
            assertThat(r.arg(1).isnil()).isTrue();
            assertThat(r.arg(2).tojstring()).isEqualTo("mismatch #1 get");
            assertThat(r.arg(3).todouble()).isEqualTo(404);
            assertThat(((GluaHttpMock) h.module).captured()).extracting(GluaHttpMock.Captured::url).containsExactly("u2");
            assertThat(h.error("require('glua_http').post('u', 'x')"))
                    .contains("bad argument #2 to post (table expected, got string)");
        }
    }
}
