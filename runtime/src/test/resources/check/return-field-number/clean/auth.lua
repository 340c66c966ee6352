function auth_userdb_lookup(req)
  return dovecot.auth.USERDB_RESULT_OK, {uid = 1000, quota = "1.5", offset = "-1"}
end
