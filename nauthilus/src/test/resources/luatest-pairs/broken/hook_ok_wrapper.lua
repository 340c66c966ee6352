function nauthilus_run_hook(request) return nil end
