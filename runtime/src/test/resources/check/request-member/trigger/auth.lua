function auth_passdb_lookup(req)
  local r = req
  req:log_info("from " .. r.remote_adr)
  return dovecot.auth.PASSDB_RESULT_OK, {password = "x"}
end
