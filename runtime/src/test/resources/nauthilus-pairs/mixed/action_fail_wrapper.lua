function nauthilus_call_action(request)
    return nauthilus_builtin.ACTION_RESULT_OK
end
