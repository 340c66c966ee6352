function nauthilus_call_action(r) end
