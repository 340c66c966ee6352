function auth_passdb_lookup(req)
  return dovecot.auth.PASSDB_RESULT_OK, {
end
