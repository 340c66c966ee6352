function auth_passdb_lookup(req)
  return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, ""
end
function auth_userdb_lookup(req)
  return dovecot.auth.USERDB_RESULT_OK, {}
end
