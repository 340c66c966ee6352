package org.dovelua.nauthilus.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dovelua.nauthilus.GoValues;
import org.dovelua.nauthilus.GopherArgs;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The vadv {@code db} module as test mode shadows it (mocks.go LoaderModDBMock, dbOpenMock and the
 * connection/statement methods; the expectation engine is types.go DBMock). The db block's
 * expected_calls have their own shape ({@code method}, {@code query_contains}, and the
 * {@code rows_affected}/{@code last_insert_id}/{@code columns}/{@code rows} a matched exec or query
 * answers): the block's engine matches them ({@code query_contains}, db's texts) and hands back the
 * matched entry ({@link ModuleCalls#lastMatched()}). Every mismatch answers {@code nil, err}
 * ({@code conn:close()} answers the error alone).
 *
 * <p>Not modelled: outside declarative_mode upstream also routes each call through its in-memory
 * dbmock with the call's own arguments as the expectation, which always matches itself (except for
 * a NaN argument, which reflect.DeepEqual rejects); both modes answer alike here.
 */
public final class DbMock extends MockModule {
    /** types.go DBExpectedCall. */
    record Expected(String method, String queryContains, Long rowsAffected, Long lastInsertId,
            List<String> columns, List<List<Object>> rows) {
    }

    /** mocks.go mockDBConn. */
    private static final class Conn {
        long lastInsert;
        boolean closed;
    }

    /** mocks.go mockDBStmt. */
    private static final class Stmt {
        final Conn conn;
        final String query;
        boolean closed;

        Stmt(Conn conn, String query) {
            this.conn = conn;
            this.query = query;
        }
    }

    private final String openError;
    private final String execError;
    private final String queryError;
    private final LuaTable connMetatable = new LuaTable();
    private final LuaTable stmtMetatable = new LuaTable();

    /** {@code calls} is the db block's engine (the runner's ExpectedCalls.forDb): it matches and remembers the entry. */
    public DbMock(JsonNode block, ModuleCalls calls) {
        super(block, calls);
        openError = FixtureBlock.string(block, "open_error");
        execError = FixtureBlock.string(block, "exec_error");
        queryError = FixtureBlock.string(block, "query_error");
        LuaTable connIndex = new LuaTable();
        connIndex.set("exec", fn("exec", a -> connOperation(a, "exec")));
        connIndex.set("query", fn("query", a -> connOperation(a, "query")));
        connIndex.set("stmt", fn("stmt", this::connStmt));
        connIndex.set("close", fn("close", this::connClose));
        connMetatable.set(LuaValue.INDEX, connIndex);
        LuaTable stmtIndex = new LuaTable();
        stmtIndex.set("exec", fn("exec", a -> stmtOperation(a, "exec")));
        stmtIndex.set("query", fn("query", a -> stmtOperation(a, "query")));
        stmtIndex.set("close", fn("close", this::stmtClose));
        stmtMetatable.set(LuaValue.INDEX, stmtIndex);
    }

    @Override
    void define(LuaTable mod) {
        mod.set("open", fn("open", this::open));
    }

    /** A call for the db block's engine (types.go DBMock.RecordCall): the query is its argument text. */
    String recordCall(String method, String query) {
        return calls.record(method, query);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** mocks.go dbOpenMock: recorded before the arguments are checked. */
    private Varargs open(GopherArgs a) {
        String err = recordCall("open", "");
        if (err != null) {
            return nilAnd(err);
        }
        a.checkString(1);
        a.checkString(2);
        if (a.top() > 2) {
            a.checkTable(3);
        }
        if (!openError.isEmpty()) {
            return nilAnd(openError);
        }
        return new LuaUserdata(new Conn(), connMetatable);
    }

    /** mocks.go luaDBConnectionOperation with execSQL / querySQL. */
    private Varargs connOperation(GopherArgs a, String method) {
        Object ud = a.checkUserData(1);
        String query = GoValues.trimSpace(a.checkString(2));
        String err = recordCall(method, query);
        if (err != null) {
            return nilAnd(err);
        }
        if (!(ud instanceof Conn conn)) {
            return nilAnd("invalid mock db connection");
        }
        if (conn.closed) {
            return nilAnd("mock db connection is closed");
        }
        return answer(method, conn, query);
    }

    /** mocks.go luaDBStatementOperation with execStmtSQL / queryStmtSQL. */
    private Varargs stmtOperation(GopherArgs a, String method) {
        Object ud = a.checkUserData(1);
        if (!(ud instanceof Stmt stmt) || stmt.closed) {
            return nilAnd("invalid mock db statement");
        }
        String err = recordCall(method, stmt.query);
        if (err != null) {
            return nilAnd(err);
        }
        return answer(method, stmt.conn, stmt.query);
    }

    private Varargs answer(String method, Conn conn, String query) {
        if (method.equals("exec")) {
            return execError.isEmpty() ? execResult(conn, query) : nilAnd(execError);
        }
        return queryError.isEmpty() ? rowsResult() : nilAnd(queryError);
    }

    /** mocks.go execResult / luaDBExecResult. */
    private LuaValue execResult(Conn conn, String query) {
        Expected match = lastMatched();
        String normalized = lower(GoValues.trimSpace(query));
        long rowsAffected = normalized.startsWith("create ") ? 0 : 1;
        if (match != null && match.rowsAffected() != null) {
            rowsAffected = match.rowsAffected();
        }
        long lastInsertId = 0;
        if (normalized.startsWith("insert ")) {
            lastInsertId = ++conn.lastInsert;
        }
        if (match != null && match.lastInsertId() != null) {
            lastInsertId = match.lastInsertId();
        }
        LuaTable t = new LuaTable();
        t.set("rows_affected", num(rowsAffected));
        if (lastInsertId > 0) {
            t.set("last_insert_id", num(lastInsertId));
        }
        return t;
    }

    /** mocks.go expectedRowsResult, withImplicitColumns and luaRowsResult. */
    private LuaValue rowsResult() {
        Expected match = lastMatched();
        List<String> columns = match == null ? List.of() : match.columns();
        List<List<Object>> rows = match == null ? List.of() : match.rows();
        if (columns.isEmpty() && !rows.isEmpty()) {
            List<String> implicit = new ArrayList<>();
            for (int i = 1; i <= rows.get(0).size(); i++) {
                implicit.add("col_" + i);
            }
            columns = implicit;
        }
        LuaTable rowsTable = new LuaTable();
        for (int r = 0; r < rows.size(); r++) {
            LuaTable row = new LuaTable();
            List<Object> values = rows.get(r);
            for (int c = 0; c < values.size(); c++) {
                LuaValue v = GoValues.toLua(values.get(c));
                if (!v.isnil()) {
                    row.rawset(c + 1, v);
                }
            }
            rowsTable.rawset(r + 1, row);
        }
        LuaTable columnsTable = new LuaTable();
        for (int i = 0; i < columns.size(); i++) {
            columnsTable.rawset(i + 1, str(columns.get(i)));
        }
        LuaTable result = new LuaTable();
        result.rawset("rows", rowsTable);
        result.rawset("columns", columnsTable);
        return result;
    }

    /** The entry the engine matched last, with its answer (types.go DBExpectedCall). */
    private Expected lastMatched() {
        JsonNode e = calls.lastMatched();
        if (e == null) {
            return null;
        }
        List<List<Object>> rows = new ArrayList<>();
        JsonNode rowsNode = FixtureBlock.field(e, "rows");
        if (rowsNode != null && rowsNode.isArray()) {
            for (JsonNode row : rowsNode) {
                List<Object> values = new ArrayList<>();
                if (row.isArray()) {
                    row.forEach(v -> values.add(GoValues.fromJson(v)));
                }
                rows.add(values);
            }
        }
        List<String> columns = FixtureBlock.stringList(FixtureBlock.field(e, "columns"));
        return new Expected(FixtureBlock.string(e, "method"), FixtureBlock.string(e, "query_contains"),
                FixtureBlock.optionalInteger(e, "rows_affected"), FixtureBlock.optionalInteger(e, "last_insert_id"),
                columns == null ? List.of() : columns, rows);
    }

    /** mocks.go dbConnectionStatementMock / pushDBMockStatement. */
    private Varargs connStmt(GopherArgs a) {
        Object ud = a.checkUserData(1);
        String query = GoValues.trimSpace(a.checkString(2));
        String err = recordCall("stmt", query);
        if (err != null) {
            return nilAnd(err);
        }
        if (!(ud instanceof Conn conn)) {
            return nilAnd("invalid mock db connection");
        }
        if (conn.closed) {
            return nilAnd("mock db connection is closed");
        }
        return new LuaUserdata(new Stmt(conn, query), stmtMetatable);
    }

    /** mocks.go dbConnectionCloseMock: recorded with empty args before the userdata is checked. */
    private Varargs connClose(GopherArgs a) {
        String err = recordCall("close", "");
        if (err != null) {
            return str(err);
        }
        Object ud = a.checkUserData(1);
        if (!(ud instanceof Conn conn)) {
            return str("invalid mock db connection");
        }
        conn.closed = true;
        return LuaValue.NONE;
    }

    /** mocks.go dbStatementCloseMock: not an expected call. */
    private Varargs stmtClose(GopherArgs a) {
        Object ud = a.checkUserData(1);
        if (!(ud instanceof Stmt stmt)) {
            return str("invalid mock db statement");
        }
        stmt.closed = true;
        return LuaValue.NONE;
    }
}
