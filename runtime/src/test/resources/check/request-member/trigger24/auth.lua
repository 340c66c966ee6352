function auth_passdb_lookup(req)
  req:log_info(req.service)
  return dovecot.auth.PASSDB_RESULT_OK, {password = "x"}
end
