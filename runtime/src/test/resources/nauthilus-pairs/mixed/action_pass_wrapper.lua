-- dovelua's own pair for the directory mode tests
function nauthilus_call_action(request)
    return nauthilus_builtin.ACTION_RESULT_OK
end
