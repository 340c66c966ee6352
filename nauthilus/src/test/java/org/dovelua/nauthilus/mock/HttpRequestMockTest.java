package org.dovelua.nauthilus.mock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.Varargs;

class HttpRequestMockTest {
    private static final String BLOCK = "{'method': 'POST', 'path': '/auth?user=al%20ice&x=1+2&bad=%zz&semi=a;b&user=2',"
            + " 'body': 'payload', 'headers': {'X-Token': 'abc'}}";

    @Test
    void fieldsAndGetters() {
        try (MockHarness h = new MockHarness("nauthilus_http_request", BLOCK, HttpRequestMock::new)) {
            Varargs r = h.run("local q = require('nauthilus_http_request')\n"
                    + "return q.method, q.path, q.body, q.headers['X-Token'], q.get_http_method(), q.get_http_path(),"
                    + " q.get_http_body(), q.get_http_header('X-Token'), q.get_http_header('x-token'),"
                    + " q.get_http_request_header('X-Token')[1]");
            assertThat(r.arg(1).tojstring()).isEqualTo("POST");
            assertThat(r.arg(3).tojstring()).isEqualTo("payload");
            assertThat(r.arg(4).tojstring()).isEqualTo("abc");
            assertThat(r.arg(5).tojstring()).isEqualTo("POST");
            assertThat(r.arg(7).tojstring()).isEqualTo("payload");
            assertThat(r.arg(8).tojstring()).isEqualTo("abc");
            // header names are looked up exactly
            assertThat(r.arg(9).isnil()).isTrue();
            assertThat(r.arg(10).tojstring()).isEqualTo("abc");
            assertThat(h.calls.calls).containsExactly("get_http_method|", "get_http_path|", "get_http_body|",
                    "get_http_header|X-Token", "get_http_header|x-token", "get_http_request_header|X-Token");
        }
    }

    @Test
    void queryParametersAsGoNetUrlReadsThem() {
        try (MockHarness h = new MockHarness("nauthilus_http_request", BLOCK, HttpRequestMock::new)) {
            Varargs r = h.run("local q = require('nauthilus_http_request')\n"
                    + "return q.get_http_query_param('user'), q.get_http_query_param('x'), q.get_http_query_param('bad'),"
                    + " q.get_http_query_param('semi'), q.get_http_query_param('none')");
            assertThat(r.arg(1).tojstring()).isEqualTo("al ice");
            assertThat(r.arg(2).tojstring()).isEqualTo("1 2");
            assertThat(r.arg(3).isnil()).isTrue();
            assertThat(r.arg(4).isnil()).isTrue();
            assertThat(r.arg(5).isnil()).isTrue();
        }
        assertThat(RequestUri.queryParam("auth?user=x", "user")).as("not a request URI").isEmpty();
        assertThat(RequestUri.queryParam("", "user")).isEmpty();
        assertThat(RequestUri.queryParam("https://h.example/p?user=y", "user")).isEqualTo("y");
        assertThat(RequestUri.queryParam("mailto:a?user=z", "user")).as("opaque keeps its query").isEqualTo("z");
        assertThat(RequestUri.queryParam("/a%zz?user=y", "user")).as("bad path escape").isEmpty();
        assertThat(RequestUri.queryParam("/p?user=y#frag", "user")).as("no fragment split").isEqualTo("y#frag");
    }

    @Test
    void absentBlockGivesEmptyStringsAndNoHeadersTable() {
        try (MockHarness h = new MockHarness("nauthilus_http_request", null, HttpRequestMock::new)) {
            h.calls.failCall(2);
            Varargs r = h.run("local q = require('nauthilus_http_request')\n"
                    + "return q.method, q.headers, q.get_http_method(), q.get_http_path()");
            assertThat(r.arg(1).tojstring()).isEmpty();
            assertThat(r.arg(2).isnil()).isTrue();
            assertThat(r.arg(3).tojstring()).isEmpty();
            // a mismatch answers nil
            assertThat(r.arg(4).isnil()).isTrue();
        }
    }
}
