function auth_password_verify(req, pass)
  if req:password_verify("{PLAIN}secret", pass) == dovecot.auth.PASSDB_RESULT_OK then
    return dovecot.auth.PASSDB_RESULT_OK, ""
  end
  return dovecot.auth.PASSDB_RESULT_PASSWORD_MISMATCH, ""
end
