function nauthilus_cache_flush(request)
    return {"k1", "k2"}, "acct"
end
