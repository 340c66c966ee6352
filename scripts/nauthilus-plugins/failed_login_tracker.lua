-- A Nauthilus 3.1 action plugin: after a failed login, count it in Redis per account (a hash of
-- address -> failures, kept a day) and in a ranking of addresses (a sorted set). Successful logins
-- clear the account's counter. Cases: failed_login_tracker.cases.yaml.
local nauthilus_redis = require("nauthilus_redis")

local TTL = 86400

function nauthilus_call_action(request)
    if request.no_auth or request.username == "" then
        return nauthilus_builtin.ACTION_RESULT_OK
    end
    local conn = "default"
    local key = "ntc:failed:" .. request.username

    if request.authenticated then
        local _, err = nauthilus_redis.redis_del(conn, key)
        if err ~= nil then
            nauthilus_builtin.custom_log_add("failed_login_tracker_error", err)
            return nauthilus_builtin.ACTION_RESULT_FAIL
        end
        return nauthilus_builtin.ACTION_RESULT_OK
    end

    local count, err = nauthilus_redis.redis_hincrby(conn, key, request.client_ip, 1)
    if err ~= nil then
        nauthilus_builtin.custom_log_add("failed_login_tracker_error", err)
        return nauthilus_builtin.ACTION_RESULT_FAIL
    end
    nauthilus_redis.redis_expire(conn, key, TTL)
    nauthilus_redis.redis_zincrby(conn, "ntc:failed_ips", 1, request.client_ip)
    nauthilus_builtin.custom_log_add("failed_logins", request.username .. " " .. tostring(count))
    return nauthilus_builtin.ACTION_RESULT_OK
end
