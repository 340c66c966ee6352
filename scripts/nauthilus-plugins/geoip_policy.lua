-- A Nauthilus 3.1 subject plugin: a GeoIP policy. An earlier environment plugin (a GeoIP lookup)
-- put the client's country into the request context; this one accepts logins from the allowed
-- countries and from the site's own networks, and rejects the rest. Cases: geoip_policy.cases.yaml.
local nauthilus_context = require("nauthilus_context")

local ALLOWED = { DE = true, AT = true, CH = true }
local OWN_NETWORK = "^10%."

function nauthilus_call_subject(request)
    if string.match(request.client_ip, OWN_NETWORK) then
        nauthilus_context.context_set("geoip_policy", "own network")
        return nauthilus_builtin.SUBJECT_ACCEPT, nauthilus_builtin.SUBJECT_RESULT_OK
    end

    local country = nauthilus_context.context_get("geoip_country")
    if country == nil or country == "" then
        -- no GeoIP answer: do not lock anybody out because a lookup failed
        nauthilus_builtin.custom_log_add("geoip_policy", "no country for " .. request.client_ip)
        nauthilus_context.context_set("geoip_policy", "unknown")
        return nauthilus_builtin.SUBJECT_ACCEPT, nauthilus_builtin.SUBJECT_RESULT_OK
    end

    if ALLOWED[country] then
        nauthilus_context.context_set("geoip_policy", "accept " .. country)
        return nauthilus_builtin.SUBJECT_ACCEPT, nauthilus_builtin.SUBJECT_RESULT_OK
    end

    nauthilus_context.context_set("geoip_policy", "reject " .. country)
    nauthilus_builtin.custom_log_add("geoip_reject", request.username .. " from " .. country)
    nauthilus_builtin.status_message_set("Login from your country is not allowed")
    return nauthilus_builtin.SUBJECT_REJECT, nauthilus_builtin.SUBJECT_RESULT_OK
end
