package org.dovelua.nauthilus.mock;

import static org.assertj.core.api.Assertions.assertThat;

import org.dovelua.nauthilus.luatest.ExpectedCalls;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Varargs;

class DbMockTest {
    private static MockHarness harness(String block) {
        // the runner hands db its block's engine (MockData): the matching and the texts live there
        return new MockHarness("db", block, (b, ignored) -> new DbMock(b, engine(b)));
    }

    static ExpectedCalls engine(com.fasterxml.jackson.databind.JsonNode block) {
        return ExpectedCalls.forDb(block.path("expected_calls"));
    }

    private static String validation(MockHarness h) {
        return ((DbMock) h.module).calls.validateComplete();
    }

    @Test
    void matchedEntriesShapeTheAnswers() {
        String block = "{'expected_calls': ["
                + "{'method': 'open'},"
                + "{'method': 'EXEC', 'query_contains': 'create table'},"
                + "{'method': 'exec', 'query_contains': 'INSERT', 'rows_affected': 3},"
                + "{'method': 'exec', 'query_contains': 'insert', 'last_insert_id': 99},"
                + "{'method': 'query', 'query_contains': 'select', 'columns': ['id', 'name'], 'rows': [[1, 'a'], [2, null]]},"
                + "{'method': 'query', 'rows': [[true, 1.5, ['x', null, 'y']]]},"
                + "{'method': 'query'},"
                + "{'method': 'close'}]}";
        try (MockHarness h = harness(block)) {
            Varargs r = h.run("local db = require('db')\n"
                    + "local c = db.open('sqlite3', ':memory:', {shared = true})\n"
                    + "local cr = c:exec('  CREATE TABLE t (id int)  ')\n"
                    + "local i1 = c:exec('insert into t values (?)', 1)\n"
                    + "local i2 = c:exec('INSERT into t values (2)')\n"
                    + "local q = c:query('SELECT id, name FROM t')\n"
                    + "local q2 = c:query('select 1')\n"
                    + "local q3 = c:query('select 2')\n"
                    + "local closed = c:close()\n"
                    + "return cr.rows_affected, cr.last_insert_id, i1.rows_affected, i1.last_insert_id, i2.rows_affected,"
                    + " i2.last_insert_id, q.columns[2], #q.rows, q.rows[1][2], q.rows[2][2], q2.columns[3], #q2.columns,"
                    + " q2.rows[1][1], #q2.rows[1][3], #q3.rows, #q3.columns, closed");
            assertThat(r.arg(1).todouble()).isZero();
            assertThat(r.arg(2).isnil()).isTrue();
            assertThat(r.arg(3).todouble()).isEqualTo(3);
            assertThat(r.arg(4).todouble()).isEqualTo(1);
            assertThat(r.arg(5).todouble()).isEqualTo(1);
            assertThat(r.arg(6).todouble()).isEqualTo(99);
            assertThat(r.arg(7).tojstring()).isEqualTo("name");
            assertThat(r.arg(8).toint()).isEqualTo(2);
            assertThat(r.arg(9).tojstring()).isEqualTo("a");
            assertThat(r.arg(10).isnil()).isTrue();
            assertThat(r.arg(11).tojstring()).isEqualTo("col_3");
            assertThat(r.arg(12).toint()).isEqualTo(3);
            assertThat(r.arg(13).toboolean()).isTrue();
            assertThat(r.arg(14).toint()).isEqualTo(2);
            assertThat(r.arg(15).toint()).isZero();
            assertThat(r.arg(16).toint()).isZero();
            assertThat(r.arg(17).isnil()).isTrue();
            assertThat(validation(h)).isNull();
        }
    }

    @Test
    void withoutExpectedCallsEverythingMatchesAndInsertIdsCount() {
        try (MockHarness h = harness(null)) {
            Varargs r = h.run("local c = require('db').open('mysql', 'dsn')\n"
                    + "local a = c:exec('insert into t values (1)')\n"
                    + "local s = c:stmt('insert into t values (?)')\n"
                    + "local b = s:exec(2)\n"
                    + "local q = s:query()\n"
                    + "s:close()\n"
                    + "local x, xe = s:exec(3)\n"
                    + "c:close()\n"
                    + "local y, ye = c:query('select 1')\n"
                    + "local z, ze = c:stmt('select 1')\n"
                    + "return a.last_insert_id, b.last_insert_id, #q.rows, x, xe, y, ye, z, ze");
            assertThat(r.arg(1).todouble()).isEqualTo(1);
            assertThat(r.arg(2).todouble()).isEqualTo(2);
            assertThat(r.arg(3).toint()).isZero();
            assertThat(r.arg(4).isnil()).isTrue();
            assertThat(r.arg(5).tojstring()).isEqualTo("invalid mock db statement");
            assertThat(r.arg(6).isnil()).isTrue();
            assertThat(r.arg(7).tojstring()).isEqualTo("mock db connection is closed");
            assertThat(r.arg(8).isnil()).isTrue();
            assertThat(r.arg(9).tojstring()).isEqualTo("mock db connection is closed");
            assertThat(validation(h)).isNull();
            assertThat(h.calls.calls).as("db keeps its own engine").isEmpty();
        }
    }

    @Test
    void configuredErrors() {
        try (MockHarness h = harness("{'open_error': 'no driver'}")) {
            Varargs r = h.run("return require('db').open('x', 'y')");
            assertThat(r.arg(1).isnil()).isTrue();
            assertThat(r.arg(2).tojstring()).isEqualTo("no driver");
        }
        try (MockHarness h = harness("{'exec_error': 'locked', 'query_error': 'gone'}")) {
            Varargs r = h.run("local c = require('db').open('x', 'y')\n"
                    + "local a, ae = c:exec('delete from t')\n"
                    + "local s = c:stmt('select ?')\n"
                    + "local b, be = s:query(1)\n"
                    + "return a, ae, b, be");
            assertThat(r.arg(2).tojstring()).isEqualTo("locked");
            assertThat(r.arg(4).tojstring()).isEqualTo("gone");
        }
    }

    @Test
    void theFirstMismatchSticksAndIsTheValidationError() {
        String block = "{'expected_calls': [{'method': 'open'}, {'method': 'query', 'query_contains': 'FROM users'},"
                + " {'method': 'close'}]}";
        try (MockHarness h = harness(block)) {
            Varargs r = h.run("local c = require('db').open('x', 'y')\n"
                    + "local a, ae = c:query('select * from groups')\n"
                    + "local ce = c:close()\n"
                    + "return a, ae, ce");
            String mismatch = "db call #2 query mismatch: expected to contain \"FROM users\", got \"select * from groups\"";
            assertThat(r.arg(1).isnil()).isTrue();
            assertThat(r.arg(2).tojstring()).isEqualTo(mismatch);
            assertThat(r.arg(3).tojstring()).isEqualTo(mismatch);
            assertThat(validation(h)).isEqualTo(mismatch);
        }
        try (MockHarness h = harness("{'expected_calls': [{'method': 'open'}]}")) {
            Varargs r = h.run("local c = require('db').open('x', 'y')\nreturn c:exec('x\\n')");
            assertThat(r.arg(2).tojstring()).isEqualTo("unexpected db call #2: method=exec query=\"x\"");
        }
        try (MockHarness h = harness("{'expected_calls': [{'method': 'open'}]}")) {
            Varargs r = h.run("return require('db').open('x', 'y'):stmt('select \"q\"')");
            assertThat(r.arg(2).tojstring()).isEqualTo("unexpected db call #2: method=stmt query=\"select \\\"q\\\"\"");
        }
        try (MockHarness h = harness("{'expected_calls': [{'method': 'exec'}]}")) {
            Varargs r = h.run("return require('db').open('x', 'y')");
            assertThat(r.arg(2).tojstring()).isEqualTo("db call #1 method mismatch: expected=exec got=open");
        }
        try (MockHarness h = harness("{'expected_calls': [{'method': 'open'}, {'method': 'query', 'query_contains': 'x'}]}")) {
            h.run("require('db').open('x', 'y')");
            assertThat(validation(h)).isEqualTo("missing expected db call #2: method=query query_contains=\"x\"");
        }
    }

    @Test
    void argumentChecksFollowTheRecord() {
        try (MockHarness h = harness("{'expected_calls': [{'method': 'open'}]}")) {
            assertThat(h.error("require('db').open('x', 'y', nil)"))
                    .contains("bad argument #3 to open (table expected, got nil)");
            // the call was recorded before the argument failed
            assertThat(validation(h)).isNull();
            // a mismatch answers before the arguments are looked at
            Varargs r = h.run("return require('db').open()");
            assertThat(r.arg(2).tojstring()).isEqualTo("unexpected db call #2: method=open query=\"\"");
        }
        try (MockHarness h = harness(null)) {
            assertThat(h.error("require('db').open('x')")).contains("bad argument #2 to open (string expected, got nil)");
            assertThat(h.error("local c = require('db').open('x', 'y')\nc.query('select')"))
                    .contains("bad argument #1 to query (userdata expected, got string)");
            Varargs r = h.run("local c = require('db').open('x', 'y')\nlocal s = c:stmt('q')\nreturn c.exec(s, 'q')");
            assertThat(r.arg(2).tojstring()).isEqualTo("invalid mock db connection");
        }
    }
}
