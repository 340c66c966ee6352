package org.dovelua.dict;

import com.github.fppt.jedismock.RedisClient;
import com.github.fppt.jedismock.datastructures.Slice;
import com.github.fppt.jedismock.operations.server.MockExecutor;
import com.github.fppt.jedismock.server.RedisCommandInterceptor;
import com.github.fppt.jedismock.server.Response;
import com.github.fppt.jedismock.storage.OperationExecutorState;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What jedis-mock leaves out of a real Redis 7.0 server (Debian 12's redis-server) that a dict
 * lookup can meet: {@code requirepass} (AUTH's replies, NOAUTH before it; server.c / acl.c) and
 * the 16 databases of the default config ({@code SELECT}'s range error; db.c selectCommand).
 * The texts are Redis 7.0.15's, checked by RedisDictRealServerTest.
 */
final class RedisServerRules implements RedisCommandInterceptor {
    static final int DATABASES = 16;

    private final String requirepass; // "" when the server has none
    private final Set<RedisClient> authenticated = Collections.synchronizedSet(
            Collections.newSetFromMap(new IdentityHashMap<>()));

    RedisServerRules(String requirepass) {
        this.requirepass = requirepass;
    }

    @Override
    public Slice execCommand(OperationExecutorState state, String name, List<Slice> params) {
        String cmd = name.toLowerCase(java.util.Locale.ROOT);
        if (cmd.equals("auth")) {
            return auth(state, params);
        }
        if (!requirepass.isEmpty() && !authenticated.contains(state.owner())) {
            return Response.error("NOAUTH Authentication required.");
        }
        if (cmd.equals("select") && params.size() == 1) {
            String arg = new String(params.get(0).data(), StandardCharsets.UTF_8);
            long db;
            try {
                db = Long.parseLong(arg);
            } catch (NumberFormatException e) {
                return Response.error("ERR value is not an integer or out of range");
            }
            if (db < 0 || db >= DATABASES) {
                return Response.error("ERR DB index is out of range");
            }
        }
        return MockExecutor.proceed(state, name, params);
    }

    private Slice auth(OperationExecutorState state, List<Slice> params) {
        if (params.size() != 1) {
            return MockExecutor.proceed(state, "auth", params);
        }
        if (requirepass.isEmpty()) {
            return Response.error("ERR AUTH <password> called without any password configured for the"
                    + " default user. Are you sure your configuration is correct?");
        }
        if (!requirepass.equals(new String(params.get(0).data(), StandardCharsets.UTF_8))) {
            return Response.error("WRONGPASS invalid username-password pair or user is disabled.");
        }
        authenticated.add(state.owner());
        return Response.OK;
    }
}
