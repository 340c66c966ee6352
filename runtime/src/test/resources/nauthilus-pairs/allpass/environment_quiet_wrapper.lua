function nauthilus_call_environment(request)
    return false, false, nauthilus_builtin.ENVIRONMENT_RESULT_OK
end
