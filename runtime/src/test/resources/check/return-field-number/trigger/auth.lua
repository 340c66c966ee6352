function auth_userdb_lookup(req)
  return dovecot.auth.USERDB_RESULT_OK, {uid = -1, home = "/home/x"}
end
