-- dovelua's own pair (not upstream's): an action that passes
function nauthilus_call_action(request)
    nauthilus_builtin.custom_log_add("counts", "user=" .. tostring(request.username))
    return nauthilus_builtin.ACTION_RESULT_OK
end
