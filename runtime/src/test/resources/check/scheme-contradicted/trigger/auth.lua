local users = { alice = { password = "{SHA256-CRYPT}$5$abc$def" } }
function auth_passdb_lookup(req)
  local u = users[req.user]
  if u == nil then
    return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, ""
  end
  return dovecot.auth.PASSDB_RESULT_OK, {password = u.password}
end
function auth_userdb_lookup(req)
  return dovecot.auth.USERDB_RESULT_OK, {}
end
