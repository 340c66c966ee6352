function auth_userdb_lookup(req)
  return dovecot.auth.USERDB_RESULT_OK, {home = "/home/x", ["uid"] = 1000}
end
