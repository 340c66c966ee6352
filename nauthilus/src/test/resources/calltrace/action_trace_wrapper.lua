-- dovelua's own plugin for the --trace-calls round trip: one call into each of four blocks
local ctx = require("nauthilus_context")
local redis = require("nauthilus_redis")
local util = require("nauthilus_util")
local db = require("db")

function nauthilus_call_action(request)
    local pool = util.getenv("TRACE_POOL", "default")
    ctx.context_set("seen", request.username)
    local n, err = redis.redis_incr(pool, "trace:count")
    if err ~= nil then
        error(err)
    end
    local conn, oerr = db.open("mysql", "user:pw@tcp(db)/auth")
    if oerr ~= nil then
        error(oerr)
    end
    local res, qerr = conn:query("SELECT name FROM users WHERE login = 'x'")
    if qerr ~= nil then
        error(qerr)
    end
    local first = res.rows[1] and res.rows[1][1] or "nobody"
    nauthilus_builtin.custom_log_add("trace", "name=" .. first .. " count=" .. tostring(n))
    return nauthilus_builtin.ACTION_RESULT_OK
end
