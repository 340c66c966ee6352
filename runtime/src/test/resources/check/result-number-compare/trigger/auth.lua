function auth_password_verify(req, pass)
  local rc = req:password_verify("{PLAIN}secret", pass)
  if dovecot.auth.PASSDB_RESULT_OK == 0 then
    return rc, ""
  end
  return dovecot.auth.PASSDB_RESULT_PASSWORD_MISMATCH, ""
end
