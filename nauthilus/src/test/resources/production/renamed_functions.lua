-- dovelua's own fixture script: the functions production renamed or added, per module.
-- Selected with the fixture's context.username: "dns", "brute_force" or "prometheus".
local dns = require("nauthilus_dns")
local bf = require("nauthilus_brute_force")
local prom = require("nauthilus_prometheus")

function nauthilus_call_environment(request)
    local what = request.username
    if what == "dns" then
        local answer, err = dns.resolve("mail.example.org", "a")
        nauthilus_builtin.custom_log_add("dns", answer[1])
    elseif what == "dns_test" then
        local answer = dns.lookup("mail.example.org")
        nauthilus_builtin.custom_log_add("dns", answer[1])
    elseif what == "brute_force" then
        local buckets, err = bf.is_ip_address_blocked("192.0.2.7")
        nauthilus_builtin.custom_log_add("blocked", type(buckets))
    elseif what == "brute_force_test" then
        nauthilus_builtin.custom_log_add("blocked", tostring(bf.is_blocked()))
    elseif what == "prometheus" then
        prom.touch_counter("logins", {result = "ok"})
        prom.add_gauge("sessions", {}, 2)
        prom.sub_gauge("sessions", {}, 1)
    end
    return nauthilus_builtin.ENVIRONMENT_TRIGGER_NO, nauthilus_builtin.ENVIRONMENT_ABORT_NO,
        nauthilus_builtin.ENVIRONMENT_RESULT_OK
end
