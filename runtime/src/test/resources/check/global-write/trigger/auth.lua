function auth_passdb_lookup(req)
  last_user = req.user
  return dovecot.auth.PASSDB_RESULT_OK, {password = "x"}
end
