counter = 0
function auth_passdb_lookup(req)
  local last_user = req.user
  _ = req
  return dovecot.auth.PASSDB_RESULT_OK, {password = "x", user = last_user}
end
