function nauthilus_call_environment(request) return false, false, 0 end
