function auth_userdb_lookup(req)
  return dovecot.auth.USERDB_RESULT_OK, {uid = 1000, gid = 1000, home = "/home/" .. req.user}
end
function auth_passdb_lookup(req)
  return dovecot.auth.PASSDB_RESULT_OK, {password = "x"}
end
function auth_userdb_iterate()
  return {"alice"}
end
