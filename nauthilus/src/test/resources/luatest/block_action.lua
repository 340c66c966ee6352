-- A wrapper-style action: reads the context, logs, sets a status, returns OK.
local ctx = require("nauthilus_context")

function nauthilus_call_action(request)
    nauthilus_builtin.custom_log_add("user", ctx.context_get("username"))
    nauthilus_builtin.status_message_set("Blocked")
    return nauthilus_builtin.ACTION_RESULT_OK
end
