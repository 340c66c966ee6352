-- A Nauthilus 3.1 environment plugin: asks a blocklist service whether the client's address is
-- listed. Listed: trigger (Nauthilus then rejects the login). Not listed: go on. Service down:
-- go on, but report the failure. The service answers GET <BLOCKLIST_URL>/<address> with
-- {"found": true|false, ...}. Cases: blocklist.cases.yaml (dovelua test .), through a static HTTP stub.
local http = require("glua_http")
local json = require("json")
local nauthilus_context = require("nauthilus_context")

local BLOCKLIST_URL = "http://blocklist.example.org/v1/check"

function nauthilus_call_environment(request)
    if request.no_auth or request.client_ip == "" then
        return nauthilus_builtin.ENVIRONMENT_TRIGGER_NO, nauthilus_builtin.ENVIRONMENT_ABORT_NO,
            nauthilus_builtin.ENVIRONMENT_RESULT_OK
    end

    local res, err = http.get(BLOCKLIST_URL .. "/" .. request.client_ip, {
        headers = { ["Accept"] = "application/json" },
    })
    if err ~= nil or res.status_code ~= 200 then
        nauthilus_builtin.custom_log_add("blocklist_error", err or ("HTTP " .. tostring(res.status_code)))
        return nauthilus_builtin.ENVIRONMENT_TRIGGER_NO, nauthilus_builtin.ENVIRONMENT_ABORT_NO,
            nauthilus_builtin.ENVIRONMENT_RESULT_FAIL
    end

    local answer, jerr = json.decode(res.body)
    if jerr ~= nil then
        nauthilus_builtin.custom_log_add("blocklist_error", "bad answer: " .. jerr)
        return nauthilus_builtin.ENVIRONMENT_TRIGGER_NO, nauthilus_builtin.ENVIRONMENT_ABORT_NO,
            nauthilus_builtin.ENVIRONMENT_RESULT_FAIL
    end

    if answer.found then
        nauthilus_context.context_set("blocklist_hit", true)
        nauthilus_builtin.custom_log_add("blocklist_ip", request.client_ip)
        nauthilus_builtin.status_message_set("IP address blocked")
        return nauthilus_builtin.ENVIRONMENT_TRIGGER_YES, nauthilus_builtin.ENVIRONMENT_ABORT_NO,
            nauthilus_builtin.ENVIRONMENT_RESULT_OK
    end
    return nauthilus_builtin.ENVIRONMENT_TRIGGER_NO, nauthilus_builtin.ENVIRONMENT_ABORT_NO,
        nauthilus_builtin.ENVIRONMENT_RESULT_OK
end
