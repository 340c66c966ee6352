package org.dovelua.nauthilus.redis;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dovelua.nauthilus.GopherArgs;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;
import redis.clients.jedis.Jedis;

/**
 * {@code nauthilus_redis} as Nauthilus's test mode serves it (server/testing/luatest/
 * redis_miniredis.go): the real module (server/lualib/redislib/register.go
 * {@code redisModuleFunctions}) over an isolated in-memory server seeded from the fixture's redis
 * block, every function wrapped by {@code wrapRedisModuleFunctions}: the call is recorded with its
 * arguments joined by "," ({@code joinLuaArgs}, gopher-lua's {@code LValue.String()}) and a mismatch
 * is raised as a Lua error before the function runs.
 *
 * <p>Owns its server: close it after the run. {@link #client()} reads the state a run left.
 */
public final class NauthilusRedis extends TwoArgFunction implements AutoCloseable {
    /** lualib/requestenv.go luaRuntimeContextKey. */
    static final String RUNTIME_CONTEXT_KEY = "__NAUTH_REQ_RUNTIME_CONTEXT";

    private final RedisBackend backend;
    private final ModuleCalls calls;
    private final Map<String, RedisFunction> functions = new TreeMap<>();

    /** block: the fixture's redis block (or a missing/null node); calls: its expected_calls. */
    public NauthilusRedis(JsonNode block, ModuleCalls calls) {
        this(block, calls, null);
    }

    /** With the server's clock (jedis-mock {@code setClock}), so tests can move time for TTLs. */
    public NauthilusRedis(JsonNode block, ModuleCalls calls, Clock clock) {
        this.calls = calls == null ? ModuleCalls.NONE : calls;
        this.backend = new RedisBackend(clock);
        try {
            RedisSeed.apply(block, backend);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        RedisCalls c = new RedisCalls(backend);
        new RedisPools(backend).register(functions);
        KeyFunctions.register(functions, c);
        ScriptFunctions.register(functions);
        RedisPipeline.register(functions, c);
        HashFunctions.register(functions, c);
        SortedSetFunctions.register(functions, c);
        CollectionFunctions.register(functions, c);
    }

    /** The names of the module's functions. */
    public List<String> functionNames() {
        return new ArrayList<>(functions.keySet());
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable mod = new LuaTable();
        functions.forEach((name, fn) -> mod.rawset(name, new Wrapped(name, fn, calls)));
        // register.go LoaderModRedis -> lualib/requestenv.go BindRequestRuntimeContext: the
        // module table also carries the request's context as a userdata (not a function, so
        // wrapRedisModuleFunctions leaves it alone)
        mod.rawset(RUNTIME_CONTEXT_KEY, LuaValue.userdataOf(new Object()));
        return mod;
    }

    /** A new client on the run's server, to read the state the script left. */
    public Jedis client() {
        return backend.newClient();
    }

    @Override
    public void close() {
        backend.close();
    }

    /** redis_miniredis.go wrapRedisModuleFunctions: record, raise on mismatch, then run. */
    private static final class Wrapped extends VarArgFunction {
        private final String method;
        private final RedisFunction fn;
        private final ModuleCalls calls;

        Wrapped(String method, RedisFunction fn, ModuleCalls calls) {
            this.method = method;
            this.fn = fn;
            this.calls = calls;
            this.name = method;
        }

        @Override
        public Varargs invoke(Varargs args) {
            String mismatch = calls.record(method, joinLuaArgs(args));
            if (mismatch != null) {
                throw new LuaError(mismatch);
            }
            return fn.call(new GopherArgs(method, args));
        }
    }

    /** redis_miniredis.go joinLuaArgs. */
    static String joinLuaArgs(Varargs args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= args.narg(); i++) {
            if (i > 1) {
                sb.append(',');
            }
            sb.append(GopherArgs.text(args.arg(i)));
        }
        return sb.toString();
    }
}
