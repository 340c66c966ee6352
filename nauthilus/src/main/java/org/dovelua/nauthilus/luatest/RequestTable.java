package org.dovelua.nauthilus.luatest;

import com.fasterxml.jackson.databind.JsonNode;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * The {@code request} table test mode passes to the entry function (runner.go
 * {@code createRequestTable}); it differs from production: {@code client_host} (not
 * {@code client_hostname}), {@code brute_force_count} (not {@code brute_force_counter}), and it is
 * empty without a {@code context} block.
 */
final class RequestTable {
    private RequestTable() {
    }

    static LuaTable create(MockData data) {
        LuaTable t = new LuaTable();
        if (!data.has("context")) {
            return t;
        }
        JsonNode c = data.block("context");
        for (String k : new String[] {"username", "password", "client_ip", "client_port", "client_host", "client_id",
                "local_ip", "local_port", "service", "protocol", "user_agent", "session"}) {
            t.set(k, c.path(k).asText(""));
        }
        for (String k : new String[] {"debug", "no_auth", "authenticated", "user_found"}) {
            t.set(k, LuaValue.valueOf(c.path(k).asBoolean(false)));
        }
        for (String k : new String[] {"account", "unique_user_id", "display_name", "status_message"}) {
            t.set(k, c.path(k).asText(""));
        }
        t.set("brute_force_count", LuaValue.valueOf((double) c.path("brute_force_count").asLong(0)));
        t.set("log_level", c.path("debug").asBoolean(false) ? "debug" : "info");
        t.set("log_format", "json");
        LuaTable logging = new LuaTable(); // "Keep old nested shape for backwards compatibility."
        logging.set("log_level", t.get("log_level"));
        logging.set("log_format", t.get("log_format"));
        t.set("logging", logging);
        return t;
    }
}
