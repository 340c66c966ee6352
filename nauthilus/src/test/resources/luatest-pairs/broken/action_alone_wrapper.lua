function nauthilus_call_action(request) return true end
