-- A Nauthilus 3.1 hook (an HTTP endpoint under /api/v1/custom/...): answers, as JSON, how many
-- failed logins the failed-login tracker has counted for the requesting account and whether the
-- account is locked. Cases: account_status_hook.cases.yaml.
local nauthilus_redis = require("nauthilus_redis")

local LOCK_AFTER = 5

function nauthilus_run_hook(request)
    local account = request.username
    if account == nil or account == "" then
        return { status = "error", error = "no account given" }
    end
    local counts, err = nauthilus_redis.redis_hgetall("default", "ntc:failed:" .. account)
    if err ~= nil then
        return { status = "error", error = err }
    end
    local total, addresses = 0, {}
    for address, n in pairs(counts) do
        total = total + tonumber(n)
        table.insert(addresses, address)
    end
    table.sort(addresses)
    return {
        status = "ok",
        account = account,
        failed_logins = total,
        addresses = addresses,
        locked = total >= LOCK_AFTER,
    }
end
